// The collections view on the demo log shows the effects planted in it, and its figures drill down into
// case filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { num, shot, demoApp } from './fixture.mjs';

const app = demoApp({
  ready: async ({ page }) => {
    await page.click('role=tab[name="Collections"]');
    await page.waitForSelector('#dunning-table tbody tr', { timeout: 60000 });
  },
});

const pct = t => Number(t.replace(/[^\d.]/g, ""));

test('level-1 phone reminders beat e-mail ones', async () => {
  const { page } = app;
  const rate = async channel => pct(await page.locator(`#dunning-table tr[data-level="1"][data-channel="${channel}"] td.rate`).innerText());
  const phone = await rate('Phone');
  const email = await rate('Email');
  assert.ok(phone > 2 * email, `phone ${phone} % vs email ${email} %`);
  // The table exports as CSV with the same numbers.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[aria-label="Export dunning.csv"]')]);
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'Step,Level,Channel,Sent,Paid in window,Rate (%)');
  assert.ok(lines.some(l => l.startsWith('Reminder 1 sent,1,Phone,')));
  // Raw numbers, not the display text ("45.6 %", "1 234"), and the same as shown.
  const phoneRow = lines.find(l => l.startsWith('Reminder 1 sent,1,Phone,')).split(',');
  assert.match(phoneRow[3], /^\d+$/);
  assert.match(phoneRow[5], /^\d+(\.\d+)?$/);
  assert.ok(Math.abs(Number(phoneRow[5]) - phone) < 0.06, `${phoneRow[5]} vs ${phone}`);
  await shot(page, 'collections');
});

test('pricing disputes are the slowest, Olivier posts late, SME break promises', async () => {
  const { page } = app;
  const medians = await page.$$eval('#disputes-table tbody tr', rows => rows.map(r => [r.cells[0].textContent, parseFloat(r.cells[2].textContent)]));
  const slowest = medians.reduce((a, b) => (b[1] > a[1] ? b : a));
  assert.equal(slowest[0], 'Pricing');
  assert.equal(await page.locator('#cash-table tbody tr').first().locator('td').first().innerText(), 'Olivier');
  const promises = await page.$$eval('#promises-by-segment tbody tr', rows => rows.map(r => [r.cells[0].textContent, parseFloat(r.querySelector('td.rate').textContent),
    ...[1, 2, 3].map(i => Number(r.cells[i].textContent.replace(/\D/g, '')))]));
  const worst = promises.reduce((a, b) => (b[1] < a[1] ? b : a));
  assert.equal(worst[0], 'SME');
  // Promises with an outcome are kept or broken; the broken ones are counted.
  for (const [segment, , all, kept, broken] of promises) assert.equal(kept + broken, all, segment);
  assert.ok(worst[4] > 0);
});

test('table exports write raw numbers and the selected role only', async () => {
  const { page } = app;
  const download = async name => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`button[aria-label="Export ${name}"]`)]);
    return (await readFile(await dl.path(), 'utf8')).trim().split('\n').map(l => l.split(','));
  };
  const disputes = await download('disputes.csv');
  assert.deepEqual(disputes[0].slice(0, 4), ['Reason', 'Resolved', 'Median (days)', 'p90 (days)']);
  for (const row of disputes.slice(1)) {
    assert.ok(row[2] === '' || Number.isFinite(Number(row[2])), row.join(','));
    assert.doesNotMatch(row.join(','), / d\b|%/);
  }
  await page.click('#mapping-panel summary');
  const roles = await download('activity-roles.csv');
  assert.deepEqual(roles[0], ['Activity', 'Role']);
  assert.ok(roles.length > 10);
  for (const row of roles.slice(1)) {
    assert.equal(row.length, 2, row.join(','));
    assert.match(row[1], /^[a-z0-9_]+$/, row.join(','));
  }
  const written = roles.find(r => r[0] === 'Written off');
  assert.equal(written?.[1], 'written_off', String(written));
});

