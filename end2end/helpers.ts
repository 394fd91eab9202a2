// Shared helpers for the browser tests: demo accounts, signing in, hydration and axe checks.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'demo-wachtwoord';
export const ACCOUNTS = {
  admin: { email: 'sanne.visser@dijkhuis.example', name: 'Sanne Visser' },
  hr: { email: 'fatima.elamrani@dijkhuis.example', name: 'Fatima El Amrani' },
  reviewer: { email: 'marieke.jansen@dijkhuis.example', name: 'Marieke Jansen' },
  employee: { email: 'daan.bakker@dijkhuis.example', name: 'Daan Bakker' },
  cx: { email: 'wouter.brouwer@dijkhuis.example', name: 'Wouter Brouwer' },
} as const;

/** Waits until the browser bundle has taken over the page (the header menu leaves its static state). */
export async function hydrated(page: Page) {
  await expect(page.locator('#site-nav')).not.toHaveAttribute('data-state', 'static', { timeout: 20_000 });
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welkom');
  await hydrated(page);
}

/** The number on the HR dashboard's count for a licence status (`valid`, `never`, …). */
export async function dashCount(page: Page, status: string) {
  return Number(await page.locator(`.dash-count a[data-status="${status}"] .dash-count__n`).textContent());
}

/** Signs in with a plain form post, in a browser without JavaScript (the nojs-* specs). */
export async function plainSignIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await expect(page.locator('#site-nav')).toHaveAttribute('data-state', 'static');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/**
 * Follows a link of the main navigation by its name: opens the phone menu when it is collapsed and
 * the group's menu (a `<details>` disclosure) that holds the link when it is closed.
 */
export async function followNav(page: Page, name: string) {
  const toggle = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const nav = page.locator('#site-nav');
  const link = nav.getByRole('link', { name, exact: true, includeHidden: true });
  const menu = nav.locator('details', { has: page.getByRole('link', { name, exact: true, includeHidden: true }) });
  if ((await menu.count()) > 0 && !(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await menu.locator('summary').click();
  }
  await link.click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /Afmelden|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Runs axe-core on the current page and fails with a readable list of violations. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}
