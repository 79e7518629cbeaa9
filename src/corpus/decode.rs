//! Bytes to text: strict UTF-8 (an error naming the first bad byte), or lossy decoding with
//! U+FFFD and a count of the bytes replaced, so a `--lossy` run can say how much it changed.

use std::io::{self, Read};

/// Why bytes are not valid UTF-8: where the first bad byte is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Byte offset of the first byte that is not part of a valid UTF-8 sequence.
    pub offset: usize,
    /// Its 1-based line.
    pub line: usize,
    /// Its 1-based column (characters).
    pub column: usize,
}

/// Decode a whole buffer. Strict: `Err` with the offset of the first bad byte. Lossy: every
/// invalid sequence becomes U+FFFD and the second value counts the bytes replaced.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<(String, usize), NotUtf8> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, 0)),
        Err(e) => {
            if !lossy {
                let offset = e.utf8_error().valid_up_to();
                let (line, column) = line_col(e.as_bytes(), offset);
                return Err(NotUtf8 {
                    offset,
                    line,
                    column,
                });
            }
            let bytes = e.into_bytes();
            Ok(decode_lossy(&bytes))
        }
    }
}

/// What the first bytes of a file say about its encoding: the length of a UTF-8 byte order
/// mark to skip (0 or 3), or an error naming UTF-16 or UTF-32, which are refused rather than
/// read as garbage (even with `--lossy`): re-saving as UTF-8 is the fix.
pub fn check_bom(start: &[u8]) -> Result<usize, String> {
    let refuse = |name: &str| {
        Err(format!(
            "the file is {name} (it starts with a {name} byte order mark); re-save it as UTF-8"
        ))
    };
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Ok(3)
    } else if start.starts_with(&[0xFF, 0xFE, 0, 0]) || start.starts_with(&[0, 0, 0xFE, 0xFF]) {
        refuse("UTF-32")
    } else if start.starts_with(&[0xFF, 0xFE]) {
        refuse("UTF-16 little-endian")
    } else if start.starts_with(&[0xFE, 0xFF]) {
        refuse("UTF-16 big-endian")
    } else {
        Ok(0)
    }
}

/// The default per-document size limit: 64 MB, far above any diplomatic report (a whole FRUS
/// volume is about 10 MB) and small enough that a runaway input (`/dev/zero`, a wrong file)
/// stops with an error instead of filling the memory.
pub const DEFAULT_MAX_DOC_BYTES: usize = 64 << 20;

/// The error for a document over the size limit.
pub fn too_large(limit: usize) -> String {
    format!(
        "larger than the per-document limit of {} (--max-doc-bytes); not read. Split it, or raise the limit",
        human_bytes(limit)
    )
}

/// `64 MB`, `1.5 KB`, `12 bytes`.
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MB", n >> 20)
    } else if n >= 1 << 10 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        crate::plural::count(n, "byte")
    }
}

/// Read at most `limit` bytes: `Ok(None)` when there is more, after reading only `limit + 1`
/// bytes, so memory stays bounded whatever the input (an endless device, a pipe).
pub fn read_capped(r: impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take((limit as u64).saturating_add(1))
        .read_to_end(&mut buf)?;
    Ok((buf.len() <= limit).then_some(buf))
}

/// The warning of a `--lossy` read that replaced `n` bytes of `path` (`where_` says more, e.g.
/// " in the files it lists"; empty for the file itself).
pub fn replaced_warning(path: &std::path::Path, n: usize, where_: &str) -> String {
    format!(
        "{}: {} replaced (not valid UTF-8){where_}",
        path.display(),
        crate::plural::count(n, "byte")
    )
}

/// Lossy decoding of a complete buffer, with the number of bytes replaced.
pub fn decode_lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
    (out, replaced)
}

/// The 1-based line and column of byte `offset` in `bytes` (columns count characters; invalid
/// bytes before the offset on the same line count one column each).
pub fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    match std::str::from_utf8(&bytes[..offset]) {
        Ok(text) => crate::location::Location::line_col(text, offset),
        Err(_) => {
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let col = before[start..]
                .utf8_chunks()
                .map(|c| c.valid().chars().count() + c.invalid().len())
                .sum::<usize>()
                + 1;
            (line, col)
        }
    }
}

/// A reader that passes UTF-8 through and either stops at the first invalid byte (strict: an
/// `InvalidData` error, with the offset kept in [`Utf8Reader::bad_offset`]) or replaces invalid
/// sequences with U+FFFD (lossy: counted in [`Utf8Reader::replaced`]). It lets the streaming
/// readers (TEI, JSONL, manifest) check the encoding without holding the file in memory; a
/// sequence cut by a buffer boundary is carried over, never replaced.
#[derive(Debug)]
pub struct Utf8Reader<R> {
    inner: R,
    lossy: bool,
    /// Raw bytes read but not yet decoded (at most an incomplete sequence after decoding).
    raw: Vec<u8>,
    /// Decoded bytes waiting to be handed out, and how many were handed out already.
    out: Vec<u8>,
    out_pos: usize,
    /// Bytes of input consumed before `raw[0]`.
    consumed: usize,
    eof: bool,
    replaced: usize,
    bad_offset: Option<usize>,
    /// The byte order mark has been looked at.
    bom_checked: bool,
    /// Why the encoding is refused (UTF-16, UTF-32), once seen.
    refused: Option<String>,
}

