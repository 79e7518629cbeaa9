//! Score a stream of documents in bounded batches, into a sink: what keeps `score` and
//! `report` within a few megabytes of text whatever the size of the corpus (the shape of
//! ripgrep's `Searcher` and `Sink`: the stream drives, the caller only says what to do with
//! each result).
//!
//! A reader thread parses the inputs into batches and hands them over a channel of two
//! batches; the calling thread scores each batch on the rayon pool and gives it to the sink
//! before taking the next. So parsing overlaps scoring, the text in memory is at most a few
//! batches, and results reach the sink in input order, the same for any number of threads.

use std::sync::mpsc;

use super::{Analyzer, DocScore, WorkspacePool};
use crate::corpus::{Document, Problem};

/// When a batch is handed to the scorers: when it holds this many bytes of text, or this many
/// documents, whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// Bytes of document text.
    pub bytes: usize,
    /// Documents.
    pub docs: usize,
}

impl Default for BatchLimits {
    /// Half a megabyte or 128 documents: small enough that the batches in flight stay a few
    /// megabytes, large enough to keep every core busy.
    fn default() -> Self {
        BatchLimits {
            bytes: 1 << 19,
            docs: 128,
        }
    }
}

/// What receives the results of [`score_stream`], in input order.
pub trait Sink {
    /// Why the sink stopped the stream.
    type Error;

    /// An input or document the reader could not use (reported before the documents of the
    /// batch it was met in).
    fn problem(&mut self, problem: Problem) -> Result<(), Self::Error>;

    /// A batch of documents and their scores, in the same order: one score per document and
    /// dyad, each document's scores in the order of the analyzer's dyads.
    fn scored(&mut self, docs: &[Document], scores: Vec<DocScore>) -> Result<(), Self::Error>;
}

/// What went through a stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Documents scored.
    pub scored: usize,
    /// Problems reported.
    pub problems: usize,
}

/// Why a stream stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum StreamError<E> {
    /// The sink returned an error.
    #[error("{0}")]
    Sink(E),
    /// The thread reading the inputs stopped without finishing (it panicked).
    #[error("the corpus reader stopped unexpectedly")]
    Reader,
}

type Batch = Vec<Result<Document, Problem>>;

/// Score `docs` batch by batch (see [`BatchLimits`]) with `analyzer` (hits kept when
/// `explain`), giving each batch's problems and scores to `sink`. Pass `&mut stream` to keep
/// the stream (and read its warnings) afterwards.
pub fn score_stream<I, S>(
    analyzer: &Analyzer,
    docs: I,
    explain: bool,
    limits: BatchLimits,
    sink: &mut S,
) -> Result<StreamSummary, StreamError<S::Error>>
where
    I: Iterator<Item = Result<Document, Problem>> + Send,
    S: Sink,
{
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Batch>(2);
        let reader = scope.spawn(move || read_batches(docs, limits, &tx));
        let pool = WorkspacePool::new();
        let mut summary = StreamSummary::default();
        let mut outcome = Ok(());
        for batch in rx.iter() {
            outcome = deliver(analyzer, batch, explain, &pool, sink, &mut summary);
            if outcome.is_err() {
                break;
            }
        }
        // a sink error drops the receiver, which stops the reader at its next batch
        drop(rx);
        let read = reader.join();
        outcome.map_err(StreamError::Sink)?;
        read.map_err(|_| StreamError::Reader)?;
        Ok(summary)
    })
}

