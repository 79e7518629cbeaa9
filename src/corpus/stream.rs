//! One or more corpus paths of mixed kinds, read as one stream of documents.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use super::jsonl::JsonlReader;
use super::manifest::ManifestReader;
use super::tei::{self, TeiReader};
use super::{CorpusError, Document, Problem, decode, textdir};
use crate::location::Location;

/// How to read a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Decode invalid UTF-8 as U+FFFD (and warn with the number of bytes replaced) instead of
    /// refusing the file.
    pub lossy: bool,
    /// Do not warn about documents without a date: for uses where dates do not matter (scoring),
    /// the warning would only be noise. Timelines and reports keep it.
    pub quiet_undated: bool,
    /// Documents larger than this many bytes are not read (a [`Problem`] each); memory stays
    /// bounded by it while finding out.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            lossy: false,
            quiet_undated: false,
            max_doc_bytes: decode::DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// What a corpus path holds, decided from the path alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `-`: standard input, one text document with id `stdin`.
    Stdin,
    /// A folder of `.txt` files (recursive).
    Folder,
    /// `.xml`: a FRUS TEI volume.
    Tei,
    /// `.jsonl` / `.ndjson`: one document per line.
    Jsonl,
    /// `.csv` / `.tsv`: a manifest.
    Manifest,
    /// Anything else: one text file with optional front matter.
    Text,
}

impl InputKind {
    /// The kind of `path` (a folder is recognised by asking the file system).
    pub fn of(path: &Path) -> InputKind {
        if path.as_os_str() == "-" {
            return InputKind::Stdin;
        }
        if path.is_dir() {
            return InputKind::Folder;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xml" => InputKind::Tei,
            "jsonl" | "ndjson" => InputKind::Jsonl,
            "csv" | "tsv" => InputKind::Manifest,
            _ => InputKind::Text,
        }
    }
}

/// The input being read.
enum Current {
    Tei(Box<TeiReader>),
    Jsonl(JsonlReader),
    /// A manifest; for a folder's own `manifest.tsv`, the folder's `.txt` files too, to name
    /// those it does not list.
    Manifest(Box<ManifestReader>, Option<Vec<PathBuf>>),
    /// Text files still to read (a folder) and results already known (a single file, stdin,
    /// or a problem found while opening).
    Queue(VecDeque<Pending>),
}

enum Pending {
    File(PathBuf),
    Done(Box<Result<Document, Problem>>),
}

impl Current {
    fn one(r: Result<Document, Problem>) -> Current {
        Current::Queue(VecDeque::from([Pending::Done(Box::new(r))]))
    }
}

/// Per-input tallies, reported as warnings when the input is finished.
#[derive(Default)]
struct Tally {
    docs: usize,
    undated: usize,
    undated_ids: Vec<String>,
}

/// A stream of documents from one or more corpus paths; see [`read`].
///
/// Yields documents in a stable order (the order of the paths; in a folder, sorted by relative
/// path; in a file, file order), one at a time: only the ids read so far are kept, to check
/// that they are unique. Warnings accumulate on the side: read them with
/// [`DocStream::warnings`] or [`DocStream::take_warnings`] (complete once the stream is
/// exhausted).
pub struct DocStream {
    inputs: VecDeque<PathBuf>,
    current: Option<(PathBuf, Current)>,
    lossy: bool,
    quiet_undated: bool,
    max_doc_bytes: usize,
    /// Items (documents or problems) the current input has given.
    items: usize,
    /// First location of each id read (lookup only, never iterated).
    seen: HashMap<String, Location>,
    warnings: Vec<String>,
    stdin_used: bool,
    tally: Tally,
}

