//! The checker: reads every text of a plan together (a term explained once is explained
//! everywhere), runs each rule on each text and keeps the most useful findings a sentence.

use std::collections::{HashMap, HashSet};

use super::grammar::{double_negative, passive};
use super::jargon::{Entry, Hit, builtin, is_exact, norm};
use super::readability::{Reading, reading_finding};
use super::tokens::{Sent, Words, split, tokenize};
use super::{
    EASY_READ_MAX_GRADE, EASY_READ_MAX_WORDS, Finding, MIN_WORDS_FOR_GRADE, MIN_WORDS_SHORT,
    ORDINARY_MAX_GRADE, ORDINARY_MAX_WORDS, Term, TextKind,
};
use super::{FastMap, FastSet};

/// The plain-language checker: the built-in jargon list with a team's additions, less the
/// words the team allows.
#[derive(Debug)]
pub struct Language {
    pub(super) terms: Vec<Term>,
    pub(super) entries: Vec<Entry>,
    /// First word, in lower case, to the entries starting with it.
    pub(super) index: FastMap<String, Vec<usize>>,
    /// Allowed words, lower case.
    pub(super) allow: HashSet<String>,
    /// The terms a team added: its own plain words explain them (in the glossary of every
    /// copy), so in a plan they count as explained.
    pub(super) team: HashSet<usize>,
    /// At most this many findings a sentence (0: all).
    pub(super) per_sentence: usize,
}

/// At most this many plain-language findings a sentence, unless a team says otherwise.
pub const PER_SENTENCE: usize = 2;

impl Language {
    /// The built-in list, plus `extra_terms` from the team (a team's term replaces a built-in
    /// one with the same spelling), less every term or spelling in `allow` (matched in any case).
    pub fn new(extra_terms: &[Term], allow: &[String]) -> Language {
        let allow: HashSet<String> = allow
            .iter()
            .map(|a| norm(a.trim()).to_lowercase())
            .collect();
        let mut lang = Language {
            terms: Vec::new(),
            entries: Vec::new(),
            index: FastMap::default(),
            allow,
            team: HashSet::new(),
            per_sentence: PER_SENTENCE,
        };
        let mut all = builtin();
        let mut team_terms: HashSet<String> = HashSet::new();
        for t in extra_terms {
            team_terms.insert(t.term.trim().to_string());
            let key = norm(t.term.trim()).to_lowercase();
            all.retain(|(_, variants, _)| !variants.iter().any(|v| norm(v).to_lowercase() == key));
            all.push((
                Term {
                    term: t.term.trim().to_string(),
                    plain: t.plain.trim().to_string(),
                },
                vec![t.term.trim().to_string()],
                Vec::new(),
            ));
        }
        for (term, variants, not_after) in all {
            let kept: Vec<String> = variants
                .into_iter()
                .filter(|v| !lang.allow.contains(&norm(v).to_lowercase()))
                .collect();
            if kept.is_empty() || lang.allow.contains(&norm(&term.term).to_lowercase()) {
                continue;
            }
            let index = lang.terms.len();
            if team_terms.contains(&term.term) {
                lang.team.insert(index);
            }
            lang.terms.push(term);
            for v in kept {
                let v = norm(&v);
                let words: Vec<String> = tokenize(&v)
                    .iter()
                    .map(|t| v[t.start..t.end].to_string())
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let exact = is_exact(&v);
                let words: Vec<String> = if exact {
                    words
                } else {
                    words.iter().map(|w| w.to_lowercase()).collect()
                };
                let e = lang.entries.len();
                lang.index
                    .entry(words[0].to_lowercase())
                    .or_default()
                    .push(e);
                lang.entries.push(Entry {
                    spelling: v.clone(),
                    words,
                    exact,
                    term: index,
                    not_after: not_after.clone(),
                });
            }
        }
        lang
    }

    /// Every term the checker knows.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// At most `n` findings a sentence from now on (0: all of them).
    pub fn with_per_sentence(mut self, n: usize) -> Language {
        self.per_sentence = n;
        self
    }

    /// Checks one text (one field) on its own and returns every finding, in order: the
    /// same as a plan with only this text in it, with no names and no limit a sentence.
    #[cfg(test)]
    pub fn check(&self, text: &str, kind: TextKind) -> Vec<Finding> {
        let names = Names::default();
        let mut ctx = self.plan_context(&[(text, kind)], &names, false);
        self.check_in(&mut ctx, 0)
    }

