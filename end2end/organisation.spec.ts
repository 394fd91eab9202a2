// Organisation upkeep in the browser (admin): a department and two teams of its own are added,
// a case-different duplicate is refused, a team renamed, merged into the other and the empty
// one removed, then the department. axe-core on the page; screenshots at 390 and 1280 px when
// SHOTS_DIR is set.
import { expect, test } from './fixtures';
import { ACCOUNTS, expectAccessible, signIn } from './helpers';

test('an admin renames, merges and removes departments and teams', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/organisation');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisatie');
  await expectAccessible(page, 'organisation');

  const addDepartment = page.locator('form').filter({ has: page.getByRole('button', { name: 'Afdeling toevoegen' }) });
  await addDepartment.getByLabel('Naam van de afdeling').fill('Testafdeling E2E');
  await addDepartment.getByRole('button', { name: 'Afdeling toevoegen' }).click();
  await expect(page.locator('.org-department__title').filter({ hasText: 'Testafdeling E2E' })).toBeVisible();

  await addDepartment.getByLabel('Naam van de afdeling').fill('  testafdeling e2e ');
  await addDepartment.getByRole('button', { name: 'Afdeling toevoegen' }).click();
  await expect(addDepartment.locator('.field__error')).toHaveText('Deze naam bestaat al.');

  const addTeam = page.locator('form').filter({ has: page.getByRole('button', { name: 'Team toevoegen' }) });
  for (const team of ['Team Een E2E', 'Team Twee E2E']) {
    await addTeam.getByLabel('Afdeling').selectOption({ label: 'Testafdeling E2E' });
    await addTeam.getByLabel('Naam van het team').fill(team);
    await addTeam.getByRole('button', { name: 'Team toevoegen' }).click();
    await expect(page.locator('.org-team').filter({ hasText: team })).toBeVisible();
  }

  const rename = page.locator('form').filter({ has: page.getByRole('button', { name: 'Naam wijzigen' }) });
  await rename.getByLabel('Afdeling of team').selectOption({ label: 'Team Een E2E' });
  await rename.getByLabel('Nieuwe naam').fill('Team Eén E2E');
  await rename.getByRole('button', { name: 'Naam wijzigen' }).click();
  await expect(page.locator('.org-team').filter({ hasText: 'Team Eén E2E' })).toBeVisible();

  const merge = page.locator('form').filter({ has: page.getByRole('button', { name: 'Samenvoegen' }) });
  await merge.getByLabel('Samenvoegen', { exact: true }).selectOption({ label: 'Team Twee E2E' });
  await merge.getByLabel('met').selectOption({ label: 'Team Eén E2E' });
  await merge.getByRole('button', { name: 'Samenvoegen' }).click();
  await expect(page.locator('.org-team').filter({ hasText: 'Team Twee E2E' })).toHaveCount(0);

  const remove = page.locator('form').filter({ has: page.getByRole('button', { name: 'Verwijderen' }) });
  // A department with a team is refused with the reason.
  await remove.getByLabel('Afdeling of team').selectOption({ label: 'Testafdeling E2E (hele afdeling)' });
  await remove.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(remove.locator('.field__error')).toContainText('Deze afdeling heeft nog teams');
  await expectAccessible(page, 'organisation with an error');
  await remove.getByLabel('Afdeling of team').selectOption({ label: 'Team Eén E2E' });
  await remove.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('.org-team').filter({ hasText: 'Team Eén E2E' })).toHaveCount(0);
  await remove.getByLabel('Afdeling of team').selectOption({ label: 'Testafdeling E2E (hele afdeling)' });
  await remove.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.locator('.org-department__title').filter({ hasText: 'Testafdeling E2E' })).toHaveCount(0);

  if (process.env.SHOTS_DIR) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/organisation-${width}.png`, fullPage: true });
    }
  }
});
