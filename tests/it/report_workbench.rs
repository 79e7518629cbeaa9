//! The report as a workbench, in headless Chromium driven as a user drives it (mouse clicks and
//! key presses through the DevTools protocol): the search box, the sortable columns and the
//! filters of the 1938 report built with the three analysts' ratings, its phone-width layout,
//! and the one script the page's Content-Security-Policy allows.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::cdp::{Browser, encode_base64};
use crate::report_browser::browser;
use crate::report_charts::decode_png;
use crate::util;

/// `report` on the 1938 TEI extract with the analysts A, B and C, into `dir/report`.
fn report_1938(dir: &Path) -> PathBuf {
    let out = dir.join("report");
    let mut cmd = util::cmd();
    cmd.args(["report", "-q", "-o"])
        .arg(&out)
        .arg(util::tei_1938());
    for a in ["A", "B", "C"] {
        cmd.arg("--ratings").arg(util::shared_file(&format!(
            "corpus/analysts/analyst-{a}.csv"
        )));
    }
    cmd.assert().success();
    out
}

/// One row of `scores.csv`.
struct Row {
    id: String,
    author: String,
    tension: Option<f64>,
}

/// `scores.csv` of a report, in its order (the page's order before any sorting).
fn scores(out: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(out.join("scores.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (id, author, tension) = (col("id"), col("author"), col("tension"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            Row {
                id: rec[id].to_string(),
                author: rec[author].to_string(),
                tension: rec[tension].parse().ok(),
            }
        })
        .collect()
}

/// The ids of the table's visible rows, top to bottom.
fn visible(b: &mut Browser) -> Vec<String> {
    let v = b.eval(
        "Array.from(document.querySelectorAll('#docs tbody tr'))\
         .filter(function(r){return !r.hidden})\
         .map(function(r){return r.cells[1].textContent})",
    );
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// Tensions in the order of `ids`: the relevant ones ordered (`ascending` or not), and the
/// documents without a tension all after them.
fn assert_sorted_by_tension(
    ids: &[String],
    tension: &BTreeMap<&str, Option<f64>>,
    ascending: bool,
) {
    let values: Vec<Option<f64>> = ids.iter().map(|i| tension[i.as_str()]).collect();
    let first_null = values
        .iter()
        .position(Option::is_none)
        .unwrap_or(values.len());
    assert!(
        values[first_null..].iter().all(Option::is_none),
        "a tension after the empty ones: {values:?}"
    );
    let t: Vec<f64> = values[..first_null].iter().flatten().copied().collect();
    let ordered = t.windows(2).all(|w| {
        if ascending {
            w[0] <= w[1]
        } else {
            w[0] >= w[1]
        }
    });
    assert!(ordered, "not sorted (ascending {ascending}): {t:?}");
}

/// Keep a screenshot for looking at by eye when `DIPLOSTANCE_CHART_PREVIEW` names a folder.
fn keep(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("DIPLOSTANCE_CHART_PREVIEW") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

#[test]
fn typing_in_the_search_box_clicking_headers_and_filters_change_the_rows() {
    let Some(bin) = browser() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = report_1938(tmp.path());
    let rows = scores(&out);
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(all.len(), 64);
    let mut b = Browser::launch(&bin, 1280, 900);
    b.open(&format!("file://{}", out.join("index.html").display()));
    // The script ran (the page's CSP allowed it by its hash): the controls are shown.
    assert_eq!(b.eval("document.getElementById('tools').hidden"), false);
    assert_eq!(visible(&mut b), all);

    // Typing: every word must match, in the row or the document's hits.
    b.click("#q");
    b.type_text("kirk D46");
    let expected: Vec<String> = rows
        .iter()
        .filter(|r| r.id.contains("d46") && r.author == "Kirk")
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(expected.len(), 8);
    assert_eq!(visible(&mut b), expected);
    assert_eq!(
        b.eval("document.getElementById('shown').textContent"),
        "8 of 64 documents shown"
    );
    for _ in 0.."kirk D46".len() {
        b.press("Backspace", 8);
    }
    assert_eq!(visible(&mut b).len(), 64);

    // Clicking the Tension header sorts by it, documents without a tension last; a second
    // click reverses the order.
    let tension: BTreeMap<&str, Option<f64>> =
        rows.iter().map(|r| (r.id.as_str(), r.tension)).collect();
    let th = "#docs thead th:nth-child(7)";
    assert_eq!(
        b.eval(&format!("document.querySelector('{th}').textContent")),
        "Tension"
    );
    b.click(&format!("{th} button"));
    let up = visible(&mut b);
    assert_ne!(up, all, "the order did not change");
    assert_sorted_by_tension(&up, &tension, true);
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('{th}').getAttribute('aria-sort')"
        )),
        "ascending"
    );
    b.click(&format!("{th} button"));
    let down = visible(&mut b);
    assert_sorted_by_tension(&down, &tension, false);
    assert_eq!(down.len(), 64);

    // The author filter, by keyboard: the first author in the list.
    b.eval("document.getElementById('f-author').focus()");
    b.press("ArrowDown", 40);
    let author = b.eval(
        "(function(){var s=document.getElementById('f-author');\
         return s.selectedIndex>0?s.options[s.selectedIndex].textContent:''})()",
    );
    let author = author.as_str().unwrap().to_string();
    assert!(!author.is_empty(), "no author chosen");
    let mut shown = visible(&mut b);
    shown.sort();
    let mut of_author: Vec<String> = rows
        .iter()
        .filter(|r| r.author == author)
        .map(|r| r.id.clone())
        .collect();
    of_author.sort();
    assert_eq!(shown, of_author, "author {author}");
}

