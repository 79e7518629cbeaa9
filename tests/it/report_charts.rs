//! Charts: every chart renders as PNG and SVG at report and journal-column sizes, for realistic
//! and for degenerate data, deterministically, with document text escaped.

use diplostance::Dimension;
use diplostance::corpus::{DatePrecision, days_from_civil};
use diplostance::report::*;
use diplostance::score::Scores;

use crate::report_sample as sample;

const SIZES: [(u32, u32); 2] = [(1200, 800), (700, 450)];

/// Decode a PNG and return (width, height, RGB bytes).
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = dec.read_info().expect("valid PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    buf.truncate(info.buffer_size());
    let rgb = match info.color_type {
        png::ColorType::Rgb => buf,
        png::ColorType::Rgba => buf.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, info.height, rgb)
}

/// Number of pixels within `tol` of `colour`.
pub fn count_colour(rgb: &[u8], colour: (u8, u8, u8), tol: i32) -> usize {
    rgb.chunks(3)
        .filter(|p| {
            (p[0] as i32 - colour.0 as i32).abs() <= tol
                && (p[1] as i32 - colour.1 as i32).abs() <= tol
                && (p[2] as i32 - colour.2 as i32).abs() <= tol
        })
        .count()
}

fn files_named<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

#[test]
fn every_chart_renders_png_and_svg_at_both_sizes() {
    let preview = std::env::var_os("DIPLOSTANCE_CHART_PREVIEW").map(std::path::PathBuf::from);
    for (w, h) in SIZES {
        let files = build_charts(&sample::inputs((w, h))).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for chart in [
            "tension",
            "dimensions",
            "clusters",
            "authors",
            "cues",
            "agreement",
        ] {
            assert!(
                names.contains(&format!("charts/{chart}.png").as_str()),
                "{names:?}"
            );
            assert!(
                names.contains(&format!("charts/{chart}.svg").as_str()),
                "{names:?}"
            );
        }
        for (name, bytes) in &files {
            if name.ends_with(".png") {
                let (pw, ph, rgb) = decode_png(bytes);
                assert_eq!((pw, ph), (w, h), "{name}");
                if let Some(dir) = &preview {
                    std::fs::create_dir_all(dir).unwrap();
                    let flat = format!("{w}x{h}-{}", name.trim_start_matches("charts/"));
                    std::fs::write(dir.join(flat), bytes).unwrap();
                }
                let ink = rgb.chunks(3).filter(|p| p.iter().any(|&c| c < 200)).count();
                assert!(ink > (w * h / 200) as usize, "{name} is almost blank");
            } else {
                let svg = std::str::from_utf8(bytes).unwrap();
                assert!(svg.starts_with("<svg "), "{name}");
                assert!(svg.contains(&format!("viewBox=\"0 0 {w} {h}\"")), "{name}");
                assert!(svg.contains("DejaVu Sans"), "{name}: font not named");
            }
        }
        // The dimension colours are the same everywhere: hostility red in the dimensions and
        // cues charts, as pixels of the PNG and as the SVG fill.
        for chart in ["dimensions", "cues"] {
            let (_, _, rgb) = decode_png(files_named(&files, &format!("charts/{chart}.png")));
            assert!(count_colour(&rgb, (0xc0, 0x39, 0x2b), 4) > 20, "{chart}");
            let svg =
                std::str::from_utf8(files_named(&files, &format!("charts/{chart}.svg"))).unwrap();
            assert!(svg.contains("#C0392B"), "{chart}");
            assert!(
                svg.contains("#16A085") && svg.contains("#8E44AD"),
                "{chart}"
            );
        }
    }
}

#[test]
fn tension_chart_says_what_is_dated_to_the_month() {
    assert!(sample::has_month_precision());
    let t = sample::timeline();
    let svg = render_svg(1200, 800, &TensionChart(&t)).unwrap();
    assert!(svg.contains("dated to the month"));
    assert!(svg.contains("Tension index (0-10)"));
    assert!(svg.contains("1938-07"), "month ticks");
    for a in sample::AUTHORS {
        assert!(svg.contains(&format!("{a} (n=")), "legend lacks {a}");
    }
    // Every event label is on the chart, whole or shortened.
    for e in &t.events {
        let head: String = e.label.chars().take(6).collect();
        assert!(svg.contains(&head), "event {} missing", e.label);
    }
    // Without month-dated documents the legend entry is not shown.
    let mut day_only = t.clone();
    day_only.docs.retain(|d| d.precision == DatePrecision::Day);
    let svg = render_svg(1200, 800, &TensionChart(&day_only)).unwrap();
    assert!(!svg.contains("dated to the month"));
}

