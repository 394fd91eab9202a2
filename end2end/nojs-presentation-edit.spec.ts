// The presentation editor without JavaScript: making the presentation, moving a slide and saving
// the texts are plain form posts that bring the browser back to the editor.
import { test, expect } from './fixtures';

const AUTHOR = 'noa.claassen@dijkhuis.example';

test('reorder and texts work without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(AUTHOR);
  await page.getByLabel('Wachtwoord').fill('demo-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');

  await page.goto('/walk');
  await page.locator('a[href^="/walkthroughs/"]').first().click();
  const make = page.getByRole('button', { name: 'Presentatie maken' });
  if (await make.count()) {
    await make.click();
  } else {
    await page.getByRole('link', { name: 'Presentatie bewerken' }).click();
  }
  await expect(page).toHaveURL(/\/presentations\/\d+\/edit/);

  const slides = page.locator('li[data-slide]');
  const before = await slides.evaluateAll((els) => els.map((e) => e.getAttribute('data-slide') ?? ''));
  const moved = before[5];
  await page.locator(`li[data-slide="${moved}"] button[data-move="up"]`).click();
  await expect(page).toHaveURL(new RegExp(`/edit#slide-${moved}$`));
  const after = await slides.evaluateAll((els) => els.map((e) => e.getAttribute('data-slide') ?? ''));
  expect(after.indexOf(moved)).toBe(4);
  expect(after[5]).toBe(before[4]);

  await page.locator('#field-key-message').fill('Een klant wacht **niet** graag.');
  await page.getByRole('button', { name: 'Teksten opslaan' }).click();
  await expect(page).toHaveURL(/\/edit\?saved=1#texts$/);
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).first()).toBeVisible();
  await expect(page.locator('.pedit__md strong', { hasText: 'niet' })).toHaveCount(1);

  // A refused save keeps what was typed and names the field.
  await page.locator('#field-title').fill('');
  await page.locator('#field-key-message').fill('Dit blijft staan.');
  await page.getByRole('button', { name: 'Teksten opslaan' }).click();
  await expect(page.locator('#field-title-error')).toBeVisible();
  await expect(page.locator('#field-key-message')).toHaveValue('Dit blijft staan.');
});
