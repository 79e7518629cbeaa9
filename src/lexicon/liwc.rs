//! LIWC `.dic` dictionaries: import into cues, export our cues.
//!
//! A `.dic` file is a `%`-delimited header that numbers the categories, then one entry a line:
//! the term, then the numbers of its categories. Real files are untidy, so the reader accepts
//! repeated tabs or spaces, LF, CRLF or bare CR line ends (MFD 2.0 has only CR), a byte-order mark, Latin-1 bytes (decoded with a warning),
//! blank lines, `#` comment lines, duplicate terms (categories merged, with a warning), category
//! names in place of numbers, and LIWC2007's conditional categories (`(02 134)126`,
//! `134/125`), which are skipped with a warning. A trailing `*` is a prefix; any other term
//! matches the word as written, as in LIWC (so it is imported with `match = "exact"`).
//!
//! Categories become dimensions through a [`CategoryMap`]; every imported cue has weight 1.
//! The same map and the same conversion serve quanteda dictionaries ([`super::quanteda`]).

use std::collections::BTreeMap;
use std::path::Path;

use super::{Cue, Lexicon, LexiconError, MatchMode};
use crate::dimension::Dimension;
use crate::location::Location;

/// A dictionary read from a foreign format, before its categories are mapped to dimensions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dictionary {
    /// Category names, in the order the file gives them.
    pub categories: Vec<String>,
    /// Entries, in file order, duplicates merged.
    pub entries: Vec<DictEntry>,
    /// How many (term, category) entries the file gives, before duplicates were merged: the
    /// count a dictionary's authors publish.
    pub read: usize,
    /// What was skipped or repaired while reading.
    pub warnings: Vec<String>,
}

/// One entry of a [`Dictionary`].
#[derive(Debug, Clone, PartialEq)]
pub struct DictEntry {
    /// The term without its wildcard.
    pub term: String,
    /// A trailing `*`: the last word is a prefix.
    pub prefix: bool,
    /// Names of its categories.
    pub categories: Vec<String>,
    /// Line in the file (1-based), when known.
    pub line: Option<usize>,
}

/// Which category feeds which dimension (`--map CATEGORY=DIMENSION`, repeatable).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryMap {
    /// Category name (matched case-insensitively) and its dimension.
    pub pairs: Vec<(String, Dimension)>,
}

impl CategoryMap {
    /// Parse `category=dimension`; the category may contain `=` only before the last one.
    pub fn parse_pair(spec: &str) -> Result<(String, Dimension), String> {
        let err = || {
            format!(
                "--map \"{spec}\": expected CATEGORY=DIMENSION, where DIMENSION is hostility, \
                 rapprochement or uncertainty (e.g. --map anger=hostility)"
            )
        };
        let (cat, dim) = spec.rsplit_once('=').ok_or_else(err)?;
        let dim = Dimension::from_name(&dim.trim().to_lowercase()).ok_or_else(err)?;
        let cat = cat.trim();
        if cat.is_empty() {
            return Err(err());
        }
        Ok((cat.to_string(), dim))
    }

    /// A map from `--map` options.
    pub fn from_specs<S: AsRef<str>>(specs: &[S]) -> Result<CategoryMap, String> {
        let pairs = specs
            .iter()
            .map(|s| CategoryMap::parse_pair(s.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(CategoryMap { pairs })
    }

    /// The dimension of a category: the map first, then a category named like a dimension.
    pub fn dimension(&self, category: &str) -> Option<Dimension> {
        let c = category.trim().to_lowercase();
        self.pairs
            .iter()
            .find(|(k, _)| k.to_lowercase() == c)
            .map(|x| x.1)
            .or_else(|| Dimension::from_name(&c))
    }
}

/// A lexicon imported from a foreign dictionary, and what the import left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The cues (no modifiers or actors: `Lexicon::load` adds the default ones).
    pub lexicon: Lexicon,
    /// What was skipped or changed.
    pub warnings: Vec<String>,
}

/// A dictionary written in a foreign format, and what it could not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The file's text.
    pub text: String,
    /// What was lost (weights, modifiers, actors, stem matching).
    pub warnings: Vec<String>,
}

