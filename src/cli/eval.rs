//! `diplostance eval`: how well the scores agree with analysts' ratings, with the human
//! ceiling beside them and the documents where they disagree most, with the hits behind them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, Args, FromArgMatches, ValueEnum};
use diplostance::agreement::{EvalRun, RatedSet, Ratings, ToolScores, evaluate_sets};
use diplostance::score::{Analyzer, DocScore};

use super::args::{Messages, OutputArgs, RatingsArgs, ScoringArgs, TableJson};

/// A command's options and where on the command line each `--corpus` and each ratings file
/// stood (clap keeps values per option, so which `--ratings` follow which `--corpus` is read
/// from the matches while they are at hand): `eval` and `fit-scale`.
#[derive(Debug)]
pub struct Ordered<T> {
    pub(super) args: T,
    pub(super) order: Positions,
}

/// Evaluate the scores against analysts' ratings.
pub type EvalCmd = Ordered<EvalArgs>;

/// The options of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Analysts' ratings (CSV, .xlsx or .ods, any layout: see --layout and CODEBOOK.md;
    /// repeatable).
    #[arg(long, value_name = "CSV", required = true)]
    ratings: Vec<PathBuf>,
    #[command(flatten)]
    scoring: ScoringArgs,
    #[command(flatten)]
    layout: RatingsArgs,
    /// Also evaluate the two halves of a fixed split of the rated documents (by a hash of the
    /// id), to see overfitting: tune on one, check on the other.
    #[arg(long)]
    split: bool,
    #[command(flatten)]
    output: OutputArgs<TableJson>,
    /// A rated corpus to evaluate beside others (repeatable): each --corpus takes the --ratings
    /// given after it, up to the next --corpus. Prints each set and their union under the
    /// targets' rule (documents rated by at least two analysts; a null tension counts as 3).
    #[arg(long = "corpus", value_name = "CORPUS")]
    corpus_sets: Vec<PathBuf>,
    /// Also per year: each dimension's Spearman beside the analysts' own agreement that year.
    #[arg(long, value_enum, value_name = "year")]
    by: Option<By>,
    /// Random seed of the bootstrap.
    #[arg(long, default_value_t = diplostance::stats::DEFAULT_SEED)]
    seed: u64,
}

/// What `eval --by` breaks the figures down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    /// The year of each document (its date, else `frusYYYY` in its id).
    Year,
}

impl<T: Args + FromArgMatches> Args for Ordered<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        T::augment_args(cmd)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        T::augment_args_for_update(cmd)
    }
}

impl<T: FromArgMatches> FromArgMatches for Ordered<T> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }
    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        // Positions first: reading the options takes their values out of the matches.
        let order = Positions::of(m);
        let args = T::from_arg_matches_mut(m)?;
        Ok(Self { args, order })
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        self.order = Positions::of(m);
        self.args.update_from_arg_matches_mut(m)
    }
}

impl Ordered<EvalArgs> {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        self.args.run(&self.order)
    }
}

/// Where each `--corpus` and each ratings file (a `--ratings` value or, with `--corpus`, a
/// plain argument) stood on the command line.
#[derive(Debug, Default)]
pub(super) struct Positions {
    corpora: Vec<usize>,
    rated: Vec<(usize, PathBuf)>,
}

impl Positions {
    fn of(m: &ArgMatches) -> Self {
        let corpora = m.indices_of("corpus_sets").into_iter().flatten().collect();
        let mut rated: Vec<(usize, PathBuf)> = Vec::new();
        for id in ["ratings", "inputs"] {
            let idx = m.indices_of(id).into_iter().flatten();
            let vals = m.get_many::<PathBuf>(id).into_iter().flatten();
            rated.extend(idx.zip(vals.cloned()));
        }
        rated.sort_by_key(|(at, _)| *at);
        Self { corpora, rated }
    }
}

impl EvalArgs {
    fn run(self, order: &Positions) -> anyhow::Result<ExitCode> {
        if !self.corpus_sets.is_empty() || self.by.is_some() {
            return self.run_sets(order);
        }
        let msg = self.scoring.start()?;
        let ratings = self.layout.read(&self.ratings, &msg)?;
        let (_, scored) = self.scoring.score_corpus("eval", &msg, true)?;
        let unscored = ToolScores::from_doc_scores(scored.iter()).unscored(&ratings);
        if unscored.len() == ratings.documents().len() {
            anyhow::bail!(
                "none of the {} rated documents is in the corpus (rated: {}; read: {}): the \
                 ratings' doc_id values must be the corpus's document ids",
                ratings.documents().len(),
                ratings.documents().first().map_or("", String::as_str),
                scored.first().map_or("", |d| d.id.as_str())
            );
        }
        let run = EvalRun::new(&ratings, &scored, self.seed, self.split);
        for w in &run.evaluation.warnings {
            msg.warning(w);
        }
        self.output.write(&run)?;
        Ok(msg.exit_code())
    }
}

