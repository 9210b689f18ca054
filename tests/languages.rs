//! Languages and nations: a Welsh plan's copies hold no English word of ourplan's own, each
//! nation's plans get that nation's crisis numbers, `when: 24 awr` is a 24-hour line, and the
//! English-only rules say they did not run on a plan in another language.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-23";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/languages")
}

fn ourplan(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("ourplan")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
}

/// Builds the fixture project into a fresh folder.
fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    ourplan(
        &fixture(),
        &["build", "--today", TODAY, "--out", o, "plans"],
    )
    .success();
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The words a reader sees on a web page: no tags, no markup, spaces made single.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a PDF, as `pdftotext` reads it, lines joined.
fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "{}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every English text ourplan writes into a copy: its words (src/words/en.toml, both parts) and
/// the notes and names of every nation's numbers, each cut at its `{slots}`. Pieces of one
/// short word that Welsh also writes ("CALL") are left out.
fn english_words() -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let en: toml::Table = toml::from_str(&read(&root().join("src/words/en.toml"))).unwrap();
    for part in en.values() {
        for v in part.as_table().unwrap().values() {
            match v {
                toml::Value::String(s) => texts.push(s.clone()),
                toml::Value::Array(a) => {
                    texts.extend(a.iter().map(|s| s.as_str().unwrap().to_string()))
                }
                _ => panic!("{v:?}"),
            }
        }
    }
    let nations: toml::Table = toml::from_str(&read(&root().join("src/nations.toml"))).unwrap();
    for list in nations.values() {
        for n in list.as_array().unwrap() {
            for key in ["name", "note", "when"] {
                if let Some(en) = n.get(key).and_then(|v| v.get("en")) {
                    let en = en.as_str().unwrap();
                    let cy = n[key]["cy"].as_str().unwrap();
                    // A name that is the same in both languages (Lifeline) is a name.
                    if en != cy {
                        texts.push(en.to_string());
                    }
                }
            }
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    for t in texts {
        let mut rest = t.as_str();
        while !rest.is_empty() {
            let (piece, after) = match rest.find('{') {
                Some(i) => (
                    &rest[..i],
                    rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]),
                ),
                None => (rest, ""),
            };
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.:;'".contains(c));
            if piece.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                pieces.push(piece.to_string());
            }
            rest = after;
        }
    }
    pieces.sort();
    pieces.dedup();
    pieces
}

