//! Languages and nations: a Welsh plan's copies hold no English word of ourplan's own, each
//! nation's plans get that nation's crisis numbers, `when: 24 awr` is a 24-hour line, and the
//! English-only rules say they did not run on a plan in another language.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

mod common;

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
    // Welsh has all of ourplan's words, and so have Urdu and Arabic.
    assert!(!said.contains("missing-words"), "{said}");
    for other in ["plans/imran-ur.yaml", "plans/layla-ar.yaml"] {
        let a = ourplan(
            &fixture(),
            &["check", "--today", TODAY, "--format", "short", other],
        );
        let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
        assert!(said.contains("language-not-checked"), "{said}");
        assert!(!said.contains("missing-words"), "{other}: {said}");
    }
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
    // The PDF says the same: its structure marks the English words as English, and only
    // them, so a screen reader reads them with an English voice and the rest in Polish.
    let pdf = dir.path().join("out/sam-taylor/sam-taylor-easy-read.pdf");
    let spans = lang_spans(&pdf);
    let english: Vec<&str> = spans
        .iter()
        .filter(|(l, _)| l == "en")
        .map(|(_, w)| w.as_str())
        .collect();
    for words in [
        "Sam's care and support plan",
        "Date of this plan",
        "When",
        "November",
    ] {
        assert!(
            english.iter().any(|w| w.contains(words)),
            "{words}: {spans:?}"
        );
    }
    assert!(
        !spans
            .iter()
            .any(|(_, w)| w.contains("Telefon") || w.contains("Jeśli")),
        "{spans:?}"
    );
    assert!(!pdf_text(&pdf).contains('\u{E000}'));
}

/// The words a PDF's structure gives a language other than the document's, with that
/// language (`tests/pdf/lang_spans.py`, over pdfplumber).
fn lang_spans(pdf: &Path) -> Vec<(String, String)> {
    common::script_lines("lang_spans.py", pdf)
        .iter()
        .filter_map(|l| l.split_once('\t'))
        .map(|(l, w)| (l.to_string(), w.to_string()))
        .collect()
}

/// A project with one plan: the fixture's English plan with `edit` made to it.
fn project_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("ourplan.toml"), "").unwrap();
    let plan = edit(read(&fixture().join("plans/sam-taylor.yaml")));
    std::fs::write(dir.path().join("plans/sam-taylor.yaml"), plan).unwrap();
    dir
}

#[test]
fn a_character_no_font_has_is_an_error_naming_the_field_and_no_pdf_is_made() {
    let plan = |formats: &'static str| {
        move |p: String| {
            assert!(p.contains("formats: [html, easy-read]"));
            p.replace("formats: [html, easy-read]", formats).replace(
                "what_matters: ",
                "what_matters: My friend 王芳 (Wang Fang) matters. ",
            )
        }
    };
    let dir = project_with(plan("formats: [html, easy-read]"));
    let a = ourplan(
        dir.path(),
        &["check", "--today", TODAY, "--format", "json", "plans"],
    )
    .code(1);
    let said: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let found: Vec<&serde_json::Value> = said
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "no-font")
        .collect();
    assert_eq!(found.len(), 1, "{said:#}");
    let d = found[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["field"], "about_me.what_matters");
    assert_eq!(d["file"], "plans/sam-taylor.yaml");
    let source = read(&dir.path().join("plans/sam-taylor.yaml"));
    let line = source.lines().position(|l| l.contains("王芳")).unwrap();
    assert_eq!(d["line"], line as u64 + 1);
    // The column is the character's own.
    let col = source
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .position(|c| c == '王')
        .unwrap();
    assert_eq!(d["column"], col as u64 + 1);
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("`王` (U+738B)"), "{message}");
    assert!(d["hint"].as_str().unwrap().contains("styles/fonts"));
    // The build makes no copy of the plan: no PDF with a box where the name was.
    ourplan(dir.path(), &["build", "--today", TODAY]).code(1);
    assert!(!dir.path().join("out/sam-taylor").exists());

    // A plan that makes only a web page is fine: the reader's browser has the fonts.
    let dir = project_with(plan("formats: [html]"));
    let a = ourplan(
        dir.path(),
        &["check", "--today", TODAY, "--format", "short", "plans"],
    );
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(!said.contains("no-font"), "{said}");
    // Urdu, Arabic and emoji in the fixture's plans are drawn: no such error there.
    let a = ourplan(
        &fixture(),
        &["check", "--today", TODAY, "--format", "short", "plans"],
    );
    let said = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(!said.contains("no-font"), "{said}");
}