/// An error in dictionary file `path`, at `line` when known.
pub(crate) fn err(path: &Path, line: Option<usize>, message: impl Into<String>) -> LexiconError {
    let mut location = Location::file(path);
    location.line = line;
    LexiconError {
        location,
        message: message.into(),
    }
}

/// Bytes to text: without a BOM; UTF-8, or else Latin-1 (every byte is a character) with a
/// warning, since older LIWC dictionaries were saved by Windows tools.
pub(crate) fn decode(bytes: &[u8], path: &Path, warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let (line, _) = Location::line_col(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                e.valid_up_to(),
            );
            warnings.push(format!(
                "{}:{line}: not UTF-8; read as Latin-1 (save the file as UTF-8 to be sure of \
                 accented letters)",
                path.display()
            ));
            bytes.iter().map(|&b| b as char).collect()
        }
    }
}

/// The lines of a text whose lines end in LF, CRLF or a bare CR (classic Mac OS files, such as
/// MFD 2.0): a reader that splits only on LF sees such a file as one line.
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\r', '\n']) {
        lines.push(&rest[..at]);
        let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + skip..];
    }
    lines.push(rest);
    lines
}

/// How many names a message lists before it says how many more there are: a newsmap file has
/// some 270 categories, which on one line help nobody.
pub(crate) const LISTED: usize = 8;

/// Names for a message: the first [`LISTED`], then "and N more".
pub(crate) fn capped<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().take(LISTED).map(AsRef::as_ref).collect();
    let mut s = shown.join(", ");
    if items.len() > LISTED {
        s.push_str(&format!(" and {} more", items.len() - LISTED));
    }
    s
}

/// Split a term's trailing wildcard (one `*`, or a run of them, which globs the same); `None` (with the reason) when the term cannot be used.
pub(crate) fn split_wildcard(raw: &str) -> Result<(String, bool), String> {
    let t = raw.trim();
    // a run of trailing globs is one (LSD2015's `heckl**`, newsmap's `セントヘレナ**`)
    let body = t.trim_end_matches('*');
    let (body, prefix) = if body.len() < t.len() {
        (body.trim_end(), true)
    } else {
        (t, false)
    };
    if body.contains('*') || body.contains('?') {
        return Err(format!(
            "\"{t}\": a wildcard inside a term is not supported (only a trailing *)"
        ));
    }
    if body.chars().any(char::is_control) {
        return Err(format!("\"{t}\": contains a control character"));
    }
    let toks = crate::text::tokenize(body);
    if !toks.tokens.iter().any(|t| t.is_word()) {
        return Err(format!("\"{t}\": has no word in it"));
    }
    Ok((body.to_string(), prefix))
}

/// Add an entry, merging it into an earlier one with the same term (with a warning).
pub(crate) fn add_entry(dict: &mut Dictionary, path: &Path, e: DictEntry, where_: &str) {
    dict.read += e.categories.len();
    let key = e.term.to_lowercase();
    if let Some(old) = dict
        .entries
        .iter_mut()
        .find(|o| o.term.to_lowercase() == key && o.prefix == e.prefix)
    {
        let first = old
            .line
            .map_or(String::new(), |l| format!(" (first at line {l})"));
        dict.warnings.push(format!(
            "{}{where_}: duplicate term \"{}{}\"{first}: categories merged",
            path.display(),
            e.term,
            if e.prefix { "*" } else { "" }
        ));
        for c in e.categories {
            if !old.categories.contains(&c) {
                old.categories.push(c);
            }
        }
    } else {
        dict.entries.push(e);
    }
}

/// A category number without leading zeros (`02` and `2` are the same category).
fn norm_id(id: &str) -> String {
    let id = id.trim();
    let t = id.trim_start_matches('0');
    if t.is_empty() || !id.chars().all(|c| c.is_ascii_digit()) {
        id.to_string()
    } else {
        t.to_string()
    }
}

