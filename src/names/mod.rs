//! Finding a person in text: is this the same person, and does this text name them? The one
//! matcher behind every choice about people who must not be contacted: who may be given a
//! copy, which contacts and entries a copy for someone else leaves out, and file names.
//!
//! Text is made comparable first: Unicode compatibility forms, accents and other marks are
//! folded ("Ciarán" is "ciaran"), invisible and control characters are removed (a soft hyphen
//! or zero-width space pasted from a word processor), and letter case is folded. A text is then
//! read as a run of words, where any mark that is not a letter or a digit (a space, an
//! apostrophe, a hyphen, a full stop, an `@`) ends a word. A name is found when a run of
//! words, joined, spells it: so "D'Souza", "D Souza" and "DSouza" are one name, and so are
//! "Mary-Jane" and "Mary Jane", and "kellymarsh88" holds "Kelly Marsh".
//!
//! A person is found by: their full name, either way round ("MARSH Kelly", "Marsh, Kelly");
//! a title with the surname ("Ms Marsh"); the first initial with the surname ("K. Marsh",
//! "kmarsh@…"); the first name with the surname's initial ("Kelly M"); the first name alone;
//! and the surname alone when written with a capital ("Marsh keeps turning up"). Names in
//! scripts written without spaces (Chinese, Japanese, Thai…) are found anywhere in the text.
//!
//! Two limits keep the person's own contacts in their copies: a first name that is also an
//! everyday word ("Will", "May") counts only with a capital, and a first or surname alone is
//! not counted where it is part of the full name of someone else the plan lists (the key
//! worker "Kelly Jones" is not "Kelly Marsh"). Nicknames cannot be guessed: list each name a
//! person goes by.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

mod files;
mod fold;
mod people;
mod read;
#[cfg(test)]
mod tests;
pub use files::*;
pub use fold::fold;
use fold::*;
pub use people::*;
use read::*;

/// Titles that may come before a name.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "revd",
    "fr", "sr",
];

/// Names that are also everyday words: found alone only when written as a name is (with a
/// capital, not as the first word of a sentence, and not in a line of capitals).
const EVERYDAY: &[&str] = &[
    "amber", "angel", "april", "art", "autumn", "bell", "bill", "black", "bob", "brown", "carol",
    "cat", "chase", "cliff", "cook", "daisy", "dawn", "day", "dean", "don", "drew", "eve", "faith",
    "frank", "glen", "grace", "green", "guy", "hall", "hazel", "heather", "hill", "holly", "hope",
    "hunter", "iris", "ivy", "jack", "jade", "jan", "joy", "june", "king", "lily", "little",
    "long", "mark", "marsh", "mason", "max", "may", "miles", "mind", "moss", "norman", "olive",
    "page", "pat", "pearl", "penny", "price", "ray", "rich", "river", "rob", "robin", "rose",
    "ruby", "sandy", "sky", "street", "sue", "summer", "sunny", "victor", "wade", "white", "will",
    "wood", "young",
];

/// Names that start questions as words ("Will you ring me?", "May I come?"): not a name at
/// the start of a sentence when one of `ASKS` follows.
const ASKING: &[&str] = &["will", "may", "can"];
const ASKS: &[&str] = &[
    "you", "i", "we", "they", "he", "she", "it", "someone", "anyone",
];

/// Two-letter short forms a care plan uses that are also names ("ED", "MO"): in capitals,
/// the short form.
const SHORT_FORMS: &[&str] = &["ed", "mo"];

/// Words after a name that say who someone is, not a name ("Jr", "DOB").
const SUFFIXES: &[&str] = &["jr", "jnr", "sr", "snr", "ii", "iii", "iv", "dob", "born"];

/// Months, and their short forms: a name that is one is not counted beside a number ("Jan
/// 2027", "12 May").
const MONTHS: &[&str] = &[
    "jan", "january", "feb", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "oct", "nov", "dec",
];

/// Words that say who someone is, written beside a name ("Ex-partner Kelly Marsh").
const NOTE_WORDS: &[&str] = &[
    "ex",
    "expartner",
    "partner",
    "husband",
    "wife",
    "exhusband",
    "exwife",
    "boyfriend",
    "girlfriend",
    "exboyfriend",
    "exgirlfriend",
    "father",
    "dad",
    "stepfather",
    "stepdad",
    "mother",
    "mum",
    "stepmother",
    "stepmum",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "cousin",
    "neighbour",
    "friend",
    "former",
    "old",
];

