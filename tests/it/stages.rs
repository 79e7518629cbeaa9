//! The library's stages import only downward (see `src/lib.rs`): a module may use the stages
//! before it and the leaf modules, never a stage after it or beside it, so there is no import
//! circle between stages.

use std::path::Path;

use crate::util::repo;

/// Stages in order; a stage may import those of a lower rank.
const RANKS: [(&str, u8); 9] = [
    ("text", 0),
    ("corpus", 0),
    ("lexicon", 1),
    ("score", 2),
    ("analysis", 3),
    ("agreement", 3),
    ("output", 4),
    ("report", 5),
    ("cli", 6),
];

/// Modules every stage may import: they import no stage.
const LEAVES: [&str; 8] = [
    "atomic",
    "csv_writer",
    "dimension",
    "hash",
    "location",
    "plural",
    "span",
    "stats",
];

/// The library's error and its result type.
const ERROR: [&str; 3] = ["error", "Error", "Result"];

fn rank(name: &str) -> Option<u8> {
    RANKS.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// The code of a file without its test module and comments.
fn code_of(text: &str) -> String {
    let end = text.find("\n#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::` (or `diplostance::`).
fn imported(code: &str, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = code
        .match_indices(prefix)
        .map(|(i, _)| {
            code[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|m| !m.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn stages_import_only_downward() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        let mut names = imported(&code, "crate::");
        if module == "cli" {
            names.extend(imported(&code, "diplostance::"));
        }
        for name in names.iter().filter(|n| **n != module) {
            checked += 1;
            let ok = if LEAVES.contains(&module.as_str()) {
                LEAVES.contains(&name.as_str())
            } else {
                match (rank(&module), rank(name)) {
                    (Some(m), Some(n)) => n < m,
                    // a leaf or a re-export at the root (`crate::Dimension`); the library's
                    // error wraps every stage's, so only the report and the CLI may use it
                    (Some(m), None) => !ERROR.contains(&name.as_str()) || m >= 5,
                    _ => true,
                }
            };
            if !ok {
                wrong.push(format!("{}: {module} imports {name}", rel.display()));
            }
        }
    }
    assert!(checked > 100, "only {checked} imports read");
    assert!(wrong.is_empty(), "{wrong:#?}");
}
