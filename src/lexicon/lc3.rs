//! Lexicoder `.lc3` dictionaries (the Lexicoder Sentiment Dictionary's own format): import
//! into cues.
//!
//! A category line starts with `+` and may carry a display colour after `#`
//! (`+negative#FF0000`); the entries below it, one a line, belong to it until the next category
//! line. Entries are words or phrases with an optional trailing `*` (a prefix), often indented
//! by a space in the distributed files. LSD2015 has one doubled glob (`heckl**`), which globs
//! as one `*` does. Lines may end in LF, CRLF or CR. Categories become dimensions as for LIWC
//! ([`super::liwc`]).

use std::path::Path;

use super::LexiconError;
use super::liwc::{
    CategoryMap, Dictionary, Imported, add_term, decode, err, split_lines, to_lexicon,
};

/// A category line's name: after the `+`, before the colour.
fn category_name(line: &str) -> &str {
    let body = line.trim_start_matches('+');
    body.split_once('#').map_or(body, |(name, _)| name).trim()
}

/// Read a Lexicoder `.lc3` dictionary.
pub fn parse_lc3(bytes: &[u8], path: &Path) -> Result<Dictionary, LexiconError> {
    let mut dict = Dictionary::default();
    let text = decode(bytes, path, &mut dict.warnings);
    let mut current: Option<String> = None;
    for (k, raw) in split_lines(&text).into_iter().enumerate() {
        let line_no = k + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if l.starts_with('+') {
            let name = category_name(l);
            if name.is_empty() {
                return Err(err(
                    path,
                    Some(line_no),
                    "a category line has no name: write `+name` or `+name#RRGGBB`",
                ));
            }
            if !dict.categories.iter().any(|c| c == name) {
                dict.categories.push(name.to_string());
            }
            current = Some(name.to_string());
            continue;
        }
        let Some(cat) = &current else {
            return Err(err(
                path,
                Some(line_no),
                format!(
                    "entry \"{l}\" comes before any category: a Lexicoder dictionary starts \
                     with a category line such as `+negative`"
                ),
            ));
        };
        add_term(&mut dict, path, line_no, l, vec![cat.clone()], false);
    }
    if dict.categories.is_empty() {
        return Err(err(
            path,
            None,
            "no category line (`+name`): not a Lexicoder dictionary",
        ));
    }
    Ok(dict)
}

/// Read a Lexicoder `.lc3` dictionary into cues.
pub fn import_lc3(bytes: &[u8], path: &Path, map: &CategoryMap) -> Result<Imported, LexiconError> {
    let dict = parse_lc3(bytes, path)?;
    to_lexicon(&dict, path, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dimension::Dimension;
    use crate::lexicon::MatchMode;
    use crate::lexicon::liwc::cue_list;

    fn p() -> &'static Path {
        Path::new("d.lc3")
    }

    #[test]
    fn categories_colours_spaces_phrases_and_globs() {
        let src =
            b"+negative#FF0000\r\n a lie\r\n abandon*\r\n heckl**\r\n\r\n+positive#00BB00\r\n \
                    no man's land\r\n  able*\r";
        let d = parse_lc3(src, p()).unwrap();
        assert_eq!(d.categories, ["negative", "positive"]);
        let got: Vec<(&str, bool, &str, Option<usize>)> = d
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.prefix, e.categories[0].as_str(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                ("a lie", false, "negative", Some(2)),
                ("abandon", true, "negative", Some(3)),
                ("heckl", true, "negative", Some(4)),
                ("no man's land", false, "positive", Some(7)),
                ("able", true, "positive", Some(8)),
            ]
        );
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert_eq!(d.read, 5);
        let map = CategoryMap::from_specs(&["negative=hostility"]).unwrap();
        let imp = import_lc3(src, p(), &map).unwrap();
        assert_eq!(
            cue_list(&imp.lexicon),
            [
                ("a lie", Dimension::Hostility, MatchMode::Exact),
                ("abandon", Dimension::Hostility, MatchMode::Prefix),
                ("heckl", Dimension::Hostility, MatchMode::Prefix),
            ]
        );
    }

    #[test]
    fn entries_before_a_category_and_files_without_one() {
        let e = parse_lc3(b"\n war\n+negative\n", p())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.lc3:2: entry \"war\" comes before any category"),
            "{e}"
        );
        let e = parse_lc3(b"\n\n", p()).unwrap_err().to_string();
        assert!(e.contains("no category line"), "{e}");
        let e = parse_lc3(b"+#FF0000\nwar\n", p()).unwrap_err().to_string();
        assert!(e.starts_with("d.lc3:1: a category line has no name"), "{e}");
    }
}
