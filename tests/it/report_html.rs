//! The report page and writing a report folder.

use std::fs;

use diplostance::atomic::safe_file_name;
use diplostance::report::*;

use crate::report_sample as sample;

fn index(files: &ReportFiles) -> String {
    let bytes = &files
        .files
        .iter()
        .find(|(p, _)| p == "index.html")
        .expect("index.html")
        .1;
    String::from_utf8(bytes.clone()).unwrap()
}

#[test]
fn page_escapes_everything_taken_from_documents() {
    let html = index(&sample::report_files((700, 450)));
    // The only script element is the page's own (search and sorting).
    assert_eq!(
        html.to_ascii_lowercase().matches("<script").count(),
        1,
        "a script tag got through"
    );
    assert!(html.contains(&format!("<script>{}</script>", workbench::SCRIPT)));
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains("onerror=\""), "an attribute got through");
    assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror="));
    // The hostile id became a safe anchor, linked from the table.
    let hostile_id = format!("{}/../../etc", sample::PLANTED_IMG);
    let anchor = format!("doc-{}", safe_file_name(&hostile_id));
    assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    assert!(html.contains(&format!("href=\"#{anchor}\"")));
    // The only <svg elements are the inlined charts, one per chart.
    assert_eq!(html.matches("<svg ").count(), 6);
    assert!(
        !html.contains("http://") || html.matches("http://").count() == 6,
        "remote refs"
    );
}

#[test]
fn page_shows_analysis_charts_table_and_hits() {
    let html = index(&sample::report_files((700, 450)));
    for needle in [
        "<title>Soviet-Japanese relations, 1938</title>",
        "65 read, 64 scored, 1 skipped",
        "frus1938v03-d7",
        "2 documents dated to the month only",
        "Soviet Union - Japan",
        "diplostance 0.1.0",
        "<pre>    tension = 10 * h / (h + r + 1)",
        "id=\"chart-tension\"",
        "id=\"chart-agreement\"",
        "href=\"charts/tension.png\"",
        "href=\"scores.csv\"",
        "<mark>clashes</mark>",
        "<mark>attacked</mark>",
        "intensified by “grave” ×1.50",
        "japan, ussr",
    ] {
        assert!(html.contains(needle), "page lacks {needle}");
    }
    // Real text from the shared FRUS extract, shown with its hit.
    let para = sample::real_paragraph();
    assert!(
        html.contains("four <mark>clashes</mark> occurred near Hunchun"),
        "{para}"
    );
    // Table sorted by date, undated last; the document without hits has no section.
    let pos = |s: &str| html.find(s).unwrap();
    assert!(pos(">1938-02-03<") < pos(">1938-08<"));
    assert!(pos(">1938-08<") < pos(">frus1938v03-d99<"));
    assert!(!html.contains("id=\"doc-frus1938v03-d99\""));
    assert!(html.contains("id=\"doc-frus1938v03-d12\""));
    assert!(html.contains("<span class=\"note\">: armed clashes on the border"));
}

#[test]
fn same_input_same_bytes() {
    let a = sample::report_files((700, 450));
    let b = sample::report_files((700, 450));
    assert_eq!(a.files.len(), b.files.len());
    for ((pa, ba), (pb, bb)) in a.files.iter().zip(&b.files) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs");
    }
    let dir1 = tempfile::tempdir().unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    write_report(dir1.path(), &a).unwrap();
    write_report(dir2.path(), &b).unwrap();
    for (p, _) in &a.files {
        assert_eq!(
            fs::read(dir1.path().join(p)).unwrap(),
            fs::read(dir2.path().join(p)).unwrap(),
            "{p}"
        );
    }
}

#[test]
fn write_report_refuses_paths_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    for bad in ["../x", "charts/../../x", "/tmp/x"] {
        let mut files = ReportFiles::new();
        files.add("index.html", "ok");
        files.add(bad, "escaped");
        let err = write_report(&out, &files).unwrap_err().to_string();
        assert!(
            err.contains(bad) && err.contains("inside the report folder"),
            "{err}"
        );
    }
    assert!(!dir.path().join("x").exists());
    assert!(!out.exists(), "nothing written when a path is refused");
}

#[test]
fn unwritable_folder_gives_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // Under a regular file: fails for every user, root included.
    let file = dir.path().join("file.txt");
    fs::write(&file, "x").unwrap();
    let out = file.join("sub");
    let err = write_report(&out, &sample::report_files((700, 450)))
        .unwrap_err()
        .to_string();
    assert!(err.contains(&out.display().to_string()), "{err}");

    // A read-only folder holding a previous report: the old report stays intact. Root can
    // write anyway, so the assertion is only made for other users.
    let ro = dir.path().join("ro");
    let mut old = ReportFiles::new();
    old.add("index.html", "old report");
    write_report(&ro, &old).unwrap();
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms.clone()).unwrap();
    let probe = fs::write(ro.join("probe"), "x");
    if probe.is_err() {
        let err = write_report(&ro, &sample::report_files((700, 450)))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&ro.display().to_string()), "{err}");
        assert_eq!(
            fs::read_to_string(ro.join("index.html")).unwrap(),
            "old report"
        );
    }
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&ro, perms).unwrap();
}
