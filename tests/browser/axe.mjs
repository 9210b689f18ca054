// Accessibility and layout checks for ourplan's HTML output, in a real browser.
//
// Usage: node axe.mjs OUT_DIR [--screenshots DIR]
//
// Serves OUT_DIR on 127.0.0.1 (random free port), finds every .html page under it, and for
// each page at widths 1280 and 320 (height 900), in the light and the dark colour scheme, and at
// 1280 with the browser's text size doubled (200%), in a fresh Chromium context:
//   - runs axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) and fails on any violation;
//   - fails if the page scrolls sideways (scrollWidth > innerWidth);
//   - fails if there is no tel: link, or a tel: link is hidden or smaller than 24x24 CSS px;
//   - blocks and fails any request to a host other than the local server;
//   - fails if a local file the page asks for is missing (HTTP status >= 400);
//   - fails if a word is broken across two lines (unless it is wider than its box), or a
//     phone number in a tel: link is split over two lines (layout.mjs);
//   - fails if a box takes keyboard focus without scrolling, if a table is not a table to
//     screen readers, or if a table's name runs its caption's title and note together;
//   - fails if a point's picture (easy read) is not drawn, or not beside its words.
// Prints one line per page and width, details of each failure, then "N passed, M failed".
// Exit code 1 if any check failed or no page was found.
//
// Uses Debian's Chromium (/usr/bin/chromium, or $CHROMIUM); it never downloads a browser.

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { checkAccessibleTables, measureBrokenWords, measureFocusStops, measurePictures } from './layout.mjs';

// Each page is checked at these widths in the light colour scheme and in the dark one (the
// stylesheet follows prefers-color-scheme, so its dark colours need checking too, the narrow
// layout's as well), and at 1280 px with the browser's text size at 200% (WCAG 1.4.4; 320 px is 1280 at 400%
// zoom). [width, colour scheme, text size in %].
const VIEWS = [[1280, 'light', 100], [320, 'light', 100], [1280, 'dark', 100], [320, 'dark', 100], [1280, 'light', 200]];
// Chromium's default font sizes (px), scaled for a bigger text size.
const FONT_STANDARD = 16;
const FONT_FIXED = 13;
const HEIGHT = 900;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MIN_TARGET = 24;
const NAV_TIMEOUT_MS = 30_000;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function usage(message) {
  if (message) console.error(`axe.mjs: ${message}`);
  console.error('usage: node axe.mjs OUT_DIR [--screenshots DIR]');
  process.exit(2);
}

function parseArgs(argv) {
  let outDir = null;
  let screenshots = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshots') {
      if (i + 1 >= argv.length) usage('--screenshots needs a directory');
      screenshots = argv[++i];
    } else if (a.startsWith('--screenshots=')) {
      screenshots = a.slice('--screenshots='.length);
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (outDir === null) {
      outDir = a;
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  if (outDir === null) usage('OUT_DIR is required');
  return { outDir, screenshots };
}

// Every .html page under root, as sorted '/'-separated paths relative to root.
// Symbolic links are not followed.
async function findPages(root) {
  const found = [];
  async function walk(dir) {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && e.name.endsWith('.html')) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  }
  await walk(root);
  return found.sort();
}

// A static file server for root on 127.0.0.1; resolves to { server, origin }.
function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const { pathname } = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(pathname);
      if (rel.includes('\0')) throw Object.assign(new Error('bad path'), { code: 'ENOENT' });
      let file = path.resolve(root, '.' + path.posix.normalize(rel));
      let stat = await fs.stat(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: pathname + '/' }).end();
          return;
        }
        file = path.join(file, 'index.html');
        stat = await fs.stat(file);
      }
      // Refuse anything that resolves (through symbolic links too) outside root.
      const real = await fs.realpath(file);
      if (real !== root && !real.startsWith(root + path.sep)) {
        throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch (err) {
      const notFound = err && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err instanceof URIError);
      res.writeHead(notFound ? 404 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(notFound ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

// Runs in the page: horizontal overflow, with the elements that stick out furthest.
function measureOverflow() {
  const de = document.documentElement;
  const width = window.innerWidth;
  const result = { scrollWidth: de.scrollWidth, innerWidth: width, culprits: [] };
  if (de.scrollWidth <= width) return result;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) {
      s += '.' + el.className.trim().split(/\s+/).join('.');
    }
    return s;
  };
  const wide = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && r.width > 0) wide.push({ el, right: r.right });
  }
  // Report the outermost offenders: skip an element whose parent also sticks out.
  const set = new Set(wide.map((w) => w.el));
  result.culprits = wide
    .filter((w) => !set.has(w.el.parentElement))
    .sort((a, b) => b.right - a.right)
    .slice(0, 5)
    .map((w) => `${describe(w.el)} (right edge ${Math.round(w.right)}px)`);
  return result;
}