    /// Checks every text of a plan, as a reader reads the whole copy (see [`PlanWords`]).
    /// `names` are the names of the people in the plan. One list of findings for each text,
    /// in order, before the limit a sentence (see [`Language::limit`]).
    pub fn check_plan(
        &self,
        texts: &[(&str, TextKind)],
        names: &[&str],
    ) -> (PlanWords, Vec<Vec<Finding>>) {
        let names = Names::new(names);
        let mut ctx = self.plan_context(texts, &names, true);
        let out = (0..texts.len())
            .map(|i| self.check_in(&mut ctx, i))
            .collect();
        (ctx.words, out)
    }

    pub(super) fn plan_context<'t>(
        &self,
        texts: &[(&'t str, TextKind)],
        names: &'t Names,
        plan: bool,
    ) -> Ctx<'t> {
        let mut fields = Vec::with_capacity(texts.len());
        let mut plan_words = PlanWords::default();
        if plan {
            plan_words.explained.extend(self.team.iter().copied());
        }
        for (fi, &(text, kind)) in texts.iter().enumerate() {
            let toks = tokenize(text);
            let sents = split(text, &toks);
            let words = Words::new(text, toks);
            let hits = self.find_terms(&words);
            for (hi, h) in hits.iter().enumerate() {
                if h.explained {
                    plan_words.explained.insert(h.term);
                }
                let e = plan_words.uses.entry(h.term).or_default();
                e.push((fi, hi, kind));
                plan_words
                    .order
                    .entry(h.term)
                    .or_insert((fi, h.start, h.entry));
            }
            fields.push(FieldText {
                text,
                kind,
                words,
                sents,
                hits,
            });
        }
        Ctx {
            fields,
            words: plan_words,
            names: &names.0,
            abbreviations: HashMap::new(),
            abbreviations_done: false,
        }
    }

    pub(super) fn check_in(&self, ctx: &mut Ctx, fi: usize) -> Vec<Finding> {
        if !ctx.abbreviations_done {
            // Short forms: where each is first used, how often, and whether it is explained.
            for f in 0..ctx.fields.len() {
                if ctx.fields[f].kind == TextKind::OwnWords {
                    continue;
                }
                let field = &ctx.fields[f];
                for (i, core, explained) in self.abbreviation_uses(&field.words, &field.hits) {
                    let e = ctx
                        .abbreviations
                        .entry(core.to_string())
                        .or_insert((f, i, 0, false));
                    e.2 += 1;
                    e.3 |= explained;
                }
            }
            ctx.abbreviations_done = true;
        }
        let field = &ctx.fields[fi];
        let (text, kind) = (field.text, field.kind);
        let words = &field.words;
        let hits = &field.hits;
        let mut out = Vec::new();
        for (hi, h) in hits.iter().enumerate() {
            if h.explained || ctx.words.explained.contains(&h.term) {
                continue;
            }
            // One finding for a term, where it is first used (in the team's words if it is
            // used there at all): explaining it there covers every use.
            let uses = &ctx.words.uses[&h.term];
            let first = uses
                .iter()
                .find(|(_, _, k)| *k != TextKind::OwnWords)
                .or(uses.first())
                .map(|&(f, i, _)| (f, i));
            if first != Some((fi, hi)) {
                continue;
            }
            let mut f = self.jargon_finding(text, h, kind);
            if uses.len() > 1 {
                f.message.push_str(&format!(
                    " (it is used {} times in the plan: explaining it once, here, covers them all)",
                    uses.len()
                ));
            }
            out.push(f);
        }
        if kind == TextKind::OwnWords {
            return out;
        }
        for (i, core, explained) in self.abbreviation_uses(words, hits) {
            let Some(&(f0, i0, n, anywhere)) = ctx.abbreviations.get(core) else {
                continue;
            };
            if explained || anywhere || (f0, i0) != (fi, i) {
                continue;
            }
            let start = words.toks[i].start;
            let mut message = format!(
                "\"{core}\" is a short form; many readers will not know what it stands for"
            );
            if n > 1 {
                message.push_str(&format!(
                    " (it is used {n} times in the plan: explaining it once, here, covers them all)"
                ));
            }
            out.push(Finding {
                rule: "unknown-abbreviation",
                start,
                len: core.len(),
                message,
                hint: "write the words out, or explain it in brackets straight after".into(),
            });
        }
        let sents = &field.sents;
        let read = Reading::new(words, hits, sents, ctx.names);
        let (max_words, max_grade) = match kind {
            TextKind::EasyRead => (EASY_READ_MAX_WORDS, EASY_READ_MAX_GRADE),
            _ => (ORDINARY_MAX_WORDS, ORDINARY_MAX_GRADE),
        };
        for s in sents {
            let n = read.words_in(s);
            if n > max_words {
                let easy = if kind == TextKind::EasyRead {
                    " in easy read"
                } else {
                    ""
                };
                out.push(Finding {
                    rule: "long-sentence",
                    start: s.start,
                    len: s.end - s.start,
                    message: format!(
                        "this sentence has {n} words; aim for {max_words} or fewer{easy}"
                    ),
                    hint: "split it into shorter sentences, with one idea in each".into(),
                });
            }
        }
        // A short field is scored only when it has a long word that is not a name, a
        // medicine or an everyday word: the formula means little for a few words, but a
        // short line of long, unusual words is hard to read all the same.
        let scored = read.words >= MIN_WORDS_FOR_GRADE
            || read.words >= MIN_WORDS_SHORT && read.hard_word().is_some();
        if scored {
            let grade = read.grade(sents.len());
            if grade > max_grade {
                out.push(reading_finding(text, &read, sents, grade, max_grade, kind));
            }
        }
        for s in sents {
            passive(words, s, &mut out);
            double_negative(words, s, &mut out);
        }
        out.sort_by_key(|f| (f.start, rule_order(f.rule)));
        out
    }