#[test]
fn renders_are_byte_identical() {
    let inputs = sample::inputs((700, 450));
    let a = build_charts(&inputs).unwrap();
    let b = build_charts(&inputs).unwrap();
    assert_eq!(a.len(), b.len());
    for ((na, ba), (nb, bb)) in a.iter().zip(&b) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between two renders");
    }
}

fn degenerate_timelines() -> Vec<TimelineChart> {
    let day = days_from_civil(1938, 7, 31);
    let one_doc = DocPoint {
        id: "d1".into(),
        day: day as f64,
        precision: DatePrecision::Day,
        tension: 5.0,
        author: String::new(),
    };
    let period = PeriodPoint {
        label: "1938-07".into(),
        start_day: days_from_civil(1938, 7, 1),
        end_day: days_from_civil(1938, 7, 31),
        documents: 1,
        mean: Scores {
            tension: 5.0,
            ..Scores::default()
        },
        low: Scores::default(),
        high: Scores::default(),
    };
    let mut all_equal = sample::timeline();
    for d in &mut all_equal.docs {
        d.tension = 4.0;
    }
    for p in &mut all_equal.periods {
        p.mean = Scores {
            hostility: 1.0,
            rapprochement: 1.0,
            uncertainty: 1.0,
            tension: 4.0,
        };
        p.low = p.mean;
        p.high = p.mean;
    }
    let mut non_finite = sample::timeline();
    non_finite.docs[0].tension = f64::NAN;
    non_finite.docs[1].day = f64::INFINITY;
    non_finite.periods[0].mean.hostility = f64::NAN;
    non_finite.smoothed.push((f64::NAN, 1.0));
    vec![
        TimelineChart::default(),
        TimelineChart {
            docs: vec![one_doc.clone()],
            ..TimelineChart::default()
        },
        TimelineChart {
            docs: vec![DocPoint {
                precision: DatePrecision::Year,
                ..one_doc.clone()
            }],
            periods: vec![period.clone()],
            smoothed: vec![(day as f64, 5.0)],
            events: vec![EventMark {
                start_day: day,
                end_day: day,
                label: "a very long event label that cannot possibly fit beside the others".into(),
            }],
            ..TimelineChart::default()
        },
        TimelineChart {
            periods: vec![PeriodPoint {
                documents: 0,
                ..period
            }],
            ..TimelineChart::default()
        },
        all_equal,
        non_finite,
    ]
}

#[test]
fn degenerate_data_renders_without_panic() {
    let mut inputs = Vec::new();
    for t in degenerate_timelines() {
        inputs.push(ChartInputs {
            timeline: Some(t),
            ..ChartInputs::default()
        });
    }
    inputs.push(ChartInputs {
        clusters: Some(ClusterMap::default()),
        authors: Some(AuthorChart::default()),
        cues: Some(TopCues::default()),
        agreement: Some(AgreementChart::default()),
        analysts: Some(AnalystsCharts::default()),
        ..ChartInputs::default()
    });
    inputs.push(ChartInputs {
        clusters: Some(ClusterMap {
            points: vec![ClusterPoint {
                id: "only".into(),
                x: 1.0,
                y: 1.0,
                cluster: None,
            }],
            ..ClusterMap::default()
        }),
        authors: Some(AuthorChart {
            rows: vec![AuthorRow {
                author: String::new(),
                documents: 1,
                mean_tension: 5.0,
                low: 5.0,
                high: 5.0,
            }],
        }),
        cues: Some(TopCues {
            per_dimension: vec![
                (Dimension::Hostility, vec![("attack".into(), 0.0)]),
                (Dimension::Rapprochement, vec![("talks".into(), -2.0)]),
                (Dimension::Uncertainty, vec![]),
            ],
        }),
        agreement: Some(AgreementChart {
            names: vec!["tool".into()],
            matrix: vec![],
            scatter: vec![AgreementPoint {
                doc: "d".into(),
                tool: 3.0,
                analysts_mean: 2.0,
            }],
            ..AgreementChart::default()
        }),
        ..ChartInputs::default()
    });
    for (i, input) in inputs.iter().enumerate() {
        for size in SIZES {
            let files = build_charts(&ChartInputs {
                size,
                ..input.clone()
            })
            .unwrap_or_else(|e| panic!("input {i} at {size:?}: {e}"));
            assert!(!files.is_empty());
            for (name, bytes) in &files {
                if name.ends_with(".png") {
                    let (w, h, _) = decode_png(bytes);
                    assert_eq!((w, h), size);
                }
            }
        }
    }
    // Empty data says so instead of drawing empty axes.
    let svg = render_svg(700, 450, &TensionChart(&TimelineChart::default())).unwrap();
    assert!(svg.contains("No dated documents"), "{svg}");
    let svg = render_svg(700, 450, &AgreementPlot(&AgreementChart::default())).unwrap();
    assert!(svg.contains("No analysts"));
}

