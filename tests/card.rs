//! The crisis card and the outcome charts as their readers meet them, with real tools.
//!
//! Cards: for every example plan and every plan held in the tests, in the ordinary, large-print
//! and easy-read forms, each card is one A4 sheet (the ordinary card one side), has part 1 on
//! the front of the folded card and the parts in order on the sheet, passes
//! `tests/pdf/check_pdf.py` (PDF/UA-1, tags, fonts, smallest text, tappable numbers, and the
//! layout checks with the card's own 7 mm edges and its four parts: nothing off the sheet or
//! on a fold, no heading last in a part, no part near empty) and reads in safety-plan order;
//! a recipient gets a card only when the crisis plan is shared with them, and it says whose
//! card it is. A long plan fits once its entries have short forms (`card:`). Charts: the summary under each chart on the web page
//! and the alt text of each Figure in the PDFs say the plan's own numbers, worked out here
//! from the YAML. Needs poppler-utils, qpdf and tests/pdf/requirements.txt (`bash .ci/run`).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

mod common;

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

/// The folded card's own text area, as templates/crisis-card.typ sets it: 7 mm edges at the
/// sides, 8 mm at the top and bottom (in cm, left, right, top, bottom), and four parts side
/// by side with 14 mm between them, where the folds are.
const CARD_MARGINS: &str = "0.7,0.7,0.8,0.8";
const CARD_PANELS: &str = "4,1.4";

/// Runs tests/pdf/check_pdf.py on a folded card with the card's own margins and parts, so
/// the readers' layout checks (off-page and on a fold, heading-last, near-empty) apply.
fn run_check_pdf(pdf: &Path, args: &[&str]) -> std::process::Output {
    Process::new("python3")
        .arg(root().join("tests/pdf/check_pdf.py"))
        .arg(pdf)
        .args(["--margins", CARD_MARGINS, "--panels", CARD_PANELS])
        .args(args)
        .output()
        .expect("python3 runs")
}

fn check_pdf(pdf: &Path, title: &str, min_font: u32, expect: &[String]) {
    check_pdf_with(pdf, title, min_font, expect, &[]);
}

