//! `ourplan man`: the manual page (roff), with every command's own options and the exit
//! codes, on one page.

use std::io::Write as _;
use std::process::ExitCode;

/// The whole manual page.
pub fn page(mut command: clap::Command) -> std::io::Result<Vec<u8>> {
    // Built, so every option knows how many values it takes.
    command.build();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"OURPLAN {}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        // The command's own synopsis (with what each option takes) and options, as parts of
        // its section.
        writeln!(out, ".SS SYNOPSIS\n{}", synopsis(name, sub))?;
        let sub = sub.clone().bin_name(format!("ourplan {name}"));
        let man = clap_mangen::Man::new(sub);
        let mut part = Vec::new();
        man.render_options_section(&mut part)?;
        for line in String::from_utf8_lossy(&part).lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => writeln!(out, ".SS {heading}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    writeln!(
        out,
        ".SH \"EXIT STATUS\"\n.TP\n0\nEverything worked, and no plan has an error.\n.TP\n1\nA plan has an error (or a warning, with \\fB--strict\\fR), or a copy could not be made.\n.TP\n2\nThe command could not run: a wrong option, a missing file, or broken settings or templates."
    )?;
    writeln!(
        out,
        ".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, problems are shown without colour (unless \\fB\\-\\-color always\\fR is given). Colour is only used on a terminal."
    )?;
    writeln!(
        out,
        ".SH FILES\n.TP\n\\fBourplan.toml\\fR\nThe team's settings, at the project root: the nearest folder at or above the current one that has this file. Every key is optional: the organisation, the \\fBplans\\fR and \\fBoutput\\fR folders, the crisis numbers, how strict each rule is, and the team's own words. Unknown keys are errors.\n.TP\n\\fBplans/\\fR\nWhere plans live (\\fB*.yaml\\fR, \\fB*.yml\\fR), unless \\fBourplan.toml\\fR says otherwise. Without an \\fBourplan.toml\\fR, the project is the nearest folder with a \\fBplans\\fR folder, looking no higher than the top of the git repository.\n.TP\n\\fBout/\\fR\nWhere copies are written. They hold personal data: keep them out of git.\n.TP\n\\fBtemplates/\\fR, \\fBstyles/\\fR\nThe team's own templates and styles, used instead of the built-in ones with the same path.\n.TP\n\\fBschema/ourplan.schema.json\\fR\nThe JSON Schema of the plan format, for editors (written by \\fBourplan init\\fR and \\fBourplan schema\\fR)."
    )?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Roff for a command-line word: bold, with its hyphens as hyphens.
fn roff_word(s: &str) -> String {
    roff_text(s).replace('-', "\\-")
}

/// One command's synopsis, with what each option takes: `[--format human|short|…]`,
/// `[--today DATE]`, `[PATHS]...`.
fn synopsis(name: &str, cmd: &clap::Command) -> String {
    let mut parts = vec![format!("\\fBourplan {}\\fR", roff_word(name))];
    let shown = cmd.get_arguments().filter(|a| {
        !a.is_hide_set()
            && !matches!(
                a.get_action(),
                clap::ArgAction::Help
                    | clap::ArgAction::HelpShort
                    | clap::ArgAction::HelpLong
                    | clap::ArgAction::Version
            )
    });
    for arg in shown {
        let takes = arg.get_num_args().is_some_and(|n| n.takes_values());
        let value = || {
            let offered: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !offered.is_empty() && offered.len() <= 6 && !arg.is_hide_possible_values_set() {
                offered
                    .iter()
                    .map(|v| format!("\\fI{}\\fR", roff_word(v)))
                    .collect::<Vec<_>>()
                    .join("|")
            } else {
                let names = arg
                    .get_value_names()
                    .map(|n| {
                        n.iter()
                            .map(|s| s.to_string())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
                format!("\\fI{}\\fR", roff_word(&names))
            }
        };
        let mut text = match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => format!("\\fB\\-\\-{}\\fR", roff_word(long)),
            (None, Some(short)) => format!("\\fB\\-{short}\\fR"),
            (None, None) => value(),
        };
        if (arg.get_long().is_some() || arg.get_short().is_some()) && takes {
            text = format!("{text} {}", value());
        }
        let many = matches!(arg.get_action(), clap::ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let text = if arg.is_required_set() {
            text
        } else {
            format!("[{text}]")
        };
        parts.push(if many { format!("{text}...") } else { text });
    }
    parts.join(" ")
}

/// Text safe to put in roff: a leading `.` or `'` would be read as a request.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\\\");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

pub fn run(command: clap::Command) -> ExitCode {
    match page(command).and_then(|p| std::io::stdout().write_all(&p)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => super::usage_error(&format!("the manual could not be written: {e}"), ""),
    }
}
