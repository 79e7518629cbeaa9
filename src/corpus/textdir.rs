//! Plain-text documents: one `.txt` file is one document, with optional front matter.
//!
//! Front matter is TOML between `+++` lines or YAML between `---` lines at the very top of the
//! file. It may hold `id`, `date` (`1938-07-16`, `1941-03` or `1938`), `author`, `author_role`,
//! `recipient`, `place`, `source`, `url`, `title` and `notes` (a list of editorial footnotes,
//! kept with the document and never scored). Any other key is an error naming the file and line:
//! hand-written metadata is where typos hide, and a misspelt `dat:` must not silently leave a
//! document undated. Without front matter the file stem is the id.
//!
//! A folder is read recursively, in sorted order of relative path; hidden entries (names starting
//! with `.`) are skipped, symbolic links to folders are not followed (no cycles), and files that
//! are not `.txt` are counted in a warning, never read.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{DocMeta, Document, PartialDate, Problem};
use crate::location::Location;

/// The keys front matter may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    date: Option<DateText>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    author_role: Option<String>,
    #[serde(default)]
    recipient: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
}

/// A date as written, checked after parsing so the error can name the document. Accepts a
/// string, a TOML date literal (`date = 1938-07-16` unquoted) or a bare year number.
#[derive(Debug)]
struct DateText(String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as \"1938-07-16\", \"1941-03\" or \"1938\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            // A TOML date literal arrives as a one-entry map holding its text.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateText, A::Error> {
                match map.next_entry::<String, String>()? {
                    Some((_, v)) => Ok(DateText(v)),
                    None => Err(de::Error::custom("empty date")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Front matter syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Toml,
    Yaml,
}

/// Parse one text document: front matter (optional) and body. `path` names the file in errors
/// and gives the default id (its stem); `fallback_id` overrides the stem (e.g. `stdin`).
pub fn parse_text(
    path: &Path,
    fallback_id: Option<&str>,
    content: &str,
) -> Result<Document, Problem> {
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    // Old Mac line endings (a lone CR): read as line breaks, so front matter is recognised.
    let normalised;
    let content = if content.contains('\r') && content.replace("\r\n", "").contains('\r') {
        normalised = content.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        content
    };
    let file = || Location::file(path);
    let (fm, body, body_line) = split_front_matter(content).map_err(|(line, message)| Problem {
        location: file().line(line),
        message,
    })?;
    let front: FrontMatter = match fm {
        None => FrontMatter::default(),
        Some((Syntax::Toml, text)) => toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| Location::line_col(text, s.start).0);
            // TOML date literals must be full days; a month or a year must be quoted.
            let hint = if e.message().contains("date") {
                "; write a month or a year as a string, e.g. date = \"1941-03\""
            } else {
                ""
            };
            Problem {
                location: file().line(line + 1),
                message: format!("front matter (TOML): {}{hint}", e.message().trim()),
            }
        })?,
        Some((Syntax::Yaml, text)) => {
            if text.trim().is_empty() {
                FrontMatter::default()
            } else {
                serde_yaml_ng::from_str(text).map_err(|e| {
                    let line = e.location().map_or(1, |l| l.line());
                    Problem {
                        location: file().line(line + 1),
                        message: format!(
                            "front matter (YAML): {}",
                            strip_yaml_position(&e.to_string())
                        ),
                    }
                })?
            }
        }
    };
    let id = match (&front.id, fallback_id) {
        (Some(id), _) => id.trim().to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if id.is_empty() {
        return Err(Problem {
            location: file(),
            message: "empty document id; set `id` in the front matter".into(),
        });
    }
    let date = match &front.date {
        None => None,
        Some(DateText(s)) => Some(PartialDate::parse(s).map_err(|m| Problem {
            location: file().line(key_line(content, "date")).doc(id.clone()),
            message: format!("{m}; fix the `date` in the front matter"),
        })?),
    };
    let text = body.trim_end().trim_start_matches(['\n', '\r']).to_string();
    if text.trim().is_empty() {
        return Err(Problem {
            location: file().doc(id),
            message: "no text (empty or whitespace-only document); nothing to score".into(),
        });
    }
    let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    Ok(Document {
        id: id.clone(),
        meta: DocMeta {
            date,
            author: clean(front.author),
            author_role: clean(front.author_role),
            recipient: clean(front.recipient),
            place: clean(front.place),
            source: clean(front.source),
            url: clean(front.url),
            title: clean(front.title),
        },
        text,
        notes: front
            .notes
            .into_iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
        origin: file().line(body_line).doc(id),
    })
}

