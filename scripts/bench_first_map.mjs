// The first map's engine against the full engine in headless Chromium: the same CSV imported by the
// page's wasm run in a worker (built for size, wasm-small) and by the full engine worker (built for speed,
// wasm-fast; started by opening Collections first), interleaved, each on a fresh page. Times the import
// from the mapping screen's confirm until the log title names the file and the map is drawn. Also prints
// the wasm fetched before the first map, raw and gzip -9.
//
// Usage: node scripts/bench_first_map.mjs [RUNS] [FILE.csv]
//   (RUNS=5; FILE: the first 7.5 MB of the road-fines CSV, cut at a line end, made in
//   /tmp/relance-bench once: under 8 MiB, so the first map's engine reads it; a larger file goes to the
//   full engine whichever engine runs, see src/core/worker/client.rs)
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve, launch, waitForMap, shared } from '../tests/e2e/fixture.mjs';

const RUNS = Number(process.argv[2] || 5);
let file = process.argv[3];
if (!file) {
  mkdirSync('/tmp/relance-bench', { recursive: true });
  file = '/tmp/relance-bench/road_fines_7.5MB.csv';
  if (!existsSync(file)) execSync(`zcat "${join(shared, 'data', 'Road_Traffic_Fine_Management_Process.csv.gz')}" | head -c 7500000 | sed '$d' > "${file}"`);
}
const name = basename(file);
const server = await serve();
const browser = await launch();

async function run(full) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const wasm = [];
  context.on('response', async r => {
    if (!r.url().endsWith('.wasm')) return;
    const body = await r.body().catch(() => null);
    if (body) wasm.push({ file: r.url().split('/').pop(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url);
  await waitForMap(page);
  const firstMapMs = Date.now() - t0;
  const firstWasm = wasm.slice();
  if (full) {
    await page.click('role=tab[name="Collections"]');
    await page.waitForSelector('.collections p.muted', { timeout: 120000 });
    await page.click('role=tab[name="Process map"]');
    await waitForMap(page);
  }
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen', { timeout: 60000 });
  const t1 = Date.now();
  await page.click('#mapping-confirm');
  await page.waitForFunction(n => document.querySelector('#log-title').textContent.includes(n), name, { timeout: 300000, polling: 'raf' });
  await waitForMap(page, 300000);
  const importMs = Date.now() - t1;
  await context.close();
  return { firstMapMs, importMs, firstWasm };
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const times = { first: [], full: [], firstMap: [] };
let firstWasm = [];
for (let i = 0; i < RUNS; i++) {
  const a = await run(false);
  const b = await run(true);
  times.first.push(a.importMs);
  times.full.push(b.importMs);
  times.firstMap.push(a.firstMapMs, b.firstMapMs);
  firstWasm = a.firstWasm;
  console.log(`run ${i + 1}: first-map engine ${a.importMs} ms, full engine ${b.importMs} ms`);
}
console.log(`wasm before the first map: ${firstWasm.map(w => `${w.file} ${w.raw} B raw, ${w.gzip} B gzip -9`).join('; ')}`);
console.log(`page load to first map (demo), median of ${times.firstMap.length}: ${median(times.firstMap)} ms`);
for (const k of ['first', 'full']) {
  const xs = times[k];
  console.log(`${k === 'first' ? 'first-map engine (wasm-small)' : 'full engine (wasm-fast)'}: import of ${name}, median ${median(xs)} ms (${Math.min(...xs)}–${Math.max(...xs)})`);
}
await browser.close();
await server.close();
