//! Analysts' ratings files (the format of `CODEBOOK.md`): reading, checking and merging.
//!
//! A ratings file is UTF-8 CSV with a header and one row per (analyst, document):
//!
//! ```text
//! analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note
//! A1,frus1939v03-d58,1,2,3,4,1,"rumoured non-aggression pact; press attacks subsided"
//! ```
//!
//! Decisions, so that a file means one thing only:
//! - Header names are matched after trimming, ignoring case; columns may come in any order.
//!   `analyst` and `doc_id` are required, and at least one of the five dimension columns. An
//!   absent dimension column means every value of it is missing (with a warning); `note` is
//!   optional. Columns not in the codebook are ignored with a warning (spreadsheets add their
//!   own), so a misspelt dimension name is visible rather than silent.
//! - A cell that is empty (or only spaces) is a missing value, never a zero. Anything else must
//!   be a finite number inside the dimension's scale. Integers are expected, but a decimal such
//!   as `2.5` inside the scale is accepted as a half-way judgement: interval and ratio
//!   statistics use it as is, and the statistics that need categories (Cohen's kappa) round it
//!   to the nearest scale point.
//! - Every error names the file and line and says how to fix it: a value out of range or not a
//!   number, a row with the wrong number of fields, an empty analyst or document id, a missing
//!   required column, a repeated column, text that is not UTF-8, and a second row for the same
//!   (analyst, document), within a file or across the files merged.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::RatingsError;
use crate::location::Location;

/// A dimension an analyst rates, with its scale from the codebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RatedDimension {
    /// Conflict, threat, coercion or enmity, 0-4.
    Hostility,
    /// Movement toward better relations, 0-4.
    Rapprochement,
    /// How hedged the assessment is, 0-4.
    Uncertainty,
    /// Overall level of tension, 0-10.
    Tension,
    /// Direction the writer sees, -2 (worsening) to +2 (improving).
    Trend,
}

impl RatedDimension {
    /// Every rated dimension, in codebook (and output) order.
    pub const ALL: [RatedDimension; 5] = [
        RatedDimension::Hostility,
        RatedDimension::Rapprochement,
        RatedDimension::Uncertainty,
        RatedDimension::Tension,
        RatedDimension::Trend,
    ];

    /// The column name of the codebook.
    pub fn name(self) -> &'static str {
        match self {
            RatedDimension::Hostility => "hostility",
            RatedDimension::Rapprochement => "rapprochement",
            RatedDimension::Uncertainty => "uncertainty",
            RatedDimension::Tension => "tension",
            RatedDimension::Trend => "trend",
        }
    }

    /// Parse a column name (lower case).
    pub fn from_name(name: &str) -> Option<RatedDimension> {
        RatedDimension::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Lowest and highest scale point.
    pub fn scale(self) -> (i32, i32) {
        match self {
            RatedDimension::Hostility
            | RatedDimension::Rapprochement
            | RatedDimension::Uncertainty => (0, 4),
            RatedDimension::Tension => (0, 10),
            RatedDimension::Trend => (-2, 2),
        }
    }

    /// Position in [`RatedDimension::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The nearest scale point to `v` (halves round away from zero), clamped to the scale.
    pub fn nearest_point(self, v: f64) -> i32 {
        let (lo, hi) = self.scale();
        (v.round() as i32).clamp(lo, hi)
    }

    /// The scored dimension with the same meaning, if any (tension and trend are not among the
    /// three cue dimensions).
    pub fn as_dimension(self) -> Option<crate::dimension::Dimension> {
        crate::dimension::Dimension::from_name(self.name())
    }
}

impl fmt::Display for RatedDimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One analyst's ratings of one document (values in [`RatedDimension::ALL`] order).
#[derive(Debug, Clone, PartialEq)]
struct Row {
    values: [Option<f64>; 5],
    note: Option<String>,
    location: Location,
}

/// Merged ratings of several analysts, from one or more files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ratings {
    analysts: Vec<String>,
    documents: Vec<String>,
    /// Dense table: `values[analyst * documents.len() + doc][dimension]`.
    values: Vec<[Option<f64>; 5]>,
    notes: BTreeMap<(usize, usize), String>,
    warnings: Vec<String>,
    problems: Vec<RatingsError>,
}

