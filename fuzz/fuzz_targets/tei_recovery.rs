//! TEI recovery: on a copy of the shared 1938 extract (64 documents) with bytes inserted into
//! and deleted from one paragraph, every document is read, reported lost (a problem naming
//! it), or counted as not read: read + lost + unread = 64. The mutation never touches a
//! `div type="document"` element itself.
//!
//! The extract is read from `$DIPLOSTANCE_SHARED/corpus/` (default `../shared`, so run from the
//! repository root). Input bytes: document (1 byte), offset in the paragraph (2 bytes), bytes
//! to delete (1 byte), then the bytes to insert.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn extract() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let shared = std::env::var_os("DIPLOSTANCE_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../shared"));
        std::fs::read(shared.join("corpus/frus1938v03-soviet-japanese-border.xml"))
            .expect("the shared 1938 extract (set DIPLOSTANCE_SHARED)")
    })
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let insert = &data[4..];
    // The inserted bytes must not make or name a document division.
    if insert.windows(3).any(|w| w.eq_ignore_ascii_case(b"div"))
        || insert.windows(8).any(|w| w.eq_ignore_ascii_case(b"document"))
    {
        return;
    }
    let base = extract();
    let k = data[0] as usize % 64;
    let mut pos = 0;
    for _ in 0..=k {
        pos = find(base, pos, b"<div type=\"document\"").unwrap() + 1;
    }
    let para = find(base, pos, b"<p>").unwrap() + 3;
    let end = find(base, para, b"</p>").unwrap();
    let at = para + (u16::from_le_bytes([data[1], data[2]]) as usize) % (end - para + 1);
    let delete = (data[3] as usize).min(end - at);
    let mut bytes = base[..at].to_vec();
    bytes.extend_from_slice(insert);
    bytes.extend_from_slice(&base[at + delete..]);
    for lossy in [false, true] {
        let mut r = diplostance::corpus::tei::read_bytes(Path::new("m.xml"), bytes.clone(), lossy);
        let (mut read, mut lost) = (0, 0);
        for item in r.by_ref() {
            match item {
                Ok(_) => read += 1,
                Err(p) if p.location.doc.is_some() => lost += 1,
                Err(_) => {}
            }
        }
        assert_eq!(read + lost + r.unread(), 64, "read {read}, lost {lost}, unread {}", r.unread());
    }
});
