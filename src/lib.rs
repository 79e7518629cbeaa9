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
//! Each stage is a module that may use only the stages before it in that list.

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
