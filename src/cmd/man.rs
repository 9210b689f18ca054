//! `ourplan man`: the manual page (roff), with every command's own options and the exit
//! codes, on one page.

use std::io::Write as _;
use std::process::ExitCode;

/// The whole manual page.
pub fn page(command: clap::Command) -> std::io::Result<Vec<u8>> {
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
        // The command's own synopsis and options, as parts of its section.
        let sub = sub.clone().bin_name(format!("ourplan {name}"));
        let man = clap_mangen::Man::new(sub);
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
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
    man.render_version_section(&mut out)?;
    Ok(out)
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