/// The English words in `text`, as whole words.
fn english_in(text: &str, words: &[String]) -> Vec<String> {
    let bounded = |i: usize, len: usize| {
        let before = text[..i].chars().next_back();
        let after = text[i + len..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    };
    words
        .iter()
        .filter(|w| {
            text.match_indices(w.as_str())
                .any(|(i, _)| bounded(i, w.len()))
        })
        .cloned()
        .collect()
}

#[test]
fn a_welsh_plans_copies_hold_no_english_word_of_ourplans_own() {
    let words = english_words();
    assert!(words.len() > 150, "{}", words.len());
    let out = built();
    let dir = out.path().join("sian-roberts");
    let html = read(&dir.join("index.html"));
    assert!(html.contains("<html lang=\"cy\""), "{}", &html[..200]);
    assert!(!html.contains("lang=\"en\""), "a Welsh word is missing");
    let copies = [
        ("index.html", page_text(&html)),
        (
            "large print",
            pdf_text(&dir.join("sian-roberts-large-print.pdf")),
        ),
        (
            "easy read",
            pdf_text(&dir.join("sian-roberts-easy-read.pdf")),
        ),
        (
            "Elin's web page",
            page_text(&read(&dir.join("for-elin-roberts/index.html"))),
        ),
        (
            "Elin's large print",
            pdf_text(&dir.join("for-elin-roberts/sian-roberts-large-print-for-elin-roberts.pdf")),
        ),
    ];
    for (name, text) in &copies {
        assert!(text.contains("Os "), "{name} is not in Welsh: {text}");
        let found = english_in(text, &words);
        assert!(
            found.is_empty(),
            "{name} has English words: {found:?}\n{text}"
        );
    }
    // The check can fail: the English plan in the same project is full of them.
    let sam = page_text(&read(&out.path().join("sam-taylor/index.html")));
    let found = english_in(&sam, &words);
    assert!(found.len() > 40, "{found:?}");
    assert!(
        found.contains(&"If you are in crisis".to_string()),
        "{found:?}"
    );
}

#[test]
fn each_nation_gets_its_own_crisis_numbers_in_the_copys_language() {
    let out = built();
    let wales = page_text(&read(&out.path().join("sian-roberts/index.html")));
    let england = page_text(&read(&out.path().join("sam-taylor/index.html")));
    for n in [
        "GIG 111 Cymru, pwyso 2",
        "0800 132 737",
        "Y Samariaid",
        "116 123",
        "999",
    ] {
        assert!(wales.contains(n), "Wales: {n}");
    }
    assert!(!wales.contains("NHS 111, option 2"));
    for n in ["NHS 111, option 2", "Samaritans", "116 123", "999"] {
        assert!(england.contains(n), "England: {n}");
    }
    assert!(!england.contains("0800 132 737"));
    assert!(!england.contains("CALL"));
}

#[test]
fn welsh_24_hours_and_24h_are_24_hour_lines() {
    let a = ourplan(
        &fixture(),
        &["check", "--today", TODAY, "--format", "short", "plans"],
    );
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned()
        + &String::from_utf8_lossy(&a.get_output().stderr);
    assert!(!said.contains("missing-24-hour-contact"), "{said}");
    // `24h` is said in the copy's language.
    let out = built();
    let wales = page_text(&read(&out.path().join("sian-roberts/index.html")));
    assert!(
        wales.contains("Meddyg teulu Ffôn: 01248 654321 Pryd i ffonio: 24 awr"),
        "{wales}"
    );
    assert!(!wales.contains("24h"));
}

#[test]
fn check_and_words_say_the_language_rules_did_not_run() {
    let plan = "plans/sian-roberts.yaml";
    let a = ourplan(
        &fixture(),
        &["check", "--today", TODAY, "--format", "short", plan],
    );
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        said.contains("warning[language-not-checked]: the plain-language rules are made for English, so the words of this plan (in `cy`) were not checked"),
        "{said}"
    );
    // Welsh has all of ourplan's words.
    assert!(!said.contains("missing-words"), "{said}");
    let a = ourplan(&fixture(), &["words", plan]).success();
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        said.contains("This plan is in `cy`, so its words were not checked."),
        "{said}"
    );
    assert!(!said.contains("Well done"), "{said}");
    assert!(!said.contains("Reading grade"), "{said}");
    // An English plan is still checked.
    let a = ourplan(&fixture(), &["words", "plans/sam-taylor.yaml"]);
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(said.contains("Reading grade"), "{said}");
}

/// A team adds a language of its own with some words: the rest are English, marked as
/// English in the page, and `check` names them.
#[test]
fn a_teams_own_language_falls_back_to_marked_english_and_check_names_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::create_dir_all(dir.path().join("words")).unwrap();
    std::fs::write(dir.path().join("ourplan.toml"), "").unwrap();
    let plan =
        read(&fixture().join("plans/sam-taylor.yaml")).replace("language: en-GB", "language: pl");
    std::fs::write(dir.path().join("plans/sam-taylor.yaml"), plan).unwrap();
    std::fs::write(
        dir.path().join("words/pl.toml"),
        "[person]\nphone = \"Telefon\"\ncrisis_now = \"Jeśli jesteś w kryzysie\"\n",
    )
    .unwrap();
    let a = ourplan(
        dir.path(),
        &["check", "--today", TODAY, "--format", "short", "plans"],
    );
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        said.contains("warning[missing-words]: ourplan has "),
        "{said}"
    );
    assert!(
        said.contains("with no translation in `pl`, so they show in English: person.plan_title"),
        "{said}"
    );
    ourplan(dir.path(), &["build", "--today", TODAY]).success();
    let html = read(&dir.path().join("out/sam-taylor/index.html"));
    assert!(html.contains("<html lang=\"pl\""));
    assert!(
        html.contains("<h2 id=\"crisis-now-heading\">Jeśli jesteś w kryzysie</h2>"),
        "{html}"
    );
    assert!(html.contains("Telefon: 0800 123 4567"), "{html}");
    assert!(
        html.contains("<span lang=\"en\" dir=\"ltr\">When to call</span>"),
        "{html}"
    );
    assert!(!html.contains('\u{E000}'));
}

