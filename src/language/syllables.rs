//! Syllables: how many a word has, by vowel groups with the usual silent endings, and a
//! list of words the rules count wrongly.

use super::FastMap;

/// Words the rules below count wrongly.
pub(super) const SYLLABLE_EXCEPTIONS: &[(&str, usize)] = &[
    ("every", 2),
    ("everyday", 3),
    ("everyone", 3),
    ("everybody", 4),
    ("everything", 3),
    ("everywhere", 3),
    ("anyone", 3),
    ("evening", 2),
    ("evenings", 2),
    ("business", 2),
    ("wednesday", 2),
    ("wednesdays", 2),
    ("create", 2),
    ("created", 3),
    ("quiet", 2),
    ("quietly", 3),
    ("diet", 2),
    ("science", 2),
    ("society", 4),
    ("poem", 2),
    ("lion", 2),
    ("period", 3),
    ("serious", 3),
    ("seriously", 4),
    ("various", 3),
    ("curious", 3),
    ("previous", 3),
    ("obvious", 3),
    ("video", 3),
    ("radio", 3),
    ("piano", 3),
    ("area", 3),
    ("areas", 3),
    ("idea", 3),
    ("ideas", 3),
    ("recipe", 3),
    ("maybe", 2),
    ("people", 2),
    ("because", 2),
    ("were", 1),
    ("where", 1),
    ("there", 1),
    ("here", 1),
    ("fire", 1),
    ("hour", 1),
    ("hours", 1),
    ("our", 1),
    ("choir", 1),
    ("being", 2),
    ("doing", 2),
    ("going", 2),
    ("seeing", 2),
    ("actually", 4),
    ("usually", 4),
    ("usual", 3),
    ("situation", 4),
    ("family", 3),
    ("families", 3),
    ("different", 3),
    ("interested", 3),
    ("medicine", 3),
    ("medicines", 3),
    ("favourite", 3),
    ("chocolate", 2),
    ("camera", 3),
    ("several", 3),
    ("general", 3),
    ("temperature", 4),
    ("comfortable", 4),
    ("vegetable", 3),
    ("vegetables", 3),
    ("nurse", 1),
    ("nurses", 2),
    ("mosque", 1),
    ("queue", 1),
    ("fuel", 2),
    ("cruel", 2),
    ("anxious", 2),
    ("mum", 1),
];

pub(super) fn syllable_exceptions() -> &'static FastMap<&'static [u8], usize> {
    static MAP: std::sync::OnceLock<FastMap<&'static [u8], usize>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        SYLLABLE_EXCEPTIONS
            .iter()
            .map(|&(w, n)| (w.as_bytes(), n))
            .collect()
    })
}

