//! Dump: writes what typst is given for each PDF to the folder named by `OURPLAN_DUMP_TYPST`,
//! so the bench can compile the very same documents with another typst and compare
//! (tests/bench/typst_peer.py). Without the variable it does nothing and no output changes.
//!
//! The folder gets `large-print.typ` and `easy-read.typ` (the templates), `pictures/*.svg`
//! with `pictures.json` (name to alt text, what the templates read from `sys.inputs`),
//! `fonts/` (every font, as given), and `docs/<template>--<n>.json`, one `/data.json` a PDF.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Picture, Templates};

static DIR: LazyLock<Option<PathBuf>> = LazyLock::new(|| {
    std::env::var_os("OURPLAN_DUMP_TYPST")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
});
static DOCS: AtomicUsize = AtomicUsize::new(0);

/// Writes the templates, pictures and fonts a renderer is made with.
pub fn renderer(fonts: &[Vec<u8>], templates: &Templates, pictures: &BTreeMap<String, Picture>) {
    let Some(dir) = DIR.as_deref() else {
        return;
    };
    if let Err(e) = write_renderer(dir, fonts, templates, pictures) {
        eprintln!("OURPLAN_DUMP_TYPST: {}: {e}", dir.display());
    }
}

fn write_renderer(
    dir: &Path,
    fonts: &[Vec<u8>],
    templates: &Templates,
    pictures: &BTreeMap<String, Picture>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("fonts"))?;
    std::fs::create_dir_all(dir.join("pictures"))?;
    std::fs::create_dir_all(dir.join("docs"))?;
    std::fs::write(dir.join("large-print.typ"), &templates.large_print)?;
    std::fs::write(dir.join("easy-read.typ"), &templates.easy_read)?;
    std::fs::write(dir.join("helpers.typ"), &templates.helpers)?;
    for (i, font) in fonts.iter().enumerate() {
        let ext = match font.get(..4) {
            Some(b"OTTO") => "otf",
            Some(b"ttcf") => "ttc",
            _ => "ttf",
        };
        std::fs::write(dir.join("fonts").join(format!("font-{i}.{ext}")), font)?;
    }
    let mut alts = serde_json::Map::new();
    for (name, p) in pictures {
        std::fs::write(dir.join("pictures").join(format!("{name}.svg")), &p.svg)?;
        alts.insert(name.clone(), p.alt.clone().into());
    }
    std::fs::write(
        dir.join("pictures.json"),
        serde_json::Value::Object(alts).to_string(),
    )
}

/// Writes one document's `/data.json`, for the template named `template` (`large-print`).
pub fn document(template: &str, data: &[u8]) {
    let Some(dir) = DIR.as_deref() else {
        return;
    };
    let n = DOCS.fetch_add(1, Ordering::Relaxed);
    let path = dir.join("docs").join(format!("{template}--{n:05}.json"));
    if let Err(e) = std::fs::write(&path, data) {
        eprintln!("OURPLAN_DUMP_TYPST: {}: {e}", path.display());
    }
}