/// Read one or more corpus paths as one corpus, streaming.
///
/// Kinds (see [`InputKind`]): a folder of `.txt` files (read recursively; other files are
/// skipped with a warning; a folder without any `.txt` is a Problem naming it), a FRUS TEI
/// `.xml` volume, `.jsonl`/`.ndjson`, a `.csv`/`.tsv` manifest, `-` for standard input (one
/// text document, id `stdin` unless its front matter gives one), and any other file as one
/// text document with optional front matter.
///
/// Everything that goes wrong with one input or one document is a [`Problem`] in the stream
/// (missing path, unreadable file, malformed XML, bad date, duplicate id, empty document), so
/// the rest of the corpus is still read. The fatal `Err` is kept for "nothing can be read at
/// all": no paths given, or none of the paths exists.
pub fn read(paths: &[PathBuf], opts: &ReadOptions) -> Result<DocStream, CorpusError> {
    if paths.is_empty() {
        return Err(Problem {
            location: Location::default(),
            message: "no corpus paths given".into(),
        }
        .into());
    }
    let missing: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && std::fs::metadata(p).is_err())
        .collect();
    if missing.len() == paths.len() {
        let first = missing[0];
        let detail = match std::fs::metadata(first) {
            Err(e) => e.to_string(),
            Ok(_) => "cannot be read".into(),
        };
        let others = if missing.len() > 1 {
            format!(
                " (nor can {})",
                missing[1..]
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        };
        return Err(Problem {
            location: Location::file(first),
            message: format!("cannot read the corpus: {detail}{others}"),
        }
        .into());
    }
    Ok(DocStream {
        inputs: paths.iter().cloned().collect(),
        current: None,
        lossy: opts.lossy,
        quiet_undated: opts.quiet_undated,
        max_doc_bytes: opts.max_doc_bytes.max(1),
        items: 0,
        seen: HashMap::new(),
        warnings: Vec::new(),
        stdin_used: false,
        tally: Tally::default(),
    })
}

