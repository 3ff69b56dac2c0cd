// Two browser measurements on the built app (dist/) in headless Chromium, each run on a fresh page:
//
// - insights on 1,000,000 events: the demo with 121,000 invoices (1,001,236 events) dropped and loaded,
//   then the Insights tab clicked: time (page clock, performance.now()) until the findings table has
//   rows; then the outcome switched to `written_off` and to `invoice_to_cash_days` (a duration outcome,
//   with seeded bootstraps), each until its table is replaced. The worker computes, the page draws.
// - replay of 10,000 cases: the demo with 10,000 invoices loaded, replay started at 10x, and the page's
//   animation frames counted for 5 s while tokens move (requestAnimationFrame callbacks per second and
//   the longest gap between two frames: a frame the replay's drawing made late shows there).
//
// Usage: node bench/browser_insights_replay.mjs [RUNS]   (WORK=/tmp/relance-bench; RELANCE=path to the CLI)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../scripts/static_server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] || process.env.RUNS || 3);
const WORK = process.env.WORK || '/tmp/relance-bench';
const RELANCE = process.env.RELANCE || join(root, 'target/release/relance');
mkdirSync(WORK, { recursive: true });
function demo(invoices) {
  const path = join(WORK, `demo_${invoices}.csv`);
  if (!existsSync(path)) writeFileSync(path, execFileSync(RELANCE, ['demo', '--invoices', String(invoices)], { maxBuffer: 1 << 30 }));
  return path;
}
const big = demo(121000);
const small = demo(10000);

const server = await serveDir(join(root, 'dist'), { subpath: '/' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const median = xs => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function load(file) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(server.url);
  await page.waitForSelector('.map-drawing svg g.node', { timeout: 120000 });
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen button#mapping-confirm:not([disabled])', { timeout: 120000 });
  await page.click('#mapping-confirm');
  const name = file.split('/').pop();
  await page.waitForFunction(n => (document.querySelector('#log-title')?.textContent || '').includes(n)
    && !document.querySelector('.modal-backdrop') && document.querySelector('.map-drawing svg g.node'), name, { timeout: 600000 });
  return page;
}

/** Runs `act` in the page and resolves with the ms until `done()` first holds (a MutationObserver). */
const timeUntil = (page, act, done) => page.evaluate(([act, done]) => new Promise(resolve => {
  const check = new Function(`return (${done})()`);
  const t0 = performance.now();
  const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(performance.now() - t0); } });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  new Function(`return (${act})()`)();
}), [act.toString(), done.toString()]);

const insights = [];
for (let i = 0; i < RUNS; i++) {
  const page = await load(big);
  const first = await timeUntil(page,
    () => [...document.querySelectorAll('[role=tab]')].find(b => b.textContent.trim() === 'Insights').click(),
    () => document.querySelectorAll('#insights-table tbody tr').length > 0);
  const switchTo = async id => {
    const before = await page.$eval('#insights-table', t => t.outerHTML);
    return timeUntil(page, new Function(`const s = document.querySelector('#insights-outcome'); s.value = '${id}'; s.dispatchEvent(new Event('change', { bubbles: true }));`),
      new Function(`const t = document.querySelector('#insights-table'); return t && t.outerHTML !== ${JSON.stringify(before)} && t.querySelectorAll('tbody tr').length > 0;`));
  };
  const writtenOff = await switchTo('written_off');
  const cash = await switchTo('invoice_to_cash_days');
  const r = { run: i + 1, late_payment_ms: Math.round(first), written_off_ms: Math.round(writtenOff), invoice_to_cash_days_ms: Math.round(cash) };
  console.log(JSON.stringify(r));
  insights.push(r);
  await page.context().close();
}

const replay = [];
for (let i = 0; i < RUNS; i++) {
  const page = await load(small);
  await page.click('#replay-toggle');
  await page.waitForFunction(() => /10\s?000 cases/.test((document.querySelector('#replay-cases')?.textContent || '').replace(/[\u202f\u00a0,]/g, ' ')), null, { timeout: 120000 });
  await page.$eval('#replay-speed', el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.click('#replay-play');
  await page.waitForTimeout(500);
  const r = await page.evaluate(() => new Promise(resolve => {
    const times = [];
    const t0 = performance.now();
    const tick = t => { times.push(t); if (t - t0 < 5000) requestAnimationFrame(tick); else {
      let gap = 0; for (let k = 1; k < times.length; k++) gap = Math.max(gap, times[k] - times[k - 1]);
      resolve({ fps: (times.length - 1) / ((times[times.length - 1] - times[0]) / 1000), longest_frame_ms: gap });
    } };
    requestAnimationFrame(tick);
  }));
  const row = { run: i + 1, fps: Number(r.fps.toFixed(1)), longest_frame_ms: Math.round(r.longest_frame_ms) };
  console.log(JSON.stringify(row));
  replay.push(row);
  await page.context().close();
}
await browser.close();
await server.close();
for (const k of ['late_payment_ms', 'written_off_ms', 'invoice_to_cash_days_ms']) {
  const v = insights.map(r => r[k]);
  console.log(`insights ${k}: median ${median(v)} ms (${Math.min(...v)}–${Math.max(...v)})`);
}
for (const k of ['fps', 'longest_frame_ms']) {
  const v = replay.map(r => r[k]);
  console.log(`replay 10,000 cases ${k}: median ${median(v)} (${Math.min(...v)}–${Math.max(...v)})`);
}
