// What the headless-Chromium benchmarks (bench/browser*.mjs) share: serving dist/, launching Chromium,
// opening the app and loading a log on a fresh page, timing inside the page, making the demo inputs
// with the CLI and printing medians. One copy, so that every script measures the same way (same
// browser flags, same "loaded" condition, same clock) and a fix reaches them all.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../scripts/static_server.mjs';

/** The checkout's root (this file is in bench/). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The built app every script measures. */
export const dist = join(root, 'dist');
/** Where the generated inputs are kept between runs (WORK=...). */
export const WORK = process.env.WORK || '/tmp/relance-bench';
/** The release CLI that writes the demo logs (RELANCE=...). */
export const RELANCE = process.env.RELANCE || join(root, 'target/release/relance');
/** The page size of most scripts (bench/browser.mjs and browser_xlsx.mjs pass their own). */
export const VIEWPORT = { width: 1280, height: 900 };

/** RUNS from the first argument, else the RUNS variable, else the script's own default. */
export const runsArg = fallback => Number(process.argv[2] || process.env.RUNS || fallback);

/** Serves dist/ on a free local port (resolves to { url, close }). */
export const serveDist = () => serveDir(dist, { subpath: '/' });

/**
 * Headless Chromium (CHROMIUM=path, /usr/bin/chromium by default) with the background services off,
 * so that no network, update or sync work competes with the page while it is timed.
 */
export const launchChromium = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** The median of the finite values (NaN when there are none): a failed measurement must not shift it. */
export const median = xs => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN;
};

/**
 * Prints `${label}${key}: median M${unit} (min–max[, n runs])` for each key of `rows` (the summary
 * lines BENCHMARKS.md quotes). `digits`: decimals to show (all of them when null); `runs`: append the
 * number of runs.
 */
export function printMedians(label, rows, keys, { unit = ' ms', digits = null, runs = true } = {}) {
  const f = x => (digits === null ? `${x}` : x.toFixed(digits));
  for (const k of keys) {
    const v = rows.map(r => r[k]);
    console.log(`${label}${k}: median ${f(median(v))}${unit} (${f(Math.min(...v))}–${f(Math.max(...v))}${runs ? `, ${v.length} runs` : ''})`);
  }
}

/**
 * A fresh context and page on the app, once its built-in demo map is drawn (the app is ready then).
 * `context`: the options of browser.newContext (the viewport, acceptDownloads...); `timeout`: ms to
 * wait for the map; `beforeGoto(page)`: listeners or init scripts that must be in place before the
 * page loads.
 */
export async function openApp(browser, server, { context = { viewport: VIEWPORT }, timeout = 120000, beforeGoto } = {}) {
  const page = await (await browser.newContext(context)).newPage();
  if (beforeGoto) await beforeGoto(page);
  await page.goto(server.url);
  await page.waitForSelector('.map-drawing svg g.node', { timeout });
  return page;
}

/**
 * Opens the app (options as openApp), drops `file` (a CSV), confirms the mapping and waits until the
 * log's title names the file and its map is drawn. Resolves to { page, mapMs }: mapMs is the driver's
 * time from the mapping's confirmation to the drawn map.
 */
export async function loadLog(browser, server, file, options) {
  const page = await openApp(browser, server, options);
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen button#mapping-confirm:not([disabled])', { timeout: 120000 });
  const t0 = Date.now();
  await page.click('#mapping-confirm');
  const name = file.split('/').pop();
  await page.waitForFunction(n => (document.querySelector('#log-title')?.textContent || '').includes(n)
    && !document.querySelector('.modal-backdrop') && document.querySelector('.map-drawing svg g.node'), name, { timeout: 600000 });
  return { page, mapMs: Date.now() - t0 };
}

/**
 * Runs `act` in the page and resolves with the ms until `done()` first holds (a MutationObserver).
 * Both run in the page, so the time is the page's own clock (performance.now()) and the driver's
 * polling adds nothing.
 */
export const timeUntil = (page, act, done) => page.evaluate(([act, done]) => new Promise(resolve => {
  const check = new Function(`return (${done})()`);
  const t0 = performance.now();
  const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  new Function(`return (${act})()`)();
}), [act.toString(), done.toString()]);

/**
 * Writes `relance demo --invoices N [--seed S]` to `path`. The CLI writes straight to the file (the
 * 10 M-event demo does not fit a Node string), first under a temporary name, so that a failed run
 * leaves no truncated file that a later run would take for the input.
 */
export function writeDemo(path, invoices, { seed = null, relance = RELANCE } = {}) {
  const args = ['demo', '--invoices', String(invoices), ...(seed === null ? [] : ['--seed', String(seed)])];
  const part = `${path}.part`;
  const fd = openSync(part, 'w');
  try {
    execFileSync(relance, args, { stdio: ['ignore', fd, 'inherit'] });
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
  renameSync(part, path);
}
