// The inbox without JavaScript: the filter is a plain GET form and the triage a plain form post.
// Naomi Tjin leads Website & App, which owns the step where Mila (this year) and Tim (last year)
// both could not change their yearly kilometres online; she merges the two into one improvement,
// after being told what was missing with everything she typed kept. (axe runs on the same pages in
// improvement-inbox.spec.ts: it cannot run in a browser without JavaScript.)
import { test, expect } from './fixtures';
import { plainSignIn } from './helpers';

const LEAD = 'naomi.tjin@dijkhuis.example';
const MILA = 'Kilometers aanpassen geeft een foutmelding';
const TIM = 'Kilometerstand alleen telefonisch aan te passen';

test('a lead merges two reports into one improvement with plain form posts', async ({ page }) => {
  await plainSignIn(page, LEAD);
  await page.goto('/improvements/inbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox wrijvingen' })).toBeVisible();

  // The GET filter: blockers only.
  await page.getByText('Filters', { exact: true }).click();
  await page.getByLabel('Ernst', { exact: true }).selectOption('blocker');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/severity=blocker/);
  await expect(page.getByRole('checkbox', { name: MILA })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: TIM })).toBeVisible();

  await page.getByRole('checkbox', { name: MILA }).check();
  await page.getByRole('checkbox', { name: TIM }).check();
  await page.getByLabel('Leveringskloof').check();
  await page.getByLabel('Titel van de verbetering').fill('Kilometers online aanpassen');
  await page.getByRole('button', { name: 'Verbetering maken' }).click();
  // Refused (no problem in the customer's words): back with the message, the rest kept.
  await expect(page.getByText('Dit veld is verplicht.').first()).toBeVisible();
  await expect(page.getByLabel('Titel van de verbetering')).toHaveValue('Kilometers online aanpassen');
  await expect(page.getByRole('checkbox', { name: MILA })).toBeChecked();
  await expect(page.getByLabel('Leveringskloof')).toBeChecked();

  await page.getByLabel('Het probleem in de woorden van de klant').fill('Ik kan mijn kilometers nergens online aanpassen.');
  await page.getByRole('button', { name: 'Verbetering maken' }).click();
  await expect(page.getByRole('status')).toContainText('De verbetering is gemaakt');
  await expect(page).toHaveURL(/severity=blocker&triaged=new-\d+/);
  await expect(page.getByRole('checkbox', { name: MILA })).toHaveCount(0);

  await page.goto('/improvements/inbox?state=triaged');
  await expect(page.locator('.friction', { hasText: 'Kilometers online aanpassen' })).toHaveCount(2);
});
