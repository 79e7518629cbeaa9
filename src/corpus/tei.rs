//! FRUS TEI volumes (Office of the Historian), read as a stream of events with quick-xml: a
//! document is built while its `div type="document"` is open and handed out when it closes, so
//! a whole volume is never held in memory.
//!
//! What goes where:
//! * **id**: volume id (the `TEI` root's `xml:id`, else `idno type="frus"`, else the file stem)
//!   + `-` + the div's `xml:id`, e.g. `frus1938v03-d465`.
//! * **date**: `frus:doc-dateTime-min` (with `-max` telling a whole month or year apart from a
//!   day), else the dateline's `date when` / `notBefore`.
//! * **author**: `persName type="from"` in the head, with the role as the head text before it
//!   ("The Chargé in the Soviet Union (Kirk)" gives role "Chargé in the Soviet Union"); or
//!   `gloss type="from"` (a role such as "Secretary of State", used as author and role); or, for
//!   memoranda, "Memorandum by the ROLE (NAME)". **recipient**: `gloss type="to"`, else
//!   `persName type="to"`. **place**: the first `placeName` of the document's own dateline.
//!   **source**: `note type="source"` (the file number). **title**: the head text.
//! * **text** (scored): everything else in the div: paragraphs, quotes, lists, labels, nested
//!   divs; paragraphs and list items separated by a blank line, whitespace (XML indentation)
//!   collapsed to single spaces. Not scored: the head, opener, datelines, closer and signature,
//!   which are metadata, and footnotes (every other `note`), which go to `notes`.
//! * `pb` adds nothing, so `communicated <pb/>to` stays two words and `Gov<pb/>ernment` stays
//!   one; `lb` is a line break (a space); a footnote call is a word boundary.
//!
//! Errors: a problem inside a document (an undeclared entity such as `&nbsp;`, a character
//! reference to a character XML does not allow, a mismatched tag) loses that document only: it
//! is reported with file:line:col and its id, and reading resumes at the next
//! `div type="document"`. When reading cannot go on (invalid UTF-8, the file ends inside a
//! document), the documents after that point are counted (by their `type="document"`
//! attributes) and the count is reported, so that no document is lost without a word
//! ([`TeiReader::unread`]). A `div type="document"` inside another document, or in another
//! namespace, is reported and not read: it is never merged into the text around it.
//!
//! Safety: only the five predefined entities and numeric character references are resolved. A
//! DOCTYPE that declares entities is refused as soon as it is seen, before any expansion could
//! happen ("billion laughs", external entities), and any other entity reference is an error.
//! Nesting is tracked in a heap-allocated stack, never by recursion.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::decode::{self, Utf8Reader};
use super::{DocMeta, Document, PartialDate, Problem};
use crate::location::Location;

/// Read a FRUS TEI volume: a stream of its documents. A file that cannot be opened yields one
/// [`Problem`]; malformed XML ends the stream with a Problem at its line and column (the
/// documents before it are kept).
pub fn read_volume(path: &Path, lossy: bool) -> TeiReader {
    match File::open(path) {
        Ok(f) => TeiReader::new(Source::File(path.to_path_buf()), Box::new(f), lossy),
        Err(e) => {
            let mut r = TeiReader::new(
                Source::File(path.to_path_buf()),
                Box::new(std::io::empty()),
                lossy,
            );
            r.failed = Some(Problem {
                location: Location::file(path),
                message: format!("cannot open: {e}"),
            });
            r
        }
    }
}

/// Read a TEI volume held in memory (tests, fuzzing); `name` is used in locations and as the
/// fallback volume id.
pub fn read_bytes(name: &Path, bytes: impl Into<Arc<[u8]>>, lossy: bool) -> TeiReader {
    let bytes: Arc<[u8]> = bytes.into();
    let reader = Box::new(std::io::Cursor::new(ArcBytes(bytes.clone())));
    TeiReader::new(Source::Memory(name.to_path_buf(), bytes), reader, lossy)
}

