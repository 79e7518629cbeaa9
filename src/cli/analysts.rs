//! `diplostance analysts`: how analysts differ (offsets, drift by year, widest disagreements
//! with the tool's hits in them, what drives each analyst) and a consensus rating per document.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::agreement::consensus::consensus_csv;
use diplostance::agreement::{
    DocFacts, analyse, clean, render_analysts_csv, render_analysts_table,
};
use diplostance::score::{DocScore, FEATURE_NAMES, Hit};

use super::args::{
    CorpusArgs, LexiconArgs, Messages, RatingsArgs, RunArgs, TableJsonCsv, emit, same_file,
};

/// Compare analysts in depth.
#[derive(Debug, Args)]
pub struct AnalystsCmd {
    /// Ratings files: long or wide CSV, a reliability matrix, .xlsx or .ods (see CODEBOOK.md).
    #[arg(value_name = "RATINGS", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    layout: RatingsArgs,
    /// Corpus of the rated documents (repeatable): their features drive the models of what
    /// each analyst responds to, their dates give the drift by year.
    #[arg(long = "corpus", value_name = "CORPUS")]
    corpus: Vec<PathBuf>,
    /// Write the consensus per document to this file as a long ratings CSV (analyst
    /// `consensus`), readable by `eval` and `compare`.
    #[arg(long, value_name = "FILE")]
    consensus: Option<PathBuf>,
    /// Which consensus value goes in the rating columns (the other is in the note).
    #[arg(long, value_enum, default_value_t = ConsensusValue::Mean)]
    consensus_value: ConsensusValue,
    /// Decode corpus text that is not valid UTF-8 with replacement characters.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Output format (table, json or csv).
    #[arg(long, value_enum, default_value_t = TableJsonCsv::Table)]
    format: TableJsonCsv,
    /// Random seed of the bootstrap.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ConsensusValue {
    Mean,
    Median,
}

/// Hits shown per disagreeing document.
const TOP_HITS: usize = 5;

impl AnalystsCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        for target in self.consensus.iter().chain(&self.out) {
            if let Some(f) = self.files.iter().find(|f| same_file(f, target)) {
                anyhow::bail!(
                    "{} is also a ratings input: refusing to overwrite it",
                    f.display()
                );
            }
        }
        let ratings = self.layout.read(&self.files, &msg)?;
        let scored = if self.corpus.is_empty() {
            Vec::new()
        } else {
            let c = CorpusArgs {
                inputs: self.corpus.clone(),
                lossy: self.lossy,
                max_doc_bytes: diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES,
            };
            self.lexicon.score_corpus("analysts", &c, &msg, true)?.1
        };
        let facts = DocFacts::of_scores(&scored);
        let report = analyse(&ratings, &facts, FEATURE_NAMES, self.seed);
        for w in &report.warnings {
            msg.warning(w);
        }
        let hits = disagreement_hits(&report, &scored);
        let text = match self.format {
            TableJsonCsv::Json => {
                let mut top = serde_json::to_value(&report)?;
                if let Some(obj) = top.as_object_mut() {
                    obj.insert("disagreement_hits".into(), serde_json::to_value(&hits)?);
                }
                serde_json::to_string_pretty(&top)? + "\n"
            }
            TableJsonCsv::Csv => render_analysts_csv(&report),
            TableJsonCsv::Table => {
                let mut s = render_analysts_table(&report);
                if !scored.is_empty() {
                    s.push_str(&render_hits(&hits));
                }
                s
            }
        };
        if let Some(path) = &self.consensus {
            let median = self.consensus_value == ConsensusValue::Median;
            emit(Some(path), &consensus_csv(&report.consensus, median))?;
            msg.note(&format!(
                "consensus of {} documents written to {}",
                report.consensus.len(),
                path.display()
            ));
        }
        emit(self.out.as_deref(), &text)?;
        Ok(msg.exit_code())
    }
}

/// The strongest hits of each document listed among the widest disagreements.
fn disagreement_hits<'a>(
    report: &diplostance::agreement::AnalystsReport,
    scored: &'a [DocScore],
) -> BTreeMap<String, Vec<&'a Hit>> {
    let mut out: BTreeMap<String, Vec<&Hit>> = BTreeMap::new();
    if scored.is_empty() {
        return out;
    }
    for (_, d) in report.dimensions.iter() {
        for x in &d.disagreements {
            out.entry(x.doc_id.clone()).or_default();
        }
    }
    for s in scored {
        if let Some(v) = out.get_mut(&s.id) {
            let mut hits: Vec<&Hit> = s.hits.iter().flatten().collect();
            hits.sort_by(|a, b| {
                b.weight
                    .abs()
                    .total_cmp(&a.weight.abs())
                    .then(a.start.cmp(&b.start))
            });
            hits.truncate(TOP_HITS);
            *v = hits;
        }
    }
    out
}

fn render_hits(hits: &BTreeMap<String, Vec<&Hit>>) -> String {
    let mut s = String::from("\nhits in the documents where the analysts part most:\n");
    for (id, hs) in hits {
        let _ = writeln!(s, "  {}", clean(id));
        if hs.is_empty() {
            let _ = writeln!(s, "      (no hits, or not in the corpus)");
        }
        for h in hs {
            let _ = writeln!(
                s,
                "      {:<13} {:>+7.3} {:<24} {}",
                h.dimension.name(),
                h.weight,
                h.term,
                h.context
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(90)
                    .collect::<String>()
            );
        }
    }
    s
}
