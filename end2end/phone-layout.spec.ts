// The walkthrough screens on a 375 px phone: nothing scrolls sideways, the save bar never covers the
// field being typed in, a long principle tag wraps, the owning team reads in full, the emotion curve's
// labels are at least 12 px and its table scrolls to the last column. Written against what the user
// sees (roles, labels, measured boxes), not against the markup of a particular component.
import { type Locator, type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible, hydrated, signIn } from './helpers';

const WIDTH = 375;
test.use({ viewport: { width: WIDTH, height: 812 }, isMobile: true, hasTouch: true });

// Mohamed Amrani (Klachten & Bezwaar) starts no walkthrough in any other spec.
const EMAIL = 'mohamed.amrani@dijkhuis.example';
const JOURNEY = 'Ik wil schade melden';
const LONG_TAG = 'onduidelijke of niet waargemaakte verwachtingen';
const TEAM = 'Klantcontactcentrum';

async function expectNoSidewaysScroll(page: Page, label: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width of ${label}`).toBeLessThanOrEqual(WIDTH);
}

/** Left and right edge of an element lie on the screen. */
async function expectInsideViewport(locator: Locator, label: string) {
  const box = await locator.boundingBox();
  expect(box, label).not.toBeNull();
  expect(box!.x, `${label}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${label}: right edge`).toBeLessThanOrEqual(WIDTH);
}

/**
 * What is drawn at the field's centre and just above its bottom edge (and, when the field is taller
 * than the screen, at the screen's bottom) is the field itself: nothing covers it.
 */
async function expectUncovered(field: Locator, label: string) {
  const hits = await field.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const bottom = Math.min(r.bottom, window.innerHeight) - 3;
    return [r.top + r.height / 2, bottom].map((y) => {
      const hit = document.elementFromPoint(x, y);
      return {
        y: Math.round(y),
        ok: hit !== null && (hit === el || el.contains(hit)),
        hit: hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing',
      };
    });
  });
  for (const h of hits) expect(h.ok, `${label}: at y=${h.y} the screen shows ${h.hit}`).toBe(true);
}

/** No button of the form overlaps the field. */
async function expectNoButtonOver(field: Locator, buttons: Locator, label: string) {
  const f = (await field.boundingBox())!;
  for (const b of await buttons.all()) {
    const box = await b.boundingBox();
    if (!box) continue;
    const overlaps =
      box.x < f.x + f.width && f.x < box.x + box.width && box.y < f.y + f.height && f.y < box.y + box.height;
    expect(overlaps, `${label}: button "${await b.textContent()}" overlaps the field`).toBe(false);
  }
}

async function answerStep(page: Page, n: number) {
  await page.getByRole('radio', { name: 'Gelukt', exact: true }).check();
  await page.getByLabel('Tijd (minuten)').fill(String(2 + n));
  const emotion = ['Vervelend', 'Heel prettig', 'Neutraal'][n % 3];
  await page.getByRole('radio', { name: new RegExp(`^${emotion}`) }).check();
  await page.getByRole('radio', { name: new RegExp(`^${1 + (n % 7)}\\b`) }).check();
  await page.getByLabel('Wat er gebeurde').fill(`Stap ${n}: wat ik als klant zag.`);
}

test('the step page, the friction form and the log fit a 375 px phone', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, EMAIL);
  await page.goto('/walk');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  const walkUrl = page.url().replace(/\/steps\/1$/, '');
  await hydrated(page);
  await expectNoSidewaysScroll(page, 'step page');

  // Typing what happened: the save bar is never on top of the field, also with the field at the bottom
  // of the screen.
  const happened = page.getByLabel('Wat er gebeurde');
  const saveButtons = page.getByRole('button', { name: /^Opslaan/ });
  await happened.tap();
  await happened.fill('De app vroeg om een polisnummer dat ik nergens kon vinden.');
  await expect(happened).toBeFocused();
  await expectUncovered(happened, 'focused field');
  await expectNoButtonOver(happened, saveButtons, 'focused field');
  await happened.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 4));
  await expect
    .poll(() => happened.evaluate((el) => Math.round(window.innerHeight - el.getBoundingClientRect().bottom)))
    .toBeLessThanOrEqual(8);
  await expect(happened).toBeFocused();
  await expectUncovered(happened, 'focused field at the bottom of the screen');
  await expectNoButtonOver(happened, saveButtons, 'focused field at the bottom of the screen');
  // Nor when the field is not being typed in.
  await happened.blur();
  await expectUncovered(happened, 'field at the bottom of the screen');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();

  // A friction with a long principle tag and an owning team.
  await page.getByRole('link', { name: '+ Wrijving' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iets vastleggen');
  await hydrated(page);
  await expectNoSidewaysScroll(page, 'friction form');
  await page.getByRole('radio', { name: 'Klein ongemak' }).check();
  await page.getByLabel('Korte titel').fill('Polisnummer nergens te vinden');
  await page.getByLabel('Wat er gebeurde').fill('Het formulier vroeg om een polisnummer dat nergens in de app stond.');
  const tag = page.getByLabel(LONG_TAG);
  await tag.check();
  await expectInsideViewport(tag, 'tag checkbox');
  const team = page.getByLabel('Eigenaar (team)');
  await team.selectOption({ label: TEAM });
  await expectInsideViewport(team, 'team select');
  // The chosen team reads in full: its text fits between the select's padding and arrow.
  const fit = await team.evaluate((el: HTMLSelectElement) => {
    const cs = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const text = el.selectedOptions[0].text;
    return {
      text,
      width: ctx.measureText(text).width,
      room: el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
    };
  });
  expect(fit.text).toContain(TEAM);
  expect(fit.width, `"${fit.text}" in the team select`).toBeLessThanOrEqual(fit.room);
  await expectNoSidewaysScroll(page, 'filled friction form');
  await expectAccessible(page, 'friction form on a phone');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Vastgelegd.' })).toBeVisible();
  await hydrated(page);

  // Back on the step: the friction with its tag wraps inside the screen.
  await expect(page.getByText(LONG_TAG)).toBeVisible();
  await expectInsideViewport(page.getByText(LONG_TAG), 'tag on the step page');
  await expectNoSidewaysScroll(page, 'step page with a friction');
  await expectAccessible(page, 'step page with a friction on a phone');

  // Answer a few steps so the curve has a line.
  for (let n = 1; n <= 3; n++) {
    await expect(page.getByText(new RegExp(`^Stap ${n} van \\d+`))).toBeVisible();
    await answerStep(page, n);
    await page.getByRole('button', { name: 'Opslaan en volgende stap' }).click();
    await expect(page.getByText(new RegExp(`^Stap ${n + 1} van \\d+`))).toBeVisible();
    await hydrated(page);
  }

  // The log, readable by its owner while the walkthrough is in progress.
  await page.goto(walkUrl);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JOURNEY);
  await expectNoSidewaysScroll(page, 'log page');
  await expectInsideViewport(page.getByText(LONG_TAG), 'tag on the log page');

  // Every label of the curve is drawn at 12 px or more, and on the screen.
  const curve = page.getByRole('img', { name: 'Emotiecurve' });
  await expect(curve).toBeVisible();
  await expectInsideViewport(curve, 'emotion curve');
  const labels = await curve.evaluate((svg) =>
    [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      const scale = (t as SVGGraphicsElement).getScreenCTM()!.a;
      return {
        text: t.textContent,
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
        height: r.height,
        left: r.left,
        right: r.right,
      };
    }),
  );
  expect(labels.length).toBeGreaterThanOrEqual(10);
  for (const l of labels) {
    expect(l.px, `font size of curve label "${l.text}"`).toBeGreaterThanOrEqual(12);
    expect(l.height, `height of curve label "${l.text}"`).toBeGreaterThanOrEqual(12);
    expect(l.left, `curve label "${l.text}" left edge`).toBeGreaterThanOrEqual(0);
    expect(l.right, `curve label "${l.text}" right edge`).toBeLessThanOrEqual(WIDTH);
  }
  test.info().annotations.push({
    type: 'curve labels',
    description: `smallest font ${Math.min(...labels.map((l) => l.px)).toFixed(1)} px, smallest box ${Math.min(...labels.map((l) => l.height)).toFixed(1)} px`,
  });

  // The table behind the curve: a focusable region on the screen that scrolls to its last column.
  const region = page.getByRole('region', { name: 'Stappen met emotie, moeite en wrijvingen' });
  await region.scrollIntoViewIfNeeded();
  await expectInsideViewport(region, 'table region');
  const lastHeader = region.getByRole('columnheader').last();
  const lastHeaderShown = async () => {
    const r = (await region.boundingBox())!;
    const h = (await lastHeader.boundingBox())!;
    return h.x >= r.x - 1 && h.x + h.width <= r.x + r.width + 1;
  };
  await region.focus();
  await expect(region).toBeFocused();
  for (let i = 0; i < 60 && !(await lastHeaderShown()); i++) await page.keyboard.press('ArrowRight');
  await expect.poll(lastHeaderShown, { message: 'the last column comes into view with the arrow keys' }).toBe(true);
  await expectNoSidewaysScroll(page, 'log page after scrolling the table');
  await expectAccessible(page, 'walkthrough log on a phone');
});
