//! `diplostance lexicon`: check a lexicon, see how it is used on a corpus, and convert it
//! from LIWC `.dic`, Lexicoder `.lc3` and quanteda YAML dictionaries, and to `.dic` and YAML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use diplostance::lexicon::{Lexicon, check, lc3, liwc, quanteda, write};
use diplostance::score::usage;

use super::args::{CorpusArgs, Messages, OutputArgs, ScoringArgs, TableJson, emit};

/// Lexicon tools.
#[derive(Debug, Args)]
pub struct LexiconCmd {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// Check a lexicon: syntax, duplicates, conflicts, entries hidden by longer ones, and stems
    /// or prefixes that match words of other meanings (shown with words from a corpus).
    Check {
        /// Lexicon files (default: the built-in lexicon).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Corpus whose words show what each stem and prefix matches (default: the bundled
        /// sample).
        #[arg(long = "corpus", value_name = "CORPUS")]
        corpus: Vec<PathBuf>,
        #[command(flatten)]
        output: OutputArgs<TableJson>,
    },
    /// How a lexicon is used on a corpus: coverage, hits per entry, entries never hit, and the
    /// most frequent unmatched words in sentences naming both sides of the dyad.
    Stats {
        #[command(flatten)]
        scoring: ScoringArgs,
        /// How many unmatched words to list.
        #[arg(long, default_value_t = usage::DEFAULT_TOP)]
        top: usize,
        #[command(flatten)]
        output: OutputArgs<TableJson>,
    },
    /// Convert a LIWC .dic, Lexicoder .lc3 or quanteda YAML dictionary into a diplostance
    /// lexicon (TOML).
    Import {
        /// The dictionary.
        #[arg(value_name = "DICTIONARY")]
        file: PathBuf,
        /// Its format (default: from the extension: .lc3 is Lexicoder, .yml/.yaml quanteda,
        /// anything else LIWC).
        #[arg(long, value_enum)]
        from: Option<DictFormat>,
        /// Map a dictionary category to a dimension, e.g. `--map anger=hostility`
        /// (repeatable); categories named like a dimension map to it.
        #[arg(long = "map", value_name = "CATEGORY=DIMENSION")]
        map: Vec<String>,
        /// Write the lexicon here (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write a lexicon as a LIWC .dic or quanteda YAML dictionary.
    Export {
        /// Lexicon files (default: the built-in lexicon).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Target format.
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// Write here (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DictFormat {
    /// LIWC .dic
    Liwc,
    /// quanteda YAML
    Quanteda,
    /// Lexicoder .lc3
    Lc3,
}

/// The formats a lexicon can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// LIWC .dic
    Liwc,
    /// quanteda YAML
    Quanteda,
}

fn lexicon_of(files: &[PathBuf]) -> anyhow::Result<Lexicon> {
    if files.is_empty() {
        Ok(Lexicon::builtin()?)
    } else {
        Ok(Lexicon::load(files)?)
    }
}

impl LexiconCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.what {
            What::Check {
                files,
                corpus,
                output,
            } => {
                let msg = Messages::new(false);
                let lex = if files.is_empty() {
                    Lexicon::builtin()?
                } else {
                    Lexicon::load_for_check(&files)?
                };
                let c = CorpusArgs {
                    inputs: corpus,
                    lossy: false,
                    max_doc_bytes: diplostance::corpus::decode::DEFAULT_MAX_DOC_BYTES,
                };
                let loaded = c.load(&msg)?;
                let words = check::word_counts(loaded.docs.iter());
                let report = check::check(&lex, Some(&words));
                output.write(&report)?;
                if report.has_errors() {
                    return Ok(ExitCode::from(1));
                }
                Ok(msg.exit_code())
            }
            What::Stats {
                scoring,
                top,
                output,
            } => {
                let msg = scoring.start()?;
                let analyzer = scoring.lexicon.analyzer("lexicon stats")?;
                let loaded = scoring.corpus.load(&msg)?;
                let report =
                    usage::usage_with(&analyzer, &loaded.docs, &usage::UsageOptions { top });
                output.write(&report)?;
                Ok(msg.exit_code())
            }
            What::Import {
                file,
                from,
                map,
                out,
            } => {
                let msg = Messages::new(false);
                super::args::refuse_input_as_output(out.as_deref(), std::slice::from_ref(&file))?;
                let bytes = std::fs::read(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let map = liwc::CategoryMap::from_specs(&map).map_err(anyhow::Error::msg)?;
                let kind = from.unwrap_or_else(|| guess_format(&file));
                let imported = match kind {
                    DictFormat::Liwc => liwc::import_dic(&bytes, &file, &map)?,
                    DictFormat::Quanteda => quanteda::import_yaml(&bytes, &file, &map)?,
                    DictFormat::Lc3 => lc3::import_lc3(&bytes, &file, &map)?,
                };
                for w in &imported.warnings {
                    msg.warning(w);
                }
                emit(out.as_deref(), &write::to_toml_string(&imported.lexicon))?;
                Ok(msg.exit_code())
            }
            What::Export { files, to, out } => {
                let msg = Messages::new(false);
                super::args::refuse_input_as_output(out.as_deref(), &files)?;
                let lex = lexicon_of(&files)?;
                let exported = match to {
                    ExportFormat::Liwc => liwc::export_dic(&lex),
                    ExportFormat::Quanteda => quanteda::export_yaml(&lex),
                };
                for w in &exported.warnings {
                    msg.warning(w);
                }
                emit(out.as_deref(), &exported.text)?;
                Ok(msg.exit_code())
            }
        }
    }
}

fn guess_format(p: &Path) -> DictFormat {
    match p.extension().and_then(|e| e.to_str()) {
        Some("yml" | "yaml") => DictFormat::Quanteda,
        Some(e) if e.eq_ignore_ascii_case("lc3") => DictFormat::Lc3,
        _ => DictFormat::Liwc,
    }
}
