//! JSONL corpora: one document object per line.
//!
//! `id` and `text` are required; `date` (string, year number, or null), `author`,
//! `author_role`, `recipient`, `place`, `source`, `url`, `title` (string or null) and `notes`
//! (list of strings) are optional. Unknown keys are ignored with one warning per file naming
//! them: JSONL is usually written by another program, which may carry fields of its own. Blank
//! lines are skipped. A bad line is a [`Problem`] naming the file and line; the other lines are
//! still read.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::decode;
use super::{DocMeta, Document, PartialDate, Problem};
use crate::location::Location;

/// One line of a JSONL corpus, before its date is checked.
#[derive(Debug, Default)]
struct Record {
    id: Option<String>,
    text: Option<String>,
    date: Option<String>,
    meta: DocMeta,
    notes: Vec<String>,
    unknown: Vec<String>,
}

/// A string or null.
fn opt_string<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
    map.next_value::<Option<String>>()
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object with at least \"id\" and \"text\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut r = Record::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => r.id = Some(map.next_value::<IdValue>()?.0),
                        "text" => r.text = opt_string(&mut map)?,
                        "date" => r.date = map.next_value::<Option<DateValue>>()?.map(|d| d.0),
                        "author" => r.meta.author = opt_string(&mut map)?,
                        "author_role" => r.meta.author_role = opt_string(&mut map)?,
                        "recipient" => r.meta.recipient = opt_string(&mut map)?,
                        "place" => r.meta.place = opt_string(&mut map)?,
                        "source" => r.meta.source = opt_string(&mut map)?,
                        "url" => r.meta.url = opt_string(&mut map)?,
                        "title" => r.meta.title = opt_string(&mut map)?,
                        "notes" => {
                            r.notes = map.next_value::<Option<Vec<String>>>()?.unwrap_or_default()
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            r.unknown.push(key);
                        }
                    }
                }
                Ok(r)
            }
        }
        d.deserialize_map(V)
    }
}

