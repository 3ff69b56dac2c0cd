// The map reads as it opens and the tab survives what used to kill it: thousands of activities, a file
// too large for a tab, and a worker that dies.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, constants } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { openApp, waitForMap, num, shot, shared, haveShared, serverAndBrowser } from './fixture.mjs';

let dir;
const env = serverAndBrowser();
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-e2e-'));
});

/** On-screen heights (px) of the activity labels of the drawn map. */
const labelHeights = page => page.$$eval('.map-drawing svg g.node text.label', ts => ts.map(t => t.getBoundingClientRect().height));

/** Imports a file through the file input, confirming the mapping screen when it opens. */
async function importFile(page, file) {
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen, .toast.error', { timeout: 60000 });
  if (await page.locator('#mapping-screen').count()) await page.click('#mapping-confirm');
}

test('the demo map opens readable at 1280x720, with an overview, and Fit is one click', async () => {
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await page.waitForTimeout(300);
  const heights = await labelHeights(page);
  assert.ok(heights.length >= 15);
  assert.ok(Math.min(...heights) >= 11, `labels ${Math.min(...heights).toFixed(1)} px tall`);
  // The map uses the panel's width, or overflows it with the overview map showing where we are.
  const vp = await page.locator('#map-viewport').boundingBox();
  const drawing = await page.locator('.map-drawing svg').boundingBox();
  assert.ok(drawing.width >= vp.width - 40 || await page.locator('#map-overview').count() === 1);
  if (drawing.height > vp.height) assert.equal(await page.locator('#map-overview').count(), 1);
  assert.match(await page.locator('#map-legend').innerText(), /Activities/);
  await shot(page, 'map-opens-readable');
  await page.click('button[aria-label="Fit to screen"]');
  await page.waitForTimeout(200);
  const fitted = await page.locator('.map-drawing svg').boundingBox();
  assert.ok(fitted.height <= vp.height + 1 && fitted.width <= vp.width + 1, 'Fit shows the whole map');
  // The small things: two segments, no empty third; the padlock is an inline icon, not an emoji.
  const seg = await page.$$eval('.segmented[aria-label="Map view"]', ([el]) => {
    const w = [...el.children].reduce((a, b) => a + b.getBoundingClientRect().width, 0);
    return [el.children.length, w, el.getBoundingClientRect().width - 2];
  });
  assert.equal(seg[0], 2);
  assert.ok(Math.abs(seg[1] - seg[2]) < 2, `the two segments fill the switch (${seg[1]} of ${seg[2]})`);
  assert.equal(await page.locator('.privacy svg.padlock').count(), 1);
  assert.doesNotMatch(await page.locator('.privacy').innerText(), /\u{1F512}/u);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('road fines opens readable at 1280x720', { skip: !haveShared() && 'needs ../shared/data' }, async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await importFile(page, join(shared, 'data', 'Road_Traffic_Fine_Management_Process.csv.gz'));
  await page.waitForFunction(() => /Road_Traffic/.test(document.querySelector('#log-title').textContent), null, { timeout: 120000 });
  await waitForMap(page, 120000);
  await page.waitForTimeout(300);
  const heights = await labelHeights(page);
  assert.equal(heights.length, 11);
  assert.ok(Math.min(...heights) >= 11, `labels ${Math.min(...heights).toFixed(1)} px tall`);
  await shot(page, 'road-fines-opens-readable');
  await context.close();
});

test('a log with 1,500 activities opens on its 60 most frequent, and the slider reaches the rest', async () => {
  // One case through every activity, and 3,000 cases of ten increasing activities with long jumps
  // (the audit's shape, which froze the tab when the page laid out the whole map).
  const lines = ['case,activity,timestamp'];
  for (let a = 0; a < 1500; a++) lines.push(`spine,A${String(a).padStart(4, '0')},2024-01-01T00:${String(Math.floor(a / 60) % 60).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}Z`);
  let x = 7;
  for (let c = 0; c < 3000; c++) {
    const acts = [];
    for (let k = 0; k < 10; k++) { x = (x * 1103515245 + 12345) % 2147483648; acts.push(x % 1500); }
    acts.sort((p, q) => p - q);
    acts.forEach((a, k) => lines.push(`c${c},A${String(a).padStart(4, '0')},2024-01-02T00:00:${String(k).padStart(2, '0')}Z`));
  }
  const file = join(dir, 'many_activities.csv');
  await writeFile(file, lines.join('\n') + '\n');
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await importFile(page, file);
  await page.waitForFunction(() => /many_activities/.test(document.querySelector('#log-title').textContent), null, { timeout: 60000 });
  await page.waitForFunction(() => /of 1\u202f?500 activities/.test(document.querySelector('#map-stats')?.textContent ?? ''), null, { timeout: 60000 });
  const [shown] = (await page.locator('#map-stats .activities-shown').innerText()).match(/\d+/).map(Number);
  assert.ok(shown <= 60 && shown >= 50, `${shown} activities shown at first`);
  // All of them: the layout runs in the worker within its budget, and the page answers meanwhile.
  await page.$eval('#activities-slider', el => { el.value = '100'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => /1\u202f?500 of 1\u202f?500 activities/.test(document.querySelector('#map-stats').textContent), null, { timeout: 60000 });
  const t0 = Date.now();
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - t0 < 2000, 'the page still renders frames');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a file too large for a tab is refused early, pointing to the CLI and warehouse mode', async () => {
  // 60 million identical short rows: 1 GB of CSV in about 1 MB of gzip.
  const file = join(dir, 'huge.csv.gz');
  const row = Buffer.from('c,a,2024-01-01\n');
  const block = Buffer.concat(Array(65536).fill(row));
  let left = 60_000_000;
  const source = Readable.from((function* () {
    yield Buffer.from('case,activity,timestamp\n');
    while (left > 0) { const n = Math.min(left, 65536); left -= n; yield n === 65536 ? block : block.subarray(0, n * row.length); }
  })());
  await pipeline(source, createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(file));
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const t0 = Date.now();
  await importFile(page, file);
  const toast = page.locator('.toast.error .message');
  await toast.waitFor({ timeout: 60000 });
  const msg = await toast.innerText();
  assert.match(msg, /huge\.csv\.gz: this file holds about [\d\u202f ]+ events/);
  assert.match(msg, /relance analyze/);
  assert.match(msg, /relance warehouse/);
  assert.ok(Date.now() - t0 < 30000, 'refused early');
  // The overlay is gone and the demo is still there.
  assert.equal(await page.locator('.modal-backdrop').count(), 0);
  assert.match(await page.locator('#log-title').innerText(), /Demo/);
  await context.close();
});

test('when the worker dies the page says so, releases the overlay and loads another file', async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const [worker] = page.workers();
  // An uncaught error in the worker is what a wasm trap (out of memory, panic) looks like to the page.
  await worker.evaluate(() => { setTimeout(() => { throw new Error('simulated trap'); }, 0); });
  await page.locator('.toast.error .message').waitFor({ timeout: 30000 });
  assert.match(await page.locator('.toast.error .message').innerText(), /engine stopped/);
  // The demo comes back in a new worker, and another file opens without a reload.
  await waitForMap(page, 60000);
  const file = join(dir, 'small.csv');
  await writeFile(file, 'case,activity,timestamp\n1,a,2024-01-01\n1,b,2024-01-02\n2,a,2024-01-01\n');
  await importFile(page, file);
  await page.waitForFunction(() => /small\.csv/.test(document.querySelector('#log-title').textContent), null, { timeout: 60000 });
  assert.equal(num(await page.locator('#log-title').innerText().then(t => t.match(/([\d\u202f]+) cases/)[1])), 2);
  await context.close();
});

