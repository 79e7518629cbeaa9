//! Scored sentences (`score --by sentence`) in every format, written as a stream like scored
//! documents: a header, the sentences of one document at a time, a footer.

use std::fmt::Write as _;

use super::Format;
use super::csv;
use super::scores::DYAD_WIDTH;
use crate::score::SentenceScore;

/// The CSV columns, one row per sentence.
pub const SENTENCE_COLUMNS: &[&str] = &[
    "id",
    "sentence",
    "start",
    "end",
    "tokens",
    "hostility",
    "rapprochement",
    "uncertainty",
    "tension",
    "relevance",
    "actors",
    "hits",
    "cues",
    "text",
];

/// Writes scored sentences in one format, a document's sentences at a time.
#[derive(Debug, Clone)]
pub struct SentenceFormatter {
    format: Format,
    /// A `dyad` column after the id in the table and the CSV (see
    /// [`super::ScoreFormatter::dyad_column`]).
    dyad: bool,
    written: usize,
}

/// Shortest round-trip form, no "-0".
fn num(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    serde_json::to_string(&x).unwrap_or_else(|_| "null".into())
}

/// The hits in one cell: `dimension:term:weight`, `;`-separated.
fn cues(s: &SentenceScore) -> String {
    s.hits
        .iter()
        .map(|h| format!("{}:{}:{}", h.dimension.name(), h.term, num(h.weight)))
        .collect::<Vec<_>>()
        .join(";")
}

/// Text for a terminal: no control characters, at most `n` characters.
fn terminal(s: &str, n: usize) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= n {
        return clean;
    }
    let mut t: String = clean.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}

impl SentenceFormatter {
    /// A formatter.
    pub fn new(format: Format) -> Self {
        SentenceFormatter {
            format,
            dyad: false,
            written: 0,
        }
    }

    /// With `on`, the table and the CSV have a `dyad` column after the id (for documents
    /// scored for several dyads).
    pub fn dyad_column(mut self, on: bool) -> Self {
        self.dyad = on;
        self
    }

    /// Text before the first sentence.
    pub fn header(&self) -> String {
        match self.format {
            Format::Table => format!(
                "{:<24} {}{:>4} {:>9} {:>9} {:>9} {:>7}  {:<18} text\n",
                "id",
                self.dyad_cell("dyad"),
                "sent",
                "hostility",
                "rapproch.",
                "uncertain",
                "tension",
                "actors"
            ),
            Format::Json => "[".into(),
            Format::Jsonl => String::new(),
            Format::Csv => {
                let mut columns = SENTENCE_COLUMNS.to_vec();
                if self.dyad {
                    columns.insert(1, "dyad");
                }
                let mut h = String::new();
                csv::push_row(&mut h, columns);
                h
            }
        }
    }

    /// The dyad cell of the table, with its separating space; empty without the column.
    fn dyad_cell(&self, label: &str) -> String {
        if self.dyad {
            format!("{:<DYAD_WIDTH$} ", terminal(label, DYAD_WIDTH))
        } else {
            String::new()
        }
    }

    /// Text of the sentences of one document (counted as written).
    pub fn sentences(&mut self, sentences: &[SentenceScore]) -> String {
        let mut out = String::new();
        for s in sentences {
            self.push(&mut out, s);
            self.written += 1;
        }
        out
    }

    fn push(&self, out: &mut String, s: &SentenceScore) {
        match self.format {
            Format::Table => self.table_row(out, s),
            Format::Json => {
                let body = serde_json::to_string_pretty(s).unwrap_or_default();
                let sep = if self.written == 0 { "" } else { "," };
                let _ = write!(out, "{sep}\n  {}", body.replace('\n', "\n  "));
            }
            Format::Jsonl => {
                out.push_str(&serde_json::to_string(s).unwrap_or_default());
                out.push('\n');
            }
            Format::Csv => {
                let mut cells = vec![
                    s.id.clone(),
                    s.sentence.to_string(),
                    s.start.to_string(),
                    s.end.to_string(),
                    s.tokens.to_string(),
                    num(s.hostility),
                    num(s.rapprochement),
                    num(s.uncertainty),
                    s.tension.map(num).unwrap_or_default(),
                    num(s.relevance),
                    s.actors.join(";"),
                    s.hits.len().to_string(),
                    cues(s),
                    s.text.clone(),
                ];
                if self.dyad {
                    cells.insert(1, s.dyad.clone().unwrap_or_default());
                }
                csv::push_row(out, cells)
            }
        }
    }

    fn table_row(&self, out: &mut String, s: &SentenceScore) {
        let _ = writeln!(
            out,
            "{:<24} {}{:>4} {:>9.2} {:>9.2} {:>9.2} {:>7}  {:<18} {}",
            terminal(&s.id, 24),
            self.dyad_cell(s.dyad.as_deref().unwrap_or("")),
            s.sentence,
            s.hostility,
            s.rapprochement,
            s.uncertainty,
            s.tension.map_or_else(|| "-".into(), |t| format!("{t:.2}")),
            terminal(&s.actors.join(","), 18),
            terminal(&s.text, 70)
        );
        for h in &s.hits {
            let _ = writeln!(
                out,
                "{:>30} {:<13} {:>+7.3}  {}",
                "",
                h.dimension.name(),
                h.weight,
                terminal(&h.term, 40)
            );
        }
    }

    /// Text after the last sentence.
    pub fn footer(&self) -> String {
        match self.format {
            Format::Json if self.written == 0 => "]\n".into(),
            Format::Json => "\n]\n".into(),
            _ => String::new(),
        }
    }
}
