// The licence without JavaScript: a reviewer signs off from the team page with a plain form
// post and the employee reads the result.
import { test, expect } from './fixtures';
import { plainSignIn } from './helpers';

test('sign-off works as a plain form post', async ({ page }) => {
  await plainSignIn(page, 'ruud.hendriks@dijkhuis.example');
  await page.goto('/licence/team');
  await expect(page.locator('.team-waiting')).toContainText('Rick van Leeuwen');
  await page.getByRole('button', { name: 'Rijbewijs aftekenen voor Rick van Leeuwen' }).click();
  await expect(page.getByRole('status')).toContainText('Het rijbewijs is afgetekend.');
  await expect(page.locator('.team-waiting')).not.toContainText('Rick van Leeuwen');
  const row = page.locator('.team-licences tr', { hasText: 'Rick van Leeuwen' });
  await expect(row).toContainText('Geldig');
});