/// serde_yaml_ng appends "at line N column M" (relative to the front matter); the caller gives
/// the line in the file instead.
fn strip_yaml_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// 1-based line of the first front-matter line that sets `key` (for errors found after parsing).
fn key_line(content: &str, key: &str) -> usize {
    content
        .lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |i| i + 1)
}

type Split<'a> = (Option<(Syntax, &'a str)>, &'a str, usize);

/// Split `content` into front matter, body, and the 1-based line where the body starts. An
/// opening marker without a closing one is an error (line, message).
fn split_front_matter(content: &str) -> Result<Split<'_>, (usize, String)> {
    let first_end = content.find('\n').unwrap_or(content.len());
    let syntax = match content[..first_end].trim_end() {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        _ => return Ok((None, content, 1)),
    };
    let marker = if syntax == Syntax::Toml { "+++" } else { "---" };
    let fm_start = (first_end + 1).min(content.len());
    let mut pos = fm_start;
    let mut line = 2;
    while pos < content.len() {
        let end = content[pos..].find('\n').map_or(content.len(), |i| pos + i);
        let l = content[pos..end].trim_end();
        if l == marker || (syntax == Syntax::Yaml && l == "...") {
            let body_start = (end + 1).min(content.len());
            return Ok((
                Some((syntax, &content[fm_start..pos])),
                &content[body_start..],
                line + 1,
            ));
        }
        pos = end + 1;
        line += 1;
    }
    Err((
        1,
        format!(
            "front matter opened with `{marker}` on line 1 is never closed; add a `{marker}` line after it"
        ),
    ))
}

/// The files of a folder, read recursively.
#[derive(Debug, Default)]
pub struct FolderListing {
    /// `.txt` files, sorted by relative path.
    pub texts: Vec<PathBuf>,
    /// Other files (not hidden), sorted; reported in a warning.
    pub skipped: Vec<PathBuf>,
    /// Named pipes, devices and sockets (or links to them): never opened from a folder, where
    /// a pipe would wait forever for a writer; reported in a warning.
    pub special: Vec<PathBuf>,
    /// Entries that could not be listed.
    pub problems: Vec<Problem>,
}

/// List a folder's `.txt` files recursively in a stable order. Iterative (an explicit stack),
/// so a very deep tree cannot overflow the call stack.
pub fn list_folder(root: &Path) -> FolderListing {
    let mut out = FolderListing::default();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let unlisted = |e: std::io::Error| Problem {
            location: Location::file(&dir),
            message: format!("cannot list folder: {e}"),
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                out.problems.push(unlisted(e));
                continue;
            }
        };
        let mut subdirs = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.problems.push(unlisted(e));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            // file_type() does not follow symbolic links: a linked folder is not entered.
            let Ok(ft) = entry.file_type() else { continue };
            let regular = ft.is_file()
                || (ft.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
            let linked_dir = ft.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
            if ft.is_dir() {
                subdirs.push(path);
            } else if regular && is_txt(&path) {
                out.texts.push(path);
            } else if regular || linked_dir || ft.is_symlink() && !path.exists() {
                out.skipped.push(path);
            } else {
                out.special.push(path);
            }
        }
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev());
    }
    out.texts.sort();
    out.skipped.sort();
    out.special.sort();
    out
}

