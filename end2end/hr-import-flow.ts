// The employee import in the browser, shared by hr-import.spec.ts (JavaScript) and
// nojs-hr-import.spec.ts (none; the import is plain forms): HR uploads an HR-system export (BOM,
// semicolons, Dutch headers) with one bad e-mail address, the dry run names the line and writes
// nothing, HR fixes the file and applies it; the new colleagues are in the people list and the
// import is in the audit log. axe-core on the upload, dry-run and audit pages.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { expectAccessible } from './helpers';

const HEADER = 'Personeelsnummer;Naam;E-mail;Afdeling;Team;E-mail leidinggevende;Actief';

function file(rows: string[], name: string) {
  return {
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from('\ufeff' + [HEADER, ...rows].join('\r\n') + '\r\n', 'utf8'),
  };
}

/** The whole flow for the signed-in HR `page`; `tag` keeps each run's people apart. */
export async function importWithOneError(page: Page, tag: string, n: number) {
  // axe-core runs inside the page, which needs JavaScript; hr-import.spec.ts covers these pages.
  const accessible = (label: string) => (tag === 'js' ? expectAccessible(page, label) : Promise.resolve());
  const good = `DV-91${n}1;Noor Kaya ${tag};noor.kaya.${tag}@dijkhuis.example;Innovatie;Lab;ahmed.bouzid@dijkhuis.example;ja`;
  const bad = `DV-91${n}2;Sem de Boer ${tag};sem.deboer.${tag}@@dijkhuis.example;Innovatie;Lab;ahmed.bouzid@dijkhuis.example;ja`;
  const fixed = bad.replace('@@', '@');

  await page.goto('/hr');
  await page.getByRole('link', { name: 'Medewerkers importeren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers importeren');
  await accessible(`import upload (${tag})`);

  await page.getByLabel('CSV-bestand').setInputFiles(file([good, bad], 'hr-export.csv'));
  await page.getByRole('button', { name: 'Controleren (proefdraaien)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Proefdraaien: wat deze import doet');
  await expect(page.getByText('Er is nog niets opgeslagen.')).toBeVisible();
  await expect(page.locator('.import-counts')).toContainText('1 fout');
  const errorRow = page.locator('tr.import-error');
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow.locator('th')).toHaveText('3');
  await expect(errorRow).toContainText('Ongeldig e-mailadres.');
  await expect(errorRow).toContainText(`sem.deboer.${tag}@@dijkhuis.example`);
  await expect(page.getByRole('button', { name: 'Doorvoeren' })).toHaveCount(0);
  await accessible(`import dry run with an error (${tag})`);

  // Nothing was written by the dry run.
  await page.goto(`/hr/people?q=${encodeURIComponent('Noor Kaya ' + tag)}`);
  await expect(page.locator('main')).not.toContainText(`Noor Kaya ${tag}`);

  await page.goto('/hr/import');
  await page.getByLabel('CSV-bestand').setInputFiles(file([good, fixed], 'hr-export-verbeterd.csv'));
  await page.getByRole('button', { name: 'Controleren (proefdraaien)' }).click();
  await expect(page.locator('.import-counts')).toContainText('2 mensen worden toegevoegd');
  await expect(page.locator('.import-counts')).toContainText('0 fouten');
  await expect(page.locator('#import-created').locator('..')).toContainText(`Sem de Boer ${tag}`);
  await page.getByRole('button', { name: 'Doorvoeren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import doorgevoerd' })).toHaveText(
    'Import doorgevoerd: 2 toegevoegd, 0 bijgewerkt, 0 op inactief gezet.',
  );

  await page.goto(`/hr/people?q=${encodeURIComponent('de Boer ' + tag)}`);
  await expect(page.locator('main tbody')).toContainText(`Sem de Boer ${tag}`);

  await page.goto('/hr/audit');
  await expect(page.locator('table').first()).toContainText('hr-export-verbeterd.csv');
  await accessible(`audit log (${tag})`);
}