    /// Keeps the most useful findings of each sentence of `text` (at most the limit set
    /// with [`Language::with_per_sentence`]; jargon and whether it is easy read first, one of
    /// each kind before a second of any), and says on the
    /// last one kept how many more there are. A finding belongs to the sentence it starts in.
    pub fn limit(&self, text: &str, findings: &mut Vec<Finding>) {
        let n = self.per_sentence;
        if n == 0 || findings.len() <= n {
            return;
        }
        let toks = tokenize(text);
        let sents = split(text, &toks);
        let sentence_of = |f: &Finding| sents.iter().rposition(|s| s.start <= f.start).unwrap_or(0);
        let mut groups: std::collections::BTreeMap<usize, Vec<Finding>> =
            std::collections::BTreeMap::new();
        for f in findings.drain(..) {
            groups.entry(sentence_of(&f)).or_default().push(f);
        }
        for (_, mut group) in groups {
            if group.len() <= n {
                findings.extend(group);
                continue;
            }
            // The most useful first, one of each kind before a second of any.
            group.sort_by_key(|f| (usefulness(f.rule), f.start));
            let mut keep: Vec<Finding> = Vec::new();
            let mut rest: Vec<Finding> = Vec::new();
            for f in group {
                if keep.len() < n && !keep.iter().any(|k| k.rule == f.rule) {
                    keep.push(f);
                } else {
                    rest.push(f);
                }
            }
            while keep.len() < n && !rest.is_empty() {
                keep.push(rest.remove(0));
            }
            let mut group = keep;
            // "jargon (5), reading-level": each rule once, in the order kept.
            let mut kinds: Vec<(&'static str, usize)> = Vec::new();
            for f in &rest {
                match kinds.iter_mut().find(|(r, _)| *r == f.rule) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((f.rule, 1)),
                }
            }
            let names: Vec<String> = kinds
                .iter()
                .map(|(r, n)| {
                    if *n > 1 {
                        format!("{r} ({n})")
                    } else {
                        r.to_string()
                    }
                })
                .collect();
            group.sort_by_key(|f| (f.start, rule_order(f.rule)));
            if let Some(last) = group.last_mut() {
                last.message.push_str(&format!(
                    " (and {} more in this sentence: {}; fix these first, or set `per_sentence = 0` under [language] in ourplan.toml to see every one)",
                    rest.len(),
                    names.join(", ")
                ));
            }
            findings.extend(group);
        }
        findings.sort_by_key(|f| (f.start, rule_order(f.rule)));
    }

    /// The terms a text uses, in the order they first appear, each once (explained or not),
    /// spelt as the text spells them: for the "words we use" list at the end of a copy.
    pub fn hard_words(&self, text: &str) -> Vec<Term> {
        let words = Words::new(text, tokenize(text));
        let mut seen = HashSet::new();
        self.find_terms(&words)
            .into_iter()
            .filter(|h| seen.insert(h.term))
            .map(|h| self.term_as(h.term, h.entry))
            .collect()
    }

    /// A term as one of its spellings: "detained" rather than "sectioned".
    pub(super) fn term_as(&self, term: usize, entry: usize) -> Term {
        Term {
            term: self.entries[entry].spelling.clone(),
            plain: self.terms[term].plain.clone(),
        }
    }

