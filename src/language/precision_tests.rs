//! How precise the rules are on plain text and the example plans, and a hand-run speed test.

use super::*;
use std::collections::HashSet;

use crate::language::tests::lang;

// --- precision ---------------------------------------------------------------------------

/// Keys whose values are not prose: ids, numbers, dates, choices, and names of people and
/// teams (proper nouns, which the language rules should not be run on).
const NOT_PROSE: &[&str] = &[
    "id",
    "phone",
    "email",
    "picture",
    "kind",
    "sections",
    "formats",
    "status",
    "language",
    "pronouns",
    "date",
    "date_of_birth",
    "target_date",
    "last",
    "next",
    "agreed_on",
    "copy_given_on",
    "offer_by",
    "more_help",
    "name",
    "team",
    "preferred_name",
];
/// The person's own words (docs/plan-format.md: "in my words").
const OWN_WORDS: &[&str] = &["what_matters", "goal", "my_views", "my_comment"];

fn plan_texts_in(
    v: &serde_json::Value,
    path: String,
    key: &str,
    out: &mut Vec<(String, String, TextKind)>,
) {
    match v {
        serde_json::Value::String(s) => {
            let slug = !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let date = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
            if NOT_PROSE.contains(&key) || slug || date {
                return;
            }
            let kind = if key == "easy_read" {
                TextKind::EasyRead
            } else if OWN_WORDS.contains(&key) {
                TextKind::OwnWords
            } else {
                TextKind::Ordinary
            };
            out.push((path, s.clone(), kind));
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                plan_texts_in(x, format!("{path}[{i}]"), key, out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                plan_texts_in(x, p, k, out);
            }
        }
        _ => {}
    }
}

/// Every prose field of the example plans: (plan file and field, text, kind).
fn example_plan_texts() -> Vec<(String, String, TextKind)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("plans folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut out = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read plan");
        let v: serde_json::Value = serde_saphyr::from_str(&src).expect("plan is YAML");
        let file = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        plan_texts_in(&v, file, "", &mut out);
    }
    out
}

fn plain_sentences() -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plain-sentences.txt");
    std::fs::read_to_string(path)
        .expect("plain sentences")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Findings on the example plans that are right: the text really has the problem the rule
/// names. Each is (where the field starts with, rule, text found).
const RIGHT: &[(&str, &str, &str)] = &[
    // "Advocate" is on the domain.md §7 list. The care team explains it for Faye's role,
    // but these two fields use it bare.
    (
        "daniel-price.yaml.agreement.not_involved.reason",
        "jargon",
        "advocate",
    ),
    (
        "daniel-price.yaml.agreement.written_with[2].role",
        "jargon",
        "Advocate",
    ),
];

/// Issue 5: false alarms under 5%, over the plain sentences and every prose field of the
/// example plans. Run with `--nocapture` to see the figures.
#[test]
fn precision_on_plain_text_and_the_example_plans() {
    let l = lang();
    let mut texts: Vec<(String, String, TextKind)> = plain_sentences()
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            (
                format!("plain-sentences.txt:{}", i + 1),
                s,
                TextKind::Ordinary,
            )
        })
        .collect();
    let plain_count = texts.len();
    assert!(plain_count >= 100, "{plain_count}");
    let plan_texts = example_plan_texts();
    let plan_count = plan_texts.len();
    texts.extend(plan_texts);
    let mut findings = 0;
    let mut wrong = Vec::new();
    let mut right = Vec::new();
    let mut per_rule: HashMap<&str, (usize, usize)> = HashMap::new();
    for (place, text, kind) in &texts {
        // Plain sentences are also checked as easy read: they should pass.
        let kinds: &[TextKind] = if place.starts_with("plain-") {
            &[TextKind::Ordinary, TextKind::EasyRead]
        } else {
            std::slice::from_ref(kind)
        };
        let mut seen = HashSet::new();
        for &k in kinds {
            for f in l.check(text, k) {
                let got = &text[f.start..f.start + f.len];
                if !seen.insert((f.rule, f.start, f.len)) {
                    continue;
                }
                findings += 1;
                let ok = RIGHT
                    .iter()
                    .any(|(p, r, t)| place.starts_with(p) && *r == f.rule && *t == got);
                let line = format!("{place} [{:?}] {}: \"{got}\" ({})", k, f.rule, f.message);
                let e = per_rule.entry(f.rule).or_default();
                if ok {
                    e.0 += 1;
                    right.push(line);
                } else {
                    e.1 += 1;
                    wrong.push(line);
                }
            }
        }
    }
    // The rate is false alarms for each text: every finding on a plain sentence counts as
    // wrong, and on a plan field unless it is listed in RIGHT.
    let rate = wrong.len() as f64 / texts.len() as f64;
    println!(
        "precision: {} texts ({plain_count} plain sentences, checked as ordinary and as easy read; {plan_count} prose fields of the example plans), {findings} findings, {} right, {} false alarms: {:.2}% of texts",
        texts.len(),
        right.len(),
        wrong.len(),
        rate * 100.0
    );
    let mut rules: Vec<_> = per_rule.into_iter().collect();
    rules.sort();
    for (rule, (r, w)) in rules {
        println!("  {rule}: {r} right, {w} wrong");
    }
    for line in &right {
        println!("  right: {line}");
    }
    for line in &wrong {
        println!("  WRONG: {line}");
    }
    assert!(
        rate < 0.05,
        "false alarms {:.1}%:\n{}",
        rate * 100.0,
        wrong.join("\n")
    );
    easy_read_report(&l);
}

