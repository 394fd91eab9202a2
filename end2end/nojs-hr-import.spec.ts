// The employee import without JavaScript: plain multipart upload and form posts (see
// hr-import-flow.ts).
import { test, expect } from './fixtures';
import { ACCOUNTS, PASSWORD } from './helpers';
import { importWithOneError } from './hr-import-flow';

test('HR imports a file with one error, fixes it and applies it without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.hr.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');
  await importWithOneError(page, 'nojs', 2);
});
