//! `ourplan changes PLAN [--since REV|DATE]`: what was added, removed or changed in a plan since
//! its last review (or since a git revision or date), section by section, in plain words. It
//! reads history with the `git` command; outside git, or with no history, it says so.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode};

use crate::load::node::{self, Kind as NodeKind, Node};
use crate::render::markdown::{plain, rich};

/// What happened to a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Added,
    Changed,
    Removed,
}

/// One change, in a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub section: String,
    pub kind: Kind,
    /// The fact as it is now (as it was, for one taken out). For a change, only the fields
    /// that differ.
    pub text: String,
    /// For a change: the same fields as they were.
    pub was: Option<String>,
}

/// Section names in plain words, in the words `w` (the copy's language): the words of the
/// section's key ("What is new" says `person` and `sharing` its own way).
fn section_words(key: &str, w: &crate::words::Words) -> String {
    w.get(&format!("news_{key}"))
        .or_else(|| w.get(key))
        .filter(|s| !s.is_empty())
        .map_or_else(|| key.replace('_', " "), str::to_string)
}

/// What is known of one fact besides its text: what makes it the same thing in another
/// version, if anything does (a field of a section, like `key_worker`'s `phone`, or an item's
/// `id`, `name` or `date`, under the item it is in); the label written before its fields
/// (`ratings of “Walk more”`); and the field that names it, to say which one changed.
#[derive(Debug, Clone, Default)]
struct Meta {
    identity: Option<String>,
    label: String,
    naming: Option<String>,
}

/// The facts of a plan by section and text (`field: value`, or an item's fields joined by
/// `; `), so two versions can be compared as sets.
type Facts = BTreeMap<(String, String), Meta>;

/// One fact found under a node: its text and what is known of it.
type Leaf = (String, Meta);

/// The facts of a plan, so two versions can be compared as sets.
fn facts(root: &Node) -> Facts {
    let mut out = Facts::new();
    if let NodeKind::Map(entries) = &root.kind {
        for (k, v) in entries {
            let NodeKind::Str(key) = &k.kind else {
                continue;
            };
            if key == "ourplan" {
                continue;
            }
            let mut leaves = Vec::new();
            // A section's own fields are facts each: a new phone number is one change.
            if let NodeKind::Map(fields) = &v.kind {
                for (fk, fv) in fields {
                    let NodeKind::Str(field) = &fk.kind else {
                        continue;
                    };
                    let label = field.replace('_', " ");
                    if matches!(fv.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
                        flatten(fv, &label, field, &mut leaves);
                    } else {
                        let mut scalar = Vec::new();
                        flatten(fv, "", "", &mut scalar);
                        for (leaf, _) in scalar {
                            let meta = Meta {
                                identity: Some(label.clone()),
                                ..Meta::default()
                            };
                            leaves.push((format!("{label}: {leaf}"), meta));
                        }
                    }
                }
            } else {
                flatten(v, "", key, &mut leaves);
            }
            for (leaf, meta) in leaves {
                out.insert((key.clone(), leaf), meta);
            }
        }
    }
    out
}

/// A scalar as plain text: Markdown taken out, yes and no for `true` and `false`.
fn scalar_text(node: &Node) -> Option<String> {
    let s = match &node.kind {
        NodeKind::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Float(f) => f.to_string(),
        NodeKind::Str(s) => s.clone(),
        _ => return None,
    };
    let text = plain(&rich(&s).blocks);
    (!text.trim().is_empty()).then_some(text)
}

/// The fields that say which item of a list is which, in order: the first one an item has
/// pairs it with itself in another version.
const IDENTITY: [&str; 3] = ["id", "name", "date"];
/// The fields that name an item to a reader, in order.
const NAMING: [&str; 6] = ["goal", "name", "what", "text", "date", "id"];

