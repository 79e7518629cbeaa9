//! quanteda YAML dictionaries: import into cues, export our cues.
//!
//! A quanteda dictionary is a YAML mapping from keys to lists of glob patterns; keys may nest,
//! and nested keys are flattened with a dot (`negative: { anger: [...] }` is the category
//! `negative.anger`), as quanteda itself does. A trailing `*` is a prefix; a pattern without a
//! wildcard matches the word as written (imported with `match = "exact"`); other wildcards are
//! skipped with a warning. Categories become dimensions as for LIWC ([`super::liwc`]).

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml_ng::Value;

use super::liwc::{
    CategoryMap, DictEntry, Dictionary, Exported, Imported, add_entry, export_warnings,
    exported_cues, glob_term, split_wildcard, to_lexicon,
};
use super::{Lexicon, LexiconError};
use crate::dimension::Dimension;
use crate::location::Location;

/// The line of the first occurrence of a pattern in the text, to point warnings and origins
/// somewhere useful (YAML values carry no positions once parsed).
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|at| Location::line_col(text, at).0)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn walk(
    prefix: &str,
    v: &Value,
    text: &str,
    path: &Path,
    dict: &mut Dictionary,
) -> Result<(), LexiconError> {
    let here = |line: Option<usize>| {
        let mut l = Location::file(path);
        l.line = line;
        l
    };
    match v {
        Value::Mapping(m) => {
            for (k, child) in m {
                let Some(k) = scalar(k) else {
                    return Err(LexiconError {
                        location: here(None),
                        message: format!(
                            "a key under \"{prefix}\" is not a name: keys must be plain words"
                        ),
                    });
                };
                let name = if prefix.is_empty() {
                    k
                } else {
                    format!("{prefix}.{k}")
                };
                walk(&name, child, text, path, dict)?;
            }
        }
        Value::Sequence(items) => {
            if !dict.categories.contains(&prefix.to_string()) {
                dict.categories.push(prefix.to_string());
            }
            for it in items {
                let Some(raw) = scalar(it) else {
                    dict.warnings.push(format!(
                        "{}: category \"{prefix}\": an item is not a string; skipped",
                        path.display()
                    ));
                    continue;
                };
                let line = line_of(text, &raw);
                let at = line.map_or(String::new(), |l| format!(":{l}"));
                match split_wildcard(&raw) {
                    Ok((term, is_prefix)) => add_entry(
                        dict,
                        path,
                        DictEntry {
                            term,
                            prefix: is_prefix,
                            categories: vec![prefix.to_string()],
                            line,
                        },
                        &at,
                    ),
                    Err(why) => dict
                        .warnings
                        .push(format!("{}{at}: skipped {why}", path.display())),
                }
            }
        }
        Value::String(_) | Value::Number(_) | Value::Bool(_) => {
            // a single pattern where a list was expected: accept it as a list of one
            let seq = Value::Sequence(vec![v.clone()]);
            walk(prefix, &seq, text, path, dict)?;
        }
        Value::Null => {
            dict.categories.push(prefix.to_string());
            dict.warnings.push(format!(
                "{}: category \"{prefix}\" is empty",
                path.display()
            ));
        }
        Value::Tagged(t) => walk(prefix, &t.value, text, path, dict)?,
    }
    Ok(())
}

/// Read a quanteda YAML dictionary.
pub fn parse_yaml(bytes: &[u8], path: &Path) -> Result<Dictionary, LexiconError> {
    let mut dict = Dictionary::default();
    let text = super::liwc::decode(bytes, path, &mut dict.warnings);
    check_nesting(&text, path)?;
    let v: Value = serde_yaml_ng::from_str(&text).map_err(|e| {
        let mut location = Location::file(path);
        if let Some(l) = e.location() {
            location = location.at(l.line(), l.column());
        }
        LexiconError {
            location,
            message: format!("not a YAML dictionary: {e}"),
        }
    })?;
    if !matches!(v, Value::Mapping(_)) {
        return Err(LexiconError {
            location: Location::file(path),
            message: "a quanteda dictionary is a mapping of keys to lists of patterns, e.g. \
                      `hostility: [war, \"border incident*\"]`"
                .into(),
        });
    }
    walk("", &v, &text, path, &mut dict)?;
    Ok(dict)
}

/// Read a quanteda YAML dictionary into cues.
pub fn import_yaml(bytes: &[u8], path: &Path, map: &CategoryMap) -> Result<Imported, LexiconError> {
    let dict = parse_yaml(bytes, path)?;
    to_lexicon(&dict, path, map)
}

