use super::*;
use std::sync::OnceLock;

/// The real renderer: vendored fonts and pictures, built-in templates.
fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| {
        let styles = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles");
        Renderer::from_dirs(
            &[&styles.join("fonts")],
            Some(&styles.join("pictures")),
            Templates::builtin(),
        )
        .unwrap()
    })
}

/// A renderer whose large-print template is `template`.
fn with_template(template: &str) -> Renderer {
    let styles = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles");
    let templates = Templates {
        large_print: template.into(),
        ..Templates::builtin()
    };
    Renderer::from_dirs(
        &[&styles.join("fonts")],
        Some(&styles.join("pictures")),
        templates,
    )
    .unwrap()
}

fn view(sections: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "lang": "en-GB", "title": "Test plan", "plan_id": "test", "person_name": "Test Person",
        "preferred_name": "Test", "date_iso": "2026-03-14", "date_text": "14 March 2026",
        "audience": { "kind": "person", "name": "Test Person", "notice": ["This copy is for you."] },
        "labels": { "page": "Page", "of": "of", "words_heading": "Words we use" },
        "sections": sections,
    }))
    .unwrap()
}

fn para(s: &str) -> serde_json::Value {
    serde_json::json!({ "type": "paragraph", "text": [{ "t": "p", "c": [{ "t": "text", "s": s }] }] })
}

const HOSTILE: [&str; 12] = [
    "#read(\"/etc/passwd\")",
    "#import \"@preview/x:1.0.0\"",
    "$x^2$",
    "]",
    "<label>",
    "@ref",
    "//",
    "*bold*",
    "#{panic()}",
    "= heading",
    "\\",
    "```raw```",
];

/// pdftotext's output, or None when poppler is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("ourplan-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!(
        "{:x}.pdf",
        pdf.len() ^ pdf.iter().map(|&b| b as usize).sum::<usize>()
    ));
    std::fs::write(&path, pdf).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&path);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).replace('\u{200B}', ""))
}

#[test]
fn only_long_runs_in_a_card_get_break_chances() {
    assert_eq!(break_long_runs("Samaritans 116 123"), "Samaritans 116 123");
    let long = "https://example.org/a/very/long/path";
    let broken = break_long_runs(long);
    assert_eq!(broken.replace('\u{200B}', ""), long);
    assert_eq!(broken.matches('\u{200B}').count(), 3);
    let mut v = serde_json::json!({"tel": "tel:+441134960412", "s": "x".repeat(30)});
    card_breaks(&mut v, false);
    assert_eq!(v["tel"], "tel:+441134960412");
    assert!(v["s"].as_str().unwrap().contains('\u{200B}'));
}

#[test]
fn same_input_same_bytes() {
    let json = view(
        serde_json::json!([{ "id": "a", "heading": "About", "picture": "phone",
        "intro": null, "blocks": [para("Hello.")] }]),
    );
    for format in Format::PAGED {
        let a = renderer().render(format, &json).unwrap();
        let b = renderer().render(format, &json).unwrap();
        assert!(a.starts_with(b"%PDF-1.7"));
        assert!(
            a == b,
            "{} output differs between two renders",
            format.word()
        );
    }
}

#[test]
fn parallel_renders_agree() {
    let mut blocks: Vec<_> = (0..40).map(|i| para(&format!("Paragraph {i}."))).collect();
    blocks.push(
        serde_json::json!({ "type": "table", "caption": "T", "columns": ["A", "B"],
        "rows": (0..30).map(|i| [format!("{i}"), "x".into()]).collect::<Vec<_>>() }),
    );
    let json = view(
        serde_json::json!([{ "id": "a", "heading": "About", "picture": "phone",
        "intro": null, "blocks": blocks }]),
    );
    let first = renderer().render(Format::EasyRead, &json).unwrap();
    // Small stacks, as on rayon workers (2 MB) or smaller.
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(512 * 1024)
                    .spawn_scoped(s, || renderer().render(Format::EasyRead, &json).unwrap())
                    .unwrap()
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap() == first);
        }
    });
}

#[test]
fn render_all_keeps_order() {
    let a = view(
        serde_json::json!([{ "id": "a", "heading": "A", "picture": null, "intro": null, "blocks": [para("one")] }]),
    );
    let b = view(
        serde_json::json!([{ "id": "b", "heading": "B", "picture": null, "intro": null, "blocks": [para("two")] }]),
    );
    let jobs = [
        (Format::LargePrint, &a[..]),
        (Format::EasyRead, &b[..]),
        (Format::LargePrint, &b"{"[..]),
        (Format::EasyRead, &a[..]),
    ];
    let out = renderer().render_all(&jobs, 2);
    assert_eq!(out.len(), 4);
    assert!(*out[0].as_ref().unwrap() == renderer().render(Format::LargePrint, &a).unwrap());
    assert!(*out[1].as_ref().unwrap() == renderer().render(Format::EasyRead, &b).unwrap());
    assert!(out[2].as_ref().unwrap_err().contains("not valid JSON"));
    assert!(*out[3].as_ref().unwrap() == renderer().render(Format::EasyRead, &a).unwrap());
}