/// The leaves under `node`: scalars alone, and an item written as a map as one fact of its
/// fields together. `label` goes before the text; `scope` makes identities unique (the
/// section, or the item a list is in).
fn flatten(node: &Node, label: &str, scope: &str, out: &mut Vec<Leaf>) {
    let with_label = |text: String| {
        if label.is_empty() {
            text
        } else {
            format!("{label}: {text}")
        }
    };
    match &node.kind {
        NodeKind::Null => {}
        NodeKind::Seq(items) => {
            for item in items {
                flatten(item, label, scope, out);
            }
        }
        NodeKind::Map(entries) => {
            // An item written in full is one fact: its fields together.
            let mut parts = Vec::new();
            let mut found: BTreeMap<&str, String> = BTreeMap::new();
            for (k, v) in entries {
                if let (NodeKind::Str(key), Some(text)) = (&k.kind, scalar_text(v)) {
                    parts.push(format!("{}: {text}", key.replace('_', " ")));
                    found.entry(key.as_str()).or_insert(text);
                }
            }
            let identity = IDENTITY
                .iter()
                .find_map(|f| found.get(f).map(|t| format!("{scope}/{f}: {t}")));
            let naming = NAMING.iter().find_map(|f| {
                found
                    .get(f)
                    .map(|t| format!("{}: {t}", f.replace('_', " ")))
            });
            let name = NAMING[..4].iter().find_map(|f| found.get(f));
            // Lists inside the item are named by it: `ratings of “Walk more.”`.
            for (k, v) in entries {
                let NodeKind::Str(key) = &k.kind else {
                    continue;
                };
                if !matches!(v.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
                    continue;
                }
                let mut sub = key.replace('_', " ");
                if let Some(name) = name {
                    sub = format!("{sub} of “{}”", name.trim_end_matches('.'));
                }
                if !label.is_empty() {
                    sub = format!("{label}, {sub}");
                }
                let sub_scope = format!("{}/{key}", identity.as_deref().unwrap_or(scope));
                flatten(v, &sub, &sub_scope, out);
            }
            if !parts.is_empty() {
                out.push((
                    with_label(parts.join("; ")),
                    Meta {
                        identity,
                        label: label.to_string(),
                        naming,
                    },
                ));
            }
        }
        _ => {
            if let Some(text) = scalar_text(node) {
                out.push((
                    with_label(text),
                    Meta {
                        label: label.to_string(),
                        ..Meta::default()
                    },
                ));
            }
        }
    }
}

/// The fields of an item fact (`id: a; goal: Walk.`), after its label if it has one.
fn fields<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let text = if label.is_empty() {
        text
    } else {
        text.strip_prefix(label)
            .and_then(|t| t.strip_prefix(": "))
            .unwrap_or(text)
    };
    text.split("; ").collect()
}

