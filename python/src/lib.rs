//! The native half of the `diplostance` Python package: thin calls into the library crate.
//!
//! Documents and results cross the boundary as JSON text, written and read by the library's
//! own serialization (the same code as `diplostance score --format jsonl`, `eval --format
//! json`...), so the Python results are the command line's, byte for byte. The Python half
//! (`diplostance/__init__.py`) turns them into dicts and DataFrames. Scoring runs with the
//! interpreter released, on a rayon pool of the size asked for.

mod scores;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use diplostance::agreement::{EvalRun, Ratings, ScaleModel, ToolScores, compare};
use diplostance::analysis::events::{builtin_events, parse_events};
use diplostance::analysis::{Granularity, TimelineParams, timeline};
use diplostance::corpus::{self, Document, ReadOptions, jsonl};
use diplostance::lexicon::Lexicon;
use diplostance::output::{Format, ScoreFormatter};
use diplostance::score::{Analyzer, DocScore};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

create_exception!(
    _native,
    DiplostanceError,
    PyValueError,
    "Bad input: the message the command line would print (file, line, column or document)."
);

fn err(e: impl std::fmt::Display) -> PyErr {
    let s = e.to_string();
    // errors with no location (an unknown actor) display as ": message"
    let s = s.strip_prefix(": ").unwrap_or(&s);
    DiplostanceError::new_err(s.to_string())
}

/// A lexicon (cues, modifiers, actors), with the analyzers built from it, one per dyad.
#[pyclass(name = "Lexicon", module = "diplostance", frozen)]
struct PyLexicon {
    lexicon: Lexicon,
    analyzers: Mutex<HashMap<String, Arc<Analyzer>>>,
}

impl PyLexicon {
    fn new(lexicon: Lexicon) -> Self {
        PyLexicon {
            lexicon,
            analyzers: Mutex::new(HashMap::new()),
        }
    }

    /// The analyzer for `dyads` (each "A,B"; several score each document once per dyad),
    /// built once per lexicon and dyads: building the cue index costs more than scoring a
    /// small batch.
    fn analyzer(&self, dyads: &[String]) -> PyResult<Arc<Analyzer>> {
        // no actor name holds a comma, so one joined with newlines names the dyads exactly
        let key = dyads.join("\n");
        let mut cache = self.analyzers.lock().map_err(err)?;
        if let Some(a) = cache.get(&key) {
            return Ok(a.clone());
        }
        let a = Arc::new(Analyzer::with_dyads(self.lexicon.clone(), dyads).map_err(err)?);
        cache.insert(key, a.clone());
        Ok(a)
    }
}

#[pymethods]
impl PyLexicon {
    /// Load lexicon file(s) (TOML or YAML): one path or a list, as `--lexicon` (repeated)
    /// does.
    #[staticmethod]
    fn load(paths: &Bound<'_, PyAny>) -> PyResult<Self> {
        let paths: Vec<PathBuf> = match paths.extract::<PathBuf>() {
            Ok(p) => vec![p],
            Err(_) => paths.extract()?,
        };
        Ok(PyLexicon::new(Lexicon::load(&paths).map_err(err)?))
    }

    /// The built-in lexicon.
    #[staticmethod]
    fn builtin() -> PyResult<Self> {
        Ok(PyLexicon::new(Lexicon::builtin().map_err(err)?))
    }

    /// The checksum models are tied to.
    fn checksum(&self) -> String {
        self.lexicon.checksum()
    }

    fn __repr__(&self) -> String {
        format!(
            "Lexicon({} cues, {} actors, checksum {})",
            self.lexicon.cues.len(),
            self.lexicon.actors.len(),
            self.lexicon.checksum()
        )
    }
}

/// The built-in lexicon, loaded once per process.
fn builtin(py: Python<'_>) -> PyResult<Py<PyLexicon>> {
    static BUILTIN: pyo3::sync::PyOnceLock<Py<PyLexicon>> = pyo3::sync::PyOnceLock::new();
    BUILTIN
        .get_or_try_init(py, || Py::new(py, PyLexicon::builtin()?))
        .map(|l| l.clone_ref(py))
}

fn analyzer(
    py: Python<'_>,
    lexicon: Option<Py<PyLexicon>>,
    dyads: &[String],
) -> PyResult<Arc<Analyzer>> {
    let lex = match lexicon {
        Some(l) => l,
        None => builtin(py)?,
    };
    lex.get().analyzer(dyads)
}

/// Run `f` on a rayon pool of `threads` workers, or on the global pool (all cores).
fn on_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None => Ok(f()),
        Some(0) => Err(err("threads must be at least 1")),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| err(format!("starting worker threads: {e}")))?;
            Ok(pool.install(f))
        }
    }
}

