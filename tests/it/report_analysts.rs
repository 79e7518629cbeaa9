//! The report with analysts' ratings (issue 17, "In the report") and charts fit for a paper
//! (issue 16): on the 1938 extract with the three analysts' ratings of `../shared`, the
//! 1931-1941 texts with theirs, and the bundled corpus.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use diplostance::agreement::{DocFacts, RatedDimension, Ratings, ReadRatings, ToolScores, analyse};
use diplostance::corpus::{ReadOptions, load};
use diplostance::report::*;
use diplostance::score::{Analyzer, DocScore, FEATURE_NAMES};
use diplostance::stats::DEFAULT_SEED;

use crate::analysts::{split_csv, wide_csv, write_xlsx};
use crate::report_charts::{decode_png, svg_texts};
use crate::util::{cmd, shared_file, tei_1938};

fn analyst_files() -> Vec<PathBuf> {
    ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/analysts/analyst-{a}.csv")))
        .collect()
}

fn scored(inputs: &[PathBuf]) -> Vec<DocScore> {
    let corpus = load(inputs, &ReadOptions::default()).unwrap();
    Analyzer::builtin().unwrap().score_all(&corpus.docs, true)
}

/// The report files of `docs` with `ratings`, in `palette`.
fn report(docs: &[DocScore], ratings: Ratings, palette: Palette) -> Files {
    let opts = ReportOptions {
        ratings: Some(ratings),
        palette,
        ..ReportOptions::default()
    };
    let mut docs = docs.to_vec();
    assemble(&mut docs, &mut Summary::default(), &opts)
        .unwrap()
        .files
}

/// Files of a report: `(relative path, bytes)`.
type Files = Vec<(String, Vec<u8>)>;

/// The 1938 extract scored, and its report with the three analysts (built once).
fn report_1938() -> &'static (Vec<DocScore>, Files) {
    static R: OnceLock<(Vec<DocScore>, Files)> = OnceLock::new();
    R.get_or_init(|| {
        let docs = scored(&[tei_1938()]);
        let files = report(
            &docs,
            Ratings::read(&analyst_files()).unwrap(),
            Palette::Colour,
        );
        (docs, files)
    })
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

fn text<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    std::str::from_utf8(file(files, name)).unwrap()
}

/// The hover labels (`<title>`) of an SVG.
fn titles(svg: &str) -> Vec<String> {
    svg.split("<title>")
        .skip(1)
        .filter_map(|t| t.find("</title>").map(|e| t[..e].to_string()))
        .collect()
}

