// The small islands besides the step form, on a phone: the character counter under a text area
// with a limit, and the preview of a file picked for upload (the photo itself, its size, and an
// immediate "too large" / "not accepted" before anything is sent).
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible, hydrated, signIn } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const JOURNEY = 'Ik wil mijn auto verzekeren';

async function startWalk(page: Page, email: string) {
  await signIn(page, email);
  await page.goto('/walk');
  await page.getByRole('link', { name: `Bekijk en start: ${JOURNEY}` }).click();
  await page.getByRole('button', { name: 'Start deze klantreis' }).click();
  await expect(page).toHaveURL(/\/walkthroughs\/\d+\/steps\/1$/);
  await hydrated(page);
}

test('a text area counts down while typing and says how much is too much, without cutting text', async ({ page }) => {
  await startWalk(page, 'julia.meijer@dijkhuis.example');
  const notes = page.getByLabel('Overige notities');
  const field = page.locator('.field', { has: notes });
  const counter = field.locator('.field__count');
  await expect(counter).toHaveText('Nog 4.000 tekens over');
  // No maxlength: a pasted long text is kept whole, so nothing typed is lost.
  await expect(notes).not.toHaveAttribute('maxlength');
  await notes.fill('Wachtmuziek');
  await expect(counter).toHaveText('Nog 3.989 tekens over');
  // Line breaks count once (the server counts the same way).
  await notes.fill('a\nb');
  await expect(counter).toHaveText('Nog 3.997 tekens over');
  await notes.fill('x'.repeat(4001));
  await expect(counter).toHaveText('1 teken te veel');
  await expect(counter).toHaveClass(/field__count--over/);
  await expect(notes).toHaveValue('x'.repeat(4001));
  // Screen readers hear the count once typing pauses.
  await expect(field.locator('.field__count + .visually-hidden')).toHaveText('1 teken te veel', { timeout: 5_000 });
  // The server refuses the too-long text with a field message and keeps what was typed.
  await expect(page.locator('.save-status')).toContainText(/niet opgeslagen|Controleer/i, { timeout: 10_000 });
  await expect(notes).toHaveValue('x'.repeat(4001));
  await notes.fill('x'.repeat(4000));
  await expect(counter).toHaveText('Nog 0 tekens over');
  await expect(page.locator('.save-status')).toHaveText('Opgeslagen.', { timeout: 10_000 });
  await page.reload();
  await expect(counter).toHaveText('Nog 0 tekens over');
  await expectAccessible(page, 'step with counters');
});

test('a picked photo is previewed; a too large or unaccepted file is named before sending', async ({ page }) => {
  await startWalk(page, 'lars.bos@dijkhuis.example');
  const input = page.getByLabel('Foto, screenshot of pdf-brief').first();
  const preview = page.locator('.field', { has: input }).locator('.file-preview');

  const photo = await page.screenshot({ type: 'png' });
  await input.setInputFiles({ name: 'kassabon.png', mimeType: 'image/png', buffer: photo });
  await expect(preview.locator('img')).toHaveAttribute('alt', 'Voorbeeld van de gekozen foto');
  await expect(preview.locator('img')).toHaveJSProperty('complete', true);
  expect(await preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await expect(preview).toContainText(/kassabon\.png · \d+(,\d)? kB/);
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'step with a previewed photo');

  // 11 MB is over the 10 MB limit: said at once, and the browser does not send it.
  const big = Buffer.alloc(11 * 1024 * 1024, 1);
  await input.setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
  await expect(preview.getByRole('alert')).toContainText('Dit bestand is te groot. Het maximum is 10 MB');
  await expect(preview.locator('img')).toHaveCount(0);
  expect(await input.evaluate((el: HTMLInputElement) => el.validity.customError)).toBe(true);
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/evidence')) posted = true;
  });
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).first().click();
  await page.waitForTimeout(500);
  expect(posted).toBe(false);

  await input.setInputFiles({ name: 'notitie.txt', mimeType: 'text/plain', buffer: Buffer.from('hallo') });
  await expect(preview.getByRole('alert')).toContainText('Dit soort bestand kan niet');

  // A good file again clears the message and can be sent.
  await input.setInputFiles({ name: 'kassabon.png', mimeType: 'image/png', buffer: photo });
  await expect(preview.getByRole('alert')).toHaveCount(0);
  expect(await input.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).first().click();
  await expect(page.getByText('Het bewijsstuk is toegevoegd.')).toBeVisible();
  await expect(page.locator('.evidence-list img')).toHaveCount(1);
});
