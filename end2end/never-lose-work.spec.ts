// "Never loses work", on a phone: every step page shows that step's own answers however it is
// reached, typing during a slow save is saved right after it, leaving with unsaved text warns or
// saves first, offline typing is retried, and a fast walk leaves no error in the browser console.
// Written against what a person sees (labels, roles, the status line), so the tests keep guarding
// when the step page is rebuilt.
import { type Page, type Route } from '@playwright/test';
import { test, expect } from './fixtures';
import { hydrated, signIn } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const JOURNEY = 'Ik wil mijn auto verzekeren';
const SAVED = 'Opgeslagen.';

/** Collects console errors and uncaught page errors (a Rust panic shows up as both). */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Signs in and starts the journey; returns the walkthrough's base URL (…/walkthroughs/<id>). */
async function startWalk(page: Page, email: string): Promise<string> {
  await signIn(page, email);
  await page.goto('/walk');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  await hydrated(page);
  return page.url().replace(/\/steps\/1$/, '');
}

const status = (page: Page) => page.locator('.save-status');
const happened = (page: Page) => page.getByLabel('Wat er gebeurde');
const notes = (page: Page) => page.getByLabel('Overige notities');
const done = (page: Page) => page.getByRole('radio', { name: 'Gelukt', exact: true });

async function onStep(page: Page, n: number) {
  await expect(page.getByText(new RegExp(`^Stap ${n} van \\d+`))).toBeVisible();
  await hydrated(page);
}

/** The step shows nothing typed: no outcome, emotion or effort chosen, every box empty. */
async function expectEmptyStep(page: Page) {
  await expect(page.locator('.step-form input[type=radio]:checked')).toHaveCount(0);
  await expect(page.getByLabel('Tijd (minuten)')).toHaveValue('');
  await expect(happened(page)).toHaveValue('');
  await expect(notes(page)).toHaveValue('');
  await expect(page.getByLabel('Wat ik verwachtte')).toHaveValue('');
}

test('each step shows its own answers, however it is reached', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const walk = await startWalk(page, 'bram.willems@dijkhuis.example');

  // Step 1: an outcome and a text, saved; then on to step 2.
  await done(page).check();
  await happened(page).fill('Tekst van stap 1');
  await expect(status(page)).toHaveText(SAVED, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Opslaan en volgende stap' }).click();
  await onStep(page, 2);
  await expectEmptyStep(page);

  // Step 2: a note, saved; back to step 1, which still has its own answers.
  await notes(page).fill('Notitie van stap 2');
  await expect(status(page)).toHaveText(SAVED, { timeout: 10_000 });
  await page.getByRole('button', { name: 'Vorige stap' }).click();
  await onStep(page, 1);
  await expect(happened(page)).toHaveValue('Tekst van stap 1');
  await expect(notes(page)).toHaveValue('');
  await expect(done(page)).toBeChecked();

  // One more letter on step 1, then a reload: step 1's text is the server's, step 2's note stayed on 2.
  await happened(page).press('End');
  await happened(page).type('!');
  await expect(status(page)).toHaveText(SAVED, { timeout: 10_000 });
  await page.reload();
  await onStep(page, 1);
  await expect(happened(page)).toHaveValue('Tekst van stap 1!');
  await expect(notes(page)).toHaveValue('');

  // Through the list of all steps (phase links) to step 2.
  await page.getByText('Alle stappen').click();
  const index = page.locator('.step-index');
  await index.getByRole('link').nth(1).click();
  await onStep(page, 2);
  await expect(notes(page)).toHaveValue('Notitie van stap 2');
  await expect(happened(page)).toHaveValue('');
  await expect(page.locator('.step-form input[type=radio]:checked')).toHaveCount(0);

  // The back and forward buttons.
  await page.goBack();
  await onStep(page, 1);
  await expect(happened(page)).toHaveValue('Tekst van stap 1!');
  await expect(notes(page)).toHaveValue('');
  await page.goForward();
  await onStep(page, 2);
  await expect(notes(page)).toHaveValue('Notitie van stap 2');

  // A step never visited holds nothing of the others.
  await page.goto(`${walk}/steps/3`);
  await onStep(page, 3);
  await expectEmptyStep(page);
  expect(problems).toEqual([]);
});