/// Issue 17: with `--ratings` the page has an analysts section naming each analyst, and the
/// offsets, agreement by year and one drivers chart per dimension are written as PNG and SVG.
/// The numbers are those of the `analysts` command on the same corpus (one computation).
#[test]
fn analysts_section_names_each_analyst_with_its_charts() {
    let (docs, files) = report_1938();
    let mut charts = vec!["analyst-offsets", "analyst-agreement-by-year"];
    let drivers: Vec<String> = RatedDimension::ALL
        .iter()
        .map(|d| format!("analyst-drivers-{}", d.name()))
        .collect();
    charts.extend(drivers.iter().map(String::as_str));
    for c in &charts {
        for ext in ["png", "svg"] {
            file(files, &format!("charts/{c}.{ext}"));
        }
    }
    // the heatmap and scatter stay
    file(files, "charts/agreement.svg");
    let html = text(files, "index.html");
    let start = html.find("<h2 id=\"analysts\">").expect("analysts section");
    assert!(html[..start].contains("<a href=\"#analysts\">Analysts compared</a>"));
    let end = html.find("<h2 id=\"documents\">").unwrap();
    let section = &html[start..end];
    for a in ["A", "B", "C"] {
        assert!(
            section.contains(&format!("<tr><td>{a}</td>")),
            "{a} not named"
        );
    }
    assert!(section.contains("analysts.json"));
    // analysts.json is what `analyse` gives on the report's documents ...
    let ratings = Ratings::read(&analyst_files()).unwrap();
    let expected = analyse(
        &ratings,
        &DocFacts::of_scores(docs),
        FEATURE_NAMES,
        DEFAULT_SEED,
    );
    let json: serde_json::Value = serde_json::from_slice(file(files, "analysts.json")).unwrap();
    assert_eq!(json, serde_json::to_value(&expected).unwrap());
    // ... and what the `analysts` command prints for the same corpus
    let out = cmd()
        .arg("analysts")
        .args(analyst_files())
        .arg("--corpus")
        .arg(tei_1938())
        .args(["--format", "json", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["dimensions"], cli["dimensions"]);
    // every offset is drawn, and named on hover
    let offsets = titles(text(files, "charts/analyst-offsets.svg"));
    assert_eq!(offsets.len(), 15, "{offsets:?}");
    assert!(
        offsets.iter().any(|t| t.starts_with("C, trend: +0.23")),
        "{offsets:?}"
    );
    // one year only: the chart says so instead of drawing one point per dimension
    let by_year = text(files, "charts/analyst-agreement-by-year.svg");
    assert!(by_year.contains("two or more years"), "{by_year}");
    assert!(titles(by_year).is_empty());
    // the drivers chart names features as people say them
    let tension = svg_texts(text(files, "charts/analyst-drivers-tension.svg"));
    assert!(
        tension
            .iter()
            .any(|t| t == "share of sentences naming a third party"),
        "{tension:?}"
    );
    assert!(!tension.iter().any(|t| t.contains("third_party_share")));
}

/// Issue 17: agreement by year is drawn when the rated documents span years (the 1931-1941
/// texts with their analysts' ratings): one point per year and dimension, named on hover.
#[test]
fn agreement_by_year_spans_the_years_of_the_1931_1941_ratings() {
    let docs = scored(&[shared_file("corpus/frus-1931-1941/texts")]);
    let files: Vec<PathBuf> = ["A", "B", "C"]
        .iter()
        .map(|a| shared_file(&format!("corpus/frus-1931-1941/ratings/analyst-{a}.csv")))
        .collect();
    let out = report(&docs, Ratings::read(&files).unwrap(), Palette::Colour);
    let svg = text(&out, "charts/analyst-agreement-by-year.svg");
    let years: BTreeSet<String> = titles(svg)
        .iter()
        .filter(|t| t.contains(", tension: alpha"))
        .map(|t| t[..4].to_string())
        .collect();
    assert!(years.len() >= 5, "{years:?}");
    let html = text(&out, "index.html");
    for y in &years {
        assert!(
            html.contains(&format!("<tr><td>{y} (")),
            "{y} missing in the table"
        );
    }
}

/// Issue 17: `report --ratings` reads the layouts `analysts` reads: a wide sheet in an .xlsx
/// workbook gives the same analysts section as the three long CSV files.
#[test]
fn report_reads_ratings_from_a_wide_xlsx_sheet() {
    let r = Ratings::read(&analyst_files()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("team.xlsx");
    write_xlsx(&x, &[("ratings", split_csv(&wide_csv(&r, "doc_id")))]);
    let back = ReadRatings::default().read(&[&x]).unwrap();
    assert_eq!(back.analysts(), r.analysts());
    let out = dir.path().join("rep");
    cmd()
        .args(["report", "-q", "-o"])
        .arg(&out)
        .arg(tei_1938())
        .arg("--ratings")
        .arg(&x)
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("analysts.json")).unwrap()).unwrap();
    assert_eq!(json["analysts"], serde_json::json!(["A", "B", "C"]));
    let (_, files) = report_1938();
    let long: serde_json::Value = serde_json::from_slice(file(files, "analysts.json")).unwrap();
    assert_eq!(json["dimensions"], long["dimensions"]);
}

