//! The people of a plan: those who must not be contacted, the person's own names and the
//! others the plan lists; whether a text or a name is about a hidden person.

use super::*;

/// The people a copy for someone else must never name, and the other people the plan lists
/// (so that sharing a first name or a surname with them does not hide them).
#[derive(Debug, Clone, Default)]
pub struct People {
    hidden: Vec<Name>,
    others: Vec<Name>,
    /// The person's own first names ("Sam" alone in their plan is them).
    own: Vec<String>,
}

impl People {
    /// `hidden`: the names of people who must not be contacted. `own`: the person's own
    /// names (full and preferred). `listed`: every other name the plan gives (workers,
    /// contacts, carers, recipients); those that are the hidden people themselves are not
    /// counted as others.
    pub fn new<'a>(
        hidden: impl IntoIterator<Item = &'a str>,
        own: impl IntoIterator<Item = &'a str>,
        listed: impl IntoIterator<Item = &'a str>,
    ) -> People {
        let hidden: Vec<Name> = hidden
            .into_iter()
            .flat_map(Name::all_in)
            .filter(|n| !n.first.is_empty())
            .collect();
        let own: Vec<&str> = own.into_iter().collect();
        let mut people = People {
            hidden,
            others: Vec::new(),
            own: Vec::new(),
        };
        // The person's own first name, unless it is the hidden person's whole name.
        people.own = own
            .iter()
            .map(|n| Name::new(n).first)
            .filter(|f| !f.is_empty())
            .collect();
        let others: Vec<Name> = own
            .into_iter()
            .chain(listed)
            .filter(|name| people.who(name) != Match::Certain)
            .map(Name::new)
            .filter(Name::is_full)
            .collect();
        people.others = others;
        people
    }

    /// True when there is nobody to look for.
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty()
    }

    fn others_in(&self, r: &Read) -> Vec<(usize, usize)> {
        self.others
            .iter()
            .flat_map(|o| o.full_runs(&r.words))
            .collect()
    }

    /// True when `text` names a person who must not be contacted.
    pub fn in_text(&self, text: &str) -> bool {
        if self.hidden.is_empty() {
            return false;
        }
        let r = read(text);
        // Every way of finding a name needs its first name or surname in the letters: most
        // texts are passed over without looking further.
        let could = |h: &&Name| {
            r.letters.contains(h.first.as_str())
                || !h.last.is_empty() && r.letters.contains(h.last.as_str())
                || h.spaceless
                    .as_ref()
                    .is_some_and(|s| r.letters.contains(s.as_str()))
        };
        let candidates: Vec<&Name> = self.hidden.iter().filter(could).collect();
        if candidates.is_empty() {
            return false;
        }
        let others = self.others_in(&r);
        candidates
            .into_iter()
            .any(|h| h.found(&r, &others, &self.own, false))
    }

    /// How surely `name`, the name of a contact or of someone to give a copy to, is (or
    /// names) a person who must not be contacted. A name joining two people ("Kelly and
    /// Lee", "Kelly/Lee") is as sure as its surest part; a part after a comma ("Lee, Kelly"
    /// is Kelly Lee) is only ever possible, unless it is a whole name.
    pub fn who(&self, name: &str) -> Match {
        let mut best = Match::No;
        for (part, after_comma) in parts(name) {
            let r = read(&part);
            let others = self.others_in(&r);
            for h in &self.hidden {
                let mut m = h.compare(&r, &others, &self.own);
                if after_comma && m >= Match::Likely && h.full_runs(&r.words).is_empty() {
                    m = Match::Possible;
                }
                best = best.max(m);
            }
        }
        best
    }

    /// True when an entry of `do_not_contact` is only a first name that is also one of the
    /// person's own (`own`): "Sam" alone in the plan is then taken to mean the person.
    pub fn only_own_first_name(entry: &str, own: &[&str]) -> bool {
        let n = Name::new(entry);
        n.last.is_empty()
            && !n.first.is_empty()
            && own.iter().any(|o| Name::new(o).first == n.first)
    }

    /// Which hidden names an entry of `do_not_contact` holds, when it holds more than one
    /// name or notes besides: for telling the team to write one name per entry.
    pub fn more_than_a_name(entry: &str) -> bool {
        let bare = without_brackets(entry);
        let words: Vec<&str> = bare.split_whitespace().collect();
        Name::all_in(entry).len() > 1
            || name_words(&words).len() < words.len()
            || bare
                .split_whitespace()
                .any(|w| JOINS.contains(&joined(&fold(w)).as_str()) || w == "-")
            || bare.chars().any(|c| parts_name(c) && c != ',')
            || (bare.contains(',') && !surname_first(&bare))
    }
}

/// The words of a name among notes: not words that say who someone is ("ex", "mum"),
/// numbers, or "Jr"; and, when two or more words have capitals, not those in lower case.
pub(super) fn name_words<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let note = |w: &str| {
        let j = joined(&fold(w));
        j.is_empty()
            || NOTE_WORDS.contains(&j.as_str())
            || SUFFIXES.contains(&j.as_str())
            || !w.chars().any(char::is_alphabetic)
    };
    let capitals = words
        .iter()
        .filter(|w| !note(w) && w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words
        .iter()
        .copied()
        .filter(|w| !note(w))
        .filter(|w| capitals < 2 || !w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// True for a name written "Surname, First" ("Marsh, Kelly"): one comma, one word each side.
pub(super) fn surname_first(name: &str) -> bool {
    name.matches(',').count() == 1
        && name
            .split(',')
            .all(|side| side.split_whitespace().count() == 1)
}

/// The people a name joins ("Kelly and Lee", "Kelly/Lee", "Kelly Marsh, ex-partner"), each
/// with whether it came after a comma, and the whole name.
pub(super) fn parts(name: &str) -> Vec<(String, bool)> {
    let mut parts = vec![(name.to_string(), false)];
    let mut pieces: Vec<(String, bool)> = vec![(String::new(), false)];
    for word in name.split_whitespace() {
        if JOINS.contains(&joined(&fold(word)).as_str()) || word == "-" {
            pieces.push((String::new(), false));
            continue;
        }
        let mut piece = String::new();
        for c in word.chars() {
            if parts_name(c) {
                let cur = pieces.last_mut().expect("a piece");
                cur.0.push(' ');
                cur.0.push_str(&piece);
                piece.clear();
                pieces.push((String::new(), c == ','));
            } else {
                piece.push(c);
            }
        }
        let cur = pieces.last_mut().expect("a piece");
        cur.0.push(' ');
        cur.0.push_str(&piece);
    }
    if pieces.len() > 1 {
        parts.extend(pieces);
    }
    parts.retain(|(p, _)| !p.trim().is_empty());
    parts
}
