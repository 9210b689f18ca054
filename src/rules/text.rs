//! Rules on the plan's words: its language, the tool's words in that language, plain
//! language in every text field, and the easy-read pictures.

use super::*;

/// Says that the plain-language rules did not run for a plan not in English.
pub(super) fn language_not_checked(c: &mut Checker, plan: &Plan) {
    let Some(lang) = &plan.person.language else {
        return;
    };
    c.push(
        "language-not-checked",
        lang.span,
        "person.language",
        format!(
            "the plain-language rules are made for English, so the words of this plan (in `{}`) were not checked",
            lang.trim()
        ),
        "ask someone who speaks the language to read the plan for hard words and long sentences".into(),
    );
}

/// Says which of ourplan's own words a copy's language has no translation for (they show in
/// English).
pub(super) fn tool_words(c: &mut Checker, plan: &Plan) {
    let tables = &c.cx.settings.words;
    let mut langs: Vec<(&Text, String)> = Vec::new();
    if let Some(l) = &plan.person.language {
        langs.push((l, "person.language".into()));
    }
    for (i, s) in plan.sharing.iter().enumerate() {
        if let Some(l) = &s.language {
            langs.push((l, format!("sharing[{i}].language")));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for (lang, field) in langs {
        let code = crate::words::primary(lang);
        if code.is_empty() || seen.contains(&code) || !is_language_tag(lang.trim()) {
            continue;
        }
        seen.push(code.clone());
        let (message, hint) = if !tables.has(&code) {
            (
                format!(
                    "ourplan has none of its own words (headings, labels, notes) in `{code}`, so they show in English"
                ),
                format!(
                    "add words/{code}.toml to the project: copy src/words/en.toml from ourplan and translate each line"
                ),
            )
        } else {
            let missing = tables.missing(&code, c.cx.pictures.keys().map(String::as_str));
            if missing.is_empty() {
                continue;
            }
            let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
            (
                format!(
                    "ourplan has {} of its own words with no translation in `{code}`, so they show in English: {}{}",
                    missing.len(),
                    shown.join(", "),
                    if missing.len() > 8 { ", ..." } else { "" }
                ),
                format!("add them to words/{code}.toml in the project"),
            )
        };
        c.push("missing-words", lang.span, &field, message, hint);
    }
}

/// A character no font has would print as □ in the PDFs: points at the first one in each
/// field, for a plan that makes a PDF.
pub(super) fn fonts(c: &mut Checker, plan: &Plan) {
    if !crate::glyphs::makes_pdf(plan) {
        return;
    }
    for m in crate::glyphs::missing(plan, c.cx.glyphs) {
        let span = span_in_field(c.cx.source, m.text, m.at, m.c.len_utf8());
        c.push(
            "no-font",
            span,
            &m.field,
            format!(
                "no font ourplan has can show `{}` (U+{:04X}), so the PDFs would print it as a box",
                m.c, m.c as u32
            ),
            "write it another way or leave it out; or add a font that has it to the project's styles/fonts".into(),
        );
    }
}

/// True for a BCP 47 language tag in the shape ourplan reads (`en-GB`, `cy`, `pa-Arab`).
pub(super) fn is_language_tag(tag: &str) -> bool {
    tag.split('-').enumerate().all(|(i, part)| {
        let n = part.len();
        if i == 0 {
            (2..=3).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphabetic())
        } else {
            (2..=8).contains(&n) && part.chars().all(|ch| ch.is_ascii_alphanumeric())
        }
    })
}

pub(super) fn language(c: &mut Checker, plan: &Plan) {
    let Some(lang) = &plan.person.language else {
        return;
    };
    if !is_language_tag(lang) {
        c.push(
            "invalid-language",
            lang.span,
            "person.language",
            format!("`{}` is not a language tag", lang.trim()),
            "write a tag such as en-GB, cy or pl".into(),
        );
    }
}

/// Every free-text field of a plan, with its kind, in file order.
pub fn plan_text_kinds(plan: &Plan) -> Vec<(&str, TextKind)> {
    texts(plan)
        .into_iter()
        .map(|(t, k, _)| (t.as_str(), k))
        .collect()
}

/// Every free-text field of a plan with its kind and field path, in the order they are in
/// the file (a term is pointed out where it is first used).
pub(super) fn texts(plan: &Plan) -> Vec<(&Text, TextKind, String)> {
    let mut out = texts_by_section(plan);
    out.sort_by_key(|(t, _, _)| t.span.start);
    out
}

pub(super) fn texts_by_section(plan: &Plan) -> Vec<(&Text, TextKind, String)> {
    crate::shape::texts(plan)
        .into_iter()
        .filter_map(|(field, text, kind)| kind.language().map(|k| (text, k, field)))
        .collect()
}

/// Where words at `start..start + len` of a field's text are in the file.
pub(super) fn span_in_field(source: &str, t: &Text, start: usize, len: usize) -> Span {
    let at = t.span.start.min(source.len());
    let rest = source.get(at..).unwrap_or("");
    // A plain or quoted value stands in the file as it is.
    for skip in [0, 1] {
        if rest
            .get(skip..)
            .is_some_and(|r| r.starts_with(t.value.as_str()))
        {
            return Span::at_offset(source, at + skip + start, len);
        }
    }
    // A block or escaped value: look for the words themselves near the value.
    if let Some(needle) = t.value.get(start..start + len) {
        let window = rest
            .get(..(t.value.len() * 2 + 256).min(rest.len()))
            .unwrap_or(rest);
        if let Some(i) = window.find(needle) {
            return Span::at_offset(source, at + i, len);
        }
    }
    t.span
}

/// The names of the people (and services) a plan names: the words of them in capitals.
pub fn plan_names(plan: &Plan) -> Vec<&str> {
    crate::shape::texts(plan)
        .into_iter()
        .filter(|(_, _, kind)| kind.is_name())
        .map(|(_, text, _)| text.as_str())
        .collect()
}

/// The plain-language rules, on every free-text field, read as a reader reads the whole copy:
/// a term explained anywhere in the plan (or by the team) is explained everywhere, one that is
/// not is pointed out once, where it is first used; names and medicines are not hard words;
/// and each sentence gets at most two findings (see [`Language::limit`]).
pub(super) fn plain_words(c: &mut Checker, plan: &Plan) {
    let lang = c.cx.language;
    let list = texts(plan);
    let names = plan_names(plan);
    let fields: Vec<(&str, TextKind)> = list.iter().map(|(t, k, _)| (t.as_str(), *k)).collect();
    let (_, mut found) = lang.check_plan(&fields, &names);
    // Text that goes into an easy-read copy without an easy-read version.
    let easy_copy = plan
        .person
        .formats
        .iter()
        .any(|f| f.value == Format::EasyRead)
        || plan
            .sharing
            .iter()
            .any(|s| s.formats.iter().any(|f| f.value == Format::EasyRead));
    // needs-easy-read is about a whole item: its field is the item's.
    let mut easy_fields: HashMap<usize, String> = HashMap::new();
    if easy_copy {
        let names = crate::language::Names::new(&names);
        let ideas = pictured(plan);
        no_easy_read_wording(c, plan, &ideas, lang, &names);
        for (text, easy, _, field) in ideas {
            if easy.is_some() || lang.passes_easy_read_among(text, &names) {
                continue;
            }
            let Some(i) = list.iter().position(|(t, _, _)| std::ptr::eq(*t, text)) else {
                continue;
            };
            found[i].push(crate::language::Finding {
                rule: "needs-easy-read",
                start: 0,
                len: text.len(),
                message: "this goes in the easy-read copy, but it is not easy to read as it is"
                    .into(),
                hint: "add `easy_read:` with a short, plain version; until then the easy-read copy shows this text".into(),
            });
            easy_fields.insert(i, field);
        }
    }
    for (i, ((text, _, field), mut fs)) in list.iter().zip(found).enumerate() {
        lang.limit(text, &mut fs);
        for f in fs {
            if f.rule == "needs-easy-read" {
                let field = easy_fields.get(&i).unwrap_or(field);
                c.push(f.rule, text.span, field, f.message, f.hint);
            } else {
                let span = span_in_field(c.cx.source, text, f.start, f.len);
                c.push(f.rule, span, field, f.message, f.hint);
            }
        }
    }
}

/// Easy read is asked for, yet no part of the plan has `easy_read:` wording and some of its text
/// is not easy to read: the easy-read copy would be the full text beside pictures. Said once,
/// at the `easy-read` the plan asks for (each part is also pointed out by `needs-easy-read`).
#[allow(clippy::type_complexity)]
fn no_easy_read_wording(
    c: &mut Checker,
    plan: &Plan,
    ideas: &[(&Text, Option<&Text>, Option<&Text>, String)],
    lang: &Language,
    names: &crate::language::Names,
) {
    if ideas.iter().any(|(_, easy, _, _)| easy.is_some()) {
        return;
    }
    let hard = ideas
        .iter()
        .filter(|(text, _, _, _)| !lang.passes_easy_read_among(text, names))
        .count();
    if hard == 0 {
        return;
    }
    let asked = plan
        .person
        .formats
        .iter()
        .enumerate()
        .find(|(_, f)| f.value == Format::EasyRead)
        .map(|(i, f)| (f.span, format!("person.formats[{i}]")))
        .or_else(|| {
            plan.sharing.iter().enumerate().find_map(|(j, s)| {
                s.formats
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.value == Format::EasyRead)
                    .map(|(i, f)| (f.span, format!("sharing[{j}].formats[{i}]")))
            })
        });
    let Some((span, field)) = asked else {
        return;
    };
    let parts = if hard == 1 {
        "1 part is".to_string()
    } else {
        format!("{hard} parts are")
    };
    c.push(
        "no-easy-read-wording",
        span,
        &field,
        format!("easy read is asked for, but nothing in the plan has easy-read wording, and {parts} not easy to read"),
        "add `easy_read:` to goals, actions and list items: one idea, 15 words or fewer, everyday words. Until then the easy-read copy shows the full text".into(),
    );
}

/// The parts of a plan that stand as one idea in an easy-read copy: list items, goals and
/// actions, each with its text, its easy-read version and its picture, and the field path.
#[allow(clippy::type_complexity)]
pub(super) fn pictured(plan: &Plan) -> Vec<(&Text, Option<&Text>, Option<&Text>, String)> {
    crate::shape::pictured(plan)
        .into_iter()
        .map(|(field, p)| (p.text, p.easy_read, p.picture, field))
        .collect()
}

/// Picture names must be known.
pub(super) fn pictures(c: &mut Checker, plan: &Plan) {
    let names: Vec<&str> = c.cx.pictures.keys().map(String::as_str).collect();
    for (_, _, picture, field) in pictured(plan) {
        let Some(p) = picture else { continue };
        let name = p.trim();
        if c.cx.pictures.contains_key(name) {
            continue;
        }
        let hint = match crate::load::convert::did_you_mean(name, &names) {
            Some(s) => format!("did you mean `{s}`? `ourplan pictures` lists them all"),
            None => "run `ourplan pictures` to see the names".into(),
        };
        c.push(
            "unknown-picture",
            p.span,
            &format!("{field}.picture"),
            format!("there is no picture called `{name}`"),
            hint,
        );
    }
}