/// Read a LIWC `.dic` file.
pub fn parse_dic(bytes: &[u8], path: &Path) -> Result<Dictionary, LexiconError> {
    let mut dict = Dictionary::default();
    let text = decode(bytes, path, &mut dict.warnings);
    let lines = split_lines(&text);
    let mut i = 0;
    while i < lines.len() && (lines[i].trim().is_empty() || lines[i].trim_start().starts_with('#'))
    {
        i += 1;
    }
    let header = i < lines.len() && lines[i].trim() == "%";
    // id -> name
    let ids = if header {
        read_header(&lines, &mut i, path, &mut dict)?
    } else {
        BTreeMap::new()
    };
    let resolve = |r: &str| -> Option<String> {
        if !header {
            return Some(r.to_string());
        }
        ids.get(&norm_id(r))
            .cloned()
            .or_else(|| ids.values().find(|n| n.eq_ignore_ascii_case(r)).cloned())
    };
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for (k, raw) in lines.iter().enumerate().skip(i) {
        let line_no = k + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if l == "%" {
            dict.warnings
                .push(format!("{}:{line_no}: stray % ignored", path.display()));
            continue;
        }
        let (term, refs) = split_term(raw, header, &resolve);
        let (cats, conditional) = categories_of(refs, &resolve, &mut unknown);
        if conditional {
            dict.warnings.push(format!(
                "{}:{line_no}: conditional categories (LIWC2007 `(a b)c` or `a/b`) are not \
                 supported; only the plain ones of \"{term}\" are used",
                path.display()
            ));
        }
        add_term(&mut dict, path, line_no, &term, cats, !header);
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|(k, n)| format!("{k} ({n}×)")).collect();
        if dict.entries.is_empty() {
            return Err(err(
                path,
                None,
                format!(
                    "no entry has a category that the header defines: the entries use categories {} \
                     but the header between the % lines defines only {}; add those \
                     categories to the header (`number<TAB>name`)",
                    capped(&list),
                    defined(&ids)
                ),
            ));
        }
        dict.warnings.push(format!(
            "{}: categories not in the header, ignored: {}",
            path.display(),
            capped(&list)
        ));
    }
    Ok(dict)
}

/// Read the category header that opens at line `*i` (its `%`) into `dict.categories`; returns
/// category number -> name and leaves `*i` after the closing `%`.
fn read_header(
    lines: &[&str],
    i: &mut usize,
    path: &Path,
    dict: &mut Dictionary,
) -> Result<BTreeMap<String, String>, LexiconError> {
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let open = *i + 1;
    *i += 1;
    loop {
        let Some(l) = lines.get(*i) else {
            return Err(err(
                path,
                Some(open),
                "the category header opened here with % is never closed: add a line with \
                 only % after the last category",
            ));
        };
        let l = l.trim();
        *i += 1;
        if l == "%" {
            return Ok(ids);
        }
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let mut parts = l.splitn(2, char::is_whitespace);
        let id = norm_id(parts.next().unwrap_or(""));
        let name = parts.next().unwrap_or("").trim();
        // "1 funct (Function Words)": the name is the first word
        let name = name.split_whitespace().next().unwrap_or("").to_string();
        if name.is_empty() {
            return Err(err(
                path,
                Some(*i),
                format!("category \"{id}\" has no name: write `number<TAB>name`"),
            ));
        }
        if ids.contains_key(&id) {
            dict.warnings.push(format!(
                "{}:{}: category number {id} is defined twice; the later name \"{name}\" is used",
                path.display(),
                *i
            ));
            dict.categories.retain(|c| ids.get(&id) != Some(c));
        }
        ids.insert(id, name.clone());
        dict.categories.push(name);
    }
}

/// An entry line's term and category references: the term is before the first tab; without
/// tabs, the words before the category references.
fn split_term<'a>(
    raw: &'a str,
    header: bool,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> (String, Vec<&'a str>) {
    match raw.split_once('\t') {
        Some((t, rest)) => (t.trim().to_string(), rest.split_whitespace().collect()),
        None => {
            // without a header any word could be a category: the term is one word
            let toks: Vec<&str> = raw.split_whitespace().collect();
            let is_ref = |t: &&&str| resolve(t).is_some() || t.contains(['(', ')', '/']);
            let n_refs = if header {
                toks.iter().rev().take_while(is_ref).count()
            } else {
                toks.len() - 1
            };
            let n_term = (toks.len() - n_refs).max(1);
            (toks[..n_term].join(" "), toks[n_term..].to_vec())
        }
    }
}

