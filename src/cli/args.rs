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
use diplostance::output::{Format, Render};
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
    /// The pair of actors whose relations are measured (ids, names or aliases). `score` takes
    /// it more than once: each document is then scored once per pair, in the order given, and
    /// every row says its dyad; the other commands take one.
    #[arg(long, value_name = "A,B", default_value = DEFAULT_DYAD)]
    pub dyad: Vec<String>,
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

    /// Build the analyzer of `command`, which takes one dyad: several are refused rather than
    /// all but the first silently dropped.
    pub fn analyzer(&self, command: &str) -> anyhow::Result<Analyzer> {
        let n = self.dyad.len();
        anyhow::ensure!(
            n <= 1,
            "{command} takes one --dyad; got {n} (`score` scores several pairs at once)"
        );
        self.analyzer_all()
    }

    /// Build an analyzer that scores each document once per dyad given (`score`).
    pub fn analyzer_all(&self) -> anyhow::Result<Analyzer> {
        Ok(Analyzer::with_dyads(self.lexicon()?, &self.dyad)?)
    }

    /// Build the analyzer of `command` (one dyad), read the whole corpus (problems go to
    /// `msg`) and score it on all cores, in input order: what every command but `score` and
    /// `report` starts with.
    pub fn score_corpus(
        &self,
        command: &str,
        corpus: &CorpusArgs,
        msg: &Messages,
        explain: bool,
    ) -> anyhow::Result<(Analyzer, Vec<diplostance::score::DocScore>)> {
        let analyzer = self.analyzer(command)?;
        let loaded = corpus.load(msg)?;
        let scored = analyzer.score_all(&loaded.docs, explain);
        Ok((analyzer, scored))
    }
}

/// The most worker threads `--threads` accepts: far above any machine's cores, far below
/// what makes starting them the longest part of a run.
pub const MAX_THREADS: usize = 256;

/// What every command that scores a corpus takes: the corpus, the lexicon and dyad, and how the
/// run behaves.
#[derive(Debug, Clone, Args)]
pub struct ScoringArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

impl ScoringArgs {
    /// Start the run (the thread pool) and its messages.
    pub fn start(&self) -> anyhow::Result<Messages> {
        self.run.init()?;
        Ok(Messages::new(self.run.quiet))
    }

    /// Build the analyzer, read the whole corpus and score it (see
    /// [`LexiconArgs::score_corpus`]).
    pub fn score_corpus(
        &self,
        command: &str,
        msg: &Messages,
        explain: bool,
    ) -> anyhow::Result<(Analyzer, Vec<diplostance::score::DocScore>)> {
        self.lexicon
            .score_corpus(command, &self.corpus, msg, explain)
    }
}

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

/// What a command writes and where: the same two options on every command that prints a
/// result, each command offering exactly the formats its result has (`F`).
#[derive(Debug, Clone, Args)]
pub struct OutputArgs<F: FormatChoice> {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: F,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl<F: FormatChoice> OutputArgs<F> {
    /// The format asked for.
    pub fn format(&self) -> Format {
        self.format.clone().into()
    }

