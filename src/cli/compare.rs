//! `diplostance compare`: agreement between analysts' ratings, with the tool as one more
//! analyst (`--corpus`); or differences between authors, places or recipients (`--by`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::agreement::{
    self, Ratings, ToolScores, compare, compare_groups, render_groups_csv, render_groups_table,
};
use diplostance::corpus::InputKind;
use diplostance::score::Scores;

use super::args::{CorpusArgs, FormatArg, LexiconArgs, Messages, RunArgs, emit};

/// Compare assessments.
#[derive(Debug, Args)]
pub struct CompareCmd {
    /// Ratings files (CSV, see CODEBOOK.md); with --by, corpus paths instead.
    #[arg(value_name = "RATINGS|CORPUS")]
    files: Vec<PathBuf>,
    /// Corpus whose scores join the comparison as the analyst `diplostance` (repeatable).
    #[arg(long = "corpus", value_name = "CORPUS")]
    corpus: Vec<PathBuf>,
    /// Compare documents grouped by author, place or recipient instead of analysts.
    #[arg(long, value_enum)]
    by: Option<GroupBy>,
    /// Decode corpus text that is not valid UTF-8 with replacement characters.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Random seed of the bootstrap and permutation tests.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupBy {
    Author,
    Place,
    Recipient,
}

const GROUP_REPS: usize = 5000;

impl CompareCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        if let Some(by) = self.by {
            return self.run_groups(by, &msg);
        }
        anyhow::ensure!(
            !self.files.is_empty(),
            "give one or more ratings files (CSV, see CODEBOOK.md), or --by author|place|recipient"
        );
        for f in &self.files {
            // what the corpus reader would take for a corpus (a ratings file is CSV, which it
            // takes for a manifest; plain text only when it says .txt)
            let corpus_like = match InputKind::of(f) {
                InputKind::Folder | InputKind::Tei | InputKind::Jsonl => true,
                InputKind::Text => f.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")),
                InputKind::Stdin | InputKind::Manifest => false,
            };
            anyhow::ensure!(
                !corpus_like,
                "{} looks like a corpus, not a ratings file: give corpora with --corpus \
                 (ratings are CSV, see CODEBOOK.md)",
                f.display()
            );
        }
        let ratings = Ratings::read(&self.files)?;
        for w in ratings.warnings() {
            msg.warning(w);
        }
        let tool = if self.corpus.is_empty() {
            None
        } else {
            let c = CorpusArgs {
                inputs: self.corpus.clone(),
                lossy: self.lossy,
                max_doc_bytes: diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES,
            };
            let (_, scored) = self.lexicon.score_corpus(&c, &msg, false)?;
            Some(ToolScores::from_doc_scores(scored.iter()))
        };
        let c = compare(&ratings, tool.as_ref(), self.seed);
        for w in &c.warnings {
            msg.warning(w);
        }
        let text = match self.format {
            FormatArg::Table => agreement::render_table(&c),
            FormatArg::Csv => agreement::render_csv(&c),
            FormatArg::Json | FormatArg::Jsonl => serde_json::to_string_pretty(&c)? + "\n",
        };
        emit(self.out.as_deref(), &text)?;
        Ok(msg.exit_code())
    }

    fn run_groups(&self, by: GroupBy, msg: &Messages) -> anyhow::Result<ExitCode> {
        let c = CorpusArgs {
            inputs: self.files.iter().chain(&self.corpus).cloned().collect(),
            lossy: self.lossy,
            max_doc_bytes: diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES,
        };
        let (_, scored) = self.lexicon.score_corpus(&c, msg, false)?;
        let key = |d: &diplostance::score::DocScore| match by {
            GroupBy::Author => d.meta.author.clone(),
            GroupBy::Place => d.meta.place.clone(),
            GroupBy::Recipient => d.meta.recipient.clone(),
        };
        let missing = scored.iter().filter(|d| key(d).is_none()).count();
        if missing > 0 {
            msg.warning(
                &format!("{missing} document(s) have no {:?} and are left out", by).to_lowercase(),
            );
        }
        let mut tables = String::new();
        let mut json = serde_json::Map::new();
        for score in Scores::NAMES {
            let groups: Vec<(String, f64)> = scored
                .iter()
                .filter_map(|d| key(d).map(|k| (k, d.scores.by_name(score).unwrap_or(0.0))))
                .collect();
            let g = compare_groups(&groups, GROUP_REPS, self.seed);
            match self.format {
                FormatArg::Table => {
                    tables.push_str(&render_groups_table(score, &g));
                    tables.push('\n');
                }
                FormatArg::Csv => {
                    let t = render_groups_csv(score, &g);
                    if tables.is_empty() {
                        tables.push_str(&t);
                    } else {
                        tables.extend(t.lines().skip(1).map(|l| format!("{l}\n")));
                    }
                }
                _ => {
                    json.insert(score.to_string(), serde_json::to_value(&g)?);
                }
            }
        }
        let text = match self.format {
            FormatArg::Json | FormatArg::Jsonl => {
                let mut top = serde_json::Map::new();
                top.insert("by".into(), format!("{by:?}").to_lowercase().into());
                top.insert("documents".into(), (scored.len() - missing).into());
                top.insert("scores".into(), json.into());
                serde_json::to_string_pretty(&top)? + "\n"
            }
            _ => tables,
        };
        emit(self.out.as_deref(), &text)?;
        Ok(msg.exit_code())
    }
}
