//! Argument groups shared by subcommands, and the plumbing they share: loading a corpus,
//! building the analyzer, choosing the output, reporting problems on stderr.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::Context;
use clap::{Args, ValueEnum};
use diplostance::atomic::AtomicFile;
use diplostance::corpus::{self, Document, Problem, ReadOptions};
use diplostance::lexicon::Lexicon;
use diplostance::output::Format;
use diplostance::score::{Analyzer, DEFAULT_DYAD};

/// Where the documents come from.
#[derive(Debug, Clone, Args)]
pub struct CorpusArgs {
    /// Corpus paths: TEI .xml, folders of .txt, .jsonl, .csv/.tsv manifests, .txt files, or -
    /// for standard input. Default: the bundled sample of five FRUS reports.
    #[arg(value_name = "CORPUS")]
    pub inputs: Vec<PathBuf>,
    /// Decode text that is not valid UTF-8 with replacement characters (and say how many bytes
    /// were replaced) instead of refusing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Documents larger than this many bytes are not read (each is named on stderr).
    #[arg(long, value_name = "BYTES", default_value_t = diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
}

/// Which lexicon and which pair of actors.
#[derive(Debug, Clone, Args)]
pub struct LexiconArgs {
    /// Lexicon file(s) replacing the default cues (repeatable); modifiers and actors are kept
    /// from the default unless the files define some.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// The pair of actors whose relations are measured (ids, names or aliases).
    #[arg(long, value_name = "A,B", default_value = DEFAULT_DYAD)]
    pub dyad: String,
}

impl LexiconArgs {
    /// The lexicon these arguments name.
    pub fn lexicon(&self) -> anyhow::Result<Lexicon> {
        if self.lexicon.is_empty() {
            Ok(Lexicon::builtin()?)
        } else {
            Ok(Lexicon::load(&self.lexicon)?)
        }
    }

    /// Build the analyzer.
    pub fn analyzer(&self) -> anyhow::Result<Analyzer> {
        Ok(Analyzer::new(self.lexicon()?, &self.dyad)?)
    }

    /// Build the analyzer, read the whole corpus (problems go to `msg`) and score it on all
    /// cores, in input order: what every command but `score` and `report` starts with.
    pub fn score_corpus(
        &self,
        corpus: &CorpusArgs,
        msg: &Messages,
        explain: bool,
    ) -> anyhow::Result<(Analyzer, Vec<diplostance::score::DocScore>)> {
        let analyzer = self.analyzer()?;
        let loaded = corpus.load(msg)?;
        let scored = analyzer.score_all(&loaded.docs, explain);
        Ok((analyzer, scored))
    }
}

/// The most worker threads `--threads` accepts: far above any machine's cores, far below
/// what makes starting them the longest part of a run.
pub const MAX_THREADS: usize = 256;

/// How a run behaves.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Worker threads (default: all cores). The output is the same whatever the number.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar, no summary on stderr (errors are still shown).
    #[arg(short, long)]
    pub quiet: bool,
}

impl RunArgs {
    /// Set up the thread pool.
    pub fn init(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            anyhow::ensure!(n > 0, "--threads must be at least 1");
            anyhow::ensure!(
                n <= MAX_THREADS,
                "--threads {n} is more than {MAX_THREADS}; more threads than cores only slow a run down (this machine has {})",
                std::thread::available_parallelism().map_or(1, |c| c.get())
            );
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .context("starting worker threads")?;
        }
        Ok(())
    }
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FormatArg {
    /// A readable table.
    #[default]
    Table,
    /// A JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
        }
    }
}

/// Problems, warnings and notes for stderr, and whether any input failed (exit code 1).
#[derive(Debug)]
pub struct Messages {
    quiet: bool,
    failed: AtomicBool,
    /// Inputs or documents skipped, with why.
    pub skipped: std::sync::Mutex<Vec<(String, String)>>,
    warnings: AtomicUsize,
}

