import { defineConfig } from '@playwright/test';
import path from 'node:path';
import os from 'node:os';

// Browser tests run against the release build that `scripts/run.sh` serves, made by
// `scripts/build-site.sh release` (server binary target/release/klantenrijbewijs with hash.txt
// beside it + the hashed, minified, precompressed target/site/pkg). `start-server.sh` starts it on
// port 3100 (E2E_PORT) with a fresh temporary SQLite database and the demo organisation loaded.
// KRB_BIN=target/debug/klantenrijbewijs after `scripts/build-site.sh debug` runs them on a debug build.
//
// Chromium is the system one (/usr/bin/chromium from Debian); Playwright's own browser download
// is never used (install with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, never `npx playwright install`).

const PORT = Number(process.env.E2E_PORT || 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const repoRoot = path.resolve(__dirname, '..');
// Where start-server.sh's SMTP sink writes every mail the app sends; the specs read it
// (mail.ts). Set here so the server and the test workers agree on it.
process.env.E2E_MAIL_DIR = process.env.E2E_MAIL_DIR || path.join(os.tmpdir(), `krb-e2e-mail-${PORT}`);

const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    // Without these Chromium floods the closed network with refused connections.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  testIgnore: ['**/node_modules/**'],
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1, // 2-core machine: the server and Chromium already use both cores
  retries: 0, // a flaky test is a bug to fix, not to retry
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    headless: true,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
    // Smooth scrolling (the stylesheet's default) keeps a long page moving while Playwright
    // scrolls a button into view, so clicks on long forms wait for "stable" until they time out.
    contextOptions: { reducedMotion: 'reduce' },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: ['**/node_modules/**', '**/nojs*.spec.ts'],
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: chromiumLaunchOptions,
      },
    },
    {
      name: 'nojs',
      testMatch: '**/nojs*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: false,
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: {
    // KRB_BIN overrides the server binary (e.g. target/debug/klantenrijbewijs).
    command: 'bash ./start-server.sh',
    cwd: __dirname,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM lets start-server.sh remove its temporary database directory.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      KRB_BIN: process.env.KRB_BIN || path.join(repoRoot, 'target', 'release', 'klantenrijbewijs'),
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT || path.join(repoRoot, 'target', 'site'),
      E2E_PORT: String(PORT),
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      RUST_LOG: process.env.RUST_LOG || 'info',
    },
  },
});