/// Documents from JSON objects (`id`, `text`, metadata), checked as the JSONL reader checks
/// a line; `origin` names them in messages.
fn parse_documents(lines: &[String], origin: &str) -> PyResult<Vec<Document>> {
    let path = Path::new(origin);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            jsonl::parse_line(path, i + 1, l)
                .map(|(d, _)| d)
                .map_err(err)
        })
        .collect()
}

/// Each scored document as one line of `score --format jsonl` (without the newline).
fn render(scored: &[DocScore], explain: bool) -> Vec<String> {
    let fmt = ScoreFormatter::new(Format::Jsonl, explain);
    scored
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut s = fmt.document_at(d, i);
            s.pop();
            s
        })
        .collect()
}

/// Score documents given as JSON objects; one JSON object per document and dyad back (each
/// document's in the order of `dyads`). With `scale`, a scale model's file
/// (`models/scale.json`): each also gets its scores on the codebook's scales, as `score
/// --scale` gives them.
#[pyfunction]
#[pyo3(signature = (docs, lexicon, dyads, explain, threads, origin, scale=None))]
#[allow(clippy::too_many_arguments)]
fn score_documents(
    py: Python<'_>,
    docs: Vec<String>,
    lexicon: Option<Py<PyLexicon>>,
    dyads: &Bound<'_, PyAny>,
    explain: bool,
    threads: Option<usize>,
    origin: String,
    scale: Option<PathBuf>,
) -> PyResult<Vec<String>> {
    // one "A,B", or a list of them
    let dyads: Vec<String> = match dyads.extract::<String>() {
        Ok(d) => vec![d],
        Err(_) => dyads.extract()?,
    };
    let analyzer = analyzer(py, lexicon, &dyads)?;
    let scale = scale.map(|p| scale_model(&p, &analyzer)).transpose()?;
    py.detach(|| {
        let docs = parse_documents(&docs, &origin)?;
        on_threads(threads, || {
            let mut scored = analyzer.score_all(&docs, explain);
            if let Some(m) = &scale {
                for d in scored.iter_mut() {
                    d.scale = Some(m.codebook_scale(d));
                }
            }
            render(&scored, explain)
        })
    })
}

/// A scale model read from `path` and checked against the analyzer's lexicon.
fn scale_model(path: &Path, analyzer: &Analyzer) -> PyResult<ScaleModel> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(format!("cannot read scale model {}: {e}", path.display())))?;
    let m = ScaleModel::from_json(&text, path).map_err(err)?;
    m.check_compatible(analyzer.lexicon_checksum())
        .map_err(err)?;
    Ok(m)
}

/// What reading a corpus gave: documents (JSON), problems and warnings (messages).
type ReadResult = (Vec<String>, Vec<String>, Vec<String>);

/// Read a corpus as the command line does; documents as JSON objects.
#[pyfunction]
#[pyo3(signature = (paths, lossy))]
fn read_corpus(py: Python<'_>, paths: Vec<PathBuf>, lossy: bool) -> PyResult<ReadResult> {
    py.detach(|| {
        let c = load(&paths, lossy)?;
        let docs = c.docs.iter().map(corpus::to_jsonl_line).collect();
        let problems = c.problems.iter().map(|p| p.to_string()).collect();
        Ok((docs, problems, c.warnings))
    })
}

fn load(paths: &[PathBuf], lossy: bool) -> PyResult<corpus::Corpus> {
    let opts = ReadOptions {
        lossy,
        ..ReadOptions::default()
    };
    corpus::load(paths, &opts).map_err(err)
}

/// Read and score a whole corpus; a document that cannot be read is an error here (the
/// command line skips it with a message and exits with 1).
fn score_corpus(
    analyzer: &Analyzer,
    paths: &[PathBuf],
    lossy: bool,
    explain: bool,
    threads: Option<usize>,
) -> PyResult<(Vec<DocScore>, Vec<String>)> {
    let c = load(paths, lossy)?;
    if !c.problems.is_empty() {
        let lines: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
        return Err(err(lines.join("\n")));
    }
    if c.docs.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(err(format!(
            "no document could be read from {}",
            names.join(", ")
        )));
    }
    let scored = on_threads(threads, || analyzer.score_all(&c.docs, explain))?;
    Ok((scored, c.warnings))
}

/// JSON text and warnings.
type JsonResult = (String, Vec<String>);

