// The `test` every spec uses: Playwright's, plus a watch on the browser console that fails the
// test when the Content-Security-Policy blocked anything (an inline script without the page's
// nonce, a style attribute, an image from elsewhere) — so every browser test is also a CSP test.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ cspWatch: void }>({
  cspWatch: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(text)) {
          violations.push(text);
        }
      });
      await use();
      expect(violations, 'CSP violations in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
