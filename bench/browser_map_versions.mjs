// The map of a big log drawn by two (or more) builds of the app, side by side in one run (issue 16,
// point 6: "the map itself 26 s; 12 s a week ago: check whether part of that is a regression"). Each
// build's dist/ is served on its own port; the runs alternate between the builds on fresh pages, so a
// slow phase of the machine falls on all of them alike. `map_ms` is the time from the mapping's
// confirmation to the drawn map (bench/browser_common.mjs `loadLog`, the same as
// bench/browser_collections.mjs prints).
//
// Usage: DISTS=label=dir,label=dir node bench/browser_map_versions.mjs [RUNS] [FILE]
//   FILE: a CSV (default WORK/demo10m.csv, the demo with 1,230,000 invoices, written when missing).
// An older build made with `python3 scripts/build_web.py` in a worktree of that commit works too (see
// BENCHMARKS.md §4).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, VIEWPORT, runsArg, launchChromium, loadLog, writeDemo, printMedians } from './browser_common.mjs';
import { serveDir } from '../scripts/static_server.mjs';

const RUNS = runsArg(3);
const file = process.argv[3] || join(WORK, 'demo10m.csv');
mkdirSync(WORK, { recursive: true });
if (!existsSync(file)) writeDemo(file, '1230000', { seed: 7 });
const builds = (process.env.DISTS || '').split(',').filter(Boolean).map(s => {
  const [label, dir] = s.split('=');
  return { label, dir };
});
if (builds.length === 0 || builds.some(b => !b.dir || !existsSync(join(b.dir, 'index.html')))) {
  console.error('DISTS=label=dir,label=dir: each dir a built dist/ with an index.html');
  process.exit(2);
}

const browser = await launchChromium();
const rows = Object.fromEntries(builds.map(b => [b.label, []]));
for (let i = 0; i < RUNS; i++) {
  for (const b of builds) {
    const server = await serveDir(b.dir, { subpath: '/' });
    const { page, mapMs } = await loadLog(browser, server, file, { context: { viewport: VIEWPORT } });
    const title = (await page.locator('#log-title').innerText()).replace(/[\u202f\u00a0,]/g, '');
    const r = { build: b.label, run: i + 1, map_ms: mapMs, log: title.match(/\d+ events/)?.[0] ?? title };
    console.log(JSON.stringify(r));
    rows[b.label].push(r);
    await page.context().close();
    await server.close();
  }
}
await browser.close();
for (const b of builds) printMedians(`${b.label} `, rows[b.label], ['map_ms']);
