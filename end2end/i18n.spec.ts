// The language switch: Dutch by default, English on request, remembered by cookie and per person.
import { test, expect } from './fixtures';
import { PASSWORD, hydrated, signOut } from './helpers';

test('switching language before and after signing in', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

  // Lotte's own preference (Dutch) wins once she signs in.
  await hydrated(page);
  await page.getByLabel('E-mail address').fill('lotte.smit@dijkhuis.example');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom, Lotte Smit');
  await hydrated(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Lotte Smit');
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My account' })).toBeVisible();

  // Remembered for her: a new browser context (no cookies) that signs in gets English.
  await signOut(page);
  await page.context().clearCookies();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden');
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill('lotte.smit@dijkhuis.example');
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Lotte Smit');
});
