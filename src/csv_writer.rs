//! The one CSV writer: every CSV the tool writes (scores, hits, clusters, comparisons, the
//! timeline, kwic, dfm) goes through [`field`], so that quoting follows one rule everywhere.
//! A leaf module, like [`crate::location`], so that every stage that writes a CSV (analysis,
//! output, the CLI) uses it without importing a stage above it; `output::csv` is this module.
//!
//! A cell is quoted when it holds a comma, a double quote or a line break (RFC 4180), and also
//! when it starts or ends with a space, which spreadsheets would otherwise trim.
//!
//! Ids, authors, titles, analysts' names and hit contexts come from documents, and a
//! spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula: `=HYPERLINK(...)` in a title would run when the CSV is opened.
//! Such a cell is neutralised the way OWASP describes ("CSV Injection"): a single quote is put
//! before it, so that it is shown as text. Plain numbers (`-0.5`, `+3`, `1e-7`) are left as
//! they are, so that scores stay numbers.

use std::borrow::Cow;

/// A cell as written: neutralised when a spreadsheet would take it for a formula, quoted when
/// it needs it, with its double quotes doubled.
pub fn field(s: &str) -> Cow<'_, str> {
    let s: Cow<'_, str> = if is_formula_like(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        s
    }
}

/// True for a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) and
/// is not a plain number.
fn is_formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s)
}

/// A decimal number as the tool writes them: an optional sign, digits with an optional
/// fraction, and an optional exponent (`-0.5`, `+3`, `1.5e-7`). Not `inf` or `NaN`.
fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Append one record (the cells joined by commas, then a newline) to `out`.
pub fn push_row<I, S>(out: &mut String, cells: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(c.as_ref()));
    }
    out.push('\n');
}

/// A CSV document built row by row, starting with its header.
#[derive(Debug, Clone, Default)]
pub struct Table {
    text: String,
}

impl Table {
    /// A table with this header row.
    pub fn new<I, S>(header: I) -> Table
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut t = Table::default();
        t.row(header);
        t
    }

    /// Add a row.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        push_row(&mut self.text, cells);
    }

    /// The CSV text.
    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_quotes_line_breaks_and_outer_spaces() {
        let mut s = String::new();
        push_row(
            &mut s,
            [
                "a,b",
                "say \"no\"",
                "two\nlines",
                " lead",
                "trail ",
                "plain",
            ],
        );
        assert_eq!(
            s,
            "\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",\" lead\",\"trail \",plain\n"
        );
        let mut r = ::csv::Reader::from_reader(s.as_bytes());
        let row = r.headers().unwrap().clone();
        let cells: Vec<&str> = row.iter().collect();
        assert_eq!(
            cells,
            [
                "a,b",
                "say \"no\"",
                "two\nlines",
                " lead",
                "trail ",
                "plain"
            ]
        );
    }
}
