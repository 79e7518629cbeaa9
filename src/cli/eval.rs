//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::{
    ToolScores, evaluate, evaluate_subset, render_eval_table, split_half,
};
use diplostance::score::{DocScore, Hit};

use super::args::{CorpusArgs, FormatArg, LexiconArgs, Messages, RatingsArgs, RunArgs, emit};

/// Evaluate the scores against analysts' ratings.
#[derive(Debug, Args)]
pub struct EvalCmd {
    /// Analysts' ratings (CSV, .xlsx or .ods, any layout: see --layout and CODEBOOK.md;
    /// repeatable).
    #[arg(long, value_name = "CSV", required = true)]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    corpus: CorpusArgs,
    #[command(flatten)]
    layout: RatingsArgs,
    #[command(flatten)]
    lexicon: LexiconArgs,
    #[command(flatten)]
    run: RunArgs,
    /// Also evaluate the two halves of a fixed split of the rated documents (by a hash of the
    /// id), to see overfitting: tune on one, check on the other.
    #[arg(long)]
    split: bool,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,
    /// Random seed of the bootstrap.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Hits shown per disagreeing document.
const TOP_HITS: usize = 6;

impl EvalCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let ratings = self.layout.read(&self.ratings, &msg)?;
        let (_, scored) = self.lexicon.score_corpus(&self.corpus, &msg, true)?;
        let tool = ToolScores::from_doc_scores(scored.iter());
        let unscored = tool.unscored(&ratings);
        if unscored.len() == ratings.documents().len() {
            anyhow::bail!(
                "none of the {} rated documents is in the corpus (rated: {}; read: {}): the \
                 ratings' doc_id values must be the corpus's document ids",
                ratings.documents().len(),
                ratings.documents().first().map_or("", String::as_str),
                scored.first().map_or("", |d| d.id.as_str())
            );
        }
        let e = evaluate(&ratings, &tool, self.seed);
        for w in &e.warnings {
            msg.warning(w);
        }
        // the hits behind the largest disagreements
        let mut wanted: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
        for (_, d) in e.dimensions.iter() {
            for x in &d.disagreements {
                wanted.entry(x.doc_id.as_str()).or_default();
            }
        }
        // the scored documents behind them, found in the same pass
        let mut wanted_docs: BTreeMap<&str, &DocScore> = BTreeMap::new();
        for s in &scored {
            if let Some(v) = wanted.get_mut(s.id.as_str()) {
                wanted_docs.insert(s.id.as_str(), s);
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
        let halves = self.split.then(|| {
            let ids: Vec<String> = ratings.documents().to_vec();
            let (tune, check) = split_half(&ids);
            (
                evaluate_subset(&ratings, &tool, &tune, self.seed),
                evaluate_subset(&ratings, &tool, &check, self.seed),
            )
        });
        let text = match self.format {
            FormatArg::Json | FormatArg::Jsonl => {
                let mut top = serde_json::to_value(&e)?;
                if let Some(obj) = top.as_object_mut() {
                    obj.insert("disagreement_hits".into(), serde_json::to_value(&wanted)?);
                    if let Some((t, c)) = &halves {
                        obj.insert("tune_half".into(), serde_json::to_value(t)?);
                        obj.insert("check_half".into(), serde_json::to_value(c)?);
                    }
                }
                serde_json::to_string_pretty(&top)? + "\n"
            }
            _ => {
                let mut s = render_eval_table(&e);
                if let Some((t, c)) = &halves {
                    let _ = write!(
                        s,
                        "\n== tune half ({} documents)\n{}",
                        t.documents,
                        render_eval_table(t)
                    );
                    let _ = write!(
                        s,
                        "\n== check half ({} documents)\n{}",
                        c.documents,
                        render_eval_table(c)
                    );
                }
                s.push_str("\nhits behind the largest disagreements:\n");
                for (id, hits) in &wanted {
                    let _ = writeln!(s, "  {id}");
                    if let Some(d) = wanted_docs.get(id) {
                        // what the tension and the trend are made of (README, step 5)
                        let f = |n: &str| d.features.get(n).unwrap_or(f64::NAN);
                        let _ = writeln!(
                            s,
                            "      tension {:.2} from hostility {:.1} at level {:.1} and \
                             rapprochement {:.1}; trend {:+.2}",
                            d.scores.tension,
                            d.scores.hostility,
                            f("hostility_level"),
                            d.scores.rapprochement,
                            f("trend")
                        );
                    }
                    if hits.is_empty() {
                        let _ = writeln!(s, "      (no hits)");
                    }
                    for h in hits {
                        let level = h.level.map(|l| format!("L{l}")).unwrap_or_default();
                        let _ = writeln!(
                            s,
                            "      {:<13} {:>+7.3} {:<4} {:<24} {}",
                            h.dimension.name(),
                            h.weight,
                            level,
                            h.term,
                            h.context.chars().take(90).collect::<String>()
                        );
                    }
                }
                s
            }
        };
        emit(self.out.as_deref(), &text)?;
        Ok(msg.exit_code())
    }
}