/// The categories an entry's references name (each once, in order), counting the references no
/// category has in `unknown`; true when it had LIWC2007 conditional ones (`(a b)c`, `a/b`),
/// which are left out.
fn categories_of(
    refs: Vec<&str>,
    resolve: &dyn Fn(&str) -> Option<String>,
    unknown: &mut BTreeMap<String, usize>,
) -> (Vec<String>, bool) {
    let mut cats: Vec<String> = Vec::new();
    let mut conditional = false;
    let mut in_group = false;
    for r in refs {
        if r.contains('(') {
            in_group = !r.contains(')');
            conditional = true;
            continue;
        }
        if in_group || r.contains(')') || r.contains('/') {
            in_group &= !r.contains(')');
            conditional = true;
            continue;
        }
        match resolve(r) {
            Some(c) => {
                if !cats.contains(&c) {
                    cats.push(c);
                }
            }
            None => *unknown.entry(r.to_string()).or_insert(0) += 1,
        }
    }
    (cats, conditional)
}

/// Add the entry of line `line_no` (a term as written, perhaps with its `*`, and its
/// categories), or warn why it is skipped; with `new_categories`, categories not seen yet are
/// added to the dictionary's list (a dictionary without a header names them only in entries).
pub(crate) fn add_term(
    dict: &mut Dictionary,
    path: &Path,
    line_no: usize,
    term: &str,
    categories: Vec<String>,
    new_categories: bool,
) {
    let (term, prefix) = match split_wildcard(term) {
        Ok(x) => x,
        Err(why) => {
            dict.warnings
                .push(format!("{}:{line_no}: skipped {why}", path.display()));
            return;
        }
    };
    if categories.is_empty() {
        dict.warnings.push(format!(
            "{}:{line_no}: \"{term}\" has no known category; skipped",
            path.display()
        ));
        return;
    }
    if new_categories {
        for c in &categories {
            if !dict.categories.contains(c) {
                dict.categories.push(c.clone());
            }
        }
    }
    let e = DictEntry {
        term,
        prefix,
        categories,
        line: Some(line_no),
    };
    add_entry(dict, path, e, &format!(":{line_no}"));
}

/// The header's categories for a message: `1 anger, 2 posemo`, or "none".
fn defined(ids: &BTreeMap<String, String>) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    let mut v: Vec<(&String, &String)> = ids.iter().collect();
    v.sort_by_key(|(id, _)| (id.len(), id.as_str()));
    let list: Vec<String> = v.iter().map(|(id, n)| format!("{id} {n}")).collect();
    capped(&list)
}

/// Turn a dictionary into cues through a category map. Terms without a `*` match exactly, as
/// in LIWC and quanteda's globs.
pub fn to_lexicon(
    dict: &Dictionary,
    path: &Path,
    map: &CategoryMap,
) -> Result<Imported, LexiconError> {
    let mut warnings = dict.warnings.clone();
    if dict.entries.is_empty() {
        return Err(err(path, None, "the dictionary has no entries"));
    }
    let undefined: Vec<&str> = map
        .pairs
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !dict.categories.iter().any(|c| c.eq_ignore_ascii_case(k)))
        .collect();
    if !undefined.is_empty() {
        warnings.push(format!(
            "{}: --map names {} that the dictionary does not define: {} (its categories: {})",
            path.display(),
            if undefined.len() == 1 {
                "a category"
            } else {
                "categories"
            },
            undefined.join(", "),
            capped(&dict.categories)
        ));
    }
    let skipped: Vec<&str> = dict
        .categories
        .iter()
        .filter(|c| map.dimension(c).is_none())
        .map(String::as_str)
        .collect();
    if !skipped.is_empty() && skipped.len() < dict.categories.len() {
        warnings.push(format!(
            "{}: categories with no dimension, skipped: {} (map them with --map \
             CATEGORY=DIMENSION)",
            path.display(),
            capped(&skipped)
        ));
    }
    let mut lexicon = Lexicon::default();
    for e in &dict.entries {
        let mut dims: Vec<Dimension> = e
            .categories
            .iter()
            .filter_map(|c| map.dimension(c))
            .collect();
        dims.sort();
        dims.dedup();
        if dims.len() > 1 {
            let names: Vec<&str> = dims.iter().map(|d| d.name()).collect();
            warnings.push(format!(
                "{}{}: \"{}\" maps to {}; only the first counts when scoring (see lexicon check)",
                path.display(),
                e.line.map_or(String::new(), |l| format!(":{l}")),
                e.term,
                names.join(" and ")
            ));
        }
        for d in dims {
            let mut origin = Location::file(path);
            origin.line = e.line;
            lexicon.cues.push(Cue {
                term: e.term.clone(),
                dimension: d,
                weight: 1.0,
                mode: if e.prefix {
                    MatchMode::Prefix
                } else {
                    MatchMode::Exact
                },
                presupposes: None,
                level: None,
                alignment: false,
                note: None,
                origin,
            });
        }
    }
    if lexicon.cues.is_empty() {
        return Err(err(path, None, no_dimension(dict, &undefined)));
    }
    lexicon.cues.sort_by_key(|c| c.dimension);
    let hostile = lexicon
        .cues
        .iter()
        .filter(|c| c.dimension == Dimension::Hostility)
        .count();
    if hostile > 0 {
        warnings.push(format!(
            "{}: the {hostile} hostility cues have no level, so they count as \"strained\" (5) \
             and tension from them stays below 5; give fighting and threats their level \
             (`level = 8`, `level = 7`) in the written TOML",
            path.display()
        ));
    }
    lexicon.sources.push(path.display().to_string());
    Ok(Imported { lexicon, warnings })
}