/// An id: a string, or a whole number written as one.
struct IdValue(String);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IdValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or whole number id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A date: a string, or a year as a number.
struct DateValue(String);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date string such as \"1938-07-16\", a year, or null")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateValue, E> {
                Ok(DateValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateValue, E> {
                Ok(DateValue(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateValue, E> {
                Ok(DateValue(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Parse one JSONL line (already decoded) into a document. `line` is 1-based. Unknown keys are
/// returned for the caller's warning.
pub fn parse_line(
    path: &Path,
    line: usize,
    text: &str,
) -> Result<(Document, Vec<String>), Problem> {
    let at = || Location::file(path).line(line);
    let rec: Record = serde_json::from_str(text).map_err(|e| Problem {
        location: Location::file(path).at(line, e.column().max(1)),
        message: format!("bad JSON: {}", strip_json_position(&e.to_string())),
    })?;
    let Some(id) = rec
        .id
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    else {
        return Err(Problem {
            location: at(),
            message: "missing or empty \"id\"; every line needs an \"id\" and a \"text\"".into(),
        });
    };
    let Some(body) = rec.text else {
        return Err(Problem {
            location: at().doc(id),
            message: "missing \"text\"; every line needs an \"id\" and a \"text\"".into(),
        });
    };
    if body.trim().is_empty() {
        return Err(Problem {
            location: at().doc(id),
            message: "no text (empty or whitespace-only document); nothing to score".into(),
        });
    }
    let mut meta = rec.meta;
    meta.date = match rec.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(PartialDate::parse(s).map_err(|m| Problem {
            location: at().doc(id.clone()),
            message: format!("{m}; fix the \"date\" or set it to null"),
        })?),
    };
    Ok((
        Document {
            origin: at().doc(id.clone()),
            id,
            meta,
            text: body,
            notes: rec.notes,
        },
        rec.unknown,
    ))
}

/// serde_json appends " at line L column C" (of the line alone); the caller gives the location.
fn strip_json_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// Streams the documents of a JSONL file, one line at a time.
pub struct JsonlReader {
    path: PathBuf,
    reader: Option<BufReader<File>>,
    lossy: bool,
    line: usize,
    buf: Vec<u8>,
    unknown: Vec<String>,
    replaced: usize,
    max_doc_bytes: usize,
}

impl JsonlReader {
    /// Open `path`; a line longer than `max_doc_bytes` is a problem, read no further than that.
    pub fn open(path: &Path, lossy: bool, max_doc_bytes: usize) -> Result<Self, Problem> {
        let f = File::open(path).map_err(|e| Problem {
            location: Location::file(path),
            message: format!("cannot open: {e}"),
        })?;
        Ok(JsonlReader {
            path: path.to_path_buf(),
            reader: Some(BufReader::with_capacity(256 * 1024, f)),
            lossy,
            line: 0,
            buf: Vec::new(),
            unknown: Vec::new(),
            replaced: 0,
            max_doc_bytes,
        })
    }

    /// Warnings once the file is read: unknown keys, bytes replaced.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if !self.unknown.is_empty() {
            w.push(format!(
                "{}: unknown keys ignored: {} (known: id, text, date, author, author_role, recipient, place, source, url, title, notes)",
                self.path.display(),
                self.unknown.join(", ")
            ));
        }
        if self.replaced > 0 {
            w.push(super::decode::replaced_warning(
                &self.path,
                self.replaced,
                "",
            ));
        }
        w
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Document, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let reader = self.reader.as_mut()?;
            self.buf.clear();
            let cap = (self.max_doc_bytes as u64).saturating_add(1);
            match reader.by_ref().take(cap).read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(n) if n as u64 == cap && !self.buf.ends_with(b"\n") => {
                    self.line += 1;
                    self.buf.clear();
                    // Skip the rest of the line without holding it.
                    let skipped = skip_line(reader);
                    let location = Location::file(&self.path).line(self.line);
                    if let Err(e) = skipped {
                        self.reader = None;
                        return Some(Err(Problem {
                            location,
                            message: format!("cannot read: {e}"),
                        }));
                    }
                    return Some(Err(Problem {
                        location,
                        message: decode::too_large(self.max_doc_bytes),
                    }));
                }
                Ok(_) => {}
                Err(e) => {
                    self.reader = None;
                    return Some(Err(Problem {
                        location: Location::file(&self.path).line(self.line + 1),
                        message: format!("cannot read: {e}"),
                    }));
                }
            }
            self.line += 1;
            let mut bytes = std::mem::take(&mut self.buf);
            if self.line == 1 {
                match decode::check_bom(&bytes) {
                    Ok(skip) => {
                        bytes.drain(..skip);
                    }
                    Err(m) => {
                        self.reader = None;
                        return Some(Err(Problem {
                            location: Location::file(&self.path),
                            message: m,
                        }));
                    }
                }
            }
            let text = match decode::decode(bytes, self.lossy) {
                Ok((t, n)) => {
                    self.replaced += n;
                    t
                }
                Err(bad) => {
                    return Some(Err(Problem {
                        location: Location::file(&self.path).at(self.line, bad.offset + 1),
                        message: "not valid UTF-8; re-save the file as UTF-8, or pass --lossy to replace bad bytes".into(),
                    }));
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(
                parse_line(&self.path, self.line, &text).map(|(doc, unknown)| {
                    for k in unknown {
                        if !self.unknown.contains(&k) {
                            self.unknown.push(k);
                        }
                    }
                    doc
                }),
            );
        }
    }
}

/// Read up to and including the next newline, keeping nothing.
fn skip_line(r: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PathBuf {
        PathBuf::from("c.jsonl")
    }

    #[test]
    fn bench_shape_with_null_date() {
        let (d, unk) = parse_line(
            &p(),
            3,
            r#"{"id":"frus-000","date":null,"author":"Welles","text":"The Ambassador called."}"#,
        )
        .unwrap();
        assert_eq!(d.id, "frus-000");
        assert_eq!(d.meta.date, None);
        assert_eq!(d.meta.author.as_deref(), Some("Welles"));
        assert!(unk.is_empty());
        assert_eq!(d.origin.line, Some(3));
    }

    #[test]
    fn errors_name_line_and_document() {
        let e = parse_line(&p(), 7, r#"{"id":"a","text":"x","date":"1938-13-40"}"#).unwrap_err();
        assert_eq!(e.location.line, Some(7));
        assert_eq!(e.location.doc.as_deref(), Some("a"));
        assert!(e.message.contains("month 13"));
        let e = parse_line(&p(), 2, r#"{"id":"a"}"#).unwrap_err();
        assert!(e.message.contains("missing \"text\""), "{e}");
        let e = parse_line(&p(), 2, r#"{"id":"a","text":"x""#).unwrap_err();
        assert!(e.to_string().starts_with("c.jsonl:2:"), "{e}");
        let e = parse_line(&p(), 2, r#"{"text":"x"}"#).unwrap_err();
        assert!(e.message.contains("\"id\""), "{e}");
    }

    #[test]
    fn unknown_keys_reported() {
        let (_, unk) = parse_line(&p(), 1, r#"{"id":5,"text":"x","bytes":12}"#).unwrap();
        assert_eq!(unk, vec!["bytes"]);
    }
}