// Runs in the page: every tel: link, with its size and whether it can be seen.
function measureTelLinks() {
  return Array.from(document.querySelectorAll('a[href^="tel:"]')).map((a) => {
    const r = a.getBoundingClientRect();
    const style = getComputedStyle(a);
    const visible =
      (typeof a.checkVisibility === 'function'
        ? a.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        : style.display !== 'none' && style.visibility !== 'hidden') &&
      r.width > 0 &&
      r.height > 0 &&
      r.right > 0 &&
      r.bottom > 0 &&
      r.left < document.documentElement.scrollWidth;
    return {
      href: a.getAttribute('href'),
      text: (a.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60),
      width: Math.round(r.width * 10) / 10,
      height: Math.round(r.height * 10) / 10,
      visible,
    };
  });
}

// Runs in the page, after axe-core is injected.
async function runAxe(tags) {
  // eslint-disable-next-line no-undef
  const results = await axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  const simplify = (v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(' '),
      html: n.html,
      summary: n.failureSummary || '',
    })),
  });
  return {
    violations: results.violations.map(simplify),
    incomplete: results.incomplete.map((v) => v.id),
  };
}

function shorten(s, n) {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function screenshotName(page, width) {
  const base = page.replace(/\.html$/, '').split('/').join('-');
  return `${base}-${width}.png`;
}

async function checkPage(browser, origin, axeSource, page, [width, scheme, text], screenshots) {
  const failures = [];
  const notes = [];
  const outside = new Set();
  const broken = new Set();
  const context = await browser.newContext({
    viewport: { width, height: HEIGHT },
    colorScheme: scheme,
    deviceScaleFactor: 1,
    bypassCSP: true, // so axe-core can be injected into a page with a strict CSP
    serviceWorkers: 'block',
    javaScriptEnabled: true,
  });
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      let local = false;
      try {
        local = new URL(url).origin === origin;
      } catch {
        local = false;
      }
      if (local) return route.continue();
      outside.add(url);
      return route.abort('blockedbyclient');
    });
    const tab = await context.newPage();
    tab.on('websocket', (ws) => outside.add(ws.url()));
    tab.on('request', (req) => {
      const url = req.url();
      if (/^(https?|wss?|ftp):/i.test(url) && !url.startsWith(origin + '/')) outside.add(url);
    });
    tab.on('response', (resp) => {
      const url = resp.url();
      if (url.startsWith(origin + '/') && resp.status() >= 400 && new URL(url).pathname !== '/favicon.ico') {
        broken.add(`${resp.status()} ${new URL(url).pathname}`);
      }
    });
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e && e.message ? e.message : e)));

    if (text !== 100) {
      // The browser's own text size setting (as a reader sets it), not a zoom.
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Page.enable');
      await cdp.send('Page.setFontSizes', {
        fontSizes: {
          standard: Math.round((FONT_STANDARD * text) / 100),
          fixed: Math.round((FONT_FIXED * text) / 100),
        },
      });
    }
    const url = `${origin}/${page.split('/').map(encodeURIComponent).join('/')}`;
    const response = await tab.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    if (!response || response.status() !== 200) {
      failures.push(`loading ${url} gave HTTP ${response ? response.status() : 'no response'}`);
      return { failures, notes };
    }
    await tab.evaluate(() => document.fonts && document.fonts.ready.then(() => undefined));

    // Horizontal scrolling.
    const overflow = await tab.evaluate(measureOverflow);
    if (overflow.scrollWidth > overflow.innerWidth) {
      failures.push(
        `horizontal scroll: scrollWidth ${overflow.scrollWidth}px > innerWidth ${overflow.innerWidth}px` +
          (overflow.culprits.length ? `; widest: ${overflow.culprits.join(', ')}` : ''),
      );
    }

    // tel: links.
    const tels = await tab.evaluate(measureTelLinks);
    if (tels.length === 0) failures.push('no tel: link on the page');
    for (const t of tels) {
      const label = `tel: link "${t.text}" (${t.href})`;
      if (!t.visible) failures.push(`${label} is not visible`);
      else if (t.width < MIN_TARGET || t.height < MIN_TARGET) {
        failures.push(`${label} is ${t.width}x${t.height} CSS px, smaller than ${MIN_TARGET}x${MIN_TARGET}`);
      }
    }

    // Words and phone numbers broken across lines; focus stops that do not scroll; tables
    // as screen readers are given them.
    const words = await tab.evaluate(measureBrokenWords);
    for (const b of words.broken.slice(0, 8)) failures.push(b);
    if (words.broken.length > 8) failures.push(`… and ${words.broken.length - 8} more broken words`);
    for (const p of words.phones) failures.push(p);
    for (const f of await tab.evaluate(measureFocusStops)) failures.push(f);
    for (const f of await tab.evaluate(measurePictures)) failures.push(f);
    for (const f of await checkAccessibleTables(context, tab)) failures.push(f);

    // Screenshot before axe touches the page.
    if (screenshots) {
      const view = `${width}${scheme === 'dark' ? '-dark' : ''}${text !== 100 ? `-text${text}` : ''}`;
      await tab.screenshot({ path: path.join(screenshots, screenshotName(page, view)), fullPage: true });
    }

    // axe-core.
    await tab.addScriptTag({ content: axeSource });
    const axeResult = await tab.evaluate(runAxe, AXE_TAGS);
    for (const v of axeResult.violations) {
      const lines = [`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} element(s)] ${v.helpUrl}`];
      for (const n of v.nodes.slice(0, 5)) {
        lines.push(`    at ${n.target}: ${shorten(n.html, 120)}`);
        const parts = n.summary.split('\n').map((l) => l.trim()).filter(Boolean);
        const summary = shorten((parts.length > 1 ? parts.slice(1) : parts).join('; '), 200);
        if (summary) lines.push(`      ${summary}`);
      }
      if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
      failures.push(lines.join('\n'));
    }
    if (axeResult.incomplete.length) {
      notes.push(`axe could not decide (check by hand): ${axeResult.incomplete.join(', ')}`);
    }

    // Requests that left the machine, and missing local files (collected throughout).
    for (const u of [...outside].sort()) failures.push(`request to another host (blocked): ${u}`);
    for (const b of [...broken].sort()) failures.push(`missing local resource: ${b}`);
    for (const e of errors) notes.push(`script error: ${shorten(e, 200)}`);
  } catch (err) {
    failures.push(`error: ${shorten(err && err.message ? err.message : err, 400)}`);
  } finally {
    await context.close().catch(() => {});
  }
  return { failures, notes };
}

