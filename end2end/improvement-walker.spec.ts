// Improvements from the walker's side, on a phone and a desktop, with and without JavaScript:
// - logging a friction, "Zoek vergelijkbare" brings back the form with everything typed and the
//   similar findings the walker may read (a colleague's presented friction, open improvements);
//   choosing one links the new friction to it;
// - a later walker meets the step of a fixed improvement (the demo data's "Schademelding in de app
//   blijft bewaard na elke foto") and answers "Klopt dat?" beside the step form, which keeps its
//   own answers.
// Every page checked with axe-core. SHOTS_DIR=/some/dir saves screenshots of both screens.
import { type Locator, type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible, hydrated, plainSignIn, signIn } from './helpers';

const JOURNEY = 'Ik wil schade melden';
const FIXED = 'Schademelding in de app blijft bewaard na elke foto';
const PRESENTED = 'App verliest de melding bij de derde foto';
const SHOTS = process.env.SHOTS_DIR;
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Signs in and starts the journey; returns the walkthrough's base URL (…/walkthroughs/<id>). */
async function startWalk(page: Page, email: string, js: boolean): Promise<string> {
  if (js) await signIn(page, email);
  else await plainSignIn(page, email);
  await page.goto('/walk');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  if (js) await hydrated(page);
  return page.url().replace(/\/steps\/1$/, '');
}

/** The whole page, and the part this test is about as it looks on screen. */
async function shot(page: Page, name: string, part: Locator) {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await part.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}-screen.png` });
}

async function similarFriction(page: Page, email: string, js: boolean, label: string) {
  const walk = await startWalk(page, email, js);
  await page.getByRole('link', { name: '+ Wrijving' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iets vastleggen');
  await page.getByRole('radio', { name: 'Groot', exact: true }).check();
  await page.getByLabel('Korte titel').fill('App sluit af bij foto');
  await page.getByLabel('Wat er gebeurde').fill('Bij de derde foto sloot de app en was mijn melding weg.');
  await page.getByLabel('Suggestie').fill('Bewaar na elke foto.');
  await page.getByRole('button', { name: 'Zoek vergelijkbare' }).click();

  // Back with everything typed and what colleagues already found.
  await expect(page).toHaveURL(/similar=1/);
  await expect(page.getByLabel('Korte titel')).toHaveValue('App sluit af bij foto');
  await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('Bij de derde foto sloot de app en was mijn melding weg.');
  await expect(page.getByLabel('Suggestie')).toHaveValue('Bewaar na elke foto.');
  await expect(page.getByRole('radio', { name: 'Groot', exact: true })).toBeChecked();
  const choices = page.getByRole('group', { name: 'Koppel je melding aan' });
  await expect(choices).toBeVisible();
  const radios = choices.getByRole('radio');
  expect(await radios.count()).toBeLessThanOrEqual(4); // at most three, and "none of these"
  // A colleague's presented friction: its title only, never who reported it.
  const presented = choices.getByRole('radio', { name: new RegExp(`^${PRESENTED}`) });
  await expect(presented).toBeVisible();
  await expect(choices).not.toContainText('Floor Janssen');
  // axe needs JavaScript; the pages without it are the same server-rendered markup.
  if (js) await expectAccessible(page, `friction form with suggestions (${label})`);
  await shot(page, `similar-${label}`, choices);

  await presented.check();
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(page).toHaveURL(new RegExp(`${walk}/steps/1\\?saved=friction`));
  await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
  // The entry keeps the walker's own words and says what it is linked to.
  await page.getByRole('link', { name: /App sluit af bij foto/ }).click();
  await expect(page.getByText(`Gekoppeld aan: ${PRESENTED}`)).toBeVisible();
  await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('Bij de derde foto sloot de app en was mijn melding weg.');
}

/** Walks to the step of the fixed improvement and answers the question. */
async function confirmFix(page: Page, email: string, js: boolean, label: string) {
  const walk = await startWalk(page, email, js);
  const question = page.getByRole('heading', { name: `Hier is iets verbeterd: ${FIXED}. Klopt dat?` });
  const total = Number((await page.getByText(/^Stap 1 van (\d+)/).textContent())?.match(/van (\d+)/)?.[1]);
  let n = 1;
  while (!(await question.isVisible())) {
    n += 1;
    expect(n, 'a step asks about the fixed improvement').toBeLessThanOrEqual(total);
    await page.goto(`${walk}/steps/${n}`);
    if (js) await hydrated(page);
  }
  // The step's own answer first: answering the question must not cost it.
  await page.getByLabel('Wat er gebeurde').fill('Foto voor foto ging het goed.');
  if (js) {
    await expect(page.locator('.save-status')).toHaveText('Opgeslagen.', { timeout: 10_000 });
  } else {
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('Foto voor foto ging het goed.');
  }
  if (js) await expectAccessible(page, `step with the question (${label})`);
  const section = page.locator('section', { has: question });
  await shot(page, `question-${label}`, section);

  await section.getByRole('radio', { name: 'Ja, dat klopt' }).check();
  await section.getByRole('button', { name: 'Antwoord geven' }).click();
  await expect(page).toHaveURL(new RegExp(`${walk}/steps/${n}\\?answered=\\d+#fix-\\d+$`));
  await expect(page.getByRole('status').filter({ hasText: 'Dank je, je antwoord is bewaard.' })).toBeVisible();
  await expect(page.getByText('Je antwoord: Ja, dat klopt.')).toBeVisible();
  await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('Foto voor foto ging het goed.');
  if (js) await expectAccessible(page, `step after answering (${label})`);
}

test.describe('on a phone', () => {
  test.use(PHONE);
  test('a walker is offered a similar friction and links it', async ({ page }) => {
    await similarFriction(page, 'zoe.vos@dijkhuis.example', true, 'phone');
  });
  test('a later walker confirms the fix', async ({ page }) => {
    await confirmFix(page, 'joost.mulder@dijkhuis.example', true, 'phone');
  });
});

test.describe('on a desktop', () => {
  test.use(DESKTOP);
  test('a walker is offered a similar friction and links it', async ({ page }) => {
    await similarFriction(page, 'tim.verbeek@dijkhuis.example', true, 'desktop');
  });
  test('a later walker confirms the fix', async ({ page }) => {
    await confirmFix(page, 'pieter.degroot@dijkhuis.example', true, 'desktop');
  });
});

test.describe('without JavaScript', () => {
  test.use({ ...PHONE, javaScriptEnabled: false });
  test('a walker is offered a similar friction and links it', async ({ page }) => {
    await similarFriction(page, 'rick.vanleeuwen@dijkhuis.example', false, 'nojs');
  });
  test('a later walker confirms the fix', async ({ page }) => {
    await confirmFix(page, 'naomi.tjin@dijkhuis.example', false, 'nojs');
  });
});
