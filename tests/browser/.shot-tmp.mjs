import { chromium } from 'playwright-core';
const [,, file, sel, out, width, scheme] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const c = await b.newContext({ viewport: { width: +width, height: 900 }, colorScheme: scheme });
const p = await c.newPage();
await p.goto('file://' + file);
if (sel === 'print') { await p.pdf({ path: out, preferCSSPageSize: true, printBackground: false }); }
else if (sel === 'page') { await p.screenshot({ path: out, fullPage: true }); }
else { const el = await p.$(sel); await el.screenshot({ path: out }); }
await b.close();