test('the DSO chart has four lines with a legend, and a monthly table', async () => {
  const { page } = app;
  const legend = await page.$$eval('#dso-legend .legend-item', els => els.map(e => e.textContent.trim()));
  assert.deepEqual(legend.slice(0, 4), ['DSO (simple)', 'Countback DSO', 'Best possible DSO', 'Average days delinquent']);
  const lines = await page.locator('figure:has(#dso-legend) svg polyline').count();
  assert.ok(lines >= 4, `${lines} lines`);
  await page.click('details.dso-months summary');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button[aria-label="Export dso-by-month.csv"]')]);
  const rows = (await readFile(await dl.path(), 'utf8')).trim().split('\n').map(l => l.split(','));
  assert.deepEqual(rows[0], ['Month', 'DSO simple (days)', 'Countback DSO (days)', 'Best possible DSO (days)', 'Average days delinquent (days)', 'Partial']);
  assert.ok(rows.length > 3);
  const full = rows.slice(1).find(r => r.slice(1, 5).every(v => v !== ''));
  assert.ok(full, 'a month with every figure');
  assert.match(full[0], /^\d{4}-\d{2}$/);
  // ADD = simple DSO − best possible DSO.
  assert.ok(Math.abs(Number(full[1]) - Number(full[3]) - Number(full[4])) < 0.02, full.join(','));
});

test('DSO months, the slowest payers and the breakdown drill into their cases', async () => {
  const { page } = app;
  const filtered = () => page.evaluate(() => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]));
  const invoices = () => page.evaluate(() => Number(document.querySelector('.collections p.muted').textContent.replace(/\u202f/g, '').match(/\d+/)[0]));
  const total = await invoices();
  // Back to every invoice, with the measures recomputed.
  const clear = async () => {
    await page.click('#filter-bar button:has-text("Clear all")');
    await page.waitForSelector('#filter-bar', { state: 'detached' });
    await page.waitForFunction(n => Number(document.querySelector('.collections p.muted')?.textContent.replace(/\u202f/g, '').match(/\d+/)?.[0]) === n, total);
  };
  if (!await page.locator('details.dso-months').evaluate(d => d.open)) await page.click('details.dso-months summary');
  // A month-end's past-due receivables (behind ADD): the chip names the month and counts them.
  const row = page.locator('#dso-table tbody tr').nth(2);
  const month = await row.locator('td').first().innerText();
  await row.locator('button.drill-past-due').click();
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar .chip').first().innerText(), new RegExp(`past due at the end of ${month} \\(\\d`));
  const pastDue = await filtered();
  assert.ok(pastDue > 0);
  await clear();
  if (!await page.locator('details.dso-months').evaluate(d => d.open)) await page.click('details.dso-months summary');
  await page.locator('#dso-table tbody tr').nth(2).locator('button.drill-open').click();
  await page.waitForSelector('#filter-bar .chip');
  // Open receivables include the past-due ones.
  assert.ok(await filtered() >= pastDue);
  await clear();
  // The slowest tenth to cash: about 10 % of the paid invoices.
  await page.click('#drill-slowest');
  await page.waitForSelector('#filter-bar .chip');
  const slow = await filtered();
  assert.ok(slow > 0 && slow < total * 0.2, `${slow} of ${total}`);
  await clear();
  // Every headline measure per segment, and a group's cases as a filter of its invoice count.
  await page.selectOption('#breakdown-by', 'segment');
  await page.waitForSelector('#breakdown-table tbody tr');
  const headers = await page.$$eval('#breakdown-table thead th', ths => ths.map(t => t.textContent.trim()));
  for (const h of ['To cash p90', 'DSO', 'ADD', 'CEI', 'Paid after reminder', 'Disputes', 'Posting lag', 'Kept', 'Credit decision']) {
    assert.ok(headers.includes(h), `${h} in ${headers.join('|')}`);
  }
  const sme = page.locator('#breakdown-table tbody tr', { has: page.locator('td:first-child', { hasText: /^SME$/ }) });
  const n = Number((await sme.locator('td').nth(1).innerText()).replace(/\u202f/g, ''));
  await sme.locator('button').click();
  await page.waitForSelector('#filter-bar .chip');
  assert.equal(await filtered(), n);
  await clear();
});

