// What a reader sees on a page, measured in the browser: words broken across lines, phone
// numbers split over two lines, focusable boxes that do not scroll, and tables whose name runs
// their caption's title and note together. `axe.mjs` runs these on every page at every view.
//
// The `measure*` functions run inside the page (playwright's `evaluate`): they must not use
// anything from this module's scope.

// Runs in the page: every word (a run of letters and digits) drawn on more than one line.
// A word wider than the box it is in has to be broken (a very long web address), so it is
// allowed; any other word broken inside is a failure. Also every phone number in a `tel:`
// link that is drawn on more than one line. Text that is hidden, or clipped to nothing (for
// screen readers only), is skipped.
export function measureBrokenWords() {
  const WORD = /[\p{L}\p{N}\p{M}'’]+/gu;
  const NUMBER = /\+?\d[\d ]*\d/g;
  const styles = new Map();
  const style = (el) => {
    let s = styles.get(el);
    if (!s) {
      s = getComputedStyle(el);
      styles.set(el, s);
    }
    return s;
  };
  // Hidden, or clipped for screen readers only.
  const unseen = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const s = style(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (s.clip !== 'auto' && s.position === 'absolute') return true;
      if (s.clipPath !== 'none' && s.clipPath !== '') return true;
    }
    return false;
  };
  // The width text in `el` can use: its nearest block's content box.
  const room = (el) => {
    let e = el;
    while (e.parentElement && style(e).display.startsWith('inline') && style(e).display !== 'inline-block') {
      e = e.parentElement;
    }
    const s = style(e);
    return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  };
  // How many lines some rectangles are drawn on.
  const lines = (rects) => {
    const rs = Array.from(rects)
      .filter((r) => r.width > 0 && r.height > 0)
      .sort((a, b) => a.top - b.top);
    let n = 0;
    let bottom = -Infinity;
    for (const r of rs) {
      if (r.top >= bottom - 1) {
        n++;
        bottom = r.bottom;
      } else {
        bottom = Math.max(bottom, r.bottom);
      }
    }
    return { n, width: rs.reduce((w, r) => w + r.width, 0) };
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += '#' + e.id;
      else if (typeof e.className === 'string' && e.className.trim()) s += '.' + e.className.trim().split(/\s+/)[0];
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  const broken = [];
  const phones = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.data.trim() || unseen(el)) continue;
    const text = node.data;
    for (const m of text.matchAll(WORD)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const l = lines(range.getClientRects());
      if (l.n > 1 && l.width <= room(el) + 1) {
        broken.push(`"${m[0]}" is broken over ${l.n} lines in ${where(el)}`);
      }
    }
    if (el.closest('a[href^="tel:"]')) {
      for (const m of text.matchAll(NUMBER)) {
        if (m[0].replace(/\D/g, '').length < 3) continue;
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const l = lines(range.getClientRects());
        if (l.n > 1) phones.push(`phone number "${m[0]}" is split over ${l.n} lines in ${where(el)}`);
      }
    }
  }
  return { broken, phones };
}

// Runs in the page: every element that takes keyboard focus only because of its tabindex
// (not a link, button or form field) must scroll; a box that does not scroll is a useless
// stop for a keyboard user.
export function measureFocusStops() {
  const NATIVE = 'a[href], button, input, select, textarea, summary, iframe, [contenteditable]';
  const stops = [];
  for (const el of document.querySelectorAll('[tabindex]')) {
    if (el.tabIndex < 0 || el.matches(NATIVE)) continue;
    const s = getComputedStyle(el);
    const scrollsX = /(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const scrollsY = /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (!scrollsX && !scrollsY) {
      const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
      stops.push(`<${el.tagName.toLowerCase()} class="${el.className}"> takes focus but does not scroll ("${name.slice(0, 50)}")`);
    }
  }
  return stops;
}

// Runs in the page: for each table caption made of several parts (a title, then a note such as
// "0 means not started. 10 means done."), the parts after the first: the note describes the
// table, it is not its name.
export function captionNotes() {
  const notes = [];
  for (const cap of document.querySelectorAll('caption')) {
    const parts = [];
    for (const n of cap.childNodes) {
      const t = (n.textContent || '').replace(/\s+/g, ' ').trim();
      if (t) parts.push(t);
    }
    notes.push(...parts.slice(1));
  }
  return { notes, tables: document.querySelectorAll('table').length };
}

// Through the browser's own accessibility tree (what a screen reader is given): every table
// is still a table (not a layout table, whatever the CSS does to it), and no table's or
// region's name holds its caption's note as well as its title (a screen reader reads "My goals,
// scored out of 10 0 means not started…" as the table's name each time it enters it).
export async function checkAccessibleTables(context, tab) {
  const failures = [];
  const { notes, tables } = await tab.evaluate(captionNotes);
  const cdp = await context.newCDPSession(tab);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const named = (roles) =>
      nodes.filter((n) => !n.ignored && roles.includes(n.role && n.role.value));
    const found = named(['table', 'grid']);
    if (found.length !== tables) {
      failures.push(`${tables} table(s) on the page, but screen readers are given ${found.length} table(s)`);
    }
    for (const n of named(['table', 'grid', 'region'])) {
      const name = (n.name && n.name.value ? n.name.value : '').replace(/\s+/g, ' ').trim();
      for (const note of notes) {
        if (name.includes(note)) failures.push(`a ${n.role.value}'s name runs its caption's title and note together: "${name}"`);
      }
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
  return failures;
}

// Runs in the page: each point with a picture (easy read) has its picture drawn, and beside
// its words: before them (to their left, or their right in a right-to-left page), on the same
// line, not above or below them.
export function measurePictures() {
  const problems = [];
  for (const img of document.querySelectorAll('li img.picture')) {
    const li = img.closest('li');
    const text = li.querySelector('.entry-text');
    const words = (text ? text.textContent : li.textContent).replace(/\s+/g, ' ').trim().slice(0, 50);
    if (!img.complete || img.naturalWidth === 0) {
      problems.push(`the picture ${img.getAttribute('src')} is not drawn ("${words}")`);
      continue;
    }
    if (!text) continue;
    const p = img.getBoundingClientRect();
    const t = text.getBoundingClientRect();
    // Before the words: on their left, or on their right in a right-to-left page (Urdu,
    // Arabic), where the page mirrors.
    const rtl = getComputedStyle(li).direction === 'rtl';
    const before = rtl ? p.left >= t.right - 1 : p.right <= t.left + 1;
    const beside = before && p.top < t.bottom && t.top < p.bottom;
    if (!beside) problems.push(`the picture ${img.getAttribute('src')} is not beside its words ("${words}")`);
  }
  return problems;
}