impl<R: Read> Utf8Reader<R> {
    /// Wrap `inner`.
    pub fn new(inner: R, lossy: bool) -> Self {
        Utf8Reader {
            inner,
            lossy,
            raw: Vec::new(),
            out: Vec::new(),
            out_pos: 0,
            consumed: 0,
            eof: false,
            replaced: 0,
            bad_offset: None,
            bom_checked: false,
            refused: None,
        }
    }

    /// Why the file's encoding is refused (it is UTF-16 or UTF-32), once read.
    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    /// Bytes replaced so far (lossy mode).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// Offset of the first invalid byte, once strict mode has met one.
    pub fn bad_offset(&self) -> Option<usize> {
        self.bad_offset
    }

    /// Decode as much of `raw` as possible into `out`.
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() {
            if let Some(off) = self.bad_offset {
                return Err(invalid(off));
            }
            if !self.eof {
                let mut chunk = [0u8; 64 * 1024];
                let n = loop {
                    match self.inner.read(&mut chunk) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    }
                };
                if n == 0 {
                    self.eof = true;
                } else {
                    self.raw.extend_from_slice(&chunk[..n]);
                }
            }
            if self.raw.is_empty() {
                return Ok(()); // end of input
            }
            if !self.bom_checked && (self.raw.len() >= 4 || self.eof) {
                self.bom_checked = true;
                match check_bom(&self.raw) {
                    Ok(skip) => {
                        self.raw.drain(..skip);
                        self.consumed += skip;
                    }
                    Err(m) => {
                        self.refused = Some(m.clone());
                        self.bad_offset = Some(0);
                        return Err(io::Error::new(io::ErrorKind::InvalidData, m));
                    }
                }
                continue;
            } else if !self.bom_checked {
                continue;
            }
            let mut pos = 0;
            loop {
                match std::str::from_utf8(&self.raw[pos..]) {
                    Ok(_) => {
                        self.out.extend_from_slice(&self.raw[pos..]);
                        pos = self.raw.len();
                        break;
                    }
                    Err(e) => {
                        let valid = e.valid_up_to();
                        self.out.extend_from_slice(&self.raw[pos..pos + valid]);
                        pos += valid;
                        let bad_len = match e.error_len() {
                            Some(n) => n,
                            // Incomplete sequence at the end: wait for more input.
                            None if !self.eof => break,
                            None => self.raw.len() - pos,
                        };
                        if !self.lossy {
                            self.bad_offset = Some(self.consumed + pos);
                            break;
                        }
                        self.out.extend_from_slice("\u{FFFD}".as_bytes());
                        self.replaced += bad_len;
                        pos += bad_len;
                    }
                }
            }
            self.raw.drain(..pos);
            self.consumed += pos;
        }
        Ok(())
    }
}

fn invalid(offset: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("not valid UTF-8 at byte {offset}"),
    )
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos >= self.out.len() {
            self.refill()?;
        }
        let avail = &self.out[self.out_pos..];
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_names_first_bad_byte() {
        let bytes = b"abc\xffdef".to_vec();
        assert_eq!(
            decode(bytes, false),
            Err(NotUtf8 {
                offset: 3,
                line: 1,
                column: 4
            })
        );
    }

    #[test]
    fn lossy_counts_replaced_bytes() {
        let (s, n) = decode(b"a\xff\xfeb\xe2\x82".to_vec(), true).unwrap();
        assert_eq!(n, 4);
        assert!(s.starts_with('a') && s.contains('b'));
        assert_eq!(s.matches('\u{FFFD}').count(), 3);
    }

    #[test]
    fn reader_strict_and_lossy() {
        // 3-byte characters, so a sequence straddles the 64 KiB read boundary.
        let mut input = "€".repeat(30_000).into_bytes();
        input.push(0xff);
        input.extend_from_slice("ü".as_bytes());
        let mut out = String::new();
        let mut r = Utf8Reader::new(&input[..], false);
        assert!(r.read_to_string(&mut out).is_err());
        assert_eq!(r.bad_offset(), Some(90_000));

        let mut r = Utf8Reader::new(&input[..], true);
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(r.replaced(), 1);
        assert!(s.ends_with("\u{FFFD}ü"));
        assert_eq!(s.chars().filter(|&c| c == '€').count(), 30_000);
    }

    #[test]
    fn line_col_of_bytes() {
        assert_eq!(line_col(b"ab\ncd\xffe", 5), (2, 3));
        assert_eq!(line_col(b"a\xff\nxy", 5), (2, 3));
    }
}
