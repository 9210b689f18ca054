#!/usr/bin/env python3
"""Checks an ourplan PDF as a reader and a PDF/UA-1 validator would.

    python3 check_pdf.py FILE.pdf --title "Imran's care and support plan" \
        --min-font 18 --expect "If Imran is in crisis" --expect "0800 952 1181"

Checks, each printed as "ok" or "FAIL: why":
  tagged       pdfinfo says "Tagged: yes"
  poppler      pdfinfo prints no error about the file
  title        pdfinfo's Title is --title exactly, and /ViewerPreferences
               /DisplayDocTitle is true (the title, not the file name, shows)
  lang         the catalog has a /Lang
  bookmarks    the file has bookmarks (/Outlines) and opens with them shown
               (/PageMode /UseOutlines)
  pdfuaid      the XMP metadata says pdfuaid:part = 1
  fonts        pdffonts: every font embedded and with a Unicode map
  qpdf         qpdf --check finds no errors
  ua1          page-validation's PDF/UA-1 profile: no failed rule
  structure    structure tree: every Figure has /Alt, the first heading is
               H1, heading levels never skip, no heading is empty, every
               Table has a TH cell and every TH a /Scope
  text         each --expect string appears in pdftotext's output, in the
               given order (compared without whitespace or zero-width spaces)
  min-font     the smallest text size on any page is >= --min-font points
  phones       every UK phone number in the text (10 or 11 digits) is a tel: link
               annotation with the same number, so it can be tapped; and each tel:
               link holds all of its number's digits (a number is never split over
               two lines)
  off-page     with --margins: no glyph of the body (tagged text, not the running
               header or page number) outside the page's text area, and none in the
               page-number band (a table row printed over "Page 25 of 29")
  heading-last no heading is the last thing on a page (it would be cut off
               from what it heads)
  near-empty   with --margins: no page's body under a quarter of the text area's
               height, except the last page and a page before a new section
  (panels)     with --panels N,GAP (a crisis card: --margins 0.7,0.7,0.8,0.8
               --panels 4,1.4): the text area is N parts side by side, GAP cm apart;
               a glyph in a gap is on a fold (off-page), and heading-last and
               near-empty look at each part, in order, as at a page
  voice        with --others: a copy for someone else never speaks to its reader
               as if they were the person ("If you feel unsafe", "Your key worker")
  pages        with --max-pages: the document has at most that many pages
  first-page   with --first-page-full F and --margins: page 1's body reaches at least F
               (0 to 1) of the text area's height (a first page left half empty, when
               the crisis numbers start the next, fails)
  together     with --together (repeatable): one page holds every one of these
               numbers (the crisis numbers are never split over two pages)
  points       with --points N (easy read): the points are lists, as a screen reader
               announces them ("list, 5 items"): at least N list items (LI), each with
               its words (an LBody holding content), and at least 9 in 10 of the
               pictures with alt text are a point's label (a Figure in an Lbl), not a
               picture left beside the words (not counting a heading's own picture, the
               cover's or a section's; charts are the rest)
  point-gaps   with --meta-label (repeatable, e.g. "Who:"): in easy read, the gap
               after a point's last "Who:/When:" line, before the next point, is at
               least 1.5 times the largest gap between the lines of one point (so
               points do not run together)

Exit status: 0 all passed, 1 a check failed, 2 bad usage or a tool missing.
Needs poppler-utils and qpdf (apt) and requirements.txt (pip).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

try:
    import page
    import pdfplumber
    import pikepdf
except ImportError as err:  # pragma: no cover - environment problem
    print(f"check_pdf: missing Python package ({err}); pip install -r requirements.txt", file=sys.stderr)
    sys.exit(2)

# The tool's sentences that speak to the person as "you" about their crisis or their team.
# A copy for a carer or an agency must name the person instead ("If Jade is in crisis").
SECOND_PERSON = [
    r"If you are in crisis",
    r"If you feel unsafe",
    r"Numbers you can call",
    r"Your key worker",
    r"your life is in danger",
    r"This is your copy",
    r"what matters to you",
    r"What is new in your plan",
]

# Characters that are in the PDF's text but are not words a reader sees.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2060\ufeff"), None)


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True)


def normalise(s: str) -> str:
    # Spaces are left out of the comparison: pdftotext guesses them from the
    # gaps between glyphs (typst writes no space characters) and sometimes
    # misses one ("x = 1" came out as "x=1" on a short line).
    return re.sub(r"\s+", "", s.translate(INVISIBLE))


class Checker:
    def __init__(self, path: str):
        self.path = path
        self.failures: list[str] = []
        # --points: the fewest list items an easy-read copy's points make (None: not checked).
        self.points: int | None = None

    def report(self, name: str, problem: str | None) -> None:
        if problem:
            self.failures.append(f"{name}: {problem}")
            print(f"FAIL {name}: {problem}")
        else:
            print(f"ok   {name}")

    # -- poppler ------------------------------------------------------------

    def pdfinfo(self, title: str | None) -> None:
        out = run(["pdfinfo", self.path])
        if out.returncode != 0:
            self.report("tagged", f"pdfinfo failed: {out.stderr.strip()}")
            return
        # Poppler (pdfinfo, pdftotext, Evince, Okular) reads the file without complaint: it
        # said "Syntax Error: Suspects object is wrong type (boolean)" for every typst PDF
        # until ourplan left `/Suspects false` out of the catalog.
        errors = [l for l in out.stderr.splitlines() if "Error" in l]
        self.report("poppler", "; ".join(dict.fromkeys(errors)) if errors else None)
        info = {}
        for line in out.stdout.splitlines():
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
        self.report("tagged", None if info.get("Tagged") == "yes" else f"Tagged: {info.get('Tagged')!r}, want 'yes'")
        if title is not None:
            got = info.get("Title")
            self.report("title", None if got == title.strip() else f"Title is {got!r}, want {title.strip()!r}")

    def fonts(self) -> None:
        out = run(["pdffonts", self.path])
        if out.returncode != 0:
            self.report("fonts", f"pdffonts failed: {out.stderr.strip()}")
            return
        lines = out.stdout.splitlines()
        if len(lines) < 3:
            self.report("fonts", "no fonts found")
            return
        # Columns: name type encoding emb sub uni object ID; the name may
        # hold no spaces, the type may ("CID TrueType"), so read from the right.
        bad = []
        for line in lines[2:]:
            cols = line.split()
            emb, uni = cols[-5], cols[-3]
            if emb != "yes" or uni != "yes":
                bad.append(f"{cols[0]} (emb {emb}, uni {uni})")
        self.report("fonts", "not embedded or no Unicode map: " + ", ".join(bad) if bad else None)

    def qpdf(self) -> None:
        out = run(["qpdf", "--check", self.path])
        # 0 = fine, 3 = warnings only, 2 = errors.
        self.report("qpdf", None if out.returncode in (0, 3) else (out.stdout + out.stderr).strip()[-800:])

    def text(self, expected: list[str]) -> str:
        out = run(["pdftotext", "-enc", "UTF-8", self.path, "-"])
        if out.returncode != 0:
            self.report("text", f"pdftotext failed: {out.stderr.strip()}")
            return ""
        text = normalise(out.stdout)
        at = 0
        problems = []
        for want in expected:
            w = normalise(want)
            found = text.find(w, at)
            if found < 0:
                earlier = text.find(w)
                if earlier >= 0:
                    problems.append(f"{want!r} is there but before the previous expected text (reading order)")
                else:
                    problems.append(f"{want!r} not found")
                continue
            at = found + len(w)
        self.report("text", "; ".join(problems) if problems else None)
        return text

    # -- pikepdf ------------------------------------------------------------

    def catalog(self) -> None:
        try:
            pdf = pikepdf.open(self.path)
        except Exception as err:  # noqa: BLE001 - report any parse failure
            self.report("lang", f"pikepdf cannot open the file: {err}")
            return
        with pdf:
            root = pdf.Root
            lang = str(root.get("/Lang", "")).strip()
            self.report("lang", None if lang else "the catalog has no /Lang")
            mode = str(root.get("/PageMode", ""))
            has = root.get("/Outlines") is not None
            self.report("bookmarks", None if has and mode == "/UseOutlines" else f"outlines {'present' if has else 'missing'}, /PageMode {mode or 'not set'}, want /UseOutlines")
            prefs = root.get("/ViewerPreferences")
            shows = prefs is not None and bool(prefs.get("/DisplayDocTitle", False))
            if not shows:
                self.report("title", "/ViewerPreferences /DisplayDocTitle is not true")
            meta = pdf.open_metadata()
            part = meta.get("pdfuaid:part")
            self.report("pdfuaid", None if str(part) == "1" else f"pdfuaid:part is {part!r}, want '1'")
            self.structure(root)

    def structure(self, root) -> None:
        tree = root.get("/StructTreeRoot")
        if tree is None:
            self.report("structure", "no structure tree")
            return
        role_map = tree.get("/RoleMap") or {}
        problems: list[str] = []
        headings: list[int] = []
        seen: set = set()
        # For the points check: list items, those with words, pictures, pictures as labels.
        items = {"li": 0, "li_words": 0, "figures": 0, "labels": 0}
        above: list[str] = []
        parents: list = []

        def role(elem) -> str:
            s = str(elem.get("/S", ""))
            mapped = role_map.get(s)
            return str(mapped) if mapped is not None else s

        def walk(elem, depth: int) -> None:
            if depth > 200:
                problems.append("structure tree deeper than 200")
                return
            key = elem.objgen if elem.is_indirect else None
            if key is not None:
                if key in seen:
                    return
                seen.add(key)
            s = role(elem)
            if s == "/Figure":
                alt = elem.get("/Alt")
                if alt is None or not str(alt).strip():
                    problems.append("a Figure has no /Alt")
                elif "/Lbl" in above:
                    items["figures"] += 1
                    items["labels"] += 1
                elif not beside_heading():
                    items["figures"] += 1
            if s == "/LI":
                items["li"] += 1
                if any(role(k) == "/LBody" and has_content(k, 0) for k in kids(elem)):
                    items["li_words"] += 1
            m = re.fullmatch(r"/H([1-6])", s)
            if m:
                headings.append(int(m.group(1)))
                if not has_content(elem, 0):
                    problems.append(f"an H{m.group(1)} heading is empty")
            if s == "/TH" and not has_scope(elem):
                problems.append("a TH header cell has no /Scope")
            if s == "/Table" and not has_th(elem, 0):
                problems.append("a Table has no TH header cell")
            above.append(s)
            parents.append(elem)
            for kid in kids(elem):
                walk(kid, depth + 1)
            parents.pop()
            above.pop()

        def beside_heading() -> bool:
            # A heading's own picture (the cover's, a section's): a heading in the same group
            # as the Figure (its parent's or grandparent's children, or theirs).
            for group in parents[-2:]:
                for k in kids(group):
                    if re.fullmatch(r"/H[1-6]", role(k)) or any(re.fullmatch(r"/H[1-6]", role(g)) for g in kids(k)):
                        return True
            return False

        def kids(elem):
            k = elem.get("/K")
            if k is None:
                return []
            items = list(k) if isinstance(k, pikepdf.Array) else [k]
            return [i for i in items if isinstance(i, pikepdf.Dictionary) and "/S" in i]

        def has_content(elem, depth: int) -> bool:
            # Marked content (an MCID, or an /MCR or /OBJR reference) in it or below it.
            if depth > 50:
                return False
            k = elem.get("/K")
            items = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
            for i in items:
                if not isinstance(i, pikepdf.Dictionary):
                    return True
                if "/S" not in i or has_content(i, depth + 1):
                    return True
            return False

        def has_scope(elem) -> bool:
            # /A is one attribute dictionary or an array of them (PDF 1.7, 14.7.5).
            a = elem.get("/A")
            attrs = list(a) if isinstance(a, pikepdf.Array) else ([] if a is None else [a])
            return any(isinstance(d, pikepdf.Dictionary) and "/Scope" in d for d in attrs)

        def has_th(elem, depth: int) -> bool:
            if depth > 20:
                return False
            return any(role(k) == "/TH" or has_th(k, depth + 1) for k in kids(elem))

        walk(tree, 0)
        if not headings:
            problems.append("no headings")
        else:
            if headings[0] != 1:
                problems.append(f"first heading is H{headings[0]}, want H1")
            for a, b in zip(headings, headings[1:]):
                if b > a + 1:
                    problems.append(f"heading level skips from H{a} to H{b}")
                    break
            if headings.count(1) != 1:
                problems.append(f"{headings.count(1)} H1 headings, want 1")
        self.report("structure", "; ".join(dict.fromkeys(problems)) if problems else None)
        if self.points is not None:
            why = []
            if items["li"] < self.points:
                why.append(f"{items['li']} list items (LI), want at least {self.points}")
            if items["li_words"] < items["li"]:
                why.append(f"{items['li'] - items['li_words']} list items have no words (LBody)")
            if items["labels"] * 10 < items["figures"] * 9:
                why.append(f"{items['labels']} of {items['figures']} pictures are a point's label (Lbl), want 9 in 10")
            self.report("points", "; ".join(why) if why else None)

    # -- page-validation ----------------------------------------------------

    def ua1(self) -> None:
        try:
            report = page.validate_pdf(self.path, profile=page.ValidationProfile.PDF_UA_1)
        except page.PageError as err:
            self.report("ua1", f"page-validation could not read the file: {err}")
            return
        failures = list(report.failures)
        if failures or report.rules.failed:
            rules = sorted({f"{f.rule_id}: {f.message}" for f in failures})
            shown = "; ".join(rules[:10]) + (f"; and {len(rules) - 10} more" if len(rules) > 10 else "")
            self.report("ua1", f"{report.rules.failed} of {report.rules.total} rules failed: {shown}")
        else:
            self.report("ua1", None)
            print(f"     ({report.rules.passed} of {report.rules.total} PDF/UA-1 rules checked and passed)")

    # -- pdfplumber ---------------------------------------------------------

    def phones(self) -> None:
        text = run(["pdftotext", "-enc", "UTF-8", self.path, "-"]).stdout
        links = set()
        with pikepdf.open(self.path) as pdf:
            for page in pdf.pages:
                for annot in page.get("/Annots") or []:
                    action = annot.get("/A")
                    uri = str(action.get("/URI", "")) if action is not None else ""
                    if uri.startswith("tel:"):
                        digits = re.sub(r"\D", "", uri)
                        links.add("0" + digits[2:] if digits.startswith("44") else digits)
        shown = {
            re.sub(r"\D", "", m.group(0))
            for m in re.finditer(r"(?<![\d+])0\d(?:[ \u00a0]?\d){8,9}(?!\d)", text.translate(INVISIBLE))
        }
        missing = sorted(n for n in shown if n not in links)
        # Each link holds its whole number on one line: a number split over two lines is
        # two links, each over part of it ("020 7946" at a line's end, "0500" below).
        split = []
        with pdfplumber.open(self.path) as pdf:
            for number, pg in enumerate(pdf.pages, start=1):
                for link in pg.hyperlinks:
                    uri = link.get("uri") or ""
                    if not uri.startswith("tel:"):
                        continue
                    digits = re.sub(r"\D", "", uri)
                    want = len(digits) - 1 if digits.startswith("44") else len(digits)
                    # The glyphs whose middle is inside the link's box (a link's box can
                    # be shorter than its glyphs), and the lines they are on.
                    chars = [
                        c for c in pg.chars
                        if link["x0"] <= (c["x0"] + c["x1"]) / 2 <= link["x1"]
                        and link["top"] <= (c["top"] + c["bottom"]) / 2 <= link["bottom"]
                        and c["text"].isdigit()
                    ]
                    lines = {round(c["top"]) for c in chars}
                    if len(chars) < want or len(lines) > 1:
                        shown = "".join(c["text"] for c in chars)
                        split.append(f"page {number}: {uri} on {len(lines)} lines ({shown})")
        problems = []
        if missing:
            problems.append(f"not a tel: link: {', '.join(missing[:5])}")
        if split:
            problems.append(f"a number split over two lines: {'; '.join(split[:5])}")
        self.report("phones", "; ".join(problems) if problems else None)

    # -- layout: what lands where on the page --------------------------------

    def layout(self, margins: list[float] | None, panels: tuple[int, float] = (1, 0.0)) -> None:
        """off-page, heading-last and near-empty: reads each page's glyphs with their
        marked-content ids (the running header and page number are artifacts) and the
        structure tree's headings. With --panels N,GAP a page's text area is N parts side by
        side with GAP cm between them (a crisis card folds in the gaps): each part is checked
        as a page is, and a glyph in a gap is on a fold."""
        off: list[str] = []
        last_heading: list[str] = []
        empty: list[str] = []
        cm = 72 / 2.54
        count, gap = panels[0], panels[1] * cm
        with pdfplumber.open(self.path) as pdf:
            pages = []
            for number, pg in enumerate(pdf.pages, start=1):
                headings: set[int] = set()
                h2: set[int] = set()

                def walk(e, inside: str | None) -> None:
                    kind = e.get("type") or ""
                    here = kind if re.fullmatch(r"H[1-6]", kind) else inside
                    if here:
                        for m in e.get("mcids") or []:
                            headings.add(m)
                            if here in ("H1", "H2"):
                                h2.add(m)
                    for k in e.get("children") or []:
                        walk(k, here)

                for e in pg.structure_tree:
                    walk(e, None)
                body = [c for c in pg.chars if c.get("mcid") is not None and c["text"].strip() and c["text"] not in "\u200b\u00ad"]
                # The page number: artifacts below the text area (or in the page's last tenth).
                floor = pg.height - margins[3] * cm if margins else pg.height * 0.9
                band = [c for c in pg.chars if c.get("mcid") is None and c["top"] > floor - 3 and c["text"].strip()]
                pages.append((number, pg, body, headings, h2, band))
            # The parts of each page's text area, left to right: (x0, x1).
            def parts(pg) -> list[tuple[float, float]]:
                left, right = (margins[0] * cm, margins[1] * cm) if margins else (0.0, 0.0)
                width = (pg.width - left - right - gap * (count - 1)) / count
                return [(left + i * (width + gap), left + i * (width + gap) + width) for i in range(count)]

            # Each part of each page, in reading order, with the glyphs in it.
            frames = []
            for number, pg, body, headings, h2, band in pages:
                spans = parts(pg)

                def nearest(c) -> int:
                    mid = (c["x0"] + c["x1"]) / 2
                    return min(range(count), key=lambda i: max(spans[i][0] - mid, mid - spans[i][1], 0))

                for i in range(count):
                    inside = [c for c in body if nearest(c) == i]
                    where = f"page {number}" if count == 1 else f"page {number}, part {i + 1}"
                    frames.append((where, pg, inside, headings, h2))
            for number, pg, body, headings, h2, band in pages:
                if margins:
                    left, right, top, bottom = (m * cm for m in margins)
                    y0, y1 = top - 1.5, pg.height - bottom + 1.5
                    spans = parts(pg)
                    def outside(c) -> float:
                        # How far a glyph is outside the nearest part (0 inside one).
                        return min(max(a - 1.5 - c["x0"], c["x1"] - b - 1.5, y0 - c["top"], c["bottom"] - y1, 0) for a, b in spans)
                    # A glyph of no width (a mark drawn on a letter, as Nastaliq places
                    # them, high above its line) has no box of its own: pdfplumber gives it
                    # the font's whole height, not its ink, so only glyphs with a width count.
                    out = [c for c in body if outside(c) > 0 and c["x1"] - c["x0"] > 0.01]
                    # In the text area but in a gap between two parts: on a fold.
                    x0, x1 = spans[0][0] - 1.5, spans[-1][1] + 1.5
                    folds = [c for c in out if x0 <= c["x0"] and c["x1"] <= x1 and y0 <= c["top"] and c["bottom"] <= y1]
                    edges = [c for c in out if c not in folds]
                    for what, group in (("outside the text area", edges), ("on a fold (in a gap between two parts)", folds)):
                        if group:
                            c = max(group, key=outside)
                            words = "".join(ch["text"] for ch in sorted(group, key=lambda ch: (round(ch["top"]), ch["x0"]))[:30])
                            off.append(f"page {number}: {len(group)} glyphs {what} ({words!r}, {outside(c):.0f} pt out)")
                if band:
                    btop = min(c["top"] for c in band)
                    bbot = max(c["bottom"] for c in band)
                    inband = [c for c in body if c["bottom"] > btop and c["top"] < bbot]
                    if inband:
                        off.append(f"page {number}: text in the page-number band ({''.join(c['text'] for c in inband[:20])!r})")
            # Only parts up to the last one with words in it: a card's last parts may be blank.
            while frames and not frames[-1][2]:
                frames.pop()
            for i, (where, pg, body, headings, h2) in enumerate(frames):
                if not body:
                    if i + 1 < len(frames):
                        empty.append(f"{where}: no text")
                    continue
                # The last line: the lowest glyphs (within a quarter of the body size).
                lowest = max(c["bottom"] for c in body)
                line = [c for c in body if c["bottom"] > lowest - c["size"] / 2]
                if line and all(c["mcid"] in headings for c in line):
                    words = "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
                    last_heading.append(f"{where}: {words[:50]!r}")
                if margins and i + 1 < len(frames):
                    _, _, top, bottom = (m * cm for m in margins)
                    used = (lowest - top) / (pg.height - top - bottom)
                    nxt = frames[i + 1]
                    starts_section = False
                    if nxt[2]:
                        first_top = min(c["top"] for c in nxt[2])
                        first = [c for c in nxt[2] if c["top"] < first_top + c["size"] / 2]
                        starts_section = all(c["mcid"] in nxt[4] for c in first)
                    if used < 0.25 and not starts_section:
                        empty.append(f"{where}: {used:.0%} full")
        self.report("off-page", "; ".join(off[:6]) + (f"; and {len(off) - 6} more" if len(off) > 6 else "") if off else None)
        self.report("heading-last", "; ".join(last_heading[:6]) if last_heading else None)
        if margins:
            self.report("near-empty", "; ".join(empty[:8]) if empty else None)

    def pages(self, maximum: int | None) -> None:
        if maximum is None:
            return
        with pikepdf.open(self.path) as pdf:
            n = len(pdf.pages)
        print(f"     ({n} pages)")
        self.report("pages", None if n <= maximum else f"{n} pages, want at most {maximum}")

    def first_page(self, full: float | None, margins: list[float] | None) -> None:
        if full is None or margins is None:
            return
        cm = 72 / 2.54
        with pdfplumber.open(self.path) as pdf:
            pg = pdf.pages[0]
            top, bottom = margins[2] * cm, pg.height - margins[3] * cm
            body = [c for c in pg.chars if c.get("mcid") is not None and c["text"].strip()]
            lowest = max((c["bottom"] for c in body), default=top)
        reached = (lowest - top) / (bottom - top)
        print(f"     (page 1 is {reached:.0%} full)")
        self.report("first-page", None if reached >= full else f"page 1 is only {reached:.0%} full, want {full:.0%}")

    def together(self, numbers: list[str]) -> None:
        """Some one page holds every number, each as a whole number (not inside a longer one)."""
        if not numbers:
            return
        with pdfplumber.open(self.path) as pdf:
            count = len(pdf.pages)
        best: tuple[int, int, list[str]] | None = None
        for number in range(1, count + 1):
            out = run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), self.path, "-"])
            digits = re.sub(r"[ \u00a0]", "", out.stdout.translate(INVISIBLE))
            missing = [n for n in numbers if not re.search(r"(?<!\d)" + re.escape(re.sub(r"\s", "", n)) + r"(?!\d)", digits)]
            if not missing:
                self.report("together", None)
                print(f"     (every number on page {number})")
                return
            if best is None or len(missing) < len(best[2]):
                best = (number, len(numbers) - len(missing), missing)
        where = f"; page {best[0]} has {best[1]} of {len(numbers)}, not {', '.join(best[2])}" if best else ""
        self.report("together", f"no page holds all of {', '.join(numbers)}{where}")

    def point_gaps(self, labels: list[str]) -> None:
        """The lines of the page's body (tagged text), top to bottom; a line that starts with a
        label ("Who:") belongs to the point above it. Gaps are from one line's glyph bottom to
        the next line's glyph top, in the same column."""
        if not labels:
            return
        within: list[tuple[float, int, str]] = []
        between: list[tuple[float, int, str]] = []
        with pdfplumber.open(self.path) as pdf:
            for number, pg in enumerate(pdf.pages, start=1):
                chars = [c for c in pg.chars if c.get("mcid") is not None and c["text"].strip() and c["text"] not in "\u200b\u00ad"]
                lines: list[list[dict]] = []
                for c in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
                    if lines and abs(lines[-1][0]["bottom"] - c["bottom"]) < 2:
                        lines[-1].append(c)
                    else:
                        lines.append([c])
                rows = []
                for ln in lines:
                    ln.sort(key=lambda c: c["x0"])
                    words = "".join(c["text"] for c in ln)
                    rows.append((min(c["top"] for c in ln), max(c["bottom"] for c in ln), ln[0]["x0"], words))
                for i in range(1, len(rows) - 1):
                    top, bottom, x, words = rows[i]
                    if not any(words.startswith(label.replace(" ", "")) for label in labels):
                        continue
                    above, below = rows[i - 1], rows[i + 1]
                    within.append((top - above[1], number, words))
                    # The next line must start the same column, and this one must end well
                    # short of the column's right edge (else the next may be its second line).
                    widest = max(max(c["x1"] for c in ln) for ln in lines)
                    this_right = max(c["x1"] for c in lines[i])
                    if abs(below[2] - x) > 3 or this_right > widest - 80:
                        continue
                    gap = below[0] - bottom
                    nxt = below[3]
                    if any(nxt.startswith(label.replace(" ", "")) for label in labels):
                        within.append((gap, number, nxt))
                    else:
                        between.append((gap, number, nxt))
        if not within or not between:
            self.report("point-gaps", f"no points with {' / '.join(labels)} lines found")
            return
        line_gap = max(g for g, _, _ in within)
        close = [b for b in between if b[0] < 1.5 * line_gap]
        print(f"     (gap between a point's lines at most {line_gap:.1f} pt; between points at least {min(g for g, _, _ in between):.1f} pt)")
        if close:
            shown = ", ".join(f"page {n} {w[:30]!r} ({g:.1f} pt)" for g, n, w in close[:6])
            self.report("point-gaps", f"{len(close)} points start less than {1.5 * line_gap:.1f} pt (1.5 x the {line_gap:.1f} pt between lines) below the point before: {shown}")
        else:
            self.report("point-gaps", None)

    def voice(self, text: str) -> None:
        flat = text.lower()
        found = [p for p in SECOND_PERSON if normalise(p).lower() in flat]
        self.report("voice", f"speaks to the reader as the person: {', '.join(repr(f) for f in found)}" if found else None)

    def min_font(self, minimum: float | None) -> None:
        smallest = None
        where = None
        with pdfplumber.open(self.path) as pdf:
            for number, pg in enumerate(pdf.pages, start=1):
                for ch in pg.chars:
                    if not ch["text"].strip() or ch["text"] in "\u200b\u00ad":
                        continue
                    size = round(float(ch["size"]), 2)
                    if smallest is None or size < smallest:
                        smallest, where = size, (number, ch["text"])
        if smallest is None:
            self.report("min-font", "no text found")
            return
        print(f"     (smallest text: {smallest} pt, page {where[0]}, {where[1]!r})")
        if minimum is not None and smallest < minimum - 0.01:
            self.report("min-font", f"text of {smallest} pt on page {where[0]} ({where[1]!r}), want >= {minimum} pt")
        else:
            self.report("min-font", None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf")
    ap.add_argument("--title", help="expected document title (exact)")
    ap.add_argument("--min-font", type=float, help="smallest allowed text size in points")
    ap.add_argument("--expect", action="append", default=[], help="text that must appear, in this order (repeatable)")
    ap.add_argument("--margins", help="the text area's margins in cm: LEFT,RIGHT,TOP,BOTTOM")
    ap.add_argument("--panels", help="the text area is N parts side by side, GAP cm apart (a folded card): N,GAP")
    ap.add_argument("--others", action="store_true", help="a copy for someone else: check its voice")
    ap.add_argument("--max-pages", type=int, help="the most pages the document may have")
    ap.add_argument("--first-page-full", type=float, help="with --margins: how far down the text area page 1's body must reach (0 to 1)")
    ap.add_argument("--together", action="append", default=[], help="a number that must be on one page with the other --together numbers (repeatable)")
    ap.add_argument("--points", type=int, help="easy read: the points are lists of at least this many items, each picture its point's label")
    ap.add_argument("--meta-label", action="append", default=[], help="easy read: a point's detail label, such as 'Who:' (repeatable): checks the gaps between points")
    args = ap.parse_args()
    margins = None
    if args.margins:
        try:
            margins = [float(m) for m in args.margins.split(",")]
            assert len(margins) == 4
        except (ValueError, AssertionError):
            print("check_pdf: --margins takes four numbers in cm: LEFT,RIGHT,TOP,BOTTOM", file=sys.stderr)
            return 2

    panels = (1, 0.0)
    if args.panels:
        try:
            n, g = args.panels.split(",")
            panels = (int(n), float(g))
            assert panels[0] >= 1 and panels[1] >= 0 and margins is not None
        except (ValueError, AssertionError):
            print("check_pdf: --panels takes N,GAP (GAP in cm), with --margins", file=sys.stderr)
            return 2

    missing = [t for t in ("pdfinfo", "pdffonts", "pdftotext", "qpdf") if shutil.which(t) is None]
    if missing:
        print(f"check_pdf: missing tools: {', '.join(missing)} (apt-get install poppler-utils qpdf)", file=sys.stderr)
        return 2

    c = Checker(args.pdf)
    c.points = args.points
    print(f"checking {args.pdf}")
    c.pdfinfo(args.title)
    c.catalog()
    c.fonts()
    c.qpdf()
    c.ua1()
    text = c.text(args.expect)
    c.phones()
    c.layout(margins, panels)
    if args.others:
        c.voice(text)
    c.pages(args.max_pages)
    c.first_page(args.first_page_full, margins)
    c.together(args.together)
    c.point_gaps(args.meta_label)
    c.min_font(args.min_font)
    if c.failures:
        print(f"\n{args.pdf}: {len(c.failures)} check(s) failed:", file=sys.stderr)
        for f in c.failures:
            print(f"  - {f}", file=sys.stderr)
        return 1
    print(f"{args.pdf}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
