// Hydration and the phone layout: the menu toggles once the browser bundle runs, nothing scrolls sideways.
import { test, expect } from './fixtures';
import { ACCOUNTS, followNav, hydrated, signIn } from './helpers';

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the menu is collapsed after hydration and opens with the toggle', async ({ page }) => {
    await signIn(page, ACCOUNTS.admin.email);
    const toggle = page.getByRole('button', { name: 'Menu' });
    const nav = page.locator('#site-nav');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    // The groups are disclosure menus: closed until their heading is tapped.
    await expect(nav.getByRole('link', { name: 'Mensen beheren' })).toBeHidden();
    await nav.locator('summary', { hasText: 'Beheer' }).click();
    await nav.getByRole('link', { name: 'Mensen beheren' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mensen beheren');
    // Every page loads whole: the next page starts with the menu collapsed again.
    await hydrated(page);
    await expect(nav).toBeHidden();
    await toggle.click();
    await expect(nav).toBeVisible();
    await toggle.click();
    await expect(nav).toBeHidden();
  });

  for (const path of ['/login', '/', '/account', '/admin/people', '/admin/people/new', '/admin/organisation', '/hr/people']) {
    test(`no sideways scrolling on ${path}`, async ({ page }) => {
      if (path !== '/login') await signIn(page, ACCOUNTS.admin.email);
      await page.goto(path);
      await hydrated(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});

test('on a desktop the navigation is always shown and the toggle hidden', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await expect(nav.getByRole('link', { name: 'Mijn account' })).toBeVisible();
  await followNav(page, 'Medewerkers');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Medewerkers');
});
