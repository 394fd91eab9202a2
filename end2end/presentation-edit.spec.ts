// The presentation editor with JavaScript: make the presentation from the walkthrough log, see it
// filled in, move a finding with the keyboard, leave one out, write Markdown and see it rendered,
// save speaker notes; axe-core finds nothing; phone and desktop screenshots for review.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { signIn, expectAccessible } from './helpers';

// Reserved in the demo data for this spec: a completed walkthrough without a presentation.
const AUTHOR = 'noa.claassen@dijkhuis.example';

/** Opens the author's walkthrough log and from it the editor (making the presentation if needed). */
async function openEditor(page: Page) {
  await page.goto('/walk');
  await page.locator('a[href^="/walkthroughs/"]').first().click();
  const make = page.getByRole('button', { name: 'Presentatie maken' });
  if (await make.count()) {
    await make.click();
  } else {
    await page.getByRole('link', { name: 'Presentatie bewerken' }).click();
  }
  await expect(page).toHaveURL(/\/presentations\/\d+\/edit/);
}

/** The slide ids in the order the editor shows them. */
async function slideOrder(page: Page): Promise<string[]> {
  return page.locator('li[data-slide]').evaluateAll((els) => els.map((e) => e.getAttribute('data-slide') ?? ''));
}

test('the author makes, orders and writes a presentation', async ({ page }) => {
  await signIn(page, AUTHOR);
  await openEditor(page);

  // Filled in from the log: the journey as title, the findings by severity (blocker first).
  await expect(page.locator('#field-title')).not.toHaveValue('');
  const kinds = await page.locator('.pslide__kind').allTextContents();
  const rank = (k: string) => (k.includes('Blokkade') ? 0 : k.includes('Groot') ? 1 : k.includes('Klein') ? 2 : 3);
  const frictions = kinds.filter((k) => k.includes('Wrijving')).map(rank);
  expect(frictions.length).toBeGreaterThan(1);
  expect([...frictions].sort()).toEqual(frictions);

  // Move the second finding up with the keyboard.
  const findings = page.locator('li[data-slide]').filter({ has: page.locator('.pslide__kind', { hasText: 'Bevinding' }) });
  const first = await findings.nth(0).getAttribute('data-slide');
  const second = await findings.nth(1).getAttribute('data-slide');
  await findings.nth(1).locator('button[data-move="up"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#slide-${second}$`));
  await page.reload();
  const order = await slideOrder(page);
  expect(order.indexOf(second!)).toBe(order.indexOf(first!) - 1);

  // Leave the (now second) finding out.
  const out = page.locator(`li[data-slide="${first}"]`);
  await out.getByRole('button', { name: /^Weglaten/ }).click();
  await expect(page.locator(`li[data-slide="${first}"]`)).toHaveClass(/pslide--out/);
  await expect(page.locator(`li[data-slide="${first}"]`).getByRole('button', { name: /^Opnemen/ })).toBeVisible();

  // Markdown in the introduction, rendered in the preview.
  await page.locator('#field-introduction').fill('Wat ik leerde:\n\n- dit is **belangrijk**\n- en dit ook');
  await page.getByRole('button', { name: 'Teksten opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).first()).toBeVisible();
  await expect(page.locator('.pedit__md strong').first()).toHaveText('belangrijk');
  await expect(page.locator('.pedit__md li')).toHaveCount(2);

  // Speaker notes on the title slide.
  const titleSlide = page.locator('li[data-slide]').first();
  const notes = titleSlide.getByLabel('Sprekersnotities (alleen voor jou)');
  await notes.fill('Begin met de wachttijd.');
  await titleSlide.getByRole('button', { name: 'Notities opslaan' }).click();
  await page.reload();
  await expect(page.locator('li[data-slide]').first().getByLabel('Sprekersnotities (alleen voor jou)')).toHaveValue(
    'Begin met de wachttijd.',
  );

  await expectAccessible(page, 'presentation editor');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: '/tmp/edit-shots/editor-phone.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: '/tmp/edit-shots/editor-desktop.png', fullPage: true });
});