#[test]
fn the_1938_report_reads_at_phone_width() {
    let Some(bin) = browser() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = report_1938(tmp.path());
    let url = format!("file://{}", out.join("index.html").display());
    let mut b = Browser::launch(&bin, 1280, 900);
    b.open(&url);
    b.eval("document.getElementById('documents').scrollIntoView()");
    keep("workbench-1280-documents.png", &b.screenshot());
    b.eval("document.getElementById('agreement').scrollIntoView()");
    keep("workbench-1280-agreement.png", &b.screenshot());

    b.viewport(400, 860, true);
    b.open(&url);
    let width = |b: &mut Browser, expr: &str| b.eval(expr).as_f64().unwrap();
    // No horizontal overflow of the page: the wide tables scroll inside their boxes.
    let page = width(&mut b, "document.documentElement.scrollWidth");
    let wide = b.eval(
        "Array.from(document.querySelectorAll('body *')).filter(function(e){\
         return e.getBoundingClientRect().right>400&&!e.closest('.scroll')}).slice(0,8)\
         .map(function(e){return e.tagName+'.'+e.className+'#'+e.id+' '+Math.round(e.getBoundingClientRect().right)})",
    );
    assert!(
        page <= 400.0,
        "the page is {page} px wide at 400 px: {wide}"
    );
    let table_box = width(
        &mut b,
        "document.getElementById('docs').parentElement.clientWidth",
    );
    let table = width(&mut b, "document.getElementById('docs').scrollWidth");
    assert!(
        table_box <= 400.0 && table > table_box,
        "{table} in {table_box}"
    );
    // Charts scale down to the width.
    let widest_chart = width(
        &mut b,
        "Math.max.apply(null, Array.from(document.querySelectorAll('figure svg'))\
         .map(function(s){return s.getBoundingClientRect().width}))",
    );
    assert!(
        widest_chart > 300.0 && widest_chart <= 400.0,
        "{widest_chart}"
    );
    // No word is broken mid-word to fit.
    let breaking: Value = b.eval(
        "Array.from(document.querySelectorAll('body *')).filter(function(e){\
         var s=getComputedStyle(e);return s.overflowWrap==='anywhere'||s.wordBreak==='break-all'\
         ||s.overflowWrap==='break-word'}).length",
    );
    assert_eq!(breaking, 0);
    let shot = b.screenshot();
    let (w, _, _) = decode_png(&shot);
    assert_eq!(w, 400);
    keep("workbench-400-top.png", &shot);
    b.eval("document.getElementById('documents').scrollIntoView()");
    keep("workbench-400-documents.png", &b.screenshot());
    b.eval("document.getElementById('agreement').scrollIntoView()");
    keep("workbench-400-agreement.png", &b.screenshot());
}