    /// The terms a plan uses, as [`PlanWords`] found them: in the order they are first
    /// used, each once, spelt as the plan first spells them, and whether the plan (or the
    /// team) explains them. What `ourplan words` lists.
    pub fn plan_terms(&self, words: &PlanWords) -> Vec<(Term, bool)> {
        let mut list: Vec<(&usize, &(usize, usize, usize))> = words.order.iter().collect();
        list.sort_by_key(|(t, o)| (o.0, o.1, **t));
        list.into_iter()
            .map(|(&t, &(_, _, e))| (self.term_as(t, e), words.explained.contains(&t)))
            .collect()
    }

    /// True when the text is fit for the easy-read copy as it is: no sentence over 15 words, a
    /// grade of 6 or below (fields of 12 words or more), no jargon, unknown abbreviation,
    /// passive voice or double negative (the same as `check(text, EasyRead)` finding nothing),
    /// and no long word that is not an everyday word, a name or a medicine (4 syllables or
    /// more, or 3 in a word of 10 letters or more: "deterioration", "concordance").
    #[cfg(test)]
    pub fn passes_easy_read(&self, text: &str) -> bool {
        self.passes_easy_read_with(text, &[])
    }

    /// [`Language::passes_easy_read`], with the names of the people in the plan.
    #[cfg(test)]
    pub fn passes_easy_read_with(&self, text: &str, names: &[&str]) -> bool {
        self.passes_easy_read_among(text, &Names::new(names))
    }

    /// [`Language::passes_easy_read`], with the names of the people in the plan, read once
    /// for all of its texts.
    pub fn passes_easy_read_among(&self, text: &str, names: &Names) -> bool {
        let mut ctx = self.plan_context(&[(text, TextKind::EasyRead)], names, false);
        if !self.check_in(&mut ctx, 0).is_empty() {
            return false;
        }
        let field = &ctx.fields[0];
        let read = Reading::new(&field.words, &field.hits, &field.sents, ctx.names);
        read.hard_word().is_none()
    }
}

/// What the check of one text needs to know about the whole plan it is in.
#[derive(Debug, Default)]
pub struct PlanWords {
    /// Terms explained somewhere in the plan, or by the team.
    pub(super) explained: HashSet<usize>,
    /// Each term's uses: (text, hit, kind of text).
    pub(super) uses: HashMap<usize, Vec<(usize, usize, TextKind)>>,
    /// Where each term is first used: (text, byte, spelling).
    pub(super) order: HashMap<usize, (usize, usize, usize)>,
}

/// One text of a plan, read.
pub(super) struct FieldText<'t> {
    pub(super) text: &'t str,
    pub(super) kind: TextKind,
    pub(super) words: Words<'t>,
    pub(super) sents: Vec<Sent>,
    pub(super) hits: Vec<Hit>,
}

/// The words of the names of the people in a plan, in lower case ("sam", "o'neill"), read
/// once for every text of the plan.
#[derive(Debug, Clone, Default)]
pub struct Names(FastSet<String>);

impl Names {
    /// The words of `names` of two letters or more, without a possessive "'s".
    pub fn new(names: &[&str]) -> Names {
        let mut set = FastSet::default();
        for n in names {
            for t in tokenize(n) {
                let w = norm(&n[t.start..t.end]).to_lowercase();
                let w = w.strip_suffix("'s").map(str::to_string).unwrap_or(w);
                if w.chars().count() >= 2 {
                    set.insert(w);
                }
            }
        }
        Names(set)
    }
}

/// The texts of a plan, read, with what they say together.
pub(super) struct Ctx<'t> {
    pub(super) fields: Vec<FieldText<'t>>,
    pub(super) words: PlanWords,
    /// Words of the names of the people in the plan, lower case.
    pub(super) names: &'t FastSet<String>,
    /// Each short form: (text and word where first used, uses, explained anywhere).
    pub(super) abbreviations: HashMap<String, (usize, usize, usize, bool)>,
    pub(super) abbreviations_done: bool,
}

/// Which findings to keep first when a sentence has too many: the words a reader trips on
/// (jargon, short forms, whether it is easy read at all), then how the sentence is built.
pub(super) fn usefulness(rule: &str) -> usize {
    match rule {
        "jargon" => 0,
        "needs-easy-read" => 1,
        "unknown-abbreviation" => 2,
        "double-negative" => 3,
        "passive-voice" => 4,
        "long-sentence" => 5,
        "reading-level" => 6,
        _ => 7,
    }
}

pub(super) fn rule_order(rule: &str) -> usize {
    crate::catalog::language_rules()
        .position(|r| r.id == rule)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
#[path = "checker_tests.rs"]
mod tests;