/// Issue 16: the agreement scatter has the identity line, the same range on both axes, and
/// tied documents drawn once with their count; every point is named on hover.
#[test]
fn agreement_scatter_has_identity_line_equal_axes_and_counts() {
    let (docs, files) = report_1938();
    let svg = text(files, "charts/agreement.svg");
    let texts = svg_texts(svg);
    assert!(texts.iter().any(|t| t == "tool = analysts"));
    // the axes carry the same tick labels (0 to 10 by 2), once on each (the counts of tied
    // points come after the identity line's label)
    let axis_title = texts
        .iter()
        .position(|t| t.starts_with("Tool: tension"))
        .unwrap();
    let line = texts.iter().position(|t| t == "tool = analysts").unwrap();
    let ticks = &texts[axis_title + 1..line];
    for tick in ["0", "2", "4", "6", "8", "10"] {
        let n = ticks.iter().filter(|t| *t == tick).count();
        assert_eq!(n, 2, "tick {tick} appears {n} times: {ticks:?}");
    }
    // every document with both a tool tension and analysts' tension is in exactly one label
    let ratings = Ratings::read(&analyst_files()).unwrap();
    let tool = ToolScores::from_doc_scores(docs.iter());
    let expected: BTreeSet<&str> = ratings
        .document_means(RatedDimension::Tension)
        .into_iter()
        .map(|(i, _, _)| ratings.documents()[i].as_str())
        .filter(|id| tool.get(id, RatedDimension::Tension).is_some())
        .collect();
    let mut named = Vec::new();
    let mut tied = 0;
    for t in titles(svg) {
        let who = t.split(';').next().unwrap();
        if let Some((n, ids)) = who.split_once(" documents: ") {
            tied += 1;
            let ids: Vec<&str> = ids.split(", ").collect();
            assert_eq!(ids.len(), n.parse::<usize>().unwrap());
            named.extend(ids.into_iter().map(str::to_string));
        } else {
            named.push(who.to_string());
        }
    }
    assert!(tied > 0, "no tied ratings drawn with their count");
    let set: BTreeSet<&str> = named.iter().map(String::as_str).collect();
    assert_eq!(set.len(), named.len(), "a document named twice");
    assert_eq!(set, expected);
}

/// Issue 16: the cluster map names features in words, shows the silhouette, and names each
/// document on hover.
#[test]
fn cluster_map_speaks_in_words_and_names_each_point() {
    let (docs, files) = report_1938();
    let svg = text(files, "charts/clusters.svg");
    let texts = svg_texts(svg).join(" ");
    for name in FEATURE_NAMES.iter().filter(|n| n.contains('_')) {
        assert!(
            !texts.contains(name),
            "schema name {name} in the legend: {texts}"
        );
    }
    assert!(texts.contains("Silhouette 0."), "{texts}");
    let named: BTreeSet<String> = titles(svg)
        .iter()
        .map(|t| t.split(": cluster").next().unwrap().to_string())
        .collect();
    // every document with a tension; those without are left out of the map
    let ids: BTreeSet<String> = docs
        .iter()
        .filter(|d| d.is_relevant())
        .map(|d| d.id.clone())
        .collect();
    assert!(ids.len() < docs.len());
    assert_eq!(named, ids);
}

/// Issue 16: a chart with too few documents to mean anything says so: clusters of 1 and 4
/// documents, and authors with one document each, are not drawn.
#[test]
fn too_few_documents_are_said_not_drawn() {
    let points = (0..5)
        .map(|i| ClusterPoint {
            id: format!("d{i}"),
            x: i as f64,
            y: (i * i) as f64,
            cluster: Some(usize::from(i > 0)),
        })
        .collect();
    let map = ClusterMap {
        points,
        cluster_names: vec!["one".into(), "four".into()],
        ..ClusterMap::default()
    };
    let svg = render_svg(1200, 800, &ClusterChart(&map)).unwrap();
    assert!(svg.contains("Too few documents to map clusters"), "{svg}");
    assert!(titles(&svg).is_empty(), "points drawn");
    let one_each = AuthorChart {
        rows: ["Grew", "Kirk"]
            .iter()
            .map(|a| AuthorRow {
                author: a.to_string(),
                documents: 1,
                mean_tension: 5.0,
                low: 4.0,
                high: 6.0,
            })
            .collect(),
    };
    let svg = render_svg(1200, 800, &AuthorsChart(&one_each)).unwrap();
    assert!(svg.contains("Too few documents per author"), "{svg}");
    // on the 1938 extract, the four authors of one document with a tension are listed under
    // the chart (two more have only documents without one)
    let (_, files) = report_1938();
    let texts = svg_texts(text(files, "charts/authors.svg")).join(" ");
    assert!(
        texts.contains("Not drawn, one document each (4)"),
        "{texts}"
    );
    assert!(texts.contains("Ballantine") && !texts.contains("Ballantine (n=1)"));
}

