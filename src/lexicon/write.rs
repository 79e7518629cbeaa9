//! A [`Lexicon`] written back as a lexicon file (format 1), as `lexicon import` needs.
//!
//! The output parses back to an equal lexicon (apart from where entries are defined): cues are
//! grouped by dimension and modifiers by list, in their order within each, because that is how
//! the format is laid out. Only values that differ from the parser's defaults are written
//! (`match` when not stem, `factor` where a list takes one), so a written file reads like a
//! hand-written one.

use std::fmt::Write as _;

use super::parse::FORMAT;
use super::{Lexicon, MatchMode, ModifierClass};
use crate::dimension::Dimension;

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A float as TOML reads it back exactly (`{:?}` is the shortest round-trip form and always has
/// a `.` or an exponent).
fn float(x: f64) -> String {
    format!("{x:?}")
}

/// The term as written in a file: a prefix with its `*`.
fn term_field(term: &str, mode: MatchMode) -> String {
    match mode {
        MatchMode::Prefix => format!("term = {}", quote(&format!("{term}*"))),
        MatchMode::Exact => format!("term = {}, match = \"exact\"", quote(term)),
        MatchMode::Stem => format!("term = {}", quote(term)),
    }
}

/// The lists in the order the format lays them out, with the classes each holds.
const LISTS: [(&str, &[ModifierClass]); 7] = [
    ("negators", &[ModifierClass::Negator]),
    ("reversers", &[ModifierClass::Reverser]),
    ("intensifiers", &[ModifierClass::Intensifier]),
    ("diminishers", &[ModifierClass::Diminisher]),
    (
        "contrast",
        &[ModifierClass::Contrast, ModifierClass::Concessive],
    ),
    ("hedges", &[ModifierClass::Hedge]),
    ("reporting", &[ModifierClass::Reporting]),
];

/// Write a lexicon in the lexicon file format.
pub fn to_toml_string(lex: &Lexicon) -> String {
    let mut out = String::new();
    out.push_str("# diplostance lexicon: see lexicons/cues.toml for what each field means.\n");
    let _ = writeln!(out, "format = {FORMAT}");
    if !lex.not_actors.is_empty() {
        let names: Vec<String> = lex.not_actors.iter().map(|x| quote(x)).collect();
        let _ = writeln!(out, "not_actors = [{}]", names.join(", "));
    }
    // top-level keys (modifier lists) must come before any table
    for (name, classes) in LISTS {
        let entries: Vec<_> = lex
            .modifiers
            .iter()
            .filter(|m| classes.contains(&m.class))
            .collect();
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{name} = [");
        for m in entries {
            let mut line = format!("  {{ {}", term_field(&m.term, m.mode));
            if matches!(
                m.class,
                ModifierClass::Intensifier
                    | ModifierClass::Diminisher
                    | ModifierClass::Hedge
                    | ModifierClass::Reporting
            ) {
                let _ = write!(line, ", factor = {}", float(m.factor));
            }
            if m.weight != 0.0 {
                let _ = write!(line, ", weight = {}", float(m.weight));
            }
            if m.class == ModifierClass::Concessive {
                line.push_str(", concessive = true");
            }
            if let Some(n) = &m.note {
                let _ = write!(line, ", note = {}", quote(n));
            }
            line.push_str(" },\n");
            out.push_str(&line);
        }
        out.push_str("]\n");
    }
    for d in Dimension::ALL {
        let cues: Vec<_> = lex.cues.iter().filter(|c| c.dimension == d).collect();
        if cues.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[{d}]\ncues = [");
        for c in cues {
            let _ = write!(
                out,
                "  {{ {}, weight = {}",
                term_field(&c.term, c.mode),
                float(c.weight)
            );
            if let Some(p) = c.presupposes {
                let _ = write!(
                    out,
                    ", presupposes = {{ dimension = \"{}\", weight = {}",
                    p.dimension,
                    float(p.weight)
                );
                if let Some(l) = p.level {
                    let _ = write!(out, ", level = {}", float(l));
                }
                out.push_str(" }");
            }
            if let Some(l) = c.level {
                let _ = write!(out, ", level = {}", float(l));
            }
            if c.alignment {
                let _ = write!(out, ", alignment = true");
            }
            if let Some(n) = &c.note {
                let _ = write!(out, ", note = {}", quote(n));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
    for a in &lex.actors {
        let _ = write!(
            out,
            "\n[[actor]]\nid = {}\nname = {}\n",
            quote(&a.id),
            quote(&a.name)
        );
        if let Some(s) = &a.side {
            let _ = writeln!(out, "side = {}", quote(s));
        }
        let aliases: Vec<String> = a.aliases.iter().map(|x| quote(x)).collect();
        let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;
    use std::path::Path;

    /// The lexicon without origins and sources, for comparison.
    pub(crate) fn strip(mut l: Lexicon) -> Lexicon {
        for c in &mut l.cues {
            c.origin = Location::default();
        }
        for m in &mut l.modifiers {
            m.origin = Location::default();
        }
        for a in &mut l.actors {
            a.origin = Location::default();
        }
        l.sources.clear();
        l
    }

    #[test]
    fn builtin_round_trips() {
        let lex = Lexicon::builtin().unwrap();
        let text = to_toml_string(&lex);
        let back = Lexicon::from_toml_str(&text, Path::new("out.toml")).unwrap();
        assert_eq!(strip(back), strip(lex.clone()));
        assert_eq!(
            Lexicon::from_toml_str(&text, Path::new("x"))
                .unwrap()
                .checksum(),
            lex.checksum()
        );
    }

    #[test]
    fn awkward_strings_round_trip() {
        let src = "contrast = [{ term = \"although\", concessive = true }]\n\
                   [uncertainty]\n\
                   cues = [\n  { term = 'say \"maybe\"', weight = 0.1 },\n  \
                   { term = 'back\\slash', weight = 1e-3, match = \"exact\" },\n  \
                   { term = \"détente*\", weight = 10.0, note = \"tab\\there\" },\n]\n";
        let lex = Lexicon::from_toml_str(src, Path::new("a.toml")).unwrap();
        assert_eq!(lex.cues[1].term, "back\\slash");
        let text = to_toml_string(&lex);
        let back = Lexicon::from_toml_str(&text, Path::new("b.toml")).unwrap();
        assert_eq!(strip(back), strip(lex));
    }
}
