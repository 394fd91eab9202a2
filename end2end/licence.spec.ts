// The licence end to end: the reviewer signs a ready report off from the team page, the
// employee sees the licence and its card, a visitor without an account reads "Geldig" on the
// public verification page, HR revokes it and the same page then says "Ingetrokken". HR's
// dashboard, filtered to Floor's department, moves one person from "never certified" to "valid"
// with the sign-off.
// axe-core on the team page, the licence pages and the settings page.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, dashCount, expectAccessible, hydrated, signIn, signOut } from './helpers';

const AHMED = 'ahmed.bouzid@dijkhuis.example';
const FLOOR = { email: 'floor.janssen@dijkhuis.example', name: 'Floor Janssen' };

/// The dashboard's counts for one department, as HR filters it in the browser.
async function coverage(page: Page, department: string) {
  await page.goto('/hr');
  await page.getByLabel('Afdeling', { exact: true }).selectOption({ label: department });
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/\/hr\?department=\d+/);
  return { valid: await dashCount(page, 'valid'), never: await dashCount(page, 'never') };
}

test('sign-off, card, public verification, revocation', async ({ page, browser }) => {
  const hrContext = await browser.newContext();
  const hr = await hrContext.newPage();
  await signIn(hr, ACCOUNTS.hr.email);
  const before = await coverage(hr, 'Schade & Inkomen');

  await signIn(page, AHMED);
  await page.goto('/licence/team');
  await hydrated(page);
  const waiting = page.locator('.team-waiting');
  await expect(waiting).toContainText(FLOOR.name);
  await expectAccessible(page, 'team licences');
  const personHref = await waiting.getByRole('link', { name: FLOOR.name }).getAttribute('href');
  await page.getByRole('button', { name: `Rijbewijs aftekenen voor ${FLOOR.name}` }).click();
  await expect(page.getByRole('status')).toContainText('Het rijbewijs is afgetekend.');
  await expect(page.locator('.team-waiting')).not.toContainText(FLOOR.name);
  await expect(page.locator('.team-licences')).toContainText('Geldig');
  await signOut(page);

  const after = await coverage(hr, 'Schade & Inkomen');
  expect(after).toEqual({ valid: before.valid + 1, never: before.never - 1 });
  await hrContext.close();

  await signIn(page, FLOOR.email);
  await page.getByRole('link', { name: 'Mijn rijbewijs' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn klantenrijbewijs');
  await expect(page.locator('.licence-standing')).toContainText('Geldig t/m');
  await expect(page.locator('.licence-decisions')).toContainText('Afgetekend door Ahmed Bouzid');
  await expectAccessible(page, 'my licence');
  await page.getByRole('link', { name: 'Bekijk je rijbewijskaart' }).click();
  const card = page.locator('article.licence-card');
  await expect(card).toContainText(FLOOR.name);
  const url = (await card.locator('.licence-card__url').textContent())!.trim();
  await signOut(page);

  const visitor = await browser.newContext();
  const stranger = await visitor.newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole('heading', { level: 2, name: 'Geldig' })).toBeVisible();

  await signIn(page, ACCOUNTS.hr.email);
  await page.goto(personHref!);
  await hydrated(page);
  await expectAccessible(page, 'a person\'s licence for HR');
  await page.getByLabel('Reden van intrekken').fill('Logboek bleek niet zelf gelopen.');
  await page.getByRole('button', { name: 'Rijbewijs intrekken' }).click();
  await expect(page.getByRole('status')).toContainText('Het rijbewijs is ingetrokken.');
  await expect(page.locator('.licence-standing')).toContainText('Ingetrokken');

  await stranger.reload();
  await expect(stranger.getByRole('heading', { level: 2, name: 'Ingetrokken' })).toBeVisible();
  await visitor.close();

  await page.goto('/admin/licence-settings');
  await hydrated(page);
  await expect(page.getByLabel('Verlengvenster (dagen vóór de laatste geldige dag)')).toHaveValue('60');
  await expectAccessible(page, 'licence settings');
});

test('a refused send-back keeps what was typed and says why', async ({ page }) => {
  await signIn(page, 'ruud.hendriks@dijkhuis.example');
  await page.goto('/licence/team');
  await page.locator('.team-licences').getByRole('link', { name: 'Rick van Leeuwen' }).click();
  await hydrated(page);
  await page.getByText('Terugsturen naar Rick van Leeuwen met een toelichting').click();
  const comment = page.getByLabel('Wat is er nog nodig?');
  await comment.fill('x'.repeat(1001));
  await page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
  await expect(page.getByText('Houd de toelichting onder de 1000 tekens.').first()).toBeVisible();
  await expect(page.getByLabel('Wat is er nog nodig?')).toHaveValue('x'.repeat(1001));
  await page.getByLabel('Wat is er nog nodig?').fill('Graag nog de bijeenkomst met het team vastleggen.');
  await page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Teruggestuurd met je toelichting.');
  await expect(page.locator('.licence-decisions')).toContainText('Teruggestuurd door Ruud Hendriks');
});