/// Words that join two people in one name ("Kelly and Lee"): each is looked at on its own.
const JOINS: &[&str] = &["and", "with", "or", "aka", "nee", "formerly"];

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// Not this person.
    No,
    /// Perhaps this person: a shared surname, or the first name used as a surname.
    Possible,
    /// Probably this person or about them: their first name with another word ("Alex
    /// Work", "Kelly Jones"). Refused unless the team records who they are.
    Likely,
    /// This person.
    Certain,
}

/// A person's name, ready to look for.
#[derive(Debug, Clone)]
pub struct Name {
    /// The first name, its parts joined ("Mary-Jane" is `maryjane`); empty if none.
    first: String,
    /// Middle names, each joined.
    middle: Vec<String>,
    /// The surname, its parts joined ("D'Souza" is `dsouza`); empty if only one name.
    last: String,
    /// The whole name with no spaces, when it is written in a script without spaces.
    spaceless: Option<String>,
}

fn joined(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Removes what is in brackets: "Kelly Marsh (ex-partner)" is a name and a note.
fn without_brackets(name: &str) -> String {
    let mut bare = String::new();
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    bare
}

impl Name {
    pub fn new(name: &str) -> Name {
        let kept = for_matching(&without_brackets(name));
        // "Hart, Raj" is Raj Hart.
        let ordered = match kept.split_once(',') {
            Some((last, first)) if !first.trim().is_empty() => format!("{first} {last}"),
            _ => kept.replace(',', " "),
        };
        let mut words: Vec<&str> = ordered
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        while words.len() > 1 && TITLES.contains(&joined(words[0]).as_str()) {
            words.remove(0);
        }
        // "MARSH Kelly", as record systems print names: the surname in capitals comes first.
        let all_caps = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        };
        if words.len() >= 2 && all_caps(words[0]) && !words[1..].iter().all(|w| all_caps(w)) {
            let last = words.remove(0);
            words.push(last);
        }
        let parts: Vec<String> = words.iter().map(|w| joined(w)).collect();
        let spaceless = kept
            .chars()
            .any(spaceless)
            .then(|| parts.concat())
            .filter(|s| s.chars().count() >= 2);
        match parts.as_slice() {
            [] => Name {
                first: String::new(),
                middle: Vec::new(),
                last: String::new(),
                spaceless,
            },
            [one] => Name {
                first: one.clone(),
                middle: Vec::new(),
                last: String::new(),
                spaceless,
            },
            [first, middle @ .., last] => Name {
                first: first.clone(),
                middle: middle.to_vec(),
                last: last.clone(),
                spaceless,
            },
        }
    }

    /// The names one entry of `do_not_contact` holds. People write more than a name there:
    /// "Kelly Marsh - ex", "Kelly Marsh née Smith", "Kelly Marsh / Kelly Smith", "Kelly
    /// Marsh aka Kel". Each name is looked for; words in lower case are taken as notes.
    pub fn all_in(entry: &str) -> Vec<Name> {
        let bare = without_brackets(entry);
        let mut names = vec![Name::new(&bare)];
        let whole = &names[0];
        let first = whole.first.clone();
        let mut pieces: Vec<String> = vec![String::new()];
        let mut maiden = Vec::new();
        for word in bare.split_whitespace() {
            let low = joined(&fold(word));
            if JOINS.contains(&low.as_str()) || word == "-" {
                if low == "nee" {
                    maiden.push(pieces.len());
                }
                pieces.push(String::new());
                continue;
            }
            for (k, piece) in word.split(parts_name).enumerate() {
                if k > 0 {
                    pieces.push(String::new());
                }
                let last = pieces.last_mut().expect("one piece at least");
                last.push(' ');
                last.push_str(piece);
            }
        }
        // Notes beside the name: words that say who they are, numbers, "Jr", and words in
        // lower case beside a name written with capitals.
        let words: Vec<&str> = bare.split_whitespace().collect();
        let kept = name_words(&words);
        if pieces.len() == 1 && kept.len() < words.len() && !kept.is_empty() {
            names[0] = Name::new(&kept.join(" "));
        }
        if pieces.len() > 1 && !surname_first(&bare) {
            for (k, piece) in pieces.iter().enumerate() {
                let words: Vec<&str> = piece.split_whitespace().collect();
                let named = name_words(&words);
                if named.is_empty() {
                    continue;
                }
                let text = named.join(" ");
                // "née Smith": her first name with the surname she was born with.
                let text = if maiden.contains(&k) && named.len() == 1 && !first.is_empty() {
                    format!("{first} {text}")
                } else {
                    text
                };
                let n = Name::new(&text);
                if !n.first.is_empty() {
                    names.push(n);
                }
            }
            // The whole entry read as one name is only right when it had no notes.
            if names.len() > 1 {
                names.remove(0);
            }
        }
        names
    }

    /// True when the name has a first name and a surname.
    fn is_full(&self) -> bool {
        !self.first.is_empty() && !self.last.is_empty()
    }

    /// The ways of writing the whole name, as joined letters.
    fn full_forms(&self) -> Vec<String> {
        if !self.is_full() {
            return Vec::new();
        }
        let mut forms = vec![
            format!("{}{}", self.first, self.last),
            format!("{}{}", self.last, self.first),
        ];
        if !self.middle.is_empty() {
            forms.push(format!(
                "{}{}{}",
                self.first,
                self.middle.concat(),
                self.last
            ));
            // "Mary Jane" of Mary Jane Smith.
            forms.push(format!("{}{}", self.first, self.middle.concat()));
        }
        forms
    }

    /// Where this full name is written in `words`, as runs of words.
    fn full_runs(&self, words: &[Word]) -> Vec<(usize, usize)> {
        let forms = self.full_forms();
        let mut runs = Vec::new();
        for i in 0..words.len() {
            for f in &forms {
                if let Some(j) = spells(words, i, f) {
                    runs.push((i, j));
                }
            }
        }
        runs
    }

    /// True when the run `i..j` of `words`, alone, is written as a name would be: not an
    /// everyday word used as a word, not a short form in capitals, not part of a longer
    /// hyphened word, not a month beside a number.
    fn as_a_name(words: &[Word], i: usize, j: usize, name: &str) -> bool {
        let w = &words[i];
        if w.link {
            return true; // grace@example.com, instagram.com/grace
        }
        if w.upper && SHORT_FORMS.contains(&name) {
            return false; // "ED", "MO": short forms
        }
        if name.chars().count() <= 2
            && (w.hyphen_before || words.get(j).is_some_and(|n| n.hyphen_before))
        {
            return false; // "Al-Anon"
        }
        let year = |n: &Word| {
            n.number && n.text.len() == 4 && (n.text.starts_with("19") || n.text.starts_with("20"))
        };
        let day = |n: &Word| n.number && n.text.len() <= 2;
        if MONTHS.contains(&name) && (i > 0 && day(&words[i - 1]) || words.get(j).is_some_and(year))
        {
            return false; // "Jan 2027", "12 May"
        }
        if EVERYDAY.contains(&name) {
            if !w.capital {
                return false;
            }
            if w.starts
                && ASKING.contains(&name)
                && words
                    .get(j)
                    .is_some_and(|n| ASKS.contains(&n.text.as_str()))
            {
                return false; // "Will you ring me first?"
            }
        }
        true
    }

    /// True when this name is found in `r`. `others`: where the full names of other people
    /// are written, where a first or surname alone does not count. `own`: the person's own
    /// first names, which alone are taken to mean the person. `field`: the text is a name (a
    /// contact or a recipient), where the first name followed by another surname is someone
    /// else, and a surname alone is only possible.
    fn found(&self, r: &Read, others: &[(usize, usize)], own: &[String], field: bool) -> bool {
        if self.first.is_empty() {
            return false;
        }
        if let Some(s) = &self.spaceless
            && r.letters.contains(s.as_str())
        {
            return true;
        }
        let words = &r.words;
        let inside_other = |i: usize, j: usize| others.iter().any(|&(a, b)| a <= i && j <= b);
        let initial: String = self.first.chars().take(1).collect();
        let last_initial: String = self.last.chars().take(1).collect();
        let forms = self.full_forms();
        for i in 0..words.len() {
            if forms.iter().any(|f| spells(words, i, f).is_some()) {
                return true;
            }
            if self.is_full() {
                // Ms Marsh, Mr. D'Souza, and run together: msmarsh.
                if TITLES.contains(&words[i].text.as_str())
                    && spells(words, i + 1, &self.last).is_some()
                {
                    return true;
                }
                if TITLES
                    .iter()
                    .any(|t| spells(words, i, &format!("{t}{}", self.last)).is_some())
                {
                    return true;
                }
                // K. Marsh, K Marsh, kmarsh@…
                if spells(words, i, &format!("{initial}{}", self.last)).is_some() {
                    return true;
                }
                // kellym@…
                if self.first.chars().count() >= 3
                    && spells(words, i, &format!("{}{last_initial}", self.first)).is_some()
                {
                    return true;
                }
                if let Some(j) = spells(words, i, &self.first) {
                    // Kelly M.
                    if words
                        .get(j)
                        .is_some_and(|w| w.text == last_initial && w.capital)
                    {
                        return true;
                    }
                    // Kelly Anne Marsh, Kelly-Ann Marsh: a middle name between.
                    for k in j + 1..=(j + 2).min(words.len()) {
                        if spells(words, k, &self.last).is_some() && !words[j].number {
                            return true;
                        }
                    }
                }
                // Marsh K, MARSH K., Marsh, K.
                if let Some(j) = spells(words, i, &self.last)
                    && words.get(j).is_some_and(|w| w.text == initial && w.capital)
                    && words.get(j + 1).is_none_or(|w| !w.capital || w.starts)
                {
                    return true;
                }
            }
            // The first name alone. A lone initial is too little to go on, and the person's
            // own first name alone is taken to mean the person.
            if self.first.chars().count() >= 2
                && (field || !own.contains(&self.first))
                && let Some(j) = spells(words, i, &self.first)
                && (field || Name::as_a_name(words, i, j, &self.first))
                && !inside_other(i, j)
            {
                // In a name, "Kelly Jones" is another Kelly and "Jo Kelly" or "Ms Kelly"
                // someone whose surname is Kelly; "Kelly's mum" is about her.
                let another_surname = field
                    && words
                        .get(j)
                        .is_some_and(|w| w.capital && w.text.chars().count() >= 2);
                let a_surname = field && i > 0 && words[i - 1].capital && !words[i - 1].number;
                if !another_surname && !a_surname {
                    return true;
                }
            }
            // "Kellys", "Marshs": a name with an s and no apostrophe.
            for n in [&self.first, &self.last] {
                if n.chars().count() >= 3
                    && !own.contains(n)
                    && words[i].capital
                    && let Some(j) = spells(words, i, &format!("{n}s"))
                    && j == i + 1
                    && !inside_other(i, j)
                {
                    return true;
                }
            }
            // The surname alone, written as a name is: with a capital. In a name field, only
            // as "Marsh's mum".
            if self.last.chars().count() >= 2
                && words[i].capital
                && let Some(j) = spells(words, i, &self.last)
                && Name::as_a_name(words, i, j, &self.last)
                && !inside_other(i, j)
                && (!field || words.get(j).is_some_and(|w| w.text == "s"))
            {
                return true;
            }
        }
        false
    }

    /// How surely `other`, the name of a contact or a recipient, is this person.
    fn compare(&self, r: &Read, others: &[(usize, usize)], own: &[String]) -> Match {
        if self.found(r, others, own, true) {
            return Match::Certain;
        }
        let words = &r.words;
        let two = |s: &String| s.chars().count() >= 2;
        let mut best = Match::No;
        for i in 0..words.len() {
            if two(&self.first)
                && let Some(j) = spells(words, i, &self.first)
            {
                if i == 0 && others.iter().all(|&(a, b)| !(a <= i && j <= b)) {
                    // Her first name, then another word ("Kelly Jones", "Alex Work"): likely
                    // her, unless the team records who they are.
                    return Match::Likely;
                }
                // Her first name after another name, as a surname or with a title ("Jo
                // Kelly", "Miss Kelly", "Lee, Kelly"), or someone listed as another person
                // ("Kelly Jones", the key worker).
                best = Match::Possible;
            }
            // A shared surname ("Jo Marsh", "J. Marsh", "The Marsh family").
            if two(&self.last) && spells(words, i, &self.last).is_some() {
                best = Match::Possible;
            }
        }
        best
    }
}
