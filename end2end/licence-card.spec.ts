// The licence card and its public verification in the browser: HR certifies an employee by hand
// (so the spec does not lean on demo licences), the employee sees the card with its QR code, it
// prints on exactly one A4 page, and a visitor without an account opens the verification address
// and reads "Geldig". axe-core on both pages, on desktop and phone.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { ACCOUNTS, expectAccessible, hydrated, signIn, signOut } from './helpers';

/** An admin certifies Daan by hand (a second time is refused: he already holds one, fine). */
async function certifyDaan(page: Page) {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/people');
  const href = await page.getByRole('link', { name: ACCOUNTS.employee.name, exact: true }).getAttribute('href');
  const id = href?.split('/').pop();
  expect(id).toMatch(/^\d+$/);
  await page.goto(`/licence/people/${id}`);
  await hydrated(page);
  await page.getByLabel('Reden', { exact: true }).first().fill('Overgenomen uit het register van 2025.');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/licence/certify')),
    page.getByRole('button', { name: 'Certificeren' }).click(),
  ]);
  await page.goto('/');
  await signOut(page);
}

test('the employee shows and prints the card; anyone can verify it without signing in', async ({ page, browser }) => {
  await certifyDaan(page);
  await signIn(page, ACCOUNTS.employee.email);
  await page.goto('/licence/card');
  await hydrated(page);
  const card = page.locator('article.licence-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText(ACCOUNTS.employee.name);
  await expect(card).toContainText('Geldig t/m');
  await expect(card.locator('.licence-card__qr svg.qr path')).toHaveCount(1);
  await expectAccessible(page, 'licence card');

  // Print (Chromium's PDF): the card alone, exactly one A4 page.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBe(1);
  const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  expect(box, 'the PDF names its page size').not.toBeNull();
  // A4 is 595.28 x 841.89 points.
  expect(Math.round(Number(box![1]))).toBe(595);
  expect(Math.round(Number(box![2]))).toBe(842);

  const url = (await card.locator('.licence-card__url').textContent())!.trim();
  expect(url).toMatch(/\/verify\/[0-9A-Z]{16}$/);
  const code = (await card.locator('.licence-card__code').textContent())!.trim();

  // A visitor with no account: a fresh browser context, no cookies.
  const visitor = await browser.newContext();
  const stranger = await visitor.newPage();
  const answer = await stranger.goto(url);
  expect(answer?.status()).toBe(200);
  expect(answer?.headers()['x-robots-tag']).toContain('noindex');
  expect(answer?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(stranger.getByRole('heading', { level: 2, name: 'Geldig' })).toBeVisible();
  await expect(stranger.locator('.verify-result')).toContainText(ACCOUNTS.employee.name);
  await expectAccessible(stranger, 'verify page, valid');

  // The form: typed as printed, in lower case.
  await stranger.goto('/verify');
  await stranger.getByLabel('Controlecode').fill(code.toLowerCase());
  await stranger.getByRole('button', { name: 'Controleren' }).click();
  await expect(stranger.getByRole('heading', { level: 2, name: 'Geldig' })).toBeVisible();
  await stranger.getByLabel('Controlecode').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  await stranger.getByRole('button', { name: 'Controleren' }).click();
  await expect(stranger.getByRole('heading', { level: 2, name: 'Onbekende code' })).toBeVisible();
  await expectAccessible(stranger, 'verify page, unknown code');
  await visitor.close();
});

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`card and verify page on ${viewport.name}`, async ({ page, browser }) => {
    await certifyDaan(page);
    await signIn(page, ACCOUNTS.employee.email);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto('/licence/card');
    await hydrated(page);
    await expect(page.locator('article.licence-card')).toBeVisible();
    // Nothing wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, `licence card on ${viewport.name}`);
    await page.screenshot({ path: `test-results/licence-card-${viewport.name}.png`, fullPage: true });
    const url = (await page.locator('.licence-card__url').textContent())!.trim();

    const visitor = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const stranger = await visitor.newPage();
    await stranger.goto(url);
    await hydrated(stranger);
    await expect(stranger.locator('.verify-result--valid')).toBeVisible();
    await expectAccessible(stranger, `verify page on ${viewport.name}`);
    await stranger.screenshot({ path: `test-results/verify-${viewport.name}.png`, fullPage: true });
    await visitor.close();
  });
}