/// For information: in plans that ask for easy read, the items with no `easy_read` version
/// whose ordinary text would not pass as easy read (issue 5, part 2: `check` warns for each).
fn easy_read_report(l: &Language) {
    fn walk(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                let text = ["text", "goal", "what"]
                    .iter()
                    .find_map(|k| m.get(*k).and_then(|t| t.as_str()));
                if let Some(t) = text
                    && !m.contains_key("easy_read")
                    && m.contains_key("id") == m.contains_key("goal")
                {
                    out.push((path.clone(), t.to_string()));
                }
                for (k, x) in m {
                    walk(x, format!("{path}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("plans")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for path in files {
        let src = std::fs::read_to_string(&path).expect("plan");
        let v: serde_json::Value = serde_saphyr::from_str(&src).expect("yaml");
        let wants = v["person"]["formats"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x == "easy-read"));
        if !wants {
            continue;
        }
        let mut items = Vec::new();
        walk(&v, String::new(), &mut items);
        let failing: Vec<_> = items
            .iter()
            .filter(|(_, t)| !l.passes_easy_read(t))
            .collect();
        println!(
            "easy read: {}: {} items without an easy_read version, {} would not pass",
            path.display(),
            items.len(),
            failing.len()
        );
        for (p, t) in failing {
            println!("  {p}: {t}");
        }
    }
}

/// The other side of precision: text written the way professionals write. Most of these
/// sentences should get a finding. Run with `--nocapture` to see which.
#[test]
fn professional_text_is_caught() {
    let l = lang();
    let texts = [
        "Service user was discharged from CRHT and stepped down to CMHT.",
        "Care co-ordinator to arrange MDT review following DNA.",
        "Depot to be titrated as per RC.",
        "PRN lorazepam available if agitated.",
        "Pt lacks capacity regarding finances; best interests meeting to be held.",
        "Relapse signature shared with NR.",
        "Formulation co-produced with client during psychoeducation sessions.",
        "Concordance with antipsychotic medication remains poor.",
        "Referred to IPS for vocational support.",
        "Safeguarding referral made to LA following disclosure.",
        "Currently on a CTO; s117 aftercare applies.",
        "Was detained under s3 following a s136 assessment.",
        "AMHP and SOAD contacted regarding tribunal.",
        "Collateral history obtained from mother, who reports deterioration.",
        "Euthymic in mood, no evidence of thought disorder.",
        "Risk assessment completed; protective factors include family.",
        "Step-up to HTT if presentation deteriorates.",
        "ECG and bloods due prior to clozapine initiation.",
        "Engagement with EIP has been variable.",
        "Signposted to IAPT for CBT.",
        "Client presents as guarded with limited insight.",
        "She was reviewed by the consultant on the ward round.",
        "It is not unlikely that he will be readmitted.",
        "Comprehensive multidisciplinary evaluation identified considerable interpersonal difficulties necessitating additional psychological intervention.",
        "Following the assessment the team agreed that a referral to the community rehabilitation service would be appropriate at this time given the current level of need.",
    ];
    let mut missed = Vec::new();
    for t in texts {
        let fs = l.check(t, TextKind::Ordinary);
        let got: Vec<String> = fs
            .iter()
            .map(|f| format!("{} \"{}\"", f.rule, &t[f.start..f.start + f.len]))
            .collect();
        println!("{t}\n    {got:?}");
        if fs.is_empty() {
            missed.push(t);
        }
    }
    println!("caught {} of {}", texts.len() - missed.len(), texts.len());
    assert!(missed.len() <= 2, "{missed:#?}");
}

/// A hand-run benchmark: `cargo test --release --bin ourplan precision_tests::speed -- --ignored
/// --nocapture`. Checks every prose field of the example plans 1,000 times over.
#[test]
#[ignore]
fn speed() {
    let texts = example_plan_texts();
    let plans = texts
        .iter()
        .map(|(p, _, _)| {
            p.split(':')
                .next()
                .unwrap_or("")
                .split('.')
                .next()
                .unwrap_or("")
        })
        .collect::<HashSet<_>>()
        .len();
    let t0 = std::time::Instant::now();
    let l = lang();
    let build = t0.elapsed();
    let rounds = 1000;
    let t1 = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (_, text, kind) in &texts {
            n += l.check(text, *kind).len();
            n += l.hard_words(text).len();
        }
    }
    let took = t1.elapsed();
    let per_plan = took.as_secs_f64() * 1e6 / (rounds * plans) as f64;
    println!(
        "speed: Language::new {:?}; {rounds} x {plans} plans ({} fields) checked in {:?}: {per_plan:.1} µs a plan ({n} findings)",
        build,
        texts.len(),
        took
    );
}
