//! Corpora of every kind, mixed in one call, and the bad input each reader must report:
//! duplicate ids, entity bombs, malformed XML, wrong encodings, empty files, impossible dates.

use std::path::{Path, PathBuf};

use diplostance::corpus::{self, DatePrecision, Document, PartialDate, ReadOptions};

use crate::util;

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn load(paths: &[PathBuf]) -> corpus::Corpus {
    corpus::load(paths, &ReadOptions::default()).unwrap()
}

fn lossy(paths: &[PathBuf]) -> corpus::Corpus {
    corpus::load(
        paths,
        &ReadOptions {
            lossy: true,
            ..ReadOptions::default()
        },
    )
    .unwrap()
}

/// A real sentence from the seeds, so documents look like the corpus.
const KREMLIN: &str = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring.";

#[test]
fn mixed_kinds_read_as_one_corpus_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "texts/b.txt",
        format!("---\nid: henderson-45\ndate: 1936-02-13\nauthor: Henderson\n---\n{KREMLIN}\n"),
    );
    write(d, "texts/a.txt", format!("{KREMLIN}\n"));
    write(
        d,
        "texts/sub/c.txt",
        format!("+++\ndate = \"1941-03\"\n+++\n{KREMLIN}\n"),
    );
    write(d, "texts/README.md", "not a document");
    let jsonl = write(
        d,
        "more.jsonl",
        format!(
            "{{\"id\":\"j1\",\"date\":\"1938\",\"author\":\"Grew\",\"text\":\"{KREMLIN}\"}}\n\n{{\"id\":\"j2\",\"date\":null,\"text\":\"Tass denies it.\"}}\n"
        ),
    );
    let manifest = write(
        d,
        "m.csv",
        format!("id,text,date,author\nm1,\"{KREMLIN}\",1938-08-05,Kirk\n"),
    );
    let single = write(d, "one.text", "Litvinov is bubbling over with optimism.");
    let c = load(&[d.join("texts"), util::tei_1938(), jsonl, manifest, single]);
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(&ids[..3], ["a", "henderson-45", "c"]);
    assert_eq!(ids[3], "frus1938v03-d423");
    assert_eq!(&ids[67..], ["j1", "j2", "m1", "one"]);
    assert_eq!(c.docs.len(), 3 + 64 + 2 + 1 + 1);
    assert_eq!(c.docs[1].meta.date, Some(PartialDate::ymd(1936, 2, 13)));
    assert_eq!(
        c.docs[2].meta.date.map(|d| d.precision()),
        Some(DatePrecision::Month)
    );
    assert_eq!(
        c.docs[67].meta.date.map(|d| d.precision()),
        Some(DatePrecision::Year)
    );
    assert_eq!(c.docs[69].meta.author.as_deref(), Some("Kirk"));
    // Undated documents are kept and counted; the skipped README is reported.
    assert_eq!(c.undated(), 3);
    let w = c.warnings.join("\n");
    assert!(w.contains("1 file skipped (not .txt): README.md"), "{w}");
    assert!(
        w.contains("1 of 3 documents has no date") && w.contains(": a"),
        "{w}"
    );
    assert!(
        w.contains("1 of 2 documents has no date") && w.contains("j2"),
        "{w}"
    );
}

#[test]
fn duplicate_ids_across_inputs_name_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "dup.jsonl",
        "{\"id\":\"frus1938v03-d465\",\"text\":\"A second copy.\"}\n",
    );
    let c = load(&[util::tei_1938(), jsonl.clone()]);
    assert_eq!(c.docs.len(), 64, "the later duplicate is not used");
    assert_eq!(c.problems.len(), 1);
    let p = c.problems[0].to_string();
    assert!(p.contains("duplicate id \"frus1938v03-d465\""), "{p}");
    assert!(p.contains("dup.jsonl:1"), "{p}");
    assert!(p.contains("frus1938v03-soviet-japanese-border.xml:"), "{p}");
    let kept = c.docs.iter().find(|d| d.id == "frus1938v03-d465").unwrap();
    assert!(kept.text.starts_with("229."));
}

