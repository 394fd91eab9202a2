// The owning team's inbox: Marieke Jansen leads Autoschade, which owns steps of "Ik wil schade
// melden" where colleagues logged the same friction twice. On a phone she merges two reports of the
// retyped claim form into one improvement and marks it fixed, and Floor, who reported one of them,
// reads it on her notifications page and in her mail; on a desktop she filters on a step, is told what is
// missing, merges the two status reports, and closes a third friction as "geen actie" — whose
// reporter, Floor, then reads the reason on her own walkthrough. axe-core on every screen;
// SHOTS_DIR=… keeps screenshots of the inbox.
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, followNav, signIn } from './helpers';
import { mails } from './mail';

const SHOTS = process.env.SHOTS_DIR;
const FLOOR = 'floor.janssen@dijkhuis.example';
const TITLE = 'Foto van het schadeformulier laten volstaan';

async function openInbox(page: Page) {
  await signIn(page, ACCOUNTS.reviewer.email);
  await followNav(page, 'Inbox wrijvingen');
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox wrijvingen' })).toBeVisible();
}

/** Ticks the open friction titled `title`. */
async function pick(page: Page, title: string) {
  await page.getByRole('checkbox', { name: title, exact: true }).check();
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a lead merges two reports of the same friction into one improvement', async ({ page }) => {
    await openInbox(page);
    await expectAccessible(page, 'inbox on a phone');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/inbox-phone.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'nothing scrolls sideways').toBeLessThanOrEqual(390);

    await pick(page, 'Schadeformulier moet worden overgetypt');
    await pick(page, 'Schadeformulier overtypen op de telefoon');
    await page.getByLabel('Specificatiekloof').check();
    await page.getByLabel('Titel van de verbetering').fill(TITLE);
    await page.getByLabel('Het probleem in de woorden van de klant').fill('Ik moest het hele formulier overtypen op mijn telefoon.');
    await page.getByLabel('Hoog').check();
    await page.getByRole('button', { name: 'Verbetering maken' }).click();

    await expect(page.getByRole('status')).toContainText('De verbetering is gemaakt');
    await expect(page.getByRole('checkbox', { name: 'Schadeformulier overtypen op de telefoon' })).toHaveCount(0);
    await expectAccessible(page, 'inbox after triage');

    // Both reports now read as one improvement under "Besloten".
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Toestand').selectOption('triaged');
    await page.getByRole('button', { name: 'Toon' }).click();
    const decided = page.locator('.friction', { hasText: TITLE });
    await expect(decided).toHaveCount(2);
    await expectAccessible(page, 'decided frictions');

    // The lead marks the merged improvement fixed; Floor, who reported one of the two, hears it:
    // in the app (the bell's page links to it) and by e-mail.
    await page.getByRole('link', { name: TITLE }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await page.getByLabel('Nieuwe status').selectOption('fixed');
    await page.getByLabel('Toelichting').fill('Een foto van het formulier is nu genoeg.');
    await page.getByRole('button', { name: 'Status wijzigen' }).click();
    await expect(page.locator('.meta-list .badge[data-status="fixed"]')).toHaveText('Opgelost');
    await expectAccessible(page, 'the fixed improvement on a phone');

    // On a phone the sign-out button sits in the closed menu; a fresh session is the same thing.
    await page.context().clearCookies();
    await signIn(page, FLOOR);
    await page.goto('/notifications');
    const news = page.getByRole('link', { name: new RegExp(`‘${TITLE}’ opgelost`) });
    await expect(news).toBeVisible();
    await expectAccessible(page, "the reporter's notifications");
    await news.click();
    await expect(page.locator('.meta-list .badge[data-status="fixed"]')).toHaveText('Opgelost');
    await expect(page.getByText('Een foto van het formulier is nu genoeg.', { exact: true })).toBeVisible();
    await expect
      .poll(() => mails().filter((m) => m.rcptTo.includes(FLOOR) && m.body.includes(TITLE)).length, { timeout: 15_000 })
      .toBe(1);
  });
});

test.describe('on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('a lead filters, is told what is missing, merges duplicates and closes one with a reason', async ({ page }) => {
    await openInbox(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/inbox-desktop.png`, fullPage: true });

    // The step filter: only the status step's frictions.
    await page.getByText('Filters', { exact: true }).click();
    const step = page.getByLabel('Stap', { exact: true });
    const option = step.locator('option', { hasText: 'Ik wil weten hoe het ervoor staat' }).first();
    await step.selectOption({ label: (await option.textContent())!.trim() });
    await page.getByRole('button', { name: 'Toon' }).click();
    await expect(page.locator('.friction')).toHaveCount(2);
    await expectAccessible(page, 'filtered inbox');

    await pick(page, "'In beoordeling' zonder uitleg");
    await pick(page, 'Status zonder uitleg');
    await page.getByLabel('Titel van de verbetering').fill('Elke status met één zin uitleg');
    await page.getByRole('button', { name: 'Verbetering maken' }).click();
    // No gap and no problem: told per field, the title and the ticks kept.
    await expect(page.getByText('Kies welke kloof deze wrijvingen laten zien.')).toBeVisible();
    await expect(page.getByLabel('Titel van de verbetering')).toHaveValue('Elke status met één zin uitleg');
    await expect(page.getByRole('checkbox', { name: 'Status zonder uitleg' })).toBeChecked();
    await expectAccessible(page, 'refused triage');
    await page.getByLabel('Communicatiekloof').check();
    await page.getByLabel('Het probleem in de woorden van de klant').fill("Er stond 'in beoordeling', maar wat betekent dat?");
    await page.getByRole('button', { name: 'Verbetering maken' }).click();
    await expect(page.getByRole('status')).toContainText('De verbetering is gemaakt');
    await expect(page.getByText('Geen wrijvingen die bij dit filter passen.')).toBeVisible();

    // Geen actie needs a reason; Floor reads it on her own walkthrough.
    await page.goto('/improvements/inbox');
    await pick(page, 'Geen naam van de behandelaar in de bevestiging');
    await page.getByText('Sluiten als geen actie').click();
    const reason = 'De bevestiging noemt de behandelaar zodra die is toegewezen; dat is al zo gebouwd.';
    await page.getByLabel('Waarom geen actie?').fill(reason);
    await page.getByRole('button', { name: 'Sluiten zonder actie' }).click();
    await expect(page.getByRole('status')).toContainText('Gesloten als geen actie');

    await page.getByRole('button', { name: /Afmelden/ }).click();
    await signIn(page, FLOOR);
    await page.goto('/walk');
    await page.getByRole('table').getByRole('link', { name: /Ik wil schade melden/ }).first().click();
    await expect(page.getByText(reason)).toBeVisible();
    await expectAccessible(page, "the reporter's log");
  });
});