/// What changed between two versions of a plan's text. A fact taken out and one added with
/// the same identity (the same field of a section, or an item with the same `id`, `name` or
/// `date` in the same place) is one change, showing only the fields that differ, after what
/// names the item when that is not what changed (`ratings of “Walk more”: date: 2026-01-05;
/// score: 8`, was `score: 7`).
pub fn diff(old: &str, new: &str) -> Result<Vec<Change>, String> {
    let parse = |s: &str| node::parse(Path::new("plan"), s).map_err(|d| d.message.clone());
    let (old, new) = (facts(&parse(old)?), facts(&parse(new)?));
    let added: Vec<(&(String, String), &Meta)> =
        new.iter().filter(|(k, _)| !old.contains_key(*k)).collect();
    let mut removed: Vec<(&(String, String), &Meta)> =
        old.iter().filter(|(k, _)| !new.contains_key(*k)).collect();
    let mut changes: Vec<Change> = Vec::new();
    for ((section, text), meta) in added {
        let pair = meta.identity.as_ref().and_then(|id| {
            removed
                .iter()
                .position(|((s, _), m)| s == section && m.identity.as_ref() == Some(id))
        });
        match pair {
            Some(i) => {
                let ((_, was), was_meta) = removed.remove(i);
                let (now_f, was_f) = (fields(text, &meta.label), fields(was, &was_meta.label));
                let differ = |a: &[&str], b: &[&str]| {
                    a.iter()
                        .filter(|f| !b.contains(f))
                        .copied()
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let (now_d, was_d) = (differ(&now_f, &was_f), differ(&was_f, &now_f));
                if now_d.is_empty() && was_d.is_empty() {
                    // Only the item it is in was renamed: that change is said there.
                    continue;
                }
                // Say which item changed, unless what names it is what changed.
                let mut prefix = meta.label.clone();
                if let Some(naming) = &meta.naming
                    && now_f.contains(&naming.as_str())
                    && !now_d.split("; ").any(|f| f == naming)
                {
                    prefix = if prefix.is_empty() {
                        naming.clone()
                    } else {
                        format!("{prefix}: {naming}")
                    };
                    prefix.push(';');
                } else if !prefix.is_empty() {
                    prefix.push(':');
                }
                let text = if prefix.is_empty() {
                    now_d
                } else {
                    format!("{prefix} {now_d}")
                };
                changes.push(Change {
                    section: section.clone(),
                    kind: Kind::Changed,
                    text,
                    was: Some(was_d),
                });
            }
            None => changes.push(Change {
                section: section.clone(),
                kind: Kind::Added,
                text: text.clone(),
                was: None,
            }),
        }
    }
    for ((section, text), _) in removed {
        changes.push(Change {
            section: section.clone(),
            kind: Kind::Removed,
            text: text.clone(),
            was: None,
        });
    }
    changes.sort_by(|a, b| (&a.section, a.kind, &a.text).cmp(&(&b.section, b.kind, &b.text)));
    Ok(changes)
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// The date to compare with by default: the last review, else the date agreed.
fn default_since(text: &str) -> Option<String> {
    let (plan, _) = crate::load::load_str(Path::new("plan"), text);
    let plan = plan?;
    plan.review
        .last
        .as_ref()
        .or(plan.agreement.as_ref().and_then(|a| a.agreed_on.as_ref()))
        .map(|d| d.iso())
}

/// The changes in a plan, or why there is nothing to compare with.
pub enum Compared {
    /// What the old version was (`on 2026-03-14`), what changed since, and whether the plan
    /// has edits that are not committed yet (they are in what changed).
    Changes(String, Vec<Change>, bool),
    /// Plain words on why there is nothing to compare.
    Nothing(String),
}

/// Every commit that changed the plan, newest first, with its commit time (seconds) and the
/// plan's path then (from the top of the repository). Renames (`git mv`) are followed; a
/// copy is where a plan begins (a plan started from another person's is not their history).
fn history(dir: &Path, file: &str) -> Vec<(String, i64, String)> {
    let log = git(
        dir,
        &[
            // Names as they are (`zoë.yaml`), not quoted.
            "-c",
            "core.quotePath=false",
            "log",
            "--follow",
            "--format=%x00%H %ct",
            "--name-status",
            "HEAD",
            "--",
            file,
        ],
    )
    .unwrap_or_default();
    let mut out = Vec::new();
    for entry in log.split('\0') {
        let mut lines = entry.lines().filter(|l| !l.trim().is_empty());
        let Some((hash, time)) = lines.next().and_then(|l| l.split_once(' ')) else {
            continue;
        };
        let Some(change) = lines.next() else { continue };
        let (Some(status), Some(path)) =
            (change.split('\t').next(), change.split('\t').next_back())
        else {
            continue;
        };
        let Ok(time) = time.trim().parse() else {
            continue;
        };
        out.push((hash.to_string(), time, path.to_string()));
        if status.starts_with('C') {
            break;
        }
    }
    out
}

/// The plan's text at a revision, under whichever name it had then.
fn text_at(dir: &Path, rev: &str, history: &[(String, i64, String)], file: &str) -> Option<String> {
    let mut names: Vec<String> = history.iter().map(|(_, _, p)| format!(":{p}")).collect();
    names.insert(0, format!(":./{file}"));
    names.dedup();
    names
        .iter()
        .find_map(|name| git(dir, &["show", &format!("{rev}{name}")]).ok())
}

/// Seconds since 1970 at the start of a day (in local time), or its end.
fn day_bound(day: jiff::civil::Date, end: bool) -> Option<i64> {
    let time = if end {
        day.tomorrow()
            .ok()?
            .to_zoned(jiff::tz::TimeZone::system())
            .ok()?
    } else {
        day.to_zoned(jiff::tz::TimeZone::system()).ok()?
    };
    Some(time.timestamp().as_second())
}

/// Compares a plan's text with its version in git at `since` (a revision or a date), or at
/// its last review when `since` is not given. Renames (`git mv`) are followed. With a date,
/// the version compared with is the one saved before that day began, so what was committed
/// that day is in what changed; with the last review, the version saved by the end of the
/// review's day (the plan as reviewed).
pub fn compare(plan: &Path, text: &str, since: Option<&str>) -> Result<Compared, String> {
    let dir = plan
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = plan
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if git(dir, &["rev-parse", "--is-inside-work-tree"]).is_err() {
        return Ok(Compared::Nothing(format!(
            "{} is not in a git repository, so there is no history to compare with.\nKeep plans in git to see what changed between reviews.",
            plan.display()
        )));
    }
    let looks_like_date = |s: &str| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
    };
    let history = history(dir, &file);
    let review = default_since(text);
    let (rev, what) = match (since, &review) {
        (Some(s), _) if looks_like_date(s) => {
            let Ok(day) = s.parse::<jiff::civil::Date>() else {
                return Err(format!(
                    "`{s}` is not a real date: write it as YYYY-MM-DD, for example 2026-05-10"
                ));
            };
            let start = day_bound(day, false).unwrap_or(i64::MIN);
            let found = history.iter().find(|(_, t, _)| *t < start);
            (
                found.map(|(h, _, _)| h.clone()).unwrap_or_default(),
                format!("from before {s}"),
            )
        }
        (Some(r), _) => {
            if r.starts_with('-')
                || git(
                    dir,
                    &[
                        "rev-parse",
                        "--verify",
                        "--quiet",
                        &format!("{r}^{{commit}}"),
                    ],
                )
                .is_err()
            {
                return Err(format!(
                    "git has no saved version called `{r}`: give a commit, a tag, or a date as YYYY-MM-DD"
                ));
            }
            (r.to_string(), format!("at {r}"))
        }
        (None, Some(day)) => {
            let end = day
                .parse::<jiff::civil::Date>()
                .ok()
                .and_then(|d| day_bound(d, true))
                .unwrap_or(i64::MAX);
            match history.iter().find(|(_, t, _)| *t < end) {
                Some((h, _, _)) => (h.clone(), format!("of the last review, {day}")),
                // Kept in git only since after the review: the first saved version is the
                // nearest there is.
                None => match history.last() {
                    Some((h, t, _)) => {
                        let saved = jiff::Timestamp::from_second(*t)
                            .map(|t| t.to_zoned(jiff::tz::TimeZone::system()).date().to_string())
                            .unwrap_or_default();
                        (
                            h.clone(),
                            format!(
                                "first saved in git, on {saved} (none was saved by the last review, {day})"
                            ),
                        )
                    }
                    None => (String::new(), format!("of the last review, {day}")),
                },
            }
        }
        (None, None) => (
            history
                .last()
                .map(|(h, _, _)| h.clone())
                .unwrap_or_default(),
            "first saved in git".to_string(),
        ),
    };
    if rev.is_empty() {
        return Ok(Compared::Nothing(format!(
            "There is no saved version of {} {}.\nNothing to compare with yet: this may be a new plan.",
            plan.display(),
            what.replacen("of ", "from ", 1)
        )));
    }
    let Some(old) = text_at(dir, &rev, &history, &file) else {
        return Ok(Compared::Nothing(format!(
            "{} did not exist {what}: all of it is new.",
            plan.display()
        )));
    };
    let changes = diff(&old, text).map_err(|e| {
        format!("a version could not be read: {e}; run `ourplan check` on the plan")
    })?;
    // Edits not committed yet are compared too: say so.
    let uncommitted =
        git(dir, &["status", "--porcelain", "--", &file]).is_ok_and(|s| !s.trim().is_empty());
    Ok(Compared::Changes(what, changes, uncommitted))
}

/// The plain words for a change, for the person's copy in the words `w` (its language): what
/// was added, taken out or changed, and where; ids left out.
pub fn plain_change(c: &Change, w: &crate::words::Words) -> String {
    let text = c
        .text
        .split("; ")
        .filter(|p| !p.starts_with("id: ") && !p.contains(": id: "))
        .collect::<Vec<_>>()
        .join("; ");
    let how = match c.kind {
        Kind::Added => w.news_added,
        Kind::Changed => w.news_changed,
        Kind::Removed => w.news_removed,
    };
    format!("{how} {}: {text}", section_words(&c.section, w))
}

pub fn run(plan: &Path, since: Option<&str>) -> ExitCode {
    let text = match crate::load::read_text(plan) {
        Ok(t) => t,
        Err(d) => return super::problem_error(&d),
    };
    let (what, changes, uncommitted) = match compare(plan, &text, since) {
        Ok(Compared::Changes(what, changes, uncommitted)) => (what, changes, uncommitted),
        Ok(Compared::Nothing(note)) => {
            println!("{note}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return super::usage_error(&e, ""),
    };
    println!(
        "What changed in {} since the version {what}:",
        plan.display()
    );
    if uncommitted {
        println!("(This includes edits to the file that are not committed to git yet.)");
    }
    if changes.is_empty() {
        println!("\nNothing has changed.");
    }
    let mut last = String::new();
    for c in &changes {
        if c.section != last {
            println!("\n{}", section_words(&c.section, crate::words::en()));
            last = c.section.clone();
        }
        match (c.kind, &c.was) {
            (Kind::Changed, Some(was)) => println!("  Changed: {} (was: {was})", c.text),
            (Kind::Added, _) => println!("  Added:   {}", c.text),
            _ => println!("  Removed: {}", c.text),
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_found_by_section() {
        let old = "ourplan: 1\nkey_worker:\n  name: Kim Lee\n  phone: \"0300 123 4567\"\ngoals:\n  - id: a\n    goal: Walk more.\n  - id: c\n    goal: Cook.\n    why: I like food.\ncrisis:\n  warning_signs: [I stop eating.]\n";
        let new = "ourplan: 1\nkey_worker:\n  name: Kim Lee\n  phone: \"0300 999 9999\"\ngoals:\n  - id: a\n    goal: Walk more.\n  - id: b\n    goal: Sleep well.\n  - id: c\n    goal: Cook every week.\n    why: I like food.\ncrisis:\n  warning_signs: [I stop sleeping.]\n";
        let c = diff(old, new).unwrap();
        let change = |section: &str, kind, text: &str, was: Option<&str>| Change {
            section: section.into(),
            kind,
            text: text.into(),
            was: was.map(Into::into),
        };
        assert_eq!(
            c,
            vec![
                // Two warning signs are two things, not one changed.
                change(
                    "crisis",
                    Kind::Added,
                    "warning signs: I stop sleeping.",
                    None
                ),
                change(
                    "crisis",
                    Kind::Removed,
                    "warning signs: I stop eating.",
                    None
                ),
                change("goals", Kind::Added, "id: b; goal: Sleep well.", None),
                // The same goal with new words: only what differs.
                change(
                    "goals",
                    Kind::Changed,
                    "goal: Cook every week.",
                    Some("goal: Cook.")
                ),
                // A new phone number is one change, not the key worker taken out and added.
                change(
                    "key_worker",
                    Kind::Changed,
                    "phone: 0300 999 9999",
                    Some("phone: 0300 123 4567")
                ),
            ]
        );
        assert!(diff(new, new).unwrap().is_empty());
        let en = crate::words::en();
        assert_eq!(
            plain_change(&c[3], en),
            "Changed in My goals: goal: Cook every week."
        );
        assert_eq!(
            plain_change(&c[2], en),
            "Added to My goals: goal: Sleep well."
        );
        // A Welsh copy says where in Welsh.
        let cy = crate::words::Tables::default().words("cy", false);
        assert_eq!(
            plain_change(&c[2], cy),
            format!("{} {}: goal: Sleep well.", cy.news_added, cy.goals)
        );
        assert!(!plain_change(&c[2], cy).contains("My goals"));
    }
}
