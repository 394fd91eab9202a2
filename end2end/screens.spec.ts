// The screens HR and administrators work in, for every role and every page its navigation leads
// to (plus the pages behind them: a person, the drill-down, an import's dry run):
// - at 1280 px the header is one row and every table is whole (no column cut off or scrolled away);
// - at 390 px a table wider than the phone shows that it scrolls (a shadow on the side with more);
// - the trend chart's month labels do not overlap on a phone;
// - the audit log's details are text, the team's step count matches the checklist.
// SHOTS_DIR=/some/dir saves a full-page screenshot of every page at both widths.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, hydrated, signIn, signOut } from './helpers';

const SHOTS = process.env.SHOTS_DIR;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Every address the signed-in person's navigation links to, menus included. */
async function navPages(page: Page): Promise<string[]> {
  return page
    .locator('#site-nav a')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
}

/** The pages behind the navigation that HR and admins open from it. */
async function deeperPages(page: Page, role: keyof typeof ACCOUNTS, links: string[]): Promise<string[]> {
  const more: string[] = [];
  if (links.includes('/hr/people')) {
    more.push('/hr/coverage', '/hr/coverage?status=never');
    await page.goto('/hr/coverage');
    const person = await page.locator('.dash-people a[href^="/licence/people/"]').first().getAttribute('href');
    if (person) more.push(person);
  }
  if (links.includes('/admin/people')) {
    await page.goto('/admin/people');
    const person = await page.locator('a[href^="/admin/people/"]:not([href$="/new"])').first().getAttribute('href');
    more.push('/admin/people/new');
    if (person) more.push(person);
  }
  if (links.includes('/licence/team')) {
    await page.goto('/licence/team');
    const person = await page.locator('.team-licences a[href^="/licence/people/"]').first().getAttribute('href');
    if (person) more.push(person);
  }
  if (role === 'hr') more.push(await importPreview(page));
  return more;
}

/** Uploads a two-line HR export and returns the address of its dry run (nothing is applied). */
async function importPreview(page: Page): Promise<string> {
  const header = 'Personeelsnummer;Naam;E-mail;Afdeling;Team;E-mail leidinggevende;Actief';
  const rows = [
    'DV-7701;Lina Verhoeven-Zwartjes;lina.verhoeven-zwartjes@dijkhuis.example;Klantenservice;Telefonie;ahmed.bouzid@dijkhuis.example;ja',
    'DV-7702;Bram de Wit;bram.dewit@@dijkhuis.example;Innovatie;Lab;ahmed.bouzid@dijkhuis.example;ja',
  ];
  await page.goto('/hr/import');
  await page.getByLabel('CSV-bestand').setInputFiles({
    name: 'export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\ufeff' + [header, ...rows].join('\r\n') + '\r\n', 'utf8'),
  });
  await page.getByRole('button', { name: 'Controleren (proefdraaien)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proefdraaien: wat deze import doet');
  return new URL(page.url()).pathname;
}

/** What does not fit at this width: a header of more than one row, tables that are cut off. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const header = document.querySelector('.site-header__inner') as HTMLElement;
    const brand = header.querySelector('.brand') as HTMLElement;
    const row = brand.getBoundingClientRect();
    // One row: every item of the header starts above the bottom of the brand (nothing wrapped below it).
    for (const item of header.querySelectorAll('.brand, .site-nav__list > li, .site-nav__meta > *, .bell')) {
      const box = item.getBoundingClientRect();
      if (box.height > 0 && box.top >= row.bottom - 1) problems.push(`header wraps: "${(item.textContent ?? '').trim()}" on a second row`);
    }
    if (header.getBoundingClientRect().height > 80) problems.push(`header is ${header.getBoundingClientRect().height}px high`);
    for (const table of document.querySelectorAll('main table')) {
      const box = table.parentElement as HTMLElement;
      const name = box.getAttribute('aria-label') ?? table.querySelector('caption')?.textContent ?? 'table';
      if (box.scrollWidth > box.clientWidth) problems.push(`${name}: ${box.scrollWidth}px wide in a ${box.clientWidth}px box`);
      const right = box.getBoundingClientRect().right;
      for (const th of table.querySelectorAll('thead th')) {
        if (th.getBoundingClientRect().right > right + 1) problems.push(`${name}: column "${th.textContent?.trim()}" cut off`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push('the page scrolls sideways');
    return problems;
  });
}

/** Tables wider than the phone whose box does not show that it scrolls. */
async function hiddenScrolls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main .table-wrap')]
      .filter((box) => box.scrollWidth > box.clientWidth && (box as HTMLElement).offsetParent !== null)
      .filter((box) => getComputedStyle(box).boxShadow === 'none')
      .map((box) => box.getAttribute('aria-label') ?? 'table'),
  );
}

function shotName(role: string, path: string, width: number) {
  return `${SHOTS}/${role}${path.replace(/[/?=&]+/g, '_')}-${width}.png`;
}

for (const role of ['admin', 'hr', 'reviewer', 'cx', 'employee'] as const) {
  test(`every page of ${role} fits: one header row and whole tables at 1280 px, visible scrolling at 390 px`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(DESKTOP);
    await signIn(page, ACCOUNTS[role].email);
    const links = await navPages(page);
    const pages = [...new Set(['/', ...links, ...(await deeperPages(page, role, links)), '/notifications'])];
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await hydrated(page);
      problems.push(...(await layoutProblems(page)).map((p) => `${path}: ${p}`));
      if (SHOTS) await page.screenshot({ path: shotName(role, path, 1280), fullPage: true });
    }
    await page.setViewportSize(PHONE);
    for (const path of pages) {
      await page.goto(path);
      await hydrated(page);
      problems.push(...(await hiddenScrolls(page)).map((t) => `${path} at 390 px: ${t} scrolls without showing it`));
      if (SHOTS) await page.screenshot({ path: shotName(role, path, 390), fullPage: true });
    }
    expect(problems).toEqual([]);
  });
}

