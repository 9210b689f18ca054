//! Phone numbers, email addresses and opening hours: whether one is plausible (and what is
//! wrong with it when it is not), the `tel:` link a copy gives a phone number so it can be
//! tapped, and whether a contact's hours say it answers at any time.

/// True for a plausible UK phone number or an international one starting with `+`.
pub fn is_phone(s: &str) -> bool {
    phone_problem(s).is_none()
}

/// The big cities' area codes (`0113` Leeds, `0121` Birmingham...): their numbers always
/// have 11 digits, where some other `01` areas have 10.
const ELEVEN_DIGIT_AREAS: &[&str] = &[
    "0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161", "0191",
];

/// A UK number written with `+44` (or `+44 (0)`) as the same number starting with 0; other
/// countries' numbers are `None`.
fn uk_national(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = s.strip_prefix("+44")?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("(0)")
        .map(str::trim_start)
        .unwrap_or(rest);
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix('0').unwrap_or(&digits);
    Some(format!("0{digits}"))
}

/// Why `s` is not a phone number, if it is not: in words, for a message. UK numbers must
/// have the number of digits their start calls for (01 and 02 numbers 11, or 10 in a few
/// 01 areas; 03, 07, 08 and 09 numbers 11; 0800 10 or 11); short codes are 999, 112, 111,
/// 101, 119, 116 xxx, 118 xxx, and 5-digit text numbers starting 8 (85258). A number
/// starting with `+` and another country's code is only checked for its length.
pub fn phone_problem(s: &str) -> Option<String> {
    let s = s.trim();
    let international = s.starts_with('+');
    let body = s.strip_prefix('+').unwrap_or(s);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
    {
        return Some("it has letters or signs in it; write only the digits".into());
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let uk = if international {
        match uk_national(s) {
            Some(d) => d,
            None if (8..=15).contains(&digits.len()) && !digits.starts_with('0') => {
                return None;
            }
            None => {
                return Some(
                    "after + comes the country code and the number: 8 to 15 digits".into(),
                );
            }
        }
    } else {
        digits
    };
    let n = uk.len();
    if matches!(uk.as_str(), "999" | "112" | "111" | "101" | "119")
        || (n == 6 && (uk.starts_with("116") || uk.starts_with("118")))
        || (n == 5 && uk.starts_with('8') && !international)
    {
        return None;
    }
    if !uk.starts_with('0') {
        return Some(format!(
            "it has {n} digit{}; a UK number starts with 0 (or it is a short number such as 111, 999 or 116 123)",
            if n == 1 { "" } else { "s" }
        ));
    }
    if uk.starts_with("00") {
        return Some("write a number abroad with + and the country code, not 00".into());
    }
    let prefix = &uk[..uk.len().min(4)];
    let (allowed, start): (&[usize], &str) = match uk.as_bytes().get(1) {
        Some(b'1') if ELEVEN_DIGIT_AREAS.contains(&prefix) => (&[11], prefix),
        Some(b'1') => (&[10, 11], "01"),
        Some(b'2') => (&[11], "02"),
        Some(b'3') => (&[11], "03"),
        Some(b'5') => (&[10, 11], "05"),
        Some(b'7') => (&[11], "07"),
        Some(b'8') if uk.starts_with("0800") => (&[10, 11], "0800"),
        Some(b'8') => (&[11], &uk[..uk.len().min(3)]),
        Some(b'9') => (&[11], "09"),
        _ => {
            return Some(format!(
                "no UK number starts with {}",
                &uk[..uk.len().min(2)]
            ));
        }
    };
    if allowed.contains(&n) {
        return None;
    }
    let want = match allowed {
        [a] => format!("{a}"),
        [a, b] => format!("{a} or {b}"),
        _ => String::new(),
    };
    Some(format!(
        "it has {n} digit{}, but a UK number starting {start} has {want}",
        if n == 1 { "" } else { "s" }
    ))
}

/// The `tel:` form of a phone number: `+44` for UK numbers, digits only.
pub fn tel_uri(s: &str) -> String {
    let s = s.trim();
    if let Some(uk) = uk_national(s) {
        return format!("tel:+44{}", &uk[1..]);
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if s.starts_with('+') {
        format!("tel:+{digits}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        if digits.len() >= 10 {
            format!("tel:+44{rest}")
        } else {
            format!("tel:{digits}")
        }
    } else {
        format!("tel:{digits}")
    }
}

/// True for something that looks like an email address.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// True when a contact's `when` says it answers at any time.
pub fn is_24_hours(when: &str) -> bool {
    let w = when.to_lowercase();
    [
        "24 hour",
        "24-hour",
        "24/7",
        "24h",
        "any time",
        "anytime",
        "day and night",
        // Welsh: "24 awr", "unrhyw bryd" (any time), "ddydd a nos" (day and night).
        "24 awr",
        "24-awr",
        "unrhyw bryd",
        "ddydd a nos",
        "dydd a nos",
        // Urdu: "24 گھنٹے" (24 hours); Arabic: "24 ساعة" (24 hours).
        "24 گھنٹے",
        "۲۴ گھنٹے",
        "24 ساعة",
        "٢٤ ساعة",
    ]
    .iter()
    .any(|p| w.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "0300 123 4567",
            "07700 900123",
            "111",
            "116 123",
            "999",
            "+44 113 496 0000",
            "(0113) 496-0000",
            "85258",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12", "0300 12", "call me", "+0", "07700 900123 ext 4", ""] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert_eq!(tel_uri("0300 123 4567"), "tel:+443001234567");
        assert_eq!(tel_uri("116 123"), "tel:116123");
        assert_eq!(tel_uri("+1 (555) 010-9999"), "tel:+15550109999");
    }

    #[test]
    fn emails() {
        assert!(is_email("a.b@example.nhs.uk"));
        for bad in [
            "a@b",
            "a b@c.org",
            "@c.org",
            "a@@c.org",
            "a@c..org",
            "a@.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
