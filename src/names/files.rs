//! File and folder names made from people's names.

use super::*;

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

/// True when `a`, a name in `not_for` or `only_for`, is the sharing entry named `b`: the
/// same name once case, accents and punctuation are set aside (so the same folder).
pub fn same_recipient(a: &str, b: &str) -> bool {
    file_name(a) == file_name(b)
}
