//! Tests of a plan read as a whole, and of the findings kept a sentence.

use super::*;
use crate::language::jargon::builtin_term_count;
use crate::language::tests::{lang, rules_of};

// --- a plan read as a whole ---------------------------------------------------------------

fn plan_found(l: &Language, texts: &[&str]) -> Vec<Vec<(String, &'static str)>> {
    let fields: Vec<(&str, TextKind)> = texts.iter().map(|t| (*t, TextKind::Ordinary)).collect();
    let (_, found) = l.check_plan(&fields, &["Jade Okafor", "Dr Adeyemi"]);
    found
        .into_iter()
        .zip(texts)
        .map(|(fs, t)| {
            fs.iter()
                .map(|f| (t[f.start..f.start + f.len].to_string(), f.rule))
                .collect()
        })
        .collect()
}

/// Issue 16: an explanation anywhere in the plan covers every use; a term nobody explains
/// is pointed out once, where it is first used.
#[test]
fn explained_once_anywhere_covers_every_use() {
    let l = lang();
    let texts = [
        "Jade is on a CTO.",
        "The CTO means she must live at her flat.",
        "Jade has a CTO (community treatment order) until June.",
        "Her CTO will be reviewed.",
        "The CTO says she sees the team.",
    ];
    let found = plan_found(&l, &texts);
    assert!(found.iter().all(Vec::is_empty), "{found:?}");
    // Never explained: one finding, at the first use, saying how many there are.
    let texts = [
        "Jade is on a CTO.",
        "Her CTO ends in June.",
        "The CTO says so.",
    ];
    let fields: Vec<(&str, TextKind)> = texts.iter().map(|t| (*t, TextKind::Ordinary)).collect();
    let (_, found) = l.check_plan(&fields, &[]);
    let all: Vec<&Finding> = found.iter().flatten().collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].message.contains("used 3 times"),
        "{}",
        all[0].message
    );
    assert!(!found[0].is_empty());
    // Short forms too.
    let texts = [
        "Jade sees the XYZ team.",
        "The XYZ (a team for young people) is kind.",
        "XYZ rings.",
    ];
    assert!(plan_found(&l, &texts).iter().all(Vec::is_empty));
    // The team's own terms are explained by the team's words, in the glossary.
    let team = Language::new(
        &[Term {
            term: "duty worker".into(),
            plain: "the worker on call today".into(),
        }],
        &[],
    );
    assert!(plan_found(&team, &["Ring the duty worker."])[0].is_empty());
    assert_eq!(
        rules_of(&team.check("Ring the duty worker.", TextKind::Ordinary)),
        ["jargon"]
    );
}

/// Issue 16: following the hint (explain it in brackets) does not raise a new warning on
/// the words it added.
#[test]
fn a_bracket_explanation_adds_no_reading_warning() {
    let l = lang();
    for text in [
        "Jade goes to DBT (dialectical behaviour therapy) on Tuesday mornings with her group.",
        "Jade has a CTO (community treatment order), so she sees the team every week at home.",
        "Ring the CRHT (the team that helps at home when you are very unwell) at any time.",
    ] {
        let fs = l.check(text, TextKind::Ordinary);
        assert!(fs.is_empty(), "{text}: {fs:?}");
    }
}

/// Issue 16: names, medicines and everyday words are not long words.
#[test]
fn names_medicines_and_everyday_words_are_not_hard() {
    let l = lang();
    let fields = [(
        "Dr Adeyemi gave Jade promethazine and amlodipine in December, and her family visited the hospital.",
        TextKind::Ordinary,
    )];
    let (_, found) = l.check_plan(&fields, &["Jade Okafor"]);
    for f in &found[0] {
        for w in [
            "Adeyemi",
            "Jade",
            "promethazine",
            "amlodipine",
            "December",
            "family",
            "hospital",
        ] {
            assert!(!f.hint.contains(w), "{w}: {f:?}");
        }
    }
    // The same sentence with long words that are none of these is harder.
    let names = Language::new(&[], &[]);
    let g = |t: &str| {
        let (_, f) = names.check_plan(&[(t, TextKind::Ordinary)], &["Jade Okafor"]);
        f[0].iter().any(|f| f.rule == "reading-level")
    };
    assert!(g(
        "Dr Adeyemi gave Jade considerable reassurance and explanation in consultation, and her relatives contemplated the documentation."
    ));
    let text = "Comprehensive psychological evaluation identified considerable difficulties regarding interpersonal communication. Additional investigation recommended.";
    let fs = l.check(text, TextKind::Ordinary);
    assert!(fs[0].hint.contains("\"psychological\""), "{}", fs[0].hint);
    assert!(!l.passes_easy_read("Monitor for extrapyramidal side effects."));
    assert!(l.passes_easy_read_with("Jade takes olanzapine at night.", &["Jade Okafor"]));
}

