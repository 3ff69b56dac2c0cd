// The insights view on the demo log: the planted effects come first, with their intervals and the
// caveat; a finding's chip filters to exactly its cases; two populations compare side by side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { num, shot, demoApp } from './fixture.mjs';

const app = demoApp({
  open: { viewport: { width: 1280, height: 900 } },
  ready: async ({ page }) => {
    await page.click('role=tab[name="Insights"]');
    await page.waitForSelector('#insights-panel');
  },
});

const firstRow = page => page.locator('#insights-table tbody tr').first();

test('late payment: the planted region comes first, with its interval, in words and as a chart', async () => {
  const { page } = app;
  assert.equal(await page.locator('#insights-outcome').inputValue(), 'late_payment');
  const cells = await firstRow(page).locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 2), ['region', 'Sud-Est']);
  // The sentence a consultant reads aloud: rate, interval, the others, the excess, and the caveat.
  const sentence = await page.locator('#insights-sentences li').first().innerText();
  assert.match(sentence, /region Sud-Est are paid late \d+ % of the time \(95 % CI \d+–\d+ %\) against \d+ % for the others: \d+ more late invoices/);
  assert.match(await page.locator('#insights-caveat').innerText(), /not proof of cause/);
  assert.ok(await page.locator('#insights-chart svg circle').count() >= 3, 'one dot per finding');
  // Not every outcome is available on every log; the demo has them all but the filter one.
  const options = await page.$$eval('#insights-outcome option', os => os.map(o => o.value));
  for (const id of ['late_payment', 'disputed', 'written_off', 'invoice_to_cash_days', 'case_duration_days']) assert.ok(options.includes(id), id);
  await shot(page, 'insights-late-payment');
});

test('write-offs: long payment terms come first', async () => {
  const { page } = app;
  await page.selectOption('#insights-outcome', 'written_off');
  await page.waitForFunction(() => /Written off/i.test(document.querySelector('#outcome-summary')?.textContent ?? ''));
  const cells = await firstRow(page).locator('td').allInnerTexts();
  assert.equal(cells[0], 'payment_terms');
  assert.equal(cells[1], '60');
  await page.selectOption('#insights-outcome', 'late_payment');
  await page.waitForFunction(() => /Late payment/i.test(document.querySelector('#outcome-summary')?.textContent ?? ''));
});

test("a finding's chip filters to exactly its cases, and the view follows the filter", async () => {
  const { page } = app;
  const cases = num(await firstRow(page).locator('td').nth(2).innerText());
  await firstRow(page).locator('button.finding-cases').click();
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar .chip').first().innerText(), /region = Sud-Est/);
  await page.waitForFunction(n => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, cases);
  // Recomputed on the filtered cases: "in the current filter" is offered, and the population shrank.
  await page.waitForFunction(n => (document.querySelector('#insights-panel .panel-head .muted')?.textContent ?? '').replace(/\u202f/g, '').startsWith(`${n} cases`), cases);
  const options = await page.$$eval('#insights-outcome option', os => os.map(o => o.value));
  assert.equal(options[0], 'in_filter');
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
});

test('two populations compare side by side: KPIs with intervals, the map, variants and drivers', async () => {
  const { page } = app;
  await page.fill('#compare-date', '2025-01-01');
  await page.click('#compare-run');
  await page.waitForSelector('#compare-kpis tbody tr', { timeout: 60000 });
  const sizes = await page.locator('#compare-sizes').innerText();
  const [a, b] = [...sizes.replace(/\u202f/g, '').matchAll(/(\d+) cases/g)].map(m => Number(m[1]));
  assert.ok(a > 0 && b > 0 && a + b <= 5000, sizes);
  const kpi = await page.locator('#compare-kpis tbody tr').first().innerText();
  assert.match(kpi, /\(.+ – .+\)/, 'each estimate carries its interval');
  assert.ok(await page.locator('#compare-map svg g.edge').count() > 5);
  assert.ok(await page.locator('#variants-grew tbody tr, #variants-shrank tbody tr').count() > 0);
  await shot(page, 'insights-compare');
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});

// Issue 16: a headline of at most five findings across the receivables outcomes, the number of values
// tested stated, and intervals that allow for invoices of one customer being alike.
test('the headline: at most five findings across outcomes, values tested stated, customers clustered', async () => {
  const { page } = app;
  const items = await page.locator('#insights-headline > ol > li').count();
  assert.ok(items >= 1 && items <= 5, `${items} headline items`);
  assert.match(await page.locator('#insights-headline-note').innerText(), /tested/);
  assert.match(await page.locator('#insights-clustered').innerText(), /customer/);
  // Each is said as a sentence with its interval.
  const texts = await page.locator('#insights-headline > ol > li .sentence').allInnerTexts();
  assert.ok(texts.length === items && texts.some(t => /95 % CI/.test(t)), texts.join('\n'));
});
