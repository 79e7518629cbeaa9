//! Realistic synthetic report inputs shared by the report tests: 64 documents across 1938 with a
//! peak of tension in July-August (Changkufeng), 5 authors, 4 clusters, 3 analysts.
#![allow(dead_code)]

use diplostance::Dimension;
use diplostance::corpus::{DatePrecision, DocMeta, PartialDate, days_from_civil};
use diplostance::report::*;
use diplostance::score::{
    DocScore, Features, Hit, Intervals, Modifier, ModifierKind, Scores, StatementKind,
};
use diplostance::span::Span;

/// A small deterministic generator (the tests need reproducible, not random-looking, data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

pub const AUTHORS: [&str; 5] = ["Grew", "Henderson", "Kirk", "Davies", "Dooman"];

/// Tension of a day of 1938: low in spring, a peak around 1938-08-05.
fn base_tension(day: f64) -> f64 {
    let peak = days_from_civil(1938, 8, 5) as f64;
    3.0 + 5.5 * (-((day - peak) / 28.0).powi(2)).exp()
}

pub struct Sample {
    pub dates: Vec<PartialDate>,
    pub authors: Vec<String>,
    pub tension: Vec<f64>,
    pub clusters: Vec<usize>,
}

pub fn sample() -> Sample {
    let mut g = Lcg(1938);
    let mut s = Sample {
        dates: vec![],
        authors: vec![],
        tension: vec![],
        clusters: vec![],
    };
    for i in 0..64 {
        // Denser in summer.
        let u = g.next();
        let month = if u < 0.45 {
            7 + (g.next() * 2.0) as u8
        } else {
            1 + (g.next() * 12.0) as u8
        }
        .min(12);
        let day = 1 + (g.next() * 28.0) as u8;
        let date = if i % 9 == 4 {
            PartialDate::ym(1938, month)
        } else {
            PartialDate::ymd(1938, month, day)
        };
        let t = (base_tension(date.mid_day_number()) + (g.next() - 0.5) * 2.2).clamp(0.0, 10.0);
        let author = AUTHORS[(g.next() * 4.999) as usize].to_string();
        let cluster = if t > 6.5 {
            0
        } else if t > 4.5 {
            1
        } else if g.next() < 0.5 {
            2
        } else {
            3
        };
        s.dates.push(date);
        s.authors.push(author);
        s.tension.push(t);
        s.clusters.push(cluster);
    }
    s
}

fn scores_for(t: f64, i: usize) -> Scores {
    Scores {
        hostility: t * 0.55 + (i % 3) as f64 * 0.1,
        rapprochement: (10.0 - t) * 0.22,
        uncertainty: 0.6 + (i % 5) as f64 * 0.15,
        tension: t,
    }
}

pub fn timeline() -> TimelineChart {
    let s = sample();
    let docs: Vec<DocPoint> = (0..s.dates.len())
        .map(|i| DocPoint {
            id: format!("frus1938v03-d{}", 400 + i),
            day: s.dates[i].mid_day_number(),
            precision: s.dates[i].precision(),
            tension: s.tension[i],
            author: s.authors[i].clone(),
        })
        .collect();
    let mut periods = Vec::new();
    for m in 1..=12u8 {
        let start = days_from_civil(1938, m, 1);
        let end = if m == 12 {
            days_from_civil(1939, 1, 1)
        } else {
            days_from_civil(1938, m + 1, 1)
        } - 1;
        let ts: Vec<(usize, f64)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.day >= start as f64 && d.day < end as f64 + 1.0)
            .map(|(i, d)| (i, d.tension))
            .collect();
        let n = ts.len();
        if n == 0 {
            continue;
        }
        let mean = ts.iter().map(|x| x.1).sum::<f64>() / n as f64;
        let half = 1.6 / (n as f64).sqrt();
        let mean_s = scores_for(mean, m as usize);
        let shift = |d: f64| Scores {
            hostility: mean_s.hostility + d * 0.5,
            rapprochement: mean_s.rapprochement + d * 0.3,
            uncertainty: mean_s.uncertainty + d * 0.2,
            tension: mean + d,
        };
        periods.push(PeriodPoint {
            label: format!("1938-{m:02}"),
            start_day: start,
            end_day: end,
            documents: n,
            mean: mean_s,
            low: shift(-half),
            high: shift(half),
        });
    }
    let smoothed = (0..=73)
        .map(|k| {
            let d = days_from_civil(1938, 1, 1) as f64 + k as f64 * 5.0;
            (d, base_tension(d))
        })
        .collect();
    TimelineChart {
        title: "Soviet-Japanese tension in US reports, 1938".into(),
        periods,
        smoothed,
        smoothing_label: "LOESS, span 0.3".into(),
        docs,
        events: vec![
            EventMark {
                start_day: days_from_civil(1938, 7, 11),
                end_day: days_from_civil(1938, 7, 11),
                label: "Soviet troops on Changkufeng".into(),
            },
            EventMark {
                start_day: days_from_civil(1938, 7, 29),
                end_day: days_from_civil(1938, 8, 11),
                label: "Changkufeng fighting".into(),
            },
            EventMark {
                start_day: days_from_civil(1938, 8, 11),
                end_day: days_from_civil(1938, 8, 11),
                label: "Armistice".into(),
            },
            EventMark {
                start_day: days_from_civil(1938, 3, 12),
                end_day: days_from_civil(1938, 3, 12),
                label: "Anschluss".into(),
            },
        ],
    }
}

