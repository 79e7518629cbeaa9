//! # diplostance
//!
//! Measure how diplomats assess the relations between two states. Text goes in; per-document
//! scores for **hostility**, **rapprochement** and **uncertainty**, and a **tension** index, come
//! out, each traceable to the hits (term, sentence, byte offsets, weight, modifiers) that
//! produced it.
//!
//! ```text
//! corpus (TEI, .txt, JSONL, CSV) -> Document
//!   -> text::tokenize (sentences, tokens, byte offsets) -> Snowball stems
//!   -> score::Analyzer (lexicon cues, negation, hedges, intensity, contrast, actors) -> DocScore
//!   -> analysis (timeline, clusters, fitted models), agreement (analysts' ratings)
//!   -> output (table, JSON, JSONL, CSV) and report (PNG/SVG charts, HTML)
//! ```
//!
//! ## Stages and the import rule
//!
//! ```text
//! text, corpus -> lexicon -> score -> analysis, agreement -> output -> report -> cli (binary)
//! ```
//!
//! Each stage is a module that imports only the stages to its left: `lexicon` does not import
//! `score`, `text` and `corpus` import neither, and two stages of one rank (`analysis`,
//! `agreement`) do not import each other, so there is no import circle. The leaf modules
//! ([`location`], [`span`], [`dimension`], [`csv_writer`], [`stats`], [`hash`], [`plural`],
//! [`atomic`]) import no stage, and any stage may use them. [`error`] wraps every stage's typed
//! error for callers of the whole library; stages return their own. A test
//! (`tests/it/stages.rs`) reads the sources and holds the rule, without exceptions: a file that
//! cannot be written is an [`atomic::WriteError`], which [`Error`] wraps, so `atomic` does not
//! need `error`.

pub mod atomic;
pub mod csv_writer;
pub mod dimension;
pub mod error;
pub mod hash;
pub mod location;
pub mod plural;
pub mod span;
pub mod stats;

pub mod agreement;
pub mod analysis;
pub mod corpus;
pub mod lexicon;
pub mod output;
pub mod report;
pub mod score;
pub mod text;

pub use dimension::Dimension;
pub use error::{Error, Result};
pub use location::Location;
pub use span::Span;