    /// Write `result` in the format asked for.
    pub fn write(&self, result: &impl Render) -> anyhow::Result<()> {
        emit(self.out.as_deref(), &result.render(self.format())?)
    }
}

/// A command's choice of formats.
pub trait FormatChoice: ValueEnum + Clone + Send + Sync + Into<Format> + 'static {}

/// Declare a command-line choice of formats: an enum of some of [`Format`]'s variants.
macro_rules! format_choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $v:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub enum $name {
            $($(#[$vdoc])* $v,)+
        }
        impl From<$name> for Format {
            fn from(f: $name) -> Format {
                match f {
                    $($name::$v => Format::$v,)+
                }
            }
        }
        impl FormatChoice for $name {}
    };
}

format_choice! {
    /// Formats of results that are lists (timeline periods, clustered documents).
    AnyFormat {
        /// A readable table.
        Table,
        /// One JSON document.
        Json,
        /// One JSON object per line: a period, a document.
        Jsonl,
        /// CSV with a header row.
        Csv,
    }
}

format_choice! {
    /// Formats of scored documents.
    ScoreFormat {
        /// A readable table (with --explain: each hit in its context under its document).
        Table,
        /// One JSON array of documents.
        Json,
        /// One JSON object per document, one per line.
        Jsonl,
        /// CSV with a header row: one row per document; with --explain one row per hit instead
        /// (id, sentence, start, end, term, text, dimension, base_weight, weight, level,
        /// negated, modifiers, actors, context).
        Csv,
    }
}

format_choice! {
    /// Formats of results that are a table of statistics (compare).
    TableJsonCsv {
        /// A readable table.
        Table,
        /// One JSON document.
        Json,
        /// Long-format CSV, one statistic per row.
        Csv,
    }
}

format_choice! {
    /// Formats of reports that are neither a list nor a table (eval, lexicon check and stats).
    TableJson {
        /// A readable table.
        Table,
        /// One JSON document.
        Json,
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

/// How analysts' ratings files are laid out (see CODEBOOK.md and the README).
#[derive(Debug, Clone, Args)]
pub struct RatingsArgs {
    /// Layout of the ratings tables: long (the codebook's), wide (A_tension columns),
    /// by-dimension (a column per analyst), matrix (a row per analyst, a column per document).
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
    /// Rename the file's columns to the codebook's: NAME=COLUMN pairs, e.g.
    /// doc_id=Document,tension=Tension.
    #[arg(long, value_name = "NAME=COLUMN,...")]
    pub columns: Option<String>,
    /// The dimension of tables that hold one (by-dimension, matrix), when neither the sheet
    /// nor the file name says it.
    #[arg(long, value_name = "DIMENSION")]
    pub dimension: Option<String>,
}

/// Ratings layouts on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Told from the header.
    Auto,
    /// One row per analyst and document.
    Long,
    /// One row per document, a column per analyst and dimension.
    Wide,
    /// One dimension: a row per document, a column per analyst.
    ByDimension,
    /// One dimension: a row per analyst, a column per document.
    Matrix,
}

impl RatingsArgs {
    /// The reading options these arguments give.
    pub fn options(&self) -> anyhow::Result<diplostance::agreement::ReadRatings> {
        use diplostance::agreement::{Layout, RatedDimension};
        let layout = match self.layout {
            LayoutArg::Auto => Layout::Auto,
            LayoutArg::Long => Layout::Long,
            LayoutArg::Wide => Layout::Wide,
            LayoutArg::ByDimension => Layout::ByDimension,
            LayoutArg::Matrix => Layout::Matrix,
        };
        let columns = match &self.columns {
            Some(c) => diplostance::agreement::ReadRatings::parse_columns(c)
                .map_err(|e| anyhow::anyhow!("--columns: {e}"))?,
            None => Vec::new(),
        };
        let dimension = match &self.dimension {
            Some(d) => Some(
                RatedDimension::from_name(&d.trim().to_lowercase()).ok_or_else(|| {
                    anyhow::anyhow!(
                        "--dimension: `{d}` is not hostility, rapprochement, uncertainty, tension or trend"
                    )
                })?,
            ),
            None => None,
        };
        Ok(diplostance::agreement::ReadRatings {
            layout,
            columns,
            dimension,
        })
    }

    /// Read analysts' ratings files: their warnings go to `msg`, and files that held no
    /// rating become problems (exit code 1; an error when no file held one).
    pub fn read(
        &self,
        files: &[PathBuf],
        msg: &Messages,
    ) -> anyhow::Result<diplostance::agreement::Ratings> {
        let ratings = self.options()?.read(files)?;
        for w in ratings.warnings() {
            msg.warning(w);
        }
        for p in ratings.problems() {
            msg.problem(&Problem {
                location: p.location.clone(),
                message: p.message.clone(),
            });
        }
        Ok(ratings)
    }
}

/// True when two paths name the same existing file (or are the same path).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
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

#[cfg(test)]
mod tests {
    use super::*;
    use diplostance::agreement::Comparison;
    use diplostance::analysis::{Clustering, Timeline};
    use diplostance::lexicon::check::CheckReport;
    use diplostance::output::{EvalReport, GroupReport, Scored};
    use diplostance::score::usage::UsageReport;

    fn offered<F: FormatChoice>() -> Vec<Format> {
        F::value_variants()
            .iter()
            .map(|v| v.clone().into())
            .collect()
    }

    /// A command offers exactly the formats its result can be written in: no value is accepted
    /// and then printed in another format.
    #[test]
    fn each_command_offers_the_formats_of_its_result() {
        assert_eq!(
            offered::<ScoreFormat>(),
            <Scored<'static> as Render>::FORMATS
        );
        assert_eq!(offered::<AnyFormat>(), Timeline::FORMATS);
        assert_eq!(offered::<AnyFormat>(), Clustering::FORMATS);
        assert_eq!(offered::<TableJsonCsv>(), Comparison::FORMATS);
        assert_eq!(offered::<TableJsonCsv>(), GroupReport::FORMATS);
        assert_eq!(
            offered::<TableJson>(),
            <EvalReport<'static> as Render>::FORMATS
        );
        assert_eq!(offered::<TableJson>(), CheckReport::FORMATS);
        assert_eq!(offered::<TableJson>(), UsageReport::FORMATS);
    }
}