struct ArcBytes(Arc<[u8]>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Where the XML comes from: needed again only to turn an error's byte offset into a line and
/// column.
enum Source {
    File(PathBuf),
    Memory(PathBuf, Arc<[u8]>),
}

impl Source {
    fn path(&self) -> &Path {
        match self {
            Source::File(p) | Source::Memory(p, _) => p,
        }
    }

    /// How many `type="document"` attributes the file holds: the documents it was meant to
    /// give, counted without parsing (used only after an error).
    fn count_documents(&self) -> usize {
        const NEEDLES: [&[u8]; 2] = [b"type=\"document\"", b"type='document'"];
        let count = |b: &[u8]| {
            NEEDLES
                .iter()
                .map(|n| b.windows(n.len()).filter(|w| w == n).count())
                .sum::<usize>()
        };
        match self {
            Source::Memory(_, b) => count(b),
            Source::File(p) => {
                let Ok(mut f) = File::open(p) else { return 0 };
                let (mut total, mut carry) = (0, Vec::new());
                let mut chunk = vec![0u8; 1 << 20];
                loop {
                    let n = match f.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    // The last 15 bytes are carried over so a needle cut by the chunk
                    // boundary is counted once.
                    carry.extend_from_slice(&chunk[..n]);
                    let keep = carry.len().saturating_sub(15);
                    total += count(&carry) - count(&carry[keep..]);
                    carry.drain(..keep);
                }
                total + count(&carry)
            }
        }
    }

    /// Line and column of byte `offset`, reading at most `offset` bytes again.
    fn line_col(&self, offset: u64) -> Option<(usize, usize)> {
        match self {
            Source::Memory(_, b) => Some(decode::line_col(b, offset as usize)),
            Source::File(p) => {
                let f = File::open(p).ok()?;
                let mut prefix = Vec::new();
                f.take(offset).read_to_end(&mut prefix).ok()?;
                Some(decode::line_col(&prefix, prefix.len()))
            }
        }
    }
}

type XmlReader = quick_xml::Reader<BufReader<Utf8Reader<Box<dyn Read + Send>>>>;

/// Streams the documents of one TEI volume. See the module doc.
pub struct TeiReader {
    source: Source,
    xml: XmlReader,
    buf: Vec<u8>,
    /// Volume id from the root's `xml:id`.
    root_id: Option<String>,
    /// Volume id from `idno type="frus"`, while or after it is read.
    idno: Option<TextBuf>,
    in_idno: bool,
    doc: Option<DocBuilder>,
    /// 1-based line of the reader's position (newlines of the events read so far).
    line: usize,
    /// `div type="document"` elements met so far (each gives one document or one problem).
    ordinal: usize,
    failed: Option<Problem>,
    done: bool,
    /// Problems to hand out before reading on (a nested document, the count of unread ones).
    pending: std::collections::VecDeque<Problem>,
    /// An error was met: reading goes on from the next document.
    recovering: bool,
    /// Where the last error was, to stop when the parser cannot get past it.
    last_error: Option<u64>,
    errors: usize,
    unread: usize,
    max_doc_bytes: usize,
}

impl TeiReader {
    fn new(source: Source, inner: Box<dyn Read + Send>, lossy: bool) -> Self {
        let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(
            64 * 1024,
            Utf8Reader::new(inner, lossy),
        ));
        let cfg = xml.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        TeiReader {
            source,
            xml,
            buf: Vec::new(),
            root_id: None,
            idno: None,
            in_idno: false,
            doc: None,
            line: 1,
            ordinal: 0,
            failed: None,
            done: false,
            pending: Default::default(),
            recovering: false,
            last_error: None,
            errors: 0,
            unread: 0,
            max_doc_bytes: decode::DEFAULT_MAX_DOC_BYTES,
        }
    }

    /// Limit the size of one document's text (bytes); a larger one is reported and skipped.
    pub fn max_doc_bytes(mut self, limit: usize) -> Self {
        self.max_doc_bytes = limit.max(1);
        self
    }

    /// Documents of the file that were never reached because reading had to stop (counted by
    /// their `type="document"` attribute once it stopped); reported in a problem too.
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// An error that loses the open document (if any): reading resumes at the next one.
    fn lose(&mut self, offset: u64, message: String) -> Step {
        let in_doc = self.doc.is_some();
        let mut p = self.fail_at(offset, message);
        self.doc = None;
        self.in_idno = false;
        self.recovering = true;
        p.message.push_str(if in_doc {
            "; this document is not read (reading resumes at the next document)"
        } else {
            "; reading resumes at the next document"
        });
        Step::Problem(p)
    }

    /// Reading stops: count the documents never reached and say so.
    fn stop(&mut self) {
        self.done = true;
        self.doc = None;
        let total = self.source.count_documents();
        self.unread = total.saturating_sub(self.ordinal);
        if self.unread > 0 {
            self.pending.push_back(Problem {
                location: Location::file(self.path()),
                message: format!(
                    "{} of {} in this file {} not read: lost in the XML error(s) above (counted by their type=\"document\" attribute)",
                    self.unread,
                    crate::plural::count(total, "document"),
                    if self.unread == 1 { "was" } else { "were" }
                ),
            });
        }
    }

    /// Bytes replaced so far by lossy decoding.
    pub fn replaced(&self) -> usize {
        self.xml.get_ref().get_ref().replaced()
    }

    fn path(&self) -> &Path {
        self.source.path()
    }

    fn volume_id(&self) -> String {
        if let Some(id) = &self.root_id {
            return id.clone();
        }
        if let Some(idno) = &self.idno
            && !idno.s.is_empty()
        {
            return idno.s.clone();
        }
        self.path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "volume".into())
    }

    /// A fatal problem at byte `offset`.
    fn fail_at(&self, offset: u64, message: String) -> Problem {
        let mut location = Location::file(self.path());
        if let Some((l, c)) = self.source.line_col(offset) {
            location = location.at(l, c);
        }
        if let Some(d) = &self.doc {
            location = location.doc(d.id.clone());
        }
        Problem { location, message }
    }

    fn xml_error(&self, e: &quick_xml::Error) -> Problem {
        if let Some(m) = self.xml.get_ref().get_ref().refused() {
            return Problem {
                location: Location::file(self.path()),
                message: m.to_string(),
            };
        }
        if let Some(off) = self.xml.get_ref().get_ref().bad_offset() {
            return self.fail_at(
                off as u64,
                "not valid UTF-8; re-save the file as UTF-8, or pass --lossy to replace bad bytes"
                    .into(),
            );
        }
        self.fail_at(self.xml.error_position(), format!("malformed XML: {e}"))
    }

    /// Read events until a document is complete, the input ends, or an error.
    fn advance(&mut self) -> Option<Result<Document, Problem>> {
        loop {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let ev = match self.xml.read_event_into(&mut buf) {
                Ok(ev) => ev,
                Err(e) => {
                    if let Some(p) = self.on_error(&e) {
                        return Some(Err(p));
                    }
                    continue;
                }
            };
            let line_before = self.line;
            self.line += count_newlines(&ev);
            let out = self.handle(ev, line_before);
            self.buf = buf;
            match out {
                Step::Continue => {}
                Step::Doc(d) => return Some(*d),
                Step::Problem(p) => return Some(Err(p)),
                Step::Fatal(p) => {
                    self.stop();
                    return Some(Err(p));
                }
                Step::Eof => {
                    if self.recovering {
                        self.stop();
                    }
                    self.done = true;
                    return self.pending.pop_front().map(Err);
                }
            }
        }
    }

    /// A parse error: the problem to report (the open document is lost and reading resumes),
    /// or `None` for an end tag that no longer matches only because of an earlier error.
    fn on_error(&mut self, e: &quick_xml::Error) -> Option<Problem> {
        let p = self.xml_error(e);
        let pos = self.xml.error_position();
        let stuck = self.last_error == Some(pos) || self.errors > 10_000;
        self.errors += 1;
        self.last_error = Some(pos);
        let encoding = self.xml.get_ref().get_ref().bad_offset().is_some();
        if encoding || stuck {
            self.stop();
            return Some(p);
        }
        if self.recovering && self.doc.is_none() && matches!(e, quick_xml::Error::IllFormed(_)) {
            return None;
        }
        let in_doc = self.doc.is_some();
        self.doc = None;
        self.in_idno = false;
        self.recovering = true;
        let mut p = p;
        p.message.push_str(if in_doc {
            "; this document is not read (reading resumes at the next document)"
        } else {
            "; reading resumes at the next document"
        });
        Some(p)
    }

    fn handle(&mut self, ev: Event<'_>, line: usize) -> Step {
        match ev {
            Event::Start(e) => self.start(&e, false, line),
            Event::Empty(e) => self.start(&e, true, line),
            Event::End(_) => self.end(),
            Event::Text(t) => match t.xml10_content() {
                Ok(s) => self.text(&s),
                Err(e) => self.lose(self.xml.buffer_position(), format!("bad text: {e}")),
            },
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                self.text(&s)
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                match resolve_reference(&name) {
                    Ok(s) => self.text(&s),
                    Err(m) => self.lose(self.xml.buffer_position(), m),
                }
            }
            Event::DocType(d) => {
                let raw: &[u8] = &d;
                if contains(raw, b"<!ENTITY") {
                    Step::Fatal(self.fail_at(
                        self.xml.buffer_position(),
                        "the DOCTYPE declares entities (<!ENTITY ...>); entity declarations are refused, never expanded (they allow \"billion laughs\" and external-entity attacks): remove the DOCTYPE".into(),
                    ))
                } else {
                    Step::Continue
                }
            }
            Event::Eof => {
                if let Some(d) = &self.doc {
                    let p = Problem {
                        location: Location::file(self.path()).line(d.line).doc(d.id.clone()),
                        message: "file ends inside this document".into(),
                    };
                    self.doc = None;
                    return Step::Fatal(p);
                }
                Step::Eof
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Step::Continue,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool, line: usize) -> Step {
        let attrs = match attributes(e, &self.xml) {
            Ok(a) => a,
            Err(msg) => return self.lose(self.xml.buffer_position(), msg),
        };
        let local = e.local_name();
        let name = local.as_ref();
        let doc_div = name == b"div" && attr(&attrs, b"type") == Some("document");
        let foreign = doc_div && e.name().prefix().is_some();
        if doc_div && !empty && (foreign || self.doc.is_some()) {
            return self.misplaced_document(&attrs, foreign, line);
        }
        if self.doc.is_none() {
            match name {
                b"TEI" if self.root_id.is_none() => {
                    self.root_id = attr(&attrs, b"xml:id").map(str::to_string);
                }
                b"idno" if attr(&attrs, b"type") == Some("frus") && self.idno.is_none() => {
                    self.idno = Some(TextBuf::default());
                    self.in_idno = !empty;
                }
                b"div" if attr(&attrs, b"type") == Some("document") => {
                    if empty {
                        return Step::Continue;
                    }
                    self.ordinal += 1;
                    let local_id = attr(&attrs, b"xml:id")
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("doc{}", self.ordinal));
                    let id = format!("{}-{}", self.volume_id(), local_id);
                    self.doc = Some(DocBuilder::new(
                        id,
                        line,
                        attr_local(&attrs, b"doc-dateTime-min").map(str::to_string),
                        attr_local(&attrs, b"doc-dateTime-max").map(str::to_string),
                    ));
                }
                _ => {}
            }
            return Step::Continue;
        }
        let Some(doc) = self.doc.as_mut() else {
            return Step::Continue;
        };
        let frame = doc.open(name, &attrs);
        if empty {
            doc.close(frame);
        } else {
            doc.frames.push(frame);
        }
        Step::Continue
    }

    /// A `div type="document"` inside an open document, or in another namespace: reported,
    /// and its content skipped (never merged into the document around it).
    fn misplaced_document(&mut self, attrs: &Attrs, foreign: bool, line: usize) -> Step {
        let local_id = attr(attrs, b"xml:id").unwrap_or("(no xml:id)").to_string();
        let mut location = Location::file(self.path()).line(line);
        let message = if foreign {
            format!(
                "a div type=\"document\" ({local_id}) in another namespace than TEI's is not a FRUS document: not read"
            )
        } else {
            self.ordinal += 1;
            location = location.doc(format!("{}-{local_id}", self.volume_id()));
            let outer = self.doc.as_ref().map(|d| d.id.clone()).unwrap_or_default();
            format!(
                "a document inside document {outer}: FRUS volumes do not nest documents, so it is not read (nor merged into {outer}); move it out of the outer div"
            )
        };
        self.pending.push_back(Problem { location, message });
        if let Some(doc) = self.doc.as_mut() {
            let mut f = doc.open(b"div", attrs);
            f.sink = Sink::Skip;
            f.block = false;
            doc.frames.push(f);
            Step::Continue
        } else {
            // Outside any document: skip it by reading to its end tag.
            let end = self
                .xml
                .read_to_end_into(quick_xml::name::QName(b"div"), &mut Vec::new());
            if let Err(e) = end {
                return self.lose(self.xml.buffer_position(), format!("malformed XML: {e}"));
            }
            Step::Continue
        }
    }

    fn end(&mut self) -> Step {
        if self.in_idno {
            self.in_idno = false;
        }
        let Some(doc) = self.doc.as_mut() else {
            return Step::Continue;
        };
        match doc.frames.pop() {
            Some(frame) => {
                doc.close(frame);
                Step::Continue
            }
            None => {
                // The document's div closes.
                let Some(doc) = self.doc.take() else {
                    return Step::Continue;
                };
                Step::Doc(Box::new(doc.finish(self.source.path())))
            }
        }
    }

    fn text(&mut self, s: &str) -> Step {
        if self.in_idno
            && let Some(b) = self.idno.as_mut()
        {
            b.push(s);
        }
        if let Some(doc) = self.doc.as_mut() {
            doc.text(s);
            if doc.size() > self.max_doc_bytes {
                let m = super::decode::too_large(self.max_doc_bytes);
                return self.lose(self.xml.buffer_position(), m);
            }
        }
        Step::Continue
    }
}