#[test]
fn user_text_is_never_code() {
    let mut blocks: Vec<_> = HOSTILE.iter().map(|s| para(s)).collect();
    blocks.push(serde_json::json!({ "type": "list", "heading": "#read(\"/etc/passwd\")", "items":
        HOSTILE.iter().map(|s| serde_json::json!({ "text": [{ "t": "p", "c": [{ "t": "text", "s": s }] }],
            "picture": "../../etc/passwd", "picture_alt": s, "meta": [s] })).collect::<Vec<_>>() }));
    blocks.push(para(&format!("START {} END", "W".repeat(10_000))));
    let json = view(
        serde_json::json!([{ "id": "x", "heading": "$x^2$ ] <label>", "picture": "nope",
        "intro": "@ref", "blocks": blocks }]),
    );
    for format in Format::PAGED {
        let pdf = renderer()
            .render(format, &json)
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(text) = pdftotext(&pdf) else {
            eprintln!("pdftotext not installed: text not checked");
            return;
        };
        for s in HOSTILE {
            assert!(
                text.contains(s),
                "{}: {s:?} missing from the text",
                format.word()
            );
        }
        assert!(!text.contains("root:"), "a file was read");
        let joined: String = text.split_whitespace().collect();
        assert!(
            joined.contains(&format!("START{}END", "W".repeat(10_000))) || {
                // Headers and footers interleave with a word that spans pages.
                text.matches('W').count() >= 10_000
            }
        );
    }
}

#[test]
fn empty_and_odd_values_are_left_out() {
    // UA-1 export refuses empty headings: these must not become any.
    let json = view(serde_json::json!([
        { "id": "a", "heading": "", "picture": null, "intro": "", "blocks": [
            { "type": "list", "heading": "   ", "items": [ { "text": [], "picture": null, "meta": [""] } ] },
            { "type": "contacts", "heading": null, "items": [ { "name": "", "phone": "", "tel": "", "when": "", "note": null } ] },
            { "type": "facts", "heading": "", "items": [ { "label": "", "value": [] } ] },
            { "type": "table", "caption": "", "columns": [], "rows": [] },
            { "type": "table", "caption": " ", "columns": ["A", ""], "rows": [[null, 3, "x"], []] },
            { "type": "unknown" }, 42, null,
            { "type": "paragraph", "text": [ { "t": "p", "c": [ { "t": "text", "s": "" }, { "t": "strong", "c": [] },
                { "t": "link", "href": "javascript:alert(1)", "c": [] }, { "t": "text", "s": null } ] } ] }
        ] },
        { "id": "b", "heading": null, "picture": "phone", "intro": null, "blocks": [] },
        { "id": "words", "heading": null, "picture": null, "intro": null, "blocks": [] }
    ]));
    for format in Format::PAGED {
        renderer()
            .render(format, &json)
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn bad_views_are_refused_clearly() {
    let r = renderer();
    assert!(
        r.render(Format::LargePrint, b"{")
            .unwrap_err()
            .contains("not valid JSON")
    );
    let mut v: serde_json::Value = serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
    v["title"] = "  ".into();
    let err = r
        .render(Format::LargePrint, &serde_json::to_vec(&v).unwrap())
        .unwrap_err();
    assert!(err.contains("no title"), "{err}");
    v["title"] = "T".into();
    v["date_iso"] = "2026-02-30".into();
    let err = r
        .render(Format::EasyRead, &serde_json::to_vec(&v).unwrap())
        .unwrap_err();
    assert!(err.contains("date_iso"), "{err}");
}

#[test]
fn the_world_serves_nothing_else() {
    let json = view(serde_json::json!([]));
    for (template, want) in [
        ("#read(\"/etc/passwd\")", "access denied"),
        ("#read(\"../../../etc/passwd\")", "escape the project root"),
        (
            "#import \"@preview/cetz:0.3.0\"",
            "packages are not available",
        ),
        ("#include \"/data.json\"", "access denied"),
        ("#import \"/crisis-card.typ\": *", "access denied"),
        ("#import \"/easy-read.typ\": *", "access denied"),
        (
            "#import \"helpers.typ/../../x.typ\": *",
            "escape the project root",
        ),
        (
            "#image(\"/pictures/nope.svg\", alt: \"x\")",
            "access denied",
        ),
        ("#datetime.today()", "current date"),
    ] {
        let err = with_template(&format!("#set document(title: \"t\")\n{template}"))
            .render(Format::LargePrint, &json)
            .unwrap_err();
        assert!(err.to_lowercase().contains(want), "{template}: {err}");
    }
    // What it does serve.
    let ok = with_template(
        "#import \"/helpers.typ\": text-of\n\
         #set document(title: \"t\")\n#set text(lang: \"en\")\n= T\n#text-of(json(\"/data.json\"), \"title\")\n\
         #image(\"/pictures/phone.svg\", width: 1cm, alt: sys.inputs.pictures.phone)",
    );
    ok.render(Format::LargePrint, &json).unwrap();
}

#[test]
fn characters_without_a_font_become_boxes_and_are_named() {
    let mut v: serde_json::Value = serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
    v["person_name"] = "张伟 🌱".into();
    let (pdf, warnings) = renderer()
        .render_with_warnings(Format::LargePrint, &serde_json::to_vec(&v).unwrap())
        .unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("U+5F20") && w.contains("add a font")),
        "{warnings:?}"
    );
    // The emoji has a font now (Noto Emoji): only the Chinese letters are boxes.
    assert!(
        !warnings.iter().any(|w| w.contains("U+1F331")),
        "{warnings:?}"
    );
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("\u{25A1}") && !text.contains('张'), "{text}");
        assert!(text.contains('🌱'), "{text}");
    }
}