/// Why nothing was imported: the `--map` names that the dictionary lacks, or else the
/// categories (a few, and how many) and how to map one.
fn no_dimension(dict: &Dictionary, undefined: &[&str]) -> String {
    let n = dict.categories.len();
    let cats = if n == 1 {
        "1 category".to_string()
    } else {
        format!("{n} categories")
    };
    if !undefined.is_empty() {
        return format!(
            "--map names {}, which the dictionary does not define, so no entry maps to a \
             dimension; its {cats}: {}",
            undefined.join(", "),
            capped(&dict.categories)
        );
    }
    format!(
        "none of its {cats} is a dimension ({}); map those that stand for one with --map \
         CATEGORY=hostility|rapprochement|uncertainty",
        capped(&dict.categories)
    )
}

/// Read a LIWC `.dic` file into cues.
pub fn import_dic(bytes: &[u8], path: &Path, map: &CategoryMap) -> Result<Imported, LexiconError> {
    let dict = parse_dic(bytes, path)?;
    to_lexicon(&dict, path, map)
}

/// The cues a dictionary format can carry: all but the phrases of weight 0, which block the cue
/// inside them ("War Office") and would read as cues in a format without weights.
pub(crate) fn exported_cues(lex: &Lexicon) -> impl Iterator<Item = &Cue> {
    lex.cues.iter().filter(|c| c.weight > 0.0)
}

/// The warnings of exporting cues to a format with no weights, modifiers or stems.
pub(crate) fn export_warnings(lex: &Lexicon, format: &str) -> Vec<String> {
    let mut w = Vec::new();
    let blocking = lex.cues.iter().filter(|c| c.weight == 0.0).count();
    if blocking > 0 {
        w.push(format!(
            "{format} has no weights: the {blocking} phrases of weight 0 (\"War Office\"), which \
             block the cue inside them, are left out rather than exported as cues"
        ));
    }
    let weighted = exported_cues(lex).filter(|c| c.weight != 1.0).count();
    if weighted > 0 {
        w.push(format!(
            "{format} has no weights: the weights of {weighted} cues are lost"
        ));
    }
    let levelled = lex
        .cues
        .iter()
        .filter(|c| c.level.is_some() || c.presupposes.is_some_and(|p| p.level.is_some()))
        .count();
    let presupposing = lex.cues.iter().filter(|c| c.presupposes.is_some()).count();
    if levelled + presupposing > 0 {
        w.push(format!(
            "{format} has no levels or presuppositions: the tension levels of {levelled} cues \
             and the presuppositions of {presupposing} are lost"
        ));
    }
    if !lex.modifiers.is_empty() {
        w.push(format!(
            "{format} has no modifiers: {} negators, hedges and other modifiers are not exported",
            lex.modifiers.len()
        ));
    }
    if !lex.actors.is_empty() {
        w.push(format!(
            "{format} has no actors: {} actors are not exported",
            lex.actors.len()
        ));
    }
    let stems: Vec<&str> = lex
        .cues
        .iter()
        .filter(|c| c.mode == MatchMode::Stem)
        .map(|c| c.term.as_str())
        .collect();
    if !stems.is_empty() {
        w.push(format!(
            "{} stem cues are written as plain words, which {format} matches only as written \
             (\"{}\" no longer matches its other forms); add forms or a * where wanted",
            stems.len(),
            stems[0]
        ));
    }
    w
}

