//! Hints for shape problems: whether a path is inside another, whether a name looks like text,
//! and how to quote a value.

/// True when the field path `inner` is `outer` or a part of it: `goals[1].id` is within
/// `goals[1]` and `goals`, but not within `goals[10]` or `goal`.
pub fn path_within(inner: &str, outer: &str) -> bool {
    outer.is_empty()
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// True when a field name looks like a line of text that a colon turned into a field name:
/// it has spaces, or letters other than a-z, or signs such as `!`, `,` or `?`.
pub fn looks_like_text(name: &str) -> bool {
    let name = name.trim();
    let words = name.split_whitespace().count();
    words >= 3
        || (words == 2 && name.chars().count() > 12)
        || name.chars().count() > 30
        || name.chars().any(|c| {
            matches!(
                c,
                ',' | '.' | '!' | '?' | ';' | '\'' | '\u{2019}' | '(' | ')'
            )
        })
        || name.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// The hint for a line of text that a colon turned into a field: put it in quotes.
pub fn quote_hint(key: &str, value: Option<&str>) -> String {
    let line = match value {
        Some(v) => format!("{}: {}", key.trim(), v.trim()),
        None => format!("{}: ...", key.trim()),
    };
    let quoted = if line.contains('"') {
        format!("'{}'", line.replace('\'', "''"))
    } else {
        format!("\"{line}\"")
    };
    format!(
        "the colon makes YAML read the words before it as a field name; put the whole line in quotes: {quoted}"
    )
}
