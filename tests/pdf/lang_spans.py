#!/usr/bin/env python3
"""Prints the words of a PDF that are in a language other than the document's, as a screen
reader meets them: one line per run of such words, `LANG<TAB>WORDS`, in the order of the
page's marked content. A piece of marked content (an MCID) is in the language its own
properties give (`/Span <</Lang (en) /MCID 7>> BDC`, what typst writes for a word in another
language inside a paragraph), else that of the nearest structure element with a /Lang (a
whole paragraph or heading in another language), else the document's (the catalog's /Lang).
The words are the glyphs of that marked content, as pdfplumber reads them.

Usage: lang_spans.py FILE.pdf
"""

import sys

import pdfplumber
import pikepdf


def main() -> int:
    path = sys.argv[1]
    with pikepdf.open(path) as pdf:
        doc_lang = str(pdf.Root.get("/Lang", "")).strip()
        # Per page: each MCID in content order, with the language its own properties give.
        own: list[list[tuple[int, str | None]]] = []
        for page in pdf.pages:
            seen: list[tuple[int, str | None]] = []
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) != "BDC" or len(operands) < 2:
                    continue
                props = operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    lang = props.get("/Lang")
                    seen.append((int(props.MCID), str(lang).strip() if lang is not None else None))
            own.append(seen)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            glyphs: dict[int, list[str]] = {}
            for c in page.chars:
                if c.get("mcid") is not None:
                    glyphs.setdefault(c["mcid"], []).append(c["text"])
            # The language of each MCID from the structure tree.
            tree: dict[int, str] = {}

            def walk(e, lang: str) -> None:
                lang = (e.get("lang") or "").strip() or lang
                for m in e.get("mcids") or []:
                    tree[m] = lang
                for k in e.get("children") or []:
                    walk(k, lang)

            for e in page.structure_tree:
                walk(e, doc_lang)
            runs: list[tuple[str, str]] = []
            for mcid, lang in own[number]:
                lang = lang or tree.get(mcid, doc_lang)
                words = "".join(glyphs.get(mcid, [])).replace("\u2066", "").replace("\u2069", "")
                if not words.strip():
                    continue
                if runs and runs[-1][0] == lang:
                    runs[-1] = (lang, runs[-1][1] + " " + words)
                else:
                    runs.append((lang, words))
            for lang, words in runs:
                if lang != doc_lang:
                    print(f"{lang}\t{' '.join(words.split())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
