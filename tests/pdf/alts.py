#!/usr/bin/env python3
"""Prints the alt text of every Figure in a PDF's structure tree, one a line, in tree order:
what a screen reader says for each picture.

Usage: alts.py FILE.pdf
"""

import sys

import pikepdf


def main() -> int:
    with pikepdf.open(sys.argv[1]) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return 0
        roles = tree.get("/RoleMap") or {}
        seen: set = set()
        stack = [tree]
        out: list[str] = []
        while stack:
            e = stack.pop()
            if e.is_indirect:
                if e.objgen in seen:
                    continue
                seen.add(e.objgen)
            s = str(e.get("/S", ""))
            s = str(roles.get(s, s))
            if s == "/Figure" and "/Alt" in e:
                out.append(" ".join(str(e.Alt).split()))
            k = e.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
            stack.extend(reversed([i for i in kids if isinstance(i, pikepdf.Dictionary) and "/S" in i]))
        print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