/// The term as a `.dic` or glob entry: a prefix with its `*`.
pub(crate) fn glob_term(term: &str, mode: MatchMode) -> String {
    if mode == MatchMode::Prefix {
        format!("{term}*")
    } else {
        term.to_string()
    }
}

/// Write our cues as a LIWC `.dic` with three categories: 1 hostility, 2 rapprochement,
/// 3 uncertainty. A term in two dimensions is one line with two categories.
pub fn export_dic(lex: &Lexicon) -> Exported {
    let mut text = String::from("%\n");
    for d in Dimension::ALL {
        text.push_str(&format!("{}\t{}\n", d.index() + 1, d.name()));
    }
    text.push_str("%\n");
    let mut lines: Vec<(String, Vec<usize>)> = Vec::new();
    for c in exported_cues(lex) {
        let t = glob_term(&c.term, c.mode);
        let cat = c.dimension.index() + 1;
        match lines.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(&t)) {
            Some((_, cats)) if !cats.contains(&cat) => cats.push(cat),
            Some(_) => {}
            None => lines.push((t, vec![cat])),
        }
    }
    for (t, cats) in lines {
        text.push_str(&t);
        for c in cats {
            text.push_str(&format!("\t{c}"));
        }
        text.push('\n');
    }
    Exported {
        text,
        warnings: export_warnings(lex, "LIWC .dic"),
    }
}

/// Check a dictionary round trip: `back`, imported from an export of `lex`, has the same cues,
/// and its one warning is the one thing a dictionary cannot say (the levels of the hostility
/// cues).
#[cfg(test)]
pub(crate) fn assert_round_trip(back: &Imported, lex: &Lexicon) {
    assert_eq!(back.warnings.len(), 1, "{:?}", back.warnings);
    assert!(
        back.warnings[0].contains("have no level"),
        "{:?}",
        back.warnings
    );
    assert_eq!(cue_keys(&back.lexicon), cue_keys(lex));
}

