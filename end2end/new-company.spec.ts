// A real company's first day, from an empty database: IT makes the first administrator with
// `create-admin`, the administrator imports the HR system's export (BOM, semicolons, Dutch
// headers with first name / infix / last name and a business e-mail column) with invitations,
// the managers come out as reviewers, an imported employee takes the invitation from the real
// mail, chooses a password, signs in and starts a walkthrough, and HR's dashboard counts the
// imported employees but not the administrator. Its own server (start-server.sh without demo
// data, on its own port, with its own SMTP sink), so the demo organisation of the other specs
// plays no part.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { dashCount, expectAccessible, hydrated } from './helpers';
import { mailTo, passwordLink } from './mail';

const PORT = Number(process.env.E2E_PORT || 3100) + 10;
const BASE = `http://127.0.0.1:${PORT}`;
const repoRoot = path.resolve(__dirname, '..');
const BIN = process.env.KRB_BIN || path.join(repoRoot, 'target', 'release', 'klantenrijbewijs');
const ADMIN = { email: 'beheer@vanrijn.example', password: 'een lange zin voor de eerste beheerder' };
const EMPLOYEE = 'lotte.devries@vanrijn.example';
const NEW_PASSWORD = 'mijn eigen wachtwoord voor de klantreis';

// What an HR system exports: a byte-order mark, semicolons, Dutch headers, the name in three
// columns, the business e-mail address, the manager by e-mail address. Two managers lead the
// others; the director leads the managers.
const HR_EXPORT =
  '\ufeff' +
  [
    'Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Zakelijk e-mailadres;Afdeling;Team;E-mail leidinggevende',
    'VR-001;Anouk;;Smit;anouk.smit@vanrijn.example;Directie;Directie;',
    'VR-010;Bas;van der;Berg;bas.vanderberg@vanrijn.example;Schade;Schadebehandeling;anouk.smit@vanrijn.example',
    'VR-011;Lotte;de;Vries;lotte.devries@vanrijn.example;Schade;Schadebehandeling;bas.vanderberg@vanrijn.example',
    'VR-012;Mehmet;;Yilmaz;mehmet.yilmaz@vanrijn.example;Schade;Schadebehandeling;bas.vanderberg@vanrijn.example',
    'VR-020;Ilse;;Bakker;ilse.bakker@vanrijn.example;Service;Klantenservice;anouk.smit@vanrijn.example',
    'VR-021;Joost;van;Dam;joost.vandam@vanrijn.example;Service;Klantenservice;ilse.bakker@vanrijn.example',
    'VR-022;Fenna;;Mulder;fenna.mulder@vanrijn.example;Service;Klantenservice;ilse.bakker@vanrijn.example',
  ].join('\r\n') +
  '\r\n';
const IMPORTED = 7;

let dir = '';
let mailDir = '';
let server: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'krb-company-'));
  mailDir = path.join(dir, 'mail');
  const database = `sqlite://${dir}/company.db`;
  // IT's first step, as the README's "A real deployment" says.
  execFileSync(
    BIN,
    ['create-admin', '--email', ADMIN.email, '--name', 'Eerste Beheerder', '--employee-number', 'IT-1'],
    { env: { ...process.env, DATABASE_URL: database, KRB_ADMIN_PASSWORD: ADMIN.password, DEMO_DATA: 'false' } },
  );
  server = spawn('bash', [path.join(__dirname, 'start-server.sh')], {
    env: {
      ...process.env,
      KRB_BIN: BIN,
      E2E_PORT: String(PORT),
      E2E_MAIL_DIR: mailDir,
      E2E_DEMO_DATA: 'false',
      E2E_DATABASE_URL: database,
    },
    stdio: 'ignore',
  });
  await expect
    .poll(async () => fetch(`${BASE}/healthz`).then((r) => r.status).catch(() => 0), { timeout: 20_000 })
    .toBe(200);
});

