//! Finding a person in text: is this the same person, and does this text name them? Used to
//! keep people who must not be contacted out of every copy made for someone else, and to stop
//! such a person being given a copy.
//!
//! Matching is on whole words, after folding case, accents ("Siobhán" is "siobhan"), Unicode
//! forms and curly apostrophes. A name is found by its full form, its first name alone, or a
//! title with the surname ("Mr Jones"). Titles are not first names ("Mr Tony Hart" is Tony),
//! and "Hart, Raj" is Raj Hart. A first name that is also an everyday word ("Will", "May")
//! counts only when written with a capital letter. Nicknames cannot be guessed: list each name
//! a person goes by.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// Titles that may come before a name.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "rev", "revd",
    "fr", "sr",
];

/// First names that are also everyday words: found only when written with a capital.
const EVERYDAY: &[&str] = &[
    "amber", "angel", "april", "art", "autumn", "bill", "bob", "carol", "chase", "cliff", "daisy",
    "dawn", "dean", "drew", "eve", "faith", "frank", "glen", "grace", "guy", "hazel", "heather",
    "holly", "hope", "hunter", "iris", "ivy", "jack", "jade", "joy", "june", "lily", "mark", "max",
    "may", "miles", "norman", "olive", "pat", "pearl", "penny", "ray", "rich", "river", "rob",
    "robin", "rose", "ruby", "sandy", "sky", "sue", "summer", "sunny", "victor", "wade", "will",
];

/// Text made comparable, keeping case: accents and other combining marks removed (after
/// Unicode decomposition), curly apostrophes straightened, runs of white space made one space.
fn fold_keep_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' => '\'',
            c => c,
        };
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

/// Text made comparable: as [`fold_keep_case`], and lower case.
pub fn fold(s: &str) -> String {
    fold_keep_case(s).to_lowercase()
}

/// True when `phrase` (folded, words separated by one space) is in `text` as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && text.match_indices(phrase).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// True when `text` names any of `names`. The text is folded once, however many names.
pub fn any_found_in(names: &[Name], text: &str) -> bool {
    if names.is_empty() {
        return false;
    }
    let kept = fold_keep_case(text);
    let lower = kept.to_lowercase();
    names.iter().any(|n| n.found_in_folded(&kept, &lower))
}

/// A person's name, ready to look for.
#[derive(Debug, Clone)]
pub struct Name {
    /// The words of the name without titles, in first-name-first order.
    words: Vec<String>,
}

impl Name {
    pub fn new(name: &str) -> Name {
        // "Kelly Marsh (ex-partner)": what is in brackets is a note, not a name.
        let mut bare = String::new();
        let mut depth = 0usize;
        for ch in name.chars() {
            match ch {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                c if depth == 0 => bare.push(c),
                _ => {}
            }
        }
        let folded = fold(&bare);
        // "Hart, Raj" is Raj Hart.
        let ordered = match folded.split_once(',') {
            Some((last, first)) if !first.trim().is_empty() => format!("{first} {last}"),
            _ => folded.replace(',', " "),
        };
        let mut words: Vec<String> = ordered
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        while words.len() > 1 && TITLES.contains(&words[0].as_str()) {
            words.remove(0);
        }
        Name { words }
    }

    fn full(&self) -> String {
        self.words.join(" ")
    }

    fn first(&self) -> Option<&str> {
        self.words.first().map(String::as_str)
    }

    fn last(&self) -> Option<&str> {
        (self.words.len() > 1).then(|| self.words[self.words.len() - 1].as_str())
    }

    /// True when `text` names this person.
    #[cfg(test)]
    pub fn found_in(&self, text: &str) -> bool {
        any_found_in(std::slice::from_ref(self), text)
    }

    /// As [`found_in`](Self::found_in), on text folded already (with and without case).
    fn found_in_folded(&self, kept: &str, lower: &str) -> bool {
        let Some(first) = self.first() else {
            return false;
        };
        if has_phrase(lower, &self.full()) {
            return true;
        }
        // A lone initial is too little to go on.
        if first.chars().count() >= 2 {
            if EVERYDAY.contains(&first) {
                let mut chars = first.chars();
                let capital: String = chars
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(chars)
                    .collect();
                if has_phrase(kept, &capital) || has_phrase(kept, &first.to_uppercase()) {
                    return true;
                }
            } else if has_phrase(lower, first) {
                return true;
            }
        }
        if let Some(last) = self.last() {
            for t in TITLES {
                if has_phrase(lower, &format!("{t} {last}"))
                    || has_phrase(lower, &format!("{t}. {last}"))
                {
                    return true;
                }
            }
        }
        false
    }

    /// True when `other`, a name, is plainly this person: the same name (titles, case, accents
    /// and "Surname, First" aside), or only this person's first name.
    pub fn same_as(&self, other: &str) -> bool {
        let other = Name::new(other);
        if self.words.is_empty() || other.words.is_empty() {
            return false;
        }
        self.words == other.words
            || (other.words.len() == 1 && other.first() == self.first())
            || (self.words.len() == 1 && self.first() == other.first())
    }
}

/// The most bytes a name made by [`file_name`] has. File systems allow 255 bytes a name (not
/// characters: a Cyrillic letter is two bytes, a Chinese one three); this leaves room for
/// `for-`, the plan's id and `-large-print.pdf` around it.
pub const MAX_NAME_BYTES: usize = 100;