test('compliance finds the planted breaches and drills into their cases', async () => {
  const { page } = app;
  const count = async rule => num(await page.locator(`#compliance-table tr[data-rule="${rule}"] td.violations`).innerText());
  for (const rule of ['no-reminder-before-due', 'no-write-off-without-reminder', 'fdcpa-contact-hours', 'regf-7-in-7', 'fdcpa-cease-communication']) {
    assert.ok(await count(rule) > 0, rule);
  }
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#violations-export')]);
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'pack,rule,title,source,case,customer,time,detail');
  assert.ok(lines.some(l => l.includes('fdcpa-contact-hours') && l.includes('Night shift') === false));
  const cases = num(await page.locator('#compliance-table tr[data-rule="fdcpa-cease-communication"] td:nth-child(4)').innerText());
  await page.locator('#compliance-table tr[data-rule="fdcpa-cease-communication"] button.show-cases').click();
  await page.waitForSelector('#filter-bar .chip');
  await page.waitForFunction(n => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, cases);
  // The measures follow the filter.
  await page.waitForFunction(n => /^\s*[\d\u202f]+ invoices/.test(document.querySelector('.collections p.muted').textContent) &&
    Number(document.querySelector('.collections p.muted').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, cases);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
});

test('a violation opens its case in the case explorer', async () => {
  const { page } = app;
  const row = page.locator('#compliance-table tr[data-rule="fdcpa-contact-hours"]');
  await row.locator('details.violations summary').click();
  const first = row.locator('details.violations button.link').first();
  const id = await first.innerText();
  await first.click();
  await page.waitForFunction(id => document.querySelector('#case-title')?.textContent === `Case ${id}`, id);
  assert.match(await page.locator('#case-timeline').innerText(), /Night shift/);
  await page.click('role=tab[name="Collections"]');
  await page.waitForSelector('#dunning-table tbody tr');
});

test('breakdown by segment and drill from a table row', async () => {
  const { page } = app;
  await page.selectOption('#breakdown-by', 'segment');
  await page.waitForSelector('#breakdown-table tbody tr');
  const segments = await page.$$eval('#breakdown-table tbody tr td:first-child', tds => tds.map(t => t.textContent));
  assert.ok(segments.includes('SME') && segments.includes('Enterprise'), segments.join(','));
  await page.locator('#cash-table tbody tr').first().locator('button').click();
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar').innerText(), /cases/);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});

// Issue 16: DSO is headlined at a complete month, partial months are marked, and the receivables
// basis is stated and can be switched.
test('DSO is headlined at the latest complete month, on the basis stated', async () => {
  const { page } = app;
  const headline = await page.locator('#dso-headline').innerText();
  const month = headline.match(/end of (\d{4}-\d{2})/)?.[1];
  assert.ok(month, headline);
  assert.match(headline, /Receivables basis: the ledger's/);
  // The month headlined is a complete one; every later month is marked partial with its reason.
  if (!await page.locator('details.dso-months').evaluate(d => d.open)) await page.click('details.dso-months summary');
  const rows = await page.$$eval('#dso-table tbody tr', trs => trs.map(r => [...r.cells].map(c => c.textContent.trim())));
  const partialCol = await page.$$eval('#dso-table thead th', ths => ths.findIndex(th => th.textContent.trim().startsWith('Partial')));
  assert.ok(partialCol > 0);
  const at = rows.findIndex(r => r[0] === month);
  assert.ok(at >= 0, `${month} in ${rows.map(r => r[0])}`);
  assert.equal(rows[at][partialCol], '', 'the headline month is complete');
  // Rows run newest first: the months after the headline one are partial.
  for (const r of rows.slice(0, at)) assert.notEqual(r[partialCol], '', r.join(' | '));
  // The DSO tile shows that month's simple DSO.
  const dsoCol = 1;
  const tile = await page.locator('#kpi-dso').innerText();
  assert.ok(tile.includes(rows[at][dsoCol].split(' ')[0]), `${tile} vs ${rows[at][dsoCol]}`);
  // The cash basis is a setting: the statement follows, and DSO does not rise.
  await page.selectOption('#basis-select', 'cash');
  await page.waitForFunction(() => /Receivables basis: cash/.test(document.querySelector('#dso-headline')?.textContent || ''), null, { timeout: 60000 });
  await page.selectOption('#basis-select', 'ledger');
  await page.waitForFunction(() => /the ledger's/.test(document.querySelector('#dso-headline')?.textContent || ''), null, { timeout: 60000 });
});