test('an XES log with start and complete events asks, and keeps only complete events by default', async () => {
  const ev = (a, t, l) => `<event><string key="concept:name" value="${a}"/><string key="lifecycle:transition" value="${l}"/><date key="time:timestamp" value="${t}"/></event>`;
  const trace = (id, evs) => `<trace><string key="concept:name" value="${id}"/>${evs.join('')}</trace>`;
  const xes = `<?xml version="1.0" encoding="UTF-8"?><log xes.version="1.0">` +
    trace('1', [ev('Check', '2024-01-01T09:00:00Z', 'start'), ev('Check', '2024-01-01T10:00:00Z', 'complete'), ev('Pay', '2024-01-02T10:00:00Z', 'complete')]) +
    trace('2', [ev('Check', '2024-01-03T09:00:00Z', 'start'), ev('Check', '2024-01-03T11:00:00Z', 'complete')]) + '</log>';
  const file = join(dir, 'lifecycle.xes');
  await writeFile(file, xes);
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#xes-choice');
  assert.equal(await page.locator('#xes-complete-only').isChecked(), true);
  await page.click('#xes-confirm');
  await page.waitForFunction(() => /lifecycle\.xes/.test(document.querySelector('#log-title').textContent), null, { timeout: 30000 });
  assert.match(await page.locator('#log-title').innerText(), /\b3 events/);
  await context.close();
});