#[test]
fn urdu_and_arabic_pages_carry_their_own_script_font_and_other_pages_do_not() {
    let out = built();
    let fonts_of = |plan: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(out.path().join(plan).join("fonts"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    for (plan, font) in [
        ("imran-ur", "NotoNastaliqUrdu-Regular.ttf"),
        ("layla-ar", "NotoNaskhArabic-Regular.ttf"),
    ] {
        let dir = out.path().join(plan);
        let html = read(&dir.join("index.html"));
        assert!(html.contains("<link rel=\"stylesheet\" href=\"ourplan.css\">"));
        let css = read(&dir.join("ourplan.css"));
        assert!(css.contains(&format!("url(\"fonts/{font}\")")), "{plan}");
        // The file the page's style sheet names is there, and is the bundled font.
        let shipped = std::fs::read(dir.join("fonts").join(font)).unwrap();
        let bundled = std::fs::read(root().join("styles/fonts").join(font)).unwrap();
        assert!(shipped == bundled, "{plan}: {font}");
        assert!(fonts_of(plan).contains(&"OFL-Noto.txt".to_string()));
        // The style sheet loads nothing from elsewhere.
        assert!(!css.contains("http:") && !css.contains("https:") && !css.contains("//"));
    }
    // An English or Welsh page needs no Arabic-script font, so it gets none.
    for plan in ["sam-taylor", "sian-roberts"] {
        let fonts = fonts_of(plan);
        assert!(
            !fonts.iter().any(|f| f.starts_with("Noto")),
            "{plan}: {fonts:?}"
        );
    }
}

/// The fonts a PDF embeds, from `pdffonts`.
fn pdf_fonts(pdf: &Path) -> String {
    let out = std::process::Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each word of the page with its box, from `pdftotext -bbox`: (xMin, xMax, word, yMin).
fn pdf_words(pdf: &Path, page: u32) -> Vec<(f64, f64, String, f64)> {
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
            Some((attr("xMin")?, attr("xMax")?, word, attr("yMin")?))
        })
        .collect()
}

#[test]
fn urdu_and_arabic_pages_read_right_to_left_with_numbers_kept_in_order() {
    let out = built();
    for (plan, lang, november, crisis) in [
        ("imran-ur", "ur", "نومبر", "اگر آپ بحران میں ہیں"),
        ("layla-ar", "ar", "نوفمبر", "إذا كنت في أزمة"),
    ] {
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
            html.contains(&format!("<bdi>\u{2068}10 {november} 2026\u{2069}</bdi>")),
            "{plan}"
        );
        assert!(
            html.contains("<strong class=\"contact-name\"><bdi>"),
            "{plan}"
        );
        // ourplan's own words are in the page's language (src/words/ur.toml, ar.toml): none
        // is left in English.
        assert!(
            html.contains(&format!("<h2 id=\"crisis-now-heading\">{crisis}</h2>")),
            "{plan}"
        );
        assert!(!html.contains("lang=\"en\""), "{plan}: an English word");
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
        // Right to left: lines start on the right. The short line "Date of this plan: 10
        // November 2026" (in Urdu) starts at the right, so even its leftmost word, the
        // year at its end, is far from the page's left edge.
        if pdf.ends_with("imran-ur-large-print.pdf") {
            let words = pdf_words(&pdf, 1);
            let left = words.iter().map(|w| w.0).fold(f64::MAX, f64::min);
            let year = words
                .iter()
                .find(|w| w.2 == "2026")
                .unwrap_or_else(|| panic!("{words:?}"));
            let line_start = words
                .iter()
                .filter(|w| (w.3 - year.3).abs() < 2.0)
                .map(|w| w.0)
                .fold(f64::MAX, f64::min);
            assert!(
                line_start - left > 100.0,
                "a line at the left: {year:?} {line_start} {left}"
            );
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

/// The words of every page, with the page's number.
fn every_pdf_word(pdf: &Path) -> Vec<(u32, (f64, f64, String, f64))> {
    (1..=60)
        .map(|page| (page, pdf_words(pdf, page)))
        .take_while(|(_, words)| !words.is_empty())
        .flat_map(|(page, words)| words.into_iter().map(move |w| (page, w)))
        .collect()
}

/// The plan's own English words inside an Urdu copy keep their order: "24 hours", not
/// "hours 24", and a sentence's full stop at its end. (Before they were isolated, the
/// right-to-left line put "hours" left of "24" and the full stop before "I".)
#[test]
fn english_words_in_an_urdu_copy_keep_their_own_order() {
    let out = built();
    let dir = out.path().join("imran-ur");
    for pdf in ["imran-ur-large-print.pdf", "imran-ur-easy-read.pdf"] {
        // pdftotext keeps the isolate marks, and the label's colon, with the words.
        let words: Vec<_> = every_pdf_word(&dir.join(pdf))
            .into_iter()
            .map(|(page, (x0, x1, w, y))| {
                let w = w.replace(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'], "");
                (
                    page,
                    (x0, x1, w.trim_start_matches([':', ' ']).to_string(), y),
                )
            })
            .collect();
        let find = |w: &str| {
            words
                .iter()
                .find(|(_, x)| x.2 == w)
                .unwrap_or_else(|| panic!("{pdf}: no {w:?} among {} words", words.len()))
        };
        let same_line = |a: &(u32, (f64, f64, String, f64)), b: &(u32, (f64, f64, String, f64))| {
            a.0 == b.0 && (a.1.3 - b.1.3).abs() < 2.0
        };
        // "24 hours": 24 first, on the left.
        let hours = find("hours");
        let n24 = words
            .iter()
            .filter(|w| w.1.2 == "24" && same_line(w, hours))
            .min_by(|a, b| {
                (hours.1.0 - a.1.1)
                    .abs()
                    .total_cmp(&(hours.1.0 - b.1.1).abs())
            })
            .unwrap_or_else(|| panic!("{pdf}: no 24 beside {hours:?}"));
        assert!(
            n24.1.1 <= hours.1.0,
            "{pdf}: {n24:?} is not left of {hours:?}"
        );
        // "I use an inhaler twice a day.": left to right, the full stop at the end.
        let (i, inhaler, day) = (find("I"), find("inhaler"), find("day."));
        assert!(
            same_line(i, day) && i.1.0 < inhaler.1.0 && inhaler.1.0 < day.1.0,
            "{pdf}: {i:?} {inhaler:?} {day:?}"
        );
        assert!(
            !words.iter().any(|w| w.1.2 == ".I"),
            "{pdf}: the full stop comes first"
        );
    }
    // The web page isolates them too (first strong isolate, U+2068 ... U+2069).
    let html = read(&dir.join("index.html"));
    assert!(
        html.contains("\u{2068}I use an inhaler twice a day.\u{2069}"),
        "{html}"
    );
    assert!(html.contains("\u{2068}24 hours\u{2069}"), "{html}");
    // The Urdu text beside them is left as it is.
    assert!(
        html.contains("<li>عمران کو دمہ ہے۔</li>") || html.contains(">عمران کو دمہ ہے۔<"),
        "{html}"
    );
}

/// An Urdu crisis card reads from the right, in Nastaliq: part 1 (the title, then the first
/// numbers) is the right-hand part of the sheet, the lines start on the right, and the
/// numbers stay in the order they are dialled. (Before, the card was always left to right:
/// every part started at the left, and "24 hours" in Urdu read "hours 24".)
#[test]
fn an_urdu_crisis_card_reads_from_the_right_in_its_own_script() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    ourplan(
        &fixture(),
        &[
            "build",
            "--today",
            TODAY,
            "--format",
            "crisis-card",
            "--out",
            o,
            "plans/imran-ur.yaml",
        ],
    )
    .success();
    let pdf = out.path().join("imran-ur/imran-ur-crisis-card.pdf");
    let text = pdf_text(&pdf);
    assert!(
        !text.contains('\u{25A1}') && !text.contains('\u{FFFD}'),
        "{text}"
    );
    for number in ["0300 123 4567", "0800 123 4567", "0800 765 4321"] {
        assert!(text.contains(number), "{number} in {text}");
    }
    assert!(pdf_fonts(&pdf).contains("NotoNastaliqUrdu"));
    let words = pdf_words(&pdf, 1);
    assert!(pdf_words(&pdf, 2).is_empty(), "an Urdu card of one side");
    // The key worker's number, the first on the card, is in the right-hand part (A4 on its
    // side is 842 pt wide, in four parts), its groups left to right.
    let group = |w: &str| {
        words
            .iter()
            .find(|x| x.2 == w)
            .unwrap_or_else(|| panic!("no {w} among {} words", words.len()))
    };
    let (a, b, c) = (group("0300"), group("123"), group("4567"));
    assert!(
        a.0 > 842.0 * 3.0 / 4.0 - 20.0,
        "part 1 is not on the right: {a:?}"
    );
    assert!(
        a.1 < b.0 && b.1 < c.0,
        "the number is not in order: {a:?} {b:?} {c:?}"
    );
    // Its lines end at the part's right edge, not at the left.
    let right = words
        .iter()
        .filter(|w| w.0 > 600.0)
        .map(|w| w.1)
        .fold(0.0, f64::max);
    assert!(right > 842.0 - 30.0, "{right}");
}

/// Every PDF of the Welsh, Urdu, Arabic and English plans passes the same checks as the
/// examples' (tests/pdf/check_pdf.py: PDF/UA-1, tags, fonts, and the layout checks a reader
/// sees). They found, in the Urdu easy read, a heading alone at the foot of page 1.
#[test]
fn every_language_makes_pdfs_that_pass_the_pdf_checks() {
    let out = built();
    let mut checked = 0;
    for plan in ["imran-ur", "layla-ar", "sian-roberts", "sam-taylor"] {
        for (form, min_font, margins) in [
            ("large-print", "18", "2,1.8,2.5,2.4"),
            ("easy-read", "16", "2,2,2,2"),
        ] {
            let pdf = out.path().join(plan).join(format!("{plan}-{form}.pdf"));
            if !pdf.exists() {
                continue;
            }
            let info = std::process::Command::new("pdfinfo")
                .arg(&pdf)
                .output()
                .unwrap();
            let info = String::from_utf8_lossy(&info.stdout).into_owned();
            let title = info
                .lines()
                .find_map(|l| l.strip_prefix("Title:"))
                .map(str::trim)
                .unwrap_or_default()
                .to_string();
            let run = std::process::Command::new("python3")
                .arg(root().join("tests/pdf/check_pdf.py"))
                .arg(&pdf)
                .args([
                    "--title",
                    &title,
                    "--min-font",
                    min_font,
                    "--margins",
                    margins,
                ])
                // Easy read in every language: its points are lists, each picture the
                // label of its point (an Urdu copy's labels on the right).
                .args(if form == "easy-read" {
                    &["--points", "5"][..]
                } else {
                    &[][..]
                })
                .output()
                .expect("python3 runs");
            assert!(
                run.status.success(),
                "{} failed its checks; run `bash .ci/run` to install the tools.\n{}\n{}",
                pdf.display(),
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} PDFs checked");
}

/// The Wales Care and Treatment Plan profile: goals and actions say their area of life, the
/// copies show it in Welsh, and `check` names the areas with no goal or action.
#[test]
fn a_welsh_care_and_treatment_plan_names_its_areas_and_the_ones_it_lacks() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("ourplan.toml"), "profile = \"wales-ctp\"\n").unwrap();
    let plan = read(&fixture().join("plans/sian-roberts.yaml"))
        .replace(
            "    goal: Rydw i eisiau mynd yn ôl i'r gwaith.\n",
            "    goal: Rydw i eisiau mynd yn ôl i'r gwaith.\n    area: work\n",
        )
        .replace(
            "      who: Gareth Jones\n      when: Bob pythefnos\n",
            "      who: Gareth Jones\n      when: Bob pythefnos\n      area: treatment\n",
        );
    assert!(plan.contains("area: work") && plan.contains("area: treatment"));
    std::fs::write(dir.path().join("plans/sian-roberts.yaml"), &plan).unwrap();
    let check = |dir: &Path| -> Vec<serde_json::Value> {
        let a = ourplan(
            dir,
            &["check", "--today", TODAY, "--format", "json", "plans"],
        );
        let all: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
        all.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "ctp-areas")
            .cloned()
            .collect()
    };
    let found = check(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["field"], "goals");
    assert_eq!(
        d["message"],
        "this Care and Treatment Plan has no goal or action for 6 of the 8 areas of life: \
         finance and money; accommodation; personal care and physical wellbeing; education \
         and training; parenting or caring relationships; social, cultural or spiritual"
    );
    assert!(d["hint"].as_str().unwrap().contains("`area: finance`"));

    // The copies say each goal's and action's area, in Welsh.
    ourplan(dir.path(), &["build", "--today", TODAY]).success();
    let page = page_text(&read(&dir.path().join("out/sian-roberts/index.html")));
    assert!(page.contains("Maes bywyd: Gwaith a galwedigaeth"), "{page}");
    assert!(
        page.contains("Maes bywyd: Triniaeth feddygol a thriniaethau eraill"),
        "{page}"
    );
    let pdf = pdf_text(
        &dir.path()
            .join("out/sian-roberts/sian-roberts-large-print.pdf"),
    );
    assert!(pdf.contains("Gwaith a galwedigaeth"), "{pdf}");

    // A plan of its own profile says so itself; without the profile, no area is asked for.
    std::fs::write(dir.path().join("ourplan.toml"), "").unwrap();
    assert!(check(dir.path()).is_empty());
    let own = plan.replace(
        "  nation: wales\n",
        "  nation: wales\n  profile: wales-ctp\n",
    );
    std::fs::write(dir.path().join("plans/sian-roberts.yaml"), own).unwrap();
    let found = check(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["field"], "person.profile");
    // Every area covered: nothing to say.
    let mut full = plan.clone();
    for (i, area) in [
        "finance",
        "accommodation",
        "personal_care",
        "education",
        "parenting_caring",
        "social",
    ]
    .iter()
    .enumerate()
    {
        full = full.replace(
            "actions:\n  me:\n",
            &format!("actions:\n  me:\n    - what: Cam {i}.\n      area: {area}\n"),
        );
    }
    std::fs::write(dir.path().join("ourplan.toml"), "profile = \"wales-ctp\"\n").unwrap();
    std::fs::write(dir.path().join("plans/sian-roberts.yaml"), full).unwrap();
    assert!(check(dir.path()).is_empty());
}

/// What a screen reader says for each picture on a web page: its `alt="..."`s.
fn html_alts(html: &str) -> Vec<String> {
    html.split(" alt=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(a, _)| a.replace("&#x27;", "'")))
        .filter(|a| !a.is_empty())
        .collect()
}

/// An easy-read picture's alt text says its idea in the copy's language: a Welsh, Urdu or
/// English reader's screen reader says "Ffonau", "فون" or "Phones" beside the point, never an
/// English idea in the middle of a Welsh or Urdu copy.
#[test]
fn easy_read_pictures_say_their_idea_in_the_copys_language() {
    let tsv = read(&root().join("styles/pictures/pictures.tsv"));
    let english: Vec<String> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(4))
        .map(str::to_string)
        .collect();
    assert!(english.len() > 50, "{}", english.len());
    let ideas = |lang: &str| -> Vec<String> {
        let t: toml::Table =
            toml::from_str(&read(&root().join(format!("src/words/{lang}.toml")))).unwrap();
        t["pictures"]
            .as_table()
            .unwrap()
            .values()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let out = built();
    for (plan, lang) in [
        ("sian-roberts", "cy"),
        ("imran-ur", "ur"),
        ("sam-taylor", "en"),
    ] {
        let dir = out.path().join(plan);
        let own = if lang == "en" {
            english.clone()
        } else {
            ideas(lang)
        };
        for (copy, alts) in [
            (
                "easy read PDF",
                common::pdf_alts(&dir.join(format!("{plan}-easy-read.pdf"))),
            ),
            (
                "easy-read.html",
                html_alts(&read(&dir.join("easy-read.html"))),
            ),
        ] {
            // The copy has pictures, and says their ideas in its own language.
            let said: Vec<&String> = alts
                .iter()
                .filter(|a| own.iter().any(|i| a.ends_with(i.as_str())))
                .collect();
            assert!(said.len() >= 3, "{plan} {copy}: {alts:?}");
            if lang != "en" {
                let english_ones: Vec<&String> = alts
                    .iter()
                    .filter(|a| english.iter().any(|i| a.ends_with(i.as_str())))
                    .collect();
                assert!(
                    english_ones.is_empty(),
                    "{plan} {copy}: English ideas {english_ones:?} in {alts:?}"
                );
            }
        }
    }
}
