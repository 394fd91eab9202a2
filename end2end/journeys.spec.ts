// The journey catalogue in the browser: a curator writes a draft, orders its steps, publishes it,
// and makes a new version of a live journey; every screen passes axe on desktop and phone.
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, hydrated, signIn } from './helpers';

async function addStep(page: Page, step: { phase: string; channel: string; title: string; team: string }) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Stap toevoegen' }) });
  await form.getByLabel('Fase').selectOption({ label: step.phase });
  await form.getByLabel('Kanaal').selectOption({ label: step.channel });
  await form.getByLabel('Stap in de woorden van de klant').fill(step.title);
  await form.getByLabel('Wat doe je als klant?').fill(`Doe als klant: ${step.title.toLowerCase()}.`);
  await form.getByLabel('Belofte aan de klant').fill('Binnen 2 minuten duidelijk wat ik moet doen.');
  await form.getByLabel('Eigenaar (team)').selectOption({ label: step.team });
  await form.getByRole('button', { name: 'Stap toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(step.title) })).toBeVisible();
}

/** Step titles under one phase heading, in the order shown. */
async function stepsIn(page: Page, phase: string) {
  const section = page.getByRole('region', { name: new RegExp(phase) });
  return section.locator('.journey-step h3').evaluateAll((hs) =>
    hs.map((h) => (h.textContent ?? '').replace(/^Stap \d+\s*/, '').trim()),
  );
}

test('a curator writes a journey, orders its steps with the keyboard and publishes it', async ({ page }) => {
  await signIn(page, ACCOUNTS.cx.email);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Klantreizen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klantreizen');
  await page.getByRole('link', { name: 'Nieuwe klantreis' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nieuwe klantreis');
  await hydrated(page);

  await page.getByLabel('Product').fill('Reisverzekering');
  await page.getByLabel('Persona').fill('Lisa (29) reist voor het eerst buiten Europa.');
  await page.getByLabel('Doel van de klant').fill('Goed verzekerd op reis.');
  await page.getByLabel('Scenario').fill('Je bent Lisa en vertrekt over twee weken naar Thailand.');
  await page.getByLabel('Spelregels').fill('Gebruik testpolis RE-TEST-0001 en maak de afsluiting daarna ongedaan.');
  await page.getByRole('button', { name: 'Klantreis aanmaken' }).click();
  const title = page.getByLabel('Titel in de woorden van de klant');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-title-error')).toHaveText('Dit veld is verplicht.');
  await expect(page.getByLabel('Product')).toHaveValue('Reisverzekering');
  await expect(page.getByLabel('Scenario')).toHaveValue('Je bent Lisa en vertrekt over twee weken naar Thailand.');

  await title.fill('Ik wil op reis');
  await page.getByRole('button', { name: 'Klantreis aanmaken' }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik wil op reis');
  await expect(page.getByRole('status').filter({ hasText: 'aangemaakt als concept' })).toBeVisible();
  await hydrated(page);

  // Publishing an empty draft is refused with the reason.
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByRole('alert')).toHaveText('Voeg eerst minstens één stap toe.');

  await addStep(page, { phase: 'Transactie', channel: 'Website', title: 'Ik sluit de verzekering af', team: 'Website & App (Digitale Kanalen)' });
  await addStep(page, { phase: 'Oriëntatie', channel: 'Website', title: 'Ik vergelijk reisverzekeringen', team: 'Klantcommunicatie (Digitale Kanalen)' });
  await addStep(page, { phase: 'Oriëntatie', channel: 'Chat', title: 'Ik vraag wat er gedekt is', team: 'Klantcontactcentrum (Klantenservice)' });
  expect(await stepsIn(page, 'Oriëntatie')).toEqual(['Ik vergelijk reisverzekeringen', 'Ik vraag wat er gedekt is']);
  expect(await stepsIn(page, 'Transactie')).toEqual(['Ik sluit de verzekering af']);

  // Move with the keyboard; focus stays on the step's controls after the page updates.
  const up = page.getByRole('button', { name: 'Omhoog (Ik vraag wat er gedekt is)' });
  await up.focus();
  await page.keyboard.press('Enter');
  // The move is a form post; the page comes back with focus on the same step's controls.
  await page.waitForURL(/moved=/);
  await expect.poll(() => stepsIn(page, 'Oriëntatie')).toEqual(['Ik vraag wat er gedekt is', 'Ik vergelijk reisverzekeringen']);
  await expect(page.getByRole('button', { name: 'Omlaag (Ik vraag wat er gedekt is)' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Omhoog (Ik vraag wat er gedekt is)' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page).toHaveURL(/\?published=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'De klantreis is gepubliceerd.' })).toBeVisible();
  await expect(page.locator('.journey-header .journey-badge')).toHaveText('Live');
  await expect(page.getByRole('button', { name: 'Nieuwe versie maken' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Stap toevoegen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Omhoog|Omlaag/ })).toHaveCount(0);
  expect(await stepsIn(page, 'Oriëntatie')).toEqual(['Ik vraag wat er gedekt is', 'Ik vergelijk reisverzekeringen']);
});

test('a new version of a live journey starts as a copy; the live version stays as it was', async ({ page }) => {
  await signIn(page, ACCOUNTS.cx.email);
  await page.goto('/journeys');
  await page.getByRole('link', { name: 'Ik wil mijn verzekering opzeggen' }).click();
  await hydrated(page);
  await expect(page.locator('.journey-step')).toHaveCount(8);
  const liveUrl = page.url();

  await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+\?drafted=1$/);
  expect(page.url()).not.toBe(liveUrl);
  await expect(page.locator('.journey-header')).toContainText('Versie 2');
  await expect(page.locator('.journey-header .journey-badge')).toHaveText('Concept');
  await expect(page.getByText('Publiceren vervangt live versie 1')).toBeVisible();
  await expect(page.locator('.journey-step')).toHaveCount(8);
  await hydrated(page);

  // Removing a step asks first, on its own page.
  await page.getByRole('link', { name: 'Verwijderen (Ik krijg een afscheidsbericht)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stap verwijderen?');
  await hydrated(page);
  await page.getByRole('button', { name: 'Ja, verwijder deze stap' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De stap is verwijderd.' })).toBeVisible();
  await expect(page.locator('.journey-step')).toHaveCount(7);
  await expect(page.getByRole('region', { name: /Loyaliteit/ })).toContainText('Nog geen stappen in deze fase.');

  // Version 1 is untouched and still live.
  await page.getByRole('link', { name: 'Versie 1' }).click();
  await expect(page.locator('.journey-header .journey-badge')).toHaveText('Live');
  await expect(page.locator('.journey-step')).toHaveCount(8);
  await expect(page.getByRole('link', { name: 'Naar het concept' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nieuwe versie maken' })).toHaveCount(0);
});

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
]) {
  test(`journey screens pass axe on ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page, ACCOUNTS.cx.email);
    await page.goto('/journeys');
    await hydrated(page);
    await expectAccessible(page, '/journeys');

    await page.getByRole('link', { name: 'Ik wil schade melden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik wil schade melden');
    await hydrated(page);
    await expectAccessible(page, 'live journey');
    await page.getByRole('link', { name: 'Intrekken' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Klantreis intrekken?');
    await hydrated(page);
    await expectAccessible(page, 'retire confirmation');

    await page.goto('/journeys');
    await page.getByRole('link', { name: 'Ik verhuis en wil mijn inboedel meenemen' }).click();
    await hydrated(page);
    // The add-step form with its errors showing.
    await page.getByRole('button', { name: 'Stap toevoegen' }).click();
    await expect(page.locator('#field-phase-error')).toHaveText('Kies een van de mogelijkheden.');
    await expectAccessible(page, 'draft journey with step errors');

    await page.getByRole('link', { name: 'Bewerken (Wat moet ik regelen als ik verhuis?)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stap bewerken');
    await hydrated(page);
    await page.getByLabel('Stap in de woorden van de klant').fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.locator('#field-title-error')).toHaveText('Dit veld is verplicht.');
    await expectAccessible(page, 'step form with errors');

    await page.goBack();
    await page.goto(page.url().replace(/\/steps\/.*$/, ''));
    await hydrated(page);
    await page.getByRole('link', { name: 'Verwijderen (Wat moet ik regelen als ik verhuis?)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stap verwijderen?');
    await hydrated(page);
    await expectAccessible(page, 'remove step confirmation');

    await page.goto('/journeys/new');
    await hydrated(page);
    await page.getByRole('button', { name: 'Klantreis aanmaken' }).click();
    await expect(page.locator('#field-title-error')).toBeVisible();
    await expectAccessible(page, 'new journey form with errors');
  });
}
