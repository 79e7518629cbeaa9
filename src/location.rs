//! Where something is in the input: a file, a line, a column, a document. A leaf that every
//! stage imports, so that no stage needs the library's error type to say where it went wrong.

use std::fmt;
use std::path::PathBuf;

/// Where something went wrong: any of file, line, column, document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file, or `-` for standard input.
    pub path: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
    /// The document id, when one is known.
    pub doc: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: Some(path.into()),
            ..Location::default()
        }
    }

    /// Add a line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Add a line.
    pub fn line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Add a document id.
    pub fn doc(mut self, doc: impl Into<String>) -> Self {
        self.doc = Some(doc.into());
        self
    }

    /// 1-based line and column of byte offset `offset` in `text`.
    pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let mut cut = offset;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let before = &text[..cut];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// `location: message`, or the message alone when there is no location, with control
/// characters shown as escapes (see [`printable`]).
pub fn located(location: &Location, message: &str) -> String {
    let loc = location.to_string();
    if loc.is_empty() {
        printable(message).into_owned()
    } else {
        format!("{}: {}", printable(&loc), printable(message))
    }
}

/// `s` with every control character written as an escape (`\u{1b}`), so that a name or id
/// taken from a document cannot move the cursor, ring the bell or break a line on a terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            wrote = true;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
                if let Some(c) = self.column {
                    write!(f, ":{c}")?;
                }
            }
        }
        if let Some(d) = &self.doc {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "[document {d}]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_display() {
        let l = Location::file("lexicons/cues.toml").at(14, 9);
        assert_eq!(l.to_string(), "lexicons/cues.toml:14:9");
        let l = Location::file("a.xml").doc("frus1938v03-d423");
        assert_eq!(l.to_string(), "a.xml [document frus1938v03-d423]");
    }

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\ncé d";
        assert_eq!(Location::line_col(t, 0), (1, 1));
        assert_eq!(Location::line_col(t, 3), (2, 1));
        assert_eq!(Location::line_col(t, t.find('d').unwrap()), (2, 4));
    }
}