/// The text of an entity or character reference (`amp`, `#8212`, `#x2014`), or why it cannot
/// be read. Character references must name a character XML allows, and not a control
/// character (a NUL, an escape or a bell has no place in a report and would reach a terminal).
fn resolve_reference(name: &str) -> Result<Cow<'static, str>, String> {
    let Some(num) = name.strip_prefix('#') else {
        return quick_xml::escape::resolve_xml_entity(name)
            .map(|s| Cow::Owned(s.to_string()))
            .ok_or_else(|| format!(
                "entity reference &{name}; is not defined: only &amp; &lt; &gt; &apos; &quot; and character references such as &#x2014; are read (replace it, e.g. &nbsp; by &#160;)"
            ));
    };
    let value = match num.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => num.parse::<u32>(),
    };
    let Ok(v) = value else {
        return Err(format!(
            "character reference &{name}; is not a number (write &#8212; or &#x2014;)"
        ));
    };
    let why = match v {
        0 => Some("U+0000 (NUL) is not an XML character"),
        0xD800..=0xDFFF => Some("it is a UTF-16 surrogate, not a character"),
        0x11_0000.. => Some("it is beyond U+10FFFF, the last Unicode code point"),
        0xFFFE | 0xFFFF => Some("it is not a character"),
        0x9 | 0xA | 0xD => None,
        c if c < 0x20 || (0x7F..=0x9F).contains(&c) => Some("it is a control character"),
        _ => None,
    };
    if let Some(why) = why {
        return Err(format!(
            "character reference &{name}; (U+{v:04X}) is not allowed in the text: {why}"
        ));
    }
    char::from_u32(v)
        .map(|c| Cow::Owned(c.to_string()))
        .ok_or_else(|| format!("character reference &{name}; names no character"))
}

