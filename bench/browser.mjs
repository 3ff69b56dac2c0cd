// Browser benchmarks of the built app (dist/, from `trunk build --release`) in headless Chromium:
//   1. file drop -> map drawn, for the plain road-fines CSV (561,470 events) and the ~1M-event demo CSV,
//      with the split preview (file set -> mapping screen) / confirm -> map drawn, and the longest main-thread
//      task (PerformanceObserver 'longtask', installed with addInitScript before navigation) during each import;
//   2. filter + recompute on the 1M-event log: a view file through #view-input until #filter-count shows the
//      new count and the map SVG has been replaced;
//   3. slider changes on the built-in demo log: #paths-slider / #activities-slider (input event) until
//      #map-stats changes;
//   4. wasm sizes, raw and gzip -9.
// Every time is taken inside the page with performance.now() (a MutationObserver notes when a condition
// becomes true), so the driver's polling adds nothing. Imports are interleaved (road, demo, road, demo, ...),
// each on a fresh page.
//
// Usage: node bench/browser.mjs [RUNS]     (RUNS=5 by default; WORK=/tmp/relance-bench for the inputs)
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, constants as zc } from 'node:zlib';
import { join, basename } from 'node:path';
import { root, dist, WORK, runsArg, serveDist, launchChromium, openApp, median, writeDemo } from './browser_common.mjs';

const RUNS = runsArg(5);
const DATA = [join(root, '..', 'shared', 'data'), '/work/shared/data'].find(existsSync);
const DEMO_INVOICES = Number(process.env.DEMO_INVOICES || 121000);
mkdirSync(WORK, { recursive: true });

// ---- inputs (same files as bench/native.sh) ----
const relance = join(root, 'target', 'release', 'relance');
if (!existsSync(relance)) execSync('cargo build --release -p relance-cli', { cwd: root, stdio: 'inherit' });
const road = join(WORK, 'Road_Traffic_Fine_Management_Process.csv');
if (!existsSync(road)) execSync(`zcat "${join(DATA, 'Road_Traffic_Fine_Management_Process.csv.gz')}" > "${road}"`);
const demo = join(WORK, `demo_${DEMO_INVOICES}_seed7.csv`);
if (!existsSync(demo)) writeDemo(demo, DEMO_INVOICES, { seed: 7, relance }); // this CLI, not $RELANCE
const view = join(WORK, 'view_no_writeoff.json');
writeFileSync(view, JSON.stringify({ relance_view: 1, filters: { items: [{ filter: { kind: 'activities', names: ['Written off'] }, keep: false }] } }));
const logOf = (args) => JSON.parse(execSync(`"${relance}" analyze ${args} --json`, { maxBuffer: 1 << 28 }).toString()).log;
const demoLog = logOf(`"${demo}"`);
const filteredCases = logOf(`"${demo}" --view "${view}"`).cases;

// ---- page helpers ----
const LONGTASKS = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longtasks_error = String(e); }
};

async function freshPage(browser, server) {
  const errors = [];
  const page = await openApp(browser, server, {
    context: { viewport: { width: 1280, height: 720 } },
    timeout: 60000,
    beforeGoto: async page => {
      page.on('pageerror', e => errors.push(String(e)));
      page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
      await page.addInitScript(LONGTASKS);
    },
  });
  const context = page.context();
  await page.waitForSelector('.modal-backdrop', { state: 'detached', timeout: 60000 });
  await page.waitForTimeout(500); // let the start-up settle so its tasks do not count
  const startup = await page.evaluate(() => window.__longtasks.reduce((m, t) => Math.max(m, t.duration), 0));
  return { context, page, errors, startup };
}

