//! The document-feature matrix (quanteda's `dfm`): how often each feature occurs in each
//! document, as a sparse matrix that R (`Matrix::readMM`) and SciPy (`scipy.io.mmread`) read
//! from a Matrix Market file.
//!
//! Features are either the Snowball stems of the words (the tokenizer's words, in the normal
//! form the lexicon matches: lower-cased, possessive `'s` dropped), or the lexicon cues that the
//! scorer hit (`dimension:term`, so that a term in two dimensions is two features). Rows keep
//! the corpus order; columns are sorted by name, so the same corpus gives the same matrix.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::DocScore;
use crate::corpus::Document;
use crate::text::{TokenizedText, normalize_into, stemmer};

/// A sparse count matrix with named rows (documents) and columns (features).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dfm {
    /// Document ids, one per row, in corpus order.
    pub docs: Vec<String>,
    /// Feature names, one per column, sorted.
    pub features: Vec<String>,
    /// Per row, the non-zero cells as (column, count), by column.
    pub rows: Vec<Vec<(u32, u32)>>,
}

impl Dfm {
    /// Build from per-document counts keyed by feature name.
    fn from_counts(docs: Vec<String>, counts: Vec<BTreeMap<String, u32>>) -> Dfm {
        let mut names: Vec<String> = counts
            .iter()
            .flat_map(|c| c.keys().cloned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        names.shrink_to_fit();
        let col: BTreeMap<&str, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i as u32))
            .collect();
        let rows = counts
            .iter()
            .map(|c| c.iter().map(|(k, v)| (col[k.as_str()], *v)).collect())
            .collect();
        Dfm {
            docs,
            features: names,
            rows,
        }
    }

    /// Number of non-zero cells.
    pub fn nnz(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// The count in a cell (0 when absent).
    pub fn get(&self, row: usize, col: usize) -> u32 {
        self.rows[row]
            .binary_search_by_key(&(col as u32), |x| x.0)
            .map_or(0, |k| self.rows[row][k].1)
    }

    /// The matrix as a Matrix Market file: `coordinate integer general`, 1-based, one
    /// non-zero cell a line, by row then column. `rows_file` and `cols_file` name the files
    /// holding the row and column names, in a comment line.
    pub fn to_mtx(&self, rows_file: &str, cols_file: &str) -> String {
        let mut s = String::from("%%MatrixMarket matrix coordinate integer general\n");
        let _ = writeln!(
            s,
            "% documents x features; row names in {}, column names in {}",
            one_line(rows_file),
            one_line(cols_file)
        );
        let _ = writeln!(
            s,
            "{} {} {}",
            self.docs.len(),
            self.features.len(),
            self.nnz()
        );
        for (i, row) in self.rows.iter().enumerate() {
            for (j, v) in row {
                let _ = writeln!(s, "{} {} {v}", i + 1, j + 1);
            }
        }
        s
    }
}

/// A name on one line of a names file: control characters (a newline would shift every name
/// after it) become spaces.
pub fn one_line(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The matrix of word stems: each word of each document, normalised and stemmed as the lexicon
/// matcher does.
pub fn by_stem(docs: &[Document]) -> Dfm {
    let mut tok = TokenizedText::default();
    let stemmer = stemmer();
    // each distinct word is stemmed once
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    let mut buf = String::new();
    let counts = docs
        .iter()
        .map(|d| {
            tok.tokenize(&d.text);
            let mut c: BTreeMap<String, u32> = BTreeMap::new();
            for t in tok.tokens.iter().filter(|t| t.is_word()) {
                normalize_into(&d.text, t, &mut buf);
                let stem = stems
                    .entry(buf.clone())
                    .or_insert_with(|| stemmer.stem(&buf).into_owned());
                *c.entry(stem.clone()).or_insert(0) += 1;
            }
            c
        })
        .collect();
    Dfm::from_counts(docs.iter().map(|d| d.id.clone()).collect(), counts)
}

/// The matrix of cues: how many hits of each cue each document has (scored with its hits).
pub fn by_cue(scored: &[DocScore]) -> Dfm {
    let counts = scored
        .iter()
        .map(|d| {
            let mut c: BTreeMap<String, u32> = BTreeMap::new();
            for h in d.hits.iter().flatten() {
                *c.entry(format!("{}:{}", h.dimension.name(), h.term))
                    .or_insert(0) += 1;
            }
            c
        })
        .collect();
    Dfm::from_counts(scored.iter().map(|d| d.id.clone()).collect(), counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_counted_per_document_in_sorted_columns() {
        let docs = [
            Document::new("a", "Incidents, incidents! The incident."),
            Document::new("b", "Japan's border; the border."),
        ];
        let m = by_stem(&docs);
        assert_eq!(m.features, ["border", "incid", "japan", "the"]);
        assert_eq!(m.rows[0], [(1, 3), (3, 1)]);
        assert_eq!(m.get(1, 0), 2);
        assert_eq!(m.get(1, 1), 0);
        let mtx = m.to_mtx("x.rows.txt", "x.cols.txt");
        assert_eq!(
            mtx,
            "%%MatrixMarket matrix coordinate integer general\n\
             % documents x features; row names in x.rows.txt, column names in x.cols.txt\n\
             2 4 5\n1 2 3\n1 4 1\n2 1 2\n2 3 1\n2 4 1\n"
        );
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
