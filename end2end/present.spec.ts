// Present mode: an employee walks a journey (with a photo on a friction), makes a presentation, adds
// a speaker note, then presents it: keys, swipe, notes (toggled and in a second window that follows),
// working on with the network gone, printing one page per slide, and no axe violations.
import { type Browser, type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible, hydrated, signIn } from './helpers';

const AUTHOR = 'anouk.dekker@dijkhuis.example';
const JOURNEY = 'Ik wil mijn verzekering opzeggen';
const NOTE = 'Vertel hier over de opzegbrief die pas na twee weken kwam.';
const SHOTS = process.env.PRESENT_SHOTS || '/tmp/present-shots';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 720 } });

let presentUrl = '';

/** Walks the journey as AUTHOR through the UI and makes the presentation; returns its present-mode address. */
async function makePresentation(browser: Browser): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, AUTHOR);
  await page.goto('/walk');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  await hydrated(page);
  const total = Number((await page.getByText(/^Stap 1 van (\d+)/).textContent())?.match(/van (\d+)/)?.[1]);
  for (let n = 1; n <= total; n++) {
    await expect(page.getByText(new RegExp(`^Stap ${n} van ${total}`))).toBeVisible();
    await page.getByRole('radio', { name: 'Gelukt', exact: true }).check();
    if (n === 1) {
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.');
      const photo = await page.screenshot({ type: 'jpeg', quality: 70 });
      await page.getByLabel('Snel vastleggen: wat gebeurt er?').fill('Opzeggen zit diep verstopt');
      await page.getByLabel('Foto (optioneel)').setInputFiles({ name: 'menu.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.locator('.evidence-list img')).toHaveCount(1);
      await page.getByRole('link', { name: 'Bewerk: Opzeggen zit diep verstopt' }).click();
      await page.getByRole('radio', { name: 'Groot' }).check();
      await page.getByLabel('Wat er gebeurde').fill('Ik vond de knop om op te zeggen pas na vijf minuten zoeken.');
      await page.getByLabel('Suggestie').fill('Zet opzeggen in het menu van de polis.');
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
      await page.getByRole('link', { name: '+ Pluspunt' }).click();
      await page.getByLabel('Korte titel').fill('Vriendelijke bevestiging');
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
      await hydrated(page);
    }
    await page.getByRole('button', { name: n < total ? 'Opslaan en volgende stap' : 'Opslaan en afronden' }).click();
  }
  await page.getByRole('radio', { name: /^Afgerond/ }).check();
  await page.getByRole('radio', { name: /^7\b/ }).check();
  await page.getByLabel('Samenvatting').fill('Opzeggen lukte, maar de weg ernaartoe was lang.');
  await page.getByRole('button', { name: 'Inleveren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JOURNEY);
  await page.getByRole('button', { name: 'Presentatie maken' }).click();
  await expect(page).toHaveURL(/\/presentations\/\d+\/edit$/);
  const id = page.url().match(/presentations\/(\d+)/)?.[1];
  await page.getByLabel('Sprekersnotities (alleen voor jou)').first().fill(NOTE);
  await page.getByRole('button', { name: 'Notities opslaan' }).first().click();
  await expect(page.getByLabel('Sprekersnotities (alleen voor jou)').first()).toHaveValue(NOTE);
  await page.close();
  return `/presentations/${id}/present`;
}

async function openDeck(page: Page) {
  await signIn(page, AUTHOR);
  await page.goto(presentUrl);
  await expect(page.locator('#present')).toHaveAttribute('data-live', '');
}

const counter = (page: Page) => page.locator('.present__counter [aria-hidden="true"]');
const current = (page: Page) => page.locator('.slide[data-current]');

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  presentUrl = await makePresentation(browser);
});

test('the keyboard moves through the deck, one slide visible at a time', async ({ page }) => {
  await openDeck(page);
  const total = await page.locator('.slide').count();
  expect(total).toBeGreaterThanOrEqual(8);
  await expect(counter(page)).toHaveText(`1 / ${total}`);
  await expect(page.locator('.slide:visible')).toHaveCount(1);
  await expect(current(page)).toHaveAttribute('id', 'slide-1');
  await expect(current(page).getByRole('heading', { level: 2 })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/desktop-title.png` });

  const steps: [string, number][] = [
    ['ArrowRight', 2],
    ['Space', 3],
    ['PageDown', 4],
    ['ArrowDown', 5],
    ['ArrowLeft', 4],
    ['PageUp', 3],
    ['ArrowUp', 2],
    ['End', total],
    ['Home', 1],
    ['ArrowLeft', 1],
  ];
  for (const [key, expected] of steps) {
    await page.keyboard.press(key);
    await expect(counter(page), key).toHaveText(`${expected} / ${total}`);
    await expect(current(page)).toHaveAttribute('id', `slide-${expected}`);
    await expect(page.locator('.slide:visible')).toHaveCount(1);
  }
  await expect(page).toHaveURL(/#slide-1$/);
  // The buttons do the same.
  await page.getByRole('button', { name: 'Volgende dia' }).click();
  await expect(counter(page)).toHaveText(`2 / ${total}`);
  await page.getByRole('button', { name: 'Vorige dia' }).click();
  await expect(counter(page)).toHaveText(`1 / ${total}`);

  // One screenshot of each kind of slide, to look at.
  for (let n = 1; n <= total; n++) {
    const kind = await page.locator(`#slide-${n}`).getAttribute('data-kind');
    if (n > 1) await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText(`${n} / ${total}`);
    await page.screenshot({ path: `${SHOTS}/desktop-${String(n).padStart(2, '0')}-${kind}.png` });
  }
  await expectAccessible(page, 'present mode');

  // Esc (not full screen) leaves present mode for the presentation.
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(presentUrl.replace(/\/present$/, ''));
});

test('a slide address opens that slide, and a reload stays on it', async ({ page }) => {
  await openDeck(page);
  await page.goto(`${presentUrl}#slide-3`);
  await page.reload();
  await expect(page.locator('#present')).toHaveAttribute('data-live', '');
  await expect(current(page)).toHaveAttribute('id', 'slide-3');
});

test('a swipe moves on and back', async ({ page }) => {
  await openDeck(page);
  const total = await page.locator('.slide').count();
  const swipe = async (from: number, to: number) => {
    await page.mouse.move(from, 360);
    await page.mouse.down();
    await page.mouse.move((from + to) / 2, 362);
    await page.mouse.move(to, 365);
    await page.mouse.up();
  };
  await swipe(900, 300);
  await expect(counter(page)).toHaveText(`2 / ${total}`);
  await swipe(900, 300);
  await expect(counter(page)).toHaveText(`3 / ${total}`);
  await swipe(300, 900);
  await expect(counter(page)).toHaveText(`2 / ${total}`);
  // A short drag is no swipe.
  await swipe(600, 580);
  await expect(counter(page)).toHaveText(`2 / ${total}`);
});

test('the author toggles speaker notes, and a notes window follows the deck', async ({ page, context }) => {
  await openDeck(page);
  const notes = current(page).locator('.slide__notes');
  await expect(notes).toBeHidden();
  await page.keyboard.press('n');
  await expect(page.locator('#present')).toHaveAttribute('data-notes-open', '');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText(NOTE);
  await expect(page.getByRole('button', { name: 'Notities', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: `${SHOTS}/desktop-notes.png` });
  await expectAccessible(page, 'present mode with notes');
  await page.getByRole('button', { name: 'Notities', exact: true }).click();
  await expect(notes).toBeHidden();

  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Sprekersnotities in apart venster' }).click(),
  ]);
  await expect(popup).toHaveURL(/\/present\?notes=1/);
  await expect(popup.locator('#present')).toHaveAttribute('data-live', '');
  const total = await page.locator('.slide').count();
  await expect(popup.locator('.slide[data-current] .slide__notes')).toContainText(NOTE);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(popup.locator('.present__counter [aria-hidden="true"]')).toHaveText(`3 / ${total}`);
  // And the other way round: the speaker moves on from the notes window.
  await popup.keyboard.press('End');
  await expect(counter(page)).toHaveText(`${total} / ${total}`);
  await popup.setViewportSize({ width: 900, height: 640 });
  await popup.screenshot({ path: `${SHOTS}/notes-window.png` });
  await popup.close();
});

