//! The typst world of one document: the template, the view as `/data.json`, the pictures and
//! the fonts, and nothing else (every other file is refused); typst's errors in plain words.

use super::*;

/// The world for one document: the renderer's fonts, library and pictures,
/// plus one template and one `/data.json`.
pub(super) struct DocWorld<'a> {
    pub(super) renderer: &'a Renderer,
    pub(super) main: Source,
    pub(super) data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.renderer.helpers.id() {
            Ok(self.renderer.helpers.clone())
        } else {
            // Only the template and its helpers are typst code; nothing else may be imported.
            Err(refuse(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else if id == self.renderer.data_id {
            Ok(self.data.clone())
        } else if let Some(svg) = self.renderer.pictures.get(&id) {
            Ok(svg.clone())
        } else {
            Err(refuse(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Never the clock: output must depend on the input only.
        None
    }
}

impl DocWorld<'_> {
    /// Turns typst diagnostics into one message, `file:line:col: message`.
    pub(super) fn describe(&self, format: Format, diags: &[SourceDiagnostic]) -> String {
        let mut out = format!("{} PDF failed:", format.word());
        for diag in diags.iter().filter(|d| d.severity == Severity::Error) {
            out.push_str("\n  ");
            out.push_str(&self.describe_one(diag));
        }
        out
    }

    /// One diagnostic as `file:line:col: message (hint: ...)`.
    pub(super) fn describe_one(&self, diag: &SourceDiagnostic) -> String {
        let mut out = String::new();
        if let (Some(id), Some(range)) = (diag.span.id(), self.range(diag.span)) {
            let path = id.vpath().get_without_slash().to_string();
            let line_col = if id == self.main.id() {
                self.main.lines().byte_to_line_column(range.start)
            } else if id == self.renderer.helpers.id() {
                self.renderer
                    .helpers
                    .lines()
                    .byte_to_line_column(range.start)
            } else if id == self.renderer.data_id {
                line_column(self.data.as_slice(), range.start)
            } else {
                None
            };
            match line_col {
                Some((l, c)) => {
                    let _ = write!(out, "{path}:{}:{}: ", l + 1, c + 1);
                }
                None => {
                    let _ = write!(out, "{path}: ");
                }
            }
        }
        out.push_str(&diag.message);
        for hint in &diag.hints {
            let _ = write!(out, " (hint: {})", hint.v);
        }
        out
    }
}

pub(super) fn line_column(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let before = bytes.get(..at)?;
    let line = before.iter().filter(|&&b| b == b'\n').count();
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count();
    Some((line, col))
}

pub(super) fn refuse(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => {
            FileError::Other(Some(format!("packages are not available ({spec})").into()))
        }
        VirtualRoot::Project => FileError::AccessDenied,
    }
}

pub(super) fn project_file(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("bad virtual path {path}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}
