//! `lexicon check`: lints that find entries which never count, count twice, or count for the
//! wrong reason.
//!
//! The parser already rejects what cannot be read (syntax, bad weights); this module looks at
//! what parses but misbehaves. The scorer compiles every term to a path of *word patterns* (a
//! Snowball stem, an exact word, or a prefix: [`super::pattern`]) and, when two entries compile
//! to the same path,
//! the first one wins silently: so duplicates and conflicts are judged on those patterns, not on
//! the spelling. With a corpus ([`WordCounts`]), stem and prefix entries are shown with the
//! words they actually match, which is how a stem shared by words of different meaning ("host"
//! of hostile, hostage and hostess) is caught.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pattern::{EntryView, Pattern, Role, entry_views};
use super::{Lexicon, MatchMode};
use crate::corpus::Document;
use crate::location::Location;
use crate::text::{Stemmer, TokenKind, normalize_into, stemmer, tokenize};

/// How serious a lint is. Errors make `lexicon check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The entry is wrong: it never counts, or counts for another dimension than written.
    Error,
    /// Probably wrong: worth a look.
    Warning,
    /// Information for the editor.
    Note,
}

impl Severity {
    /// The name shown in output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a lint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LintKind {
    /// The same term twice in the same list.
    Duplicate,
    /// Two spellings with the same stem in the same list: the later one never counts.
    SameStem,
    /// The same term (or stem) in two dimensions.
    DimensionConflict,
    /// The same term (or stem) as a cue and a modifier, or in two modifier lists.
    ModifierConflict,
    /// Different entries that match some of the same words.
    Overlap,
    /// A term inside a longer entry: there it counts as the longer entry.
    Shadowed,
    /// A term that cannot match as written.
    NeverMatches,
    /// A prefix so short that it matches unrelated words.
    PrefixTooShort,
    /// A term made only of stop words.
    StopWordsOnly,
    /// A stem or prefix that matches words of different meaning.
    OverMatch,
    /// The corpus words a stem or prefix entry matches.
    Matches,
}

/// A word of a corpus and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordCount {
    /// The normal form (lower-cased, see [`crate::text::normalize_into`]).
    pub word: String,
    /// Occurrences.
    pub count: u64,
}

/// One finding about one entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lint {
    /// How serious.
    pub severity: Severity,
    /// What kind.
    pub kind: LintKind,
    /// The term as written in the lexicon (a prefix with its `*`).
    pub term: String,
    /// What the entry is: `hostility cue`, `negator`...
    pub entry: String,
    /// Where the entry is defined: `file:line:col`.
    pub location: String,
    /// The same, structured.
    #[serde(skip)]
    pub origin: Location,
    /// What is wrong and what to do.
    pub message: String,
    /// Example corpus words, most frequent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordCount>,
}

/// The result of [`check`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// Entries checked (cues and modifiers).
    pub entries: usize,
    /// Distinct words of the corpus, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus_words: Option<usize>,
    /// Every lint, errors first, then by file position.
    pub lints: Vec<Lint>,
}

impl CheckReport {
    /// True when any lint is an error (the command should exit non-zero).
    pub fn has_errors(&self) -> bool {
        self.lints.iter().any(|l| l.severity == Severity::Error)
    }

    /// How many lints of a severity.
    pub fn count(&self, s: Severity) -> usize {
        self.lints.iter().filter(|l| l.severity == s).count()
    }
}

/// Word counts of a corpus, by normal form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WordCounts {
    /// Normal form -> occurrences (ordered, so outputs are stable).
    pub words: BTreeMap<String, u64>,
    /// Word tokens counted.
    pub tokens: u64,
}

/// Count the words of documents by their normal form, as the scorer sees them.
pub fn word_counts<'a>(docs: impl Iterator<Item = &'a Document>) -> WordCounts {
    let mut wc = WordCounts::default();
    let mut buf = String::new();
    for d in docs {
        let t = tokenize(&d.text);
        for tok in t.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            normalize_into(&d.text, tok, &mut buf);
            wc.tokens += 1;
            match wc.words.get_mut(buf.as_str()) {
                Some(n) => *n += 1,
                None => {
                    wc.words.insert(buf.clone(), 1);
                }
            }
        }
    }
    wc
}

