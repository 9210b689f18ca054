//! Makes a PDF open with its bookmarks shown (`/PageMode /UseOutlines`), which typst cannot
//! ask for, and leaves out `/Suspects false` (the default when absent, so PDF/UA-1 is the
//! same), which poppler (pdfinfo, pdftotext, Evince, Okular) reports as a syntax error: one
//! incremental update that adds a new version of the catalog, leaving every byte typst wrote
//! as it was. Anything unexpected leaves the PDF unchanged.
//!
//! Hand-written rather than a PDF crate: a crate would read and write the whole file again
//! (and could change its structure tree); this appends about 400 bytes and touches nothing else.

/// The PDF, opening with its bookmarks panel when it has bookmarks, and without `/Suspects
/// false`; unchanged when neither applies (no bookmarks, or it already says how to open), or
/// when it is not laid out as typst writes PDFs (a classic cross-reference table and trailer,
/// the catalog a plain object).
pub fn show_outlines(pdf: Vec<u8>) -> Vec<u8> {
    match update(&pdf) {
        Some(tail) => {
            let mut out = pdf;
            out.extend_from_slice(&tail);
            out
        }
        None => pdf,
    }
}

/// The bytes to append: the new catalog, its cross-reference section and trailer.
fn update(pdf: &[u8]) -> Option<Vec<u8>> {
    let start = rfind(pdf, b"startxref")?;
    let prev: u64 = number_after(&pdf[start + b"startxref".len()..])?;
    let trailer_at = rfind(&pdf[..start], b"trailer")?;
    let trailer = std::str::from_utf8(&pdf[trailer_at + b"trailer".len()..start]).ok()?;
    let inner = trailer.trim().strip_prefix("<<")?.strip_suffix(">>")?;
    if inner.contains("/Prev") || inner.contains("/XRefStm") {
        return None;
    }
    let root: u64 = number_after(&inner.as_bytes()[inner.find("/Root")? + 5..])?;
    let head = format!("\n{root} 0 obj\n");
    let obj_at = rfind(pdf, head.as_bytes())? + head.len();
    let end = obj_at + find(&pdf[obj_at..], b"endobj")?;
    let catalog = std::str::from_utf8(&pdf[obj_at..end]).ok()?.trim();
    let rest = catalog.strip_prefix("<<")?;
    if !catalog.contains("/Type/Catalog") {
        return None;
    }
    let open_outlines = catalog.contains("/Outlines") && !catalog.contains("/PageMode");
    let tidied = rest.replacen("/Marked true/Suspects false>>", "/Marked true>>", 1);
    if !open_outlines && tidied == rest {
        return None;
    }
    let mode = if open_outlines {
        "/PageMode/UseOutlines"
    } else {
        ""
    };
    let mut tail = String::new();
    if pdf.last() != Some(&b'\n') {
        tail.push('\n');
    }
    let offset = pdf.len() + tail.len();
    tail.push_str(&format!("{root} 0 obj\n<<{mode}{tidied}\nendobj\n"));
    let xref = pdf.len() + tail.len();
    tail.push_str(&format!(
        "xref\n{root} 1\n{offset:010} 00000 n \ntrailer\n<<{inner}/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n"
    ));
    Some(tail.into_bytes())
}