/** Installs the in-page watcher for one import of a file called `stem…`; resolves when done. */
async function armImport(page, stem) {
  await page.evaluate(stem => {
    const old = new WeakSet(document.querySelectorAll('.map-drawing svg g.node'));
    const r = window.__run = { t0: null, tMapping: null, tClick: null, tDone: null };
    const check = () => {
      if (r.t0 === null) return;
      if (r.tMapping === null) {
        const b = document.querySelector('#mapping-screen #mapping-confirm') || document.querySelector('#mapping-confirm');
        if (document.querySelector('#mapping-screen') && b && !b.disabled) {
          r.tMapping = performance.now();
          setTimeout(() => { r.tClick = performance.now(); b.click(); }, 0);
        }
        return;
      }
      if (r.tClick === null || r.tDone !== null) return;
      const title = document.querySelector('#log-title');
      if (!title || !title.textContent.includes(stem)) return;
      const fresh = [...document.querySelectorAll('.map-drawing svg g.node')].some(n => !old.has(n));
      if (fresh && !document.querySelector('.modal-backdrop')) {
        r.tDone = performance.now();
        obs.disconnect();
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    r.check = check;
  }, stem);
}

async function importOnce(page, file) {
  const stem = basename(file).replace(/\.[^.]+$/, '');
  await armImport(page, stem);
  await page.evaluate(() => { window.__run.t0 = performance.now(); });
  await page.setInputFiles('#file-input', file);
  await page.evaluate(() => window.__run.check()); // in case the mapping screen was already up
  await page.waitForFunction(() => window.__run.tDone !== null, null, { timeout: 180000, polling: 100 });
  await page.waitForTimeout(300); // late longtask entries
  return page.evaluate(() => {
    const r = window.__run;
    const tasks = window.__longtasks.filter(t => t.start + t.duration >= r.t0 && t.start <= r.tDone);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    return {
      total: r.tDone - r.t0, preview: r.tMapping - r.t0, confirmToMap: r.tDone - r.tClick,
      longest, over50: tasks.length, over100: tasks.filter(t => t.duration > 100).length,
      title: document.querySelector('#log-title').textContent.replace(/\s+/g, ' ').trim(),
      observerError: window.__longtasks_error || null,
    };
  });
}

/** Applies the view file, then clears the filters; returns the apply time and the clear time. */
async function filterOnce(page, expectCases, allCases) {
  const arm = async want => page.evaluate(want => {
    const old = new WeakSet(document.querySelectorAll('.map-drawing svg g.node'));
    const r = window.__f = { t0: null, tCount: null, tMap: null, tDone: null };
    const count = () => {
      const el = document.querySelector('#filter-count');
      const m = el && el.textContent.replace(/[\u202f\u00a0 ]/g, '').match(/\d+/);
      return m ? Number(m[0]) : (want === null ? null : NaN);
    };
    const check = () => {
      if (r.t0 === null || r.tDone !== null) return;
      const now = performance.now();
      const c = count();
      if (r.tCount === null && (want === null ? !document.querySelector('#filter-bar .chip') : c === want)) r.tCount = now;
      if (r.tMap === null && [...document.querySelectorAll('.map-drawing svg g.node')].some(n => !old.has(n))) r.tMap = now;
      if (r.tCount !== null && r.tMap !== null && !document.querySelector('.modal-backdrop')) { r.tDone = now; obs.disconnect(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    r.check = check;
  }, want);
  await arm(expectCases);
  await page.evaluate(() => { window.__f.t0 = performance.now(); });
  await page.setInputFiles('#view-input', view);
  await page.evaluate(() => window.__f.check());
  await page.waitForFunction(() => window.__f.tDone !== null, null, { timeout: 60000, polling: 50 });
  await page.waitForTimeout(300);
  const apply = await page.evaluate(() => {
    const r = window.__f;
    const tasks = window.__longtasks.filter(t => t.start + t.duration >= r.t0 && t.start <= r.tDone);
    return { total: r.tDone - r.t0, count: r.tCount - r.t0, map: r.tMap - r.t0, longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      shown: document.querySelector('#filter-count').textContent.replace(/\s+/g, ' ').trim() };
  });
  // clear all filters (back to allCases), timed the same way
  await arm(null);
  await page.evaluate(() => { window.__f.t0 = performance.now(); });
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForFunction(() => window.__f.tDone !== null, null, { timeout: 60000, polling: 50 });
  const clear = await page.evaluate(() => window.__f.tDone - window.__f.t0);
  await page.waitForTimeout(300);
  return { ...apply, clear };
}

/** Sets a slider and times until the #map-stats part changes, and until the next animation frame after it. */
async function sliderOnce(page, id, value, statSel) {
  return page.evaluate(({ id, value, statSel }) => new Promise(done => {
    const stat = document.querySelector(statSel);
    const before = stat.textContent;
    const el = document.querySelector(id);
    const t0 = performance.now();
    let tStat = null;
    const obs = new MutationObserver(() => {
      if (tStat !== null) return;
      const s = document.querySelector(statSel);
      if (s && s.textContent !== before) {
        tStat = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => {
          const tasks = window.__longtasks.filter(t => t.start + t.duration >= t0);
          done({ stat: tStat - t0, frame: performance.now() - t0, before, after: s.textContent.trim(),
            longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0) });
        }, 0));
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    el.value = String(value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => { if (tStat === null) { obs.disconnect(); done({ stat: NaN, frame: NaN, before, after: before, longest: NaN }); } }, 10000);
  }), { id, value, statSel });
}

// ---- statistics ----
const ms = x => Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a';
// the Long Tasks API reports only tasks of 50 ms or more: 0 means none was reported
const lt = x => x > 0 ? ms(x) : 'none ≥ 50 ms';
const sec = x => `${(x / 1000).toFixed(2)} s`;
const range = xs => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;

// ---- main ----
// wait (up to 3 minutes) for the 1-minute load average to fall below 0.7, as bench/native.sh does
for (let n = 0; n < 36 && Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]) >= 0.7; n++) await new Promise(r => setTimeout(r, 5000));
const browser = await launchChromium();
const server = await serveDist();
const version = browser.version();
console.log(`# Chromium ${version}, dist/ from ${dist}, ${RUNS} runs, load: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log(`# inputs: ${basename(road)} ${statSync(road).size} B; ${basename(demo)} ${statSync(demo).size} B, ${demoLog.events} events, ${demoLog.cases} cases; filtered: ${filteredCases} cases`);

// self-check: a deliberate 120 ms busy task must show up in the longtask observer
{
  const { context, page } = await freshPage(browser, server);
  const seen = await page.evaluate(() => new Promise(done => {
    setTimeout(() => { const t = performance.now(); while (performance.now() - t < 120); }, 0);
    setTimeout(() => done(window.__longtasks.map(t => Math.round(t.duration))), 500);
  }));
  console.log(`# longtask observer self-check (a 120 ms busy task): recorded ${JSON.stringify(seen)} ms`);
  await context.close();
}

const imports = { road: [], demo: [] };
const startupTasks = [];
const filters = [];
const allErrors = [];
for (let i = 1; i <= RUNS; i++) {
  for (const [key, file] of [['road', road], ['demo', demo]]) {
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const { context, page, errors, startup } = await freshPage(browser, server);
    startupTasks.push(startup);
    const r = await importOnce(page, file);
    r.load1 = load1;
    imports[key].push(r);
    console.log(`import ${key} run ${i}: total ${ms(r.total)} (preview ${ms(r.preview)}, confirm->map ${ms(r.confirmToMap)}), longest task ${lt(r.longest)}, tasks>50ms ${r.over50}, >100ms ${r.over100}, load1 ${load1}, title "${r.title}"${r.observerError ? ' OBSERVER ERROR ' + r.observerError : ''}`);
    if (key === 'demo') {
      // filter + recompute on the 1M-event log, on the same page (first application after the import is run 1)
      const f = await filterOnce(page, filteredCases, demoLog.cases);
      filters.push(f);
      console.log(`filter run ${i}: apply ${ms(f.total)} (count ${ms(f.count)}, map ${ms(f.map)}), clear ${ms(f.clear)}, longest task ${lt(f.longest)}, shows "${f.shown}"`);
    }
    allErrors.push(...errors);
    await context.close();
  }
}

// sliders on the built-in demo (5,000 invoices)
const sliders = { paths: [], activities: [] };
{
  const { context, page, errors } = await freshPage(browser, server);
  const pseq = [0, 100, 30, 70, 100, 0, 50];
  for (const v of pseq.slice(0, Math.max(RUNS, 5))) {
    const r = await sliderOnce(page, '#paths-slider', v, '#map-stats .paths-shown');
    sliders.paths.push(r);
    console.log(`paths slider -> ${v}: stats ${ms(r.stat)}, next frame ${ms(r.frame)}, longest task ${lt(r.longest)}: "${r.before.trim()}" -> "${r.after}"`);
    await page.waitForTimeout(300);
  }
  await sliderOnce(page, '#paths-slider', 30, '#map-stats .paths-shown');
  const aseq = [30, 100, 60, 100, 10, 100, 45];
  for (const v of aseq.slice(0, Math.max(RUNS, 5))) {
    const r = await sliderOnce(page, '#activities-slider', v, '#map-stats .activities-shown');
    sliders.activities.push(r);
    console.log(`activities slider -> ${v}: stats ${ms(r.stat)}, next frame ${ms(r.frame)}, longest task ${lt(r.longest)}: "${r.before.trim()}" -> "${r.after}"`);
    await page.waitForTimeout(300);
  }
  allErrors.push(...errors);
  await context.close();
}
await browser.close();
await server.close();

// wasm sizes
const wasm = readdirSync(dist).filter(f => f.endsWith('.wasm')).map(f => {
  const b = readFileSync(join(dist, f));
  return { f, raw: b.length, gz: gzipSync(b, { level: 9 }).length, gzCli: Number(execSync(`gzip -9c "${join(dist, f)}" | wc -c`).toString().trim()) };
});

console.log('\n| browser import (drop -> map drawn) | runs | total (median) | min–max | preview: file set -> mapping screen | confirm -> map drawn | longest main-thread task (max over runs) | tasks > 100 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [key, label] of [['road', `road fines CSV (${statSync(road).size.toLocaleString('en')} B, 561,470 events)`], ['demo', `demo CSV (${statSync(demo).size.toLocaleString('en')} B, ${demoLog.events.toLocaleString('en')} events)`]]) {
  const rs = imports[key];
  console.log(`| ${label} | ${rs.length} | ${sec(median(rs.map(r => r.total)))} | ${sec(Math.min(...rs.map(r => r.total)))}–${sec(Math.max(...rs.map(r => r.total)))} | ${ms(median(rs.map(r => r.preview)))} | ${ms(median(rs.map(r => r.confirmToMap)))} | ${lt(Math.max(...rs.map(r => r.longest)))} (median ${lt(median(rs.map(r => r.longest)))}) | ${rs.map(r => r.over100).join(', ')} |`);
}
console.log('\n| interaction | runs | median | min–max | longest main-thread task (max) |');
console.log('|---|---|---|---|---|');
console.log(`| filter (view file, drop "Written off" cases) on ${demoLog.events.toLocaleString('en')} events: count shown and map replaced | ${filters.length} | ${ms(median(filters.map(f => f.total)))} | ${range(filters.map(f => f.total))} | ${lt(Math.max(...filters.map(f => f.longest)))} |`);
console.log(`|   of which until #filter-count shows ${filteredCases.toLocaleString('en')} | ${filters.length} | ${ms(median(filters.map(f => f.count)))} | ${range(filters.map(f => f.count))} | |`);
console.log(`| clear the filter again (back to ${demoLog.cases.toLocaleString('en')} cases, map replaced) | ${filters.length} | ${ms(median(filters.map(f => f.clear)))} | ${range(filters.map(f => f.clear))} | |`);
for (const k of ['paths', 'activities']) {
  const rs = sliders[k];
  console.log(`| ${k} slider on the built-in demo: until #map-stats changes | ${rs.length} | ${ms(median(rs.map(r => r.stat)))} | ${range(rs.map(r => r.stat))} | ${lt(Math.max(...rs.map(r => r.longest)))} |`);
  console.log(`| ${k} slider: until the next frame after that | ${rs.length} | ${ms(median(rs.map(r => r.frame)))} | ${range(rs.map(r => r.frame))} | |`);
}
console.log('\n| wasm | raw | gzip -9 |');
console.log('|---|---|---|');
for (const w of wasm) console.log(`| ${w.f} | ${w.raw.toLocaleString('en')} B | ${w.gzCli.toLocaleString('en')} B |`);
console.log(`| total | ${wasm.reduce((a, w) => a + w.raw, 0).toLocaleString('en')} B | ${wasm.reduce((a, w) => a + w.gzCli, 0).toLocaleString('en')} B |`);
console.log(`\nlongest main-thread task while the page starts on the built-in demo (before any import), over ${startupTasks.length} page loads: median ${ms(median(startupTasks))}, max ${ms(Math.max(...startupTasks))}`);
if (allErrors.length) console.log('\nconsole/page errors:\n' + [...new Set(allErrors)].join('\n'));