/// A file or folder name made from a person's name: lower case, accents dropped ("Zoë
/// O'Brien" is `zoe-o-brien`), other scripts kept as they are ("王伟" is `王伟`), every run of
/// other characters one `-`. `x` when nothing is left. At most [`MAX_NAME_BYTES`] bytes: a
/// longer one is cut (see [`fit`]), so two long names still get different names.
pub fn file_name(name: &str) -> String {
    let mut out = String::new();
    for ch in fold(name).chars() {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "x".into()
    } else {
        fit(out, MAX_NAME_BYTES)
    }
}

/// `name` when it has at most `max` bytes; else its start, cut at a character boundary, and
/// `-` with 8 hex digits of a stable hash (FNV-1a) of the whole name, `max` bytes in all.
/// Two names that differ anywhere get different results (short of a hash collision), and the
/// same name always gets the same one.
pub fn fit(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let mut h = fnv::FnvHasher::default();
    std::hash::Hasher::write(&mut h, name.as_bytes());
    let suffix = format!("-{:08x}", std::hash::Hasher::finish(&h) as u32);
    let mut cut = max.saturating_sub(suffix.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}", name[..cut].trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_every_script_and_drop_accents() {
        assert_eq!(file_name("Zoë O'Brien"), "zoe-o-brien");
        assert_eq!(file_name("Siobhán  Kelly (sister)"), "siobhan-kelly-sister");
        assert_eq!(file_name("王伟"), "王伟");
        assert_eq!(file_name("محمد علي"), "محمد-علي");
        assert_ne!(file_name("王伟"), file_name("محمد علي"));
        assert_eq!(file_name("!!"), "x");
    }

    #[test]
    fn long_names_are_cut_to_fit_and_never_collide() {
        let cyrillic = file_name(&"Я".repeat(96));
        let latin = file_name(&"a".repeat(190));
        for n in [&cyrillic, &latin] {
            assert!(n.len() <= MAX_NAME_BYTES, "{} bytes: {n}", n.len());
        }
        assert!(cyrillic.starts_with("яя"), "{cyrillic}");
        // Differ only at the end, beyond the cut: still two names.
        let b = file_name(&format!("{}b", "a".repeat(189)));
        assert_ne!(latin, b);
        assert_eq!(latin, file_name(&"a".repeat(190)), "the same every time");
        // Cut inside a three-byte character: at the boundary before it.
        let chinese = fit(&"王".repeat(60), 50);
        assert!(
            chinese.len() <= 50 && chinese.starts_with('王'),
            "{chinese}"
        );
        assert_eq!(fit("short", 50), "short");
        // A cut that ends on `-` does not give `--`.
        assert!(!fit(&"ab-".repeat(60), 40).contains("--"));
    }

    #[test]
    fn finds_a_name_however_it_is_written() {
        let marcus = Name::new("Marcus Jones");
        for text in [
            "Marcus came round.",
            "marcus came round",
            "I saw MARCUS.",
            "Marcus's friends",
            "Marcus\u{2019}s friends",
            "Mr Jones called.",
            "Mr. Jones called.",
            "the number is marcus.jones@example.com",
            "Marcus  Jones",
        ] {
            assert!(marcus.found_in(text), "{text}");
        }
        for text in ["Marcusson came", "Jones the bakery", "Marc came"] {
            assert!(!marcus.found_in(text), "{text}");
        }
        assert!(Name::new("Mr Tony Hart").found_in("Tony keeps calling me"));
        assert!(Name::new("Hart, Raj").found_in("Raj's friends scare me"));
        assert!(Name::new("Al Brown").found_in("Al came round drunk"));
        assert!(!Name::new("Al Brown").found_in("We talk about alcohol"));
        assert!(Name::new("Ed").found_in("Ed shouts"));
        assert!(!Name::new("Ed").found_in("I was banned"));
        assert!(Name::new("Siobhán Kelly").found_in("Siobhan rang"));
        // The same letters stored two ways: a precomposed ë, and e with a combining mark.
        assert!(Name::new("Zo\u{eb}").found_in("Zoe\u{308} rang"));
        assert!(Name::new("Zoe\u{308} Smith").found_in("Zo\u{eb} rang"));
    }

    #[test]
    fn everyday_words_count_only_as_names() {
        let will = Name::new("Will Hughes");
        assert!(will.found_in("Will came to the flat."));
        assert!(will.found_in("I told WILL no."));
        assert!(will.found_in("will hughes"));
        assert!(!will.found_in("I will call the team."));
    }

    #[test]
    fn the_same_person() {
        let marcus = Name::new("Marcus Jones");
        assert!(marcus.same_as("marcus  jones"));
        assert!(marcus.same_as("Marcus"));
        assert!(marcus.same_as("Mr Marcus Jones"));
        assert!(marcus.same_as("Jones, Marcus"));
        assert!(!marcus.same_as("Marcus Smith"));
        assert!(!marcus.same_as("Jo Jones"));
        assert!(Name::new("Mr Tony Hart").same_as("Tony Hart"));
        assert!(marcus.same_as("Marcus Jones (ex-partner)"));
        assert!(!Name::new("").same_as(""));
    }
}
