//! "Did you mean": the nearest field or rule names to a misspelled one (strsim).

/// The closest field name, if one is close enough to be a likely typo.
pub fn did_you_mean<'f>(name: &str, options: &[&'f str]) -> Option<&'f str> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', ' '], "_");
    let name = norm(name);
    options
        .iter()
        .map(|o| (strsim::levenshtein(&name, &norm(o)), *o))
        .filter(|(d, o)| *d <= 2.max(o.len() / 4))
        .min()
        .map(|(_, o)| o)
}

/// The `n` options nearest to `name` (as [`did_you_mean`] measures), nearest first; ties in
/// the order given.
pub fn nearest<'f>(name: &str, options: &[&'f str], n: usize) -> Vec<&'f str> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['-', ' '], "_");
    let name = norm(name);
    let mut scored: Vec<(usize, usize, &'f str)> = options
        .iter()
        .enumerate()
        .map(|(i, o)| (strsim::levenshtein(&name, &norm(o)), i, *o))
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, o)| o).collect()
}