test('someone with every role still gets a one-row header, in Dutch and in English', async ({ page }) => {
  test.setTimeout(90_000);
  const email = 'alex.alle-rollen@dijkhuis.example';
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/admin/people/new');
  await hydrated(page);
  await page.getByLabel('Naam').fill('Alexandra van den Berg-Huisman');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Personeelsnummer').fill('DV-7799');
  for (const role of ['Medewerker', 'Beoordelaar (teamleider)', 'HR', 'Beheerder', 'Klantbeleving (CX)']) {
    await page.getByLabel(role, { exact: true }).check();
  }
  await page.getByLabel('Eerste wachtwoord').fill('alle-rollen-wachtwoord');
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/\d+\?saved=1$/);
  await signOut(page);
  // A password an administrator typed is temporary: the first sign-in leads to choosing one's own.
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill('alle-rollen-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/account\?change=1$/);
  await expect(page.getByText('Je wachtwoord is door een beheerder ingesteld en tijdelijk.')).toBeVisible();
  await page.goto('/hr');
  await expect(page).toHaveURL(/\/account\?change=1$/);
  await hydrated(page);
  await page.getByLabel('Huidig wachtwoord').fill('alle-rollen-wachtwoord');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('mijn eigen lange wachtwoord');
  await page.getByLabel('Herhaal nieuw wachtwoord').fill('mijn eigen lange wachtwoord');
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd.' })).toBeVisible();
  const groups = page.locator('#site-nav summary');
  await expect(groups).toHaveText(['Mijn rijbewijs', 'Mijn team', 'HR', 'Beheer']);
  for (const path of ['/', '/hr', '/hr/people', '/admin/people', '/licence/team']) {
    await page.goto(path);
    await hydrated(page);
    expect(await layoutProblems(page), path).toEqual([]);
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(groups).toHaveText(['My licence', 'My team', 'HR', 'Admin']);
  expect(await layoutProblems(page), 'in English').toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/every-role-1280.png` });
  await page.getByRole('button', { name: 'Nederlands' }).click();
});

test('the menus open with the keyboard, mark the current page and pass axe-core', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  await page.goto('/hr/audit');
  await hydrated(page);
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const hr = nav.locator('summary', { hasText: 'HR' });
  // The group of the current page says so; the page's own link is aria-current="page".
  await expect(hr).toHaveAttribute('aria-current', 'true');
  await expect(nav.getByRole('link', { name: 'Auditlog' })).toBeHidden();
  await hr.focus();
  await page.keyboard.press('Enter');
  await expect(nav.getByRole('link', { name: 'Auditlog' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page, 'open HR menu');
  // One menu at a time: opening another closes the first.
  await nav.locator('summary', { hasText: 'Beheer' }).click();
  await expect(nav.getByRole('link', { name: 'Auditlog' })).toBeHidden();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Mensen beheren' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensen beheren');
});

test('HR reaches the import from the HR menu', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).locator('summary', { hasText: 'HR' }).click();
  await page.getByRole('link', { name: 'Medewerkers importeren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers importeren');
});

test('the audit log reads as labelled text, never JSON', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin.email);
  // A change of the licence rules: its detail was a JSON object of every setting before and after.
  await page.goto('/admin/licence-settings');
  await hydrated(page);
  await page.getByLabel('Einddatum rekenen vanaf').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('De rijbewijsregels zijn opgeslagen.')).toBeVisible();
  await page.goto('/hr/audit?action=settings_changed');
  const detail = page.locator('.audit-detail').first();
  await expect(detail).toContainText('Einddatum rekenen vanaf');
  await expect(detail).toContainText('→');
  await page.goto('/hr/audit');
  const texts = await page.locator('.audit-detail').allTextContents();
  expect(texts.length).toBeGreaterThan(3);
  for (const text of texts) expect(text).not.toMatch(/[{}[\]"]|SignOff|PreviousExpiry|\btrue\b|\bfalse\b/);
});

test.describe('on a 390 px phone', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("the trend chart's month labels do not overlap", async ({ page }) => {
    await signIn(page, ACCOUNTS.hr.email);
    await page.goto('/hr');
    const boxes = await page.locator('.coverage-chart__month').evaluateAll((ts) =>
      ts.map((t) => {
        const b = t.getBoundingClientRect();
        return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      }),
    );
    expect(boxes.length).toBe(12);
    for (let i = 1; i < boxes.length; i++) {
      const [a, b] = [boxes[i - 1], boxes[i]];
      // Slanted labels may share a column of pixels, not a spot: their boxes' corners stay apart.
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      expect(overlap, `labels ${i} and ${i + 1}`).toBeLessThan((a.right - a.left) * 0.6);
    }
    await expect(page.locator('.curve__caption')).not.toContainText('; eind');
  });
});

test("the team's step count matches the checklist", async ({ page }) => {
  await signIn(page, ACCOUNTS.reviewer.email);
  await page.goto('/licence/team');
  const counts = await page.locator('.team-licences td').filter({ hasText: /stappen/ }).allTextContents();
  expect(counts.length).toBeGreaterThan(0);
  await page.locator('.team-licences a[href^="/licence/people/"]').first().click();
  const steps = await page.locator('.licence-checklist__item').count();
  for (const count of counts) expect(count).toMatch(new RegExp(`^\\d van ${steps} stappen$`));
});