impl Ratings {
    /// Read and merge ratings files. Fails on the first invalid file or row, and when no file
    /// holds a single rating; a file without ratings among others that have some is one of
    /// [`Ratings::problems`].
    pub fn read<P: AsRef<Path>>(paths: &[P]) -> Result<Ratings, RatingsError> {
        let mut b = RatingsBuilder::default();
        for p in paths {
            b.add_file(p.as_ref())?;
        }
        b.finish()
    }

    /// Parse one file's text; `source` names it in errors.
    pub fn parse(source: &Path, text: &str) -> Result<Ratings, RatingsError> {
        let mut b = RatingsBuilder::default();
        b.add_str(source, text)?;
        b.finish()
    }

    /// Files that held no rating (a header and nothing else), when other files did: the run
    /// goes on without them, but they are problems to name (exit code 1).
    pub fn problems(&self) -> &[RatingsError] {
        &self.problems
    }

    /// Analysts' names, sorted.
    pub fn analysts(&self) -> &[String] {
        &self.analysts
    }

    /// Rated document ids, sorted.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    /// Warnings from reading (ignored columns, absent dimension columns).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    fn analyst_index(&self, name: &str) -> Option<usize> {
        self.analysts
            .binary_search_by(|a| a.as_str().cmp(name))
            .ok()
    }

    fn doc_index(&self, id: &str) -> Option<usize> {
        self.documents.binary_search_by(|d| d.as_str().cmp(id)).ok()
    }

    /// One value; `None` when the analyst did not rate the document or left the cell empty.
    pub fn value(&self, analyst: &str, doc: &str, dim: RatedDimension) -> Option<f64> {
        let a = self.analyst_index(analyst)?;
        let d = self.doc_index(doc)?;
        self.value_at(a, d, dim)
    }

    /// One value by positions in [`Ratings::analysts`] and [`Ratings::documents`].
    pub fn value_at(&self, analyst: usize, doc: usize, dim: RatedDimension) -> Option<f64> {
        if analyst >= self.analysts.len() || doc >= self.documents.len() {
            return None;
        }
        self.values[analyst * self.documents.len() + doc][dim.index()]
    }

    /// The analyst's note on a document, if any.
    pub fn note(&self, analyst: &str, doc: &str) -> Option<&str> {
        let a = self.analyst_index(analyst)?;
        let d = self.doc_index(doc)?;
        self.notes.get(&(a, d)).map(String::as_str)
    }

    /// One dimension as a table: `[analyst][document]`, in the sorted orders.
    pub fn matrix(&self, dim: RatedDimension) -> Vec<Vec<Option<f64>>> {
        (0..self.analysts.len())
            .map(|a| {
                (0..self.documents.len())
                    .map(|d| self.value_at(a, d, dim))
                    .collect()
            })
            .collect()
    }

    /// True when at least one value of the dimension is present.
    pub fn has_values(&self, dim: RatedDimension) -> bool {
        self.values.iter().any(|v| v[dim.index()].is_some())
    }

    /// The mean of the analysts' values for each document that has at least one value of the
    /// dimension, in document order: `(document position, mean, number of values)`.
    pub fn document_means(&self, dim: RatedDimension) -> Vec<(usize, f64, usize)> {
        let mut out = Vec::new();
        for d in 0..self.documents.len() {
            let vals: Vec<f64> = (0..self.analysts.len())
                .filter_map(|a| self.value_at(a, d, dim))
                .collect();
            if let Some(m) = crate::stats::mean(&vals) {
                out.push((d, m, vals.len()));
            }
        }
        out
    }

    /// A copy with one more analyst whose values are given per document id (ids not rated by
    /// anyone are ignored). Used to let the tool join the comparison as an analyst.
    pub fn with_analyst(&self, name: &str, values: &BTreeMap<String, [Option<f64>; 5]>) -> Ratings {
        let mut b = RatingsBuilder::default();
        for (a, an) in self.analysts.iter().enumerate() {
            for (d, doc) in self.documents.iter().enumerate() {
                let v = self.values[a * self.documents.len() + d];
                if v.iter().any(Option::is_some) || self.notes.contains_key(&(a, d)) {
                    b.rows.insert(
                        (an.clone(), doc.clone()),
                        Row {
                            values: v,
                            note: self.notes.get(&(a, d)).cloned(),
                            location: Location::default(),
                        },
                    );
                }
            }
        }
        for (doc, v) in values {
            if self.doc_index(doc).is_some() {
                b.rows.insert(
                    (name.to_string(), doc.clone()),
                    Row {
                        values: *v,
                        note: None,
                        location: Location::default(),
                    },
                );
            }
        }
        let mut r = b.build();
        // Keep documents rated by the analysts even when every value is empty.
        if r.documents != self.documents {
            r = r.with_documents(&self.documents);
        }
        r.warnings = self.warnings.clone();
        r
    }

    /// Restrict to the given document ids (others are dropped; unknown ids are ignored).
    pub fn subset(&self, ids: &[String]) -> Ratings {
        let keep: Vec<String> = self
            .documents
            .iter()
            .filter(|d| ids.contains(d))
            .cloned()
            .collect();
        self.with_documents(&keep)
    }

    /// Rebuild on a given sorted list of documents (missing ones get no values).
    fn with_documents(&self, docs: &[String]) -> Ratings {
        let mut values = vec![[None; 5]; self.analysts.len() * docs.len()];
        let mut notes = BTreeMap::new();
        for (nd, doc) in docs.iter().enumerate() {
            if let Some(od) = self.doc_index(doc) {
                for a in 0..self.analysts.len() {
                    values[a * docs.len() + nd] = self.values[a * self.documents.len() + od];
                    if let Some(n) = self.notes.get(&(a, od)) {
                        notes.insert((a, nd), n.clone());
                    }
                }
            }
        }
        Ratings {
            analysts: self.analysts.clone(),
            documents: docs.to_vec(),
            values,
            notes,
            warnings: self.warnings.clone(),
            problems: self.problems.clone(),
        }
    }
}

