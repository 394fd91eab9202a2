// The employee import with JavaScript: one bad line, fixed, applied (see hr-import-flow.ts).
import { test } from './fixtures';
import { ACCOUNTS, signIn } from './helpers';
import { importWithOneError } from './hr-import-flow';

test('HR imports a file with one error, fixes it and applies it', async ({ page }) => {
  await signIn(page, ACCOUNTS.hr.email);
  await importWithOneError(page, 'js', 1);
});
