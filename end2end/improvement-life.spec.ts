// An improvement's life in the browser: the lead of the owning team opens an improvement, marks it
// fixed, and a colleague who reported one of its frictions is told (the bell) and reads it on the
// improvement's page; CX reads the overview on a phone; without JavaScript "won't fix" asks for
// the reason and keeps what was typed. axe-core finds nothing on any of the pages.
//
// Its own server (start-server.sh with the demo data, on its own port and database) so the setup
// can add improvements: they are made by the inbox's triage, which this spec does not test, so it
// links demo frictions to an improvement with a few SQL statements (sqlite3, as scripts/bench.sh
// uses) — test setup only, like the integration tests' `seed`.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ACCOUNTS, PASSWORD, expectAccessible, plainSignIn, signIn } from './helpers';

// Beside the suite's own server (PORT, PORT + 1) and new-company.spec.ts's (PORT + 10, + 11).
const PORT = Number(process.env.E2E_PORT || 3100) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const repoRoot = path.resolve(__dirname, '..');
const BIN = process.env.KRB_BIN || path.join(repoRoot, 'target', 'release', 'klantenrijbewijs');
const SHOTS = process.env.SHOTS_DIR;

let dir = '';
let dbFile = '';
let server: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

function sql(statements: string): string {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbFile, statements], { encoding: 'utf8' }).trim();
}

/** Test setup: an improvement of the demo reviewer's team linking the untriaged demo frictions
 * of the step that has most of them; returns its id and the e-mail of a plain-employee reporter. */
function seedImprovement(title: string): { id: number; reporter: string } {
  const now = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')";
  const out = sql(`
    create temp table pick as
      select f.step_id as step_id, j.family_id as family_id from friction f
      join walkthrough w on w.id = f.walkthrough_id
      join journey_step s on s.id = f.step_id join journey j on j.id = s.journey_id
      where w.status = 'completed' and f.kind = 'friction'
        and f.id not in (select friction_id from friction_triage)
      group by f.step_id, j.family_id order by count(*) desc, f.step_id limit 1;
    create temp table lead as select id, team_id from person where email = '${ACCOUNTS.reviewer.email}';
    insert into improvement (title, problem, team_id, journey_family_id, step_id, priority,
                             last_activity_at, created_by, created_at, updated_at)
      select '${title}', 'Klanten lopen hier vast en bellen dan maar.', lead.team_id, pick.family_id,
             pick.step_id, 'high', ${now}, lead.id, ${now}, ${now} from pick, lead;
    create temp table made as select max(id) as id from improvement;
    insert into improvement_history (improvement_id, actor_id, to_status, created_at, updated_at)
      select made.id, lead.id, 'new', ${now}, ${now} from made, lead;
    insert into friction_triage (friction_id, outcome, improvement_id, gap, triaged_by, created_at, updated_at)
      select f.id, 'improvement', made.id, 'delivery', lead.id, ${now}, ${now}
      from friction f join walkthrough w on w.id = f.walkthrough_id, made, lead
      where w.status = 'completed' and f.kind = 'friction' and f.step_id = (select step_id from pick)
        and f.id not in (select friction_id from friction_triage);
    select made.id || '|' || (
      select p.email from friction_triage t join friction f on f.id = t.friction_id
      join walkthrough w on w.id = f.walkthrough_id join person p on p.id = w.person_id
      where t.improvement_id = made.id and p.active
        and not exists (select 1 from person_role r where r.person_id = p.id and r.role <> 'employee')
      order by f.id limit 1) from made;`);
  const [id, reporter] = out.split('|');
  expect(reporter, 'a plain employee reported one of its frictions').toBeTruthy();
  return { id: Number(id), reporter };
}

async function unread(page: import('@playwright/test').Page): Promise<number> {
  const badge = page.locator('.bell__badge');
  return (await badge.count()) === 0 ? 0 : Number(await badge.first().textContent());
}

