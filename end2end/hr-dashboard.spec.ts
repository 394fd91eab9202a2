// The HR dashboard in the browser: HR filters to a department, the counts match the people
// behind them, the drill-down exports CSV, and dashboard and drill-down pass axe-core on desktop
// and phone. (licence.spec.ts reads the dashboard before and after Floor's sign-off, so this spec
// does not sign anyone off.)
import { test, expect } from './fixtures';
import { ACCOUNTS, dashCount, expectAccessible, signIn } from './helpers';

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(viewport.name, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('HR filters the dashboard to a department and the counts match the drill-down', async ({ page }) => {
      await signIn(page, ACCOUNTS.hr.email);
      await page.goto('/hr');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dekking klantenrijbewijs');
      await expectAccessible(page, `/hr (${viewport.name})`);

      await page.getByLabel('Afdeling', { exact: true }).selectOption({ label: 'Klantenservice' });
      await page.getByRole('button', { name: 'Toon' }).click();
      await expect(page).toHaveURL(/\/hr\?department=\d+/);
      await expect(page.getByLabel('Afdeling', { exact: true })).toHaveValue(/\d+/);

      // Every status count opens exactly that many people (demo departments fit on one page).
      const counts = page.locator('.dash-count a');
      await expect(counts).toHaveCount(6);
      const n = await dashCount(page, 'never');
      const valid = await dashCount(page, 'valid');
      expect(n + valid).toBeGreaterThan(0);
      await page.locator('.dash-count a[data-status="valid"]').click();
      await expect(page).toHaveURL(/\/hr\/coverage\?department=\d+&status=valid/);
      await expect(page.locator('table.dash-people tbody tr')).toHaveCount(valid);
      await expect(page.getByLabel('Status', { exact: true })).toHaveValue('valid');
      await expectAccessible(page, `/hr/coverage (${viewport.name})`);

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Exporteer als CSV (Excel)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('dekking.csv');

      // The nudge confirmation says how many people it reaches.
      await page.getByRole('link', { name: 'Iedereen in deze lijst een herinnering sturen' }).click();
      await expect(page.getByText(`${valid} mensen krijgen een herinnering.`)).toBeVisible();
      await expectAccessible(page, `/hr/coverage/nudge (${viewport.name})`);
    });
  });
}
