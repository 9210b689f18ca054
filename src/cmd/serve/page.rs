//! What the preview adds to a page: the plan's problems in plain words with their line
//! numbers, links to the PDF copies, the reload script, and the list of plans at `/`.

use std::path::Path;

use super::{BANNER_MARK, Problem, SCRIPT_TAG, State};
use crate::render::markdown::escape;

fn problems_html(problems: &[Problem], file: &str) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let errors = problems.iter().filter(|p| p.error).count();
    let mut s = String::from(
        "<section class=\"preview-problems\" aria-labelledby=\"preview-problems-heading\">",
    );
    s.push_str(&format!(
        "<h2 id=\"preview-problems-heading\">Things to fix in {}</h2>",
        escape(file)
    ));
    if errors > 0 {
        s.push_str("<p>This page shows the last version that worked. Fix these, save the plan, and the page will update.</p>");
    } else {
        s.push_str("<p>These are suggestions. The page is up to date.</p>");
    }
    s.push_str("<ul>");
    for p in problems {
        s.push_str(&format!(
            "<li><strong>Line {}:</strong> {}{}</li>",
            p.line,
            escape(&p.message),
            p.hint
                .as_deref()
                .map(|h| format!(". {}", escape(h)))
                .unwrap_or_default()
        ));
    }
    s.push_str("</ul></section>");
    s
}

/// A page with the plan's problems at the top and the reload script: the page made for the
/// preview (see [`super::preview_pages`]) when there is one, else the built page from disk (`html`)
/// with them put in by hand. Only the preview adds these; the files on disk are never changed.
pub(super) fn preview_page(html: &str, rel: &str, state: &State, file: &Path) -> String {
    let id = rel.split('/').next().unwrap_or("");
    let (plan_file, problems) = state
        .plans
        .iter()
        .find(|(pid, _, _)| pid == id)
        .map(|(_, f, p)| (f.clone(), p.clone()))
        .unwrap_or_default();
    let dir = file.parent().unwrap_or(Path::new("."));
    // A copy for someone else shows no problem text: it may quote what they must not see.
    let recipient = dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("for-"));
    let mut banner = if recipient && !problems.is_empty() {
        format!(
            "<section class=\"preview-problems\" aria-labelledby=\"preview-problems-heading\"><h2 id=\"preview-problems-heading\">This plan has things to fix</h2><p>They are listed on <a href=\"/{}/\">the person's own copy</a>.</p></section>",
            escape(id)
        )
    } else {
        problems_html(&problems, &plan_file)
    };
    let mut pdfs: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    if !pdfs.is_empty() {
        banner.push_str("<nav class=\"preview-pdfs\" aria-label=\"PDF copies\"><ul>");
        for p in pdfs {
            banner.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>", escape(&p)));
        }
        banner.push_str("</ul></nav>");
    }
    if let Some(page) = state.pages.get(rel)
        && page.contains(SCRIPT_TAG)
    {
        return page.replacen(BANNER_MARK, &banner, 1);
    }
    // A page from an earlier run, or a template without the preview hooks: put them in
    // where the built-in template has them.
    let html = html.replace(
        "default-src 'none';",
        "default-src 'none'; script-src 'self'; connect-src 'self';",
    );
    let html = html.replacen(
        "<main id=\"main\" tabindex=\"-1\">",
        &format!("<main id=\"main\" tabindex=\"-1\">{banner}"),
        1,
    );
    html.replacen("</body>", &format!("{SCRIPT_TAG}</body>"), 1)
}

pub(super) fn index_page(state: &State) -> String {
    let mut items = String::new();
    for (id, file, problems) in &state.plans {
        let errors = problems.iter().filter(|p| p.error).count();
        let status = match (errors, problems.len()) {
            (0, 0) => "No problems.".to_string(),
            (0, n) => format!("{n} suggestion{}.", if n == 1 { "" } else { "s" }),
            (e, _) => format!("{e} thing{} to fix.", if e == 1 { "" } else { "s" }),
        };
        items.push_str(&format!(
            "<li><a href=\"/{0}/\">{1}</a> {2}{3}</li>",
            escape(id),
            escape(file),
            status,
            problems_html(problems, file)
        ));
    }
    let general: String = state
        .general
        .iter()
        .map(|g| format!("<p><strong>{}</strong></p>", escape(g)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ourplan preview</title></head><body><main><h1>ourplan preview</h1>{general}<ul>{items}</ul></main><script src=\"/_ourplan/reload.js\"></script></body></html>\n"
    )
}