impl EvalArgs {
    /// `eval --corpus A --ratings .. --corpus B --ratings ..` (or one set with `--by year`).
    fn run_sets(self, order: &Positions) -> anyhow::Result<ExitCode> {
        let msg = self.scoring.start()?;
        let pairs = if self.corpus_sets.is_empty() {
            let name = self.scoring.corpus.names().join(" ");
            vec![(
                name,
                self.scoring.corpus.inputs.clone(),
                self.ratings.clone(),
            )]
        } else {
            pair_by_order(&self.corpus_sets, order)?
        };
        let analyzer = self.scoring.lexicon.analyzer("eval")?;
        let loaded = load_sets(&self.scoring, &self.layout, &analyzer, pairs, &msg)?;
        let e = evaluate_sets(&rated_sets(&loaded), self.by == Some(By::Year), self.seed);
        for s in e.sets.iter().filter(|s| s.name != "union") {
            if s.unscored.len() == s.documents {
                anyhow::bail!(
                    "{}: none of its {} rated documents is in the corpus: the ratings' doc_id \
                     values must be the corpus's document ids",
                    s.name,
                    s.documents
                );
            }
        }
        self.output.write(&e)?;
        Ok(msg.exit_code())
    }
}

/// A set's name, its corpus paths and its ratings files.
pub(super) type SetPaths = (String, Vec<PathBuf>, Vec<PathBuf>);

/// A set's name, its ratings and its scored documents.
pub(super) type LoadedSet = (String, Ratings, Vec<DocScore>);

/// Read each set's ratings and corpus and score the corpus.
pub(super) fn load_sets(
    scoring: &ScoringArgs,
    layout: &RatingsArgs,
    analyzer: &Analyzer,
    pairs: Vec<SetPaths>,
    msg: &Messages,
) -> anyhow::Result<Vec<LoadedSet>> {
    let mut loaded = Vec::new();
    for (name, inputs, ratings) in pairs {
        let ratings = layout.read(&ratings, msg)?;
        let mut corpus = scoring.corpus.clone();
        corpus.inputs = inputs;
        let docs = corpus.load(msg)?.docs;
        loaded.push((name, ratings, analyzer.score_all(&docs, false)));
    }
    Ok(loaded)
}

/// The loaded sets as the library takes them.
pub(super) fn rated_sets(loaded: &[LoadedSet]) -> Vec<RatedSet<'_>> {
    loaded
        .iter()
        .map(|(name, ratings, scored)| RatedSet {
            name,
            ratings,
            scored,
        })
        .collect()
}

/// Each `--corpus` with the ratings given after it, up to the next `--corpus`, by their
/// positions on the command line. With `--corpus`, the plain arguments are ratings files too,
/// so that `--ratings dir/*.csv` works as the shell expands it: each belongs to the `--corpus`
/// before it.
pub(super) fn pair_by_order(
    corpora: &[PathBuf],
    order: &Positions,
) -> anyhow::Result<Vec<SetPaths>> {
    anyhow::ensure!(
        order.corpora.len() == corpora.len(),
        "could not pair --corpus with --ratings"
    );
    let mut out: Vec<SetPaths> = corpora
        .iter()
        .map(|c| (c.display().to_string(), vec![c.clone()], Vec::new()))
        .collect();
    for (at, r) in &order.rated {
        let Some(owner) = order.corpora.iter().rposition(|&c| c < *at) else {
            anyhow::bail!(
                "{} comes before any --corpus: with --corpus, give each corpus's ratings after \
                 it (--corpus CORPUS --ratings CSV...)",
                r.display()
            );
        };
        out[owner].2.push(r.clone());
    }
    if let Some((name, _, _)) = out.iter().find(|(_, _, r)| r.is_empty()) {
        anyhow::bail!("--corpus {name} has no --ratings after it");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::super::{Cli, Command};
    use super::*;

    /// The sets of `diplostance eval ARGS`, parsed as a library caller would
    /// (`Cli::try_parse_from`), not from the process's own command line.
    fn sets(args: &[&str]) -> anyhow::Result<Vec<SetPaths>> {
        let cli = Cli::try_parse_from(["diplostance", "eval"].iter().chain(args))?;
        let Command::Eval(eval) = cli.command else {
            anyhow::bail!("not eval");
        };
        pair_by_order(&eval.args.corpus_sets, &eval.order)
    }

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn each_corpus_takes_the_ratings_after_it() {
        let got = sets(&[
            "--corpus",
            "decade",
            "--ratings",
            "a.csv",
            "b.csv",
            "--by",
            "year",
            "--ratings",
            "c.csv",
            "--corpus",
            "seeds",
            "--ratings",
            "d.csv",
            "e.csv",
        ])
        .unwrap();
        let want = vec![
            (
                "decade".to_string(),
                paths(&["decade"]),
                paths(&["a.csv", "b.csv", "c.csv"]),
            ),
            (
                "seeds".to_string(),
                paths(&["seeds"]),
                paths(&["d.csv", "e.csv"]),
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn ratings_before_any_corpus_are_refused() {
        let err = sets(&[
            "--ratings",
            "a.csv",
            "--corpus",
            "seeds",
            "--ratings",
            "b.csv",
        ])
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("a.csv comes before any --corpus"), "{err}");
    }

    #[test]
    fn a_corpus_without_ratings_is_refused() {
        let err = sets(&[
            "--corpus",
            "decade",
            "--corpus",
            "seeds",
            "--ratings",
            "b.csv",
        ])
        .unwrap_err()
        .to_string();
        assert_eq!(err, "--corpus decade has no --ratings after it");
    }
}