pub fn cluster_map() -> ClusterMap {
    let s = sample();
    let mut g = Lcg(7);
    let centres = [(2.0, 1.0), (0.5, -1.5), (-1.5, 0.8), (-2.2, -1.0)];
    ClusterMap {
        points: (0..s.dates.len())
            .map(|i| {
                let c = s.clusters[i];
                ClusterPoint {
                    id: format!("frus1938v03-d{}", 400 + i),
                    x: centres[c].0 + (g.next() - 0.5) * 1.4,
                    y: centres[c].1 + (g.next() - 0.5) * 1.2,
                    cluster: if i == 13 { None } else { Some(c) },
                }
            })
            .collect(),
        cluster_names: vec![
            "armed clashes on the border: hostility high, rapprochement low".into(),
            "negotiations under pressure".into(),
            "routine fishery and concession disputes with hedged assessments".into(),
            "rumours and uncertain intelligence".into(),
        ],
        x_label: "Principal component 1 (41% of variance)".into(),
        y_label: "Principal component 2 (23% of variance)".into(),
        silhouette: Some(0.41),
    }
}

pub fn author_chart() -> AuthorChart {
    let s = sample();
    let mut rows: Vec<AuthorRow> = AUTHORS
        .iter()
        .map(|a| {
            let ts: Vec<f64> = (0..s.tension.len())
                .filter(|&i| s.authors[i] == *a)
                .map(|i| s.tension[i])
                .collect();
            let n = ts.len().max(1);
            let mean = ts.iter().sum::<f64>() / n as f64;
            let half = 2.0 / (n as f64).sqrt();
            AuthorRow {
                author: a.to_string(),
                documents: ts.len(),
                mean_tension: mean,
                low: mean - half,
                high: mean + half,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.author.cmp(&b.author)));
    AuthorChart { rows }
}

pub fn top_cues() -> TopCues {
    TopCues {
        per_dimension: vec![
            (
                Dimension::Hostility,
                vec![
                    ("attack".into(), 41.5),
                    ("border clash".into(), 33.0),
                    ("artillery".into(), 27.2),
                    ("violation of the frontier".into(), 20.1),
                    ("threat".into(), 15.0),
                    ("protest".into(), 12.4),
                    ("casualties".into(), 9.8),
                    ("provocation".into(), 8.0),
                    ("hostile".into(), 6.5),
                    ("invasion".into(), 5.1),
                    ("extra ignored".into(), 1.0),
                ],
            ),
            (
                Dimension::Rapprochement,
                vec![
                    ("negotiations".into(), 22.0),
                    ("settlement".into(), 18.4),
                    ("armistice".into(), 12.0),
                    ("non-aggression pact".into(), 9.0),
                    ("mixed commission for the redemarcation".into(), 4.2),
                ],
            ),
            (
                Dimension::Uncertainty,
                vec![
                    ("it is rumoured".into(), 14.0),
                    ("may".into(), 11.0),
                    ("unconfirmed".into(), 7.5),
                    ("difficult to say".into(), 3.0),
                ],
            ),
        ],
    }
}

pub fn agreement() -> AgreementChart {
    let s = sample();
    let mut g = Lcg(3);
    AgreementChart {
        names: vec![
            "analyst A".into(),
            "analyst B".into(),
            "analyst C".into(),
            "diplostance".into(),
        ],
        matrix: vec![
            vec![Some(1.0), Some(0.71), Some(0.64), Some(0.58)],
            vec![Some(0.71), Some(1.0), None, Some(0.49)],
            vec![Some(0.64), None, Some(1.0), Some(-0.12)],
            vec![Some(0.58), Some(0.49), Some(-0.12), Some(1.0)],
        ],
        statistic_label: "Spearman's rho, tension".into(),
        scatter: (0..30)
            .map(|i| AgreementPoint {
                doc: format!("frus1938v03-d{}", 400 + i),
                tool: s.tension[i],
                analysts_mean: (s.tension[i] / 2.5 + (g.next() - 0.5) * 1.2).clamp(0.0, 4.0),
            })
            .collect(),
        analysts_label: "Analysts' mean tension rating (0-4)".into(),
    }
}

pub fn inputs(size: (u32, u32)) -> ChartInputs {
    ChartInputs {
        timeline: Some(timeline()),
        clusters: Some(cluster_map()),
        authors: Some(author_chart()),
        cues: Some(top_cues()),
        agreement: Some(agreement()),
        analysts: None,
        size,
        palette: Palette::Colour,
    }
}

/// A scored document with hits, for page tests.
pub fn doc(id: &str, author: &str, date: Option<PartialDate>, text_hits: Vec<Hit>) -> DocScore {
    DocScore {
        id: id.into(),
        dyad: None,
        meta: DocMeta {
            date,
            author: Some(author.into()),
            ..DocMeta::default()
        },
        tokens: 120,
        sentences: 6,
        scores: Scores {
            hostility: 3.2,
            rapprochement: 0.5,
            uncertainty: 1.1,
            tension: 6.4,
        },
        relevance: 1.0,
        interval: Intervals::default(),
        features: Features::default(),
        cluster: Some(0),
        distance: None,
        hits: Some(text_hits),
    }
}

/// A hit whose context is `context` with the match at `needle`.
pub fn hit(term: &str, context: &str, needle: &str, dim: Dimension) -> Hit {
    let s = context.find(needle).unwrap_or(0);
    Hit {
        term: term.into(),
        text: needle.into(),
        dimension: dim,
        base_weight: 1.0,
        weight: 1.5,
        level: (dim == Dimension::Hostility).then_some(7.0),
        negated: false,
        statement: StatementKind::Asserted,
        modifiers: vec![Modifier {
            kind: ModifierKind::Intensified,
            term: "grave".into(),
            start: 0,
            end: 5,
            factor: 1.5,
        }],
        actors: vec!["japan".into(), "ussr".into()],
        participants: vec![],
        sentence: 0,
        start: s as u32,
        end: (s + needle.len()) as u32,
        context: context.into(),
        context_match: Span::new(s, s + needle.len()),
    }
}

/// Every precision is exercised by the sample (month-dated documents exist).
pub fn has_month_precision() -> bool {
    timeline()
        .docs
        .iter()
        .any(|d| d.precision == DatePrecision::Month)
}

/// A paragraph of the shared FRUS 1938 extract, whitespace collapsed.
pub fn real_paragraph() -> String {
    let xml = std::fs::read_to_string(crate::util::tei_1938()).expect("shared TEI extract");
    let start = xml
        .find("He also said that on January 30")
        .expect("paragraph present");
    let end = start + xml[start..].find("</p>").expect("paragraph end");
    xml[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The script planted in hostile documents: it would retitle the page if it ever ran.
pub const PLANTED_SCRIPT: &str = "<script>document.title='pwned'</script>";
pub const PLANTED_IMG: &str = "\"><img src=x onerror=\"document.title='pwned'\">";

/// Documents for the page: real text, plus hostile ids, authors and text.
pub fn page_docs() -> Vec<DocScore> {
    let para = real_paragraph();
    let real = doc(
        "frus1938v03-d12",
        "Grew",
        Some(PartialDate::ymd(1938, 2, 3)),
        vec![
            hit("clash", &para, "clashes", Dimension::Hostility),
            hit("protest", &para, "protest", Dimension::Hostility),
        ],
    );
    let hostile_text =
        format!("Troops {PLANTED_SCRIPT} attacked {PLANTED_IMG} the «frontier» post.");
    let mut hostile = doc(
        &format!("{PLANTED_IMG}/../../etc"),
        PLANTED_SCRIPT,
        Some(PartialDate::ym(1938, 8)),
        vec![hit(
            "attack",
            &hostile_text,
            "attacked",
            Dimension::Hostility,
        )],
    );
    hostile.meta.title = Some(PLANTED_IMG.into());
    let mut no_hits = doc("frus1938v03-d99", "Kirk", None, vec![]);
    no_hits.hits = None;
    vec![hostile, real, no_hits]
}

pub fn summary() -> Summary {
    Summary {
        corpus: vec!["../shared/corpus/frus1938v03-soviet-japanese-border.xml".into()],
        read: 65,
        used: 64,
        skipped: vec![(
            "frus1938v03-d7".into(),
            format!("empty text {PLANTED_SCRIPT}"),
        )],
        warnings: vec!["2 documents dated to the month only".into()],
        lexicon: "diplostance lexicon 1".into(),
        dyad: "Soviet Union - Japan".into(),
        generated_by: "diplostance 0.1.0".into(),
    }
}

pub fn method() -> Vec<String> {
    vec![
        "Tension combines the three dimensions:".into(),
        "    tension = 10 * h / (h + r + 1)  (illustrative)".into(),
        format!("Scores are weighted cue densities {PLANTED_SCRIPT}."),
    ]
}

/// Build every file of a sample report (charts, page) in memory.
pub fn report_files(size: (u32, u32)) -> ReportFiles {
    let mut charts_in = inputs(size);
    if let Some(t) = charts_in.timeline.as_mut() {
        t.docs[0].author = PLANTED_SCRIPT.into();
    }
    let charts = build_charts(&charts_in).expect("charts");
    let docs = page_docs();
    let summary = summary();
    let method = method();
    let names = cluster_map().cluster_names;
    let data_files = vec![("scores.csv".to_string(), "one row per document".to_string())];
    let page = Page {
        title: "Soviet-Japanese relations, 1938",
        summary: &summary,
        method: &method,
        charts: &charts,
        docs: &docs,
        cluster_names: &names,
        data_files: &data_files,
        ratings: None,
        agreement: None,
        analysts: None,
    };
    let mut files = ReportFiles::new();
    files.add("index.html", render_index(&page));
    for (p, b) in charts {
        files.add(p, b);
    }
    files.add("scores.csv", "id,tension\n");
    files
}
