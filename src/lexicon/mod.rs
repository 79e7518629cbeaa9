//! Lexicons of cues, modifiers, actors and events.
//!
//! The editable TOML files in `lexicons/` are the source of truth. The default lexicon is those
//! same files compiled in with `include_str!` and parsed by the same fallible parser, so the
//! binary works alone and a broken shipped lexicon fails a unit test, never a user.
//!
//! A lexicon file may hold any of: cue tables (`[hostility]`, `[rapprochement]`,
//! `[uncertainty]`), modifier lists (`negators`, `reversers`, `intensifiers`, `diminishers`,
//! `contrast`, `hedges`, `reporting`), actors (`[[actor]]`) and names that are no actor
//! (`not_actors`). `--lexicon FILE` (repeatable) replaces the default: the cues of the given
//! files replace the default cues; modifiers and actors are replaced only if the given files
//! define some, so a user can bring a cue list alone and keep the default negation and actor
//! handling.

pub mod check;
pub mod lc3;
pub mod liwc;
mod parse;
pub mod pattern;
pub mod quanteda;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::dimension::Dimension;
use crate::location::Location;

/// A lexicon file is invalid.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", crate::location::located(location, message))]
pub struct LexiconError {
    /// File, line and column.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

/// How the words of a term match the words of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// Every word by its Snowball stem: `incident` matches `incidents`.
    Stem,
    /// Every word as written (case-insensitive).
    Exact,
    /// Earlier words by stem, the last word as a prefix: `provocat*`.
    Prefix,
}

impl MatchMode {
    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            MatchMode::Stem => "stem",
            MatchMode::Exact => "exact",
            MatchMode::Prefix => "prefix",
        }
    }
}

/// One cue: a term that feeds one dimension with a weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    /// The term as written in the lexicon (without a trailing `*`).
    pub term: String,
    /// The dimension it feeds.
    pub dimension: Dimension,
    /// Its weight before modifiers.
    pub weight: f64,
    /// How it matches.
    pub mode: MatchMode,
    /// What the cue presupposes in another dimension: "cessation of hostilities" presupposes
    /// hostilities, and says so even when negated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presupposes: Option<Presupposition>,
    /// For hostility cues: the point of the codebook's tension scale that a conflict of this
    /// kind stands for (5 strained, 7 incidents and threats, 8 fighting, 10 war). Tension
    /// moves toward the weighted mean level of a document's hostility; `None` means
    /// [`crate::score::DEFAULT_LEVEL`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// For rapprochement cues: an alignment (an agreement, pact, alliance or aid) that, made by
    /// one side of the dyad with a third party (or with its own ally), is directed against the
    /// other side: "a secret agreement between Japan and Germany" is hostility toward the
    /// Soviet Union, not Soviet-Japanese rapprochement.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub alignment: bool,
    /// A note for lexicon editors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it is defined.
    #[serde(skip)]
    pub origin: Location,
}

/// What a cue presupposes in another dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Presupposition {
    /// The dimension presupposed.
    pub dimension: Dimension,
    /// The weight of the presupposed hit, before the modifiers that carry over.
    pub weight: f64,
    /// For presupposed hostility, its level (see [`Cue::level`]): a truce presupposes
    /// fighting (8), a settlement of disputes only disputes (the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
}

/// The kinds of modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModifierClass {
    /// Turns around the cues that follow in its clause.
    Negator,
    /// Says that what a nearby cue names is ending or avoided.
    Reverser,
    /// Scales up the next cue.
    Intensifier,
    /// Scales down the next cue.
    Diminisher,
    /// "but", "however": shifts weight to what follows.
    Contrast,
    /// "although", "despite": the clause it opens is conceded.
    Concessive,
    /// An evidential or modal: uncertainty of its own, damps its sentence.
    Hedge,
    /// A reporting verb: the sentence states someone else's view.
    Reporting,
}

impl ModifierClass {
    /// The list name in lexicon files.
    pub fn list_name(self) -> &'static str {
        match self {
            ModifierClass::Negator => "negators",
            ModifierClass::Reverser => "reversers",
            ModifierClass::Intensifier => "intensifiers",
            ModifierClass::Diminisher => "diminishers",
            ModifierClass::Contrast | ModifierClass::Concessive => "contrast",
            ModifierClass::Hedge => "hedges",
            ModifierClass::Reporting => "reporting",
        }
    }
}

