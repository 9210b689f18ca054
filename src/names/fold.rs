//! Making text comparable: compatibility forms, accents and case folded, invisible and
//! control characters removed, lookalike letters made Latin.

use super::*;

/// Characters that join or part names in one field ("Kelly/Lee", "Kelly Marsh - ex").
pub(super) fn parts_name(c: char) -> bool {
    matches!(
        c,
        '/' | '&' | '+' | ';' | '|' | ':' | ',' | '\u{2013}' | '\u{2014}' | '\\'
    )
}

/// Characters that are there but cannot be seen: they are removed before matching, so a
/// name with one pasted inside is still the name.
pub(super) fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
        || (c.is_control() && !c.is_whitespace())
}

/// Letters of other scripts that look like Latin ones (Cyrillic "а", Greek "ο", small
/// capitals "ᴋ"), as the Latin letter: a name typed with one is still the name. Used only
/// for matching, on both the names and the text, so names in those scripts still match.
pub(super) fn lookalike(c: char) -> char {
    match c {
        'а' => 'a',
        'в' => 'b',
        'е' | 'ё' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'α' => 'a',
        'ο' => 'o',
        'ρ' => 'p',
        'ε' => 'e',
        'κ' => 'k',
        'ν' => 'v',
        'τ' => 't',
        'ι' => 'i',
        'υ' => 'u',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        'Ꭺ' => 'A',
        'Ᏼ' => 'B',
        'Ꮯ' => 'C',
        'Ꭼ' => 'E',
        'Ꮋ' => 'H',
        'Ꮶ' => 'K',
        'Ꮇ' => 'M',
        'Ꮲ' => 'P',
        'Ꮪ' => 'S',
        'Ꭲ' => 'T',
        'Ꮃ' => 'W',
        'Ӏ' | 'ǀ' => 'l',
        'ɩ' | 'ı' => 'i',
        'ɑ' => 'a',
        'ɡ' => 'g',
        'ȷ' => 'j',
        'ʋ' => 'u',
        c => c,
    }
}

/// Scripts written without spaces between words: a name in them is found anywhere.
pub(super) fn spaceless(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{AC00}'..='\u{D7AF}' // Hangul
        | '\u{20000}'..='\u{2FFFF}')
}

/// Text made comparable, keeping case: compatibility forms and accents folded, invisible
/// characters removed, curly apostrophes straightened, runs of white space made one space.
pub(super) fn fold_keep_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && !invisible(*c))
    {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{00b4}' => '\'',
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

/// Text ready for matching: `%`-escapes in link addresses decoded (`k%6Darsh` is `kmarsh`),
/// folded, and lookalike letters made Latin.
pub(super) fn for_matching(s: &str) -> String {
    let decoded = if s.contains('%') {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    } else {
        s.to_string()
    };
    // Tags written into text are shown as text, and could split a name: "<b>A</b>lex".
    let mut bare = String::with_capacity(decoded.len());
    let mut rest = decoded.as_str();
    while let Some(at) = rest.find('<') {
        bare.push_str(&rest[..at]);
        let after = &rest[at..];
        match after.find('>') {
            Some(end) if end <= 64 && !after[1..end].contains('<') => rest = &after[end + 1..],
            _ => {
                bare.push('<');
                rest = &after[1..];
            }
        }
    }
    bare.push_str(rest);
    fold_keep_case(&bare).chars().map(lookalike).collect()
}