#[test]
fn bundled_has_the_five_seeds_with_dates_authors_and_notes() {
    let docs = corpus::bundled();
    assert_eq!(docs.len(), 5);
    let by = |id: &str| docs.iter().find(|d| d.id == id).unwrap();
    let welles = by("frus1941v04-d63");
    assert_eq!(welles.meta.date, Some(PartialDate::ym(1941, 3)));
    assert_eq!(welles.meta.date.unwrap().precision(), DatePrecision::Month);
    assert_eq!(welles.meta.author.as_deref(), Some("Welles"));
    assert_eq!(welles.meta.source.as_deref(), Some("711.94/2103"));
    assert!(
        welles.text.contains("[Page 113]"),
        "page markers stay for the tokenizer"
    );
    assert!(welles.notes[0].starts_with("For Mr. Welles’ warning of German attack"));
    assert!(!welles.text.contains("warning of German attack"));
    let henderson = by("frus1936v04-d48");
    assert_eq!(henderson.meta.date, Some(PartialDate::ymd(1936, 2, 13)));
    assert_eq!(henderson.meta.author.as_deref(), Some("Henderson"));
    assert_eq!(henderson.meta.place.as_deref(), Some("Moscow"));
    assert_eq!(henderson.notes, vec!["Not printed."]);
    assert!(henderson.text.trim_end().ends_with("Henderson"));
    assert_eq!(
        henderson.meta.url.as_deref(),
        Some("https://history.state.gov/historicaldocuments/frus1936v04/d48")
    );
    let authors: Vec<_> = docs
        .iter()
        .filter_map(|d| d.meta.author.as_deref())
        .collect();
    assert_eq!(
        authors,
        ["Welles", "Grew", "Steinhardt", "Davies", "Henderson"]
    );
    assert_eq!(
        by("frus1939v03-d58").meta.date,
        Some(PartialDate::ymd(1939, 9, 4))
    );
}

#[test]
fn bundled_equals_the_seed_folder_read_from_disk() {
    let c = load(&[util::repo().join("corpus/seeds")]);
    assert!(c.problems.is_empty() && c.warnings.is_empty(), "{c:?}");
    let strip = |d: &Document| Document {
        origin: Default::default(),
        ..d.clone()
    };
    let disk: Vec<_> = c.docs.iter().map(strip).collect();
    let bundled: Vec<_> = corpus::bundled().iter().map(strip).collect();
    assert_eq!(disk, bundled);
    // The text is the shared seed text, minus only the footnote lines moved to `notes`.
    let seed =
        std::fs::read_to_string(util::shared_file("seeds/002_f7dd297497f529c9.txt")).unwrap();
    assert_eq!(disk[2].text, seed.trim_end());
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let dir = tempfile::tempdir().unwrap();
    let mut dtd = String::from("<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n{dtd}]>\n<TEI xml:id=\"v\"><text><body><div type=\"document\" xml:id=\"d1\"><p>&lol9;</p></div></body></text></TEI>\n"
    );
    let p = write(dir.path(), "lol.xml", xml);
    let c = load(&[p]);
    assert!(c.docs.is_empty());
    assert_eq!(c.problems.len(), 2);
    let msg = c.problems[0].to_string();
    assert!(
        msg.contains("lol.xml:") && msg.contains("DOCTYPE declares entities"),
        "{msg}"
    );
    // ... and the document it held is counted as not read.
    assert!(
        c.problems[1]
            .message
            .starts_with("1 of 1 document in this file was not read"),
        "{}",
        c.problems[1]
    );
}

#[test]
fn external_entity_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "xxe.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<TEI><text><body><div type=\"document\" xml:id=\"d1\"><p>&xxe;</p></div></body></text></TEI>",
    );
    let c = load(&[p]);
    assert!(c.docs.is_empty());
    assert!(
        c.problems[0].message.contains("refused"),
        "{:?}",
        c.problems
    );
}

#[test]
fn malformed_xml_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.xml",
        "<TEI xml:id=\"v\">\n<text><body>\n<div type=\"document\" xml:id=\"d1\"><p>Fine.</p></div>\n<div type=\"document\" xml:id=\"d2\">\n  <p>Broken</quote>\n</div></body></text></TEI>\n",
    );
    let c = load(&[p]);
    assert_eq!(c.docs.len(), 1, "documents before the error are kept");
    assert_eq!(c.problems.len(), 1);
    let e = &c.problems[0];
    assert_eq!(e.location.line, Some(5), "{e}");
    assert!(e.location.column.is_some_and(|c| c > 1), "{e}");
    assert!(e.to_string().contains("bad.xml:5:"), "{e}");
    assert!(e.message.contains("malformed XML"), "{e}");
}

