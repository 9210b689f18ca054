//! The crisis card and the outcome charts as their readers meet them, with real tools.
//!
//! Cards: for every example plan and every plan held in the tests, in the ordinary, large-print
//! and easy-read forms, each card is one sheet (the ordinary card one side), passes
//! `tests/pdf/check_pdf.py` (PDF/UA-1, tags, fonts, smallest text, tappable numbers) and reads
//! in safety-plan order; a recipient gets a card only when the crisis plan is shared with
//! them, and it says whose card it is. Charts: the summary under each chart on the web page
//! and the alt text of each Figure in the PDFs say the plan's own numbers, worked out here
//! from the YAML. Needs poppler-utils, qpdf and tests/pdf/requirements.txt (`bash .ci/run`).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Plans held in the tests that build, besides the examples.
const HELD: &[&str] = &[
    "tests/fixtures/valid",
    "tests/fixtures/build/do-not-contact",
    "tests/fixtures/build/hostile",
    "tests/fixtures/build/mixed/good.yaml",
];

fn build(formats: &str, paths: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(root())
        .args(["build", "--force", "--format", formats, "--out"])
        .arg(out.path())
        .args(paths)
        .assert()
        .success();
    out
}

fn plans() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in std::iter::once("plans").chain(HELD.iter().copied()) {
        let p = root().join(dir);
        if p.is_file() {
            out.push(p);
        } else {
            for e in std::fs::read_dir(&p).unwrap() {
                let e = e.unwrap().path();
                if e.extension().is_some_and(|x| x == "yaml") {
                    out.push(e);
                }
            }
        }
    }
    out.sort();
    out
}

fn yaml(path: &Path) -> serde_json::Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Who the plan is shared with, as `check --sharing --format json` reads it back.
fn sharing(plan: &Path) -> Vec<serde_json::Value> {
    let out = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(root())
        .args(["check", "--sharing", "--format", "json"])
        .arg(plan)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["sharing"].as_array().cloned().unwrap_or_default()
}

fn pdfinfo(pdf: &Path, key: &str) -> String {
    let info = Process::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix(&format!("{key}:"))
                .map(|t| t.trim().to_string())
        })
        .unwrap_or_default()
}