test('typing during a slow save is saved right after it, and leaving first saves or warns', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const walk = await startWalk(page, 'priya.ramdin@dijkhuis.example');

  // Every save takes two seconds on its way to the server.
  let saves = 0;
  const slow = async (route: Route) => {
    saves += 1;
    await new Promise((r) => setTimeout(r, 2_000));
    await route.continue();
  };
  await page.route('**/api/walk/step', slow);

  await page.getByRole('radio', { name: /^Prettig/ }).check();
  await expect(status(page)).toHaveText('Bezig met opslaan…');
  await page.waitForTimeout(1_000);
  await notes(page).pressSequentially('Getypt tijdens het opslaan', { delay: 20 });
  // The first save returns while the note is not yet on the server: no "saved" until it is.
  await page.waitForTimeout(1_500);
  await expect(status(page)).not.toHaveText(SAVED);
  await expect(status(page)).toHaveText(SAVED, { timeout: 15_000 });
  expect(saves).toBeGreaterThanOrEqual(2);
  await page.reload();
  await onStep(page, 1);
  await expect(notes(page)).toHaveValue('Getypt tijdens het opslaan');
  await expect(page.getByRole('radio', { name: /^Prettig/ })).toBeChecked();

  // Closing the page with unsaved text asks first.
  await happened(page).fill('Nog niet verstuurd');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.accept();
  expect(problems).toEqual([]);
});

test('a link tapped with unsaved text saves it first, and offline typing is retried', async ({ page, context }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  const walk = await startWalk(page, 'iris.koster@dijkhuis.example');

  // Typed and straight away a link in the menu: the text goes to the server before the page changes.
  await page.getByRole('button', { name: 'Menu' }).click();
  await happened(page).fill('Vlak voor het weggaan');
  await page.locator('#site-nav').getByRole('link', { name: 'Mijn klantreis' }).click();
  await expect(page).toHaveURL(/\/walk$/);
  await page.goto(`${walk}/steps/1`);
  await onStep(page, 1);
  await expect(happened(page)).toHaveValue('Vlak voor het weggaan');

  // Offline: the text stays, the status says so, and it is saved once the connection is back.
  await context.setOffline(true);
  await notes(page).fill('Zonder verbinding getypt');
  await expect(status(page)).toContainText('geen verbinding', { timeout: 10_000 });
  await expect(notes(page)).toHaveValue('Zonder verbinding getypt');
  await context.setOffline(false);
  await expect(status(page)).toHaveText(SAVED, { timeout: 15_000 });
  await page.reload();
  await onStep(page, 1);
  await expect(notes(page)).toHaveValue('Zonder verbinding getypt');
  // The failed request while offline is the only console error allowed here.
  expect(problems.filter((p) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(p))).toEqual([]);
});

test('a fast walk with quick typing and navigation leaves no error in the console', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const walk = await startWalk(page, 'sophie.peters@dijkhuis.example');
  const total = Number((await page.getByText(/^Stap 1 van (\d+)/).textContent())?.match(/van (\d+)/)?.[1]);
  expect(total).toBeGreaterThanOrEqual(6);

  for (let n = 1; n < total; n++) {
    await onStep(page, n);
    // Type and leave within the typing pause: the pending save must neither be lost nor crash.
    await notes(page).fill(`x${n}`);
    await page.getByRole('button', { name: 'Opslaan en volgende stap' }).click();
  }
  await onStep(page, total);
  // Back through a few steps with the browser's back button, typing on the way.
  for (let n = total - 1; n >= total - 3; n--) {
    await page.goBack();
    await onStep(page, n);
    await expect(notes(page)).toHaveValue(`x${n}`);
    await notes(page).fill(`y${n}`);
    await page.getByRole('button', { name: 'Opslaan en volgende stap' }).click();
    await onStep(page, n + 1);
    await page.goBack();
    await onStep(page, n);
    await expect(notes(page)).toHaveValue(`y${n}`);
  }
  // Let any timer of the pages left behind fire (typing pause 1.5 s, retry 5 s).
  await page.waitForTimeout(6_000);
  for (let n = 1; n <= total - 4; n++) {
    await page.goto(`${walk}/steps/${n}`);
    await expect(notes(page)).toHaveValue(`x${n}`);
  }
  expect(problems).toEqual([]);
});
