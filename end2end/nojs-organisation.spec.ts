// Organisation upkeep without JavaScript: plain form posts add, rename and remove a department of
// its own; a refused removal comes back with the reason and the choice kept.
import { expect, test } from './fixtures';
import { ACCOUNTS, plainSignIn } from './helpers';

test('an admin maintains departments without JavaScript', async ({ page }) => {
  await plainSignIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/organisation');
  const addDepartment = page.locator('form').filter({ has: page.getByRole('button', { name: 'Afdeling toevoegen' }) });
  await addDepartment.getByLabel('Naam van de afdeling').fill('Zonder JS');
  await addDepartment.getByRole('button', { name: 'Afdeling toevoegen' }).click();
  await expect(page.locator('.org-department__title').filter({ hasText: 'Zonder JS' })).toBeVisible();

  const remove = page.locator('form').filter({ has: page.getByRole('button', { name: 'Verwijderen' }) });
  await remove.getByLabel('Afdeling of team').selectOption({ label: 'Autoschade' });
  await remove.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('main')).toContainText('In dit team zitten nog mensen');
  const kept = page.locator('form').filter({ has: page.getByRole('button', { name: 'Verwijderen' }) });
  await expect(kept.getByLabel('Afdeling of team').locator('option:checked')).toHaveText('Autoschade');

  const rename = page.locator('form').filter({ has: page.getByRole('button', { name: 'Naam wijzigen' }) });
  await rename.getByLabel('Afdeling of team').selectOption({ label: 'Zonder JS (hele afdeling)' });
  await rename.getByLabel('Nieuwe naam').fill('Zonder JavaScript');
  await rename.getByRole('button', { name: 'Naam wijzigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  await expect(page.locator('.org-department__title').filter({ hasText: 'Zonder JavaScript' })).toBeVisible();

  const again = page.locator('form').filter({ has: page.getByRole('button', { name: 'Verwijderen' }) });
  await again.getByLabel('Afdeling of team').selectOption({ label: 'Zonder JavaScript (hele afdeling)' });
  await again.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('.org-department__title').filter({ hasText: 'Zonder JavaScript' })).toHaveCount(0);
});
