// With JavaScript disabled the core forms still work through plain form posts.
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, PASSWORD } from './helpers';

test('sign in, see errors, switch language and sign out without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('#site-nav')).toHaveAttribute('data-state', 'static');

  await page.getByLabel('E-mailadres').fill(ACCOUNTS.employee.email);
  await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Het e-mailadres of wachtwoord klopt niet.');
  // The page was reloaded by the form post, yet the e-mail is still there (never the password).
  await expect(page.getByLabel('E-mailadres')).toHaveValue(ACCOUNTS.employee.email);
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');

  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Daan Bakker');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Daan Bakker');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Daan Bakker');

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=\/account$/);
});

test('the phone menu is simply open without JavaScript', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.admin.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  // The group menus are <details>: they open without JavaScript too.
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await nav.locator('summary', { hasText: 'Beheer' }).click();
  await nav.getByRole('link', { name: 'Mensen beheren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensen beheren');
});

test('adding a person without JavaScript: field errors, then saved', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.admin.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.goto('/admin/people/new');
  await page.getByLabel('Naam').fill('Ties Zonder Script');
  await page.getByLabel('E-mailadres').fill('geen-adres');
  await page.getByLabel('Personeelsnummer').fill('NJ-1');
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await expect(page.locator('#field-email-error')).toHaveText('Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.');
  // Everything typed survived the round trip through the server.
  await expect(page.getByLabel('Naam')).toHaveValue('Ties Zonder Script');
  await expect(page.getByLabel('E-mailadres')).toHaveValue('geen-adres');
  await expect(page.getByLabel('Personeelsnummer')).toHaveValue('NJ-1');

  await page.getByLabel('E-mailadres').fill('ties@dijkhuis.example');
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ties Zonder Script bewerken');
  await expect(page.getByText('De gegevens zijn opgeslagen.')).toBeVisible();
});

/** Activates a button far down a long page. Without JavaScript, Playwright's scroll-into-view before
 * `click()` never settled on these pages (it timed out waiting for a stable element), so the click
 * is dispatched to the button directly; the browser still submits the form with that button. */
async function press(page: Page, name: string) {
  await page.getByRole('button', { name }).dispatchEvent('click');
}

test('walk a step, log a friction and see field errors without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill('thomas.vermeulen@dijkhuis.example');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');
  await page.goto('/walk');
  await page.getByRole('link', { name: 'Bekijk en start: Ik wil mijn verzekering opzeggen' }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);

  // A bad number comes back on its field with everything typed still there.
  await page.getByRole('radio', { name: 'Overgeslagen' }).check();
  await page.getByLabel('Tijd (minuten)').fill('-4');
  await page.getByLabel('Wat er gebeurde').fill('De opzegknop stond onderaan een lange pagina.');
  await press(page, 'Opslaan en volgende stap');
  await expect(page.locator('#field-minutes-error')).toHaveText('Dit getal valt buiten het toegestane bereik.');
  await expect(page.locator('#field-skip-reason-error')).toContainText('waarom je deze stap hebt overgeslagen');
  await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('De opzegknop stond onderaan een lange pagina.');
  await expect(page.getByRole('radio', { name: 'Overgeslagen' })).toBeChecked();

  await page.getByRole('radio', { name: 'Gelukt', exact: true }).check();
  await page.getByLabel('Tijd (minuten)').fill('6');
  await press(page, 'Opslaan en volgende stap');
  await expect(page).toHaveURL(/\/steps\/2\?saved=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
  await page.goto(page.url().replace(/\/steps\/2.*$/, '/steps/1'));
  await expect(page.getByLabel('Wat er gebeurde')).toHaveValue('De opzegknop stond onderaan een lange pagina.');
  await expect(page.getByLabel('Tijd (minuten)')).toHaveValue('6');

  await page.getByRole('link', { name: '+ Wrijving' }).click();
  await page.getByLabel('Korte titel').fill('Opzeggen alleen per brief');
  await press(page, 'Vastleggen');
  await expect(page.locator('#field-severity-error')).toHaveText('Kies hoe ernstig deze wrijving is.');
  await expect(page.getByLabel('Korte titel')).toHaveValue('Opzeggen alleen per brief');
  await page.getByRole('radio', { name: 'Groot' }).check();
  await page.getByLabel('Wat er gebeurde').fill('Online opzeggen kon niet; ik moest een brief sturen.');
  await press(page, 'Vastleggen');
  await expect(page).toHaveURL(/\/steps\/1\?saved=friction$/);
  await expect(page.getByRole('heading', { name: 'Opzeggen alleen per brief' })).toBeVisible();
});

test('creating a journey without JavaScript: field errors keep what was typed, then the draft opens', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(ACCOUNTS.cx.email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.goto('/journeys/new');
  await page.getByLabel('Product').fill('Reisverzekering');
  await page.getByLabel('Persona').fill('Lisa (29) reist voor het eerst buiten Europa.');
  await page.getByLabel('Doel van de klant').fill('Goed verzekerd op reis.');
  await page.getByLabel('Scenario').fill('Je bent Lisa en vertrekt over twee weken naar Thailand.');
  await page.getByLabel('Spelregels').fill('Gebruik testpolis RE-TEST-0001.');
  // Keyboard submit: a click would first smooth-scroll the long form, which never settles without JavaScript.
  await page.getByRole('button', { name: 'Klantreis aanmaken' }).press('Enter');
  await expect(page.locator('#field-title-error')).toHaveText('Dit veld is verplicht.');
  await expect(page.getByLabel('Product')).toHaveValue('Reisverzekering');
  await expect(page.getByLabel('Scenario')).toHaveValue('Je bent Lisa en vertrekt over twee weken naar Thailand.');

  await page.getByLabel('Titel in de woorden van de klant').fill('Ik wil op reis');
  await page.getByRole('button', { name: 'Klantreis aanmaken' }).press('Enter');
  await expect(page).toHaveURL(/\/journeys\/\d+\?created=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ik wil op reis');
  await expect(page.getByRole('status')).toContainText('aangemaakt als concept');
});