fn check_pdf(pdf: &Path, title: &str, min_font: u32, expect: &[String]) {
    let mut cmd = Process::new("python3");
    cmd.arg(root().join("tests/pdf/check_pdf.py"))
        .arg(pdf)
        .args(["--title", title, "--min-font", &min_font.to_string()]);
    for e in expect {
        cmd.args(["--expect", e]);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "{} failed its checks; run `bash .ci/run` to install the tools.\n{}\n{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An item's words as the card shows them: its text, or in easy read its easy-read version.
fn item_text(v: &serde_json::Value, easy: bool) -> String {
    let t = match v {
        serde_json::Value::String(s) => s.clone(),
        _ => {
            let e = v.get("easy_read").and_then(|e| e.as_str());
            let t = v["text"].as_str().unwrap_or_default();
            if easy { e.unwrap_or(t) } else { t }.to_string()
        }
    };
    t.replace(['*', '_'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The card's text as a reader of the folded card meets it: each side, each of its four
/// parts from left to right (pdftotext of the part alone), without spaces.
fn panels(pdf: &Path, pages: usize) -> String {
    let mut text = String::new();
    for page in 1..=pages {
        for i in 0..4 {
            let x = (841.89 / 4.0 * i as f64).floor() as i64;
            let out = Process::new("pdftotext")
                .args([
                    "-enc",
                    "UTF-8",
                    "-f",
                    &page.to_string(),
                    "-l",
                    &page.to_string(),
                ])
                .args(["-x", &x.to_string(), "-y", "0", "-W", "211", "-H", "596"])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            text.push_str(&String::from_utf8_lossy(&out.stdout));
        }
    }
    text.replace('\u{200b}', "").split_whitespace().collect()
}

/// Each of `want` is in `text` (without spaces), each after the one before.
fn in_order(text: &str, want: &[String], pdf: &Path) {
    let mut at = 0;
    for w in want {
        let w: String = w.split_whitespace().collect();
        match text[at..].find(&w) {
            Some(i) => at += i + w.len(),
            None => panic!(
                "{}: {w:?} is not on the card after the part before it:\n{text}",
                pdf.display()
            ),
        }
    }
}

/// What the person's own card must say, in this order: the first point of each part of the
/// safety plan the plan fills in, and the key worker's number among the services.
fn card_order(plan: &serde_json::Value, easy: bool) -> Vec<String> {
    let c = &plan["crisis"];
    let first = |key: &str| -> Option<String> {
        c[key]
            .as_array()?
            .first()
            .map(|i| item_text(i, easy))
            .filter(|t| !t.is_empty())
    };
    let mut out = Vec::new();
    out.extend(first("warning_signs"));
    out.extend(first("things_i_can_do"));
    out.extend(first("people_and_places"));
    if let Some(p) = c["who_can_help"]
        .as_array()
        .and_then(|a| a.first())
        .and_then(|p| p["name"].as_str())
    {
        out.push(p.to_string());
    }
    if let Some(phone) = plan["key_worker"]["phone"].as_str() {
        out.push(phone.to_string());
    }
    out.extend(first("safe_surroundings"));
    out.extend(first("what_keeps_me_going"));
    out
}

#[test]
fn every_plan_makes_a_crisis_card_of_one_sheet_in_each_form() {
    let paths: Vec<String> = plans()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let mut checked = 0;
    for (formats, form, min_font, most_pages) in [
        ("crisis-card", "ordinary", 11, 1),
        ("crisis-card,large-print", "large print", 18, 2),
        ("crisis-card,easy-read", "easy read", 16, 2),
    ] {
        let out = build(formats, &paths);
        for plan_file in plans() {
            let id = plan_file
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let plan = yaml(&plan_file);
            let folder = out.path().join(&id);
            let pdf = folder.join(format!("{id}-crisis-card.pdf"));
            assert!(pdf.is_file(), "{form}: {} is missing", pdf.display());
            let pages: usize = pdfinfo(&pdf, "Pages").parse().unwrap();
            assert!(
                (1..=most_pages).contains(&pages),
                "{form}: {} has {pages} pages",
                pdf.display()
            );
            // Landscape A4: 842 x 595 points, in four parts.
            assert!(
                pdfinfo(&pdf, "Page size").starts_with("841.89 x 595.276"),
                "{}",
                pdfinfo(&pdf, "Page size")
            );
            let easy = form == "easy read";
            let order = card_order(&plan, easy);
            check_pdf(&pdf, "My crisis card", min_font, &order[..1]);
            in_order(&panels(&pdf, pages), &order, &pdf);
            assert!(folder.join("crisis-card.html").is_file());
            checked += 1;

            // Copies for others: a card only where the crisis plan is shared, saying whose.
            let name = plan["person"]["preferred_name"]
                .as_str()
                .or(plan["person"]["name"].as_str())
                .unwrap()
                .to_string();
            for share in sharing(&plan_file) {
                let them = share["recipient"].as_str().unwrap();
                let slug = share["folder"].as_str().unwrap();
                if slug.is_empty() {
                    continue; // no copy: they must not be contacted
                }
                let dir = folder.join(slug);
                let card = dir.join(format!("{id}-crisis-card-{slug}.pdf"));
                let shares_crisis = share["sections"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|s| s == "crisis"));
                assert_eq!(
                    card.is_file(),
                    shares_crisis,
                    "{form}: {} (crisis shared: {shares_crisis})",
                    card.display()
                );
                assert_eq!(dir.join("crisis-card.html").is_file(), shares_crisis);
                if shares_crisis {
                    let title = format!("{name}'s crisis card");
                    check_pdf(
                        &card,
                        &title,
                        min_font,
                        &[title.clone(), format!("This card is for {}.", them.trim())],
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 3 * (4 + 4), "{checked}");
}

#[test]
fn a_card_asked_for_but_too_long_is_an_error_naming_the_fields_and_is_not_built() {
    let dir = root().join("tests/fixtures/rules/crisis-card-too-long");
    let out = tempfile::tempdir().unwrap();
    let run = Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(&dir)
        .args(["build", "--out"])
        .arg(out.path())
        .arg("plan.yaml")
        .assert()
        .failure();
    let output = run.get_output();
    let stderr = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stderr.contains("crisis-card-too-long"), "{stderr}");
    assert!(stderr.contains("crisis.warning_signs"), "{stderr}");
    assert!(
        !walkdir::WalkDir::new(out.path())
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().contains("crisis-card")),
        "a card that does not fit was written"
    );
}

/// "Back in a kitchen: 2 out of 10 in November 2025, 6 now." from the plan's ratings.
fn goal_summary(goal: &serde_json::Value) -> Option<String> {
    let mut r: Vec<(String, u64)> = goal["ratings"]
        .as_array()?
        .iter()
        .map(|r| {
            (
                r["date"].as_str().unwrap().to_string(),
                r["score"].as_u64().unwrap(),
            )
        })
        .collect();
    r.sort();
    let (first, last) = (r.first()?, r.last()?);
    let month = |iso: &str| {
        let m: usize = iso[5..7].parse().unwrap();
        let names = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {}", names[m - 1], &iso[..4])
    };
    let words = goal["goal"]
        .as_str()
        .unwrap()
        .trim()
        .trim_end_matches(['.', ':']);
    Some(if r.len() > 1 {
        format!(
            "{words}: {} out of 10 in {}, {} now.",
            first.1,
            month(&first.0),
            last.1
        )
    } else {
        format!("{words}: {} out of 10 in {}.", first.1, month(&first.0))
    })
}

fn unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The /Alt of every Figure in a PDF's structure tree.
fn figure_alts(pdf: &Path) -> Vec<String> {
    let script = r#"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
seen = set()
def walk(e, d=0):
    if d > 200 or not isinstance(e, pikepdf.Dictionary):
        return
    if e.is_indirect:
        if e.objgen in seen:
            return
        seen.add(e.objgen)
    if str(e.get('/S', '')) == '/Figure' and '/Alt' in e:
        print(str(e['/Alt']).replace('\n', ' '))
    k = e.get('/K')
    for kid in (list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        walk(kid, d + 1)
walk(pdf.Root.StructTreeRoot)
"#;
    let out = Process::new("python3")
        .args(["-c", script])
        .arg(pdf)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn each_chart_says_the_plans_numbers_in_words_on_the_page_and_in_the_pdfs() {
    let out = build("html,large-print,easy-read", &["plans"]);
    let mut goals_seen = 0;
    for plan_file in plans()
        .into_iter()
        .filter(|p| p.starts_with(root().join("plans")))
    {
        let id = plan_file
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let plan = yaml(&plan_file);
        let html = std::fs::read_to_string(out.path().join(&id).join("index.html")).unwrap();
        let large = figure_alts(&out.path().join(&id).join(format!("{id}-large-print.pdf")));
        let easy = figure_alts(&out.path().join(&id).join(format!("{id}-easy-read.pdf")));
        // The words under each chart on the page, as a browser shows them.
        let captions: Vec<String> = html
            .split("<figcaption class=\"chart-summary\">")
            .skip(1)
            .map(|c| unescape(c.split("</figcaption>").next().unwrap()))
            .collect();
        for g in plan["goals"].as_array().unwrap() {
            let Some(summary) = goal_summary(g) else {
                continue;
            };
            assert!(
                captions.contains(&summary),
                "{id}: the page has no summary {summary:?}: {captions:?}"
            );
            assert!(
                large.contains(&summary),
                "{id} large print: {summary:?} not in {large:?}"
            );
            goals_seen += 1;
            // Easy read says it with the easy-read words of the goal, if it has them.
            let easy_goal = match g.get("easy_read").and_then(|e| e.as_str()) {
                Some(e) => {
                    let mut g2 = g.clone();
                    g2["goal"] = serde_json::Value::String(e.to_string());
                    goal_summary(&g2).unwrap()
                }
                None => summary.clone(),
            };
            assert!(
                easy.contains(&easy_goal),
                "{id} easy read: {easy_goal:?} not in {easy:?}"
            );
        }
        // ReQoL totals: first and latest, by date.
        if let Some(rows) = plan["outcomes"]["reqol10"]
            .as_array()
            .filter(|r| !r.is_empty())
        {
            let mut r: Vec<(String, u64)> = rows
                .iter()
                .map(|r| {
                    (
                        r["date"].as_str().unwrap().to_string(),
                        r["total"].as_u64().unwrap(),
                    )
                })
                .collect();
            r.sort();
            let want = format!("My quality of life: {} out of 40 in", r[0].1);
            let found = large.iter().find(|a| a.starts_with(&want));
            assert!(found.is_some(), "{id}: {want:?} not in {large:?}");
            if r.len() > 1 {
                assert!(
                    found
                        .unwrap()
                        .ends_with(&format!(", {} now.", r[r.len() - 1].1))
                );
            }
            assert!(html.contains(&want), "{id}: {want:?}");
        }
        // Each chart on the page is a named picture with its summary beside it.
        let charts = html.matches("<figure class=\"chart").count();
        assert_eq!(
            charts,
            html.matches("role=\"img\" aria-label=\"Chart: ").count(),
            "{id}"
        );
        assert_eq!(
            charts,
            html.matches("<figcaption class=\"chart-summary\">").count()
        );
        // Never a script, nor anything from outside, in a chart.
        assert!(!html.contains("<script"), "{id}");
    }
    assert!(goals_seen >= 8, "{goals_seen}");
}

#[test]
fn copies_for_others_have_charts_only_where_the_scores_are_shared() {
    let out = build("html", &["plans"]);
    let mut seen = 0;
    for plan_file in plans()
        .into_iter()
        .filter(|p| p.starts_with(root().join("plans")))
    {
        let id = plan_file
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for e in std::fs::read_dir(out.path().join(&id)).unwrap() {
            let dir = e.unwrap().path();
            if !dir.is_dir()
                || !dir
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("for-")
            {
                continue;
            }
            let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
            let shared = html.contains("id=\"outcomes\"");
            assert_eq!(
                html.contains("chart-svg"),
                shared,
                "{}: charts without the scores being shared",
                dir.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 4);
}
