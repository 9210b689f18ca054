"""The typst peer: compiles the documents ourplan dumped (OURPLAN_DUMP_TYPST) with the `typst`
Python package, the same templates, data, pictures and fonts, in one warm process.

    python3 tests/bench/typst_peer.py DUMP_DIR

Prints "typst-py: N PDFs, T s, M ms a PDF" (the first document, which warms the compiler, is
compiled twice and counted once). The templates read the pictures' alt text from
`sys.inputs.pictures`, a dictionary; typst-py's inputs are strings only, so the copy compiled
here reads the same dictionary from /pictures.json instead. ourplan turns on typst's
`a11y-extras` feature for `pdf.header-cell(scope: "row", ..)` (a table's row headers); typst-py
cannot, so the copy compiled here makes those cells plain `table.cell(..)`: the same layout,
with the header tag left out. Nothing else changes.
"""

import os
import shutil
import sys
import time

import typst

PICS_FROM_INPUTS = 'sys.inputs.at("pictures", default: (:))'
ROW_HEADER = 'pdf.header-cell(scope: "row", '


def main(dump: str) -> None:
    docs = sorted(os.listdir(os.path.join(dump, "docs")))
    if not docs:
        sys.exit(f"typst-py: no documents in {dump}/docs")
    for name in ("large-print", "easy-read"):
        src = open(os.path.join(dump, f"{name}.typ"), encoding="utf-8").read()
        if "sys.inputs" in src.replace(PICS_FROM_INPUTS, "").split("\n", 20)[-1]:
            sys.exit(f"typst-py: {name}.typ reads sys.inputs in a new way; update this peer")
        src = src.replace(PICS_FROM_INPUTS, 'json("/pictures.json")')
        src = src.replace(ROW_HEADER, "table.cell(")
        if "pdf.header-cell" in src or "pdf.data-cell" in src:
            sys.exit(f"typst-py: {name}.typ uses a11y-extras in a new way; update this peer")
        open(os.path.join(dump, f"peer-{name}.typ"), "w", encoding="utf-8").write(src)
    fonts = [os.path.join(dump, "fonts")]
    compilers = {
        name: typst.Compiler(
            os.path.join(dump, f"peer-{name}.typ"),
            root=dump,
            font_paths=fonts,
            ignore_system_fonts=True,
        )
        for name in ("large-print", "easy-read")
    }
    data = os.path.join(dump, "data.json")

    def compile_one(doc: str) -> bytes:
        shutil.copyfile(os.path.join(dump, "docs", doc), data)
        comp = compilers[doc.split("--")[0]]
        try:
            return comp.compile(format="pdf", pdf_standards="ua-1")
        except TypeError:
            return comp.compile(format="pdf")

    first = compile_one(docs[0])
    if not first.startswith(b"%PDF"):
        sys.exit("typst-py: the first document did not compile to a PDF")
    t0 = time.perf_counter()
    for doc in docs:
        compile_one(doc)
    took = time.perf_counter() - t0
    print(f"typst-py: {len(docs)} PDFs, {took:.2f} s, {took * 1000 / len(docs):.1f} ms a PDF")


if __name__ == "__main__":
    main(sys.argv[1])
