//! CSV/TSV manifests: a header row, then one row per document.
//!
//! Columns (header names, case-insensitive): `id`, `text` or `file`, and optionally `date`,
//! `author`, `author_role`, `recipient`, `place`, `source`, `url`, `title`. A `file` is resolved
//! against the manifest's folder and must stay inside it (no absolute paths, no `..` above the
//! folder): a manifest handed over by someone else must not make the tool read arbitrary files.
//! The file is read like any text document (front matter allowed); non-empty cells of the row
//! override its front matter. Without an `id` column the id comes from the file (its front
//! matter, or its stem). Unknown columns are ignored with one warning naming them
//! (spreadsheets carry columns of their own); `doc_id` is read as `id`. A quoted field that is
//! never closed is an error naming the line where it opens (the rest of the file would
//! otherwise become one field). Errors name the manifest and line.

use std::fs::File;
use std::path::{Component, Path, PathBuf};

use super::decode::{self, Utf8Reader};
use super::{Document, PartialDate, Problem, textdir};
use crate::location::Location;

const KNOWN: [&str; 11] = [
    "id",
    "text",
    "file",
    "date",
    "author",
    "author_role",
    "recipient",
    "place",
    "source",
    "url",
    "title",
];

/// Column names read as another: `doc_id` (the shared seeds' manifest) is `id`.
const ALIASES: [(&str, &str); 1] = [("doc_id", "id")];

/// Follows the quoting of the bytes the CSV parser reads, to notice a quoted field that is
/// still open at the end of the file (the parser silently ends it there).
struct QuoteTracker<R> {
    inner: R,
    delimiter: u8,
    /// At the start of a field.
    field_start: bool,
    /// Inside a quoted field; a quote just seen inside one.
    quoted: bool,
    quote_seen: bool,
    line: usize,
    /// Line where the open quoted field began.
    open_line: usize,
    total: usize,
    eof: bool,
}

impl<R: std::io::Read> QuoteTracker<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        QuoteTracker {
            inner,
            delimiter,
            field_start: true,
            quoted: false,
            quote_seen: false,
            line: 1,
            open_line: 0,
            total: 0,
            eof: false,
        }
    }

    fn track(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
        }
        if self.quoted {
            if self.quote_seen {
                self.quote_seen = false;
                if b != b'"' {
                    self.quoted = false; // the quote closed the field
                    self.field_start = b == self.delimiter || b == b'\n' || b == b'\r';
                }
            } else if b == b'"' {
                self.quote_seen = true;
            }
            return;
        }
        if b == b'"' && self.field_start {
            self.quoted = true;
            self.open_line = self.line;
        }
        self.field_start = b == self.delimiter || b == b'\n' || b == b'\r';
    }

    /// The line where a quoted field opens that the end of the file left open.
    fn unterminated(&self) -> Option<usize> {
        (self.eof && self.quoted && !self.quote_seen).then_some(self.open_line)
    }
}

impl<R: std::io::Read> std::io::Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        for &b in &buf[..n] {
            self.track(b);
        }
        self.total += n;
        Ok(n)
    }
}

/// Streams the rows of a manifest.
pub struct ManifestReader {
    path: PathBuf,
    folder: PathBuf,
    rows: csv::Reader<QuoteTracker<Utf8Reader<File>>>,
    max_doc_bytes: usize,
    /// The files read through the `file` column (to name a folder's unlisted files).
    listed: std::collections::HashSet<PathBuf>,
    done: bool,
    /// Column index of each known name (same order as [`KNOWN`]).
    cols: [Option<usize>; 11],
    lossy: bool,
    unknown: Vec<String>,
    replaced_files: usize,
    record: csv::ByteRecord,
}

