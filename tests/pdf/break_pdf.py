#!/usr/bin/env python3
"""Writes a copy of a good PDF with one accessibility defect, to prove check_pdf.py finds it.

    python3 break_pdf.py GOOD.pdf DEFECT OUT.pdf

DEFECT is one of the names in DEFECTS. Exit status: 0 written, 2 bad usage or the PDF has
nothing to break (for example no table).
"""

from __future__ import annotations

import re
import sys

import pikepdf


def walk(node, seen: set):
    if not isinstance(node, pikepdf.Dictionary):
        return
    if node.is_indirect:
        if node.objgen in seen:
            return
        seen.add(node.objgen)
    yield node
    k = node.get("/K")
    if k is None:
        return
    for kid in k if isinstance(k, pikepdf.Array) else [k]:
        yield from walk(kid, seen)


def elems(pdf, role: str) -> list:
    found = [e for e in walk(pdf.Root.StructTreeRoot, set()) if e.get("/S") == role]
    if not found:
        raise LookupError(f"no {role} element to break")
    return found


def no_markinfo(pdf):
    del pdf.Root["/MarkInfo"]


def no_lang(pdf):
    del pdf.Root["/Lang"]


def no_title(pdf):
    del pdf.trailer.Info["/Title"]


def no_display_title(pdf):
    del pdf.Root.ViewerPreferences["/DisplayDocTitle"]


def no_pdfuaid(pdf):
    m = pdf.Root.Metadata
    xml = m.read_bytes().decode()
    xml = re.sub(r"<pdfuaid:part>.*?</pdfuaid:part>|pdfuaid:part=\"[^\"]*\"", "", xml)
    m.write(xml.encode())


def no_structure(pdf):
    del pdf.Root["/StructTreeRoot"]


def figure_without_alt(pdf):
    del elems(pdf, "/Figure")[0]["/Alt"]


def empty_heading(pdf):
    elems(pdf, "/H2")[0].K = pikepdf.Array([])


def skipped_heading(pdf):
    elems(pdf, "/H2")[0].S = pikepdf.Name("/H4")


def table_without_th(pdf):
    for th in elems(pdf, "/TH"):
        th.S = pikepdf.Name("/TD")


def th_without_scope(pdf):
    for th in elems(pdf, "/TH"):
        for key in ("/A", "/Headers"):
            if key in th:
                del th[key]


def untagged_text(pdf):
    page = pdf.pages[0]
    font = next(iter(page.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"BT {font} 12 Tf 72 72 Td (x) Tj ET".encode()), prepend=False)


def small_text(pdf):
    page = pdf.pages[0]
    font = next(iter(page.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"/Artifact BMC BT {font} 9 Tf 72 72 Td <0001> Tj ET EMC".encode()), prepend=False)


def no_tel_links(pdf):
    for page in pdf.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        keep = [a for a in annots if not str((a.get("/A") or {}).get("/URI", "")).startswith("tel:")]
        page.Annots = pikepdf.Array(keep)


def text_off_page(pdf):
    # Everything on page 2 moved 300 pt down: its last lines run over the page number and
    # off the bottom, as an unbreakable table did.
    page = pdf.pages[1]
    page.contents_add(pdf.make_stream(b"q 1 0 0 1 0 -300 cm"), prepend=True)
    page.contents_add(pdf.make_stream(b"Q"), prepend=False)


def card_text_on_fold(pdf):
    # A folded card's words moved 30 pt to the right: the ends of its lines land in the
    # 14 mm gaps where the sheet folds.
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(b"q 1 0 0 1 30 0 cm"), prepend=True)
    page.contents_add(pdf.make_stream(b"Q"), prepend=False)


def no_page_mode(pdf):
    del pdf.Root["/PageMode"]


def blank_page(pdf):
    # An empty page between pages 1 and 2.
    pdf.pages.insert(1, pikepdf.Page(pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=pdf.pages[0].MediaBox))))


DEFECTS = {
    f.__name__.replace("_", "-"): f
    for f in (
        no_markinfo,
        no_lang,
        no_title,
        no_display_title,
        no_pdfuaid,
        no_structure,
        figure_without_alt,
        empty_heading,
        skipped_heading,
        table_without_th,
        th_without_scope,
        untagged_text,
        small_text,
        no_tel_links,
        text_off_page,
        card_text_on_fold,
        blank_page,
        no_page_mode,
    )
}


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[2] not in DEFECTS:
        print(f"usage: break_pdf.py GOOD.pdf DEFECT OUT.pdf; DEFECT: {', '.join(DEFECTS)}", file=sys.stderr)
        return 2
    with pikepdf.open(sys.argv[1]) as pdf:
        try:
            DEFECTS[sys.argv[2]](pdf)
        except LookupError as err:
            print(f"break_pdf: {err}", file=sys.stderr)
            return 2
        pdf.save(sys.argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