impl Iterator for TeiReader {
    type Item = Result<Document, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(p) = self.failed.take() {
            self.done = true;
            return Some(Err(p));
        }
        if let Some(p) = self.pending.pop_front() {
            return Some(Err(p));
        }
        if self.done {
            return None;
        }
        self.advance()
    }
}

enum Step {
    Continue,
    Doc(Box<Result<Document, Problem>>),
    /// A problem; reading goes on.
    Problem(Problem),
    /// A problem after which reading stops.
    Fatal(Problem),
    Eof,
}

fn count_newlines(ev: &Event<'_>) -> usize {
    let bytes: &[u8] = match ev {
        Event::Start(e) | Event::Empty(e) => e,
        Event::End(e) => e,
        Event::Text(e) | Event::Comment(e) | Event::DocType(e) => e,
        Event::CData(e) => e,
        Event::PI(e) => e,
        Event::Decl(e) => e,
        Event::GeneralRef(e) => e,
        Event::Eof => &[],
    };
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

type Attrs = Vec<(Vec<u8>, String)>;

fn attributes(e: &BytesStart<'_>, xml: &XmlReader) -> Result<Attrs, String> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("malformed attribute: {e}"))?;
        let v = a
            .decode_and_unescape_value(xml.decoder())
            .map_err(|e| format!("attribute value: {e} (only the five predefined entities and numeric character references are resolved)"))?;
        out.push((a.key.as_ref().to_vec(), v.into_owned()));
    }
    Ok(out)
}

