//! `diplostance compare`: agreement between analysts' ratings, with the tool as one more
//! analyst (`--corpus`); or differences between authors, places or recipients (`--by`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::agreement::{ToolScores, compare, compare_groups};
use diplostance::corpus::InputKind;
use diplostance::output::GroupReport;
use diplostance::score::Scores;

use super::args::{
    CorpusArgs, LexiconArgs, Messages, OutputArgs, RatingsArgs, RunArgs, TableJsonCsv,
};

/// Compare assessments.
#[derive(Debug, Args)]
pub struct CompareCmd {
    /// Ratings files (CSV, see CODEBOOK.md); with --by, corpus paths instead.
    #[arg(value_name = "RATINGS|CORPUS")]
    files: Vec<PathBuf>,
    /// Corpus whose scores join the comparison as the analyst `diplostance` (repeatable).
    #[arg(long = "corpus", value_name = "CORPUS")]
    corpus: Vec<PathBuf>,
    /// Compare documents grouped by author, place or recipient instead of analysts (only
    /// groups of 3 or more documents are tested; smaller ones are listed with their mean).
    #[arg(long, value_enum)]
    by: Option<GroupBy>,
    /// Decode corpus text that is not valid UTF-8 with replacement characters.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    layout: RatingsArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    output: OutputArgs<TableJsonCsv>,
    /// Random seed of the bootstrap and permutation tests.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
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
        let ratings = self.layout.read(&self.files, &msg)?;
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
            let (_, scored) = self.lexicon.score_corpus("compare", &c, &msg, false)?;
            Some(ToolScores::from_doc_scores(scored.iter()))
        };
        let c = compare(&ratings, tool.as_ref(), self.seed);
        for w in &c.warnings {
            msg.warning(w);
        }
        self.output.write(&c)?;
        Ok(msg.exit_code())
    }

    fn run_groups(&self, by: GroupBy, msg: &Messages) -> anyhow::Result<ExitCode> {
        let c = CorpusArgs {
            inputs: self.files.iter().chain(&self.corpus).cloned().collect(),
            lossy: self.lossy,
            max_doc_bytes: diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES,
        };
        let (_, all) = self.lexicon.score_corpus("compare", &c, msg, false)?;
        // a document that says nothing about the dyad has no tension to compare
        let (scored, no_tension) = diplostance::analysis::with_tension(&all);
        if let Some(l) = no_tension {
            msg.warning(&format!("{} document(s) left out: {}", l.count, l.reason));
        }
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
        let scores = Scores::NAMES
            .iter()
            .map(|&score| {
                let groups: Vec<(String, f64)> = scored
                    .iter()
                    .filter_map(|d| key(d).map(|k| (k, d.scores.by_name(score).unwrap_or(0.0))))
                    .collect();
                (score, compare_groups(&groups, GROUP_REPS, self.seed))
            })
            .collect();
        self.output.write(&GroupReport {
            by: format!("{by:?}").to_lowercase(),
            documents: scored.len() - missing,
            scores,
        })?;
        Ok(msg.exit_code())
    }
}