async function shot(page: import('@playwright/test').Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'krb-improvement-'));
  dbFile = path.join(dir, 'improvement.db');
  server = spawn('bash', [path.join(__dirname, 'start-server.sh')], {
    env: {
      ...process.env,
      KRB_BIN: BIN,
      E2E_PORT: String(PORT),
      E2E_MAIL_DIR: path.join(dir, 'mail'),
      E2E_DATABASE_URL: `sqlite://${dbFile}`,
    },
    stdio: 'ignore',
  });
  await expect
    .poll(async () => fetch(`${BASE}/healthz`).then((r) => r.status).catch(() => 0), { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(async () => {
  if (server?.pid) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the lead marks an improvement fixed and the reporter hears of it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const { id, reporter } = seedImprovement('Terugbellen in plaats van wachten');
  const reporterContext = await browser.newContext({ baseURL: BASE });
  const reporterPage = await reporterContext.newPage();
  await signIn(reporterPage, reporter);
  const before = await unread(reporterPage);

  await signIn(page, ACCOUNTS.reviewer.email);
  await page.goto(`/improvements/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terugbellen in plaats van wachten');
  await expect(page.locator('#score-heading')).toContainText('Prioriteitsscore');
  await expect(page.locator('.friction-list .friction').first()).toContainText('Gemeld door');
  await expectAccessible(page, 'the improvement page');
  await shot(page, 'improvement-desktop');
  await page.getByLabel('Nieuwe status').selectOption('fixed');
  await page.getByLabel('Toelichting').fill('De terugbelknop staat live.');
  await page.getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(page.locator('.meta-list .badge[data-status="fixed"]')).toHaveText('Opgelost');
  await expect(page.locator('#history-heading').locator('..')).toContainText('van Nieuw naar Opgelost');
  await expectAccessible(page, 'the improvement page after fixing');

  await reporterPage.goto('/');
  await expect.poll(() => unread(reporterPage)).toBe(before + 1);
  await reporterPage.goto(`/improvements/${id}`);
  await expect(reporterPage.locator('.meta-list .badge[data-status="fixed"]')).toHaveText('Opgelost');
  await expect(reporterPage.locator('main')).toContainText('De terugbelknop staat live.');
  await expect(reporterPage.locator('.friction-list')).toHaveCount(0);
  await expectAccessible(reporterPage, 'the improvement page for a reporter');
  await reporterContext.close();
});

test('on a phone CX reads the overview and an improvement', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.cx.email);
  await page.goto('/improvements');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verbeteringen');
  const row = page.getByRole('row', { name: /Terugbellen in plaats van wachten/ });
  await expect(row).toContainText('Opgelost');
  await expectAccessible(page, 'the overview on a phone');
  await shot(page, 'improvements-phone');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terugbellen in plaats van wachten');
  await expectAccessible(page, 'the improvement page on a phone');
  await shot(page, 'improvement-phone');
  await context.close();
});

test('on a desktop the overview filters and exports', async ({ page }) => {
  await signIn(page, ACCOUNTS.cx.email);
  await page.goto('/improvements');
  await shot(page, 'improvements-desktop');
  await page.getByLabel('Status', { exact: true }).selectOption('new');
  await page.getByRole('button', { name: 'Toon' }).click();
  await expect(page).toHaveURL(/status=new/);
  await expect(page.locator('main')).not.toContainText('Terugbellen in plaats van wachten');
  const csv = await page.request.get('/improvements/export.csv?status=fixed');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('Terugbellen in plaats van wachten');
  await expectAccessible(page, 'the filtered overview');
});

test('without JavaScript "won\'t fix" asks for the reason and keeps what was typed', async ({ browser }) => {
  const { id } = seedImprovement('Polisnummer in de bevestiging');
  const context = await browser.newContext({ baseURL: BASE, javaScriptEnabled: false });
  const page = await context.newPage();
  await plainSignIn(page, ACCOUNTS.reviewer.email, PASSWORD);
  await page.goto(`/improvements/${id}`);
  await page.getByText('Gegevens bewerken').click();
  await page.getByLabel('Titel').fill('Polisnummer meteen meesturen');
  await page.getByLabel('Streefdatum').fill('1999-12-31');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('#field-due-on-error')).toBeVisible();
  await expect(page.getByLabel('Titel')).toHaveValue('Polisnummer meteen meesturen');
  await page.getByLabel('Nieuwe status').selectOption('wont_fix');
  await page.getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(page.locator('#field-comment-error')).toContainText('Geef de reden');
  // axe runs in the page, so it checks the refused form's markup in a page that may run it.
  const checking = await browser.newContext();
  const checker = await checking.newPage();
  await checker.setContent(await page.content());
  await expectAccessible(checker, 'the refused status form without JavaScript');
  await checking.close();
  await page.getByLabel('Nieuwe status').selectOption('wont_fix');
  await page.getByLabel('Toelichting').fill('Het polisnummer is pas bekend na acceptatie.');
  await page.getByRole('button', { name: 'Status wijzigen' }).click();
  await expect(page.getByRole('status')).toContainText('De status is gewijzigd.');
  await expect(page.locator('.meta-list .badge[data-status="wont_fix"]')).toBeVisible();
  await context.close();
});
