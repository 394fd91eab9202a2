// The walkthrough on a phone: start a journey, walk every step, log frictions, a delight and a photo, reload
// half-way and find everything intact, finish, and read the log with its emotion curve.
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, hydrated, signIn } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const JOURNEY = 'Ik wil schade melden';

async function answerStep(page: Page, n: number) {
  await page.getByRole('radio', { name: 'Gelukt', exact: true }).check();
  await page.getByLabel('Tijd (minuten)').fill(String(2 + n));
  const emotion = ['Heel vervelend', 'Vervelend', 'Neutraal', 'Prettig', 'Heel prettig'][(n * 2) % 5];
  await page.getByRole('radio', { name: new RegExp(`^${emotion}`) }).check();
  await page.getByRole('radio', { name: new RegExp(`^${1 + (n % 7)}\\b`) }).check();
  await page.getByLabel('Wat er gebeurde').fill(`Stap ${n}: wat ik als klant zag.`);
}

async function logEntry(page: Page, kind: '+ Wrijving' | '+ Pluspunt', fill: (p: Page) => Promise<void>) {
  await page.getByRole('link', { name: kind }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iets vastleggen');
  await fill(page);
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
}

test('an employee walks a whole journey on a phone without losing anything', async ({ page }) => {
  test.setTimeout(180_000);
  // Any error in the browser console (a panic shows up there) fails the walk.
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await signIn(page, ACCOUNTS.employee.email);
  await page.getByRole('link', { name: 'Mijn klantreis' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn klantreis');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await expect(page.getByRole('heading', { name: 'Spelregels' })).toBeVisible();
  await expectAccessible(page, 'journey brief');
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  const walkUrl = page.url().replace(/\/steps\/1$/, '');
  await hydrated(page);
  await expectAccessible(page, 'step view');

  const total = Number((await page.getByText(/^Stap 1 van (\d+)/).textContent())?.match(/van (\d+)/)?.[1]);
  expect(total).toBeGreaterThanOrEqual(6);

  for (let n = 1; n <= total; n++) {
    await expect(page.getByText(new RegExp(`^Stap ${n} van ${total}`))).toBeVisible();
    await answerStep(page, n);
    if (n === 2) {
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.');
      await logEntry(page, '+ Wrijving', async (p) => {
        await p.getByRole('radio', { name: /^Blokkade/ }).check();
        await p.getByLabel('Korte titel').fill('Polisnummer niet te vinden');
        await p.getByLabel('Wat er gebeurde').fill('Het formulier vroeg om een polisnummer dat nergens in de app stond.');
        await p.getByLabel('Suggestie').fill('Vul het polisnummer vooraf in na inloggen.');
        await p.getByLabel('niet moeiteloos').check();
        await p.getByLabel('veroorzaakte stress').check();
      });
      await expectAccessible(page, 'step with a friction');
    }
    if (n === 3) {
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.');
      await logEntry(page, '+ Wrijving', async (p) => {
        await p.getByRole('radio', { name: 'Klein ongemak' }).check();
        await p.getByLabel('Korte titel').fill('Geen bevestiging per mail');
        await p.getByLabel('Wat er gebeurde').fill('Na het versturen kwam er geen bevestigingsmail binnen.');
        await expectAccessible(p, 'friction form');
      });
    }
    if (n === 4) {
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.');
      await logEntry(page, '+ Pluspunt', async (p) => {
        await p.getByLabel('Korte titel').fill('Schadebehandelaar belde binnen een uur terug');
      });
    }
    if (n === 5) {
      // Autosave: wait for it, then reload mid-way and find the answers, frictions and delight intact.
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.', { timeout: 10_000 });
      await page.reload();
      await hydrated(page);
      await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('Stap 5: wat ik als klant zag.');
      await expect(page.getByLabel('Tijd (minuten)')).toHaveValue('7');
      await expect(page.getByRole('radio', { name: 'Gelukt', exact: true })).toBeChecked();
      await page.goto(`${walkUrl}/steps/2`);
      await expect(page.getByRole('heading', { name: 'Polisnummer niet te vinden' })).toBeVisible();
      await expect(page.getByText('veroorzaakte stress')).toBeVisible();
      await expect(page.getByLabel('Tijd (minuten)')).toHaveValue('4');
      await page.goto(`${walkUrl}/steps/4`);
      await expect(page.getByRole('heading', { name: 'Schadebehandelaar belde binnen een uur terug' })).toBeVisible();
      await page.goto(`${walkUrl}/steps/5`);
      await hydrated(page);
    }
    if (n === 6) {
      // Quick capture in the moment: one line and a photo, completed afterwards.
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await expect(page.locator('.save-status')).toHaveText('Opgeslagen.');
      const photo = await page.screenshot({ type: 'jpeg', quality: 70 });
      await page.getByLabel('Snel vastleggen: wat gebeurt er?').fill('Wachtmuziek 12 minuten');
      await page.getByLabel('Foto (optioneel)').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.getByText('Nog aanvullen')).toBeVisible();
      await expect(page.locator('.evidence-list img')).toHaveCount(1);
      await page.getByRole('link', { name: 'Bewerk: Wachtmuziek 12 minuten' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vastlegging bewerken');
      await page.getByRole('radio', { name: 'Groot' }).check();
      await page.getByLabel('Wat er gebeurde').fill('Ik hing 12 minuten in de wacht zonder te horen hoe lang het nog duurde.');
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
      await expect(page.getByText('Nog aanvullen')).toHaveCount(0);
      await hydrated(page);
    }
    const next = n < total ? 'Opslaan en volgende stap' : 'Opslaan en afronden';
    await page.getByRole('button', { name: next }).click();
  }

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klantreis afronden');
  await expectAccessible(page, 'finish form');
  await page.getByRole('radio', { name: /^Afgerond/ }).check();
  await page.getByRole('radio', { name: /^7\b/ }).check();
  await page.getByLabel('Samenvatting').fill('Melden ging vlot, maar het polisnummer zoeken kostte moeite.');
  await page.getByLabel('Wat ging goed').fill('Snelle terugbelactie.');
  await page.getByLabel('Wat kan beter').fill('Polisnummer vooraf invullen.');
  await page.getByRole('button', { name: 'Inleveren' }).click();

  await expect(page).toHaveURL(walkUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JOURNEY);
  await expect(page.getByRole('img', { name: 'Emotiecurve' })).toBeVisible();
  await expect(page.locator('table tbody tr')).toHaveCount(total);
  await expect(page.locator('.curve__friction')).toHaveCount(3);
  // The photo is on the log, served to the owner, with its metadata stripped on upload.
  const thumb = page.locator('.evidence-list img').first();
  await expect(thumb).toBeVisible();
  // Thumbnails load lazily: bring it into view and wait for the image to arrive.
  await thumb.scrollIntoViewIfNeeded();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByText('Polisnummer niet te vinden')).toBeVisible();
  await expectAccessible(page, 'walkthrough log');
  expect(problems, 'browser console during the walk').toEqual([]);

  // The reviewer reads it; a colleague may not.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, ACCOUNTS.reviewer.email);
  await page.goto(walkUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JOURNEY);
  await expect(page.getByText('Daan Bakker')).toBeVisible();
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, 'yusuf.kaya@dijkhuis.example');
  const refused = await page.goto(walkUrl);
  expect(refused?.status()).toBe(403);
});

test('a second tab with an older version does not overwrite the first', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const one = await context.newPage();
  await signIn(one, 'emma.devries@dijkhuis.example');
  await one.goto('/walk');
  await one.getByRole('link', { name: 'Bekijk en start: Ik wil mijn auto verzekeren' }).click();
  await one.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(one).toHaveURL(/\/steps\/1$/);
  await hydrated(one);
  const two = await context.newPage();
  await two.goto(one.url());
  await hydrated(two);

  await one.getByLabel('Wat er gebeurde').fill('Eerste tabblad');
  await one.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(one.locator('.save-status')).toHaveText('Opgeslagen.');

  await two.getByLabel('Wat er gebeurde').fill('Tweede tabblad');
  await two.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(two.locator('.save-status')).toContainText('ergens anders gewijzigd');
  // What the second tab typed is still there to copy.
  await expect(two.getByLabel('Wat er gebeurde')).toHaveValue('Tweede tabblad');
  await two.reload();
  await expect(two.getByLabel('Wat er gebeurde')).toHaveValue('Eerste tabblad');
  await context.close();
});
