//! Ratings as people keep them: besides the long CSV of the codebook, wide CSV (one column per
//! analyst and dimension), one table per dimension (one column per analyst), the
//! reliability-data matrix of the common alpha calculators (one row per analyst, one column
//! per document), renamed columns, and .xlsx / .ods workbooks.
//!
//! Decisions, so that a table means one thing only:
//! - Every file (CSV, TSV, or each non-empty sheet of a workbook) is one table whose first
//!   non-empty row is the header. `--columns doc_id=Document,tension=Tension` renames header
//!   cells before anything else (names match after trimming, ignoring case).
//! - The layout is given, or told from the header: `analyst` and `doc_id` columns (or either
//!   beside a column named after a dimension) make it long;
//!   `doc_id` and columns named `<analyst>_<dimension>` (or with a space, `.` or `-` before the
//!   dimension) make it wide; `doc_id` and other columns make it one dimension with one column
//!   per analyst (the transposed reliability matrix); a first column named `analyst`, `coder`
//!   or `rater` (or left empty) without `doc_id` makes it the reliability matrix, one row per
//!   analyst and one column per document.
//! - A one-dimension table takes its dimension from `--dimension`, else from its sheet name,
//!   else from its file name (`tension.csv`, `ratings-tension.xlsx`), and says so when none of
//!   them names exactly one dimension.
//! - In the wide, per-dimension and matrix layouts `*`, `.` and `NA` are missing values too, as
//!   in the files of the alpha calculators; in the long layout only an empty cell is.
//! - Errors name the file, the sheet, the row and the column (number and header).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use super::RatingsError;
use super::ratings::{Columns, RatedDimension, Ratings, RatingsBuilder, parse_cell};
use crate::location::Location;

/// How the rows and columns of a ratings table are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Told from the header.
    #[default]
    Auto,
    /// One row per analyst and document (the codebook format).
    Long,
    /// One row per document, a column per analyst and dimension (`A_tension`).
    Wide,
    /// One dimension: one row per document, one column per analyst.
    ByDimension,
    /// One dimension: one row per analyst, one column per document.
    Matrix,
}

impl Layout {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Auto => "auto",
            Layout::Long => "long",
            Layout::Wide => "wide",
            Layout::ByDimension => "by-dimension",
            Layout::Matrix => "matrix",
        }
    }
}

/// How to read ratings files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadRatings {
    /// The layout, or [`Layout::Auto`].
    pub layout: Layout,
    /// Header renames: `(codebook name, name in the file)`.
    pub columns: Vec<(String, String)>,
    /// The dimension of one-dimension tables.
    pub dimension: Option<RatedDimension>,
}