test.afterAll(async () => {
  if (server?.pid) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a new company imports its people, who get in by invitation and walk', async ({ page }) => {
  test.setTimeout(120_000);
  // The sign-in page of an empty installation lists no demo accounts.
  await page.goto('/login');
  await expect(page.locator('main')).not.toContainText('demo-wachtwoord');
  await page.getByLabel('E-mailadres').fill(ADMIN.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');

  // The import, dry run first: the new people with their team and manager.
  await page.goto('/hr/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers importeren');
  await page.getByLabel('CSV-bestand').setInputFiles({
    name: 'afas-export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(HR_EXPORT, 'utf8'),
  });
  await page.getByRole('button', { name: 'Controleren (proefdraaien)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proefdraaien: wat deze import doet');
  const counts = page.locator('.import-counts');
  await expect(counts).toContainText(`${IMPORTED} mensen worden toegevoegd`);
  await expect(counts).toContainText('0 fouten');
  const created = page.locator('#import-created').locator('..');
  await expect(created).toContainText('Lotte de Vries');
  await expect(created).toContainText('Bas van der Berg');
  await expect(created).toContainText('team: Schade / Schadebehandeling');
  await expect(created).toContainText('leidinggevende: Bas van der Berg');
  // The administrator is not in the file and stays active.
  await expect(page.locator('main')).not.toContainText('op inactief gezet: Eerste Beheerder');
  await expectAccessible(page, 'the dry run of a new company');
  await expect(page.getByLabel('Uitnodigingen sturen')).toBeChecked();
  await page.getByRole('button', { name: 'Doorvoeren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import doorgevoerd' })).toContainText(
    `${IMPORTED} toegevoegd`,
  );

  // Whoever manages someone can sign licences off.
  for (const manager of ['Bas van der Berg', 'Ilse Bakker', 'Anouk Smit']) {
    await page.goto(`/admin/people?q=${encodeURIComponent(manager)}`);
    await page.getByRole('link', { name: manager }).first().click();
    await expect(page.getByRole('checkbox', { name: /Beoordelaar/ })).toBeChecked();
  }
  await page.goto(`/admin/people?q=${encodeURIComponent('Lotte de Vries')}`);
  await page.getByRole('link', { name: 'Lotte de Vries' }).first().click();
  await expect(page.getByRole('checkbox', { name: /Beoordelaar/ })).not.toBeChecked();

  // HR's dashboard counts the seven imported employees, not the administrator.
  await page.goto('/hr');
  await expect(page.locator('main')).toContainText(`gedekt: 0 van ${IMPORTED} actieve medewerkers`);
  expect(await dashCount(page, 'never')).toBe(IMPORTED);

  // A journey to walk: the administrator writes and publishes one, owned by an imported team.
  await page.goto('/journeys/new');
  await page.getByLabel('Titel in de woorden van de klant').fill('Ik wil schade melden');
  await page.getByLabel('Product').fill('Autoverzekering');
  await page.getByLabel('Persona').fill('Kees (45) heeft een deuk in zijn portier.');
  await page.getByLabel('Doel van de klant').fill('De schade snel vergoed krijgen.');
  await page.getByLabel('Scenario').fill('Je bent Kees en meldt de schade via de website.');
  await page.getByLabel('Spelregels').fill('Gebruik de testpolis en trek de melding daarna in.');
  await page.getByRole('button', { name: 'Klantreis aanmaken' }).click();
  await expect(page).toHaveURL(/\/journeys\/\d+\?created=1$/);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Stap toevoegen' }) });
  await form.getByLabel('Fase').selectOption({ label: 'Service' });
  await form.getByLabel('Kanaal').selectOption({ label: 'Website' });
  await form.getByLabel('Stap in de woorden van de klant').fill('Ik meld mijn schade');
  await form.getByLabel('Wat doe je als klant?').fill('Meld een deuk in het portier via het schadeformulier.');
  await form.getByLabel('Belofte aan de klant').fill('Binnen 5 minuten gemeld.');
  await form.getByLabel('Eigenaar (team)').selectOption({ label: 'Schadebehandeling (Schade)' });
  await form.getByRole('button', { name: 'Stap toevoegen' }).click();
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page).toHaveURL(/\?published=1$/);
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The employee's invitation, from the real SMTP server.
  const mail = await mailTo(EMPLOYEE, mailDir);
  await page.goto(passwordLink(mail).replace(/^https?:\/\/[^/]+/, BASE));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Lotte de Vries');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord opslaan en aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Lotte de Vries');
  await hydrated(page);

  // And walks.
  await page.goto('/walk');
  await page.getByRole('link', { name: 'Bekijk en start: Ik wil schade melden' }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  await expect(page.getByText(/^Stap 1 van 1/)).toBeVisible();
});
