// Getting in, read from the real mail: an admin creates a person with an invitation, the
// invitation arrives (from start-server.sh's SMTP sink) in the person's language, its link sets a
// password and signs them in, the link works once, and the new password signs in. Also a
// forgotten password, by the reset mail's link.
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, hydrated, signIn, signOut } from './helpers';
import { mailTo, passwordLink } from './mail';

const NEW_PASSWORD = 'mijn eigen wachtwoord';
// A demo colleague no other spec signs in as: the reset changes her password for the rest of the run.
const JESSE = 'jesse.kok@dijkhuis.example';

test('an invited person sets a password from the mail and signs in with it', async ({ page }) => {
  const stamp = Date.now();
  const email = `nina.${stamp}@dijkhuis.example`;
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/people/new');
  await hydrated(page);
  await page.getByLabel('Naam', { exact: true }).fill('Nina Visser');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Personeelsnummer').fill(`E2E-${stamp}`);
  await page.getByLabel('Voorkeurstaal').selectOption('en');
  await expect(page.getByLabel('Uitnodiging sturen')).toBeChecked();
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=1$/);

  // HR's list shows her as invited, not yet accepted.
  await page.goto(`/hr/invitations?q=${stamp}`);
  await expect(page.getByRole('row', { name: /Nina Visser/ })).toContainText('Verstuurd, nog niet geaccepteerd');
  await expectAccessible(page, 'the invitation list');
  await signOut(page);

  const mail = await mailTo(email);
  expect(mail.subject).toBe('Welcome to Klantenrijbewijs: choose your password');
  const link = passwordLink(mail);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Nina Visser');
  await expectAccessible(page, 'the set-password page');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord opslaan en aanmelden' }).click();
  // Signed in, in her own language.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Nina Visser');
  await hydrated(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet meer');

  // The new password signs in.
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Nina Visser');
});

test('a forgotten password is replaced through the reset mail', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord vergeten');
  await expectAccessible(page, 'the forgot-password page');
  await page.getByLabel('E-mailadres').fill(JESSE);
  await page.getByRole('button', { name: 'Stuur de link' }).click();
  await expect(page.getByRole('status')).toContainText('Als dit adres bij een account hoort');

  const mail = await mailTo(JESSE);
  expect(mail.subject).toBe('Nieuw wachtwoord voor Klantenrijbewijs');
  await page.goto(passwordLink(mail));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kies een nieuw wachtwoord');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord opslaan en aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jesse');
});
