// The import as a real HR department uses it: the accepted column names are listed; an export
// with first name, infix and last name and a business e-mail shows each new person's team and
// manager; applied, the manager is a reviewer; then licences from an old register (one long
// expired) are checked and moved over. axe-core on every page; screenshots of the import page
// at 390 and 1280 px when SHOTS_DIR is set.
import { expect, test } from './fixtures';
import { ACCOUNTS, expectAccessible, signIn } from './helpers';

function csv(lines: string[], name: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8') };
}

test('HR imports a realistic export and an old licence register', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await page.goto('/hr/import');
  const columns = page.getByRole('region', { name: 'Geaccepteerde kopnamen' });
  await expect(columns).toContainText('Zakelijk e-mailadres');
  await expect(columns).toContainText('Business e-mail');
  await expect(columns).toContainText('Tussenvoegsel');
  await expect(page.getByLabel('Leidinggevenden krijgen de rol beoordelaar')).toBeChecked();
  await expectAccessible(page, 'import page');
  if (process.env.SHOTS_DIR) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/import-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  await page.getByLabel('CSV-bestand').setInputFiles(
    csv(
      [
        'Personeelsnummer;Voornaam;Tussenvoegsel;Achternaam;Zakelijk e-mailadres;Afdeling;Team;E-mail leidinggevende',
        'E2E-101;Jan;van der;Berg;jan.vdberg.e2e@dijkhuis.example;Service E2E;Team Noord;',
        'E2E-102;Lies;;Smit;lies.smit.e2e@dijkhuis.example;Service E2E;Team Noord;jan.vdberg.e2e@dijkhuis.example',
      ],
      'hr-systeem.csv',
    ),
  );
  await page.getByRole('button', { name: 'Controleren (proefdraaien)' }).click();
  const created = page.locator('#import-created').locator('..');
  await expect(created).toContainText('Jan van der Berg');
  await expect(created).toContainText('team: Service E2E / Team Noord');
  await expect(created).toContainText('leidinggevende: Jan van der Berg (jan.vdberg.e2e@dijkhuis.example)');
  await expect(created).toContainText('rollen: Medewerker, Beoordelaar (teamleider)');
  await expect(page.getByLabel('Uitnodigingen sturen')).toBeChecked();
  await expectAccessible(page, 'import dry run');
  await page.getByRole('button', { name: 'Doorvoeren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import doorgevoerd' })).toContainText('2 toegevoegd');

  await page.getByLabel('Registerbestand (CSV)').setInputFiles(
    csv(
      [
        'Houder;Geldig vanaf;Geldig tot en met;Reden',
        'E2E-101;1-1-2023;31-12-2023;Oud register',
        'lies.smit.e2e@dijkhuis.example;2024-01-01;2024-12-31;Oud register',
      ],
      'register.csv',
    ),
  );
  await page.getByRole('button', { name: 'Register controleren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controle van het rijbewijsregister');
  await expect(page.locator('.import-counts')).toContainText('2 periodes');
  await expect(page.locator('main')).toContainText('(verlopen)');
  await expectAccessible(page, 'licence register dry run');
  await page.getByRole('button', { name: 'Doorvoeren' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'overgenomen' })).toHaveText(
    '2 rijbewijsperiodes overgenomen.',
  );
});
