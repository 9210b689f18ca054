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

/// Section names in plain words.
fn section_words(key: &str) -> String {
    let w = &crate::words::EN;
    match key {
        "person" => "About you".to_string(),
        "key_worker" => w.key_worker.to_string(),
        "care_team" => w.care_team.to_string(),
        "about_me" => w.about_me.to_string(),
        "needs" => w.needs.to_string(),
        "goals" => w.goals.to_string(),
        "actions" => w.actions.to_string(),
        "crisis" => w.crisis.to_string(),
        "advance_statement" => w.advance.to_string(),
        "carers" => w.carers.to_string(),
        "sharing" => "Who gets a copy".to_string(),
        "agreement" => w.agreement.to_string(),
        "review" => w.review.to_string(),
        "outcomes" => w.outcomes.to_string(),
        other => other.replace('_', " "),
    }
}

/// One fact of a plan: its section, its text (`field: value`, or an item's fields joined by
/// `; `), and what makes it the same thing in another version, if anything does: a field of a
/// section (`key_worker`'s `phone`), or an item's `id` or `name`.
type Facts = BTreeMap<(String, String), Option<String>>;

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
            // A section's own fields are facts each: a new phone number is one change.
            if let NodeKind::Map(fields) = &v.kind {
                for (fk, fv) in fields {
                    let NodeKind::Str(field) = &fk.kind else {
                        continue;
                    };
                    let label = field.replace('_', " ");
                    if matches!(fv.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
                        let mut leaves = Vec::new();
                        flatten(fv, &label, &mut leaves);
                        for (leaf, id) in leaves {
                            out.insert((key.clone(), leaf), id);
                        }
                    } else {
                        let mut leaves = Vec::new();
                        flatten(fv, "", &mut leaves);
                        for (leaf, _) in leaves {
                            out.insert(
                                (key.clone(), format!("{label}: {leaf}")),
                                Some(label.clone()),
                            );
                        }
                    }
                }
                continue;
            }
            let mut leaves = Vec::new();
            flatten(v, "", &mut leaves);
            for (leaf, id) in leaves {
                out.insert((key.clone(), leaf), id);
            }
        }
    }
    out
}

/// The leaves under `node` as `(text, identity)`: scalars alone, an item written as a map
/// as one fact of its fields together, identified by its `id` or `name` if it has one.
fn flatten(node: &Node, label: &str, out: &mut Vec<(String, Option<String>)>) {
    let scalar = |s: String, out: &mut Vec<(String, Option<String>)>| {
        let text = plain(&rich(&s).blocks);
        if text.trim().is_empty() {
            return;
        }
        if label.is_empty() {
            out.push((text, None));
        } else {
            out.push((format!("{label}: {text}"), None));
        }
    };
    match &node.kind {
        NodeKind::Null => {}
        NodeKind::Bool(b) => scalar(if *b { "yes".into() } else { "no".into() }, out),
        NodeKind::Int(i) => scalar(i.to_string(), out),
        NodeKind::Float(f) => scalar(f.to_string(), out),
        NodeKind::Str(s) => scalar(s.clone(), out),
        NodeKind::Seq(items) => {
            for item in items {
                flatten(item, label, out);
            }
        }
        NodeKind::Map(entries) => {
            // An item written in full is one fact: its fields together.
            let mut parts = Vec::new();
            let mut identity = None;
            for (k, v) in entries {
                let NodeKind::Str(key) = &k.kind else {
                    continue;
                };
                if matches!(v.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
                    let sub = if label.is_empty() {
                        key.replace('_', " ")
                    } else {
                        format!("{label}, {}", key.replace('_', " "))
                    };
                    flatten(v, &sub, out);
                } else {
                    let mut leaf = Vec::new();
                    flatten(v, "", &mut leaf);
                    if let Some((text, _)) = leaf.pop() {
                        if identity.is_none() && (key == "id" || key == "name") {
                            identity = Some(format!("{label}/{key}: {text}"));
                        }
                        parts.push(format!("{}: {text}", key.replace('_', " ")));
                    }
                }
            }
            if !parts.is_empty() {
                let joined = parts.join("; ");
                if label.is_empty() {
                    out.push((joined, identity));
                } else {
                    out.push((format!("{label}: {joined}"), identity));
                }
            }
        }
    }
}

/// The fields of an item fact (`id: a; goal: Walk.`), after its label if it has one.
fn fields(text: &str) -> Vec<&str> {
    text.split("; ").collect()
}