/// Issue 16: the dimensions chart gives each measure its own panel and scale, with the
/// intervals of the period means.
#[test]
fn dimensions_have_their_own_panels_and_intervals() {
    let (_, files) = report_1938();
    let svg = text(files, "charts/dimensions.svg");
    let texts = svg_texts(svg);
    for label in [
        "Hostility per 1,000 words",
        "Rapprochement per 1,000 words",
        "Uncertainty per \u{221a}(1,000 words)",
    ] {
        assert!(texts.iter().any(|t| t == label), "{texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains("own scale")));
    let t = titles(svg);
    assert!(
        t.iter()
            .any(|x| x.starts_with("1938-07: hostility") && x.contains(" [")),
        "{t:?}"
    );
}

/// True when no pixel of the PNG has channels further apart than `tol`.
fn png_is_grey(png: &[u8], tol: i32) -> bool {
    let (_, _, rgb) = decode_png(png);
    rgb.chunks(3).all(|p| {
        let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
        (r - g).abs() <= tol && (g - b).abs() <= tol && (r - b).abs() <= tol
    })
}

/// The colours an SVG names (`#rrggbb`).
fn svg_colours(svg: &str) -> BTreeSet<(u8, u8, u8)> {
    let mut out = BTreeSet::new();
    let b = svg.as_bytes();
    for (i, _) in svg.match_indices('#') {
        let hex = svg.get(i + 1..i + 7).unwrap_or("");
        if hex.len() == 6
            && hex.bytes().all(|c| c.is_ascii_hexdigit())
            && b.get(i + 7) == Some(&b'"')
        {
            let v = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap();
            out.insert((v(0), v(2), v(4)));
        }
    }
    out
}

/// Issue 16: `--palette grey` draws every chart in greys only (PNG pixels and SVG colours);
/// the colour report has saturated colours, so the test can tell.
#[test]
fn grey_palette_uses_no_saturated_colour() {
    let (docs, colour) = report_1938();
    let grey = report(
        docs,
        Ratings::read(&analyst_files()).unwrap(),
        Palette::Grey,
    );
    let charts: Vec<&(String, Vec<u8>)> = grey
        .iter()
        .filter(|(n, _)| n.starts_with("charts/"))
        .collect();
    assert!(charts.len() >= 26, "{}", charts.len());
    for (name, bytes) in charts {
        if name.ends_with(".png") {
            assert!(png_is_grey(bytes, 0), "{name} has a coloured pixel");
        } else {
            let svg = std::str::from_utf8(bytes).unwrap();
            let coloured: Vec<_> = svg_colours(svg)
                .into_iter()
                .filter(|(r, g, b)| r != g || g != b)
                .collect();
            assert!(coloured.is_empty(), "{name}: {coloured:?}");
        }
    }
    assert!(!png_is_grey(file(colour, "charts/clusters.png"), 30));
    assert!(
        !svg_colours(text(colour, "charts/clusters.svg"))
            .iter()
            .all(|(r, g, b)| r == g && g == b)
    );
}

/// Issue 16: `report --width --height` sets the size of every PNG (and the SVG's view box) on
/// the bundled corpus; a size out of range is refused before anything is written.
#[test]
fn width_and_height_set_the_chart_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    cmd()
        .args(["report", "-q", "--width", "700", "--height", "450", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut pngs = 0;
    for e in std::fs::read_dir(out.join("charts")).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        if p.extension().is_some_and(|x| x == "png") {
            let (w, h, _) = decode_png(&bytes);
            assert_eq!((w, h), (700, 450), "{}", p.display());
            pngs += 1;
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            assert!(
                svg.contains("width=\"700\" height=\"450\""),
                "{}",
                p.display()
            );
        }
    }
    assert_eq!(pngs, 5);
    let bad = dir.path().join("bad");
    cmd()
        .args(["report", "-q", "--width", "50", "-o"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicates::str::contains("--width"));
    assert!(!bad.exists());
}
