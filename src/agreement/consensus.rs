//! A consensus rating per document (mean, median and spread of the analysts' values), and
//! ratings written back as long CSV in the codebook format, so that a consensus or a
//! converted spreadsheet is read by `eval` and `compare` like any analyst's file.

use serde::Serialize;

use super::{PerDimension, RatedDimension, Ratings};
use crate::csv_writer::Table;
use crate::stats;

/// The analyst name of the consensus in the CSV it is written to.
pub const CONSENSUS_NAME: &str = "consensus";

/// The analysts' values of one document on one dimension, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
    /// Highest minus lowest.
    pub spread: f64,
    /// Number of values.
    pub n: usize,
}

/// The consensus of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consensus {
    /// The document.
    pub doc_id: String,
    /// Per dimension with at least one value.
    pub dimensions: PerDimension<Summary>,
}

/// Mean, median and spread of every rated document, in document order.
pub fn consensus(ratings: &Ratings) -> Vec<Consensus> {
    let n = ratings.analysts().len();
    ratings
        .documents()
        .iter()
        .enumerate()
        .map(|(d, id)| {
            let dims = RatedDimension::ALL
                .iter()
                .filter_map(|&dim| {
                    let mut v: Vec<f64> =
                        (0..n).filter_map(|a| ratings.value_at(a, d, dim)).collect();
                    stats::sort_floats(&mut v);
                    let mean = stats::mean(&v)?;
                    let median = stats::quantile(&v, 0.5)?;
                    Some((
                        dim,
                        Summary {
                            mean,
                            median,
                            spread: v[v.len() - 1] - v[0],
                            n: v.len(),
                        },
                    ))
                })
                .collect();
            Consensus {
                doc_id: id.clone(),
                dimensions: PerDimension(dims),
            }
        })
        .collect()
}

/// The header of a long ratings file (CODEBOOK.md).
pub const LONG_HEADER: [&str; 8] = [
    "analyst",
    "doc_id",
    "hostility",
    "rapprochement",
    "uncertainty",
    "tension",
    "trend",
    "note",
];

/// A value as written: at most three decimals, no trailing zeros (`3`, `2.333`).
pub fn format_value(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

/// Rows of a long ratings CSV: `(analyst, doc_id, values, note)`, through the one CSV writer
/// (analysts, ids and notes neutralised for spreadsheets).
fn long_csv<'a>(
    rows: impl Iterator<Item = (&'a str, &'a str, [Option<f64>; 5], String)>,
) -> String {
    let mut t = Table::new(LONG_HEADER);
    for (analyst, doc, values, note) in rows {
        let mut rec: Vec<String> = vec![analyst.to_string(), doc.to_string()];
        rec.extend(
            values
                .iter()
                .map(|v| v.map(format_value).unwrap_or_default()),
        );
        rec.push(note);
        t.row(&rec);
    }
    t.finish()
}

/// The consensus as a long ratings CSV with analyst [`CONSENSUS_NAME`]: the mean of each
/// dimension (`median` false) or the median, and a note giving the other figures.
pub fn consensus_csv(consensus: &[Consensus], median: bool) -> String {
    let rows: Vec<(String, [Option<f64>; 5], String)> = consensus
        .iter()
        .map(|c| {
            let mut values = [None; 5];
            let mut note = Vec::new();
            for (dim, s) in c.dimensions.iter() {
                values[dim.index()] = Some(if median { s.median } else { s.mean });
                note.push(format!(
                    "{dim} {} {} spread {} n {}",
                    if median { "mean" } else { "median" },
                    format_value(if median { s.mean } else { s.median }),
                    format_value(s.spread),
                    s.n
                ));
            }
            (c.doc_id.clone(), values, note.join("; "))
        })
        .collect();
    long_csv(
        rows.iter()
            .map(|(d, v, n)| (CONSENSUS_NAME, d.as_str(), *v, n.clone())),
    )
}

/// Ratings as a long CSV in the codebook format, one row per analyst and document rated.
pub fn ratings_csv(ratings: &Ratings) -> String {
    let mut rows = Vec::new();
    for (a, analyst) in ratings.analysts().iter().enumerate() {
        for (d, doc) in ratings.documents().iter().enumerate() {
            let values = RatedDimension::ALL.map(|dim| ratings.value_at(a, d, dim));
            let note = ratings.note(analyst, doc).unwrap_or("").to_string();
            if values.iter().any(Option::is_some) || !note.is_empty() {
                rows.push((analyst.as_str(), doc.as_str(), values, note));
            }
        }
    }
    long_csv(rows.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn consensus_reads_back_as_ratings() {
        let text = "analyst,doc_id,hostility,tension,trend,note\nA,d1,1,4,-1,\nB,d1,2,5,-2,\nC,d1,2,7,,\nA,=d2,0,,,\"=cmd\"\n";
        let r = Ratings::parse(Path::new("t.csv"), text).unwrap();
        let c = consensus(&r);
        let s = c[1].dimensions.get(RatedDimension::Tension).unwrap();
        assert_eq!((s.mean, s.median, s.spread, s.n), (16.0 / 3.0, 5.0, 3.0, 3));
        let csv = consensus_csv(&c, false);
        assert!(csv.contains("\nconsensus,d1,1.667,,,5.333,-1.5,"), "{csv}");
        assert!(csv.contains("\nconsensus,'=d2,0,"), "{csv}");
        let back = Ratings::parse(Path::new("c.csv"), &csv).unwrap();
        assert_eq!(
            back.value("consensus", "d1", RatedDimension::Trend),
            Some(-1.5)
        );
        let median = Ratings::parse(Path::new("m.csv"), &consensus_csv(&c, true)).unwrap();
        assert_eq!(
            median.value("consensus", "d1", RatedDimension::Tension),
            Some(5.0)
        );
        // every analyst's ratings round-trip through the long writer, notes neutralised
        let all = ratings_csv(&r);
        assert!(all.contains("A,'=d2,0,,,,,'=cmd\n"), "{all}");
        let back = Ratings::parse(Path::new("r.csv"), &all).unwrap();
        assert_eq!(back.value("C", "d1", RatedDimension::Tension), Some(7.0));
    }
}