/// How deeply `[` and `{` may nest in a dictionary. A quanteda dictionary is two or three
/// levels deep; the YAML parser takes quadratic time on deep nesting (100,000 `[` took 20 s
/// before failing), so anything deeper is refused before parsing.
pub const MAX_YAML_NESTING: usize = 64;

/// Refuse flow collections nested deeper than [`MAX_YAML_NESTING`], naming where.
fn check_nesting(text: &str, path: &Path) -> Result<(), LexiconError> {
    let (mut depth, mut quote, mut comment) = (0usize, None, false);
    let (mut line, mut col) = (1usize, 0usize);
    for c in text.chars() {
        col += 1;
        if c == '\n' {
            (line, col, comment) = (line + 1, 0, false);
            continue;
        }
        match (quote, c) {
            _ if comment => {}
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Err(LexiconError {
                        location: Location::file(path).at(line, col),
                        message: format!(
                            "lists or mappings nested more than {MAX_YAML_NESTING} deep; a quanteda dictionary is a few levels deep"
                        ),
                    });
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Write our cues as a quanteda YAML dictionary: one key per dimension.
pub fn export_yaml(lex: &Lexicon) -> Exported {
    let mut m: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in Dimension::ALL {
        let terms: Vec<String> = exported_cues(lex)
            .filter(|c| c.dimension == d)
            .map(|c| glob_term(&c.term, c.mode))
            .collect();
        if !terms.is_empty() {
            m.insert(d.name(), terms);
        }
    }
    // A map of strings to lists of strings always serializes.
    let text = serde_yaml_ng::to_string(&m).unwrap_or_default();
    Exported {
        text,
        warnings: export_warnings(lex, "a quanteda dictionary"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::MatchMode;
    use crate::lexicon::liwc::assert_round_trip;

    fn p() -> &'static Path {
        Path::new("d.yml")
    }

    #[test]
    fn nested_keys_globs_and_warnings() {
        let src = "hostility: [war, \"border incident*\", 'te?se']\n\
                   negative:\n  anger:\n    - hate*\n    - hate*\n  fear: dread\n\
                   other:\n";
        let d = parse_yaml(src.as_bytes(), p()).unwrap();
        assert_eq!(
            d.categories,
            ["hostility", "negative.anger", "negative.fear", "other"]
        );
        let terms: Vec<(&str, bool, Option<usize>)> = d
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.prefix, e.line))
            .collect();
        assert_eq!(
            terms,
            [
                ("war", false, Some(1)),
                ("border incident", true, Some(1)),
                ("hate", true, Some(4)),
                ("dread", false, Some(6))
            ]
        );
        let w = d.warnings.join("\n");
        assert!(w.contains("wildcard inside a term"), "{w}");
        assert!(w.contains("duplicate term \"hate*\""), "{w}");
        assert!(w.contains("\"other\" is empty"), "{w}");

        let map = CategoryMap::from_specs(&["negative.anger=hostility"]).unwrap();
        let imp = import_yaml(src.as_bytes(), p(), &map).unwrap();
        let cues: Vec<(&str, MatchMode)> = imp
            .lexicon
            .cues
            .iter()
            .map(|c| (c.term.as_str(), c.mode))
            .collect();
        assert_eq!(
            cues,
            [
                ("war", MatchMode::Exact),
                ("border incident", MatchMode::Prefix),
                ("hate", MatchMode::Prefix)
            ]
        );
        assert!(
            imp.warnings
                .iter()
                .any(|w| w.contains("negative.fear, other"))
        );
    }

    #[test]
    fn yaml_errors_have_a_position() {
        let e = parse_yaml(b"hostility: [war\nx: ]\n", p()).unwrap_err();
        assert!(e.to_string().starts_with("d.yml:"), "{e}");
        assert!(e.location.line.is_some(), "{e}");
        let e = parse_yaml(b"- war\n- peace\n", p()).unwrap_err();
        assert!(e.to_string().contains("mapping of keys"), "{e}");
    }

    #[test]
    fn export_then_import_keeps_terms_and_dimensions() {
        let lex = Lexicon::builtin().unwrap();
        let out = export_yaml(&lex);
        assert!(
            out.text.starts_with("hostility:\n- hostilities\n"),
            "{}",
            out.text
        );
        assert!(out.text.contains("\n- provocat*\n"));
        let back = import_yaml(out.text.as_bytes(), p(), &CategoryMap::default()).unwrap();
        assert_round_trip(&back, &lex);
    }
}
