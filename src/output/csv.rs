//! The one CSV writer: every CSV the tool writes (scores, hits, clusters, comparisons) goes
//! through [`field`], so that quoting follows one rule everywhere.
//!
//! A cell is quoted when it holds a comma, a double quote or a line break (RFC 4180), and also
//! when it starts or ends with a space, which spreadsheets would otherwise trim.

use std::borrow::Cow;

/// A cell as written: quoted when it needs it, with its double quotes doubled.
pub fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
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