/// The manifest of a folder of text files, if it has one at its top (`manifest.tsv` or
/// `manifest.csv`): it then says which files are documents and gives their metadata.
pub fn folder_manifest(folder: &Path) -> Option<PathBuf> {
    ["manifest.tsv", "manifest.csv"]
        .iter()
        .map(|n| folder.join(n))
        .find(|p| p.is_file())
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PathBuf {
        PathBuf::from("a/kirk-0805.txt")
    }

    #[test]
    fn no_front_matter_uses_stem() {
        let d = parse_text(&p(), None, "The Soviet press is hostile.\n").unwrap();
        assert_eq!(d.id, "kirk-0805");
        assert_eq!(d.text, "The Soviet press is hostile.");
        assert_eq!(d.meta.date, None);
    }

    #[test]
    fn toml_front_matter() {
        let src = "+++\nid = \"d465\"\ndate = 1938-08-05\nauthor = \"Kirk\"\nnotes = [\"Not printed.\"]\n+++\n\nTass report follows.\n";
        let d = parse_text(&p(), None, src).unwrap();
        assert_eq!(d.id, "d465");
        assert_eq!(d.meta.date, Some(PartialDate::ymd(1938, 8, 5)));
        assert_eq!(d.meta.author.as_deref(), Some("Kirk"));
        assert_eq!(d.notes, vec!["Not printed."]);
        assert_eq!(d.text, "Tass report follows.");
        assert_eq!(d.origin.line, Some(7));
    }

    #[test]
    fn yaml_front_matter_month_and_year() {
        let src = "---\ndate: 1941-03\nplace: Washington\n---\nText.";
        let d = parse_text(&p(), None, src).unwrap();
        assert_eq!(d.meta.date, Some(PartialDate::ym(1941, 3)));
        assert_eq!(d.meta.place.as_deref(), Some("Washington"));
        let d = parse_text(&p(), None, "---\ndate: 1938\n---\nText.").unwrap();
        assert_eq!(d.meta.date.map(|x| x.to_string()), Some("1938".into()));
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let e =
            parse_text(&p(), None, "---\nauthor: Kirk\ndat: 1938-08-05\n---\nText.").unwrap_err();
        assert_eq!(e.location.line, Some(3), "{e}");
        assert!(e.message.contains("unknown field `dat`"), "{e}");
        let e = parse_text(&p(), None, "+++\nauthr = \"Kirk\"\n+++\nText.").unwrap_err();
        assert_eq!(e.location.line, Some(2), "{e}");
        assert!(e.to_string().starts_with("a/kirk-0805.txt:2"), "{e}");
    }

    #[test]
    fn unquoted_toml_month_gets_a_hint() {
        let e = parse_text(&p(), None, "+++\ndate = 1941-03\n+++\nText.").unwrap_err();
        assert_eq!(e.location.line, Some(2));
        assert!(e.message.contains("date = \"1941-03\""), "{e}");
    }

    #[test]
    fn bad_date_names_document() {
        let e = parse_text(
            &p(),
            None,
            "+++\nid = \"x1\"\n\ndate = \"1938-13-40\"\n+++\nText.",
        )
        .unwrap_err();
        assert_eq!(e.location.doc.as_deref(), Some("x1"));
        assert_eq!(e.location.line, Some(4));
        assert!(e.message.contains("month 13"), "{e}");
    }

    #[test]
    fn empty_and_unclosed() {
        let e = parse_text(&p(), None, "  \n\t\n").unwrap_err();
        assert!(e.message.contains("no text"), "{e}");
        let e = parse_text(&p(), None, "+++\nid = \"a\"\n+++\n\n").unwrap_err();
        assert!(e.message.contains("no text"), "{e}");
        let e = parse_text(&p(), None, "+++\nid = \"a\"\nText.").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn crlf_and_bom() {
        let d = parse_text(&p(), None, "\u{FEFF}---\r\nid: w\r\n---\r\nText.\r\n").unwrap();
        assert_eq!(d.id, "w");
        assert_eq!(d.text, "Text.");
    }

    #[test]
    fn folder_listing_is_sorted_and_recursive() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        std::fs::create_dir(r.join("b")).unwrap();
        std::fs::write(r.join("b/2.txt"), "x").unwrap();
        std::fs::write(r.join("c.txt"), "x").unwrap();
        std::fs::write(r.join("a.TXT"), "x").unwrap();
        std::fs::write(r.join("notes.md"), "x").unwrap();
        std::fs::write(r.join(".hidden.txt"), "x").unwrap();
        let l = list_folder(r);
        let names: Vec<_> = l
            .texts
            .iter()
            .map(|p| p.strip_prefix(r).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.TXT", "b/2.txt", "c.txt"]);
        assert_eq!(l.skipped.len(), 1);
    }
}
