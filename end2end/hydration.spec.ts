// Every page hydrates without errors, also when visited one after another (server/browser agreement).
import { test, expect } from './fixtures';
import { ACCOUNTS, hydrated, signIn } from './helpers';

test('admin pages hydrate cleanly, again and again', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The 404 page itself is an expected failed resource load.
    if (m.type() === 'error' && !m.text().includes('404')) problems.push(`console: ${m.text()}`);
  });
  await signIn(page, ACCOUNTS.admin.email);
  const pages = ['/', '/account', '/hr/people', '/admin/people', '/admin/people/new', '/admin/organisation'];
  for (const id of [1, 4, 10, 12, 4]) pages.push(`/admin/people/${id}`);
  for (const path of pages) {
    await page.goto(path);
    await hydrated(page);
    // Give the browser bundle time to walk the whole page.
    await page.waitForTimeout(300);
  }
  expect(problems).toEqual([]);
});