impl Messages {
    /// Messages for a run.
    pub fn new(quiet: bool) -> Self {
        Messages {
            quiet,
            failed: AtomicBool::new(false),
            skipped: std::sync::Mutex::new(Vec::new()),
            warnings: AtomicUsize::new(0),
        }
    }

    /// An input that could not be used: always shown, and the exit code becomes 1.
    pub fn problem(&self, p: &Problem) {
        eprintln!("diplostance: {p}");
        self.failed.store(true, Ordering::Relaxed);
        let what = if p.location.to_string().is_empty() {
            "input".to_string()
        } else {
            p.location.to_string()
        };
        if let Ok(mut s) = self.skipped.lock() {
            s.push((what, p.message.clone()));
        }
    }

    /// A warning: always shown.
    pub fn warning(&self, w: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        eprintln!(
            "diplostance: warning: {}",
            diplostance::location::printable(w)
        );
    }

    /// A note (summary lines): hidden with --quiet.
    pub fn note(&self, n: &str) {
        if !self.quiet {
            eprintln!("diplostance: {}", diplostance::location::printable(n));
        }
    }

    /// True when stderr is a terminal and --quiet is off.
    pub fn interactive(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// 0, or 1 if some input failed.
    pub fn exit_code(&self) -> ExitCode {
        if self.failed.load(Ordering::Relaxed) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Number of problems so far.
    pub fn skipped_count(&self) -> usize {
        self.skipped.lock().map(|s| s.len()).unwrap_or(0)
    }
}

/// A whole corpus in memory, with what was skipped.
#[derive(Debug)]
pub struct Loaded {
    /// The documents, in read order.
    pub docs: Vec<Document>,
}

impl CorpusArgs {
    /// Names of the inputs, for summaries.
    pub fn names(&self) -> Vec<String> {
        if self.inputs.is_empty() {
            vec!["bundled sample corpus (corpus/seeds, five FRUS reports 1936-1941)".into()]
        } else {
            self.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect()
        }
    }

    /// A stream of documents (the bundled sample when no input is given), for scoring: no
    /// warning about undated documents.
    pub fn stream(
        &self,
    ) -> anyhow::Result<Box<dyn Iterator<Item = Result<Document, Problem>> + Send>> {
        if self.inputs.is_empty() {
            return Ok(Box::new(corpus::bundled().into_iter().map(Ok)));
        }
        let s = corpus::read(
            &self.inputs,
            &ReadOptions {
                lossy: self.lossy,
                quiet_undated: true,
                max_doc_bytes: self.max_doc_bytes,
            },
        )?;
        Ok(Box::new(WarningStream { inner: s }))
    }

    /// Read the whole corpus; problems go to `msg`.
    pub fn load(&self, msg: &Messages) -> anyhow::Result<Loaded> {
        if self.inputs.is_empty() {
            return Ok(Loaded {
                docs: corpus::bundled(),
            });
        }
        let c = corpus::load(
            &self.inputs,
            &ReadOptions {
                lossy: self.lossy,
                max_doc_bytes: self.max_doc_bytes,
                ..ReadOptions::default()
            },
        )?;
        for p in &c.problems {
            msg.problem(p);
        }
        for w in &c.warnings {
            msg.warning(w);
        }
        if c.docs.is_empty() {
            anyhow::bail!("no document could be read from {}", self.names().join(", "));
        }
        Ok(Loaded { docs: c.docs })
    }
}

/// A document stream that prints the readers' warnings when it ends.
struct WarningStream {
    inner: corpus::DocStream,
}

impl Iterator for WarningStream {
    type Item = Result<Document, Problem>;
    fn next(&mut self) -> Option<Self::Item> {
        let item = self.inner.next();
        if item.is_none() {
            for w in self.inner.take_warnings() {
                eprintln!(
                    "diplostance: warning: {}",
                    diplostance::location::printable(&w)
                );
            }
        }
        item
    }
}

/// Standard output or a file written atomically.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<std::io::StdoutLock<'static>>),
    /// A file, put in place when complete.
    File(AtomicFile),
}

impl Output {
    /// Standard output (no path, or `-`), or `path`. A closed standard output is an error at
    /// once: whatever would be written to it would be lost.
    pub fn open(path: Option<&Path>) -> anyhow::Result<Output> {
        Ok(match path {
            Some(p) if p.as_os_str() != "-" => {
                super::signals::remove_temp_on_interrupt(p.to_path_buf())?;
                Output::File(AtomicFile::create(p)?)
            }
            _ => {
                ensure_stdout_open()?;
                Output::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout().lock()))
            }
        })
    }

    /// Open `path` after checking that it is none of `inputs`: writing over a corpus while
    /// reading it would destroy it.
    pub fn open_checked(path: Option<&Path>, inputs: &[PathBuf]) -> anyhow::Result<Output> {
        refuse_input_as_output(path, inputs)?;
        Output::open(path)
    }

    /// Finish: flush stdout, or put the file in place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => Ok(w.flush().map_err(on_stdout)?),
            Output::File(f) => Ok(f.commit()?),
        }
    }

    /// Give up: nothing usable was produced, so a previous file at the path is left as it was
    /// (standard output is flushed: what was written is already there).
    pub fn abandon(self) {
        if let Output::Stdout(mut w) = self {
            let _ = w.flush();
        }
    }
}

