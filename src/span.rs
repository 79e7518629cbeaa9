//! Byte ranges into the original text, shared by every stage of the pipeline.
//!
//! A [`Span`] is a byte range into the *original* text of a document. Every token, sentence and
//! hit carries one, and no stage after the tokenizer rewrites it: whatever lower-casing or
//! stemming does to a word, `&text[span.range()]` gives back exactly what the writer wrote, so a
//! score can always be traced to the words that produced it.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's original text.
///
/// Invariant: `start <= end`, and both lie on UTF-8 character boundaries of that text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets; offsets past `u32::MAX` are not supported (documents are split
    /// long before that, see [`crate::corpus`]).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The range as `usize`, for slicing the original text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_original_text() {
        let text = "Soviet–Japanese relations";
        let s = Span::new(0, "Soviet".len());
        assert_eq!(&text[s.range()], "Soviet");
        assert_eq!(s.cover(Span::new(10, 12)), Span::new(0, 12));
    }
}