/// Issue 16: at most two findings a sentence, then how many more.
#[test]
fn two_findings_a_sentence_then_how_many_more() {
    let l = lang();
    let text = "The CMHT and the CRHT and the MDT will liaise regarding the depot, which is administered fortnightly by the CPN at the clinic on the corner.";
    let mut fs = l.check(text, TextKind::Ordinary);
    let all = fs.len();
    assert!(all > 2, "{fs:?}");
    l.limit(text, &mut fs);
    assert_eq!(fs.len(), 2, "{fs:?}");
    // One of each kind first: the first term, and that the sentence is long.
    assert_eq!(rules_of(&fs), ["long-sentence", "jargon"]);
    assert!(
        fs[1]
            .message
            .contains(&format!("and {} more in this sentence: jargon (", all - 2)),
        "{}",
        fs[1].message
    );
    // Each sentence has its own two.
    let text = "The CMHT and the CRHT and the MDT. The CPN and the depot and the PRN.";
    let mut fs = l.check(text, TextKind::Ordinary);
    l.limit(text, &mut fs);
    assert_eq!(fs.len(), 4, "{fs:?}");
    let all = l.check(text, TextKind::Ordinary);
    let mut same = all.clone();
    l.limit(text, &mut same);
    let mut again = all;
    l.limit(text, &mut again);
    assert_eq!(same, again);
    let mut every = l.check(text, TextKind::Ordinary);
    let n = every.len();
    lang().with_per_sentence(0).limit(text, &mut every);
    assert_eq!(every.len(), n);
}

#[test]
fn the_built_in_list() {
    let l = lang();
    let n = builtin_term_count();
    println!("built-in terms: {n}, spellings: {}", l.entries.len());
    assert!(n >= 80, "{n}");
    assert_eq!(l.terms().len(), n);
    let mut seen = HashMap::new();
    for e in &l.entries {
        let t = &l.terms[e.term];
        assert!(!t.plain.is_empty(), "{} has no plain words", t.term);
        let key = (e.words.join(" "), e.exact);
        if let Some(other) = seen.insert(key.clone(), e.term) {
            assert_eq!(other, e.term, "{key:?} is in two terms");
        }
    }
    // Every term in the domain.md §7 list is there.
    for term in [
        "CPA",
        "care co-ordinator",
        "CMHT",
        "CRHT",
        "HTT",
        "MDT",
        "EIP",
        "CPN",
        "OT",
        "AMHP",
        "sectioned",
        "s2",
        "s3",
        "s136",
        "CTO",
        "s117",
        "ADRT",
        "capacity",
        "formulation",
        "relapse signature",
        "depot",
        "LAI",
        "PRN",
        "DNA",
        "discharge",
        "step-up",
        "step-down",
        "HoNOS",
        "PROM",
        "DIALOG",
        "GBO",
        "ReQoL",
        "RiO",
        "SystmOne",
        "EPR",
        "LA",
        "ASC",
        "VCSE",
        "IMHA",
        "IMCA",
        "advocate",
        "co-produced",
        "compliance",
        "antipsychotic",
        "titrate",
        "nearest relative",
        "tribunal",
        "IAPT",
        "RC",
        "SHO",
        "psychoeducation",
        "concordance",
        "triage",
        "risk assessment",
        "safeguarding",
    ] {
        assert!(
            !l.hard_words(term).is_empty(),
            "{term} is not in the built-in list"
        );
    }
}
