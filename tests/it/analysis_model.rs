//! Models and events as files: written atomically, read back with their paths in errors.

use std::path::Path;

use diplostance::analysis::events::{builtin_events, parse_events};

#[test]
fn shipped_events_file_is_the_builtin_one() {
    let path = crate::util::repo().join("lexicons/events.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let events = parse_events(&text, &path).unwrap();
    assert_eq!(events, builtin_events());
    assert!(events.len() >= 14);
    // Chronological, so charts can draw them in file order.
    assert!(events.windows(2).all(|w| w[0].start <= w[1].start));
}

#[test]
fn damaged_model_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    diplostance::atomic::write_atomic(&path, b"{\n  \"format_version\": 1,\n  \"k\": ]\n}\n")
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let err = diplostance::analysis::FittedModel::from_json(&text, &path).unwrap_err();
    let want = format!("{}:3:8", path.display());
    assert!(err.to_string().starts_with(&want), "{err}");
    let err = diplostance::analysis::FittedModel::from_json("[]", Path::new("x.json")).unwrap_err();
    assert!(err.to_string().contains("not a diplostance model"), "{err}");
}
