//! `diplostance dfm`: the document-feature matrix, as a dense CSV or a Matrix Market file, with
//! the documents' metadata beside it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::corpus::Document;
use diplostance::output::csv::Table;
use diplostance::plural::count;
use diplostance::score::dfm::{self, Dfm, one_line};

use super::args::{CorpusArgs, LexiconArgs, Messages, emit};

/// The document-feature matrix (counts of word stems or of cue hits per document).
#[derive(Debug, Args)]
pub struct DfmCmd {
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    /// The features: word stems, or the lexicon cues hit (`dimension:term`).
    #[arg(long, value_enum, default_value_t = By::Stem)]
    by: By,
    /// The matrix file: `.csv` writes a dense CSV of counts (a row per document, a column per
    /// feature), `.mtx` a sparse Matrix Market file with `NAME.rows.txt` (document ids) and
    /// `NAME.cols.txt` (features) beside it. Either way `NAME.docs.csv` holds the documents'
    /// metadata, row by row.
    #[arg(short, long, value_name = "FILE")]
    out: PathBuf,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// What the columns count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    /// Snowball stems of the words.
    Stem,
    /// Hits of each lexicon cue.
    Cue,
}

/// A file beside `out`: its name without the extension, then `suffix`.
fn beside(out: &Path, suffix: &str) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "dfm".to_string(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}{suffix}"))
}

impl DfmCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = Messages::new(self.quiet);
        let ext = self
            .out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let dense = match ext.as_deref() {
            Some("csv") => true,
            Some("mtx") => false,
            _ => anyhow::bail!(
                "-o {}: name a .csv file (dense counts) or a .mtx file (Matrix Market)",
                self.out.display()
            ),
        };
        let loaded = self.corpus.load(&msg)?;
        let m = match self.by {
            By::Stem => dfm::by_stem(&loaded.docs),
            By::Cue => {
                let analyzer = self.lexicon.analyzer("dfm")?;
                dfm::by_cue(&analyzer.score_all(&loaded.docs, true))
            }
        };
        // every file is rendered before the first is written
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        if dense {
            files.push((self.out.clone(), dense_csv(&m)));
        } else {
            let rows = beside(&self.out, ".rows.txt");
            let cols = beside(&self.out, ".cols.txt");
            let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
            let mtx = m.to_mtx(
                &name(&rows).unwrap_or_default(),
                &name(&cols).unwrap_or_default(),
            );
            files.push((self.out.clone(), mtx));
            files.push((rows, names_file(&m.docs)));
            files.push((cols, names_file(&m.features)));
        }
        files.push((beside(&self.out, ".docs.csv"), docs_csv(&loaded.docs)));
        for (path, text) in &files {
            emit(Some(path), text)?;
        }
        msg.note(&format!(
            "{} x {} ({} non-zero), written to {}",
            count(m.docs.len(), "document"),
            count(m.features.len(), "feature"),
            m.nnz(),
            files
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        Ok(msg.exit_code())
    }
}

fn names_file(names: &[String]) -> String {
    names.iter().map(|n| one_line(n) + "\n").collect()
}

/// A row per document: `doc_id`, then a column per feature.
fn dense_csv(m: &Dfm) -> String {
    let mut t = Table::new(std::iter::once("doc_id").chain(m.features.iter().map(String::as_str)));
    let mut row: Vec<String> = Vec::with_capacity(m.features.len() + 1);
    for (i, id) in m.docs.iter().enumerate() {
        row.clear();
        row.push(id.clone());
        let mut cells = vec![0u32; m.features.len()];
        for &(j, v) in &m.rows[i] {
            cells[j as usize] = v;
        }
        row.extend(cells.iter().map(u32::to_string));
        t.row(&row);
    }
    t.finish()
}

/// The documents' metadata, in the matrix's row order.
fn docs_csv(docs: &[Document]) -> String {
    let mut t = Table::new([
        "doc_id",
        "date",
        "date_precision",
        "author",
        "author_role",
        "recipient",
        "place",
        "source",
        "title",
    ]);
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    for d in docs {
        let m = &d.meta;
        t.row([
            d.id.clone(),
            m.date.map(|x| x.to_string()).unwrap_or_default(),
            m.date
                .map(|x| format!("{:?}", x.precision()).to_lowercase())
                .unwrap_or_default(),
            opt(&m.author),
            opt(&m.author_role),
            opt(&m.recipient),
            opt(&m.place),
            opt(&m.source),
            opt(&m.title),
        ]);
    }
    t.finish()
}
