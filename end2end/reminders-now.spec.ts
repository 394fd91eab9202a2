// Reminders in the browser. The licence settings page as an administrator: the "send reminders
// now" section is there and the page passes axe-core on desktop and phone (the run itself is a
// plain form post that tests/integration/first_licence.rs drives against a real SMTP server; it is
// not clicked here, because a run adds reminder notifications to demo people whom other specs
// count). And HR's nudge of one person says what happened: the reminder in the app and the e-mail
// the mail server accepted.
import { test, expect } from './fixtures';
import { ACCOUNTS, expectAccessible, signIn } from './helpers';
import { mailTo } from './mail';

for (const viewport of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`an administrator sees "send reminders now" on the licence settings (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page, ACCOUNTS.admin.email);
    await page.goto('/admin/licence-settings');
    await expect(page.getByRole('heading', { level: 2, name: 'Herinneringen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Herinneringen nu versturen' })).toBeVisible();
    await expect(page.getByText('De automatische herinneringen staan uit')).toBeVisible();
    await expectAccessible(page, `/admin/licence-settings as admin (${viewport.name})`);
  });
}

test('HR nudges one person and reads what happened', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await page.goto('/hr/coverage?q=Iris');
  await page.getByRole('button', { name: 'Herinnering sturen aan Iris Koster' }).click();
  await expect(page).toHaveURL(/nudged=1&mailed=1&failed=0&pending=0/);
  await expect(page.getByRole('status')).toHaveText('1 herinnering in de app gezet. 1 e-mail verstuurd.');
  // The page told the truth: the message is on the mail server (start-server.sh's SMTP sink).
  const mail = await mailTo('iris.koster@dijkhuis.example');
  expect(mail.body).toContain('/licence');
  await expectAccessible(page, '/hr/coverage after a nudge');
});