/// The reader thread: cut the stream into batches and send them, until the stream ends or the
/// receiver is gone.
fn read_batches<I>(docs: I, limits: BatchLimits, tx: &mpsc::SyncSender<Batch>)
where
    I: Iterator<Item = Result<Document, Problem>>,
{
    let mut batch: Batch = Vec::new();
    let mut bytes = 0usize;
    for item in docs {
        bytes += item.as_ref().map_or(0, |d| d.text.len());
        batch.push(item);
        if bytes >= limits.bytes || batch.len() >= limits.docs {
            if tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Report a batch's problems, score its documents and hand them to the sink.
fn deliver<S: Sink>(
    analyzer: &Analyzer,
    batch: Batch,
    explain: bool,
    pool: &WorkspacePool,
    sink: &mut S,
    summary: &mut StreamSummary,
) -> Result<(), S::Error> {
    let mut docs = Vec::with_capacity(batch.len());
    for item in batch {
        match item {
            Ok(d) => docs.push(d),
            Err(p) => {
                summary.problems += 1;
                sink.problem(p)?;
            }
        }
    }
    if docs.is_empty() {
        return Ok(());
    }
    let scores = analyzer.score_batch(&docs, explain, pool);
    summary.scored += docs.len();
    sink.scored(&docs, scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    /// Collects what it is given, and can stop after some batches.
    #[derive(Default)]
    struct Collect {
        events: Vec<String>,
        batches: usize,
        stop_after: Option<usize>,
    }

    impl Sink for Collect {
        type Error = String;
        fn problem(&mut self, p: Problem) -> Result<(), String> {
            self.events.push(format!("problem {}", p.message));
            Ok(())
        }
        fn scored(&mut self, docs: &[Document], scores: Vec<DocScore>) -> Result<(), String> {
            assert_eq!(docs.len(), scores.len());
            for (d, s) in docs.iter().zip(&scores) {
                assert_eq!(d.id, s.id);
                self.events.push(s.id.clone());
            }
            self.batches += 1;
            match self.stop_after {
                Some(n) if self.batches >= n => Err("full".into()),
                _ => Ok(()),
            }
        }
    }

    fn stream(n: usize) -> Vec<Result<Document, Problem>> {
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    Err(Problem {
                        location: Location::default(),
                        message: format!("bad {i}"),
                    })
                } else {
                    Ok(Document::new(
                        format!("d{i}"),
                        "Japan protested against the border incident. A pact was signed by \
                         Moscow and Tokyo.",
                    ))
                }
            })
            .collect()
    }

    /// In input order (a batch's problems before its documents), whatever the batch size.
    #[test]
    fn results_arrive_in_input_order_whatever_the_batches() {
        let a = Analyzer::builtin().unwrap();
        for docs in [1, 3, 128] {
            // each batch's problems come first, then its documents
            let mut expected: Vec<String> = Vec::new();
            for chunk in stream(40).chunks(docs) {
                let (ok, bad): (Vec<_>, Vec<_>) = chunk.iter().partition(|r| r.is_ok());
                expected.extend(
                    bad.into_iter()
                        .flat_map(|r| r.as_ref().err())
                        .map(|p| format!("problem {}", p.message)),
                );
                expected.extend(
                    ok.into_iter()
                        .flat_map(|r| r.as_ref().ok())
                        .map(|d| d.id.clone()),
                );
            }
            let mut sink = Collect::default();
            let limits = BatchLimits {
                bytes: 1 << 20,
                docs,
            };
            let s = score_stream(&a, stream(40).into_iter(), true, limits, &mut sink).unwrap();
            assert_eq!(sink.events, expected, "batches of {docs}");
            assert_eq!(s.problems, 6);
            assert_eq!(s.scored, 34);
            let with_documents = stream(40)
                .chunks(docs)
                .filter(|c| c.iter().any(Result::is_ok))
                .count();
            assert_eq!(sink.batches, with_documents);
        }
        // a byte limit cuts batches too
        let mut sink = Collect::default();
        let limits = BatchLimits {
            bytes: 1,
            docs: 1000,
        };
        score_stream(&a, stream(5).into_iter(), false, limits, &mut sink).unwrap();
        assert_eq!(
            sink.batches, 4,
            "one batch per document; the problem goes with the next"
        );
    }

    /// A sink error stops the stream: the reader is not left running and the error comes back.
    #[test]
    fn a_sink_error_stops_the_stream() {
        let a = Analyzer::builtin().unwrap();
        let mut sink = Collect {
            stop_after: Some(2),
            ..Collect::default()
        };
        let limits = BatchLimits {
            bytes: 1 << 20,
            docs: 2,
        };
        let err = score_stream(&a, stream(1000).into_iter(), false, limits, &mut sink);
        assert!(matches!(err, Err(StreamError::Sink(ref e)) if e == "full"));
        assert_eq!(sink.batches, 2);
    }
}