#[test]
fn absurd_sizes_are_an_error_not_a_panic() {
    let t = sample::timeline();
    assert!(render_png(0, 0, &TensionChart(&t)).is_err());
    assert!(render_png(100_000, 100_000, &TensionChart(&t)).is_err());
}

#[test]
fn svg_text_from_documents_is_escaped() {
    let mut t = sample::timeline();
    t.docs[0].author = "<script>alert(1)</script>".into();
    t.docs[1].author = "\"><img src=x onerror=alert(1)>".into();
    t.events[0].label = "<b>&amp;</b>".into();
    let mut c = sample::cluster_map();
    c.cluster_names[0] = "</svg><script>document.title='pwned'</script>".into();
    for svg in [
        render_svg(1200, 800, &TensionChart(&t)).unwrap(),
        render_svg(1200, 800, &ClusterChart(&c)).unwrap(),
    ] {
        assert!(!svg.contains("<script"), "unescaped script");
        assert!(!svg.contains("<img"), "unescaped img");
        assert!(!svg.contains("<b>"), "unescaped markup");
        assert_eq!(svg.matches("</svg>").count(), 1);
    }
    let svg = render_svg(1200, 800, &TensionChart(&t)).unwrap();
    assert!(
        svg.contains("&lt;script&gt;alert(1)"),
        "author name shown escaped"
    );
}

/// The text of every `<text>` element of an SVG.
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_string())
        })
        .collect()
}

/// Polylines drawn in the smoothed curve's ink and width.
fn curve_lines(svg: &str) -> usize {
    svg.split("<polyline")
        .skip(1)
        .filter(|p| p.contains("stroke=\"#222222\"") && p.contains("stroke-width=\"2\""))
        .count()
}

/// Issue 16, defect 3: the smoothed curve and the dimension lines stop at a period without
/// documents instead of joining its neighbours across it.
#[test]
fn time_lines_break_at_empty_periods() {
    let mut t = sample::timeline();
    // a month with documents whose neighbours have documents too
    let labels: Vec<String> = t.periods.iter().map(|p| p.label.clone()).collect();
    let gone = labels
        .windows(3)
        .map(|w| w[1].clone())
        .find(|l| l.as_str() >= "1938-03")
        .unwrap();
    let p = t.periods.iter().find(|p| p.label == gone).unwrap().clone();
    let (a, b) = (p.start_day as f64, p.end_day as f64 + 1.0);
    let joined = curve_lines(&render_svg(1200, 800, &TensionChart(&t)).unwrap());
    // the month loses its documents: the curve over it is cut in two
    t.periods.retain(|q| q.label != gone);
    t.docs.retain(|d| !(d.day >= a && d.day < b));
    t.smoothed.retain(|q| !(q.0 >= a && q.0 < b));
    let broken = curve_lines(&render_svg(1200, 800, &TensionChart(&t)).unwrap());
    assert_eq!(broken, joined + 1, "one more line once {gone} is empty");
    let dims = |t: &TimelineChart| {
        let svg = render_svg(1200, 800, &DimensionsChart(t)).unwrap();
        // the lines, not the intervals' bars (drawn lighter)
        svg.split("<polyline")
            .filter(|p| p.contains("stroke=\"#C0392B\"") && p.contains("opacity=\"1\""))
            .count()
    };
    assert_eq!(
        dims(&t),
        dims(&sample::timeline()) + 1,
        "hostility is not drawn across {gone}"
    );
}