/// The page's Content-Security-Policy allows one script, by a hash that matches the page's
/// only script element; nothing else (no `'unsafe-inline'` or `'unsafe-eval'` for scripts).
#[test]
fn csp_allows_exactly_the_pages_script_by_its_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let out = report_1938(tmp.path());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let csp_at = html
        .find("http-equiv=\"Content-Security-Policy\" content=\"")
        .unwrap();
    let csp = &html[csp_at..];
    let csp = &csp[csp.find("content=\"").unwrap() + 9..];
    let csp = &csp[..csp.find('"').unwrap()];
    let script_src: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("script-src "))
        .expect("a script-src directive")
        .split_whitespace()
        .collect();
    assert_eq!(script_src.len(), 1, "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(html.matches("<script").count(), 1);
    let body = &html[html.find("<script>").unwrap() + 8..html.find("</script>").unwrap()];
    let hash = format!(
        "'sha256-{}'",
        encode_base64(&Sha256::digest(body.as_bytes()))
    );
    assert_eq!(script_src[0], hash);
}

/// The agreement section gives what `eval` prints for the same corpus and ratings: the tool's
/// Spearman per dimension and its largest disagreements, each with a section of its hits.
#[test]
fn agreement_section_shows_what_eval_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let out = report_1938(tmp.path());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let mut cmd = util::cmd();
    cmd.args(["eval", "-q", "--format", "json"])
        .arg(util::tei_1938());
    for a in ["A", "B", "C"] {
        cmd.arg("--ratings").arg(util::shared_file(&format!(
            "corpus/analysts/analyst-{a}.csv"
        )));
    }
    let eval: Value = serde_json::from_slice(&cmd.assert().success().get_output().stdout).unwrap();
    let at = html
        .find("<h2 id=\"agreement\">")
        .expect("an agreement section");
    let section = &html[at..html.find("<h2 id=\"hits\">").unwrap()];
    let dims = eval["dimensions"].as_object().unwrap();
    assert_eq!(dims.len(), 5);
    for (dim, e) in dims {
        let row_at = section.find(&format!("<tr><td>{dim}</td>")).unwrap();
        let row = &section[row_at..row_at + section[row_at..].find("</tr>").unwrap()];
        let rho = format!(">{:.3}<", e["spearman"].as_f64().unwrap());
        assert!(row.contains(&rho), "{dim}: {rho} not in {row}");
        for d in e["disagreements"].as_array().unwrap() {
            let id = d["doc_id"].as_str().unwrap();
            assert!(
                section.contains(&format!("id=\"why-doc-{id}\"")),
                "{dim}: no hits for {id}"
            );
        }
    }
}

/// `--max-docs-with-hits N` lists the hits of the first N documents; the other rows link to
/// hits.csv, and the page says so.
#[test]
fn the_hits_cap_is_stated_and_adjustable() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    util::cmd()
        .args(["report", "-q", "--max-docs-with-hits", "5", "-o"])
        .arg(&out)
        .arg(util::tei_1938())
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(html.matches("<section class=\"doc\"").count(), 5);
    let table = &html[html.find("id=\"docs\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<a href=\"hits.csv\">hits.csv</a>").count(),
        59
    );
    assert!(html.contains("hits are listed on this page for the first 5 of 64 documents"));
    assert!(html.contains("--max-docs-with-hits N"));
}
