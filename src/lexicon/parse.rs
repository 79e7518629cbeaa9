//! TOML lexicon files to [`Lexicon`]; every error carries `file:line:col`.
//!
//! The entry structs are plain (no `untagged`, no `flatten`) so that `toml::Spanned` works and a
//! semantic error (a negative weight, an unknown match mode) points at the value itself.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Actor, Cue, Lexicon, LexiconError, MatchMode, ModifierClass, ModifierEntry, Presupposition,
};
use crate::dimension::Dimension;
use crate::location::Location;

/// The lexicon format this version reads.
pub const FORMAT: i64 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: Option<Spanned<i64>>,
    hostility: Option<RawDimension>,
    rapprochement: Option<RawDimension>,
    uncertainty: Option<RawDimension>,
    negators: Option<Vec<RawModifier>>,
    reversers: Option<Vec<RawModifier>>,
    intensifiers: Option<Vec<RawModifier>>,
    diminishers: Option<Vec<RawModifier>>,
    contrast: Option<Vec<RawModifier>>,
    hedges: Option<Vec<RawModifier>>,
    reporting: Option<Vec<RawModifier>>,
    actor: Option<Vec<RawActor>>,
    not_actors: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    cues: Vec<RawCue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCue {
    term: Spanned<String>,
    weight: Spanned<f64>,
    #[serde(rename = "match")]
    mode: Option<Spanned<String>>,
    presupposes: Option<RawPresupposition>,
    level: Option<Spanned<f64>>,
    alignment: Option<bool>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPresupposition {
    dimension: Spanned<String>,
    weight: Spanned<f64>,
    level: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModifier {
    term: Spanned<String>,
    factor: Option<Spanned<f64>>,
    weight: Option<Spanned<f64>>,
    #[serde(rename = "match")]
    mode: Option<Spanned<String>>,
    concessive: Option<bool>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: Spanned<String>,
    name: String,
    side: Option<Spanned<String>>,
    aliases: Vec<Spanned<String>>,
}

struct Ctx<'a> {
    text: &'a str,
    origin: &'a Path,
    /// Byte offset where each line starts: an entry's line is found by binary search, not by
    /// counting from the top of the file for every entry (which made large lexicons load in
    /// quadratic time).
    line_starts: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, origin: &'a Path) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Ctx {
            text,
            origin,
            line_starts,
        }
    }

    fn at(&self, span: std::ops::Range<usize>) -> Location {
        let offset = span.start.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |l| l.chars().count() + 1);
        Location::file(self.origin).at(line, col)
    }

    fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> LexiconError {
        LexiconError {
            location: self.at(span),
            message: message.into(),
        }
    }
}

/// Turn toml's message into one that says what to do; toml's own wording is kept otherwise.
fn explain_toml_error(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let looks_like_dimension = ["host", "rapp", "unce"]
            .iter()
            .any(|p| field.starts_with(p));
        if looks_like_dimension {
            return format!(
                "unknown dimension \"{field}\" (expected hostility, rapprochement or uncertainty)"
            );
        }
        return format!(
            "unknown key \"{field}\" ({})",
            rest.split_once(", ").map_or("", |x| x.1)
        );
    }
    msg.replace('\n', " ")
}

fn mode_of(
    ctx: &Ctx,
    term: &mut String,
    mode: &Option<Spanned<String>>,
) -> Result<MatchMode, LexiconError> {
    let star = term.ends_with('*');
    if star {
        term.pop();
    }
    let m = match mode {
        None => {
            if star {
                MatchMode::Prefix
            } else {
                MatchMode::Stem
            }
        }
        Some(s) => match s.get_ref().as_str() {
            "stem" => MatchMode::Stem,
            "exact" => MatchMode::Exact,
            "prefix" => MatchMode::Prefix,
            other => {
                return Err(ctx.err(
                    s.span(),
                    format!("unknown match mode \"{other}\" (expected stem, exact or prefix)"),
                ));
            }
        },
    };
    if star && m != MatchMode::Prefix {
        return Err(ctx.err(
            mode.as_ref().map(|s| s.span()).unwrap_or(0..0),
            "a trailing * means prefix, but match says otherwise",
        ));
    }
    Ok(m)
}