/// The dimensions chart's key lists the 90% interval only when a bar is drawn: periods of one
/// document each (their interval is their score) have none, and the key does not promise one.
#[test]
fn dimensions_key_lists_the_interval_only_when_drawn() {
    const KEY: &str = "90% interval of the period";
    let with = render_svg(1200, 800, &DimensionsChart(&sample::timeline())).unwrap();
    assert!(with.contains(KEY));
    let mut single = sample::timeline();
    for p in &mut single.periods {
        p.documents = 1;
        p.low = p.mean;
        p.high = p.mean;
    }
    let without = render_svg(1200, 800, &DimensionsChart(&single)).unwrap();
    assert!(!without.contains(KEY), "no bar, yet the key lists one");
}

/// Issue 16, defects 3 and 4: fourteen events over a decade are all on the chart, none cut
/// ("So...", "Ge..."): whole above the plot when they fit, otherwise numbered at their
/// markers with a key of whole labels under the chart.
#[test]
fn many_event_labels_are_never_cut() {
    let mut t = sample::timeline();
    let events = [
        ((1931, 9, 18), "Mukden incident"),
        (
            (1931, 12, 31),
            "Soviet offer of a non-aggression pact to Japan",
        ),
        ((1932, 3, 1), "Manchukuo proclaimed"),
        ((1935, 3, 23), "Sale of the Chinese Eastern Railway"),
        ((1936, 11, 25), "Anti-Comintern Pact"),
        ((1937, 6, 30), "Kanchatzu (Amur river) incident"),
        (
            (1937, 7, 7),
            "Marco Polo Bridge incident; Sino-Japanese war",
        ),
        ((1938, 7, 29), "Changkufeng (Lake Khasan) fighting"),
        ((1939, 5, 11), "Nomonhan (Khalkhin Gol) fighting"),
        ((1939, 8, 23), "Molotov-Ribbentrop pact"),
        ((1939, 9, 15), "Soviet-Japanese ceasefire (Nomonhan)"),
        ((1940, 9, 27), "Tripartite Pact"),
        ((1941, 4, 13), "Soviet-Japanese neutrality pact"),
        ((1941, 6, 22), "German invasion of the USSR"),
    ];
    t.events = events
        .iter()
        .map(|&((y, m, d), label)| EventMark {
            start_day: days_from_civil(y, m, d),
            end_day: days_from_civil(y, m, d),
            label: label.into(),
        })
        .collect();
    for (w, h) in SIZES {
        let svg = render_svg(w, h, &TensionChart(&t)).unwrap();
        let texts = svg_texts(&svg);
        for (_, label) in events {
            let shown = label.replace('&', "&amp;");
            assert!(
                texts.iter().any(|x| x.contains(&shown)),
                "{w}x{h}: {label} not shown whole"
            );
        }
        assert!(
            !texts.iter().any(|x| x.contains('…')),
            "{w}x{h}: a label is cut: {texts:?}"
        );
        // numbered: the key names each event after its number
        assert!(
            texts.iter().any(|x| x.contains("1 Mukden incident")),
            "{w}x{h}"
        );
    }
    // The sample's four events fit whole above the plot: no numbers, no key.
    let svg = render_svg(1200, 800, &TensionChart(&sample::timeline())).unwrap();
    assert!(svg_texts(&svg).iter().any(|x| x == "Changkufeng fighting"));
}

/// Issue 16, defect 4: the legend says in full what the smoothed line is (it was cut).
#[test]
fn smoothing_is_described_in_full() {
    let mut t = sample::timeline();
    t.smoothing_label =
        "mean of 3 months centred on each, weighted by documents; broken at empty months".into();
    for (w, h) in SIZES {
        let svg = render_svg(w, h, &TensionChart(&t)).unwrap();
        let legend = svg_texts(&svg).join(" ");
        assert!(!legend.contains('…'), "{w}x{h}: {legend}");
        for word in ["3 months", "weighted", "broken at empty months"] {
            assert!(
                legend.contains(word),
                "{w}x{h}: {word} missing from {legend}"
            );
        }
    }
}