/// Accumulates ratings files into one [`Ratings`], checking duplicates across files.
#[derive(Debug, Default)]
pub struct RatingsBuilder {
    rows: BTreeMap<(String, String), Row>,
    warnings: Vec<String>,
    empty: Vec<RatingsError>,
    /// Calls of `add` and `merge` that stored a rating or a value.
    stored: usize,
}

impl RatingsBuilder {
    /// Read one file and add its rows.
    pub fn add_file(&mut self, path: &Path) -> Result<(), RatingsError> {
        let bytes = std::fs::read(path).map_err(|e| RatingsError {
            location: Location::file(path),
            message: format!("cannot read the ratings file: {e}"),
        })?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = e.valid_up_to();
                let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
                return Err(RatingsError {
                    location: Location::file(path).line(line),
                    message: "the file is not UTF-8 text; save it as UTF-8 CSV".to_string(),
                });
            }
        };
        self.add_str(path, text)
    }

    /// Add the rows of one file's text; `source` names it in errors.
    pub fn add_str(&mut self, source: &Path, text: &str) -> Result<(), RatingsError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let err = |line: usize, message: String| RatingsError {
            location: Location::file(PathBuf::from(source)).line(line),
            message,
        };
        // Line numbers from byte offsets: the CSV reader does not count blank lines, and a
        // record's offset may point at blank lines before it.
        let lines = LineIndex::new(text);
        let line_of = |p: Option<&csv::Position>| p.map_or(0, |p| lines.line_at(p.byte()));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => return Err(err(1, "the file is empty; expected a header line `analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note`".into())),
            Some(Err(e)) => return Err(csv_error(source, e, &lines)),
            Some(Ok(h)) => h,
        };
        let header_line = line_of(header.position()).max(1);
        let cols = Columns::from_header(&header).map_err(|m| err(header_line, m))?;
        for w in &cols.warnings {
            self.warnings
                .push(format!("{}:{header_line}: {w}", source.display()));
        }
        let before = self.rows.len();
        for rec in records {
            let rec = rec.map_err(|e| csv_error(source, e, &lines))?;
            let line = line_of(rec.position());
            if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
                continue;
            }
            if rec.len() != header.len() {
                return Err(err(
                    line,
                    format!(
                        "{} fields, but the header has {}; quote fields that contain commas",
                        rec.len(),
                        header.len()
                    ),
                ));
            }
            let field = |i: usize| rec.get(i).unwrap_or("").trim();
            let analyst = field(cols.analyst);
            let doc = field(cols.doc_id);
            if analyst.is_empty() {
                return Err(err(line, "empty analyst name".into()));
            }
            if doc.is_empty() {
                return Err(err(line, "empty doc_id".into()));
            }
            let mut values = [None; 5];
            for (dim, col) in RatedDimension::ALL.iter().zip(cols.dims) {
                let Some(col) = col else { continue };
                values[dim.index()] =
                    parse_cell(field(col), *dim, false).map_err(|m| err(line, m))?;
            }
            let note = cols
                .note
                .map(field)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            let location = Location::file(PathBuf::from(source)).line(line);
            self.add(analyst, doc, values, note, location)?;
        }
        if self.rows.len() == before {
            self.empty.push(err(
                header_line,
                "no ratings: the file has a header but no rows; expected one row per analyst \
                 and document"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Add one analyst's rating of a document, read at `location`; a second rating of the
    /// same document by the same analyst is an error naming both places.
    pub fn add(
        &mut self,
        analyst: &str,
        doc: &str,
        values: [Option<f64>; 5],
        note: Option<String>,
        location: Location,
    ) -> Result<(), RatingsError> {
        let key = (analyst.to_string(), doc.to_string());
        if let Some(first) = self.rows.get(&key) {
            return Err(RatingsError {
                message: format!(
                    "second rating of {doc} by analyst {analyst} (the first is at {}); keep one row per analyst and document",
                    first.location
                ),
                location,
            });
        }
        self.rows.insert(
            key,
            Row {
                values,
                note,
                location,
            },
        );
        self.stored += 1;
        Ok(())
    }

    /// Add values to an analyst's rating of a document, creating it if needed: the tables of
    /// one dimension each (a file or sheet per dimension) fill the cells of one rating. A
    /// value given twice is an error naming both places.
    pub fn merge(
        &mut self,
        analyst: &str,
        doc: &str,
        values: [Option<f64>; 5],
        location: Location,
    ) -> Result<(), RatingsError> {
        let key = (analyst.to_string(), doc.to_string());
        let Some(row) = self.rows.get_mut(&key) else {
            return self.add(analyst, doc, values, None, location);
        };
        for dim in RatedDimension::ALL {
            let i = dim.index();
            if let Some(v) = values[i] {
                if row.values[i].is_some() {
                    return Err(RatingsError {
                        message: format!(
                            "second {dim} value of {doc} by analyst {analyst} (the first is at {}); keep one value per analyst and document",
                            row.location
                        ),
                        location,
                    });
                }
                row.values[i] = Some(v);
            }
        }
        self.stored += 1;
        Ok(())
    }

    /// Number of ratings and values stored so far: it grows with every row read.
    pub fn len(&self) -> usize {
        self.stored
    }

    /// True when no rating was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// A warning from reading.
    pub fn warn(&mut self, w: String) {
        self.warnings.push(w);
    }

    /// A file or sheet that held no rating: an error if no other holds one ([`Self::finish`]).
    pub fn empty_source(&mut self, e: RatingsError) {
        self.empty.push(e);
    }

    /// The merged ratings, or the first empty file's error when no file held a rating.
    pub fn finish(mut self) -> Result<Ratings, RatingsError> {
        if self.rows.is_empty()
            && let Some(e) = self.empty.drain(..).next()
        {
            return Err(e);
        }
        Ok(self.build())
    }

    /// The merged ratings.
    pub fn build(self) -> Ratings {
        let mut analysts: Vec<String> = self.rows.keys().map(|(a, _)| a.clone()).collect();
        analysts.dedup();
        let mut documents: Vec<String> = self.rows.keys().map(|(_, d)| d.clone()).collect();
        documents.sort();
        documents.dedup();
        let nd = documents.len();
        let mut values = vec![[None; 5]; analysts.len() * nd];
        let mut notes = BTreeMap::new();
        for ((a, d), row) in self.rows {
            // Both lists were built from these keys, so the searches succeed.
            let (Ok(ai), Ok(di)) = (analysts.binary_search(&a), documents.binary_search(&d)) else {
                continue;
            };
            values[ai * nd + di] = row.values;
            if let Some(n) = row.note {
                notes.insert((ai, di), n);
            }
        }
        Ratings {
            analysts,
            documents,
            values,
            notes,
            warnings: self.warnings,
            problems: self.empty,
        }
    }
}

/// A cell's value for a dimension: `None` when empty (or, with `markers`, `*`, `.` or `NA`,
/// the missing-value marks of reliability-data matrices); an error in words when it is not a
/// number inside the dimension's scale.
pub fn parse_cell(cell: &str, dim: RatedDimension, markers: bool) -> Result<Option<f64>, String> {
    let cell = cell.trim();
    if cell.is_empty() || (markers && matches!(cell, "*" | "." | "NA" | "na")) {
        return Ok(None);
    }
    let (lo, hi) = dim.scale();
    let v: f64 = cell.parse().map_err(|_| {
        format!(
            "`{cell}` is not a number for {dim} ({lo} to {hi}); leave the cell empty for a missing value"
        )
    })?;
    if !v.is_finite() || v < lo as f64 || v > hi as f64 {
        return Err(format!(
            "value {cell} out of range for {dim} ({lo} to {hi})"
        ));
    }
    Ok(Some(v))
}

/// Positions of the known columns in a header.
pub(super) struct Columns {
    pub(super) analyst: usize,
    pub(super) doc_id: usize,
    pub(super) dims: [Option<usize>; 5],
    pub(super) note: Option<usize>,
    pub(super) warnings: Vec<String>,
}

impl Columns {
    pub(super) fn from_header(header: &csv::StringRecord) -> Result<Columns, String> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut warnings = Vec::new();
        for (i, name) in header.iter().enumerate() {
            let n = name.trim().to_lowercase();
            if seen.insert(n.clone(), i).is_some() {
                return Err(format!("column `{n}` appears twice in the header"));
            }
        }
        let analyst = seen.get("analyst").copied();
        let doc_id = seen.get("doc_id").copied();
        let (Some(analyst), Some(doc_id)) = (analyst, doc_id) else {
            let missing: Vec<&str> = [("analyst", analyst), ("doc_id", doc_id)]
                .iter()
                .filter(|(_, c)| c.is_none())
                .map(|(n, _)| *n)
                .collect();
            return Err(format!(
                "missing required column {} in the header; expected `analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note`",
                missing.join(" and ")
            ));
        };
        let dims = RatedDimension::ALL.map(|d| seen.get(d.name()).copied());
        if dims.iter().all(Option::is_none) {
            return Err("no dimension column in the header (hostility, rapprochement, uncertainty, tension, trend)".into());
        }
        for (d, c) in RatedDimension::ALL.iter().zip(&dims) {
            if c.is_none() {
                warnings.push(format!("no `{d}` column: all its values are missing"));
            }
        }
        for name in seen.keys() {
            let known = ["analyst", "doc_id", "note"].contains(&name.as_str())
                || RatedDimension::from_name(name).is_some();
            if !known {
                warnings.push(format!(
                    "column `{name}` is not in the codebook and is ignored"
                ));
            }
        }
        Ok(Columns {
            analyst,
            doc_id,
            dims,
            note: seen.get("note").copied(),
            warnings,
        })
    }
}

/// Byte offsets to line numbers, by binary search over the line starts.
struct LineIndex<'a> {
    text: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            text: text.as_bytes(),
            starts,
        }
    }

    /// The 1-based line of the first character at or after byte `byte` that is not a line
    /// break.
    fn line_at(&self, byte: u64) -> usize {
        let mut b = (byte as usize).min(self.text.len());
        while b < self.text.len() && matches!(self.text[b], b'\n' | b'\r') {
            b += 1;
        }
        self.starts.partition_point(|&s| s <= b)
    }
}

