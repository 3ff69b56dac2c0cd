// Shared set-up for the browser tests: a static server for dist/ on 127.0.0.1, headless Chromium through
// playwright-core, and trackers for console errors and for every request that leaves the page's origin.
import { mkdir } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDir } from '../../scripts/static_server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const dist = join(root, 'dist');
export const shared = process.env.RELANCE_SHARED || resolve(root, '..', 'shared');
export const artifacts = join(root, 'tests', 'artifacts');

/** Serves dist/ on 127.0.0.1 (optionally under a sub-path); resolves to { url, origin, close }. */
export async function serve(subpath = '/') {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `trunk build --release` first');
  return serveDir(dist, { subpath });
}

/** Headless Chromium as root on a closed network (flags from ../shared/TOOLCHAIN.md). */
export async function launch() {
  const executablePath = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors, CSP violations and requests leaving `origin`. */
export async function openApp(browser, server, { viewport = { width: 1280, height: 720 }, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale });
  const page = await context.newPage();
  const problems = { console: [], external: [], requests: [] };
  page.on('console', m => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', e => problems.console.push(String(e)));
  // The only requests allowed: GETs of the files the build put in dist/ (the page, its script, style
  // and wasm, the worker's script and wasm). Anything else, to this origin or another, is recorded:
  // "no byte leaves the browser" is checked, not assumed.
  const staticFiles = new Set(readdirSync(dist));
  const base = new URL(server.url).pathname;
  context.on('request', r => {
    const u = r.url();
    problems.requests.push(u);
    if (u.startsWith('blob:') || u.startsWith('data:')) return;
    if (!u.startsWith(server.origin + '/')) { problems.external.push(u); return; }
    const path = decodeURIComponent(new URL(u).pathname);
    const file = path.startsWith(base) ? path.slice(base.length) : null;
    const known = file !== null && (file === '' || file === 'index.html' || staticFiles.has(file));
    if (r.method() !== 'GET' || !known) problems.external.push(`${r.method()} ${u}`);
  });
  page.on('worker', w => w.on('console', m => { if (m.type() === 'error') problems.console.push('[worker] ' + m.text()); }));
  await page.goto(server.url);
  return { context, page, problems };
}

// A server and a browser for a whole test file: they start before its tests and close after them.
// The object is filled in place: { server, browser }.
export function serverAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Waits until the map SVG is drawn and no overlay is up. */
// The app opened on the demo log for a whole test file: before its tests a server and a browser start,
// the page opens (`open`: openApp's options) and its map is drawn, then `ready(app)` runs (to open a
// tab, say); after them both close. The object is filled in place: { server, browser, context, page,
// problems }. With `skip`, nothing starts (the tests skip themselves).
export function demoApp({ open, ready, skip = false } = {}) {
  const app = {};
  before(async () => {
    if (skip) return;
    app.server = await serve();
    app.browser = await launch();
    Object.assign(app, await openApp(app.browser, app.server, open));
    await waitForMap(app.page);
    if (ready) await ready(app);
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

export async function waitForMap(page, timeout = 60000) {
  await page.waitForSelector('.map-drawing svg g.node', { timeout });
  await page.waitForSelector('.modal-backdrop', { state: 'detached', timeout });
}

/** Digits of a displayed number ("150 370 cases" -> 150370). */
export function num(text) {
  const m = String(text).replace(/[\u202f\u00a0 ]/g, '').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : NaN;
}

export async function shot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Whether ../shared/ is present (a user's clone has none). */
export function haveShared() {
  return existsSync(join(shared, 'data'));
}

/**
 * The native CLI on the same engine, to compare the app's figures with: the debug build `cargo test`
 * and scripts/test_warehouse.sh made (never a release build, which may be older than the sources),
 * built here when it is missing.
 */
export function relanceBinary() {
  const bin = join(root, 'target', 'debug', 'relance');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--quiet', '-p', 'relance-cli'], { cwd: root, stdio: 'inherit' });
  return bin;
}