/// One modifier entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModifierEntry {
    /// The term as written.
    pub term: String,
    /// What it does.
    pub class: ModifierClass,
    /// The factor it applies (intensity, hedge damping, attribution), 1 when not relevant.
    pub factor: f64,
    /// Its own uncertainty weight (hedges, denials), 0 when none.
    pub weight: f64,
    /// How it matches.
    pub mode: MatchMode,
    /// A note for lexicon editors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it is defined.
    #[serde(skip)]
    pub origin: Location,
}

/// An actor and the words that name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Stable id, e.g. `soviet_union`.
    pub id: String,
    /// Display name, e.g. `Soviet Union`.
    pub name: String,
    /// The actor whose side this one is on in a dyad (Manchukuo on Japan's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// Names and words that refer to it.
    pub aliases: Vec<String>,
    /// Where it is defined.
    #[serde(skip)]
    pub origin: Location,
}

/// Most actors a lexicon may define (actor sets are bit masks on the hot path).
pub const MAX_ACTORS: usize = 64;

/// A whole lexicon: cues, modifiers and actors.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Lexicon {
    /// Every cue, in file order.
    pub cues: Vec<Cue>,
    /// Every modifier, in file order.
    pub modifiers: Vec<ModifierEntry>,
    /// Every actor, in file order.
    pub actors: Vec<Actor>,
    /// Proper names that contain an actor's word but name no actor: "the Chinese Eastern
    /// Railway" is a railway, not China. Matched like aliases (the longest match wins), so the
    /// word inside them names nobody.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_actors: Vec<String>,
    /// The files it was read from (`builtin:lexicons/cues.toml` for the default).
    pub sources: Vec<String>,
}

const BUILTIN_FILES: [(&str, &str); 3] = [
    (
        "lexicons/cues.toml",
        include_str!("../../lexicons/cues.toml"),
    ),
    (
        "lexicons/modifiers.toml",
        include_str!("../../lexicons/modifiers.toml"),
    ),
    (
        "lexicons/actors.toml",
        include_str!("../../lexicons/actors.toml"),
    ),
];

static BUILTIN: LazyLock<Result<Lexicon, LexiconError>> = LazyLock::new(|| {
    let mut lex = Lexicon::default();
    for (name, text) in BUILTIN_FILES {
        let part = Lexicon::from_toml_str(text, Path::new(name))?;
        lex.merge(part);
    }
    lex.sources = BUILTIN_FILES
        .iter()
        .map(|(n, _)| format!("builtin:{n}"))
        .collect();
    lex.validate()?;
    Ok(lex)
});

