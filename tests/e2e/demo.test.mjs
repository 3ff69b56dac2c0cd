// The app opens on the built-in demo log and every map control works on it, with no request leaving the
// page's origin and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { demoApp, serve, openApp, waitForMap, num, shot, relanceBinary } from './fixture.mjs';

const app = demoApp();

test('opens on the demo log with a banner saying so', async () => {
  const { page } = app;
  assert.match(await page.locator('#log-title').innerText(), /Demo collections log/);
  assert.match(await page.locator('#demo-banner').innerText(), /demo data/i);
  assert.match(await page.locator('.privacy').innerText(), /never uploaded/);
  const stats = await page.locator('#map-stats').innerText();
  const [shown, total] = stats.match(/(\d+) of (\d+) activities/).slice(1).map(Number);
  assert.equal(shown, total);
  assert.ok(total >= 15, `the demo has the collections activities (${total})`);
  assert.ok(await page.locator('.map-drawing g.node').count() >= total);
  await shot(page, 'demo-map');
});

test('paths slider shows more paths, activities slider hides activities', async () => {
  const { page } = app;
  const paths = async () => (await page.locator('#map-stats .paths-shown').innerText()).match(/(\d+) of (\d+)/).slice(1).map(Number);
  await page.$eval('#paths-slider', el => { el.value = '100'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => /(\d+) of \1 paths/.test(document.querySelector('#map-stats .paths-shown').textContent));
  const [all, total] = await paths();
  assert.equal(all, total);
  await page.$eval('#paths-slider', el => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(n => Number(document.querySelector('#map-stats .paths-shown').textContent.match(/\d+/)[0]) < n, all);
  const [few] = await paths();
  // Every activity keeps a way in and out: at least one edge per activity plus the end.
  const acts = await page.locator('.map-drawing g.node:not(.endpoint)').count();
  assert.ok(few >= acts, `${few} paths keep ${acts} activities connected`);
  await page.$eval('#activities-slider', el => { el.value = '30'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => {
    const m = document.querySelector('#map-stats .activities-shown').textContent.match(/(\d+) of (\d+)/);
    return m && Number(m[1]) < Number(m[2]);
  });
  const [shownActs, totalActs] = (await page.locator('#map-stats .activities-shown').innerText()).match(/(\d+) of (\d+)/).slice(1).map(Number);
  assert.equal(shownActs, Math.ceil(totalActs * 0.3));
  assert.equal(await page.locator('.map-drawing g.node:not(.endpoint)').count(), shownActs);
  await page.$eval('#activities-slider', el => { el.value = '100'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.$eval('#paths-slider', el => { el.value = '30'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => { const m = document.querySelector('#map-stats .activities-shown').textContent.match(/(\d+) of (\d+)/); return m[1] === m[2]; });
});

test('performance view labels edges with durations', async () => {
  const { page } = app;
  await page.click('#mode-performance');
  await page.waitForFunction(() => [...document.querySelectorAll('.map-drawing .edge-labels text')].some(t => /\d (d|h|min|s|y)$/.test(t.textContent)));
  const colours = await page.$$eval('.map-drawing g.edge path:nth-of-type(2)', ps => new Set(ps.map(p => p.getAttribute('stroke'))).size);
  assert.ok(colours >= 3, `edges are coloured from fast to slow (${colours} colours)`);
  await shot(page, 'demo-performance');
  await page.click('#mode-frequency');
});

test('clicking an activity shows its numbers and a histogram', async () => {
  const { page } = app;
  await page.locator('.map-drawing g.node:not(.endpoint)').first().click();
  await page.waitForSelector('#detail-panel dl.stats');
  assert.match(await page.locator('#detail-panel').innerText(), /Events/);
  assert.ok(await page.locator('#detail-panel .histogram svg').count() === 1);
});

test('a path on the map becomes a filter for every view', async () => {
  const { page } = app;
  // The first drawn edge between two activities (not from Start or to End).
  const edges = page.locator('.map-drawing g.edge');
  const n = await edges.count();
  let clicked = false;
  for (let i = 0; i < n && !clicked; i++) {
    const label = await edges.nth(i).getAttribute('aria-label');
    if (!/^Start to | to End$/.test(label)) {
      await edges.nth(i).locator('path').first().dispatchEvent('click');
      clicked = true;
    }
  }
  assert.ok(clicked);
  await page.waitForSelector('#filter-from-map');
  const occurrences = num(await page.locator('#detail-panel dd').nth(1).innerText());
  await page.click('#filter-from-map');
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar').innerText(), /→/);
  await page.waitForFunction(n => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, occurrences);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  await page.click('#map-viewport', { position: { x: 4, y: 70 } });
});

test('exports the map as SVG and PNG', async () => {
  const { page } = app;
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  assert.equal(svg.suggestedFilename(), 'process-map.svg');
  const text = await readFile(await svg.path(), 'utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok((text.match(/data-node=/g) || []).length >= 10);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  assert.equal(png.suggestedFilename(), 'process-map.png');
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.ok(bytes.length > 10000, 'the PNG has content');
});

test('variants table, selection and filter', async () => {
  const { page } = app;
  await page.click('role=tab[name="Variants"]');
  await page.waitForSelector('#variants-table tbody tr');
  const first = num(await page.locator('#variants-table tbody tr').first().locator('td.cases').innerText());
  const second = num(await page.locator('#variants-table tbody tr').nth(1).locator('td.cases').innerText());
  assert.ok(first >= second, 'sorted by cases');
  await page.locator('#variants-table tbody tr').first().locator('input[type=checkbox]').check();
  await page.waitForSelector('#variant-case-count');
  assert.equal(num(await page.locator('#variant-case-count').innerText()), first);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#variants-export')]);
  const rows = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  assert.equal(rows[0], 'rank,cases,share,cumulative_share,median_duration_days,variant');
  assert.equal(Number(rows[1].split(',')[1]), first);
  await page.click('#variants-filter');
  await page.waitForSelector('#filter-bar .chip');
  await page.waitForFunction(n => /^\D*([\d\u202f]+) of/.test(document.querySelector('#filter-count').textContent) &&
    Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, first);
  await page.click('role=tab[name="Process map"]');
  await waitForMap(page);
  await shot(page, 'demo-variant-filter');
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
});

test('overview shows counts and charts', async () => {
  const { page } = app;
  await page.click('role=tab[name="Overview"]');
  await page.waitForSelector('#overview-cases');
  assert.equal(num(await page.locator('#overview-cases').innerText()), 5000);
  // The built-in demo is the CLI's `relance demo` (5,000 invoices, seed 7) event for event: its random
  // draws give the same bits in wasm and natively, so the app's figures can be checked against the CLI's.
  const csv = execFileSync(relanceBinary(), ['demo', '--invoices', '5000', '--seed', '7'], { maxBuffer: 1 << 28 }).toString();
  const events = csv.split('\n').filter(l => l.length > 0).length - 1;
  assert.equal(num(await page.locator('#overview-events').innerText()), events);
  assert.equal(await page.locator('.charts svg').count(), 2);
  await shot(page, 'demo-overview');
  await page.click('role=tab[name="Process map"]');
});

test('a bar of the duration histogram and a week of the weekly chart become filters', async () => {
  const { page } = app;
  await page.click('role=tab[name="Overview"]');
  await page.waitForSelector('#duration-chart .chart-hit');
  const filtered = () => page.evaluate(() => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]));
  // The tallest bar below the last (open-ended) one: its cases, exactly.
  const labels = await page.$$eval('#duration-chart .chart-hit', bs => bs.map(b => b.getAttribute('title')));
  const counts = labels.slice(0, -1).map(l => Number(l.match(/^(\d+) cases/)[1]));
  const i = counts.indexOf(Math.max(...counts));
  // Over the drawing: the button sits on its bar.
  const chart = await page.locator('#duration-chart svg').boundingBox();
  const bar = await page.locator('#duration-chart .chart-hit').nth(i).boundingBox();
  assert.ok(bar.x >= chart.x && bar.x + bar.width <= chart.x + chart.width + 1, JSON.stringify({ chart, bar }));
  await page.locator('#duration-chart .chart-hit').nth(i).click();
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar .chip').first().innerText(), /duration/);
  await page.waitForFunction(n => Number(document.querySelector('#overview-cases')?.textContent.replace(/\u202f/g, '')) === n, counts[i]);
  assert.equal(await filtered(), counts[i]);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  // A week, from the keyboard: the cases active that week.
  await page.waitForSelector('#weekly-chart .chart-hit');
  const week = page.locator('#weekly-chart .chart-hit').nth(10);
  assert.match(await week.getAttribute('title'), /^week of \d{1,2} [A-Z][a-z]{2} \d{4}: \d+ events$/);
  await week.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#filter-bar .chip');
  // The count follows once the worker has applied the filter.
  await page.waitForFunction(() => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) < 5000);
  const n = await filtered();
  assert.ok(n > 0 && n < 5000, `${n}`);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  await page.click('role=tab[name="Process map"]');
});

test('no request leaves the page origin and the console has no error', async () => {
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
  // The map, variants and overview come from the page's wasm run in a worker: no engine download yet.
  const wasm = app.problems.requests.filter(u => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, wasm.join(' '));
  assert.match(wasm[0], /\/app-[0-9a-f]+_bg\.wasm$/);
});

test('works from a sub-path', async () => {
  const sub = await serve('/some/sub/path/');
  try {
    const other = await openApp(app.browser, sub);
    await waitForMap(other.page);
    assert.deepEqual(other.problems.external, []);
    assert.deepEqual(other.problems.console, []);
    await other.context.close();
  } finally {
    await sub.close();
  }
});
