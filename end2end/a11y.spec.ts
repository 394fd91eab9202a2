// axe-core on every page a user can reach, for every role that reaches it, on desktop and phone.
import { test } from './fixtures';
import { ACCOUNTS, expectAccessible, hydrated, signIn } from './helpers';

const PAGES: Record<keyof typeof ACCOUNTS, string[]> = {
  admin: ['/', '/account', '/hr/people', '/admin/people', '/admin/people/new', '/admin/people/4', '/admin/organisation'],
  hr: ['/', '/hr/people', '/admin/people'],
  reviewer: ['/'],
  employee: ['/', '/account', '/admin/people'],
};

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
]) {
  test.describe(viewport.name, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test('sign-in page and 404 page', async ({ page }) => {
      await page.goto('/login');
      await hydrated(page);
      await expectAccessible(page, '/login');
      await page.goto('/bestaat-niet');
      await hydrated(page);
      await expectAccessible(page, '404');
    });

    for (const role of Object.keys(PAGES) as (keyof typeof ACCOUNTS)[]) {
      test(`pages for ${role}`, async ({ page }) => {
        await signIn(page, ACCOUNTS[role].email);
        for (const path of PAGES[role]) {
          await page.goto(path);
          await hydrated(page);
          await expectAccessible(page, `${path} as ${role}`);
        }
      });
    }

    test('form with errors and the open phone menu', async ({ page }) => {
      await signIn(page, ACCOUNTS.admin.email);
      await page.goto('/admin/people/new');
      await hydrated(page);
      await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
      await page.locator('#field-name-error').waitFor();
      await expectAccessible(page, 'person form with errors');
      if (viewport.name === 'phone') {
        await page.getByRole('button', { name: 'Menu' }).click();
        await expectAccessible(page, 'open phone menu');
      }
    });
  });
}
