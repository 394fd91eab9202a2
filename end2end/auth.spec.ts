// Signing in and out as every role, what each role's navigation offers, and role denial.
import { test, expect } from './fixtures';
import { ACCOUNTS, PASSWORD, hydrated, signIn, signOut } from './helpers';

// The navigation per role: plain links, and each group's menu as "Heading: its links"; the last
// link is the account, under the person's name.
const MINE = 'Mijn rijbewijs: Mijn klantreis, Status en voortgang, Bibliotheek';
const NAV = {
  admin: [MINE, 'HR: Dashboard, Medewerkers, Medewerkers importeren, Uitnodigingen, Auditlog', 'Beheer: Mensen beheren, Organisatie, Klantreizen, Rijbewijsregels'],
  hr: [MINE, 'HR: Dashboard, Medewerkers, Medewerkers importeren, Uitnodigingen, Auditlog, Gelopen klantreizen, Rijbewijsregels, Verbeteringen'],
  reviewer: [MINE, 'Mijn team: Rijbewijzen van mijn team, Dekking van mijn team, Gelopen klantreizen, Inbox wrijvingen, Verbeteringen'],
  employee: ['Mijn klantreis', 'Mijn rijbewijs', 'Bibliotheek'],
  cx: [MINE, 'Verbeteren: Inbox wrijvingen, Verbeteringen', 'Klantreizen'],
} as const;

for (const role of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
  test(`sign in and out as ${role}`, async ({ page }) => {
    const account = ACCOUNTS[role];
    await signIn(page, account.email);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${account.name}`);
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const items = await nav.locator('.site-nav__list > li').evaluateAll((lis) =>
      lis.map((li) => {
        const text = (e: Element) => (e.textContent ?? '').trim();
        const summary = li.querySelector('summary');
        return summary ? `${text(summary)}: ${[...li.querySelectorAll('a')].map(text).join(', ')}` : text(li);
      }),
    );
    expect(items).toEqual([...NAV[role], `Mijn account: ${account.name}`]);
    await signOut(page);
    // Signed out means really signed out: the home page sends us back to sign in.
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });
}

test('a wrong password shows one translated message and keeps the e-mail', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.employee.email);
  await page.getByLabel('Wachtwoord').fill('niet-het-goede');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of wachtwoord klopt niet.');
  await expect(page.getByLabel('E-mailadres')).toHaveValue(ACCOUNTS.employee.email);
  await expect(page).toHaveURL(/\/login/);
});

test('empty fields are marked per field', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  const email = page.getByLabel('E-mailadres');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveText('Dit veld is verplicht.');
  await expect(page.locator('#field-password-error')).toHaveText('Dit veld is verplicht.');
});

test('an employee gets a 403 page for HR and admin pages', async ({ page }) => {
  await signIn(page, ACCOUNTS.employee.email);
  for (const path of ['/hr/people', '/admin/people', '/admin/organisation']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geen toegang');
  }
});

test('a protected page sends an anonymous visitor to sign in and back', async ({ page }) => {
  await page.goto('/admin/people');
  await expect(page).toHaveURL(/\/login\?next=\/admin\/people$/);
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.admin.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/admin\/people$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensen beheren');
});

test('unknown addresses get a real 404 page', async ({ page }) => {
  const response = await page.goto('/deze-pagina-bestaat-niet');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
});
