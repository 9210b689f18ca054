//! ourplan turns co-produced mental-health care and support plans, written as YAML, into
//! copies people can read. The library is the pipeline, one module a step, in this order:
//! `discover` finds plan files → `load` reads YAML into a checked `Plan` (its shape declared
//! once in `plan`, walked by `shape`) → `rules` (with `language`, `names` and `words`) →
//! `views` (what each audience sees) → `render` (HTML and PDF) → `copies` (a plan's files for
//! each audience) → `output` (writing files), with `stamp` keeping what each build was made from.
//! `cmd` holds the commands, each a thin layer over these; `main.rs` only parses arguments.

pub mod assets;
pub mod card;
pub mod catalog;
pub mod cmd;
pub mod copies;
pub mod ctp;
pub mod diagnostic;
pub mod discover;
pub mod export;
pub mod glyphs;
pub mod language;
pub mod load;
pub mod names;
pub mod nations;
pub mod output;
pub mod phone;
pub mod plan;
pub mod render;
pub mod rules;
pub mod settings;
pub mod shape;
pub mod stamp;
pub mod threads;
pub mod timings;
pub mod views;
pub mod words;
