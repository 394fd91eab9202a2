// The employee import without JavaScript: plain multipart upload and form posts (see
// hr-import-flow.ts).
import { test } from './fixtures';
import { ACCOUNTS, plainSignIn } from './helpers';
import { importWithOneError } from './hr-import-flow';

test('HR imports a file with one error, fixes it and applies it without JavaScript', async ({ page }) => {
  await plainSignIn(page, ACCOUNTS.hr.email);
  await importWithOneError(page, 'nojs', 2);
});