/// The whole number at the start of `bytes`, after any white space.
fn number_after(bytes: &[u8]) -> Option<u64> {
    let s = std::str::from_utf8(&bytes[..bytes.len().min(40)]).ok()?;
    let s = s.trim_start();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small PDF laid out as typst writes them: a catalog with bookmarks, a classic xref.
    fn sample(catalog: &str) -> Vec<u8> {
        let mut pdf = String::from("%PDF-1.7\n");
        let one = pdf.len();
        pdf.push_str("1 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n");
        let two = pdf.len();
        pdf.push_str(&format!("2 0 obj\n{catalog}\nendobj\n"));
        let xref = pdf.len();
        pdf.push_str(&format!(
            "xref\n0 3\n0000000000 65535 f \n{one:010} 00000 n \n{two:010} 00000 n \ntrailer\n<</Size 3/Root 2 0 R/ID[(a)(b)]>>\nstartxref\n{xref}\n%%EOF"
        ));
        pdf.into_bytes()
    }

    #[test]
    fn the_catalog_is_updated_after_the_old_bytes() {
        let old = sample("<</Type/Catalog/Pages 1 0 R/Outlines 1 0 R>>");
        let new = show_outlines(old.clone());
        assert!(new.starts_with(&old), "the old bytes are kept");
        let tail = String::from_utf8(new[old.len()..].to_vec()).unwrap();
        assert!(
            tail.contains(
                "2 0 obj\n<</PageMode/UseOutlines/Type/Catalog/Pages 1 0 R/Outlines 1 0 R>>\nendobj"
            ),
            "{tail}"
        );
        let old_text = String::from_utf8(old.clone()).unwrap();
        let prev = old_text.rfind("xref\n0 3").unwrap();
        assert!(
            tail.contains(&format!("/Size 3/Root 2 0 R/ID[(a)(b)]/Prev {prev}>>")),
            "{tail}"
        );
        // The new xref entry points at the new catalog, and startxref at the new xref.
        let text = String::from_utf8(new.clone()).unwrap();
        let obj = text.rfind("2 0 obj").unwrap();
        assert!(
            tail.contains(&format!("xref\n2 1\n{obj:010} 00000 n \n")),
            "{tail}"
        );
        let xref = text.rfind("xref\n2 1").unwrap();
        assert!(text.ends_with(&format!("startxref\n{xref}\n%%EOF\n")));
        // Same input, same output.
        assert_eq!(show_outlines(old), new);
    }

    /// `/Suspects false` goes (poppler calls it a syntax error); anything else stays.
    #[test]
    fn the_new_catalog_leaves_out_suspects_false() {
        let old = sample(
            "<</Type/Catalog/Pages 1 0 R/Outlines 1 0 R/MarkInfo<</Marked true/Suspects false>>/Lang(en)>>",
        );
        let tail = String::from_utf8(show_outlines(old.clone())[old.len()..].to_vec()).unwrap();
        assert!(
            tail.contains("<</PageMode/UseOutlines/Type/Catalog/Pages 1 0 R/Outlines 1 0 R/MarkInfo<</Marked true>>/Lang(en)>>"),
            "{tail}"
        );
        // A PDF with no bookmarks loses it too (a team template with no headings).
        let plain = sample("<</Type/Catalog/Pages 1 0 R/MarkInfo<</Marked true/Suspects false>>>>");
        let tail = String::from_utf8(show_outlines(plain.clone())[plain.len()..].to_vec()).unwrap();
        assert!(
            tail.contains(
                "2 0 obj\n<</Type/Catalog/Pages 1 0 R/MarkInfo<</Marked true>>>>\nendobj"
            ),
            "{tail}"
        );
        // Suspects true would say the tags are not to be trusted: never dropped.
        let odd = sample(
            "<</Type/Catalog/Pages 1 0 R/Outlines 1 0 R/MarkInfo<</Marked true/Suspects true>>>>",
        );
        let tail = String::from_utf8(show_outlines(odd.clone())[odd.len()..].to_vec()).unwrap();
        assert!(tail.contains("/Suspects true"), "{tail}");
    }

    #[test]
    fn a_pdf_without_bookmarks_or_already_set_or_unreadable_is_left_alone() {
        for catalog in [
            "<</Type/Catalog/Pages 1 0 R>>",
            "<</Type/Catalog/Pages 1 0 R/Outlines 1 0 R/PageMode/UseNone>>",
        ] {
            let old = sample(catalog);
            assert_eq!(show_outlines(old.clone()), old, "{catalog}");
        }
        for junk in [
            &b""[..],
            b"%PDF-1.7\nstartxref\nx",
            b"trailer<</Root 9 0 R>>startxref\n1\n%%EOF",
        ] {
            assert_eq!(show_outlines(junk.to_vec()), junk.to_vec());
        }
    }
}
