//! Scores computed earlier (one JSON object of `score` each, e.g. collected from Spark
//! executors) read back for the steps that run on scores alone: timeline and agreement.

use diplostance::agreement::ToolScores;
use diplostance::corpus::DocMeta;
use diplostance::score::{DocScore, FEATURE_NAMES, Features, Interval, Intervals, Scores};
use pyo3::PyResult;
use serde::Deserialize;

use super::err;

/// The part of a score object these steps use; other fields (hits, cluster) are ignored.
#[derive(Deserialize)]
struct Stored {
    id: String,
    /// The dyad, in scores of several dyads.
    #[serde(default)]
    dyad: Option<String>,
    #[serde(flatten)]
    meta: DocMeta,
    tokens: usize,
    sentences: usize,
    hostility: f64,
    rapprochement: f64,
    uncertainty: f64,
    /// Null for a document that says nothing about the dyad; the feature `tension` keeps the
    /// number.
    tension: Option<f64>,
    /// Absent in scores kept without it (a data frame's columns): a document with a tension
    /// is then taken as relevant, one without as not.
    #[serde(default)]
    relevance: Option<f64>,
    interval: StoredIntervals,
    features: std::collections::BTreeMap<String, f64>,
}

#[derive(Deserialize)]
struct StoredIntervals {
    hostility: StoredInterval,
    rapprochement: StoredInterval,
    uncertainty: StoredInterval,
    tension: StoredInterval,
}

#[derive(Deserialize)]
struct StoredInterval {
    low: f64,
    high: f64,
}

fn interval(b: StoredInterval) -> Interval {
    Interval {
        low: b.low,
        high: b.high,
    }
}

fn parse(i: usize, line: &str) -> PyResult<DocScore> {
    let s: Stored = serde_json::from_str(line).map_err(|e| {
        err(format!(
            "scores, document {}: not a score object: {e}",
            i + 1
        ))
    })?;
    let values = FEATURE_NAMES
        .iter()
        .map(|n| {
            s.features.get(*n).copied().ok_or_else(|| {
                err(format!(
                    "scores [document {}]: feature \"{n}\" is missing (scores of another version?)",
                    s.id
                ))
            })
        })
        .collect::<PyResult<Vec<f64>>>()?;
    let tension = s.tension.or_else(|| s.features.get("tension").copied());
    Ok(DocScore {
        id: s.id,
        dyad: s.dyad,
        meta: s.meta,
        tokens: s.tokens,
        sentences: s.sentences,
        scores: Scores {
            hostility: s.hostility,
            rapprochement: s.rapprochement,
            uncertainty: s.uncertainty,
            tension: tension.unwrap_or(diplostance::score::TENSION_BASE),
        },
        relevance: s.relevance.unwrap_or(match s.tension {
            Some(_) => diplostance::score::RELEVANCE_MIN,
            None => 0.0,
        }),
        interval: Intervals {
            hostility: interval(s.interval.hostility),
            rapprochement: interval(s.interval.rapprochement),
            uncertainty: interval(s.interval.uncertainty),
            tension: interval(s.interval.tension),
        },
        features: Features {
            names: FEATURE_NAMES,
            values,
        },
        cluster: None,
        distance: None,
        hits: None,
    })
}

/// Scored documents from score objects, in order.
pub fn doc_scores(lines: &[String]) -> PyResult<Vec<DocScore>> {
    lines.iter().enumerate().map(|(i, l)| parse(i, l)).collect()
}

/// The tool's scores for agreement, from score objects.
pub fn tool_scores(lines: &[String]) -> PyResult<ToolScores> {
    Ok(ToolScores::from_doc_scores(doc_scores(lines)?.iter()))
}
