// A repeat visit downloads no asset again: the release build names its wasm, JS and CSS after their
// content and serves them `immutable`, so the next page takes them from the browser's cache without
// asking the server (not even a 304). Watched through the Chrome DevTools Protocol.
import { test, expect } from './fixtures';
import { ACCOUNTS, hydrated, signIn } from './helpers';

test('the next page takes wasm, JS and CSS from the browser cache', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const cached = new Set<string>();
  let network: string[] = [];
  let all: string[] = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const url = e.response.url;
    if (!new URL(url).pathname.startsWith('/pkg/')) return;
    all.push(url);
    const fromCache = cached.has(e.requestId) || e.response.fromDiskCache || e.response.fromPrefetchCache;
    if (!fromCache) network.push(`${e.response.status} ${url}`);
  });

  await signIn(page, ACCOUNTS.admin.email);
  expect(network.some((u) => u.endsWith('.wasm')), `first visit downloads the wasm: ${network}`).toBe(true);
  expect(network.every((u) => /\.[0-9a-f]{16}\.(js|wasm|css)$/.test(u)), `hashed names: ${network}`).toBe(true);

  for (const path of ['/walk', '/journeys', '/']) {
    network = [];
    all = [];
    await page.goto(path);
    await hydrated(page);
    expect(network, `${path}: assets fetched from the server again`).toEqual([]);
    expect(all.length, `${path} loads its assets (from the cache)`).toBeGreaterThanOrEqual(3);
  }
});