/// Prefixes shorter than this many characters match too many unrelated words.
pub const MIN_PREFIX: usize = 4;
/// A prefix that matches more distinct corpus words than this is flagged.
pub const MAX_PREFIX_WORDS: usize = 5;
/// Example words shown per lint.
const MAX_EXAMPLES: usize = 8;
/// Longer entries named per shadowing note.
const MAX_SHADOW_EXAMPLES: usize = 4;

/// Families of words that share a beginning (and often a stem) but not a meaning: one group a
/// line, families separated by `|`. An entry whose matched corpus words fall in two or more
/// families of one group over-matches.
const FALSE_FRIENDS: &str = "
    host hosts hosted hosting | hostile hostility hostilities hostilely | hostage hostages | hostess hostesses | hostel hostels
    war wars warfare warlike warship warships | ward wards warden | warm warmly warmth warmer | warn warned warning warnings warns | warrant warranted warrants | warsaw
    arm arms armed arming armament armaments | army armies | armistice | armour armor armored armoured
    protest protests protested protesting | protestant protestants
    relation relations relationship | relative relatively
    organ organs | organization organizations organize organized
    incident incidents | incidental incidentally
    attack attacks attacked attacking | attach attached attache attaché attachment
    fire fired firing fires | firm firmly firmness firms | first
    mine mines mined | minister ministers ministry ministries | minor minority
    press pressed | pressure pressures
    offensive offensives | offense offence offended offend | offer offered offers | office offices officer officers official officials
    execution executions executed | executive executives
    party parties | part parts partly | partial partially
    accord accords accorded | according accordingly | accordance
    severe severely severity | several | sever severed severance
    report reports reported reporting reporter reporters | reportedly
    consider considered considering consideration considerations | considerable considerably
    definite definitely | definition definitions
    substantial substantially | substantiate substantiated
    hard harder | hardly
    particular particulars | particularly
    increase increased increases increasing | increasingly
    occupation occupations occupied | occupancy
    detente détente | detention detentions
";

/// The false-friend families (group, family) the matched words fall into.
fn families(words: &[WordCount]) -> BTreeMap<usize, Vec<usize>> {
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (g, group) in FALSE_FRIENDS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        for (f, fam) in group.split('|').enumerate() {
            if words
                .iter()
                .any(|w| fam.split_whitespace().any(|x| x == w.word))
            {
                let v = out.entry(g).or_default();
                if !v.contains(&f) {
                    v.push(f);
                }
            }
        }
    }
    out
}

/// A small English stop-word list (whitespace-separated): function words that carry no stance
/// alone.
pub const STOP_WORDS: &str = "
    a about above after again against all also am an and any are as at be because been before
    being below between both by can could did do does doing down during each either etc ever every
    few for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just last made make many may me might more most much must my myself now
    of off on once one only or other others our ours ourselves out over own same shall she should
    since so some such than that the their theirs them themselves then there these they this those
    through thus to too two under until up upon us very was we were what when where whether which
    while who whom whose why will with within would yet you your yours yourself mr mrs sir per viz
    i.e. e.g. p.m. a.m.
";

/// True for a stop word (normal form).
pub fn is_stop_word(w: &str) -> bool {
    STOP_WORDS.split_ascii_whitespace().any(|s| s == w)
}

struct Builder<'a> {
    views: &'a [EntryView],
    lints: Vec<Lint>,
}

impl Builder<'_> {
    fn push(
        &mut self,
        i: usize,
        severity: Severity,
        kind: LintKind,
        message: String,
        words: Vec<WordCount>,
    ) {
        let v = &self.views[i];
        self.lints.push(Lint {
            severity,
            kind,
            term: v.display(),
            entry: v.role.label(),
            location: v.origin.to_string(),
            origin: v.origin.clone(),
            message,
            words,
        });
    }
}

