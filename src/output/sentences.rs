//! Scored sentences (`score --by sentence`) in every format, written as a stream like scored
//! documents: a header, the sentences of one document at a time, a footer.

use std::fmt::Write as _;

use super::Format;
use super::csv;
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
        SentenceFormatter { format, written: 0 }
    }

    /// Text before the first sentence.
    pub fn header(&self) -> String {
        match self.format {
            Format::Table => format!(
                "{:<24} {:>4} {:>9} {:>9} {:>9} {:>7}  {:<18} text\n",
                "id", "sent", "hostility", "rapproch.", "uncertain", "tension", "actors"
            ),
            Format::Json => "[".into(),
            Format::Jsonl => String::new(),
            Format::Csv => {
                let mut h = String::new();
                csv::push_row(&mut h, SENTENCE_COLUMNS);
                h
            }
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
            Format::Csv => csv::push_row(
                out,
                [
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
                ],
            ),
        }
    }

    fn table_row(&self, out: &mut String, s: &SentenceScore) {
        let _ = writeln!(
            out,
            "{:<24} {:>4} {:>9.2} {:>9.2} {:>9.2} {:>7}  {:<18} {}",
            terminal(&s.id, 24),
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
