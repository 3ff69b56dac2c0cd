// The forecast view on the demo log (the CLI's `relance demo` file, dropped into the app): the worklist ranked by amount at risk with its reasons, the weekly
// cash chart with its band, the backtest card; the figures equal `relance forecast --json` on the same
// demo; the worklist's CSV (every row, written in the worker) equals the CLI's `--csv`; the chips
// narrow the worklist; a row opens its case; French throughout; no request leaves the origin.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, waitForMap, num, shot, relanceBinary, serverAndBrowser } from './fixture.mjs';

const bin = relanceBinary();

let dir;
const env = serverAndBrowser();
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-forecast-'));
});

/** The CLI's forecast of the app's demo log (`relance demo` = the app's demo: 5,000 invoices, seed 7). */
function cli(lang) {
  const demo = join(dir, `demo-${lang}.csv`);
  const csv = join(dir, `worklist-cli-${lang}.csv`);
  const env = { ...process.env, LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  const out = execFileSync(bin, ['demo', '--lang', lang], { maxBuffer: 1 << 28, env });
  return writeFile(demo, out).then(() => {
    const json = execFileSync(bin, ['forecast', demo, '--json', '--csv', csv, '--lang', lang], { maxBuffer: 1 << 28, env });
    return { f: JSON.parse(json), csv, demo };
  });
}

/** The app with the CLI's demo file dropped in (the same bytes the CLI read), on the Forecast tab. */
async function openForecast(locale, tab, file) {
  const app = await openApp(env.browser, env.server, { viewport: { width: 1400, height: 1000 }, locale });
  await waitForMap(app.page);
  await app.page.setInputFiles('#file-input', file);
  await app.page.waitForSelector('#mapping-screen button#mapping-confirm:not([disabled])', { timeout: 120000 });
  await app.page.click('#mapping-confirm');
  const name = file.split('/').pop();
  await app.page.waitForFunction(n => (document.querySelector('#log-title')?.textContent || '').includes(n)
    && !document.querySelector('.modal-backdrop'), name, { timeout: 120000 });
  await app.page.click(`role=tab[name="${tab}"]`);
  await app.page.waitForSelector('#forecast-backtest', { timeout: 120000 });
  return app;
}

test('the forecast view shows the worklist, the cash chart and the backtest, equal to the CLI', { skip: !bin && 'no relance binary' }, async () => {
  const { f, csv: cliCsv, demo } = await cli('en');
  const { page, problems } = await openForecast('en-US', 'Forecast', demo);
  // The open book in figures, as the CLI computes them.
  const sum = k => f.open_invoices.reduce((a, i) => a + (i[k] ?? 0), 0);
  assert.equal(num(await page.locator('#fc-open-invoices').innerText()), f.open_invoices.length);
  assert.equal(num(await page.locator('#fc-at-risk').innerText()), Math.round(sum('amount_at_risk')));
  assert.equal(num(await page.locator('#fc-open-amount').innerText()), Math.round(sum('amount')));
  assert.ok(f.open_invoices.length > 100, 'the demo has an open book');
  // The worklist: the first rows in the CLI's order (amount at risk, largest first), reasons in words.
  const rows = page.locator('#forecast-table tbody tr');
  assert.equal(await rows.count(), 100, 'the top 100 rows reach the page, not the whole book');
  const cases = await rows.evaluateAll(trs => trs.slice(0, 10).map(tr => tr.dataset.case));
  assert.deepEqual(cases, f.open_invoices.slice(0, 10).map(i => i.case));
  const first = f.open_invoices.find(i => i.reasons.length > 0);
  const row = page.locator(`#forecast-table tbody tr[data-case="${first.case}"]`);
  assert.match(await row.locator('td.reasons-cell').innerText(), new RegExp(first.reasons[0].text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(await page.locator('#forecast-worklist-count').innerText(), new RegExp(`100 of ${f.open_invoices.length.toLocaleString('en').replace(/,/g, '\u202f')} open invoices`));
  // The cash chart: 13 weeks with their band, exportable.
  assert.equal(f.cash_by_week.length, 13);
  assert.ok(await page.locator('#forecast-cash svg rect').count() >= 13, 'a bar per week');
  assert.match(await page.locator('#forecast-cash').locator('..').innerText(), /Cash expected per week, next 13 weeks/);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#forecast-cash').locator('xpath=..').locator('button', { hasText: 'SVG' }).click()]);
  assert.match(await readFile(await svg.path(), 'utf8'), /^<svg/);
  // The backtest card: the CLI's errors, Brier scores and coverage.
  const b = f.backtest;
  const d1 = x => Number(x.toFixed(1));
  assert.equal(num(await page.locator('#fc-mae').innerText()), d1(b.mae_days));
  assert.equal(num(await page.locator('#fc-mae-due').innerText()), d1(b.baseline_due_mae_days));
  assert.equal(num(await page.locator('#fc-mae-customer').innerText()), d1(b.baseline_customer_mae_days));
  assert.equal(num(await page.locator('#fc-brier').innerText()), Number(b.brier.toFixed(3)));
  assert.equal(num(await page.locator('#fc-coverage').innerText()), d1(b.coverage_80 * 100));
  assert.match(await page.locator('#forecast-verdict').innerText(), b.beats_baseline ? /% better/ : /does not beat/);
  assert.equal(await page.locator('#forecast-reliability tbody tr').count(), b.reliability.filter(r => r.invoices > 0).length);
  // The CSV: every open invoice, written in the worker by the engine's writer: the CLI's file exactly.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#forecast-csv')]);
  assert.equal(dl.suggestedFilename(), `worklist-${f.as_of}.csv`);
  const appCsv = await readFile(await dl.path(), 'utf8');
  assert.equal(appCsv, await readFile(cliCsv, 'utf8'));
  assert.equal(appCsv.trim().split('\n').length, f.open_invoices.length + 1);
  await shot(page, 'forecast');

  // A chip narrows the worklist (the model is not fitted again: the same figures per invoice).
  const disputed = f.open_invoices.filter(i => i.dispute_open);
  await page.click('#forecast-chips button[data-focus="dispute_open"]');
  await page.waitForFunction(n => document.querySelectorAll('#forecast-table tbody tr').length === Math.min(n, 100), disputed.length);
  const shown = await rows.evaluateAll(trs => trs.map(tr => tr.dataset.case));
  assert.deepEqual(shown, disputed.slice(0, 100).map(i => i.case));
  await page.click('#forecast-chips button[data-focus="dispute_open"]');
  await page.waitForFunction(() => document.querySelectorAll('#forecast-table tbody tr').length === 100);

  // An earlier as-of date forecasts what was open then, as the CLI does with --as-of.
  const asOf = '2025-05-31';
  const earlier = JSON.parse(execFileSync(bin, ['forecast', join(dir, 'demo-en.csv'), '--json', '--as-of', asOf], { maxBuffer: 1 << 28 }));
  await page.fill('#forecast-as-of', asOf);
  await page.locator('#forecast-as-of').dispatchEvent('change');
  await page.waitForFunction(n => (document.querySelector('#fc-open-invoices')?.textContent ?? '').replace(/\u202f/g, '') === String(n), earlier.open_invoices.length, { timeout: 120000 });
  assert.equal(num(await page.locator('#fc-mae').innerText()), d1(earlier.backtest.mae_days));
  await page.click('#forecast-as-of-reset');
  await page.waitForFunction(n => (document.querySelector('#fc-open-invoices')?.textContent ?? '').replace(/\u202f/g, '') === String(n), f.open_invoices.length, { timeout: 120000 });

  // A row opens its case in the case explorer.
  const top = f.open_invoices[0].case;
  await page.locator(`#forecast-table tbody tr[data-case="${top}"] button.open-case`).click();
  await page.waitForFunction(c => (document.querySelector('.content')?.textContent ?? '').includes(c), top);
  assert.equal(await page.locator('role=tab[name="Explore"]').getAttribute('aria-selected'), 'true');

  assert.deepEqual(problems.external, [], 'no request leaves the origin');
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('in French: the view, the reasons and the CSV speak French, with the same forecast', { skip: !bin && 'no relance binary' }, async () => {
  const { f, csv: cliCsv, demo } = await cli('fr');
  const { page, problems } = await openForecast('fr-FR', 'Prévision', demo);
  assert.equal(num(await page.locator('#fc-open-invoices').innerText()), f.open_invoices.length);
  assert.match(await page.locator('#forecast-backtest h2').innerText(), /sur le passé/);
  assert.match(await page.locator('#fc-mae').innerText(), /^\d+,\d j$/);
  // The reasons are the engine's French sentences.
  const first = f.open_invoices.find(i => i.reasons.length > 0);
  const cell = await page.locator(`#forecast-table tbody tr[data-case="${first.case}"] td.reasons-cell`).innerText();
  assert.match(cell, /retard|jours|client|échéance|litige/i);
  // No English words in what the view itself writes (the log's own values, case ids and customer
  // names aside).
  const text = await page.locator('.forecast').evaluate(el => {
    const c = el.cloneNode(true);
    c.querySelectorAll('td.case, td:nth-child(2), svg').forEach(n => n.remove());
    return c.innerText;
  });
  const english = text.match(/\b(the|open|invoices?|late|due|customer|weeks?|amount|risk|baseline|reasons?|expected|paid|days?|forecast|not available|of|and|with)\b/gi);
  assert.equal(english, null, `English words: ${english}`);
  // The French CSV: French headers and sentences, the CLI's file exactly.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#forecast-csv')]);
  const appCsv = await readFile(await dl.path(), 'utf8');
  assert.match(appCsv.split('\n')[0], /facture,client,montant,échéance/);
  assert.equal(appCsv, await readFile(cliCsv, 'utf8'));
  await shot(page, 'forecast-fr');
  assert.deepEqual(problems.external, [], 'no request leaves the origin');
  assert.deepEqual(problems.console, []);
  await page.context().close();
});
