//! The rated corpora that `eval` and `fit-scale` take: `--corpus A --ratings CSV...
//! --corpus B --ratings CSV...`, with the scoring and ratings-layout options, and the pairing
//! of each `--corpus` with the ratings given after it, in one place.

use std::ops::Deref;
use std::path::PathBuf;

use clap::{ArgMatches, Args, FromArgMatches};
use diplostance::agreement::{RatedSet, Ratings};
use diplostance::score::{Analyzer, DocScore};

use super::args::{Messages, RatingsArgs, ScoringArgs};

/// The options of rated corpora, as clap reads them.
#[derive(Debug, Args)]
pub struct RatedCorporaOptions {
    /// Analysts' ratings (CSV, .xlsx or .ods, any layout: see --layout and CODEBOOK.md;
    /// repeatable); with --corpus, those of the --corpus before them.
    #[arg(long, value_name = "CSV", required = true)]
    pub ratings: Vec<PathBuf>,
    #[command(flatten)]
    pub scoring: ScoringArgs,
    #[command(flatten)]
    pub layout: RatingsArgs,
    /// A rated corpus (repeatable): each --corpus takes the --ratings given after it, up to
    /// the next --corpus. eval prints each set and their union under the targets' rule
    /// (documents rated by at least two analysts; a null tension counts as 3); fit-scale fits
    /// on them all.
    #[arg(long = "corpus", value_name = "CORPUS")]
    pub corpus_sets: Vec<PathBuf>,
}

/// Rated corpora: their options, and where on the command line each `--corpus` and each
/// ratings file stood. Clap keeps values per option, so which ratings follow which `--corpus`
/// is read from the matches while they are at hand; a command flattens this struct.
#[derive(Debug)]
pub struct RatedCorporaArgs {
    options: RatedCorporaOptions,
    order: Positions,
}

impl Deref for RatedCorporaArgs {
    type Target = RatedCorporaOptions;
    fn deref(&self) -> &RatedCorporaOptions {
        &self.options
    }
}

impl Args for RatedCorporaArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        RatedCorporaOptions::augment_args(cmd)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        RatedCorporaOptions::augment_args_for_update(cmd)
    }
}

impl FromArgMatches for RatedCorporaArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut m.clone())
    }
    fn from_arg_matches_mut(m: &mut ArgMatches) -> Result<Self, clap::Error> {
        // Positions first: reading the options takes their values out of the matches.
        let order = Positions::of(m);
        let options = RatedCorporaOptions::from_arg_matches_mut(m)?;
        Ok(Self { options, order })
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.update_from_arg_matches_mut(&mut m.clone())
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut ArgMatches) -> Result<(), clap::Error> {
        self.order = Positions::of(m);
        self.options.update_from_arg_matches_mut(m)
    }
}

/// Where each `--corpus` and each ratings file (a `--ratings` value or, with `--corpus`, a
/// plain argument) stood on the command line.
#[derive(Debug, Default)]
struct Positions {
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

/// A set's name, its corpus paths and its ratings files.
pub type SetPaths = (String, Vec<PathBuf>, Vec<PathBuf>);

/// A set's name, its ratings and its scored documents.
pub type LoadedSet = (String, Ratings, Vec<DocScore>);

impl RatedCorporaArgs {
    /// The sets: each `--corpus` with the ratings given after it, or without `--corpus` the
    /// one corpus of the plain arguments with every `--ratings`.
    pub fn sets(&self) -> anyhow::Result<Vec<SetPaths>> {
        if self.corpus_sets.is_empty() {
            let corpus = &self.scoring.corpus;
            return Ok(vec![(
                corpus.names().join(" "),
                corpus.inputs.clone(),
                self.ratings.clone(),
            )]);
        }
        self.pair_by_order()
    }

    /// Each `--corpus` with the ratings given after it, up to the next `--corpus`, by their
    /// positions on the command line. With `--corpus`, the plain arguments are ratings files
    /// too, so that `--ratings dir/*.csv` works as the shell expands it: each belongs to the
    /// `--corpus` before it.
    fn pair_by_order(&self) -> anyhow::Result<Vec<SetPaths>> {
        let order = &self.order;
        anyhow::ensure!(
            order.corpora.len() == self.corpus_sets.len(),
            "could not pair --corpus with --ratings"
        );
        let mut out: Vec<SetPaths> = self
            .corpus_sets
            .iter()
            .map(|c| (c.display().to_string(), vec![c.clone()], Vec::new()))
            .collect();
        for (at, r) in &order.rated {
            let Some(owner) = order.corpora.iter().rposition(|&c| c < *at) else {
                anyhow::bail!(
                    "{} comes before any --corpus: with --corpus, give each corpus's ratings \
                     after it (--corpus CORPUS --ratings CSV...)",
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

    /// Pair the sets, build the analyzer of `command` (one dyad), read each set's ratings and
    /// corpus and score the corpus.
    pub fn score(
        &self,
        command: &str,
        msg: &Messages,
    ) -> anyhow::Result<(Analyzer, Vec<LoadedSet>)> {
        let sets = self.sets()?;
        let analyzer = self.scoring.lexicon.analyzer(command)?;
        let mut loaded = Vec::new();
        for (name, inputs, ratings) in sets {
            let ratings = self.layout.read(&ratings, msg)?;
            let mut corpus = self.scoring.corpus.clone();
            corpus.inputs = inputs;
            let docs = corpus.load(msg)?.docs;
            loaded.push((name, ratings, analyzer.score_all(&docs, false)));
        }
        Ok((analyzer, loaded))
    }
}

/// The loaded sets as the library takes them.
pub fn rated_sets(loaded: &[LoadedSet]) -> Vec<RatedSet<'_>> {
    loaded
        .iter()
        .map(|(name, ratings, scored)| RatedSet {
            name,
            ratings,
            scored,
        })
        .collect()
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
        eval.rated.sets()
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

    /// Ratings before any corpus, and a corpus with no ratings after it, are refused with what
    /// is wrong.
    #[test]
    fn a_bad_pairing_is_refused() {
        for (args, want) in [
            (
                "--ratings a.csv --corpus seeds --ratings b.csv",
                "a.csv comes before any --corpus: with --corpus, give each corpus's ratings \
                 after it (--corpus CORPUS --ratings CSV...)",
            ),
            (
                "--corpus decade --corpus seeds --ratings b.csv",
                "--corpus decade has no --ratings after it",
            ),
        ] {
            let args: Vec<&str> = args.split(' ').collect();
            let err = sets(&args).unwrap_err().to_string();
            assert_eq!(err, want, "{args:?}");
        }
    }
}