test('the reviewer reads the deck without the speaker notes', async ({ page }) => {
  // The reviewer reads the author's draft; notes are only the author's.
  await signIn(page, 'naomi.tjin@dijkhuis.example');
  await page.goto(presentUrl);
  await expect(page.locator('#present')).toHaveAttribute('data-live', '');
  await expect(page.locator('.slide__notes')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Notities', exact: true })).toHaveCount(0);
});

test('once loaded, present mode works without a network, photos included', async ({ page, context }) => {
  await openDeck(page);
  const total = await page.locator('.slide').count();
  const images = page.locator('.slide img');
  expect(await images.count()).toBeGreaterThanOrEqual(1);
  // Eager images: all loaded with the page, before any slide with them was shown.
  await expect
    .poll(() => images.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete)))
    .toBe(true);
  await context.setOffline(true);
  const requests: string[] = [];
  // Chromium asks for the tab icon again whenever the address changes (#slide-N); that is the
  // browser's own chrome, not the deck.
  page.on('request', (r) => {
    if (!r.url().endsWith('/favicon.svg')) requests.push(r.url());
  });
  for (let n = 1; n <= total; n++) {
    await expect(counter(page)).toHaveText(`${n} / ${total}`);
    const shown = current(page).locator('img');
    for (let i = 0; i < (await shown.count()); i++) {
      await expect(shown.nth(i)).toBeVisible();
      expect(await shown.nth(i).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    }
    await page.keyboard.press('ArrowRight');
  }
  await expect(counter(page)).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Home');
  await expect(counter(page)).toHaveText(`1 / ${total}`);
  expect(requests, 'requests while presenting offline').toEqual([]);
  await context.setOffline(false);
});