impl ManifestReader {
    /// Open `path` and read its header. A TSV (by extension) is tab-separated.
    pub fn open(path: &Path, lossy: bool, max_doc_bytes: usize) -> Result<Self, Problem> {
        let at = || Location::file(path);
        let f = File::open(path).map_err(|e| Problem {
            location: at(),
            message: format!("cannot open: {e}"),
        })?;
        let tsv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
        let delimiter = if tsv { b'\t' } else { b',' };
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(false)
            .from_reader(QuoteTracker::new(Utf8Reader::new(f, lossy), delimiter));
        let headers = match rows.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(csv_problem(
                    path,
                    &e,
                    rows.get_ref().inner.bad_offset(),
                    rows.get_ref().inner.refused(),
                ));
            }
        };
        let mut cols = [None; 11];
        let mut unknown = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let mut name = String::from_utf8_lossy(h).trim().to_ascii_lowercase();
            if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == name) {
                name = to.to_string();
            }
            match KNOWN.iter().position(|k| *k == name) {
                Some(k) if cols[k].is_none() => cols[k] = Some(i),
                Some(_) => {
                    return Err(Problem {
                        location: at().line(1),
                        message: format!("column \"{name}\" appears twice in the header"),
                    });
                }
                None => unknown.push(name),
            }
        }
        if cols[1].is_none() && cols[2].is_none() {
            return Err(Problem {
                location: at().line(1),
                message: format!(
                    "the header has neither a \"text\" nor a \"file\" column (found: {})",
                    headers
                        .iter()
                        .map(|h| String::from_utf8_lossy(h).into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(ManifestReader {
            path: path.to_path_buf(),
            folder,
            rows,
            max_doc_bytes,
            listed: Default::default(),
            done: false,
            cols,
            lossy,
            unknown,
            replaced_files: 0,
            record: csv::ByteRecord::new(),
        })
    }

    /// Warnings once the manifest is read: ignored columns, bytes replaced.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if !self.unknown.is_empty() {
            w.push(format!(
                "{}: columns ignored: {} (known: {})",
                self.path.display(),
                self.unknown.join(", "),
                KNOWN.join(", ")
            ));
        }
        let in_manifest = self.rows.get_ref().inner.replaced();
        if in_manifest > 0 {
            w.push(super::decode::replaced_warning(&self.path, in_manifest, ""));
        }
        if self.replaced_files > 0 {
            w.push(super::decode::replaced_warning(
                &self.path,
                self.replaced_files,
                " in the files it lists",
            ));
        }
        w
    }

    /// The manifest.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when `file` was read through the `file` column.
    pub fn listed(&self, file: &Path) -> bool {
        std::fs::canonicalize(file).is_ok_and(|f| self.listed.contains(&f))
    }

    fn cell(&self, k: usize) -> Option<String> {
        let i = self.cols[k]?;
        let raw = self.record.get(i).unwrap_or_default();
        let s = match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            // Bytes were checked (or replaced) by the Utf8Reader already.
            Err(_) => decode::decode_lossy(raw).0,
        };
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }

    fn row(&mut self, line: usize) -> Result<Document, Problem> {
        let at = || Location::file(&self.path).line(line);
        let id = self.cell(0);
        let text = self.cell(1);
        let file = self.cell(2);
        let mut doc = match (text, file) {
            (Some(text), _) => {
                let Some(id) = id.clone() else {
                    return Err(Problem {
                        location: at(),
                        message: "empty \"id\"".into(),
                    });
                };
                Document {
                    id,
                    text,
                    ..Document::default()
                }
            }
            (None, Some(file)) => {
                let full = self.resolve(&file).map_err(|m| Problem {
                    location: at(),
                    message: m,
                })?;
                if let Ok(c) = std::fs::canonicalize(&full) {
                    self.listed.insert(c);
                }
                let bytes = File::open(&full)
                    .and_then(|f| decode::read_capped(f, self.max_doc_bytes))
                    .map_err(|e| Problem {
                        location: at(),
                        message: format!("cannot read file \"{file}\": {e}"),
                    })?
                    .ok_or_else(|| Problem {
                        location: Location::file(&full),
                        message: decode::too_large(self.max_doc_bytes),
                    })?;
                let bom = decode::check_bom(&bytes).map_err(|m| Problem {
                    location: Location::file(&full),
                    message: m,
                })?;
                let (content, n) = decode::decode(bytes[bom..].to_vec(), self.lossy).map_err(|bad| Problem {
                    location: Location::file(&full),
                    message: format!(
                        "not valid UTF-8 at byte {} (listed on {}:{line}); re-save it as UTF-8, or pass --lossy",
                        bad.offset,
                        self.path.display()
                    ),
                })?;
                self.replaced_files += n;
                textdir::parse_text(&full, id.as_deref(), &content)?
            }
            (None, None) => {
                return Err(Problem {
                    location: match &id {
                        Some(id) => at().doc(id.clone()),
                        None => at(),
                    },
                    message: "no text: both \"text\" and \"file\" are empty".into(),
                });
            }
        };
        if let Some(id) = id {
            doc.id = id;
        }
        let id = doc.id.clone();
        if let Some(d) = self.cell(3) {
            doc.meta.date = Some(PartialDate::parse(&d).map_err(|m| Problem {
                location: at().doc(id.clone()),
                message: format!("{m}; fix the \"date\" cell or leave it empty"),
            })?);
        }
        let cells: Vec<Option<String>> = (4..11).map(|k| self.cell(k)).collect();
        let m = &mut doc.meta;
        let slots = [
            &mut m.author,
            &mut m.author_role,
            &mut m.recipient,
            &mut m.place,
            &mut m.source,
            &mut m.url,
            &mut m.title,
        ];
        for (slot, cell) in slots.into_iter().zip(cells) {
            if cell.is_some() {
                *slot = cell;
            }
        }
        if doc.text.trim().is_empty() {
            return Err(Problem {
                location: at().doc(id),
                message: "no text (empty or whitespace-only document); nothing to score".into(),
            });
        }
        doc.origin = at().doc(id);
        Ok(doc)
    }

    /// `file` relative to the manifest's folder, refusing paths that leave it.
    fn resolve(&self, file: &str) -> Result<PathBuf, String> {
        let rel = Path::new(file);
        let mut depth = 0usize;
        for c in rel.components() {
            match c {
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
                Component::ParentDir if depth > 0 => depth -= 1,
                _ => {
                    return Err(format!(
                        "file \"{file}\" is outside the manifest's folder; give a path relative to {} that stays inside it",
                        if self.folder.as_os_str().is_empty() {
                            Path::new(".")
                        } else {
                            &self.folder
                        }
                        .display()
                    ));
                }
            }
        }
        let full = self.folder.join(rel);
        // A symbolic link inside the folder must not lead out of it either.
        let base = if self.folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.folder
        };
        if let (Ok(b), Ok(f)) = (std::fs::canonicalize(base), std::fs::canonicalize(&full))
            && !f.starts_with(&b)
        {
            return Err(format!(
                "file \"{file}\" leads outside the manifest's folder {} through a symbolic link; only files inside it are read",
                base.display()
            ));
        }
        Ok(full)
    }
}