impl ReadRatings {
    /// Parse `doc_id=Document,tension=Tension`.
    pub fn parse_columns(spec: &str) -> Result<Vec<(String, String)>, String> {
        spec.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').ok_or_else(|| {
                    format!("`{p}` is not NAME=COLUMN (for example doc_id=Document)")
                })?;
                let k = k.trim().to_lowercase();
                let known = ["analyst", "doc_id", "note"].contains(&k.as_str())
                    || RatedDimension::from_name(&k).is_some();
                if !known {
                    return Err(format!(
                        "`{k}` is not a codebook column (analyst, doc_id, note, hostility, rapprochement, uncertainty, tension, trend)"
                    ));
                }
                Ok((k, v.trim().to_string()))
            })
            .collect()
    }

    /// Read and merge ratings files of any layout.
    pub fn read<P: AsRef<Path>>(&self, paths: &[P]) -> Result<Ratings, RatingsError> {
        let mut b = RatingsBuilder::default();
        for p in paths {
            let p = p.as_ref();
            if self.layout == Layout::Auto
                && self.columns.is_empty()
                && !is_workbook(p)
                && looks_long(p)
            {
                // the codebook's own format: the long reader, with its line numbers
                b.add_file(p)?;
                continue;
            }
            for t in tables(p)? {
                self.add_table(&mut b, &t)?;
            }
        }
        b.finish()
    }

    fn add_table(&self, b: &mut RatingsBuilder, t: &Table) -> Result<(), RatingsError> {
        let header: Vec<String> = t.rows[0].1.iter().map(|h| self.rename(h.trim())).collect();
        let layout = match self.layout {
            Layout::Auto => {
                detect(&header).ok_or_else(|| t.error(t.rows[0].0, None, DETECT_HELP.into()))?
            }
            l => l,
        };
        let before = b.len();
        match layout {
            Layout::Long => long(b, t, &header)?,
            Layout::Wide => wide(b, t, &header)?,
            Layout::ByDimension | Layout::Matrix => {
                let dim = self.dimension_of(t)?;
                one_dimension(b, t, &header, dim, layout == Layout::Matrix)?;
            }
            Layout::Auto => {}
        }
        if b.len() == before {
            b.empty_source(t.error(
                t.rows[0].0,
                None,
                format!(
                    "no ratings: the {} table has a header but no rows",
                    layout.name()
                ),
            ));
        }
        Ok(())
    }

    fn rename(&self, h: &str) -> String {
        self.columns
            .iter()
            .find(|(_, v)| v.eq_ignore_ascii_case(h))
            .map_or_else(|| h.to_string(), |(k, _)| k.clone())
    }

    fn dimension_of(&self, t: &Table) -> Result<RatedDimension, RatingsError> {
        if let Some(d) = self.dimension {
            return Ok(d);
        }
        let named = |s: &str| {
            let s = s.to_lowercase();
            let found: Vec<RatedDimension> = RatedDimension::ALL
                .into_iter()
                .filter(|d| s.contains(d.name()))
                .collect();
            (found.len() == 1).then(|| found[0])
        };
        t.sheet
            .as_deref()
            .and_then(named)
            .or_else(|| t.path.file_stem().and_then(|s| s.to_str()).and_then(named))
            .ok_or_else(|| {
                t.error(
                    t.rows[0].0,
                    None,
                    "a table of one dimension, but neither its sheet nor its file name says which: \
                     name it after the dimension (tension.csv, a sheet `tension`) or give --dimension"
                        .into(),
                )
            })
    }
}

const DETECT_HELP: &str = "cannot tell the layout of the ratings: expected `analyst` and `doc_id` \
columns (long), `doc_id` and columns such as `A_tension` (wide), `doc_id` and one column per \
analyst (one dimension), or a first column `analyst` and one column per document (reliability \
matrix); rename columns with --columns doc_id=Document or give --layout";

/// The layout a header shows, if any.
fn detect(header: &[String]) -> Option<Layout> {
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let has = |n: &str| lower.iter().any(|h| h == n);
    // a dimension's own name as a column is the long layout (an analyst is not named
    // `tension`), so a long file without its `analyst` column is told so
    let dimension_column = lower.iter().any(|h| RatedDimension::from_name(h).is_some());
    if has("analyst") && (has("doc_id") || dimension_column) || has("doc_id") && dimension_column {
        return Some(Layout::Long);
    }
    if has("doc_id") {
        let wide = lower.iter().any(|h| split_wide(h).is_some());
        return Some(if wide {
            Layout::Wide
        } else {
            Layout::ByDimension
        });
    }
    let first = lower.first().map(String::as_str).unwrap_or("");
    (["analyst", "coder", "rater", ""].contains(&first) && header.len() > 1)
        .then_some(Layout::Matrix)
}

/// `A_tension` -> (`A`, Some(tension)); `A_note` -> (`A`, None).
fn split_wide(h: &str) -> Option<(String, Option<RatedDimension>)> {
    let i = h.rfind(['_', ' ', '.', '-'])?;
    let (a, rest) = (h[..i].trim(), h[i + 1..].trim().to_lowercase());
    if a.is_empty() {
        return None;
    }
    if rest == "note" {
        return Some((a.to_string(), None));
    }
    RatedDimension::from_name(&rest).map(|d| (a.to_string(), Some(d)))
}