test('printing gives exactly one page per slide', async ({ page }) => {
  await openDeck(page);
  const total = await page.locator('.slide').count();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBe(total);
  // And each slide fills its page without spilling: one slide box per page height.
  await page.emulateMedia({ media: 'print' });
  const heights = await page.locator('.slide').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
  expect(new Set(heights).size).toBe(1);
  await page.emulateMedia({ media: 'screen' });
});

test('before (or without) the bundle the slides are a stacked, accessible document', async ({ page }) => {
  await signIn(page, AUTHOR);
  // The bundle only (not the stylesheet): the page as it is before the islands wake, or without them.
  await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  await page.goto(presentUrl);
  await expect(page.locator('.slide').first()).toBeVisible();
  await expect(page.locator('#present')).not.toHaveAttribute('data-live', '');
  const total = await page.locator('.slide').count();
  await expect(page.locator('.slide').filter({ visible: true })).toHaveCount(total);
  await expectAccessible(page, 'stacked slides');
  await page.locator('#slide-5').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/stacked-desktop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#slide-5').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/stacked-phone.png` });
});

test('on a phone the deck fits the screen and swipes', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await openDeck(page);
  const frame = await current(page).locator('.slide__frame').boundingBox();
  expect(frame?.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/phone-title.png` });
  await page.keyboard.press('End');
  await page.screenshot({ path: `${SHOTS}/phone-last.png` });
  await page.setViewportSize({ width: 844, height: 390 });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.screenshot({ path: `${SHOTS}/phone-landscape.png` });
  await expectAccessible(page, 'present mode on a phone');
  await context.close();
});
