//! `diplostance kwic`: keyword in context for any word, prefix or phrase.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use diplostance::output::csv::Table;
use diplostance::plural::count;
use diplostance::score::kwic::{self, DEFAULT_WINDOW, KwicLine, Pattern};

use super::args::{CorpusArgs, Messages, emit};

/// Every occurrence of a word, prefix or phrase, with the words around it.
#[derive(Debug, Args)]
pub struct KwicCmd {
    /// What to look for: a word (`war`, matched by its stem as in a lexicon), a prefix (`host*`)
    /// or a phrase (`border incident`, `non-aggression pact*`).
    #[arg(value_name = "PATTERN")]
    pattern: String,
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Words shown either side of each match.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_WINDOW)]
    window: usize,
    /// Match words as written (case-insensitive) instead of by their stem.
    #[arg(long)]
    exact: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Table)]
    format: KwicFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// The formats of `kwic`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KwicFormat {
    /// Aligned columns: the match in the middle.
    Table,
    /// CSV with a header row: doc, sentence, start, end, pre, keyword, post.
    Csv,
    /// One JSON object per line, with the same fields.
    Jsonl,
}

impl KwicCmd {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let msg = Messages::new(self.quiet);
        let pattern = Pattern::new(&self.pattern, self.exact)?;
        let loaded = self.corpus.load(&msg)?;
        let lines = kwic::kwic(&pattern, &loaded.docs, self.window);
        let text = match self.format {
            KwicFormat::Table => render_table(&lines),
            KwicFormat::Csv => render_csv(&lines),
            KwicFormat::Jsonl => {
                let mut s = String::new();
                for l in &lines {
                    s.push_str(&serde_json::to_string(l)?);
                    s.push('\n');
                }
                s
            }
        };
        emit(self.out.as_deref(), &text)?;
        let docs = lines
            .iter()
            .map(|l| l.doc.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        msg.note(&format!(
            "{} of \"{}\" ({} match) in {} of {}",
            match lines.len() {
                1 => "1 match".to_string(),
                n => format!("{n} matches"),
            },
            self.pattern,
            pattern.mode().name(),
            docs,
            count(loaded.docs.len(), "document"),
        ));
        Ok(msg.exit_code())
    }
}

/// CSV through the one writer (document text neutralised, as in every CSV of the tool).
fn render_csv(lines: &[KwicLine]) -> String {
    let mut t = Table::new(["doc", "sentence", "start", "end", "pre", "keyword", "post"]);
    for l in lines {
        t.row([
            l.doc.as_str(),
            &l.sentence.to_string(),
            &l.start.to_string(),
            &l.end.to_string(),
            &l.pre,
            &l.keyword,
            &l.post,
        ]);
    }
    t.finish()
}

/// The last `n` characters of `s`, or all of it.
fn last_chars(s: &str, n: usize) -> &str {
    let skip = s.chars().count().saturating_sub(n);
    s.char_indices().nth(skip).map_or("", |(i, _)| &s[i..])
}

fn render_table(lines: &[KwicLine]) -> String {
    const SIDE: usize = 50;
    let mut s = String::new();
    for l in lines {
        let doc: String = l.doc.chars().filter(|c| !c.is_control()).collect();
        let pre = last_chars(&l.pre, SIDE);
        let post: String = l.post.chars().take(SIDE).collect();
        s.push_str(&format!(
            "{doc} s{} [{}..{}]  {pre:>SIDE$} | {} | {post}\n",
            l.sentence, l.start, l.end, l.keyword
        ));
    }
    s
}