/// What changed between two versions of a plan's text. A fact taken out and one added with
/// the same identity (the same field of a section, or an item with the same `id` or `name`)
/// is one change, showing only the fields that differ.
pub fn diff(old: &str, new: &str) -> Result<Vec<Change>, String> {
    let parse = |s: &str| node::parse(Path::new("plan"), s).map_err(|d| d.message.clone());
    let (old, new) = (facts(&parse(old)?), facts(&parse(new)?));
    let added: Vec<(&(String, String), &Option<String>)> =
        new.iter().filter(|(k, _)| !old.contains_key(*k)).collect();
    let mut removed: Vec<(&(String, String), &Option<String>)> =
        old.iter().filter(|(k, _)| !new.contains_key(*k)).collect();
    let mut changes: Vec<Change> = Vec::new();
    for ((section, text), id) in added {
        let pair = id.as_ref().and_then(|id| {
            removed
                .iter()
                .position(|((s, _), rid)| s == section && rid.as_ref() == Some(id))
        });
        match pair {
            Some(i) => {
                let ((_, was), _) = removed.remove(i);
                let (now_f, was_f) = (fields(text), fields(was));
                let differ = |a: &[&str], b: &[&str]| {
                    a.iter()
                        .filter(|f| !b.contains(f))
                        .copied()
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                changes.push(Change {
                    section: section.clone(),
                    kind: Kind::Changed,
                    text: differ(&now_f, &was_f),
                    was: Some(differ(&was_f, &now_f)),
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
    /// What the old version was (`on 2026-03-14`), and what changed since.
    Changes(String, Vec<Change>),
    /// Plain words on why there is nothing to compare.
    Nothing(String),
}

/// Compares a plan's text with its version in git at `since` (a revision or a date), or at
/// its last review when `since` is not given.
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
    let since = since.map(str::to_string).or_else(|| default_since(text));
    let looks_like_date = |s: &str| {
        s.len() == 10
            && s.chars().enumerate().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
    };
    let (rev, what) = match &since {
        Some(s) if looks_like_date(s) => {
            if s.parse::<jiff::civil::Date>().is_err() {
                return Err(format!(
                    "`{s}` is not a real date: write it as YYYY-MM-DD, for example 2026-05-10"
                ));
            }
            let before = format!("--before={s} 23:59:59");
            let found =
                git(dir, &["rev-list", "-1", &before, "HEAD", "--", &file]).unwrap_or_default();
            (found.trim().to_string(), format!("on {s}"))
        }
        Some(r) => {
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
            (r.clone(), format!("at {r}"))
        }
        None => {
            let first =
                git(dir, &["rev-list", "--max-parents=0", "HEAD", "--", &file]).unwrap_or_default();
            (
                first.lines().last().unwrap_or("").to_string(),
                "when it was first saved".to_string(),
            )
        }
    };
    if rev.is_empty() {
        return Ok(Compared::Nothing(format!(
            "There is no saved version of {} {what} or before.\nNothing to compare with yet: this may be a new plan.",
            plan.display()
        )));
    }
    let Ok(old) = git(dir, &["show", &format!("{rev}:./{file}")]) else {
        return Ok(Compared::Nothing(format!(
            "{} did not exist {what}: all of it is new.",
            plan.display()
        )));
    };
    let changes = diff(&old, text).map_err(|e| {
        format!("a version could not be read: {e}; run `ourplan check` on the plan")
    })?;
    Ok(Compared::Changes(what, changes))
}

/// The plain words for a change, for the person's copy: what was added, taken out or
/// changed, and where; ids left out.
pub fn plain_change(c: &Change) -> String {
    let w = &crate::words::EN;
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
    format!("{how} {}: {text}", section_words(&c.section))
}

pub fn run(plan: &Path, since: Option<&str>) -> ExitCode {
    let text = match crate::load::read_text(plan) {
        Ok(t) => t,
        Err(d) => return super::usage_error(&d.message, d.hint.as_deref().unwrap_or("")),
    };
    let (what, changes) = match compare(plan, &text, since) {
        Ok(Compared::Changes(what, changes)) => (what, changes),
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
    if changes.is_empty() {
        println!("\nNothing has changed.");
    }
    let mut last = String::new();
    for c in &changes {
        if c.section != last {
            println!("\n{}", section_words(&c.section));
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
        assert_eq!(
            plain_change(&c[3]),
            "Changed in My goals: goal: Cook every week."
        );
        assert_eq!(plain_change(&c[2]), "Added to My goals: goal: Sleep well.");
    }
}