fn check_term(ctx: &Ctx, term: &Spanned<String>) -> Result<String, LexiconError> {
    let t = term.get_ref().trim().to_string();
    if t.is_empty() || t == "*" {
        return Err(ctx.err(term.span(), "empty term"));
    }
    if t.chars().any(|c| c.is_control()) {
        return Err(ctx.err(term.span(), "term contains a control character"));
    }
    let words = crate::text::tokenize(t.trim_end_matches('*'));
    if !words.tokens.iter().any(|t| t.is_lexical()) {
        return Err(ctx.err(term.span(), format!("term \"{t}\" has no word in it")));
    }
    Ok(t)
}

/// A `level` (the point of the tension scale a kind of conflict stands for, 0-10), where one
/// is allowed; `refusal` says where it is not.
fn check_level(
    ctx: &Ctx,
    level: Option<&Spanned<f64>>,
    allowed: bool,
    refusal: &str,
) -> Result<Option<f64>, LexiconError> {
    match level {
        None => Ok(None),
        Some(l) if !allowed => Err(ctx.err(
            l.span(),
            format!("{refusal} (the tension a conflict of this kind stands for, 0-10)"),
        )),
        Some(l) => check_weight(ctx, l, "level", 0.0, 10.0).map(Some),
    }
}

fn check_weight(
    ctx: &Ctx,
    w: &Spanned<f64>,
    what: &str,
    min: f64,
    max: f64,
) -> Result<f64, LexiconError> {
    let v = *w.get_ref();
    if !v.is_finite() || v < min || v > max {
        return Err(ctx.err(
            w.span(),
            format!("{what} {v} out of range (expected {min} to {max})"),
        ));
    }
    Ok(v)
}

/// Parse one lexicon file.
pub fn parse(text: &str, origin: &Path) -> Result<Lexicon, LexiconError> {
    let ctx = Ctx::new(text, origin);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        ctx.err(span, explain_toml_error(e.message()))
    })?;
    if let Some(f) = &raw.format
        && *f.get_ref() != FORMAT
    {
        return Err(ctx.err(
            f.span(),
            format!(
                "lexicon format {} is not supported (this version reads format {FORMAT})",
                f.get_ref()
            ),
        ));
    }
    let mut lex = Lexicon::default();
    let dims = [
        (Dimension::Hostility, raw.hostility),
        (Dimension::Rapprochement, raw.rapprochement),
        (Dimension::Uncertainty, raw.uncertainty),
    ];
    for (dimension, table) in dims {
        let Some(table) = table else { continue };
        for c in table.cues {
            lex.cues.push(cue(&ctx, dimension, c)?);
        }
    }
    let lists = [
        (ModifierClass::Negator, raw.negators),
        (ModifierClass::Reverser, raw.reversers),
        (ModifierClass::Intensifier, raw.intensifiers),
        (ModifierClass::Diminisher, raw.diminishers),
        (ModifierClass::Contrast, raw.contrast),
        (ModifierClass::Hedge, raw.hedges),
        (ModifierClass::Reporting, raw.reporting),
    ];
    for (class, list) in lists {
        for m in list.into_iter().flatten() {
            lex.modifiers.push(modifier(&ctx, class, m)?);
        }
    }
    for a in raw.actor.into_iter().flatten() {
        lex.actors.push(actor(&ctx, a)?);
    }
    for n in raw.not_actors.into_iter().flatten() {
        lex.not_actors.push(check_term(&ctx, &n)?);
    }
    Ok(lex)
}