test('a gzip CSV whose header has 4,000 columns opens on the mapping screen', async () => {
  // The audit's case: an 84 KB header, once refused as "the file is empty" by a 64 KiB preview.
  const cols = Array.from({ length: 4000 }, (_, i) => `attribute_column_${i}`);
  const header = ['case', 'activity', 'timestamp', ...cols].join(',');
  const rows = Array.from({ length: 50 }, (_, r) => [`c${r % 10}`, `a${r % 3}`, `2024-01-${String(1 + r % 28).padStart(2, '0')}`, ...cols.map((_, i) => (i + r) % 7)].join(','));
  const file = join(dir, 'wide.csv.gz');
  await pipeline(Readable.from([header + '\n' + rows.join('\n') + '\n']), createGzip(), createWriteStream(file));
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen, .toast.error', { timeout: 30000 });
  assert.equal(await page.locator('.toast.error').count(), 0);
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /wide\.csv\.gz/.test(document.querySelector('#log-title').textContent), null, { timeout: 60000 });
  assert.match(await page.locator('#log-title').innerText(), /\b10 cases/);
  await context.close();
});

test('a computation that runs long shows Cancel, and Cancel gives the log back', async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const [worker] = page.workers();
  // Keep the worker busy for 20 s, as a long analysis would (it cannot read messages meanwhile).
  worker.evaluate(() => { const t = Date.now(); while (Date.now() - t < 20000) { /* busy */ } }).catch(() => {});
  await page.$eval('#paths-slider', el => { el.value = '60'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForSelector('#working-bar', { timeout: 10000 });
  assert.match(await page.locator('#working-bar').innerText(), /Drawing the process map/);
  await page.click('#cancel-work');
  await page.locator('.toast.error .message').waitFor({ timeout: 10000 });
  assert.match(await page.locator('.toast.error .message').innerText(), /Cancelled \(drawing the process map\)/);
  // The demo is loaded again in a new worker; the map waits for "Try again".
  await page.waitForSelector('#stopped-bar', { timeout: 60000 });
  await page.waitForSelector('.modal-backdrop', { state: 'detached', timeout: 60000 });
  await page.click('#retry-stopped');
  await page.waitForFunction(() => !document.querySelector('#stopped-bar'));
  await waitForMap(page);
  assert.equal(await page.locator('#working-bar').count(), 0);
  await context.close();
});

test('a figure whose role is missing says "not available" and why, never 0, with a way to the roles editor', async () => {
  // Invoices and payments, but no due date, no credit step, no cancellation.
  const rows = ['invoice,activity,timestamp,amount'];
  for (let i = 0; i < 40; i++) {
    const d = String(1 + (i % 27)).padStart(2, '0');
    rows.push(`F${i},Facture émise,2024-03-${d}T09:00:00Z,${100 + i}`);
    if (i % 3) rows.push(`F${i},Paiement reçu,2024-04-${d}T09:00:00Z,${100 + i}`);
  }
  const file = join(dir, 'no_due_dates.csv');
  await writeFile(file, rows.join('\n') + '\n');
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  await importFile(page, file);
  await page.waitForFunction(() => /no_due_dates/.test(document.querySelector('#log-title').textContent), null, { timeout: 30000 });
  await page.click('role=tab[name="Collections"]');
  await page.waitForSelector('#kpi-on-time');
  assert.equal(await page.locator('#kpi-on-time').innerText(), 'not available');
  const tile = page.locator('.kpi:has(#kpi-on-time)');
  assert.match(await tile.innerText(), /not available: no due-date column and no activity recognised as due date passed/);
  // Invoice-to-cash is there: the log has invoices and payments.
  assert.match(await page.locator('#kpi-itc').innerText(), /\d/);
  await tile.locator('button:has-text("Map the activities")').click();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('#roles-table') !== null), true);
  await context.close();
});
