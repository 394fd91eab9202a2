// People administration in the browser: field errors keep what was typed, saving, deactivating, teams.
import { test, expect } from './fixtures';
import { ACCOUNTS, hydrated, signIn } from './helpers';

test('admin adds a person: a duplicate e-mail is shown on the field and nothing typed is lost', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/people');
  await page.getByRole('link', { name: 'Persoon toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Persoon toevoegen');
  await hydrated(page);

  await page.getByLabel('Naam').fill('Noor van Leeuwen');
  await page.getByLabel('E-mailadres').fill('Daan.Bakker@dijkhuis.example');
  await page.getByLabel('Personeelsnummer').fill('dv-3001');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Klantenservice — Klantcontactcentrum' });
  await page.getByLabel('Leidinggevende').selectOption({ label: 'Ruud Hendriks (Klantcontactcentrum)' });
  await page.getByLabel('Beoordelaar (teamleider)').check();
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();

  const email = page.getByLabel('E-mailadres');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveText('Er is al iemand met dit e-mailadres.');
  await expect(page.getByRole('alert').first()).toContainText('Niet alles is goed ingevuld');
  await expect(page.getByLabel('Naam')).toHaveValue('Noor van Leeuwen');
  await expect(page.getByLabel('Personeelsnummer')).toHaveValue('dv-3001');
  await expect(page.getByLabel('Beoordelaar (teamleider)')).toBeChecked();

  await email.fill('noor.vanleeuwen@dijkhuis.example');
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'De gegevens zijn opgeslagen.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Noor van Leeuwen bewerken');
  await expect(page.getByLabel('Personeelsnummer')).toHaveValue('DV-3001');

  // Deactivate: the list shows her as inactive.
  await hydrated(page);
  await page.getByLabel('Account actief').uncheck();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De gegevens zijn opgeslagen.' })).toBeVisible();
  await page.goto('/admin/people?q=leeuwen');
  const row = page.getByRole('row', { name: /Noor van Leeuwen/ });
  await expect(row).toContainText('Inactief');
  await expect(row).toContainText('Beoordelaar (teamleider)');
});

test('admin cannot deactivate their own account', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/people?q=sanne');
  await page.getByRole('main').getByRole('link', { name: 'Sanne Visser' }).click();
  await hydrated(page);
  await page.getByLabel('Account actief').uncheck();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('#field-active-error')).toHaveText('Je kunt je eigen account niet op inactief zetten.');
});

test('the people filters narrow the list and live in the URL', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await page.goto('/hr/people');
  await hydrated(page);
  await page.getByLabel('Status').selectOption('inactive');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/status=inactive/);
  await expect(page.getByRole('row', { name: /Henk Postma/ })).toBeVisible();
  // Every data row (all rows but the header) is an inactive person; nobody active slipped through.
  const rows = await page.getByRole('row').count();
  await expect(page.getByRole('row').filter({ hasText: 'Inactief' })).toHaveCount(rows - 1);
  await expect(page.getByRole('row', { name: /Daan Bakker/ })).toHaveCount(0);
});

test('admin adds a team to a department', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/organisation');
  await hydrated(page);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Team toevoegen' }) });
  await form.getByRole('button', { name: 'Team toevoegen' }).click();
  await expect(page.locator('#field-department-id-error')).toHaveText('Dit veld is verplicht.');
  await form.getByLabel('Afdeling').selectOption({ label: 'Klantenservice' });
  await form.getByLabel('Naam van het team').fill('Sociale Media');
  await form.getByRole('button', { name: 'Team toevoegen' }).click();
  await expect(page.getByRole('link', { name: 'Sociale Media' })).toBeVisible();
});
