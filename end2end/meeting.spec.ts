// The meeting and the reviewer's decision in the browser: Yusuf records that he presented (ticking
// a team mate and one found by search), Marieke sees the bell, opens her notifications and
// confirms, Yusuf sees the confirmation and marks it read. Both screens pass axe-core.
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible, signIn, signOut } from './helpers';

const AUTHOR = 'yusuf.kaya@dijkhuis.example';
const REVIEWER = 'marieke.jansen@dijkhuis.example';

/** Calls a server function as the signed-in browser does (same cookies, same-origin). */
async function call(request: APIRequestContext, page: Page, endpoint: string, form: Record<string, string>) {
  const origin = new URL(page.url()).origin;
  const res = await request.post(`/api/${endpoint}`, {
    form,
    headers: { accept: 'application/json', origin },
  });
  const body = await res.text();
  expect(res.ok(), `${endpoint}: ${res.status()} ${body}`).toBeTruthy();
  return JSON.parse(body);
}

/** Walks the first live journey through the server functions (every step answered, one
 *  delight), completes it and makes its presentation; returns the presentation id. */
async function presentationOfCompletedWalk(page: Page): Promise<number> {
  await page.goto('/walk');
  const href = await page.locator('a[href^="/walk/start/"]').first().getAttribute('href');
  const journeyId = href!.split('/').pop()!;
  const request = page.request;
  const walkId: number = await call(request, page, 'walk/start', { journey_id: journeyId });
  const walk = await call(request, page, 'walk/load', { id: String(walkId) });
  const steps = walk.detail.steps as { step: { id: number }; answer: { version: number } }[];
  for (const [i, s] of steps.entries()) {
    await call(request, page, 'walk/step', {
      'form[walkthrough_id]': String(walkId),
      'form[step_id]': String(s.step.id),
      'form[version]': String(s.answer.version),
      'form[number]': String(i + 1),
      'form[outcome]': 'done',
      'form[minutes]': '5',
      'form[emotion]': String([1, -1, 0, 2][i % 4]),
      'form[effort]': '3',
      'form[happened]': 'Gedaan.',
      'form[go]': 'stay',
    });
  }
  await call(request, page, 'walk/friction', {
    'form[walkthrough_id]': String(walkId),
    'form[step_id]': String(steps[0].step.id),
    'form[number]': '1',
    'form[kind]': 'delight',
    'form[title]': 'Vriendelijke medewerker',
    'form[what_happened]': 'Ze nam de tijd.',
  });
  await call(request, page, 'walk/finish', {
    'form[walkthrough_id]': String(walkId),
    'form[result]': 'completed',
    'form[recommend_score]': '7',
    'form[summary]': 'Melden ging, maar het kostte moeite.',
  });
  return call(request, page, 'presentations/create', { walkthrough_id: String(walkId) });
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/meeting-shots/${name}-desktop.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `/tmp/meeting-shots/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

test('author records a meeting, reviewer confirms from the bell, author reads the confirmation', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, AUTHOR);
  const id = await presentationOfCompletedWalk(page);

  await page.goto(`/presentations/${id}/meeting`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bijeenkomst en bevestiging');
  await expect(page.getByLabel('Datum')).not.toHaveValue('');
  await page.getByLabel('Publiek').fill('Team Autoschade, weekstart');
  await page.getByRole('checkbox', { name: 'Daan Bakker' }).check();
  // Search for someone outside the team: what was typed and ticked comes back.
  await page.getByLabel("Zoek meer collega's").fill('marieke');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('checkbox', { name: 'Marieke Jansen' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Daan Bakker' })).toBeChecked();
  await expect(page.getByLabel('Publiek')).toHaveValue('Team Autoschade, weekstart');
  await page.getByRole('checkbox', { name: 'Marieke Jansen' }).check();
  await expectAccessible(page, 'meeting form');
  await shoot(page, 'meeting-form');
  await page.getByRole('button', { name: 'Bijeenkomst vastleggen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De bijeenkomst is vastgelegd' })).toBeVisible();
  await expect(page.locator('.meeting-history')).toContainText('Daan Bakker, Marieke Jansen');
  await expect(page.getByText('wacht op bevestiging door je reviewer')).toBeVisible();
  await signOut(page);

  await signIn(page, REVIEWER);
  const bell = page.getByRole('link', { name: '1 ongelezen melding' });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { name: 'Te bevestigen' })).toBeVisible();
  await expect(page.locator('.notification--unread')).toContainText('Yusuf Kaya heeft');
  await expectAccessible(page, 'notifications (reviewer)');
  await shoot(page, 'notifications-reviewer');
  await page.locator('.notification--unread a').first().click();
  await expect(page).toHaveURL(new RegExp(`/presentations/${id}/meeting$`));
  await expect(page.locator('.meeting-history')).toContainText('Team Autoschade, weekstart');
  await expectAccessible(page, 'meeting review');
  await shoot(page, 'meeting-review');
  await page.getByRole('button', { name: 'Bevestigen dat dit is gepresenteerd' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je besluit is opgeslagen' })).toBeVisible();
  await expect(page.locator('.meeting-decision')).toContainText('Bevestigd door Marieke Jansen');
  await signOut(page);

  await signIn(page, AUTHOR);
  await page.getByRole('link', { name: '1 ongelezen melding' }).click();
  const item = page.locator('.notification--unread');
  await expect(item).toContainText('Marieke Jansen heeft je presentatie');
  await expect(item).toContainText('bevestigd');
  await expectAccessible(page, 'notifications (author)');
  await shoot(page, 'notifications-author');
  await item.getByRole('button', { name: 'Gelezen' }).click();
  await expect(page.locator('.notification--unread')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Geen ongelezen meldingen' })).toBeVisible();
});