impl DocStream {
    /// Warnings so far (complete once the stream is exhausted).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Take the warnings so far, leaving none.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    fn open(&mut self, path: &Path) -> Current {
        match InputKind::of(path) {
            InputKind::Stdin => {
                if self.stdin_used {
                    return Current::one(Err(Problem {
                        location: Location::file("-"),
                        message: "standard input given twice; it can be read only once".into(),
                    }));
                }
                self.stdin_used = true;
                let r = decode::read_capped(std::io::stdin().lock(), self.max_doc_bytes);
                Current::one(self.capped_doc(Path::new("-"), Some("stdin"), r))
            }
            InputKind::Folder => {
                let listing = textdir::list_folder(path);
                if let Some(m) = textdir::folder_manifest(path) {
                    return match ManifestReader::open(&m, self.lossy, self.max_doc_bytes) {
                        Ok(r) => Current::Manifest(Box::new(r), Some(listing.texts)),
                        Err(p) => Current::one(Err(p)),
                    };
                }
                if !listing.special.is_empty() {
                    self.warnings.push(format!(
                        "{}: {} skipped (named pipes, devices or sockets are not read from a folder; name one on the command line to read it): {}",
                        path.display(),
                        crate::plural::count(listing.special.len(), "file"),
                        shown(path, &listing.special)
                    ));
                }
                if !listing.skipped.is_empty() {
                    let shown: Vec<String> = listing
                        .skipped
                        .iter()
                        .take(3)
                        .map(|p| p.strip_prefix(path).unwrap_or(p).display().to_string())
                        .collect();
                    let more = if listing.skipped.len() > 3 {
                        ", ..."
                    } else {
                        ""
                    };
                    self.warnings.push(format!(
                        "{}: {} skipped (not .txt): {}{more}",
                        path.display(),
                        crate::plural::count(listing.skipped.len(), "file"),
                        shown.join(", ")
                    ));
                }
                let mut queue: VecDeque<Pending> = listing
                    .problems
                    .into_iter()
                    .map(|p| Pending::Done(Box::new(Err(p))))
                    .collect();
                if listing.texts.is_empty() {
                    queue.push_back(Pending::Done(Box::new(Err(Problem {
                        location: Location::file(path),
                        message: format!(
                            "no .txt files in this folder ({} other files); a folder corpus holds one .txt file per document",
                            listing.skipped.len()
                        ),
                    }))));
                }
                queue.extend(listing.texts.into_iter().map(Pending::File));
                Current::Queue(queue)
            }
            InputKind::Tei => Current::Tei(Box::new(
                tei::read_volume(path, self.lossy).max_doc_bytes(self.max_doc_bytes),
            )),
            InputKind::Jsonl => match JsonlReader::open(path, self.lossy, self.max_doc_bytes) {
                Ok(r) => Current::Jsonl(r),
                Err(p) => Current::one(Err(p)),
            },
            InputKind::Manifest => match ManifestReader::open(path, self.lossy, self.max_doc_bytes)
            {
                Ok(r) => Current::Manifest(Box::new(r), None),
                Err(p) => Current::one(Err(p)),
            },
            InputKind::Text => Current::Queue(VecDeque::from([Pending::File(path.to_path_buf())])),
        }
    }

    /// Read and parse one text file (a named pipe given by name is read like standard input).
    fn read_text_file(&mut self, path: &Path) -> Result<Document, Problem> {
        let r = std::fs::File::open(path).and_then(|f| decode::read_capped(f, self.max_doc_bytes));
        self.capped_doc(path, None, r)
    }

    /// A text document from a capped read (see [`decode::read_capped`]).
    fn capped_doc(
        &mut self,
        path: &Path,
        fallback_id: Option<&str>,
        read: std::io::Result<Option<Vec<u8>>>,
    ) -> Result<Document, Problem> {
        let at = || Location::file(path);
        match read {
            Ok(Some(bytes)) => self.text_doc(path, fallback_id, bytes),
            Ok(None) => Err(Problem {
                location: at(),
                message: decode::too_large(self.max_doc_bytes),
            }),
            Err(e) => Err(Problem {
                location: at(),
                message: if path.as_os_str() == "-" {
                    format!("cannot read standard input: {e}")
                } else {
                    format!("cannot read: {e}")
                },
            }),
        }
    }

    fn text_doc(
        &mut self,
        path: &Path,
        fallback_id: Option<&str>,
        mut bytes: Vec<u8>,
    ) -> Result<Document, Problem> {
        let bom = decode::check_bom(&bytes).map_err(|m| Problem {
            location: Location::file(path),
            message: m,
        })?;
        bytes.drain(..bom);
        let (text, replaced) = match decode::decode(bytes, self.lossy) {
            Ok(v) => v,
            Err(bad) => {
                return Err(Problem {
                    location: Location::file(path).at(bad.line, bad.column),
                    message: format!(
                        "not valid UTF-8 (first bad byte at offset {}); re-save the file as UTF-8, or pass --lossy to replace bad bytes",
                        bad.offset
                    ),
                });
            }
        };
        if replaced > 0 {
            self.warnings
                .push(super::decode::replaced_warning(path, replaced, ""));
        }
        textdir::parse_text(path, fallback_id, &text)
    }

    /// The next raw item of the current input, or `None` when it is finished.
    fn next_raw(&mut self) -> Option<Result<Document, Problem>> {
        let (_, cur) = self.current.as_mut()?;
        match cur {
            Current::Tei(r) => r.next(),
            Current::Jsonl(r) => r.next(),
            Current::Manifest(r, _) => r.next(),
            Current::Queue(q) => match q.pop_front()? {
                Pending::Done(r) => Some(*r),
                Pending::File(p) => Some(self.read_text_file(&p)),
            },
        }
    }

    /// Close the current input: collect its warnings. An input that gave nothing at all (no
    /// document, no problem) is a problem itself: an empty file, or not what its name says.
    fn finish_input(&mut self) -> Option<Problem> {
        let (path, cur) = self.current.take()?;
        let empty = std::mem::take(&mut self.items) == 0;
        if let Current::Manifest(r, Some(texts)) = &cur {
            let unlisted: Vec<PathBuf> = texts.iter().filter(|t| !r.listed(t)).cloned().collect();
            if !unlisted.is_empty() {
                self.warnings.push(format!(
                    "{}: {} not listed in {} and not read: {}",
                    path.display(),
                    crate::plural::count(unlisted.len(), ".txt file"),
                    r.path().display(),
                    shown(&path, &unlisted)
                ));
            }
        }
        match &cur {
            Current::Tei(r) => {
                if r.replaced() > 0 {
                    self.warnings
                        .push(super::decode::replaced_warning(&path, r.replaced(), ""));
                }
            }
            Current::Jsonl(r) => self.warnings.extend(r.warnings()),
            Current::Manifest(r, _) => self.warnings.extend(r.warnings()),
            Current::Queue(_) => {}
        }
        let t = std::mem::take(&mut self.tally);
        if t.undated > 0 && !self.quiet_undated {
            let more = if t.undated > t.undated_ids.len() {
                ", ..."
            } else {
                ""
            };
            self.warnings.push(format!(
                "{}: {} of {} {} no date (kept, but left out of timelines): {}{more}",
                path.display(),
                t.undated,
                crate::plural::count(t.docs, "document"),
                if t.undated == 1 { "has" } else { "have" },
                t.undated_ids.join(", ")
            ));
        }
        empty.then(|| Problem {
            location: Location::file(&path),
            message: format!(
                "no document found: the input is empty, or it is not {}",
                match InputKind::of(&path) {
                    InputKind::Tei => "a TEI volume with <div type=\"document\"> elements",
                    InputKind::Jsonl => "JSONL (one document object per line)",
                    InputKind::Manifest => "a manifest with a header row and one row per document",
                    _ => "a corpus",
                }
            ),
        })
    }

    /// Check a document (a printable, unique id; some words; within the size limit), make its
    /// metadata printable, and count it.
    fn admit(&mut self, mut doc: Document) -> Result<Document, Problem> {
        let refuse = |doc: &Document, message: String| {
            let mut location = doc.origin.clone();
            location.doc = Some(doc.id.clone());
            Err(Problem { location, message })
        };
        if let Some(c) = doc.id.chars().find(|c| c.is_control()) {
            return refuse(
                &doc,
                format!(
                    "the id contains a control character (U+{:04X}); ids are names printed in tables and used in file names: give a printable id",
                    c as u32
                ),
            );
        }
        if doc.text.len() > self.max_doc_bytes {
            return refuse(&doc, decode::too_large(self.max_doc_bytes));
        }
        if !super::has_words(&doc.text) {
            return refuse(
                &doc,
                "no text: no words to score (only punctuation, numbers, page markers or control characters)".into(),
            );
        }
        super::printable_meta(&mut doc.meta);
        if let Some(first) = self.seen.get(&doc.id) {
            let mut location = doc.origin.clone();
            location.doc = Some(doc.id.clone());
            return Err(Problem {
                location,
                message: format!(
                    "duplicate id \"{}\": already read from {}; this one is not used (give each document a unique id)",
                    doc.id, first
                ),
            });
        }
        self.seen.insert(doc.id.clone(), doc.origin.clone());
        self.tally.docs += 1;
        if doc.meta.date.is_none() {
            self.tally.undated += 1;
            if self.tally.undated_ids.len() < 5 {
                self.tally.undated_ids.push(doc.id.clone());
            }
        }
        Ok(doc)
    }
}

/// The first three of `paths`, relative to `base`, and "..." when there are more.
fn shown(base: &Path, paths: &[PathBuf]) -> String {
    let mut s: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(base).unwrap_or(p).display().to_string())
        .collect();
    if paths.len() > 3 {
        s.push("...".into());
    }
    s.join(", ")
}

impl Iterator for DocStream {
    type Item = Result<Document, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_none() {
                let path = self.inputs.pop_front()?;
                let cur = self.open(&path);
                self.current = Some((path, cur));
            }
            match self.next_raw() {
                None => {
                    if let Some(p) = self.finish_input() {
                        return Some(Err(p));
                    }
                }
                Some(item) => {
                    self.items += 1;
                    return Some(item.and_then(|doc| self.admit(doc)));
                }
            }
        }
    }
}