/// A word the copy's language lacks is English, marked by the view; the marks never
/// print (as a box or otherwise).
#[test]
fn english_words_in_another_language_print_without_their_marks() {
    let mut v: serde_json::Value = serde_json::from_slice(&view(serde_json::json!([]))).unwrap();
    v["lang"] = "cy".into();
    v["title"] = "\u{E000}Sam's care and support plan\u{E001}".into();
    v["labels"]["page"] = "\u{E000}Page\u{E001}".into();
    // (The crisis card has no page numbers; it has its own tests.)
    for format in [Format::LargePrint, Format::EasyRead] {
        let (pdf, warnings) = renderer()
            .render_with_warnings(format, &serde_json::to_vec(&v).unwrap())
            .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        if let Some(text) = pdftotext(&pdf) {
            // The English words are left-to-right isolates (U+2066 ... U+2069), which
            // pdftotext keeps; they print as nothing.
            let text = text.replace(['\u{2066}', '\u{2069}'], "");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains("Sam's care and support plan"), "{text}");
            assert!(text.contains("Page 1"), "{text}");
            assert!(
                !text.contains('\u{FFFD}') && !text.contains('\u{E000}'),
                "{text}"
            );
        }
    }
}

#[test]
fn builtin_templates_pass_their_check_and_broken_ones_fail() {
    renderer().check_templates().unwrap();
    let err = with_template("#let x = (").check_templates().unwrap_err();
    assert!(
        err.starts_with("large-print PDF failed:\n  large-print.typ:1:"),
        "{err}"
    );
    // A team's broken helpers are named with their own line, for every template.
    let styles = Path::new(env!("CARGO_MANIFEST_DIR")).join("styles");
    let templates = Templates {
        helpers: format!("{}\n#let broken = (", Templates::builtin().helpers),
        ..Templates::builtin()
    };
    let lines = templates.helpers.lines().count();
    let err = Renderer::from_dirs(
        &[&styles.join("fonts")],
        Some(&styles.join("pictures")),
        templates,
    )
    .unwrap()
    .check_templates()
    .unwrap_err();
    assert!(err.contains(&format!("helpers.typ:{lines}:")), "{err}");
}

#[test]
fn the_templates_share_one_helpers_file_and_do_not_repeat_it() {
    // Each template imports the helpers, and defines none of them again.
    let t = Templates::builtin();
    let defined = |src: &str| -> Vec<String> {
        src.lines()
            .filter_map(|l| l.strip_prefix("#let "))
            .map(|l| l.split(['(', ' ', '=']).next().unwrap_or("").to_string())
            .collect()
    };
    let shared = defined(&t.helpers);
    assert!(shared.len() > 20, "{shared:?}");
    for (name, src) in [
        ("large-print", &t.large_print),
        ("easy-read", &t.easy_read),
        ("crisis-card", &t.crisis_card),
    ] {
        assert!(src.contains("#import \"/helpers.typ\": *"), "{name}");
        // A template may narrow a helper with `.with(...)`, never write it out again.
        let again: Vec<_> = src
            .lines()
            .filter_map(|l| l.strip_prefix("#let "))
            .filter(|l| {
                let n = l.split(['(', ' ', '=']).next().unwrap_or("");
                shared.iter().any(|s| s == n) && !l.contains(".with(")
            })
            .collect();
        assert!(
            again.is_empty(),
            "{name} writes out shared helpers again: {again:?}"
        );
    }
}

#[test]
fn cleans_text() {
    assert_eq!(clean_text("a\r\nb\tc\u{7}d\u{E123}"), "a\nb cd\u{FFFD}");
}

#[test]
fn parses_dates() {
    assert!(parse_date("2026-03-14").is_some());
    assert!(parse_date("2026-02-30").is_none());
    assert!(parse_date("14 March 2026").is_none());
    assert!(parse_date("2026-3-14").is_none());
}
