//! `check --sharing`: what each person the plan is shared with will receive, read back from
//! their copy as `build` makes it, with what it leaves out and why.

use super::*;

/// What one person will receive, read from their copy as `build` makes it.
#[derive(Debug, serde::Serialize)]
pub struct Receives {
    pub file: String,
    pub plan: String,
    pub recipient: String,
    pub kind: &'static str,
    /// Their folder; empty when no copy is made for them.
    pub folder: String,
    pub sections: Vec<&'static str>,
    /// The sections not shared with them: nothing of these is in their copy.
    pub not_shared: Vec<&'static str>,
    pub formats: Vec<&'static str>,
    /// Why no copy is made for them, when none is.
    pub refused: Option<&'static str>,
    /// What their copy holds, section by section.
    pub holds: Vec<crate::views::Holds>,
    /// What their copy leaves out of the sections it shares, and why.
    pub left_out: Vec<crate::views::LeftOut>,
}

/// What every recipient of every readable plan will receive. Err: the pictures could not
/// be read (a broken team override).
pub fn sharing_report(checked: &Checked) -> Result<Vec<Receives>, Box<Diagnostic>> {
    let assets = crate::assets::Assets::for_project(&checked.project.root)?;
    let language = checked.project.settings.language();
    let mut out = Vec::new();
    for loaded in &checked.plans {
        let Some(plan) = &loaded.plan else { continue };
        let refused = crate::views::refused(plan);
        let recipients = crate::views::recipients(plan);
        for share in &plan.sharing {
            let folder = recipients
                .iter()
                .find(|(s, _)| std::ptr::eq(*s, share))
                .map(|(_, f)| f.clone());
            let base = Receives {
                file: loaded.path.display().to_string(),
                plan: loaded.id.clone(),
                recipient: share.name.trim().to_string(),
                kind: share.kind.value.word(),
                folder: folder.clone().unwrap_or_default(),
                sections: share.sections.iter().map(|s| s.value.word()).collect(),
                not_shared: crate::plan::Section::ALL
                    .iter()
                    .filter(|s| !share.sections.iter().any(|x| x.value == **s))
                    .map(|s| s.word())
                    .collect(),
                formats: crate::views::recipient_formats(share)
                    .into_iter()
                    .map(|f| f.word())
                    .collect(),
                refused: None,
                holds: Vec::new(),
                left_out: Vec::new(),
            };
            if refused.iter().any(|(s, _)| std::ptr::eq(*s, share)) {
                out.push(Receives {
                    refused: Some(
                        "they are, or their name names, someone who must not be contacted",
                    ),
                    ..base
                });
                continue;
            }
            if folder.is_none() {
                continue; // shares nothing: said as a warning
            }
            let doc = crate::views::build(
                plan,
                &loaded.id,
                crate::views::Audience::Recipient(share),
                crate::views::read_back_variant(share),
                &checked.project.settings,
                &assets,
                &language,
            );
            out.push(Receives {
                holds: crate::views::holds(&doc),
                left_out: doc.left_out,
                ..base
            });
        }
    }
    Ok(out)
}

/// The plans that could not be read, so who they are shared with is not known.
pub fn unreadable(plans: &[Loaded]) -> Vec<String> {
    plans
        .iter()
        .filter(|l| l.plan.is_none() && !l.skipped)
        .map(|l| l.path.display().to_string())
        .collect()
}

/// The sharing report in plain words, to read back to the person: for each copy, what is in
/// it, and what is left out and why. `unknown`: plans that could not be read.
pub fn sharing_text(report: &[Receives], unknown: &[String]) -> String {
    let w = &crate::words::en();
    let mut s = String::new();
    let mut last_file = "";
    for r in report {
        if r.file != last_file {
            s.push_str(&format!("\n{}: copies for other people\n", r.file));
            last_file = &r.file;
        }
        if let Some(why) = r.refused {
            s.push_str(&format!(
                "\n  {} ({}) gets no copy: {why}.\n",
                r.recipient, r.kind
            ));
            continue;
        }
        let parts: Vec<&str> = r
            .sections
            .iter()
            .filter_map(|id| crate::plan::Section::from_word(id))
            .map(|sec| crate::views::section_name(sec, w))
            .collect();
        s.push_str(&format!(
            "\n  {} ({}) will get: {}. As: {}. In: {}/{}/\n",
            r.recipient,
            r.kind,
            parts.join(", "),
            r.formats.join(", "),
            r.plan,
            r.folder
        ));
        let not_shared: Vec<&str> = r
            .not_shared
            .iter()
            .filter_map(|id| crate::plan::Section::from_word(id))
            .map(|sec| crate::views::section_name(sec, w))
            .collect();
        if !not_shared.is_empty() {
            s.push_str(&format!(
                "  Not shared with them, so nothing of it is in their copy: {}.\n",
                not_shared.join(", ")
            ));
        }
        s.push_str("  Their copy holds:\n");
        for h in &r.holds {
            s.push_str(&format!("    {}\n", h.section));
            for item in &h.items {
                s.push_str(&format!("      - {item}\n"));
            }
        }
        if r.left_out.is_empty() {
            s.push_str("  Nothing is left out of the parts they get.\n");
        } else {
            let n = r.left_out.len();
            s.push_str(&format!(
                "  Left out of the parts they get ({n} item{}):\n",
                if n == 1 { "" } else { "s" }
            ));
            for l in &r.left_out {
                let line = l.line.map(|n| format!(" (line {n})")).unwrap_or_default();
                s.push_str(&format!(
                    "      - {}: {}{line}: {}\n",
                    l.place,
                    l.item,
                    l.reason.words()
                ));
            }
        }
    }
    for file in unknown {
        s.push_str(&format!(
            "\n{file}: this plan has mistakes, so who gets a copy is not known yet. Fix the mistakes above, then ask again.\n"
        ));
    }
    if report.is_empty() && unknown.is_empty() {
        s.push_str("\nNo plan is shared with anyone: only the person's own copy is made.\n");
    }
    s
}