async function main() {
  const { outDir, screenshots } = parseArgs(process.argv.slice(2));
  let root;
  try {
    root = await fs.realpath(outDir);
    if (!(await fs.stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    console.error(`axe.mjs: cannot read OUT_DIR ${outDir}: ${err.message}`);
    console.log('0 passed, 0 failed');
    return 1;
  }
  const pages = await findPages(root);
  if (pages.length === 0) {
    console.error(`axe.mjs: no .html page found under ${outDir}`);
    console.log('0 passed, 0 failed');
    return 1;
  }
  if (screenshots) await fs.mkdir(screenshots, { recursive: true });

  const require = createRequire(import.meta.url);
  const axeSource = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

  const { server, origin } = await serve(root);
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
    for (const page of pages) {
      for (const view of VIEWS) {
        const [width, scheme, text] = view;
        const { failures, notes } = await checkPage(browser, origin, axeSource, page, view, screenshots);
        const where = `${page} @${width}px${scheme === 'dark' ? ' (dark)' : ''}${text !== 100 ? ` (text ${text}%)` : ''}`;
        if (failures.length === 0) {
          passed++;
          console.log(`PASS ${where}`);
        } else {
          failed++;
          console.log(`FAIL ${where}: ${failures.length} problem(s)`);
          for (const f of failures) console.log('  - ' + f);
        }
        for (const n of notes) console.log('  note: ' + n);
      }
    }
  } catch (err) {
    console.error(`axe.mjs: ${err && err.message ? err.message : err}`);
    failed += Math.max(1, pages.length * VIEWS.length - passed - failed);
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
