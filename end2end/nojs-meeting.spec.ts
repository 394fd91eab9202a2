// The meeting page and the notifications without JavaScript: every form is a plain post (or, for
// the attendee search, a plain GET that carries the form along). Sem's demo presentation was sent
// back by Joost; Sem records a new meeting and Joost confirms it.
import { test, expect } from './fixtures';
import { plainSignIn } from './helpers';

const AUTHOR = 'sem.deboer@dijkhuis.example';
const REVIEWER = 'joost.mulder@dijkhuis.example';

test('record a meeting and confirm it with plain form posts', async ({ page }) => {
  await plainSignIn(page, AUTHOR);
  await page.goto('/notifications');
  await page.locator('.notification a', { hasText: 'terug:' }).first().click();
  await expect(page).toHaveURL(/\/presentations\/\d+\/meeting$/);
  const meetingUrl = page.url();

  // Refused: no attendees; what was typed comes back with the message.
  await page.getByLabel('Publiek').fill('Team Zakelijk, vrijdagmiddag');
  await page.getByRole('button', { name: 'Bijeenkomst vastleggen' }).click();
  await expect(page.getByText('Kies wie erbij waren.')).toBeVisible();
  await expect(page.getByLabel('Publiek')).toHaveValue('Team Zakelijk, vrijdagmiddag');

  // The search is a GET of the whole form: the typed audience survives it.
  await page.getByLabel("Zoek meer collega's").fill('daan');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByLabel('Publiek')).toHaveValue('Team Zakelijk, vrijdagmiddag');
  await page.getByRole('checkbox', { name: 'Daan Bakker' }).check();
  await page.getByRole('button', { name: 'Bijeenkomst vastleggen' }).click();
  await expect(page.getByText('De bijeenkomst is vastgelegd.')).toBeVisible();
  await page.getByRole('button', { name: 'Afmelden' }).click();

  await plainSignIn(page, REVIEWER);
  await page.getByRole('link', { name: /ongelezen melding/ }).click();
  await expect(page.getByRole('heading', { name: 'Te bevestigen' })).toBeVisible();
  await page.goto(meetingUrl);
  // Sending back needs a comment.
  await page.getByRole('button', { name: 'Terugsturen' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Bevestigen dat dit is gepresenteerd' }).click();
  await expect(page.getByText('Je besluit is opgeslagen')).toBeVisible();
  await expect(page.locator('.meeting-decision').first()).toContainText('Bevestigd door Joost Mulder');

  // Notifications: one read, then all.
  await page.goto('/notifications');
  await expect(page.locator('.notification--unread')).toHaveCount(1);
  await page.getByRole('button', { name: 'Alles gelezen' }).click();
  await expect(page.locator('.notification--unread')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Geen ongelezen meldingen' })).toBeVisible();
});