impl Lexicon {
    /// The default lexicon shipped in `lexicons/` and compiled into the binary.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        BUILTIN.clone()
    }

    /// Parse one lexicon file's text. `origin` names the file in errors.
    pub fn from_toml_str(text: &str, origin: &Path) -> Result<Lexicon, LexiconError> {
        parse::parse(text, origin)
    }

    /// Read lexicon files and build the lexicon they define: their cues replace the default
    /// cues, and modifiers and actors come from the default unless the files define some.
    ///
    /// An entry that duplicates an earlier one (same term, same match, same list) is an error,
    /// the same one `lexicon check` reports: only the first would ever count, so a weight or
    /// note edited on the second would change nothing without a word.
    pub fn load(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let lex = Lexicon::load_for_check(paths)?;
        lex.refuse_duplicates()?;
        Ok(lex)
    }

    /// The first entry that repeats an earlier one of the same list (same term ignoring case,
    /// same match), as an error worded like `lexicon check`'s. Linear: one hash look-up per
    /// entry, so a large lexicon still loads at once.
    fn refuse_duplicates(&self) -> Result<(), LexiconError> {
        use pattern::Role;
        let entries = self
            .cues
            .iter()
            .map(|c| (Role::Cue(c.dimension), &c.term, c.mode, &c.origin))
            .chain(
                self.modifiers
                    .iter()
                    .map(|m| (Role::Modifier(m.class), &m.term, m.mode, &m.origin)),
            );
        let mut seen = std::collections::HashMap::new();
        for (role, term, mode, origin) in entries {
            let list = match role {
                Role::Cue(d) => d.name().to_string(),
                Role::Modifier(c) => c.list_name().to_string(),
            };
            let key = (list, term.to_lowercase(), mode);
            if let Some((first_term, first)) = seen.get(&key) {
                let star = if mode == MatchMode::Prefix { "*" } else { "" };
                return Err(LexiconError {
                    location: origin.clone(),
                    message: format!(
                        "{} \"{term}{star}\": duplicate of \"{first_term}{star}\" ({}, {first}): only the first counts; delete this one (`diplostance lexicon check` lists every finding)",
                        role.label(),
                        role.label(),
                    ),
                });
            }
            seen.insert(key, (term, origin));
        }
        Ok(())
    }

    /// [`Lexicon::load`] without refusing duplicates, for `lexicon check`, which lists them
    /// among its other findings.
    pub fn load_for_check(paths: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut user = Lexicon::default();
        for p in paths {
            let bytes = std::fs::read(p).map_err(|e| LexiconError {
                location: Location::file(p),
                message: format!("cannot read lexicon: {e}"),
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let (line, col) = Location::line_col(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                );
                LexiconError {
                    location: Location::file(p).at(line, col),
                    message: "not UTF-8 text (save the lexicon as UTF-8)".into(),
                }
            })?;
            user.merge(Lexicon::from_toml_str(&text, p)?);
            user.sources.push(p.display().to_string());
        }
        if user.cues.is_empty() {
            return Err(LexiconError {
                location: paths.first().map(Location::file).unwrap_or_default(),
                message: "no cues: a lexicon needs at least one of [hostility], [rapprochement] \
                          or [uncertainty] with cues"
                    .into(),
            });
        }
        let builtin = Lexicon::builtin()?;
        if user.modifiers.is_empty() {
            user.modifiers = builtin.modifiers;
            user.sources.push("builtin:lexicons/modifiers.toml".into());
        }
        if user.actors.is_empty() {
            user.actors = builtin.actors;
            if user.not_actors.is_empty() {
                user.not_actors = builtin.not_actors;
            }
            user.sources.push("builtin:lexicons/actors.toml".into());
        }
        user.validate()?;
        Ok(user)
    }

    /// Append another lexicon's entries.
    pub fn merge(&mut self, other: Lexicon) {
        self.cues.extend(other.cues);
        self.modifiers.extend(other.modifiers);
        self.actors.extend(other.actors);
        self.not_actors.extend(other.not_actors);
        self.sources.extend(other.sources);
    }

    /// Checks across files: unique actor ids, sides that exist, at most [`MAX_ACTORS`], and no
    /// name both an actor's alias and no actor.
    fn validate(&self) -> Result<(), LexiconError> {
        for a in &self.actors {
            if let Some(n) = self
                .not_actors
                .iter()
                .find(|n| a.aliases.iter().any(|al| al.eq_ignore_ascii_case(n)))
            {
                return Err(LexiconError {
                    location: a.origin.clone(),
                    message: format!(
                        "\"{n}\" is an alias of actor \"{}\" and in not_actors: it can only be one",
                        a.id
                    ),
                });
            }
        }
        if self.actors.len() > MAX_ACTORS {
            return Err(LexiconError {
                location: self.actors[MAX_ACTORS].origin.clone(),
                message: format!(
                    "too many actors ({}; at most {MAX_ACTORS})",
                    self.actors.len()
                ),
            });
        }
        for (i, a) in self.actors.iter().enumerate() {
            if self.actors[..i].iter().any(|b| b.id == a.id) {
                return Err(LexiconError {
                    location: a.origin.clone(),
                    message: format!("actor id \"{}\" is defined twice", a.id),
                });
            }
            if let Some(side) = &a.side
                && !self.actors.iter().any(|b| &b.id == side)
            {
                return Err(LexiconError {
                    location: a.origin.clone(),
                    message: format!(
                        "actor \"{}\" is on the side of \"{side}\", which is not defined",
                        a.id
                    ),
                });
            }
        }
        Ok(())
    }

    /// The actor a user names on the command line: by id, name or alias, case-insensitively.
    pub fn find_actor(&self, name: &str) -> Option<usize> {
        let n = name.trim().to_lowercase();
        let n_id = n.replace([' ', '-'], "_");
        self.actors
            .iter()
            .position(|a| a.id == n_id || a.name.to_lowercase() == n)
            .or_else(|| {
                self.actors
                    .iter()
                    .position(|a| a.aliases.iter().any(|al| al.to_lowercase() == n))
            })
    }

    /// A checksum of the parsed, normalised entries (not the raw bytes, so reformatting a file
    /// does not change it): what a fitted model records to detect a changed lexicon.
    pub fn checksum(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        for c in &self.cues {
            lines.push(format!(
                "cue\t{}\t{}\t{}\t{}{}{}{}",
                c.dimension,
                c.mode.name(),
                c.term.to_lowercase(),
                c.weight,
                c.presupposes
                    .map(|p| format!("\t{}:{}", p.dimension, p.weight))
                    .unwrap_or_default(),
                c.presupposes
                    .and_then(|p| p.level)
                    .map(|l| format!("\tpresupposed level:{l}"))
                    .unwrap_or_default(),
                c.level.map(|l| format!("\tlevel:{l}")).unwrap_or_default()
            ));
        }
        for m in &self.modifiers {
            lines.push(format!(
                "mod\t{:?}\t{}\t{}\t{}\t{}",
                m.class,
                m.mode.name(),
                m.term.to_lowercase(),
                m.factor,
                m.weight
            ));
        }
        for a in &self.actors {
            let mut al: Vec<String> = a.aliases.iter().map(|s| s.to_lowercase()).collect();
            al.sort();
            lines.push(format!(
                "actor\t{}\t{}\t{}",
                a.id,
                a.side.as_deref().unwrap_or(""),
                al.join("|")
            ));
        }
        for n in &self.not_actors {
            lines.push(format!("not actor\t{}", n.to_lowercase()));
        }
        lines.sort();
        let mut h = Sha256::new();
        for l in &lines {
            h.update(l.as_bytes());
            h.update(b"\n");
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses() {
        let lex = Lexicon::builtin().expect("shipped lexicon must parse");
        assert!(lex.cues.len() > 200, "{} cues", lex.cues.len());
        for d in Dimension::ALL {
            assert!(lex.cues.iter().any(|c| c.dimension == d));
        }
        assert!(
            lex.modifiers
                .iter()
                .any(|m| m.class == ModifierClass::Negator)
        );
        assert!(
            lex.modifiers
                .iter()
                .any(|m| m.class == ModifierClass::Concessive)
        );
        assert!(lex.find_actor("Soviet Union").is_some());
        assert_eq!(lex.find_actor("japan"), lex.find_actor("Japanese"));
        assert!(lex.find_actor("Atlantis").is_none());
        assert_eq!(lex.checksum().len(), 64);
    }

    #[test]
    fn checksum_ignores_formatting() {
        let a = Lexicon::from_toml_str(
            "[hostility]\ncues = [{ term = \"clash\", weight = 2.0 }]\n",
            Path::new("a.toml"),
        )
        .unwrap();
        let b = Lexicon::from_toml_str(
            "format = 1\n\n[hostility]\ncues = [\n  { weight = 2, term = \"Clash\" },\n]\n",
            Path::new("b.toml"),
        )
        .unwrap();
        assert_eq!(a.checksum(), b.checksum());
        let c = Lexicon::from_toml_str(
            "[hostility]\ncues = [{ term = \"clash\", weight = 2.5 }]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_ne!(a.checksum(), c.checksum());
    }

    #[test]
    fn user_cues_keep_default_modifiers_and_actors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mine.toml");
        std::fs::write(
            &p,
            "[hostility]\ncues = [{ term = \"clash\", weight = 2.0 }]\n",
        )
        .unwrap();
        let lex = Lexicon::load(std::slice::from_ref(&p)).unwrap();
        assert_eq!(lex.cues.len(), 1);
        assert!(!lex.modifiers.is_empty() && !lex.actors.is_empty());
        assert!(
            lex.not_actors
                .iter()
                .any(|n| n == "Chinese Eastern Railway")
        );
        let q = dir.path().join("none.toml");
        std::fs::write(&q, "negators = [{ term = \"not\" }]\n").unwrap();
        let err = Lexicon::load(&[q]).unwrap_err();
        assert!(err.to_string().contains("no cues"), "{err}");
    }

    #[test]
    fn a_name_cannot_be_an_alias_and_no_actor() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("actors.toml");
        std::fs::write(
            &p,
            "not_actors = [\"Red Army\"]\n[hostility]\ncues = [{ term = \"clash\", weight = 2.0 }]\n\n[[actor]]\nid = \"soviet_union\"\nname = \"Soviet Union\"\naliases = [\"Soviet\", \"red army\"]\n",
        )
        .unwrap();
        let err = Lexicon::load(std::slice::from_ref(&p))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("actors.toml:6") && err.contains("\"Red Army\" is an alias of actor"),
            "{err}"
        );
    }
}
