// Changing one's own password.
import { test, expect } from './fixtures';
import { PASSWORD, hydrated, signIn, signOut } from './helpers';

test('change own password, then sign in with the new one', async ({ page }) => {
  // A plain employee: the password stays changed for the rest of the run, so not an account other specs sign in with.
  const email = 'kevin.lin@dijkhuis.example';
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
  await hydrated(page);

  await page.getByLabel('Huidig wachtwoord').fill(PASSWORD);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een lange nieuwe zin');
  await page.getByLabel('Herhaal nieuw wachtwoord').fill('een andere zin');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.locator('#field-confirm-password-error')).toHaveText('De twee wachtwoorden zijn niet gelijk.');

  // The form posted and came back; passwords are never kept, so all three are typed again.
  await page.getByLabel('Huidig wachtwoord').fill(PASSWORD);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een lange nieuwe zin');
  await page.getByLabel('Herhaal nieuw wachtwoord').fill('een lange nieuwe zin');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd.' })).toBeVisible();
  await expect(page.getByLabel('Huidig wachtwoord')).toHaveValue('');

  await signOut(page);
  await signIn(page, email, 'een lange nieuwe zin');
});