/// A cue of `dimension`, checked.
fn cue(ctx: &Ctx, dimension: Dimension, c: RawCue) -> Result<Cue, LexiconError> {
    let mut term = check_term(ctx, &c.term)?;
    let mode = mode_of(ctx, &mut term, &c.mode)?;
    let weight = check_weight(ctx, &c.weight, "weight", 0.0, 10.0)?;
    let presupposes = match &c.presupposes {
        None => None,
        Some(p) => Some(presupposition(ctx, dimension, p)?),
    };
    let level = check_level(
        ctx,
        c.level.as_ref(),
        dimension == Dimension::Hostility,
        "only hostility cues have a level",
    )?;
    if c.alignment.is_some() && dimension != Dimension::Rapprochement {
        return Err(ctx.err(
            c.term.span(),
            "only rapprochement cues (agreements, pacts, aid) can be alignments",
        ));
    }
    Ok(Cue {
        term,
        dimension,
        weight,
        mode,
        presupposes,
        level,
        alignment: c.alignment.unwrap_or(false),
        note: c.note,
        origin: ctx.at(c.term.span()),
    })
}

/// What a cue of `dimension` presupposes of another dimension, checked.
fn presupposition(
    ctx: &Ctx,
    dimension: Dimension,
    p: &RawPresupposition,
) -> Result<Presupposition, LexiconError> {
    let d = Dimension::from_name(p.dimension.get_ref()).ok_or_else(|| {
        ctx.err(
            p.dimension.span(),
            format!(
                "unknown dimension \"{}\" (expected hostility, rapprochement or uncertainty)",
                p.dimension.get_ref()
            ),
        )
    })?;
    if d == dimension {
        return Err(ctx.err(
            p.dimension.span(),
            "a cue cannot presuppose its own dimension",
        ));
    }
    Ok(Presupposition {
        dimension: d,
        weight: check_weight(ctx, &p.weight, "weight", 0.0, 10.0)?,
        level: check_level(
            ctx,
            p.level.as_ref(),
            d == Dimension::Hostility,
            "only presupposed hostility has a level",
        )?,
    })
}

/// A modifier of the list `class`, checked (a contrast marker may be concessive).
fn modifier(
    ctx: &Ctx,
    class: ModifierClass,
    m: RawModifier,
) -> Result<ModifierEntry, LexiconError> {
    let mut term = check_term(ctx, &m.term)?;
    let mode = mode_of(ctx, &mut term, &m.mode)?;
    let class = if class == ModifierClass::Contrast && m.concessive == Some(true) {
        ModifierClass::Concessive
    } else {
        if m.concessive.is_some() && class != ModifierClass::Contrast {
            return Err(ctx.err(m.term.span(), "concessive is only for contrast markers"));
        }
        class
    };
    let default_factor = match class {
        ModifierClass::Hedge => 0.7,
        ModifierClass::Reporting => 0.85,
        _ => 1.0,
    };
    let factor = match (&m.factor, class) {
        (None, ModifierClass::Intensifier | ModifierClass::Diminisher) => {
            return Err(ctx.err(
                m.term.span(),
                format!("{} need a factor", class.list_name()),
            ));
        }
        (None, _) => default_factor,
        (Some(f), ModifierClass::Intensifier) => check_weight(ctx, f, "factor", 1.0, 5.0)?,
        (Some(f), ModifierClass::Diminisher | ModifierClass::Hedge | ModifierClass::Reporting) => {
            check_weight(ctx, f, "factor", 0.0, 1.0)?
        }
        (Some(f), _) => {
            return Err(ctx.err(f.span(), format!("{} take no factor", class.list_name())));
        }
    };
    let weight = match &m.weight {
        Some(w) => check_weight(ctx, w, "weight", 0.0, 10.0)?,
        None => 0.0,
    };
    Ok(ModifierEntry {
        term,
        class,
        factor,
        weight,
        mode,
        note: m.note,
        origin: ctx.at(m.term.span()),
    })
}

