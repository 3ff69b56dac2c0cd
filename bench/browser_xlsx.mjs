// The 1,000,000-row .xlsx workbook (bench/xlsx.sh makes it) dropped on the built app (dist/) in headless
// Chromium: file set -> sheet picker (the reader worker loaded, the workbook opened, sheets glanced),
// sheet confirmed -> mapping screen (the sheet streamed as CSV into a browser-held File), mapping
// confirmed -> log loaded (the engine worker's import). Times from the driver's clock around each step
// (the steps take seconds; polling every 50 ms adds little). Peak JS heap of the page is not the workers':
// the workers' memory is not observable from here, so only the times are reported.
//
// Usage: node bench/browser_xlsx.mjs [RUNS]   (WORK=/tmp/relance-bench, INVOICES=121000)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, runsArg, serveDist, launchChromium, openApp, printMedians } from './browser_common.mjs';

const RUNS = runsArg(3);
const xlsx = join(WORK, `demo_${process.env.INVOICES || 121000}.xlsx`);
if (!existsSync(xlsx)) throw new Error(`${xlsx} is missing: run bench/xlsx.sh first`);
const server = await serveDist();
const browser = await launchChromium();
const rows = [];
for (let i = 0; i < RUNS; i++) {
  // Playwright's default page size (1280x720), as before the scripts shared their set-up.
  const page = await openApp(browser, server, { context: {} });
  const t0 = Date.now();
  await page.setInputFiles('#file-input', xlsx);
  await page.waitForSelector('#sheet-picker, #mapping-screen', { timeout: 600000 });
  const t1 = Date.now();
  if (await page.locator('#sheet-picker').count()) await page.click('#sheet-confirm');
  await page.waitForSelector('#mapping-screen', { timeout: 600000 });
  const t2 = Date.now();
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /\[/.test(document.querySelector('#log-title')?.textContent || ''), null, { timeout: 900000, polling: 50 });
  const t3 = Date.now();
  const title = await page.locator('#log-title').innerText();
  const r = { open_s: (t1 - t0) / 1000, sheet_to_csv_s: (t2 - t1) / 1000, import_s: (t3 - t2) / 1000, total_s: (t3 - t0) / 1000, title: title.replace(/\s+/g, ' ') };
  console.log(JSON.stringify(r));
  rows.push(r);
  await page.context().close();
}
await browser.close();
await server.close();
printMedians('', rows, ['open_s', 'sheet_to_csv_s', 'import_s', 'total_s'], { unit: ' s', digits: 2, runs: false });