/// The fonts a PDF embeds, from `pdffonts`.
fn pdf_fonts(pdf: &Path) -> String {
    let out = std::process::Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each word of the page with its box, from `pdftotext -bbox`: (xMin, xMax, word).
fn pdf_words(pdf: &Path, page: u32) -> Vec<(f64, f64, String)> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .filter_map(|l| {
            let attr = |name: &str| -> Option<f64> {
                let at = l.find(&format!("{name}=\""))? + name.len() + 2;
                l[at..].split('"').next()?.parse().ok()
            };
            let word = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((attr("xMin")?, attr("xMax")?, word))
        })
        .collect()
}

#[test]
fn urdu_and_arabic_pages_read_right_to_left_with_numbers_kept_in_order() {
    let out = built();
    for (plan, lang) in [("imran-ur", "ur"), ("layla-ar", "ar")] {
        let html = read(&out.path().join(plan).join("index.html"));
        assert!(
            html.contains(&format!("<html lang=\"{lang}\" dir=\"rtl\">")),
            "{plan}: {}",
            &html[..120]
        );
        // Phone numbers are isolated and left to right, names and dates isolated.
        assert!(
            html.contains("<bdi dir=\"ltr\">0800 123 4567</bdi>"),
            "{plan}"
        );
        assert!(
            html.contains(
                "<bdi>\u{2068}10 <span lang=\"en\" dir=\"ltr\">November</span> 2026\u{2069}</bdi>"
            ),
            "{plan}"
        );
        assert!(
            html.contains("<strong class=\"contact-name\"><bdi>"),
            "{plan}"
        );
        // ourplan has no Urdu or Arabic words yet: its English words say they are English.
        assert!(
            html.contains("<span lang=\"en\" dir=\"ltr\">If you are in crisis</span>"),
            "{plan}"
        );
    }
    // An English page is left to right.
    let sam = read(&out.path().join("sam-taylor/index.html"));
    assert!(sam.contains("<html lang=\"en-GB\" dir=\"ltr\">"));

    let dir = out.path().join("imran-ur");
    for pdf in ["imran-ur-large-print.pdf", "imran-ur-easy-read.pdf"] {
        let pdf = dir.join(pdf);
        let text = pdf_text(&pdf);
        // No letter is a box or a broken character.
        assert!(
            !text.contains('\u{25A1}') && !text.contains('\u{FFFD}'),
            "{text}"
        );
        // The phone number reads as it is dialled, and the emoji are there as glyphs.
        assert!(text.contains("0800 123 4567"), "{text}");
        for e in ["🌻", "💜", "💪", "👍"] {
            assert!(text.contains(e), "{e} in {}", pdf.display());
        }
        let fonts = pdf_fonts(&pdf);
        assert!(fonts.contains("NotoNastaliqUrdu"), "{fonts}");
        assert!(fonts.contains("NotoEmoji"), "{fonts}");
        // Right to left: lines start on the right. "Date of this plan" (English, short)
        // starts far from the page's left edge, not at it.
        if pdf.ends_with("imran-ur-large-print.pdf") {
            let words = pdf_words(&pdf, 1);
            let left = words.iter().map(|w| w.0).fold(f64::MAX, f64::min);
            let date = words
                .iter()
                .find(|w| w.2 == "Date")
                .unwrap_or_else(|| panic!("{words:?}"));
            assert!(date.0 - left > 100.0, "a line at the left: {date:?} {left}");
        }
    }
    // The check can fail: in a Welsh (left to right) copy the same line starts at the left.
    let words = pdf_words(
        &out.path().join("sian-roberts/sian-roberts-large-print.pdf"),
        1,
    );
    let left = words.iter().map(|w| w.0).fold(f64::MAX, f64::min);
    let date = words.iter().find(|w| w.2 == "Dyddiad").unwrap();
    assert!(date.0 - left < 5.0, "{date:?} {left}");
}