/// Lint a lexicon; with corpus word counts, also show what each stem and prefix matches.
pub fn check(lex: &Lexicon, corpus_words: Option<&WordCounts>) -> CheckReport {
    let stemmer = stemmer();
    let views = entry_views(lex, &stemmer);
    let mut b = Builder {
        views: &views,
        lints: Vec::new(),
    };
    duplicates_and_conflicts(&mut b);
    overlaps(&mut b);
    shadowed(&mut b);
    never_matches(&mut b);
    if let Some(wc) = corpus_words {
        over_matches(&mut b, wc, &stemmer);
    }
    let mut lints = b.lints;
    lints.sort_by(|x, y| {
        (
            x.severity,
            &x.origin.path,
            x.origin.line,
            x.origin.column,
            x.kind,
        )
            .cmp(&(
                y.severity,
                &y.origin.path,
                y.origin.line,
                y.origin.column,
                y.kind,
            ))
    });
    CheckReport {
        entries: views.len(),
        corpus_words: corpus_words.map(|w| w.words.len()),
        lints,
    }
}

/// Entries that compile to the same word patterns: only the first one ever counts.
fn duplicates_and_conflicts(b: &mut Builder) {
    let views = b.views;
    let mut groups: BTreeMap<&[Pattern], Vec<usize>> = BTreeMap::new();
    for (i, v) in views.iter().enumerate() {
        if !v.key.is_empty() {
            groups.entry(&v.key).or_default().push(i);
        }
    }
    for idx in groups.values() {
        let first = idx[0];
        let f = &views[first];
        for &j in &idx[1..] {
            let v = &views[j];
            let same_text = v.term.to_lowercase() == f.term.to_lowercase() && v.mode == f.mode;
            let both_cues = matches!((f.role, v.role), (Role::Cue(_), Role::Cue(_)));
            let what = format!("\"{}\" ({}, {})", f.display(), f.role.label(), f.origin);
            if v.role.same_list(f.role) {
                if same_text {
                    b.push(
                        j,
                        Severity::Error,
                        LintKind::Duplicate,
                        format!("duplicate of {what}: only the first counts; delete this one"),
                        vec![],
                    );
                } else {
                    let weights = if both_cues && v.weight != f.weight {
                        format!(
                            "; its weight {} is ignored and {} applies",
                            v.weight, f.weight
                        )
                    } else {
                        String::new()
                    };
                    b.push(
                        j,
                        Severity::Warning,
                        LintKind::SameStem,
                        format!(
                            "same stem ({}) as {what}, which comes first: this entry never \
                             counts{weights}; delete one, or give one match = \"exact\"",
                            key_text(&v.key)
                        ),
                        vec![],
                    );
                }
            } else {
                let kind = if both_cues {
                    LintKind::DimensionConflict
                } else {
                    LintKind::ModifierConflict
                };
                b.push(
                    j,
                    Severity::Error,
                    kind,
                    format!(
                        "also {what}: the words it matches count only as the first; keep one \
                         of the two"
                    ),
                    vec![],
                );
            }
        }
    }
}