/// Whether a text file's header names `analyst` and `doc_id` (the codebook's long format).
fn looks_long(p: &Path) -> bool {
    let Ok(text) = std::fs::read(p) else {
        return true; // the long reader names the read error
    };
    let first = text
        .split(|&b| b == b'\n')
        .find(|l| !l.iter().all(u8::is_ascii_whitespace));
    let Some(first) = first else { return true };
    let line = String::from_utf8_lossy(first).to_lowercase();
    let cells: Vec<&str> = line
        .split([',', '\t', ';'])
        .map(|c| c.trim().trim_matches('"').trim_start_matches('\u{feff}'))
        .collect();
    (cells.contains(&"analyst") && cells.contains(&"doc_id")) || std::str::from_utf8(&text).is_err()
}

fn is_workbook(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// One table: a file, or one sheet of a workbook; rows with their 1-based row numbers.
struct Table {
    path: PathBuf,
    sheet: Option<String>,
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Where a row and (0-based) column are, as [`Table::error`] names them: the origin of a
    /// rating, or the place a warning points to.
    fn location(&self, row: usize, col: Option<usize>) -> Location {
        self.error(row, col, String::new()).location
    }

    /// An error at a row and (0-based) column, naming the sheet (with the row, which the
    /// location's line already gives for a text file) and the column's header.
    fn error(&self, row: usize, col: Option<usize>, message: String) -> RatingsError {
        let mut location = Location::file(self.path.clone()).line(row);
        let mut place = Vec::new();
        if let Some(s) = &self.sheet {
            place.push(format!("sheet `{s}`, row {row}"));
        }
        if let Some(c) = col {
            location.column = Some(c + 1);
            let head = self.rows[0].1.get(c).map(String::as_str).unwrap_or("");
            place.push(format!("column {} `{}`", column_letters(c), head.trim()));
        }
        let message = if place.is_empty() {
            message
        } else {
            format!("{}: {message}", place.join(", "))
        };
        RatingsError { location, message }
    }

    fn cell(&self, r: usize, c: usize) -> &str {
        self.rows[r].1.get(c).map(|s| s.trim()).unwrap_or("")
    }
}

/// `0` -> `A`, `26` -> `AA`: the column names of spreadsheets.
fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The tables of a file: every non-empty sheet of a workbook, or the one table of a text file.
fn tables(path: &Path) -> Result<Vec<Table>, RatingsError> {
    let err = |m: String| RatingsError {
        location: Location::file(path),
        message: m,
    };
    let mut out = Vec::new();
    if is_workbook(path) {
        let mut wb =
            open_workbook_auto(path).map_err(|e| err(format!("cannot read the workbook: {e}")))?;
        for name in wb.sheet_names() {
            let range = wb
                .worksheet_range(&name)
                .map_err(|e| err(format!("cannot read sheet `{name}`: {e}")))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let rows: Vec<(usize, Vec<String>)> = range
                .rows()
                .enumerate()
                .map(|(i, row)| {
                    let mut cells = vec![String::new(); c0 as usize];
                    cells.extend(row.iter().map(cell_text));
                    (r0 as usize + i + 1, cells)
                })
                .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .collect();
            if !rows.is_empty() {
                out.push(Table {
                    path: path.to_path_buf(),
                    sheet: Some(name.clone()),
                    rows,
                });
            }
        }
    } else {
        out.extend(text_table(path)?);
    }
    if out.is_empty() {
        return Err(err(
            "the file is empty; expected a header row and one row per document or analyst".into(),
        ));
    }
    Ok(out)
}

/// A spreadsheet cell as the text a CSV would hold (`3`, not `3.0`).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(t) => format!("{}", t.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A CSV (or, by extension, TSV) file as a table; line numbers are the records' lines.
fn text_table(path: &Path) -> Result<Option<Table>, RatingsError> {
    let bytes = std::fs::read(path).map_err(|e| RatingsError {
        location: Location::file(path),
        message: format!("cannot read the ratings file: {e}"),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| RatingsError {
        location: Location::file(path).line(
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
        ),
        message: "the file is not UTF-8 text; save it as UTF-8 CSV".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tsv { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| RatingsError {
            location: Location::file(path).line(e.position().map_or(0, |p| p.line() as usize)),
            message: format!("malformed CSV: {e}"),
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok((!rows.is_empty()).then(|| Table {
        path: path.to_path_buf(),
        sheet: None,
        rows,
    }))
}

/// The codebook's long layout from a table (renamed header).
fn long(b: &mut RatingsBuilder, t: &Table, header: &[String]) -> Result<(), RatingsError> {
    let cols = Columns::from_header(&csv::StringRecord::from(header.to_vec()))
        .map_err(|m| t.error(t.rows[0].0, None, m))?;
    for w in &cols.warnings {
        b.warn(format!("{}: {w}", t.location(t.rows[0].0, None)));
    }
    for r in 1..t.rows.len() {
        let row = t.rows[r].0;
        let analyst = t.cell(r, cols.analyst);
        let doc = t.cell(r, cols.doc_id);
        if analyst.is_empty() || doc.is_empty() {
            let c = if analyst.is_empty() {
                cols.analyst
            } else {
                cols.doc_id
            };
            return Err(t.error(row, Some(c), "empty analyst or doc_id".into()));
        }
        let mut values = [None; 5];
        for (dim, col) in RatedDimension::ALL.iter().zip(cols.dims) {
            if let Some(c) = col {
                values[dim.index()] =
                    parse_cell(t.cell(r, c), *dim, false).map_err(|m| t.error(row, Some(c), m))?;
            }
        }
        let note = cols
            .note
            .map(|c| t.cell(r, c))
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        b.add(analyst, doc, values, note, t.location(row, None))?;
    }
    Ok(())
}

/// The doc_id column of a header.
fn doc_column(t: &Table, header: &[String]) -> Result<usize, RatingsError> {
    header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("doc_id"))
        .ok_or_else(|| {
            t.error(
                t.rows[0].0,
                None,
                "no `doc_id` column; rename yours with --columns doc_id=NAME".into(),
            )
        })
}

/// One row per document, a column per analyst and dimension.
fn wide(b: &mut RatingsBuilder, t: &Table, header: &[String]) -> Result<(), RatingsError> {
    let doc_col = doc_column(t, header)?;
    let mut analysts: Vec<String> = Vec::new();
    let mut cols: Vec<(usize, usize, Option<RatedDimension>)> = Vec::new();
    for (c, h) in header.iter().enumerate() {
        if c == doc_col {
            continue;
        }
        match split_wide(h) {
            Some((a, d)) => {
                let ai = analysts.iter().position(|x| *x == a).unwrap_or_else(|| {
                    analysts.push(a.clone());
                    analysts.len() - 1
                });
                cols.push((c, ai, d));
            }
            None => b.warn(format!(
                "{}: column `{h}` is not ANALYST_DIMENSION and is ignored",
                t.location(t.rows[0].0, Some(c))
            )),
        }
    }
    for r in 1..t.rows.len() {
        let row = t.rows[r].0;
        let doc = t.cell(r, doc_col);
        if doc.is_empty() {
            return Err(t.error(row, Some(doc_col), "empty doc_id".into()));
        }
        for (ai, a) in analysts.iter().enumerate() {
            let mut values = [None; 5];
            let mut note = None;
            for &(c, _, d) in cols.iter().filter(|x| x.1 == ai) {
                match d {
                    Some(d) => {
                        values[d.index()] = parse_cell(t.cell(r, c), d, true)
                            .map_err(|m| t.error(row, Some(c), m))?
                    }
                    None => note = Some(t.cell(r, c).to_string()).filter(|n| !n.is_empty()),
                }
            }
            if values.iter().any(Option::is_some) || note.is_some() {
                b.add(a, doc, values, note, t.location(row, None))?;
            }
        }
    }
    Ok(())
}

/// One dimension: documents in rows and analysts in columns, or (`matrix`) the other way.
fn one_dimension(
    b: &mut RatingsBuilder,
    t: &Table,
    header: &[String],
    dim: RatedDimension,
    matrix: bool,
) -> Result<(), RatingsError> {
    let key_col = if matrix { 0 } else { doc_column(t, header)? };
    for r in 1..t.rows.len() {
        let row = t.rows[r].0;
        let key = t.cell(r, key_col);
        if key.is_empty() {
            let what = if matrix { "analyst" } else { "doc_id" };
            return Err(t.error(row, Some(key_col), format!("empty {what}")));
        }
        for (c, h) in header.iter().enumerate() {
            if c == key_col {
                continue;
            }
            let name = h.trim();
            if name.is_empty() {
                continue;
            }
            let Some(v) =
                parse_cell(t.cell(r, c), dim, true).map_err(|m| t.error(row, Some(c), m))?
            else {
                continue;
            };
            let mut values = [None; 5];
            values[dim.index()] = Some(v);
            let (analyst, doc) = if matrix { (key, name) } else { (name, key) };
            let mut loc = t.location(row, Some(c));
            loc.column = Some(c + 1);
            b.merge(analyst, doc, values, loc)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn layouts_are_told_from_the_header() {
        let cases = [
            (h(&["analyst", "doc_id", "tension"]), Some(Layout::Long)),
            (h(&["doc_id", "tension"]), Some(Layout::Long)),
            (
                h(&["doc_id", "A_tension", "B tension", "A_note"]),
                Some(Layout::Wide),
            ),
            (h(&["doc_id", "A", "B"]), Some(Layout::ByDimension)),
            (h(&["analyst", "d1", "d2"]), Some(Layout::Matrix)),
            (h(&["", "d1", "d2"]), Some(Layout::Matrix)),
            (h(&["Document", "Tension"]), None),
            (h(&["analyst"]), None),
        ];
        for (header, want) in cases {
            assert_eq!(detect(&header), want, "{header:?}");
        }
        assert_eq!(
            split_wide("Dr. Smith_Tension"),
            Some(("Dr. Smith".to_string(), Some(RatedDimension::Tension)))
        );
        assert_eq!(split_wide("A_mood"), None);
        assert_eq!(split_wide("_tension"), None);
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
    }

    #[test]
    fn column_mapping_is_checked() {
        let m = ReadRatings::parse_columns("doc_id=Document, tension = Spannung").unwrap();
        assert_eq!(
            m,
            [
                ("doc_id".to_string(), "Document".to_string()),
                ("tension".to_string(), "Spannung".to_string())
            ]
        );
        assert!(
            ReadRatings::parse_columns("doc_id")
                .unwrap_err()
                .contains("NAME=COLUMN")
        );
        assert!(
            ReadRatings::parse_columns("mood=Mood")
                .unwrap_err()
                .contains("not a codebook column")
        );
    }

    #[test]
    fn per_dimension_files_merge_and_a_value_twice_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("tension.csv");
        let u = dir.path().join("uncertainty.csv");
        std::fs::write(&t, "doc_id,A,B\nd1,3,*\nd2,,5\n").unwrap();
        std::fs::write(&u, "doc_id,A,B\nd1,1,2\n").unwrap();
        let r = ReadRatings::default().read(&[&t, &u]).unwrap();
        assert_eq!(r.value("A", "d1", RatedDimension::Tension), Some(3.0));
        assert_eq!(r.value("A", "d1", RatedDimension::Uncertainty), Some(1.0));
        assert_eq!(r.value("B", "d1", RatedDimension::Tension), None);
        assert_eq!(r.value("B", "d2", RatedDimension::Tension), Some(5.0));
        let e = ReadRatings::default()
            .read(&[&t, &t])
            .unwrap_err()
            .to_string();
        assert!(e.contains("second tension value of d1 by analyst A"), "{e}");
        assert!(e.contains("tension.csv:2:2"), "{e}");
        // a long file without analyst column says so
        let l = dir.path().join("x.csv");
        std::fs::write(&l, "doc_id,tension\nd1,3\n").unwrap();
        let e = ReadRatings::default().read(&[&l]).unwrap_err().to_string();
        assert!(
            e.contains("x.csv:1") && e.contains("missing required column analyst"),
            "{e}"
        );
    }
}
