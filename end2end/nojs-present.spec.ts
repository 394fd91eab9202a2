// Present mode without JavaScript: every slide stacked as a readable page, with anchors and links
// from slide to slide, and printing still one page per slide. (axe needs JavaScript: present.spec.ts
// checks this stacked view with the bundle blocked.)
import { test, expect } from './fixtures';
import { ACCOUNTS, plainSignIn } from './helpers';

const SHOTS = process.env.PRESENT_SHOTS || '/tmp/present-shots';
// The first demo presentation: confirmed and shared with the whole organisation.
const DECK = '/presentations/1/present';
const TITLE = 'Schade melden met een app die het opgeeft';

test('the slides are a stacked document with links from slide to slide', async ({ page }) => {
  // No smooth scrolling to wait for between the anchor links.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await plainSignIn(page, ACCOUNTS.employee.email);

  await page.goto(DECK);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.locator('#present')).not.toHaveAttribute('data-live', '');
  const slides = page.locator('section.slide');
  const total = await slides.count();
  expect(total).toBeGreaterThanOrEqual(5);
  for (let n = 1; n <= total; n++) {
    await expect(page.locator(`#slide-${n}`)).toHaveAttribute('aria-label', `Dia ${n} van ${total}`);
  }
  await expect(slides.filter({ visible: true })).toHaveCount(total);
  // The controls need JavaScript, so they are not shown; the links do the job.
  await expect(page.locator('.present__bar')).toBeHidden();
  await expect(page.locator('.slide__notes')).toHaveCount(0);
  await page.locator('#slide-1').getByRole('link', { name: 'Volgende dia' }).click();
  await expect(page).toHaveURL(/#slide-2$/);
  await expect(page.locator('#slide-2')).toBeInViewport();
  await page.locator('#slide-2').getByRole('link', { name: 'Vorige dia' }).click();
  await expect(page).toHaveURL(/#slide-1$/);
  await page.screenshot({ path: `${SHOTS}/nojs-desktop.png`, fullPage: true });

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBe(total);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${DECK}#slide-5`);
  await page.screenshot({ path: `${SHOTS}/nojs-phone.png` });
  await page.screenshot({ path: `${SHOTS}/nojs-phone-full.png`, fullPage: true });
});