pub(super) fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Syllables in a lower-case word of ASCII letters.
pub(super) fn syllables_plain(w: &[u8]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    if let Some(k) = syllable_exceptions().get(w) {
        return *k;
    }
    let vowel = |i: usize| is_vowel(w[i]) && !(w[i] == b'y' && i == 0);
    let mut groups = 0;
    let mut in_group = false;
    for i in 0..n {
        let v = vowel(i);
        if v && !in_group {
            groups += 1;
        }
        in_group = v;
    }
    let mut count = groups as isize;
    let ends = |s: &str| w.ends_with(s.as_bytes());
    let cons = |i: usize| !vowel(i);
    // "le" or "re" after a consonant is a syllable of its own: "table", "centre".
    let le_at = |i: usize| {
        matches!(w[i], b'l' | b'r') && i >= 1 && cons(i - 1) && !matches!(w[i - 1], b'l' | b'r')
    };
    if groups > 1 {
        // A silent final e: "time", but not "table", "centre", "free" or "movie".
        if ends("e") && n >= 3 && cons(n - 2) && !le_at(n - 2) {
            count -= 1;
        }
        // A silent "ed": "walked", "called", but not "needed", "started" or "handled".
        if ends("ed") && n >= 4 && cons(n - 3) && !matches!(w[n - 3], b't' | b'd') && !le_at(n - 3)
        {
            count -= 1;
        }
        // A silent "es": "takes", but not "places", "wishes" or "tables".
        if ends("es") && n >= 4 && cons(n - 3) {
            let keep = matches!(w[n - 3], b's' | b'x' | b'z' | b'c' | b'g')
                || ends("ches")
                || ends("shes")
                || le_at(n - 3);
            if !keep {
                count -= 1;
            }
        }
        // A silent e inside a word: "lonely", "statement", "sometimes", "homework".
        const STEMS: &[&str] = &[
            "some", "home", "time", "care", "life", "wise", "fore", "more", "safe", "like", "base",
            "name", "late", "whole", "house", "side", "use", "hope", "nine", "five",
        ];
        const SUFFIXES: &[&str] = &[
            "ly", "ment", "ments", "ful", "fully", "ness", "less", "lessly",
        ];
        for i in 2..n.saturating_sub(1) {
            if w[i] != b'e' || !cons(i - 1) || !cons(i + 1) || le_at(i - 1) {
                continue;
            }
            if !(0..i - 1).any(vowel) {
                continue;
            }
            let prefix = std::str::from_utf8(&w[..=i]).unwrap_or("");
            let suffix = std::str::from_utf8(&w[i + 1..]).unwrap_or("");
            let compound = STEMS.contains(&prefix) && (i + 1..n).any(vowel);
            if compound || SUFFIXES.contains(&suffix) {
                count -= 1;
            }
        }
    }
    // Vowels that are two syllables: "going", "saying", "easier", "usual", "medium", "media".
    if n >= 4 && ends("ing") && vowel(n - 4) {
        count += 1;
    }
    if ends("ier") || ends("iest") || ends("iers") {
        count += 1;
    }
    for i in 1..n {
        let (a, b) = (w[i - 1], w[i]);
        let before = if i >= 2 { w[i - 2] } else { b' ' };
        if a == b'u' && b == b'a' && !matches!(before, b'q' | b'g') {
            count += 1;
        }
        if a == b'i' && b == b'u' {
            count += 1;
        }
        if a == b'i' && b == b'a' && !matches!(before, b'c' | b't' | b's' | b'x' | b'g') {
            count += 1;
        }
    }
    if groups > 1 && (ends("ea") || ends("ism") || ends("isms")) {
        count += 1;
    }
    count.max(1) as usize
}

/// Syllables in a word: vowel groups, with a silent final "e" and the usual endings dropped,
/// and a list of exceptions. A word with a digit counts as one (numbers are quick to read); a
/// word in capitals is read letter by letter (`NHS` has 3); at least one a word.
pub fn syllables(word: &str) -> usize {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return syllables_plain(word.as_bytes());
    }
    let (mut letters, mut upper, mut ws) = (0, 0, 0);
    for c in word.chars() {
        if c.is_ascii_digit() {
            return 1;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                ws += usize::from(c == 'W');
            }
        }
    }
    if letters == 0 {
        return 0;
    }
    if letters >= 2 && upper == letters {
        return letters + 2 * ws;
    }
    let w = ["'s", "\u{2019}s", "'S", "\u{2019}S"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word);
    let mut total = 0;
    let mut buf = [0u8; 64];
    for part in w.split(['-', '\u{2010}', '\u{2011}']) {
        let mut len = 0;
        let mut alpha = false;
        for c in part.chars() {
            alpha |= c.is_alphabetic();
            let lc = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            if let Some(b) = fold_letter(lc)
                && len < buf.len()
            {
                buf[len] = b;
                len += 1;
            }
        }
        if len > 0 {
            total += syllables_plain(&buf[..len]);
        } else if alpha {
            total += 1;
        }
    }
    total.max(1)
}

/// ASCII for common accented letters (café, naïve); apostrophes and other signs are dropped.
pub(super) fn fold_letter(c: char) -> Option<u8> {
    Some(match c {
        'a'..='z' => c as u8,
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => b'a',
        'è' | 'é' | 'ê' | 'ë' => b'e',
        'ì' | 'í' | 'î' | 'ï' => b'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => b'o',
        'ù' | 'ú' | 'û' | 'ü' => b'u',
        'ŵ' => b'w',
        'ŷ' | 'ÿ' => b'y',
        'ç' => b'c',
        'ñ' => b'n',
        _ => return None,
    })
}