fn csv_error(source: &Path, e: csv::Error, lines: &LineIndex) -> RatingsError {
    let line = e.position().map(|p| lines.line_at(p.byte()));
    let mut location = Location::file(PathBuf::from(source));
    location.line = line;
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text; save it as UTF-8 CSV".into(),
        _ => format!("malformed CSV: {e}"),
    };
    RatingsError { location, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "analyst,doc_id,hostility,rapprochement,uncertainty,tension,trend,note
A,d1,1,2,3,4,1,\"pact, rumoured\"
A,d2,0,0,0,,,
B,d1,2,2,2.5,5,0,
";

    fn parse(text: &str) -> Result<Ratings, RatingsError> {
        Ratings::parse(Path::new("r.csv"), text)
    }

    #[test]
    fn reads_values_missing_and_notes() {
        let r = parse(GOOD).unwrap();
        assert_eq!(r.analysts(), ["A", "B"]);
        assert_eq!(r.documents(), ["d1", "d2"]);
        assert_eq!(r.value("A", "d1", RatedDimension::Tension), Some(4.0));
        assert_eq!(r.value("A", "d2", RatedDimension::Tension), None);
        assert_eq!(r.value("A", "d2", RatedDimension::Hostility), Some(0.0));
        assert_eq!(r.value("B", "d2", RatedDimension::Hostility), None);
        assert_eq!(r.value("B", "d1", RatedDimension::Uncertainty), Some(2.5));
        assert_eq!(r.note("A", "d1"), Some("pact, rumoured"));
        assert!(r.warnings().is_empty());
        let means = r.document_means(RatedDimension::Hostility);
        assert_eq!(means, vec![(0, 1.5, 2), (1, 0.0, 1)]);
    }

    #[test]
    fn columns_in_any_order_and_unknown_ignored() {
        let t = "Doc_ID, tension ,analyst,coder_mood\nd1,7,X,happy\n";
        let r = parse(t).unwrap();
        assert_eq!(r.value("X", "d1", RatedDimension::Tension), Some(7.0));
        assert!(r.warnings().iter().any(|w| w.contains("coder_mood")));
        assert!(
            r.warnings()
                .iter()
                .any(|w| w.contains("no `hostility` column"))
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            (
                "analyst,doc_id,hostility\nA,d1,7\n",
                "r.csv:2:",
                "out of range for hostility (0 to 4)",
            ),
            (
                "analyst,doc_id,trend\nA,d1,-3\n",
                "r.csv:2:",
                "out of range for trend (-2 to 2)",
            ),
            (
                "analyst,doc_id,tension\nA,d1,high\n",
                "r.csv:2:",
                "not a number",
            ),
            (
                "analyst,doc_id,tension\nA,d1,NaN\n",
                "r.csv:2:",
                "out of range",
            ),
            (
                "analyst,doc_id,tension\nA,d1,3\nA,d2,4\nA,d1,5\n",
                "r.csv:4:",
                "first is at r.csv:2",
            ),
            (
                "analyst,doc_id,tension\nA,d1,3\nA,d2,4,5\n",
                "r.csv:3:",
                "4 fields, but the header has 3",
            ),
            (
                "doc_id,tension\nd1,3\n",
                "r.csv:1:",
                "missing required column analyst",
            ),
            (
                "analyst,doc_id,note\nA,d1,x\n",
                "r.csv:1:",
                "no dimension column",
            ),
            (
                "analyst,doc_id,tension,Tension\nA,d1,3,4\n",
                "r.csv:1:",
                "appears twice",
            ),
            (
                "analyst,doc_id,tension\n,d1,3\n",
                "r.csv:2:",
                "empty analyst",
            ),
            ("", "r.csv:1:", "empty"),
        ];
        for (text, at, what) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.starts_with(at), "{e} should start with {at}");
            assert!(e.contains(what), "{e} should say {what}");
        }
    }

    #[test]
    fn duplicates_across_files_and_non_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "analyst,doc_id,tension\nA,d1,3\n").unwrap();
        std::fs::write(&b, "analyst,doc_id,tension\nB,d1,3\n\nA,d1,4\n").unwrap();
        let e = Ratings::read(&[&a, &b]).unwrap_err().to_string();
        assert!(e.contains("b.csv:4:") && e.contains("a.csv:2"), "{e}");
        let c = dir.path().join("c.csv");
        std::fs::write(&c, b"analyst,doc_id,tension\nA,d\xe91,3\n").unwrap();
        let e = Ratings::read(&[&c]).unwrap_err().to_string();
        assert!(e.contains("c.csv:2:") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn with_analyst_and_subset() {
        let r = parse(GOOD).unwrap();
        let mut tool = BTreeMap::new();
        tool.insert("d1".to_string(), [Some(1.0), None, None, Some(6.0), None]);
        tool.insert("unrated".to_string(), [Some(1.0), None, None, None, None]);
        let t = r.with_analyst("diplostance", &tool);
        assert_eq!(t.analysts(), ["A", "B", "diplostance"]);
        assert_eq!(t.documents(), r.documents());
        assert_eq!(
            t.value("diplostance", "d1", RatedDimension::Tension),
            Some(6.0)
        );
        assert_eq!(t.value("A", "d1", RatedDimension::Tension), Some(4.0));
        let s = r.subset(&["d2".to_string()]);
        assert_eq!(s.documents(), ["d2"]);
        assert_eq!(s.value("A", "d2", RatedDimension::Hostility), Some(0.0));
    }
}