/// An attribute by its full name (`xml:id`, `type`).
fn attr<'a>(attrs: &'a Attrs, key: &[u8]) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k.as_slice() == key)
        .map(|(_, v)| v.as_str())
}

/// An attribute by its local name, whatever the prefix (`frus:doc-dateTime-min`).
fn attr_local<'a>(attrs: &'a Attrs, local: &[u8]) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| {
            let l = k.rsplit(|&b| b == b':').next().unwrap_or(k);
            l == local
        })
        .map(|(_, v)| v.as_str())
}

/// Text with whitespace collapsed: runs of whitespace become one space, a paragraph break
/// becomes a blank line, nothing leads or trails.
#[derive(Debug, Default)]
struct TextBuf {
    s: String,
    space: bool,
    para: bool,
}

impl TextBuf {
    fn push(&mut self, t: &str) {
        let mut first = true;
        for piece in t.split(char::is_whitespace) {
            if !first {
                self.space = true;
            }
            first = false;
            if piece.is_empty() {
                continue;
            }
            if !self.s.is_empty() {
                if self.para {
                    self.s.push_str("\n\n");
                } else if self.space {
                    self.s.push(' ');
                }
            }
            self.para = false;
            self.space = false;
            self.s.push_str(piece);
        }
    }

    fn space(&mut self) {
        self.space = true;
    }

    fn para(&mut self) {
        self.para = true;
    }
}

/// Where the text of an open element goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Body,
    Title,
    Source,
    Note,
    /// Opener, closer, datelines, signatures: metadata, not scored.
    Meta,
    /// A misplaced document inside this one: nothing of it is kept, not even its footnotes.
    Skip,
}

/// What an open element captures besides its sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    AuthorName,
    AuthorGloss,
    RecipientGloss,
    RecipientName,
    Place,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    sink: Sink,
    capture: Option<Capture>,
    /// Ends a footnote when it closes.
    ends_note: bool,
    /// A paragraph-like element: break before and after.
    block: bool,
    /// A document-level dateline (not one quoted in the body).
    own_dateline: bool,
    label: bool,
}

struct DocBuilder {
    id: String,
    line: usize,
    date_min: Option<String>,
    date_max: Option<String>,
    dateline_date: Option<String>,
    frames: Vec<Frame>,
    body: TextBuf,
    title: TextBuf,
    source: TextBuf,
    note: TextBuf,
    notes: Vec<String>,
    captures: [Option<TextBuf>; 5],
    /// Open elements capturing each kind (text goes to the capture while > 0).
    open_caps: [usize; 5],
    /// Title length when the author's name began (the role is the head text before it).
    role_cut: Option<usize>,
    /// Open own datelines.
    in_own_dateline: usize,
    after_label: bool,
}

impl DocBuilder {
    fn new(id: String, line: usize, date_min: Option<String>, date_max: Option<String>) -> Self {
        DocBuilder {
            id,
            line,
            date_min,
            date_max,
            dateline_date: None,
            frames: Vec::new(),
            body: TextBuf::default(),
            title: TextBuf::default(),
            source: TextBuf::default(),
            note: TextBuf::default(),
            notes: Vec::new(),
            captures: Default::default(),
            open_caps: [0; 5],
            role_cut: None,
            in_own_dateline: 0,
            after_label: false,
        }
    }

    fn parent_sink(&self) -> Sink {
        self.frames.last().map_or(Sink::Body, |f| f.sink)
    }

    fn sink_buf(&mut self, sink: Sink) -> Option<&mut TextBuf> {
        match sink {
            Sink::Body => Some(&mut self.body),
            Sink::Title => Some(&mut self.title),
            Sink::Source => Some(&mut self.source),
            Sink::Note => Some(&mut self.note),
            Sink::Meta | Sink::Skip => None,
        }
    }