/// An actor, checked: an id of lower-case letters, digits and `_`, and at least one alias.
fn actor(ctx: &Ctx, a: RawActor) -> Result<Actor, LexiconError> {
    let id = a.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(ctx.err(
            a.id.span(),
            format!("actor id \"{id}\" must be lower-case letters, digits and _"),
        ));
    }
    let mut aliases = Vec::new();
    for al in &a.aliases {
        aliases.push(check_term(ctx, al)?);
    }
    if aliases.is_empty() {
        return Err(ctx.err(a.id.span(), format!("actor \"{id}\" has no aliases")));
    }
    Ok(Actor {
        id,
        name: a.name,
        side: a.side.map(|s| s.into_inner()),
        aliases,
        origin: ctx.at(a.id.span()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text, Path::new("lexicons/cues.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = err("format = 1\n\n[hostilty]\ncues = []\n");
        assert!(e.starts_with("lexicons/cues.toml:3:"), "{e}");
        assert!(e.contains("unknown dimension \"hostilty\""), "{e}");

        let e = err("[hostility]\ncues = [\n  { term = \"clash\", weight = -2.0 },\n]\n");
        assert!(e.starts_with("lexicons/cues.toml:3:"), "{e}");
        assert!(e.contains("weight -2 out of range"), "{e}");

        let e =
            err("[hostility]\ncues = [{ term = \"clash\", weight = 2.0, match = \"fuzzy\" }]\n");
        assert!(
            e.starts_with("lexicons/cues.toml:2:") && e.contains("unknown match mode \"fuzzy\""),
            "{e}"
        );

        let e = err("[hostility]\ncues = [{ term = \"clash\" weight = 2.0 }]\n");
        assert!(e.starts_with("lexicons/cues.toml:2:"), "{e}");

        let e = err("[hostility]\ncues = [{ term = \"\", weight = 2.0 }]\n");
        assert!(e.contains("empty term"), "{e}");

        let e = err("[rapprochement]\ncues = [{ term = \"truce\", weight = 2.5, level = 3 }]\n");
        assert!(
            e.starts_with("lexicons/cues.toml:2:")
                && e.contains("only hostility cues have a level"),
            "{e}"
        );
        let e = err("[hostility]\ncues = [\n  { term = \"war\", weight = 1.5, level = 11 },\n]\n");
        assert!(
            e.starts_with("lexicons/cues.toml:3:") && e.contains("level 11 out of range"),
            "{e}"
        );

        let e = err(
            "[rapprochement]\ncues = [{ term = \"compromise\", weight = 1.0, presupposes = { dimension = \"uncertainty\", weight = 0.5, level = 5 } }]\n",
        );
        assert!(e.contains("only presupposed hostility has a level"), "{e}");

        let e = err("format = 2\n");
        assert!(e.contains("format 2 is not supported"), "{e}");

        let e = err("intensifiers = [{ term = \"very\" }]\n");
        assert!(e.contains("intensifiers need a factor"), "{e}");

        let e = err("format = 1\nnot_actors = [\"Chinese Eastern Railway\", \" \"]\n");
        assert!(
            e.starts_with("lexicons/cues.toml:2:") && e.contains("empty term"),
            "{e}"
        );
    }

    #[test]
    fn prefix_star_and_modes() {
        let lex = parse(
            "[hostility]\ncues = [{ term = \"provocat*\", weight = 2.0 }, { term = \"ultimatum\", weight = 2.5, match = \"exact\" }]\n",
            Path::new("x.toml"),
        )
        .unwrap();
        assert_eq!(lex.cues[0].term, "provocat");
        assert_eq!(lex.cues[0].level, None);
        assert_eq!(lex.cues[0].mode, MatchMode::Prefix);
        assert_eq!(lex.cues[1].mode, MatchMode::Exact);
        assert_eq!(lex.cues[1].origin.line, Some(2));
    }
}