/// A lexicon's exportable cues as (term, dimension, prefix), sorted and without repeats: what
/// a dictionary round trip must keep.
#[cfg(test)]
pub(crate) fn cue_keys(l: &Lexicon) -> Vec<(String, Dimension, bool)> {
    let mut v: Vec<(String, Dimension, bool)> = exported_cues(l)
        .map(|c| {
            (
                c.term.to_lowercase(),
                c.dimension,
                c.mode == MatchMode::Prefix,
            )
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v.dedup();
    v
}

/// A lexicon's cues as (term, dimension, match mode), in order: what an import made.
#[cfg(test)]
pub(crate) fn cue_list(l: &Lexicon) -> Vec<(&str, Dimension, MatchMode)> {
    l.cues
        .iter()
        .map(|c| (c.term.as_str(), c.dimension, c.mode))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.dic")
    }

    #[test]
    fn tolerant_reader() {
        let src =
            b"\xEF\xBB\xBF%\r\n1\tanger\r\n02\tposemo (Positive emotion)\r\n3 hostility\r\n%\r\n\
            # a comment\r\n\r\nattack*\t\t1   3\r\nfriend*\t2\r\nattack*\t1\t2\r\nkind of\t02\r\n\
            like\t02 (134 135)126 3/4\r\nodd\t99\r\n:)\t2\r\ncafe\xE9\t2\r\n";
        let d = parse_dic(src, p()).unwrap();
        assert_eq!(d.categories, ["anger", "posemo", "hostility"]);
        let terms: Vec<(&str, bool)> = d
            .entries
            .iter()
            .map(|e| (e.term.as_str(), e.prefix))
            .collect();
        assert_eq!(
            terms,
            [
                ("attack", true),
                ("friend", true),
                ("kind of", false),
                ("like", false),
                ("cafeé", false)
            ]
        );
        assert_eq!(d.entries[0].categories, ["anger", "hostility", "posemo"]);
        assert_eq!(d.entries[0].line, Some(8));
        assert_eq!(d.entries[3].categories, ["posemo"]);
        let w = d.warnings.join("\n");
        assert!(w.contains("not UTF-8; read as Latin-1"), "{w}");
        assert!(
            w.contains("x.dic:10: duplicate term \"attack*\" (first at line 8)"),
            "{w}"
        );
        assert!(w.contains("x.dic:12: conditional categories"), "{w}");
        assert!(w.contains("\"odd\" has no known category"), "{w}");
        assert!(
            w.contains("categories not in the header, ignored: 99 (1×)"),
            "{w}"
        );
        assert!(w.contains("skipped \":)\": has no word in it"), "{w}");
    }

    #[test]
    fn lines_end_in_lf_crlf_or_cr() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\r\rb\n"), ["a", "", "b", ""]);
        let cr = parse_dic(b"%\r1\thostility\r%\rwar\t1\rborder incident\t1", p()).unwrap();
        let lf = parse_dic(b"%\n1\thostility\n%\nwar\t1\nborder incident\t1\n", p()).unwrap();
        assert_eq!(cr, lf);
        assert_eq!(cr.entries[1].line, Some(5));
    }

    #[test]
    fn long_lists_are_capped() {
        let many: Vec<String> = (1..=20).map(|i| format!("c{i}")).collect();
        assert_eq!(capped(&many), "c1, c2, c3, c4, c5, c6, c7, c8 and 12 more");
        assert_eq!(capped(&many[..LISTED]), many[..LISTED].join(", "));
    }

    #[test]
    fn header_errors_and_headerless_files() {
        let e = parse_dic(b"%\n1\tanger\n", p()).unwrap_err().to_string();
        assert!(e.starts_with("x.dic:1: the category header"), "{e}");
        let e = parse_dic(b"%\n1\n%\n", p()).unwrap_err().to_string();
        assert!(e.contains("category \"1\" has no name"), "{e}");
        let d = parse_dic(b"war  hostility\nborder incident\thostility\n", p()).unwrap();
        assert_eq!(d.categories, ["hostility"]);
        assert_eq!(d.entries[1].term, "border incident");
    }

    #[test]
    fn mapping_and_skipped_categories() {
        let src = b"%\n1\tanger\n2\tposemo\n3\tfunct\n%\nattack*\t1\nfriend*\t2\nthe\t3\n";
        let map = CategoryMap::from_specs(&["Anger=hostility", "posemo=rapprochement"]).unwrap();
        let imp = import_dic(src, p(), &map).unwrap();
        assert_eq!(
            cue_list(&imp.lexicon),
            [
                ("attack", Dimension::Hostility, MatchMode::Prefix),
                ("friend", Dimension::Rapprochement, MatchMode::Prefix)
            ]
        );
        assert!(imp.warnings.iter().any(|w| w.contains("skipped: funct")));
        let e = import_dic(src, p(), &CategoryMap::default()).unwrap_err();
        assert!(
            e.to_string()
                .contains("none of its 3 categories is a dimension (anger, posemo, funct)"),
            "{e}"
        );
        assert!(CategoryMap::parse_pair("anger").is_err());
        assert!(CategoryMap::parse_pair("anger=fury").is_err());
    }

    #[test]
    fn export_then_import_keeps_terms_and_dimensions() {
        let lex = Lexicon::builtin().unwrap();
        let out = export_dic(&lex);
        assert!(
            out.text
                .starts_with("%\n1\thostility\n2\trapprochement\n3\tuncertainty\n%\n")
        );
        assert!(out.text.contains("\nprovocat*\t1\n"));
        assert!(out.warnings.iter().any(|w| w.contains("weights")));
        assert!(out.warnings.iter().any(|w| w.contains("tension levels")));
        let back = import_dic(out.text.as_bytes(), p(), &CategoryMap::default()).unwrap();
        assert_round_trip(&back, &lex);
        assert!(out.warnings.iter().any(|w| w.contains("weight 0")));
        assert!(!out.text.contains("war office"));
    }
}