    /// Open an element inside the document: decide its sink and captures.
    fn open(&mut self, name: &[u8], attrs: &Attrs) -> Frame {
        let parent = self.parent_sink();
        let at_top = self.frames.is_empty();
        let ty = attr(attrs, b"type");
        let was_label = std::mem::replace(&mut self.after_label, false);
        let mut f = Frame {
            sink: parent,
            capture: None,
            ends_note: false,
            block: false,
            own_dateline: false,
            label: false,
        };
        if parent == Sink::Skip {
            return f;
        }
        match name {
            b"note" => {
                if let Some(b) = self.sink_buf(parent) {
                    b.space();
                }
                if parent == Sink::Note {
                    return f;
                }
                if ty == Some("source") && self.source.s.is_empty() && parent != Sink::Source {
                    f.sink = Sink::Source;
                } else {
                    f.sink = Sink::Note;
                    f.ends_note = true;
                    self.note = TextBuf::default();
                }
            }
            b"head" if at_top && self.title.s.is_empty() => f.sink = Sink::Title,
            b"opener" | b"closer" | b"signed" | b"salute" => f.sink = Sink::Meta,
            b"dateline" => {
                f.own_dateline = at_top
                    || (parent == Sink::Meta && self.frames.iter().all(|fr| fr.sink == Sink::Meta));
                f.sink = Sink::Meta;
                if f.own_dateline {
                    self.in_own_dateline += 1;
                }
            }
            b"date" if self.in_own_dateline > 0 && self.dateline_date.is_none() => {
                self.dateline_date = attr(attrs, b"when")
                    .or_else(|| attr(attrs, b"notBefore"))
                    .map(str::to_string);
            }
            b"placeName" if self.in_own_dateline > 0 => f.capture = Some(Capture::Place),
            b"persName" | b"gloss" if parent == Sink::Title => {
                f.capture = match (name, ty) {
                    (b"persName", Some("from")) => Some(Capture::AuthorName),
                    (b"gloss", Some("from")) => Some(Capture::AuthorGloss),
                    (b"gloss", Some("to")) => Some(Capture::RecipientGloss),
                    (b"persName", Some("to")) => Some(Capture::RecipientName),
                    _ => None,
                };
                if f.capture == Some(Capture::AuthorName) && self.role_cut.is_none() {
                    self.role_cut = Some(self.title.s.len());
                }
            }
            b"lb" | b"cell" => {
                if let Some(b) = self.sink_buf(parent) {
                    b.space();
                }
            }
            b"p" | b"quote" | b"list" | b"ab" | b"table" | b"row" | b"lg" | b"l" | b"div"
            | b"head" | b"postscript" | b"attachment" | b"label" | b"item" => {
                f.block = true;
                f.label = name == b"label";
                let item_after_label = name == b"item" && was_label;
                if let Some(b) = self.sink_buf(parent) {
                    if parent == Sink::Body && !item_after_label {
                        b.para();
                    } else {
                        b.space();
                    }
                }
            }
            _ => {}
        }
        if let Some(c) = f.capture {
            let i = c as usize;
            // Only the first element of each kind is captured.
            if self.captures[i].is_none() || self.open_caps[i] > 0 {
                if self.captures[i].is_none() {
                    self.captures[i] = Some(TextBuf::default());
                }
                self.open_caps[i] += 1;
            } else {
                f.capture = None;
            }
        }
        f
    }

    fn close(&mut self, f: Frame) {
        if let Some(c) = f.capture {
            self.open_caps[c as usize] -= 1;
        }
        if f.own_dateline {
            self.in_own_dateline -= 1;
        }
        if f.ends_note {
            let n = std::mem::take(&mut self.note);
            if !n.s.is_empty() {
                self.notes.push(n.s);
            }
            if let Some(b) = self.sink_buf(self.parent_sink()) {
                b.space();
            }
        }
        if f.block {
            let parent = self.parent_sink();
            if let Some(b) = self.sink_buf(parent) {
                if parent == Sink::Body && !f.label {
                    b.para();
                } else {
                    b.space();
                }
            }
        }
        self.after_label = f.label;
    }

    /// Bytes of text gathered so far (body, notes, metadata), for the size limit.
    fn size(&self) -> usize {
        self.body.s.len()
            + self.note.s.len()
            + self.title.s.len()
            + self.source.s.len()
            + self.notes.iter().map(String::len).sum::<usize>()
    }

    fn text(&mut self, s: &str) {
        let sink = self.parent_sink();
        if let Some(b) = self.sink_buf(sink) {
            b.push(s);
        }
        for i in 0..5 {
            if self.open_caps[i] > 0
                && let Some(c) = self.captures[i].as_mut()
            {
                c.push(s);
            }
        }
    }

    fn capture(&mut self, c: Capture) -> Option<String> {
        self.captures[c as usize]
            .take()
            .map(|b| b.s)
            .filter(|s| !s.is_empty())
    }

    fn finish(mut self, path: &Path) -> Result<Document, Problem> {
        let here = Location::file(path).line(self.line).doc(self.id.clone());
        let at = || here.clone();
        let date = match (&self.date_min, &self.dateline_date) {
            (Some(min), _) => {
                Some(
                    range_date(min, self.date_max.as_deref()).map_err(|m| Problem {
                        location: at(),
                        message: format!("{m} in frus:doc-dateTime-min"),
                    })?,
                )
            }
            (None, Some(d)) => Some(PartialDate::parse(d).map_err(|m| Problem {
                location: at(),
                message: format!("{m} in the dateline"),
            })?),
            (None, None) => None,
        };
        let title = std::mem::take(&mut self.title.s);
        let (mut author, mut author_role) = match (
            self.capture(Capture::AuthorName),
            self.capture(Capture::AuthorGloss),
        ) {
            (Some(name), _) => {
                let role = self
                    .role_cut
                    .map(|cut| role_before(&title[..cut.min(title.len())]));
                (Some(name), role.filter(|r| !r.is_empty()))
            }
            (None, Some(gloss)) => (Some(gloss.clone()), Some(gloss)),
            (None, None) => (None, None),
        };
        if author.is_none()
            && let Some((role, name)) = memorandum_author(&title)
        {
            author = Some(name);
            author_role = Some(role);
        }
        let recipient = self
            .capture(Capture::RecipientGloss)
            .or_else(|| self.capture(Capture::RecipientName));
        let place = self
            .capture(Capture::Place)
            .map(|p| p.trim_end_matches([',', '.', ' ']).to_string());
        if self.body.s.is_empty() {
            return Err(Problem {
                location: at(),
                message: "no text: the document has no body paragraphs".into(),
            });
        }
        let non_empty = |s: String| (!s.is_empty()).then_some(s);
        Ok(Document {
            origin: here,
            id: self.id,
            meta: DocMeta {
                date,
                author,
                author_role,
                recipient,
                place,
                source: non_empty(self.source.s),
                url: None,
                title: non_empty(title),
            },
            text: self.body.s,
            notes: self.notes,
        })
    }
}