fn csv_problem(
    path: &Path,
    e: &csv::Error,
    bad_utf8: Option<usize>,
    refused: Option<&str>,
) -> Problem {
    let line = e.position().map(|p| p.line() as usize);
    let mut location = Location::file(path);
    location.line = line;
    if let Some(m) = refused {
        return Problem {
            location: Location::file(path),
            message: m.to_string(),
        };
    }
    let message = match (e.kind(), bad_utf8) {
        (_, Some(off)) => {
            format!("not valid UTF-8 at byte {off}; re-save the manifest as UTF-8, or pass --lossy")
        }
        (
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            },
            _,
        ) => {
            format!("row has {len} fields but the header has {expected_len}")
        }
        _ => e.to_string(),
    };
    Problem { location, message }
}

impl Iterator for ManifestReader {
    type Item = Result<Document, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let mut record = std::mem::take(&mut self.record);
            let res = self.rows.read_byte_record(&mut record);
            let bad = self.rows.get_ref().inner.bad_offset();
            self.record = record;
            match res {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                    {
                        continue;
                    }
                    let line = self.record.position().map_or(0, |p| p.line() as usize);
                    let tracker = self.rows.get_ref();
                    if let Some(open) = tracker.unterminated()
                        && self.rows.position().byte() as usize >= tracker.total
                    {
                        self.done = true;
                        return Some(Err(Problem {
                            location: Location::file(&self.path).line(open),
                            message: "a quoted field opens here and is never closed: everything from here to the end of the file would be read as one field, so none of it is read; close the quote (a quote inside a field is written \"\")"
                                .to_string(),
                        }));
                    }
                    if self.record.as_slice().len() > self.max_doc_bytes {
                        return Some(Err(Problem {
                            location: Location::file(&self.path).line(line),
                            message: decode::too_large(self.max_doc_bytes),
                        }));
                    }
                    return Some(self.row(line));
                }
                Err(e) => {
                    let fatal =
                        bad.is_some() || !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                    if fatal {
                        self.done = true;
                    }
                    let refused = self.rows.get_ref().inner.refused();
                    return Some(Err(csv_problem(&self.path, &e, bad, refused)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, s: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, s).unwrap();
        p
    }

    #[test]
    fn text_and_file_columns() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("t")).unwrap();
        write(
            dir.path(),
            "t/b.txt",
            "+++\nauthor = \"Grew\"\n+++\nThe Embassy dined.\n",
        );
        let m = write(
            dir.path(),
            "m.tsv",
            "id\ttext\tfile\tdate\tauthor\tbytes\na\tBorder clash.\t\t1938-07-30\tKirk\t1\nb\t\tt/b.txt\t1940-08\t\t2\n",
        );
        let r = ManifestReader::open(&m, false, usize::MAX).unwrap();
        let docs: Vec<_> = r.collect::<Result<_, _>>().unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Border clash.");
        assert_eq!(docs[0].meta.author.as_deref(), Some("Kirk"));
        assert_eq!(docs[1].id, "b");
        assert_eq!(docs[1].meta.author.as_deref(), Some("Grew"));
        assert_eq!(docs[1].meta.date, Some(PartialDate::ym(1940, 8)));
        assert_eq!(docs[1].origin.line, Some(3));
    }

    #[test]
    fn refuses_paths_outside_and_names_line() {
        let dir = tempfile::tempdir().unwrap();
        let m = write(
            dir.path(),
            "m.csv",
            "id,file\na,../secret.txt\nb,/etc/hostname\n",
        );
        let out: Vec<_> = ManifestReader::open(&m, false, usize::MAX)
            .unwrap()
            .collect();
        for (r, line) in out.iter().zip([2, 3]) {
            let e = r.as_ref().unwrap_err();
            assert_eq!(e.location.line, Some(line));
            assert!(e.message.contains("outside"), "{e}");
        }
    }

    #[test]
    fn bad_date_and_missing_columns() {
        let dir = tempfile::tempdir().unwrap();
        let m = write(
            dir.path(),
            "m.csv",
            "id,text,date\nx9,Some text.,1938-13-40\n",
        );
        let e = ManifestReader::open(&m, false, usize::MAX)
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(e.location.doc.as_deref(), Some("x9"));
        assert_eq!(e.location.line, Some(2));
        let m = write(dir.path(), "n.csv", "id,body\nx,y\n");
        let e = ManifestReader::open(&m, false, usize::MAX).err().unwrap();
        assert!(e.message.contains("neither"), "{e}");
    }
}