#[test]
fn non_utf8_is_refused_then_replaced_with_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"The Ambassador said\nthe caf".to_vec();
    bytes.push(0xe9); // Latin-1 e-acute
    bytes.extend_from_slice(b" was closed.\n");
    let p = write(dir.path(), "latin1.txt", &bytes);
    let c = load(std::slice::from_ref(&p));
    assert!(c.docs.is_empty());
    let e = c.problems[0].to_string();
    assert!(
        e.contains("latin1.txt:2:8") && e.contains("not valid UTF-8"),
        "{e}"
    );
    assert!(e.contains("offset 27") && e.contains("--lossy"), "{e}");

    let c = lossy(&[p]);
    assert_eq!(c.docs.len(), 1);
    assert!(c.docs[0].text.contains("caf\u{FFFD} was closed"));
    assert_eq!(
        c.warnings[0],
        format!(
            "{}: 1 byte replaced (not valid UTF-8)",
            dir.path().join("latin1.txt").display()
        )
    );

    let j = write(
        dir.path(),
        "bad.jsonl",
        [
            b"{\"id\":\"a\",\"text\":\"caf".as_slice(),
            &[0xe9],
            b"\"}\n",
        ]
        .concat(),
    );
    let c = load(std::slice::from_ref(&j));
    assert!(
        c.problems[0].to_string().contains("bad.jsonl:1:"),
        "{:?}",
        c.problems
    );
    let c = lossy(&[j]);
    assert_eq!(c.docs[0].text, "caf\u{FFFD}");
}

#[test]
fn empty_and_whitespace_files_are_problems_not_zero_scores() {
    let dir = tempfile::tempdir().unwrap();
    let e = write(dir.path(), "texts/empty.txt", "");
    write(dir.path(), "texts/blank.txt", " \n\t\n");
    write(dir.path(), "texts/ok.txt", KREMLIN);
    let c = load(&[dir.path().join("texts")]);
    assert_eq!(c.docs.len(), 1);
    assert_eq!(c.problems.len(), 2);
    for p in &c.problems {
        assert!(p.message.contains("no text"), "{p}");
    }
    assert!(
        c.problems
            .iter()
            .any(|p| p.location.path.as_deref() == Some(e.as_path()))
    );
}

#[test]
fn bad_date_names_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "t.txt",
        format!("+++\nid = \"kirk-x\"\ndate = \"1938-13-40\"\n+++\n{KREMLIN}"),
    );
    let j = write(
        dir.path(),
        "j.jsonl",
        format!("{{\"id\":\"grew-y\",\"date\":\"1938-02-30\",\"text\":\"{KREMLIN}\"}}\n"),
    );
    let c = load(&[t, j]);
    assert!(c.docs.is_empty());
    let msgs: Vec<String> = c.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        msgs[0].contains("t.txt:3 [document kirk-x]") && msgs[0].contains("month 13"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("j.jsonl:1 [document grew-y]") && msgs[1].contains("day 30"),
        "{msgs:?}"
    );
}

#[test]
fn missing_paths_and_empty_folders_are_problems_all_missing_is_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let ok = write(dir.path(), "ok.txt", KREMLIN);
    write(dir.path(), "nothing/notes.md", "x");
    let missing = dir.path().join("absent.xml");
    let c = load(&[missing.clone(), ok, dir.path().join("nothing")]);
    assert_eq!(c.docs.len(), 1);
    assert_eq!(c.problems.len(), 2);
    assert!(
        c.problems[0].to_string().contains("absent.xml"),
        "{:?}",
        c.problems
    );
    assert!(
        c.problems[1].message.contains("no .txt files"),
        "{:?}",
        c.problems
    );

    let err = corpus::load(&[missing], &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("absent.xml"), "{err}");
    assert!(corpus::load(&[], &ReadOptions::default()).is_err());
}

#[test]
fn stream_yields_before_the_end_and_keeps_warnings() {
    let mut s = corpus::read(&[util::tei_1938()], &ReadOptions::default()).unwrap();
    let first = s.next().unwrap().unwrap();
    assert_eq!(first.id, "frus1938v03-d423");
    assert_eq!(s.by_ref().count(), 63);
    assert!(s.warnings().is_empty());
    assert!(s.next().is_none());
}
