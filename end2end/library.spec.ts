// The library in the browser: a colleague finds a presentation by search, opens it, comments and
// recognises a friction; the author then sees both. Library, reading and journey pages pass axe
// on desktop and phone.
import { test, expect } from './fixtures';
import { expectAccessible, hydrated, signIn, signOut } from './helpers';

const AUTHOR = 'floor.janssen@dijkhuis.example';
const COLLEAGUE = 'iris.koster@dijkhuis.example';
const SHOTS = process.env.SHOTS_DIR;

test('a colleague finds, reads, comments and recognises; the author sees it', async ({ page }) => {
  await signIn(page, COLLEAGUE);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bibliotheek' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliotheek');
  await expectAccessible(page, 'library');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/library-desktop.png`, fullPage: true });

  await page.getByLabel('Zoeken', { exact: true }).fill('app die het opgeeft');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/q=app/);
  const card = page.getByRole('link', { name: 'Schade melden met een app die het opgeeft' });
  await expect(card).toBeVisible();
  await expect(page.locator('.library-card')).toHaveCount(1);
  await card.click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schade melden met een app die het opgeeft');
  await hydrated(page);
  await expectAccessible(page, 'reading page');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reading-desktop.png`, fullPage: true });

  const friction = page.locator('.recognition').filter({ hasText: 'Schadeformulier moet worden overgetypt' });
  await expect(friction.getByText('1 keer herkend')).toBeVisible();
  await friction.getByLabel('Wat zag jij? (optioneel, één regel)').fill('Ook bij de telefoonmelding typen wij het over.');
  await friction.getByRole('button', { name: 'Herkenbaar, dit zag ik ook' }).click();
  await expect(friction.getByText('2 keer herkend')).toBeVisible();
  await expect(friction.getByText('Ook bij de telefoonmelding typen wij het over.')).toBeVisible();

  await page.getByLabel('Jouw reactie').fill('Goed verhaal. Wij horen dit ook aan de telefoon.');
  await page.getByRole('button', { name: 'Reageren' }).click();
  await expect(page.locator('.comment').filter({ hasText: 'Wij horen dit ook aan de telefoon.' })).toBeVisible();

  await signOut(page);
  await signIn(page, AUTHOR);
  await page.goto('/presentations?q=opgeeft');
  await page.getByRole('link', { name: 'Schade melden met een app die het opgeeft' }).click();
  await expect(page.locator('.comment').filter({ hasText: 'Wij horen dit ook aan de telefoon.' })).toBeVisible();
  const own = page.locator('.recognition').filter({ hasText: 'Schadeformulier moet worden overgetypt' });
  await expect(own.getByText('2 keer herkend')).toBeVisible();
  // The author does not recognise their own frictions.
  await expect(own.getByRole('button', { name: 'Herkenbaar, dit zag ik ook' })).toHaveCount(0);
});

test('a journey page lists its presentations with the most recognised frictions on top', async ({ page }) => {
  await signIn(page, COLLEAGUE);
  await page.goto('/walk');
  await page.getByRole('link', { name: 'Presentaties over "Ik wil schade melden"' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Presentaties over deze klantreis');
  const top = page.locator('.library__top-list li').first();
  await expect(top).toContainText('App verliest de melding bij de derde foto');
  await expectAccessible(page, 'journey presentations');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/journey-desktop.png`, fullPage: true });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('library and reading page fit and pass axe', async ({ page }) => {
    await signIn(page, COLLEAGUE);
    await page.goto('/presentations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliotheek');
    await expectAccessible(page, 'library on a phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/library-phone.png`, fullPage: true });
    await page.getByRole('link', { name: 'Opzeggen: netjes geregeld, slecht te vinden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opzeggen: netjes geregeld, slecht te vinden');
    await expectAccessible(page, 'reading page on a phone');
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/reading-phone.png` });
      await page.locator('.recognitions').screenshot({ path: `${SHOTS}/recognitions-phone.png` });
      await page.locator('.comments').screenshot({ path: `${SHOTS}/comments-phone.png` });
    }
  });
});