/// The date of `frus:doc-dateTime-min`, with `-max` deciding the precision: a range covering a
/// whole month (or year) is month (or year) precision, anything else is the day of `min`.
fn range_date(min: &str, max: Option<&str>) -> Result<PartialDate, String> {
    let lo = PartialDate::parse(min)?;
    let Some(hi) = max.and_then(|m| PartialDate::parse(m).ok()) else {
        return Ok(lo);
    };
    if let (Some(lm), Some(ld), Some(hm), Some(hd)) = (lo.month, lo.day, hi.month, hi.day)
        && lo.year == hi.year
        && ld == 1
    {
        if lm == 1 && hm == 12 && hd == 31 {
            return Ok(PartialDate {
                year: lo.year,
                month: None,
                day: None,
            });
        }
        if lm == hm && hd == super::days_in_month(lo.year, lm) && hd != 1 {
            return Ok(PartialDate::ym(lo.year, lm));
        }
    }
    Ok(lo)
}

/// "The Chargé in the Soviet Union (" -> "Chargé in the Soviet Union".
fn role_before(head: &str) -> String {
    let r = head.trim().trim_end_matches('(').trim();
    let r = r
        .strip_prefix("The ")
        .or_else(|| r.strip_prefix("the "))
        .unwrap_or(r);
    r.trim().to_string()
}

