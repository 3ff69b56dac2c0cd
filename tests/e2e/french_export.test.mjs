// A French Excel-made CSV: `;`, decimal comma, dd/mm/yyyy, Windows-1252, one unreadable date. It must
// just open, and the unreadable row must be reported with its line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoApp, waitForMap, num, shot } from './fixture.mjs';

/** Windows-1252 bytes of a string (Latin-1 plus the euro sign at 0x80). */
function cp1252(s) {
  return Buffer.from([...s].map(ch => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
}

const rows = [
  'N° facture;Étape;Date;Montant;Échéance;Gestionnaire',
  'F-001;Facture émise;03/01/2024 09:00;1 234,56;02/02/2024;Amélie',
  'F-001;Relance 1 envoyée;05/02/2024 10:15;1 234,56;02/02/2024;Amélie',
  'F-001;Paiement reçu;20/02/2024 11:00;1 234,56;02/02/2024;Système',
  'F-002;Facture émise;04/01/2024 09:30;980,00;03/02/2024;Jérôme',
  'F-002;Litige ouvert;31/02/2024 14:00;980,00;03/02/2024;Jérôme',
  'F-002;Paiement reçu;15/02/2024 16:45;980,00;03/02/2024;Système',
  'F-003;Facture émise;15/01/2024 08:00;12 500,00;14/02/2024;Amélie',
  'F-003;Paiement reçu;13/02/2024 09:00;12 500,00;14/02/2024;Système',
];

let file;
before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'relance-e2e-'));
  file = join(dir, 'export_relances.csv');
  await writeFile(file, cp1252(rows.join('\r\n') + '\r\n'));
});
const app = demoApp();

test('a French Windows-1252 export opens with the right guesses', async () => {
  const { page } = app;
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen');
  assert.equal(await page.locator('#mapping-delimiter').inputValue(), 'semicolon');
  assert.equal(await page.locator('#mapping-encoding').inputValue(), 'windows-1252');
  const roles = await page.$$eval('#mapping-screen select.role-select', ss => Object.fromEntries(ss.map(s => [s.dataset.column, s.value])));
  assert.deepEqual(roles, {
    'N° facture': 'case', 'Étape': 'activity', 'Date': 'timestamp', 'Montant': 'amount', 'Échéance': 'due_date', 'Gestionnaire': 'resource',
  });
  assert.match(await page.locator('#time-preview').innerText(), /03\/01\/2024 09:00 → 2024-01-03T09:00:00Z/);
  assert.match(await page.locator('#mapping-screen').innerText(), /Relance 1 envoyée/);
  await shot(page, 'french-mapping');
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /export_relances/.test(document.querySelector('#log-title').textContent));
  await waitForMap(page);
  assert.equal(num(await page.locator('#log-title .muted').innerText()), 3);
  assert.ok(await page.locator('.map-drawing g.node[aria-label^="Relance 1 envoyée:"]').count() === 1);

  await page.click('text=Import report');
  await page.waitForSelector('#import-report');
  assert.equal(num(await page.locator('#report-skipped').innerText()), 1);
  const problem = await page.locator('#problems-table tbody tr').first().innerText();
  assert.match(problem, /^6\s+Date\s+31\/02\/2024 14:00/);
  assert.match(await page.locator('#import-report').innerText(), /windows-1252/);
  await shot(page, 'french-import-report');
  await page.click('#import-report button.close');
  await page.waitForSelector('#import-report', { state: 'detached' });
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});

test('the overview shows the import report in short and opens the full one', async () => {
  const { page } = app;
  await page.click('role=tab[name="Overview"]');
  await page.waitForSelector('#overview-import');
  assert.match(await page.locator('#overview-rows-read').innerText(), /^\d+ rows read$/);
  assert.equal(num(await page.locator('#overview-rows-skipped').innerText()), 1);
  const reasons = await page.locator('#overview-skip-reasons li').allInnerTexts();
  assert.equal(reasons.length, 1, reasons.join(' | '));
  assert.match(reasons[0], /: 1$/);
  await page.click('#overview-open-report');
  await page.waitForSelector('#import-report');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#import-report', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'overview-open-report');
});

test('Escape on the mapping screen cancels the import', async () => {
  const { page } = app;
  await page.setInputFiles('#file-input', []);
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen');
  assert.equal(await page.getAttribute('#mapping-screen', 'aria-modal'), 'true');
  await page.waitForFunction(() => !!document.activeElement?.closest('#mapping-screen'));
  await page.keyboard.press('Escape');
  await page.waitForSelector('#mapping-screen', { state: 'detached' });
  assert.match(await page.locator('#log-title').innerText(), /export_relances/);
  assert.deepEqual(app.problems.console, []);
});