/// Refuse an output path that is one of the inputs (the same file by any name).
pub fn refuse_input_as_output(path: Option<&Path>, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Some(out) = path.filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    if let Some(i) = inputs
        .iter()
        .find(|i| !diplostance::atomic::is_special(i) && diplostance::atomic::same_file(out, i))
    {
        anyhow::bail!(
            "-o {} is also an input ({}): writing it would destroy what is being read; choose another output file",
            out.display(),
            i.display()
        );
    }
    Ok(())
}

/// Fail when standard output was closed (`>&-`). The standard library then opens `/dev/null`
/// (read-write) in its place, so every write would vanish without a word; a redirection to
/// `/dev/null` by a shell is write-only, which tells the two apart (Linux).
fn ensure_stdout_open() -> anyhow::Result<()> {
    let info = std::fs::read_to_string("/proc/self/fdinfo/1").unwrap_or_default();
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
    let rdwr_null = flags.is_some_and(|f| f & 3 == 2)
        && std::fs::read_link("/proc/self/fd/1").is_ok_and(|t| t == Path::new("/dev/null"));
    anyhow::ensure!(
        !rdwr_null,
        "standard output is closed: nothing could be written; give -o FILE or redirect it"
    );
    Ok(())
}

/// A write error on standard output, saying so (the kind is kept, so a closed pipe is still
/// recognised as one).
fn on_stdout(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("standard output: {e}"))
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf).map_err(on_stdout),
            Output::File(f) => f.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush().map_err(on_stdout),
            Output::File(f) => f.flush(),
        }
    }
}

/// Write `text` to stdout or a file.
pub fn emit(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    let mut o = Output::open(path)?;
    o.write_all(text.as_bytes())?;
    o.finish()
}

/// Clustering choices shared by `cluster`, `fit` and `report`.
#[derive(Debug, Clone, Args)]
pub struct ClusterArgs {
    /// Number of clusters, or `auto` (best silhouette over 2..8).
    #[arg(long, value_name = "N|auto", default_value = "auto")]
    pub k: diplostance::analysis::KChoice,
    /// Clustering method.
    #[arg(long, value_name = "kmeans|gmm|dbscan", default_value = "kmeans")]
    pub method: diplostance::analysis::Method,
    /// Random seed (the same seed gives the same clusters, byte for byte).
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    pub seed: u64,
}

impl ClusterArgs {
    /// The clustering parameters.
    pub fn params(&self) -> diplostance::analysis::ClusterParams {
        diplostance::analysis::ClusterParams::default()
            .k(self.k)
            .method(self.method)
            .seed(self.seed)
    }
}
