//! Scored documents in every format. Scores are written as a stream (a corpus may not fit in
//! memory), so each format is three pure functions: a header, one document, a footer. The
//! caller decides where the text goes. Numbers are printed by serde_json (shortest round-trip
//! form) or with fixed decimals in the table, so two runs give the same bytes.

use std::fmt::Write as _;

use super::Format;
use super::csv;
use crate::score::{CodebookScale, DocScore, FEATURE_NAMES, Hit};

/// Writes scored documents in one format, one at a time.
#[derive(Debug, Clone)]
pub struct ScoreFormatter {
    format: Format,
    explain: bool,
    /// Whether the documents carry codebook-scale values (`score --scale`): CSV then has
    /// their columns.
    scale: bool,
    /// A `dyad` column in the table and the CSV (JSON says the dyad of every score that has
    /// one): on when documents are scored for several dyads.
    dyad: bool,
    written: usize,
}

fn num(x: f64) -> String {
    // shortest representation that reads back to the same number; no "-0"
    let x = if x == 0.0 { 0.0 } else { x };
    serde_json::to_string(&x).unwrap_or_else(|_| "null".into())
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// Truncate to at most `n` characters, marking the cut with `…`.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

const SCORE_COLUMNS: [&str; 4] = ["hostility", "rapprochement", "uncertainty", "tension"];

/// Width of the `dyad` column of the table ("Soviet Union–Japan" and most pairs fit).
pub(crate) const DYAD_WIDTH: usize = 22;

/// The dyad cell of the table: padded to [`DYAD_WIDTH`] and followed by a space, or nothing
/// when the table has no dyad column.
fn dyad_cell(on: bool, label: &str) -> String {
    if on {
        format!("{:<DYAD_WIDTH$} ", truncate(label, DYAD_WIDTH))
    } else {
        String::new()
    }
}

impl ScoreFormatter {
    /// A formatter; `explain` adds every hit.
    pub fn new(format: Format, explain: bool) -> Self {
        ScoreFormatter {
            format,
            explain,
            scale: false,
            dyad: false,
            written: 0,
        }
    }

    /// With the codebook-scale columns (`hostility_scale` ... `trend_scale`) after the others
    /// in CSV; JSON and the table show them whenever a document has them.
    pub fn with_scale(mut self) -> Self {
        self.scale = true;
        self
    }

    /// With `on`, the table and the CSV have a `dyad` column after the id (for documents
    /// scored for several dyads).
    pub fn dyad_column(mut self, on: bool) -> Self {
        self.dyad = on;
        self
    }

    /// Text before the first document.
    pub fn header(&self) -> String {
        let dyad = if self.dyad { ",dyad" } else { "" };
        match self.format {
            Format::Table => format!(
                "{:<28} {}{:<10} {:<14} {:>6} {:>9} {:>9} {:>9} {:>17} {:>6}\n",
                "id",
                dyad_cell(self.dyad, "dyad"),
                "date",
                "author",
                "tokens",
                "hostility",
                "rapproch.",
                "uncertain",
                "tension [90% CI]",
                "trend"
            ),
            Format::Json => "[".into(),
            Format::Jsonl => String::new(),
            Format::Csv if self.explain => {
                format!(
                    "id{dyad},sentence,start,end,term,text,dimension,base_weight,weight,level,negated,statement,modifiers,actors,context\n"
                )
            }
            Format::Csv => {
                let mut h = format!(
                    "id{dyad},date,date_precision,author,author_role,recipient,place,source,title,tokens,sentences",
                );
                for s in SCORE_COLUMNS {
                    let _ = write!(h, ",{s},{s}_low,{s}_high");
                }
                h.push_str(",trend");
                for f in FEATURE_NAMES {
                    let _ = write!(h, ",f_{f}");
                }
                h.push_str(",cluster,distance");
                if self.scale {
                    for n in CodebookScale::NAMES {
                        let _ = write!(h, ",{n}");
                    }
                }
                h.push('\n');
                h
            }
        }
    }

    /// Text of one document.
    pub fn document(&mut self, d: &DocScore) -> String {
        let s = self.document_at(d, self.written);
        self.written += 1;
        s
    }

    /// Text of the document at position `index` of the output (0 for the first), without
    /// counting it as written: documents of a batch can be rendered in parallel this way, and
    /// then counted with [`ScoreFormatter::advance`].
    pub fn document_at(&self, d: &DocScore, index: usize) -> String {
        if !self.explain && d.hits.is_some() {
            let stripped = DocScore {
                hits: None,
                ..d.clone()
            };
            return self.document_at(&stripped, index);
        }
        let first = index == 0;
        match self.format {
            Format::Table => self.table_row(d),
            Format::Json => {
                let body = serde_json::to_string_pretty(d).unwrap_or_default();
                let body = body.replace('\n', "\n  ");
                format!("{}\n  {body}", if first { "" } else { "," })
            }
            Format::Jsonl => {
                let mut s = serde_json::to_string(d).unwrap_or_default();
                s.push('\n');
                s
            }
            Format::Csv if self.explain => {
                let mut s = String::new();
                let dyad = self.dyad.then(|| d.dyad.as_deref().unwrap_or(""));
                for h in d.hits.iter().flatten() {
                    s.push_str(&hit_csv_row(&d.id, dyad, h));
                }
                s
            }
            Format::Csv => csv_row(d, self.dyad, self.scale),
        }
    }

    /// Count `n` documents rendered with [`ScoreFormatter::document_at`] as written.
    pub fn advance(&mut self, n: usize) {
        self.written += n;
    }

    /// Number of documents written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Text after the last document.
    pub fn footer(&self) -> String {
        match self.format {
            Format::Json if self.written == 0 => "]\n".into(),
            Format::Json => "\n]\n".into(),
            _ => String::new(),
        }
    }

    fn table_row(&self, d: &DocScore) -> String {
        let date = d.meta.date.map(|x| x.to_string()).unwrap_or_default();
        let mut s = format!(
            "{:<28} {}{:<10} {:<14} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>5} [{:>4.2}-{:>4.2}] {:>6}",
            truncate(&d.id, 28),
            dyad_cell(self.dyad, d.dyad.as_deref().unwrap_or("")),
            date,
            truncate(opt(&d.meta.author), 14),
            d.tokens,
            d.scores.hostility,
            d.scores.rapprochement,
            d.scores.uncertainty,
            d.tension()
                .map_or_else(|| "-".to_string(), |t| format!("{t:.2}")),
            d.interval.tension.low,
            d.interval.tension.high,
            d.trend().map_or_else(|| "-".to_string(), signed_trend),
        );
        if let (Some(c), Some(dist)) = (d.cluster, d.distance) {
            let _ = write!(s, "  cluster {c} (distance {dist:.2})");
        }
        if let Some(c) = d.scale {
            let f = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |x| format!("{x:.2}"));
            let _ = write!(
                s,
                "  codebook scale: hostility {} rapprochement {} uncertainty {} tension {} trend {}",
                f(c.hostility),
                f(c.rapprochement),
                f(c.uncertainty),
                f(c.tension),
                c.trend.map_or_else(|| "-".to_string(), signed_trend)
            );
        }
        s.push('\n');
        if self.explain {
            for h in d.hits.iter().flatten() {
                let mods: Vec<String> = h
                    .modifiers
                    .iter()
                    .map(|m| format!("{} ×{}", modifier_label(m.kind), num(m.factor)))
                    .collect();
                let _ = writeln!(
                    s,
                    "    {:<13} {:>+7.3}  {}{} [{}..{}] sentence {}, {}{}",
                    h.dimension.name(),
                    h.weight,
                    h.term,
                    h.level.map(|l| format!(" (level {l})")).unwrap_or_default(),
                    h.start,
                    h.end,
                    h.sentence,
                    modifier_label(h.statement),
                    if mods.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", mods.join(", "))
                    }
                );
                let (a, b) = (h.context_match.start as usize, h.context_match.end as usize);
                if h.context.is_char_boundary(a)
                    && h.context.is_char_boundary(b)
                    && b <= h.context.len()
                {
                    let _ = writeln!(
                        s,
                        "        …{}[{}]{}…",
                        tail(&h.context[..a], 70),
                        &h.context[a..b],
                        head(&h.context[b..], 70)
                    );
                }
            }
        }
        s
    }
}

fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let skip = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    &s[skip..]
}

fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Short name of a modifier or statement kind, as in the JSON (`negated`, `after_contrast`,
/// `treaty_term`, ...).
pub fn modifier_label(k: impl serde::Serialize) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A trend (-2 to +2) as shown to readers: two decimals, with its sign, and no sign on a
/// trend that rounds to 0 ("+1.23", "0.00", "-1.50").
pub fn signed_trend(t: f64) -> String {
    // rounded first, so that a sign is never shown on 0.00
    let t = (t * 100.0).round() / 100.0 + 0.0;
    if t > 0.0 {
        format!("+{t:.2}")
    } else {
        format!("{t:.2}")
    }
}

/// One document's CSV row; `dyad_column` adds its dyad after the id, `scale` its
/// codebook-scale cells (empty where null) at the end.
fn csv_row(d: &DocScore, dyad_column: bool, scale: bool) -> String {
    let date = d.meta.date.map(|x| x.to_string()).unwrap_or_default();
    let precision = d
        .meta
        .date
        .map(|x| format!("{:?}", x.precision()).to_lowercase())
        .unwrap_or_default();
    let mut cells: Vec<String> = [
        d.id.as_str(),
        &date,
        &precision,
        opt(&d.meta.author),
        opt(&d.meta.author_role),
        opt(&d.meta.recipient),
        opt(&d.meta.place),
        opt(&d.meta.source),
        opt(&d.meta.title),
    ]
    .map(str::to_string)
    .into();
    if dyad_column {
        cells.insert(1, d.dyad.clone().unwrap_or_default());
    }
    cells.push(d.tokens.to_string());
    cells.push(d.sentences.to_string());
    let iv = [
        d.interval.hostility,
        d.interval.rapprochement,
        d.interval.uncertainty,
        d.interval.tension,
    ];
    for (k, (v, i)) in d.scores.to_array().iter().zip(iv).enumerate() {
        // a document that says nothing about the dyad has no tension (null in JSON)
        let value = if k == 3 && !d.is_relevant() {
            String::new()
        } else {
            num(*v)
        };
        cells.extend([value, num(i.low), num(i.high)]);
    }
    // null with the tension: the feature `f_trend` keeps the number
    cells.push(d.trend().map(num).unwrap_or_default());
    cells.extend(d.features.values.iter().map(|v| num(*v)));
    cells.push(d.cluster.map(|c| c.to_string()).unwrap_or_default());
    cells.push(d.distance.map(num).unwrap_or_default());
    if scale {
        let values = d.scale.map(|c| c.to_array()).unwrap_or_default();
        cells.extend(values.map(|v| v.map(num).unwrap_or_default()));
    }
    let mut s = String::new();
    csv::push_row(&mut s, cells);
    s
}

/// One hit's CSV row; `dyad` is the dyad cell, when the CSV has that column.
fn hit_csv_row(id: &str, dyad: Option<&str>, h: &Hit) -> String {
    let mods: Vec<String> = h
        .modifiers
        .iter()
        .map(|m| format!("{}:{}", modifier_label(m.kind), num(m.factor)))
        .collect();
    let mut cells = vec![
        id.to_string(),
        h.sentence.to_string(),
        h.start.to_string(),
        h.end.to_string(),
        h.term.clone(),
        h.text.clone(),
        h.dimension.name().to_string(),
        num(h.base_weight),
        num(h.weight),
        h.level.map(num).unwrap_or_default(),
        h.negated.to_string(),
        modifier_label(h.statement),
        mods.join(";"),
        h.actors.join(";"),
        h.context.clone(),
    ];
    if let Some(dyad) = dyad {
        cells.insert(1, dyad.to_string());
    }
    let mut s = String::new();
    csv::push_row(&mut s, cells);
    s
}

/// Render a whole list of scored documents (for files written at once, such as a report's
/// `scores.csv`).
pub fn render_all(format: Format, explain: bool, docs: &[DocScore]) -> String {
    let mut f = ScoreFormatter::new(format, explain);
    let mut out = f.header();
    for d in docs {
        out.push_str(&f.document(d));
    }
    out.push_str(&f.footer());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::score::{Analyzer, Workspace};

    fn scored() -> Vec<DocScore> {
        let a = Analyzer::builtin().unwrap();
        let mut ws = Workspace::default();
        vec![
            a.score(
                &Document::new(
                    "a,1",
                    "Japan protested against the border incident, said \"Tokyo\".",
                ),
                &mut ws,
                true,
            ),
            a.score(
                &Document::new("b", "A pact was signed by Moscow and Tokyo."),
                &mut ws,
                true,
            ),
        ]
    }

    #[test]
    fn json_is_an_array_and_jsonl_one_object_per_line() {
        let docs = scored();
        let j: serde_json::Value =
            serde_json::from_str(&render_all(Format::Json, true, &docs)).unwrap();
        let arr = j.as_array().unwrap();
        assert_eq!(arr.len(), 2);
        for key in [
            "id",
            "tokens",
            "sentences",
            "hostility",
            "rapprochement",
            "uncertainty",
            "tension",
            "interval",
            "features",
            "hits",
        ] {
            assert!(arr[0].get(key).is_some(), "missing {key}");
        }
        let hit = &arr[0]["hits"][0];
        for key in [
            "term",
            "dimension",
            "weight",
            "negated",
            "statement",
            "modifiers",
            "actors",
            "sentence",
            "start",
            "end",
            "context",
        ] {
            assert!(hit.get(key).is_some(), "hit missing {key}");
        }
        let empty: serde_json::Value =
            serde_json::from_str(&render_all(Format::Json, false, &[])).unwrap();
        assert_eq!(empty, serde_json::json!([]));
        let l = render_all(Format::Jsonl, false, &docs);
        assert_eq!(l.lines().count(), 2);
        for line in l.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v.get("hits").is_none());
        }
    }

    #[test]
    fn csv_quotes_and_has_one_row_per_document_or_hit() {
        let docs = scored();
        let c = render_all(Format::Csv, false, &docs);
        let mut r = ::csv::Reader::from_reader(c.as_bytes());
        let header = r.headers().unwrap().clone();
        let rows: Vec<::csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][0], "a,1");
        assert_eq!(header.len(), rows[0].len());
        assert!(header.iter().any(|h| h == "f_trend"), "{header:?}");
        let c = render_all(Format::Csv, true, &docs);
        let mut r = ::csv::Reader::from_reader(c.as_bytes());
        let header = r.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<::csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(
            rows.len(),
            docs.iter()
                .map(|d| d.hits.as_ref().unwrap().len())
                .sum::<usize>()
        );
        // hostility hits carry their level, other hits an empty cell
        for row in &rows {
            let level = &row[col("level")];
            match &row[col("dimension")] {
                "hostility" => assert!(level.parse::<f64>().is_ok(), "{row:?}"),
                _ => assert!(level.is_empty(), "{row:?}"),
            }
        }
        assert!(
            rows.iter().any(|r| &r[col("term")] == "border incident"
                && r[col("level")].parse::<f64>() == Ok(7.0))
        );
    }

    #[test]
    fn table_shows_hits_in_context() {
        let t = render_all(Format::Table, true, &scored());
        assert!(t.contains("[border incident]"), "{t}");
        assert!(t.contains("border incident (level 7)"), "{t}");
        let header = t.lines().next().unwrap();
        assert!(
            header.starts_with("id") && header.ends_with("trend"),
            "{header}"
        );
    }

    /// Each hit's line names its statement kind, as the JSON and the CSV do.
    #[test]
    fn table_names_each_hits_statement_kind() {
        let a = Analyzer::builtin().unwrap();
        let mut docs = scored();
        docs.push(a.score(
            &Document::new(
                "c",
                "It is rumoured that a non-aggression pact may soon be signed by Moscow and Tokyo.",
            ),
            &mut Workspace::default(),
            true,
        ));
        let t = render_all(Format::Table, true, &docs);
        let hit_lines: Vec<&str> = t.lines().filter(|l| l.contains("] sentence ")).collect();
        let hits: Vec<&Hit> = docs.iter().flat_map(|d| d.hits.iter().flatten()).collect();
        assert_eq!(hit_lines.len(), hits.len(), "{t}");
        for (line, h) in hit_lines.iter().zip(&hits) {
            let kind = modifier_label(h.statement);
            assert!(
                line.contains(&format!("sentence {}, {kind}", h.sentence)),
                "{line}"
            );
        }
        assert!(t.contains(", reported") && t.contains(", doubted"), "{t}");
    }
}