/// What `compare` and `eval` both take: ratings files, and how to score (a dict of these
/// keys on the Python side, so that the two calls cannot drift apart).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct RatedRun {
    ratings: Vec<PathBuf>,
    lexicon: Option<Py<PyLexicon>>,
    dyad: String,
    seed: u64,
    threads: Option<usize>,
    lossy: bool,
}

impl RatedRun {
    /// Build the analyzer, then, with the interpreter released, read the ratings and run `f`
    /// with the analyzer, the ratings and their warnings (to which `f` adds its own).
    fn run<T: Send>(
        self,
        py: Python<'_>,
        f: impl FnOnce(&Self, &Analyzer, &Ratings, &mut Vec<String>) -> PyResult<T> + Send,
    ) -> PyResult<T> {
        let analyzer = analyzer(
            py,
            self.lexicon.as_ref().map(|l| l.clone_ref(py)),
            std::slice::from_ref(&self.dyad),
        )?;
        py.detach(|| {
            let ratings = Ratings::read(&self.ratings).map_err(err)?;
            let mut warnings: Vec<String> = ratings.warnings().to_vec();
            f(&self, &analyzer, &ratings, &mut warnings)
        })
    }
}

/// `compare --format json`: ratings, and the tool's scores of a corpus or of scores already
/// computed (JSON objects of `score`).
#[pyfunction]
#[pyo3(signature = (run, corpus, scores))]
fn compare_json(
    py: Python<'_>,
    run: RatedRun,
    corpus: Option<Vec<PathBuf>>,
    scores: Option<Vec<String>>,
) -> PyResult<JsonResult> {
    run.run(py, |run, analyzer, ratings, warnings| {
        let tool = match (corpus, scores) {
            (Some(_), Some(_)) => return Err(err("give corpus or scores, not both")),
            (Some(paths), None) => {
                let (scored, w) = score_corpus(analyzer, &paths, run.lossy, false, run.threads)?;
                warnings.extend(w);
                Some(ToolScores::from_doc_scores(scored.iter()))
            }
            (None, Some(lines)) => Some(scores::tool_scores(&lines)?),
            (None, None) => None,
        };
        let c = compare(ratings, tool.as_ref(), run.seed);
        warnings.extend(c.warnings.iter().cloned());
        Ok((serde_json::to_string_pretty(&c).map_err(err)?, std::mem::take(warnings)))
    })
}

/// `eval --format json`.
#[pyfunction]
#[pyo3(signature = (run, corpus, split))]
fn eval_json(
    py: Python<'_>,
    run: RatedRun,
    corpus: Vec<PathBuf>,
    split: bool,
) -> PyResult<JsonResult> {
    run.run(py, |run, analyzer, ratings, warnings| {
        let (scored, w) = score_corpus(analyzer, &corpus, run.lossy, true, run.threads)?;
        warnings.extend(w);
        let result = EvalRun::new(ratings, &scored, run.seed, split);
        warnings.extend(result.evaluation.warnings.iter().cloned());
        Ok((result.to_json().map_err(err)?, std::mem::take(warnings)))
    })
}

/// `timeline --format json` of scores already computed (JSON objects of `score`).
#[pyfunction]
#[pyo3(signature = (scores, by, events))]
fn timeline_json(
    py: Python<'_>,
    scores: Vec<String>,
    by: String,
    events: Option<PathBuf>,
) -> PyResult<JsonResult> {
    py.detach(|| {
        let by: Granularity = by.parse().map_err(err)?;
        let events = match events {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| err(format!("cannot read events file {}: {e}", p.display())))?;
                parse_events(&text, &p).map_err(err)?
            }
            None => builtin_events(),
        };
        let docs = scores::doc_scores(&scores)?;
        let t = timeline(&docs, by, &events, &TimelineParams::default());
        let warnings = t
            .left_out
            .iter()
            .map(|l| format!("{} document(s) left out: {}", l.count, l.reason))
            .collect();
        Ok((serde_json::to_string_pretty(&t).map_err(err)?, warnings))
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DiplostanceError", m.py().get_type::<DiplostanceError>())?;
    m.add("DEFAULT_SEED", diplostance::stats::DEFAULT_SEED)?;
    m.add("DEFAULT_DYAD", diplostance::score::DEFAULT_DYAD)?;
    m.add("FEATURE_NAMES", diplostance::score::FEATURE_NAMES.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyLexicon>()?;
    m.add_function(wrap_pyfunction!(score_documents, m)?)?;
    m.add_function(wrap_pyfunction!(read_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(eval_json, m)?)?;
    m.add_function(wrap_pyfunction!(timeline_json, m)?)?;
    Ok(())
}