fn key_text(key: &[Pattern]) -> String {
    key.iter()
        .map(|(m, w)| match m {
            MatchMode::Prefix => format!("{w}*"),
            _ => w.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when some word satisfies both one-word patterns.
fn patterns_overlap(a: &Pattern, b: &Pattern, stemmer: &Stemmer) -> bool {
    use MatchMode::*;
    match (a.0, b.0) {
        (Exact, Exact) | (Stem, Stem) => a.1 == b.1,
        (Exact, Stem) => stemmer.stem(&a.1) == b.1,
        (Stem, Exact) => stemmer.stem(&b.1) == a.1,
        (Exact, Prefix) => a.1.starts_with(b.1.as_str()),
        (Prefix, Exact) => b.1.starts_with(a.1.as_str()),
        (Stem, Prefix) => a.1.starts_with(b.1.as_str()),
        (Prefix, Stem) => b.1.starts_with(a.1.as_str()),
        (Prefix, Prefix) => a.1.starts_with(b.1.as_str()) || b.1.starts_with(a.1.as_str()),
    }
}

/// One-word entries of different lists whose patterns differ but match some of the same words:
/// which one counts on such a word depends on the matcher's tie-breaking, not on the editor.
fn overlaps(b: &mut Builder) {
    let stemmer = stemmer();
    let views = b.views;
    for j in 0..views.len() {
        let v = &views[j];
        if v.key.len() != 1 {
            continue;
        }
        for f in &views[..j] {
            if f.key.len() != 1 || f.key == v.key || f.role.same_list(v.role) {
                continue;
            }
            if patterns_overlap(&f.key[0], &v.key[0], &stemmer) {
                let what = format!("\"{}\" ({}, {})", f.display(), f.role.label(), f.origin);
                b.push(
                    j,
                    Severity::Warning,
                    LintKind::Overlap,
                    format!(
                        "matches some of the same words as {what}; a word both match counts \
                         once, for one of them: make one of the two exact"
                    ),
                    vec![],
                );
            }
        }
    }
}

/// Entries whose patterns occur inside a longer entry: inside it they count as the longer one.
fn shadowed(b: &mut Builder) {
    let views = b.views;
    for (i, v) in views.iter().enumerate() {
        let n = v.key.len();
        if n == 0 {
            continue;
        }
        let longer: Vec<&EntryView> = views
            .iter()
            .filter(|w| w.key.len() > n && w.key.windows(n).any(|win| win == v.key.as_slice()))
            .collect();
        if longer.is_empty() {
            continue;
        }
        let mut names: Vec<String> = longer
            .iter()
            .take(MAX_SHADOW_EXAMPLES)
            .map(|w| format!("`{}`", w.display()))
            .collect();
        if longer.len() > MAX_SHADOW_EXAMPLES {
            names.push(format!("{} more", longer.len() - MAX_SHADOW_EXAMPLES));
        }
        let as_what = if longer
            .iter()
            .all(|w| matches!(w.role, Role::Cue(_)) == matches!(v.role, Role::Cue(_)))
        {
            "as the longer entry"
        } else {
            "as the longer entry, not as this one"
        };
        b.push(
            i,
            Severity::Note,
            LintKind::Shadowed,
            format!("matches inside {} count once, {as_what}", names.join(", ")),
            vec![],
        );
    }
}

/// Terms the scorer can never match as written, or that match almost everywhere.
fn never_matches(b: &mut Builder) {
    let views = b.views;
    for (i, v) in views.iter().enumerate() {
        let t = tokenize(&v.term);
        let toks = &t.tokens;
        if toks.iter().any(|t| t.kind == TokenKind::Number) {
            b.push(
                i,
                Severity::Error,
                LintKind::NeverMatches,
                "contains a number, and numbers are never matched: write the words only".into(),
                vec![],
            );
            continue;
        }
        let first = toks.iter().position(|t| t.is_lexical());
        let last = toks.iter().rposition(|t| t.is_lexical());
        if let (Some(a), Some(z)) = (first, last)
            && toks[a..=z].iter().any(|t| !t.is_lexical())
        {
            b.push(
                i,
                Severity::Warning,
                LintKind::NeverMatches,
                "punctuation between its words is ignored when compiled, but a multi-word term \
                 never matches across punctuation in a text: remove the punctuation"
                    .into(),
                vec![],
            );
        }
        if t.sentences.len() > 1 {
            b.push(
                i,
                Severity::Error,
                LintKind::NeverMatches,
                "the term spans a sentence boundary, and matches never do".into(),
                vec![],
            );
        }
        if v.mode == MatchMode::Prefix {
            let last = v.key.last().map_or(0, |p| p.1.chars().count());
            if last < MIN_PREFIX {
                b.push(
                    i,
                    Severity::Warning,
                    LintKind::PrefixTooShort,
                    format!(
                        "prefix too short ({last} letters; at least {MIN_PREFIX}): it matches \
                         unrelated words"
                    ),
                    vec![],
                );
            }
        }
        if matches!(v.role, Role::Cue(_)) {
            let mut buf = String::new();
            let all_stop = toks.iter().filter(|t| t.is_lexical()).all(|tok| {
                normalize_into(&v.term, tok, &mut buf);
                is_stop_word(&buf)
            });
            if all_stop {
                b.push(
                    i,
                    Severity::Warning,
                    LintKind::StopWordsOnly,
                    "only stop words: it matches in almost every sentence; make it longer".into(),
                    vec![],
                );
            }
        }
    }
}

/// For stem and prefix entries, the corpus words they match.
fn over_matches(b: &mut Builder, wc: &WordCounts, stemmer: &Stemmer) {
    let mut by_stem: BTreeMap<String, Vec<(&str, u64)>> = BTreeMap::new();
    for (w, &n) in &wc.words {
        by_stem
            .entry(stemmer.stem(w).into_owned())
            .or_default()
            .push((w.as_str(), n));
    }
    let views = b.views;
    for (i, v) in views.iter().enumerate() {
        // one-word stem entries, and the last word of prefix entries
        let pat = match (v.mode, v.key.as_slice()) {
            (MatchMode::Stem, [p]) => p,
            (MatchMode::Prefix, [.., p]) => p,
            _ => continue,
        };
        let mut words: Vec<WordCount> = match pat.0 {
            MatchMode::Stem => by_stem
                .get(&pat.1)
                .map(|ws| {
                    ws.iter()
                        .map(|(w, n)| WordCount {
                            word: (*w).to_string(),
                            count: *n,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            MatchMode::Prefix => wc
                .words
                .range(pat.1.clone()..)
                .take_while(|(w, _)| w.starts_with(pat.1.as_str()))
                .map(|(w, n)| WordCount {
                    word: w.clone(),
                    count: *n,
                })
                .collect(),
            MatchMode::Exact => continue,
        };
        if words.len() < 2 {
            continue;
        }
        words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
        let fams = families(&words);
        let distinct = words.len();
        let listed = |ws: &[WordCount]| {
            ws.iter()
                .take(MAX_EXAMPLES)
                .map(|w| format!("{} ({})", w.word, w.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let examples: Vec<WordCount> = words.iter().take(MAX_EXAMPLES).cloned().collect();
        if fams.values().any(|f| f.len() >= 2) {
            b.push(
                i,
                Severity::Warning,
                LintKind::OverMatch,
                format!(
                    "over-matches: words of different meaning share this {}: {}; list the \
                     wanted words instead",
                    if v.mode == MatchMode::Prefix {
                        "prefix"
                    } else {
                        "stem"
                    },
                    listed(&words)
                ),
                examples,
            );
        } else if v.mode == MatchMode::Prefix && distinct > MAX_PREFIX_WORDS {
            b.push(
                i,
                Severity::Warning,
                LintKind::OverMatch,
                format!(
                    "prefix matches {distinct} distinct words (more than {MAX_PREFIX_WORDS}): \
                     {}; check they share one meaning",
                    listed(&words)
                ),
                examples,
            );
        } else {
            b.push(
                i,
                Severity::Note,
                LintKind::Matches,
                format!("matches {distinct} words: {}", listed(&words)),
                examples,
            );
        }
    }
}

/// The report as text: one line per lint (`file:line:col: severity: term (entry): message`),
/// then a summary line.
pub fn render_check(r: &CheckReport) -> String {
    let mut out = String::new();
    for l in &r.lints {
        let loc = if l.location.is_empty() {
            String::new()
        } else {
            format!("{}: ", l.location)
        };
        out.push_str(&format!(
            "{loc}{}: \"{}\" ({}): {}\n",
            l.severity.name(),
            l.term,
            l.entry,
            l.message
        ));
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}, {}, {} in {}",
        plural(r.count(Severity::Error), "error"),
        plural(r.count(Severity::Warning), "warning"),
        plural(r.count(Severity::Note), "note"),
        plural(r.entries, "entry").replace("entrys", "entries"),
    ));
    if let Some(n) = r.corpus_words {
        out.push_str(&format!(" (corpus: {n} distinct words)"));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lex(text: &str) -> Lexicon {
        Lexicon::from_toml_str(text, Path::new("t.toml")).unwrap()
    }

    fn kinds(r: &CheckReport, term: &str) -> Vec<(Severity, LintKind)> {
        r.lints
            .iter()
            .filter(|l| l.term == term)
            .map(|l| (l.severity, l.kind))
            .collect()
    }

    #[test]
    fn duplicates_same_stem_and_conflicts() {
        let l = lex(
            "negators = [{ term = \"clash\" }, { term = \"not\" }]\nhedges = [{ term = \"not\" }]\n[hostility]\ncues = [\n { term = \"clash\", weight = 2.0 },\n { term = \"Clash\", weight = 1.0 },\n { term = \"fighting\", weight = 2.5 },\n { term = \"fight\", weight = 1.5 },\n]\n[rapprochement]\ncues = [{ term = \"clashes\", weight = 1.0 }]\n",
        );
        let r = check(&l, None);
        assert!(r.has_errors());
        let clash = kinds(&r, "Clash");
        assert_eq!(clash, vec![(Severity::Error, LintKind::Duplicate)]);
        let d = r.lints.iter().find(|l| l.term == "Clash").unwrap();
        assert_eq!(d.location, "t.toml:6:11");
        assert!(d.message.contains("t.toml:5:11"), "{}", d.message);
        assert_eq!(
            kinds(&r, "fight"),
            vec![(Severity::Warning, LintKind::SameStem)]
        );
        let f = r.lints.iter().find(|l| l.term == "fight").unwrap();
        assert!(f.message.contains("weight 1.5 is ignored and 2.5 applies"));
        assert!(kinds(&r, "clashes").contains(&(Severity::Error, LintKind::DimensionConflict)));
        assert!(kinds(&r, "not").contains(&(Severity::Error, LintKind::ModifierConflict)));
        let clash_neg = r
            .lints
            .iter()
            .filter(|l| l.term == "clash" && l.entry == "negator")
            .count();
        assert_eq!(clash_neg, 1);
    }

    #[test]
    fn shadowing_short_prefixes_and_numbers() {
        let l = lex(
            "[hostility]\ncues = [\n { term = \"incident\", weight = 1.5 },\n { term = \"border incident\", weight = 2.5 },\n { term = \"war*\", weight = 1.0 },\n { term = \"article 3\", weight = 1.0 },\n { term = \"of the\", weight = 1.0 },\n { term = \"well, then\", weight = 1.0 },\n]\n",
        );
        let r = check(&l, None);
        let inc = r.lints.iter().find(|l| l.term == "incident").unwrap();
        assert_eq!(inc.kind, LintKind::Shadowed);
        assert!(inc.message.contains("`border incident`"), "{}", inc.message);
        assert_eq!(
            kinds(&r, "war*"),
            vec![(Severity::Warning, LintKind::PrefixTooShort)]
        );
        assert_eq!(
            kinds(&r, "article 3"),
            vec![(Severity::Error, LintKind::NeverMatches)]
        );
        assert_eq!(
            kinds(&r, "of the"),
            vec![(Severity::Warning, LintKind::StopWordsOnly)]
        );
        assert_eq!(
            kinds(&r, "well, then"),
            vec![(Severity::Warning, LintKind::NeverMatches)]
        );
    }

    #[test]
    fn host_prefix_over_matches() {
        let l = lex(
            "[hostility]\ncues = [{ term = \"host*\", weight = 2.0 }, { term = \"incident\", weight = 1.0 }]\n",
        );
        let docs = [Document::new(
            "x",
            "Hostile troops took a hostage. The host and the hostess left. Hostile acts. \
             Two incidents and one incident.",
        )];
        let wc = word_counts(docs.iter());
        assert_eq!(wc.words.get("hostile"), Some(&2));
        let r = check(&l, Some(&wc));
        let host = r.lints.iter().find(|l| l.term == "host*").unwrap();
        assert_eq!(
            (host.severity, host.kind),
            (Severity::Warning, LintKind::OverMatch)
        );
        assert_eq!(host.words[0].word, "hostile");
        assert_eq!(host.words[0].count, 2);
        assert!(host.words.iter().any(|w| w.word == "hostage"));
        let inc = r.lints.iter().find(|l| l.term == "incident").unwrap();
        assert_eq!(
            (inc.severity, inc.kind),
            (Severity::Note, LintKind::Matches)
        );
        assert!(
            inc.message.contains("incident (1), incidents (1)"),
            "{}",
            inc.message
        );
        let text = render_check(&r);
        assert!(
            text.contains("t.toml:2:18: warning: \"host*\" (hostility cue): over-matches"),
            "{text}"
        );
        assert!(text.ends_with("(corpus: 15 distinct words)\n"), "{text}");
    }
}