/// The writer of a memorandum, from its head: "Memorandum by the Chief of the Division of Far
/// Eastern Affairs (Hamilton)" gives (role, name); "Memorandum of Conversation, by the Secretary
/// of State" gives the role as both, as a `gloss type="from"` would.
fn memorandum_author(title: &str) -> Option<(String, String)> {
    if !title.starts_with("Memorandum") {
        return None;
    }
    let i = title.find(" by the ")?;
    let rest = &title[i + " by the ".len()..];
    let Some(open) = rest.find('(') else {
        // No name in parentheses: the role is all there is.
        let role = rest.trim().trim_end_matches(['.', ',']).trim();
        return (!role.is_empty()).then(|| (role.to_string(), role.to_string()));
    };
    let close = rest[open..].find(')')? + open;
    let role = rest[..open].trim();
    let name = rest[open + 1..close].trim();
    (!role.is_empty() && !name.is_empty()).then(|| (role.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1938v03"><text><body>"#;

    fn read(body: &str) -> Vec<Result<Document, Problem>> {
        let xml = format!("{HEAD}{body}</body></text></TEI>");
        read_bytes(Path::new("t.xml"), xml.into_bytes(), false).collect()
    }

    fn one(body: &str) -> Document {
        let mut v = read(body);
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0).unwrap()
    }

    #[test]
    fn page_break_neither_splits_nor_glues() {
        let d = one(
            r#"<div type="document" xml:id="d1"><p>communicated <pb n="456"/>to Tokyo; the Gov<pb n="2"/>ernment
            agreed.</p></div>"#,
        );
        assert_eq!(d.text, "communicated to Tokyo; the Government agreed.");
        assert_eq!(d.id, "frus1938v03-d1");
    }

    #[test]
    fn head_note_closer_are_not_text() {
        let d = one(
            r#"<div type="document" xml:id="d465" frus:doc-dateTime-min="1938-08-05T10:00:00Z">
            <note rend="inline" type="source">761.93 Manchuria/157: Telegram</note>
            <head><hi rend="italic">The Chargé in the Soviet Union</hi> (<persName type="from"><hi>Kirk</hi></persName>) <hi>to the <gloss type="to">Secretary of
                State</gloss></hi></head>
            <opener><dateline><placeName><hi rend="smallcaps">Moscow</hi></placeName>, <date when="1938-08-05T10:00:00">August 5</date><lb/>[Received]</dateline></opener>
            <p>First   paragraph,<note n="85" xml:id="fn85">Not printed.</note> continued.</p>
            <p>Second<lb/>line &amp; more &#8212; end.</p>
            <closer><signed>Kirk</signed></closer></div>"#,
        );
        assert_eq!(
            d.text,
            "First paragraph, continued.\n\nSecond line & more \u{2014} end."
        );
        assert_eq!(d.notes, vec!["Not printed."]);
        assert_eq!(d.meta.author.as_deref(), Some("Kirk"));
        assert_eq!(
            d.meta.author_role.as_deref(),
            Some("Chargé in the Soviet Union")
        );
        assert_eq!(d.meta.recipient.as_deref(), Some("Secretary of State"));
        assert_eq!(d.meta.place.as_deref(), Some("Moscow"));
        assert_eq!(
            d.meta.source.as_deref(),
            Some("761.93 Manchuria/157: Telegram")
        );
        assert_eq!(d.meta.date, Some(PartialDate::ymd(1938, 8, 5)));
        assert_eq!(
            d.meta.title.as_deref(),
            Some("The Chargé in the Soviet Union (Kirk) to the Secretary of State")
        );
    }

    #[test]
    fn lists_labels_and_quotes() {
        let d = one(r#"<div type="document" xml:id="d2"><p>As follows: <list>
            <label>(1)</label> <item>Germany wants;</item>
            <label>(2)</label> <item>Germany intends.</item></list></p>
            <p>He said <quote rend="blockquote"><p>“Yes.”</p></quote></p></div>"#);
        assert_eq!(
            d.text,
            "As follows:\n\n(1) Germany wants;\n\n(2) Germany intends.\n\nHe said\n\n“Yes.”"
        );
    }

    #[test]
    fn dateline_date_and_month_ranges() {
        let d = one(
            r#"<div type="document" xml:id="d3"><dateline><date notBefore="1938-02-23T00:00:00-05:00">undated</date></dateline><p>x</p></div>"#,
        );
        assert_eq!(d.meta.date, Some(PartialDate::ymd(1938, 2, 23)));
        assert_eq!(
            range_date("1941-03-01T00:00:00Z", Some("1941-03-31T23:59:59Z")),
            Ok(PartialDate::ym(1941, 3))
        );
        assert_eq!(
            range_date("1938-02-23T05:00:00Z", Some("1938-02-25T04:59:59Z")),
            Ok(PartialDate::ymd(1938, 2, 23))
        );
        let v = read(
            r#"<div type="document" xml:id="d4" frus:doc-dateTime-min="1938-13-40"><p>x</p></div>"#,
        );
        let e = v[0].as_ref().unwrap_err();
        assert_eq!(e.location.doc.as_deref(), Some("frus1938v03-d4"));
        assert!(e.message.contains("month 13"), "{e}");
    }

    #[test]
    fn memorandum_author_from_head() {
        let d = one(
            r#"<div type="document" xml:id="d5"><head>Memorandum by the Chief of the Division of Far Eastern Affairs (Hamilton)</head><p>x</p></div>"#,
        );
        assert_eq!(d.meta.author.as_deref(), Some("Hamilton"));
        assert_eq!(
            d.meta.author_role.as_deref(),
            Some("Chief of the Division of Far Eastern Affairs")
        );
        assert_eq!(
            memorandum_author("Memorandum of Conversation, by the Secretary of State"),
            Some(("Secretary of State".into(), "Secretary of State".into()))
        );
        assert_eq!(memorandum_author("The Consul at Harbin (Merrell)"), None);
    }

    #[test]
    fn entities_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><TEI><text><body><div type="document" xml:id="d1"><p>&lol2;</p></div></body></text></TEI>"#;
        let v: Vec<_> = read_bytes(Path::new("b.xml"), xml.as_bytes().to_vec(), false).collect();
        assert_eq!(v.len(), 2);
        let e = v[0].as_ref().unwrap_err();
        assert!(e.message.contains("DOCTYPE declares entities"), "{e}");
        let n = v[1].as_ref().unwrap_err();
        assert!(
            n.message
                .starts_with("1 of 1 document in this file was not read"),
            "{n}"
        );
        assert_eq!(e.location.line, Some(1));
        let v = read(r#"<div type="document" xml:id="d1"><p>a &nbsp; b</p></div>"#);
        assert!(v[0].as_ref().unwrap_err().message.contains("&nbsp;"));
    }

    #[test]
    fn malformed_gives_line_and_column() {
        let xml = "<TEI>\n<text>\n  <body><p>x</q></body></text></TEI>";
        let v: Vec<_> = read_bytes(Path::new("m.xml"), xml.as_bytes().to_vec(), false).collect();
        let e = v.last().unwrap().as_ref().unwrap_err();
        assert_eq!(e.location.line, Some(3), "{e}");
        assert!(e.location.column.is_some());
        assert!(e.to_string().starts_with("m.xml:3:"), "{e}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 100_000;
        let body = format!(
            r#"<div type="document" xml:id="d1"><p>{}deep{}</p></div>"#,
            "<hi>".repeat(depth),
            "</hi>".repeat(depth)
        );
        assert_eq!(one(&body).text, "deep");
    }

    #[test]
    fn non_utf8_strict_and_lossy() {
        let mut xml = format!(r#"{HEAD}<div type="document" xml:id="d1"><p>caf"#).into_bytes();
        xml.push(0xe9);
        xml.extend_from_slice(b"</p></div></body></text></TEI>");
        let v: Vec<_> = read_bytes(Path::new("l.xml"), xml.clone(), false).collect();
        let e = v[0].as_ref().unwrap_err();
        assert!(e.message.contains("UTF-8"), "{e}");
        assert_eq!(e.location.line, Some(2));
        let mut r = read_bytes(Path::new("l.xml"), xml, true);
        let d = r.next().unwrap().unwrap();
        assert_eq!(d.text, "caf\u{FFFD}");
        assert_eq!(r.replaced(), 1);
    }
}
