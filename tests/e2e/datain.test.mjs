// Data as AR teams export it: a workbook dropped (the sheet picker preselects the table sheet, title rows
// are skipped, Excel dates become instants) and four AR tables dropped at once (the data-model screen
// proposes the join; the log loads as one). Everything is read in the page's own workers: no request
// leaves it, and the reader's wasm is fetched only when such a file is opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, waitForMap, num, shot, serverAndBrowser } from './fixture.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const env = serverAndBrowser();

test('a workbook: the table sheet is preselected, its header found under the title rows, Excel dates read', async () => {
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  assert.ok(!problems.requests.some(u => /reader_worker/.test(u)), 'the reader is not loaded with the page');
  await page.setInputFiles('#file-input', join(fixtures, 'ar_workbook.xlsx'));
  await page.waitForSelector('#sheet-picker', { timeout: 60000 });
  assert.ok(problems.requests.some(u => /reader_worker_bg\.wasm/.test(u)), 'the reader is loaded on demand');
  // Three sheets listed; the one holding the table is picked, not the legend that comes first.
  assert.equal(await page.locator('#sheet-picker input[type=radio]').count(), 3);
  assert.equal(await page.locator('#sheet-picker input[type=radio]:checked').getAttribute('value'), 'Events');
  // Keyboard: the focus is inside the dialog.
  assert.ok(await page.evaluate(() => document.getElementById('sheet-picker').contains(document.activeElement)));
  await shot(page, 'datain-sheet-picker');
  await page.click('#sheet-confirm');
  await page.waitForSelector('#mapping-screen', { timeout: 60000 });
  const headers = await page.locator('#mapping-screen th .col-name').allInnerTexts();
  assert.deepEqual(headers, ['Invoice', 'Activity', 'Date', 'Amount', 'Resource']);
  assert.match(await page.locator('#time-preview').innerText(), /2024-01-01T09:00:00Z/);
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /ar_workbook\.xlsx \[Events\]/.test(document.querySelector('#log-title').textContent), null, { timeout: 60000 });
  await waitForMap(page);
  const counts = await page.locator('#log-title .muted').innerText();
  assert.equal(num(counts), 40);
  assert.match(counts, /120\s*events/);
  await page.click('text=Import report');
  await page.waitForSelector('#import-report');
  const report = await page.locator('#import-report').innerText();
  assert.match(report, /sheet "Events"/);
  assert.match(report, /title rows above it were skipped/);
  await shot(page, 'datain-workbook-report');
  assert.deepEqual(problems.external, []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

const ITEMS = 'Belegnummer;Kunde;Rechnungsdatum;Betrag;Fälligkeit\n' +
  Array.from({ length: 30 }, (_, i) => `R${i};Kunde ${i % 4};${String(1 + i % 28).padStart(2, '0')}.02.2024;${100 + i},50;${String(1 + i % 28).padStart(2, '0')}.03.2024`).join('\n') + '\n';
const DUNNING = 'Beleg;Mahnstufe;Mahndatum\n' +
  Array.from({ length: 20 }, (_, i) => `R${i};Mahnung 1;${String(1 + i % 28).padStart(2, '0')}.04.2024`).join('\n') + '\n' +
  Array.from({ length: 10 }, (_, i) => `R${i};Mahnung 2;${String(1 + i % 28).padStart(2, '0')}.05.2024`).join('\n') + '\nR99;Mahnung 1;01.04.2024\n';
const PAYMENTS = 'Invoice,Paid on\n' + Array.from({ length: 25 }, (_, i) => `R${i},2024-06-${String(1 + i).padStart(2, '0')}`).join('\n') + '\n';
const DISPUTES = 'invoice,opened,closed,reason\nR3,2024-04-10,2024-04-20,Pricing\nR3,2024-05-10,,Damaged\nR7,2024-04-11,2024-05-02,Pricing\n';

test('four AR tables dropped at once: the model is proposed, editable, and the join loads as one log', async () => {
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#file-input', [
    file('dunning.csv', DUNNING), file('open_items.csv', ITEMS), file('payments.csv', PAYMENTS), file('disputes.csv', DISPUTES),
  ]);
  await page.waitForSelector('#data-model', { timeout: 60000 });
  const tables = await page.locator('#data-model .model-table .table-name').allInnerTexts();
  assert.equal(tables[0], 'open_items', 'the wide table with the most keys is the main one');
  assert.equal(tables.length, 4);
  assert.equal(await page.locator('#shape-0').inputValue(), 'wide');
  assert.equal(await page.locator('#shape-1').inputValue(), 'long');
  // The due date stays an attribute, and says why.
  assert.match(await page.locator('#data-model .model-notes').innerText(), /Fälligkeit/);
  await shot(page, 'datain-data-model');
  // Edit: the payment date becomes an event named "Payment" (rename its activity).
  const pay = page.locator('#data-model input.activity-name[aria-label="Activity name for Paid on"]');
  await pay.fill('Payment');
  await pay.press('Tab');
  await page.click('#model-confirm');
  await page.waitForFunction(() => /open_items and 3 more tables/.test(document.querySelector('#log-title').textContent), null, { timeout: 60000 });
  await waitForMap(page);
  // 30 invoices + R99 from the dunning history (reported); 30 + 31 + 25 + 5 events.
  const counts = await page.locator('#log-title .muted').innerText();
  assert.equal(num(counts), 31);
  assert.match(counts, /91\s*events/);
  assert.equal(await page.locator('.map-drawing g.node[aria-label^="Payment:"]').count(), 1);
  await page.click('text=Import report');
  await page.waitForSelector('#import-report');
  assert.match(await page.locator('#import-report').innerText(), /are not in open_items/);
  assert.deepEqual(problems.external, []);
  assert.deepEqual(problems.console, []);
  await context.close();
});
