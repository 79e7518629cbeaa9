//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use diplostance::agreement::{EvalRun, Ratings, render_eval_table};

use super::args::{CorpusArgs, FormatArg, LexiconArgs, Messages, RunArgs, emit};

/// Evaluate the scores against analysts' ratings.
#[derive(Debug, Args)]
pub struct EvalCmd {
    /// Analysts' ratings (CSV, see CODEBOOK.md; repeatable).
    #[arg(long, value_name = "CSV", required = true)]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    corpus: CorpusArgs,
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

impl EvalCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.run.init()?;
        let msg = Messages::new(self.run.quiet);
        let ratings = Ratings::read(&self.ratings)?;
        for w in ratings.warnings() {
            msg.warning(w);
        }
        let (_, scored) = self.lexicon.score_corpus(&self.corpus, &msg, true)?;
        let run = EvalRun::new(&ratings, &scored, self.seed, self.split);
        for w in &run.evaluation.warnings {
            msg.warning(w);
        }
        let (e, wanted, wanted_docs, halves) = (&run.evaluation, &run.hits, &run.docs, &run.halves);
        let text = match self.format {
            FormatArg::Json | FormatArg::Jsonl => run.to_json()? + "\n",
            _ => {
                let mut s = render_eval_table(e);
                if let Some((t, c)) = halves {
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
                for (id, hits) in wanted {
                    let _ = writeln!(s, "  {id}");
                    if let Some(d) = wanted_docs.get(id.as_str()) {
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
