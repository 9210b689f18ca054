//! Fonts and pictures read from folders, for tests.

use super::*;

#[cfg(test)]
/// Reads every font file in `dir` (sorted by file name).
pub fn read_font_dir(dir: &Path) -> Result<Vec<Vec<u8>>, String> {
    let mut paths = list_dir(dir)?;
    paths.retain(|p| {
        matches!(
            p.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("ttf" | "otf" | "ttc" | "otc")
        )
    });
    paths
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect()
}

#[cfg(test)]
/// Reads `<dir>/pictures.tsv` and the SVGs it names.
pub fn read_picture_dir(dir: &Path) -> Result<BTreeMap<String, Picture>, String> {
    let tsv_path = dir.join("pictures.tsv");
    let tsv =
        std::fs::read_to_string(&tsv_path).map_err(|e| format!("{}: {e}", tsv_path.display()))?;
    let mut pictures = BTreeMap::new();
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("name\t"))
        {
            continue;
        }
        let mut cols = line.split('\t');
        let (name, alt) = (
            cols.next().unwrap_or("").trim(),
            cols.next().unwrap_or("").trim(),
        );
        if name.is_empty() || alt.is_empty() {
            return Err(format!(
                "{}:{}: need a name and alt text",
                tsv_path.display(),
                n + 1
            ));
        }
        let svg_path = dir.join(format!("{name}.svg"));
        let svg = std::fs::read(&svg_path).map_err(|e| format!("{}: {e}", svg_path.display()))?;
        pictures.insert(
            name.to_string(),
            Picture {
                svg,
                alt: alt.to_string(),
            },
        );
    }
    for p in list_dir(dir)? {
        if p.extension().is_some_and(|e| e == "svg") {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if !pictures.contains_key(name) {
                return Err(format!(
                    "{}: not listed in pictures.tsv (no alt text)",
                    p.display()
                ));
            }
        }
    }
    Ok(pictures)
}

#[cfg(test)]
pub(super) fn list_dir(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths)
}
