//! Embeds `templates/` and `styles/` in the binary, so ourplan works anywhere on its own.

use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for top in ["templates", "styles"] {
        println!("cargo:rerun-if-changed={top}");
        walk(Path::new(top), &mut files);
    }
    let mut code = String::from(
        "/// Every embedded file: its path in the project and its bytes.\npub static EMBEDDED: &[(&str, &[u8])] = &[\n",
    );
    // The path is joined when the crate compiles, not written here, so a build folder
    // shared by two checkouts never points at the other one's files.
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {f:?}))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