/// [`check_pdf`] with more of check_pdf.py's options (`--points`).
fn check_pdf_with(pdf: &Path, title: &str, min_font: u32, expect: &[String], more: &[String]) {
    let mut cmd = Process::new("python3");
    cmd.arg(root().join("tests/pdf/check_pdf.py"))
        .arg(pdf)
        .args(["--title", title, "--min-font", &min_font.to_string()])
        .args(["--margins", CARD_MARGINS, "--panels", CARD_PANELS]);
    for e in expect {
        cmd.args(["--expect", e]);
    }
    cmd.args(more);
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

/// Where a heading is on the sheet: its page, the part of the folded card (1 to 4, left to
/// right) and its words.
#[derive(Debug)]
struct Placed {
    page: usize,
    part: usize,
    level: u8,
    words: String,
}

/// Every heading of a card, in reading order, with where it is printed: the structure tree's
/// H1 and H2, and the glyphs they tag (pdfplumber), placed in the part their first glyph
/// is in.
fn headings(pdf: &Path) -> Vec<Placed> {
    let script = r#"
import sys, re, pdfplumber
cm = 72 / 2.54
with pdfplumber.open(sys.argv[1]) as pdf:
    for number, pg in enumerate(pdf.pages, start=1):
        found = []
        def walk(e):
            m = re.fullmatch(r"H([1-6])", e.get("type") or "")
            if m:
                found.append((m.group(1), set(e.get("mcids") or [])))
            for k in e.get("children") or []:
                walk(k)
        for e in pg.structure_tree:
            walk(e)
        width = (pg.width - 1.4 * cm - 3 * 1.4 * cm) / 4
        for level, ids in found:
            chars = [c for c in pg.chars if c.get("mcid") in ids and c["text"].strip()]
            if not chars:
                continue
            x = chars[0]["x0"]
            part = min(4, max(1, int((x - 0.7 * cm) // (width + 1.4 * cm)) + 1))
            words = "".join(c["text"] for c in chars).replace("\u200b", "")
            print(f"{number}	{part}	{level}	{words}")
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
        .map(|l| {
            let f: Vec<&str> = l.splitn(4, '\t').collect();
            Placed {
                page: f[0].parse().unwrap(),
                part: f[1].parse().unwrap(),
                level: f[2].parse().unwrap(),
                words: f[3].to_string(),
            }
        })
        .collect()
}

/// The card folds right: the title and part 1 on the first part of the first side (the front
/// of the folded card); the parts numbered 1, 2, 3... in order from the front to the back,
/// never going back to an earlier part of the sheet; and the card says how to fold it.
fn parts_fold_right(pdf: &Path, form: &str) {
    let placed = headings(pdf);
    let shown = || format!("{form}: {}: {placed:?}", pdf.display());
    assert!(placed.len() >= 2, "{}", shown());
    assert_eq!(
        (placed[0].level, placed[0].part),
        (1, 1),
        "the title is not on the front: {}",
        shown()
    );
    let parts: Vec<&Placed> = placed.iter().filter(|h| h.level == 2).collect();
    assert!(
        parts[0].words.starts_with("1.") && parts[0].part == 1,
        "part 1 is not on the front: {}",
        shown()
    );
    for (i, (a, b)) in parts.iter().zip(parts.iter().skip(1)).enumerate() {
        assert!(
            b.words.starts_with(&format!("{}.", i + 2)),
            "the parts are not numbered in order: {}",
            shown()
        );
        assert!(
            (a.page, a.part) <= (b.page, b.part),
            "part {} is on an earlier part of the sheet than part {}: {}",
            i + 2,
            i + 1,
            shown()
        );
    }
    // It says how to fold it (in full, or in short when the full words do not fit in the
    // space left), and, when it has two sides, to print on both. (Read in the order the
    // words are drawn, one part after another, not across the parts' lines.)
    let text: String = page_text(pdf, 0);
    let fold = [
        "Foldthepageonthedashedlines,backandforthlikeafan,sopart1isonthefront.",
        "Foldonthedashedlines,likeafan.",
    ];
    let both = ["Printitonbothsidesofthepaper.", "Printonbothsides."];
    let sides: usize = pdfinfo(pdf, "Pages").parse().unwrap();
    // Left out only when the last part of the last side has no room for even the short
    // words: its lowest word is then near the foot of the sheet.
    if !fold.iter().any(|w| text.contains(w)) {
        let room = room_under_last_part(pdf, sides);
        assert!(
            room < 80.0,
            "{form}: the card does not say how to fold it, with {room:.0} pt free: {text}"
        );
    }
    assert_eq!(
        sides > 1,
        both.iter().any(|w| text.contains(w)),
        "{form}: {sides} sides, and the card says otherwise: {text}"
    );
    // Its last side holds more than those words: they never need a side of their own.
    let mut rest = page_text(pdf, sides);
    for w in fold.iter().chain(&both).chain(&[
        "Itfitsinapocketorbag.",
        "Ifthebackcomesoutupsidedown,printitagainandchoosetheotherwaytoflipthepaper.",
    ]) {
        rest = rest.replace(w, "");
    }
    assert!(
        !rest.is_empty(),
        "{form}: side {sides} holds only how to print and fold the card: {}",
        pdf.display()
    );
}

/// The space (in points) left under the words of the last part of a side of an A4 card.
fn room_under_last_part(pdf: &Path, page: usize) -> f64 {
    let out = Process::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |l: &str, name: &str| -> Option<f64> {
        let at = l.find(&format!("{name}=\""))? + name.len() + 2;
        l[at..].split('"').next()?.parse().ok()
    };
    let (width, height) = text
        .lines()
        .find(|l| l.trim_start().starts_with("<page "))
        .and_then(|l| Some((attr(l, "width")?, attr(l, "height")?)))
        .expect("a page");
    let lowest = text
        .lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .filter(|l| attr(l, "xMin").is_some_and(|x| x > width * 0.75 - 20.0))
        .filter_map(|l| attr(l, "yMax"))
        .fold(0.0, f64::max);
    // The sheet's bottom margin is 8 mm.
    height - 8.0 * 72.0 / 25.4 - lowest
}

/// The words of one page (or of all, for page 0) in the order they are drawn, without
/// spaces.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let mut args = vec!["-raw"];
    if page != "0" {
        args.extend(["-f", &page, "-l", &page]);
    }
    pdftotext(pdf, &args)
}

/// `pdftotext` of a PDF with `args`, its words run together (no spaces, no zero-width
/// spaces), so that a line break never hides a phrase.
fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = Process::new("pdftotext")
        .args(args)
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .replace('\u{200b}', "")
        .split_whitespace()
        .collect()
}

#[test]
fn every_plan_makes_a_crisis_card_of_one_sheet_in_each_form() {
    let paths: Vec<String> = plans()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let mut checked = 0;
    let mut listed = 0;
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
            // In easy read, the points are lists, each picture its point's label: at least
            // one item for each warning sign and each thing the person can do.
            let count = |k: &str| plan["crisis"][k].as_array().map_or(0, Vec::len);
            let points = count("warning_signs") + count("things_i_can_do");
            let more = if easy && points > 0 {
                listed += 1;
                vec!["--points".to_string(), points.to_string()]
            } else {
                Vec::new()
            };
            check_pdf_with(&pdf, "My crisis card", min_font, &order[..1], &more);
            in_order(&panels(&pdf, pages), &order, &pdf);
            parts_fold_right(&pdf, form);
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
    assert!(
        listed >= 4,
        "{listed} easy-read cards checked for their lists"
    );
}

/// The layout checks can fail on a card: a good card passes them, then the same card with
/// its words moved 30 pt to the right (break_pdf.py), and a card made from a team template
/// whose parts are 2 mm apart instead of 14, put words on the folds, and `off-page` says so.
#[test]
fn the_layout_checks_find_words_on_a_fold_of_a_broken_card() {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(project.path().join("plans")).unwrap();
    std::fs::copy(
        root().join("plans/imran-ahmed.yaml"),
        project.path().join("plans/imran-ahmed.yaml"),
    )
    .unwrap();
    let make = |dir: &Path| -> PathBuf {
        let out = dir.join("out");
        Command::cargo_bin("ourplan")
            .unwrap()
            .current_dir(dir)
            .args(["build", "--force", "--format", "crisis-card", "--out"])
            .arg(&out)
            .assert()
            .success();
        out.join("imran-ahmed/imran-ahmed-crisis-card.pdf")
    };
    let good = make(project.path());
    let ok = run_check_pdf(&good, &[]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    let moved = project.path().join("moved.pdf");
    let made = Process::new("python3")
        .arg(root().join("tests/pdf/break_pdf.py"))
        .arg(&good)
        .arg("card-text-on-fold")
        .arg(&moved)
        .output()
        .expect("python3 runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let template = std::fs::read_to_string(root().join("templates/crisis-card.typ")).unwrap();
    let narrow = template.replace("#set columns(gutter: 14mm)", "#set columns(gutter: 2mm)");
    assert_ne!(narrow, template);
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(project.path().join("templates/crisis-card.typ"), narrow).unwrap();
    let folded = make(project.path());

    for broken in [moved, folded] {
        let checked = run_check_pdf(&broken, &[]);
        let stdout = String::from_utf8_lossy(&checked.stdout);
        assert_eq!(checked.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains("FAIL off-page:") && stdout.contains("on a fold"),
            "{}: {stdout}",
            broken.display()
        );
    }
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

/// The text of a PDF, without spaces.
fn pdf_text(pdf: &Path) -> String {
    pdftotext(pdf, &[])
}

/// A crisis plan too long for its large-print card fits once its entries have a short form
/// (`card:`): without them `check` says `crisis-card-too-long` and suggests them; with them
/// the card is one side and shows the short forms, while the plan's other copies keep the
/// whole text.
#[test]
fn short_forms_make_a_long_crisis_plan_fit_its_card() {
    let with =
        std::fs::read_to_string(root().join("tests/fixtures/card/short-forms/plan.yaml")).unwrap();
    let without: String = with
        .lines()
        .filter(|l| !l.trim_start().starts_with("card:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(with.lines().count() - without.lines().count(), 26);
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(project.path().join("plans")).unwrap();
    let plan = project.path().join("plans/sam.yaml");
    let check = |text: &str| {
        std::fs::write(&plan, text).unwrap();
        let out = Command::cargo_bin("ourplan")
            .unwrap()
            .current_dir(project.path())
            .args([
                "check",
                "--format",
                "short",
                "--today",
                "2026-11-23",
                "plans/sam.yaml",
            ])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, said) = check(&without);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("error[crisis-card-too-long]")
            && said.contains("in large print")
            && said.contains("(`card:`)")
            && said.contains("crisis.warning_signs (18 entries"),
        "{said}"
    );
    let (code, said) = check(&with);
    assert!(!said.contains("crisis-card-too-long"), "{said}");
    assert_eq!(code, Some(0), "{said}");

    let out = project.path().join("out");
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(project.path())
        .args(["build", "--today", "2026-11-23", "--out"])
        .arg(&out)
        .assert()
        .success();
    let card = out.join("sam/sam-crisis-card.pdf");
    assert!(["1", "2"].contains(&pdfinfo(&card, "Pages").as_str()));
    check_pdf(&card, "My crisis card", 18, &[]);
    parts_fold_right(&card, "large print");
    let on_card = pdf_text(&card);
    let page = std::fs::read_to_string(out.join("sam/crisis-card.html")).unwrap();
    let large = pdf_text(&out.join("sam/sam-large-print.pdf"));
    let index = std::fs::read_to_string(out.join("sam/index.html")).unwrap();
    let mut short_forms = 0;
    for (text, short) in with.lines().zip(with.lines().skip(1)).filter_map(|(a, b)| {
        Some((
            a.trim_start().strip_prefix("- text: ")?,
            b.trim_start().strip_prefix("card: ")?,
        ))
    }) {
        let squash = |s: &str| -> String { s.split_whitespace().collect() };
        assert!(
            on_card.contains(&squash(short)),
            "{short:?} is not on the card"
        );
        assert!(
            !on_card.contains(&squash(text)),
            "{text:?} is on the card in full"
        );
        assert!(page.contains(short), "{short:?} is not on the card's page");
        // The other copies keep every word.
        assert!(
            large.contains(&squash(text)),
            "{text:?} is not in large print"
        );
        assert!(index.contains(text), "{text:?} is not on the web page");
        short_forms += 1;
    }
    assert_eq!(short_forms, 26);
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
        let large = common::pdf_alts(&out.path().join(&id).join(format!("{id}-large-print.pdf")));
        let easy = common::pdf_alts(&out.path().join(&id).join(format!("{id}-easy-read.pdf")));
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
