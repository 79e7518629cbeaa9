//! From scored documents to the files of a report: timeline, clusters, authors, top cues,
//! agreement with analysts, charts, the HTML page and the machine-readable data beside it.

use std::collections::{BTreeMap, BinaryHeap};

use crate::agreement::{
    Comparison, EvalRun, RatedDimension, Ratings, ToolScores, compare, compare_groups,
};
use crate::analysis::events::Event;
use crate::analysis::{ClusterParams, Granularity, TimelineParams, cluster, timeline};
use crate::corpus::PartialDate;
use crate::dimension::Dimension;
use crate::output::{Format, ScoreFormatter, render_all};
use crate::report::{
    AgreementChart, AgreementPoint, AuthorChart, AuthorRow, ChartInputs, ClusterMap, ClusterPoint,
    DocPoint, EventMark, Page, PeriodPoint, ReportError, ReportFiles, Summary, TimelineChart,
    TopCues, build_charts, render_index,
};
use crate::score::{self, DocScore, Scores};

/// What a report is made of, besides the documents.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Page title.
    pub title: String,
    /// Timeline bins; `None` chooses them from the corpus's span and density
    /// ([`Granularity::for_dates`]).
    pub granularity: Option<Granularity>,
    /// Clustering.
    pub cluster: ClusterParams,
    /// Events marked on the timeline.
    pub events: Vec<Event>,
    /// Analysts' ratings to compare with, if any.
    pub ratings: Option<Ratings>,
    /// Seed of every resampling.
    pub seed: u64,
    /// Documents beyond this many are listed in the table but without their hits, to keep the
    /// page readable (every hit is still in `hits.csv`).
    pub max_documents_with_hits: usize,
    /// Size of every chart in pixels (the PNG's size, the SVG's view box).
    pub chart_size: (u32, u32),
    /// Colours, or greys for print.
    pub palette: crate::report::Palette,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Soviet-Japanese relations as assessed in the reports".into(),
            granularity: None,
            cluster: ClusterParams::default(),
            events: crate::analysis::events::builtin_events(),
            ratings: None,
            seed: crate::stats::DEFAULT_SEED,
            max_documents_with_hits: 300,
            chart_size: ChartInputs::default().size,
            palette: crate::report::Palette::Colour,
        }
    }
}

/// The paragraphs that explain the scores on the page.
pub fn method_text() -> Vec<String> {
    vec![
        "Each document is split into sentences and words; every word is reduced to its Snowball stem and looked up in the cue lexicon (lexicons/cues.toml). Multi-word cues (\"non-aggression pact\", \"border incident\") count once, the longest match winning.".into(),
        format!(
            "A cue's weight is changed by its context: a negator in the same clause turns it around (x{}), as does a word saying it is ending or avoided (\"subsided\", \"averted\"); intensifiers and diminishers scale it; after \"but\" or \"however\" it counts x{}, before it or in a conceded clause x{}; a hedge in its sentence (\"it is rumoured\", \"may\") damps it and counts as uncertainty; a reporting verb (\"he said\") or a quotation damps it a little, and so does a conditional (\"if\", \"would\"); a cue that ends fighting (\"truce\") also presupposes the fighting, even when negated; and a sentence that does not name both states counts less (x{} to x{}; nothing at all in a document that never names both).",
            score::rules::NEGATION_FACTOR,
            score::rules::AFTER_CONTRAST,
            score::rules::BEFORE_CONTRAST,
            score::rules::dyad_weight::NO_DYAD,
            score::rules::dyad_weight::BOTH_NEARBY,
        ),
        format!(
            "Hostility and rapprochement are the summed weights per 1,000 words, uncertainty the summed weight over the square root of the thousands of words (documents under {} words count as {}). Tension, 0 (cordial) to 10 (open war), is",
            score::MIN_TOKENS,
            score::MIN_TOKENS
        ),
        format!(
            "    tension = clamp({base} + (level - {base}) (1 - exp(-hostility/{})) - {} ln(1 + rapprochement/10), 0, 10)",
            score::TENSION_HOSTILITY,
            score::TENSION_RAPPROCHEMENT,
            base = score::TENSION_BASE,
        ),
        format!(
            "where level is the weighted mean level of the hostility a document reports: each hostility cue stands for a point of the codebook's tension scale (5 strained: protests, refusals, enmity; 7 incidents and threats; 8 fighting; 10 war; {} when the lexicon gives none), listed with its hits.",
            score::DEFAULT_LEVEL
        ),
        "Intervals are 90% bootstrap intervals: over a document's sentences for a document, over the documents of a period for the timeline. Every number can be traced to the hits listed under each document below.".into(),
    ]
}

/// The order of documents in a report: by date, undated last, then by id.
type OrderKey = (bool, Option<PartialDate>, String);

fn order_key(d: &DocScore) -> OrderKey {
    (d.meta.date.is_none(), d.meta.date, d.id.clone())
}

fn sort_for_report(docs: &mut [DocScore]) {
    docs.sort_by(|a, b| {
        (a.meta.date.is_none(), a.meta.date, &a.id).cmp(&(
            b.meta.date.is_none(),
            b.meta.date,
            &b.id,
        ))
    });
}

/// Collects scored documents for a report while a corpus is scored, keeping memory bounded:
/// every hit is needed once, for `hits.csv` and the top-cue totals, but the page lists the
/// hits of the first [`ReportOptions::max_documents_with_hits`] documents only. So each
/// document's `hits.csv` rows are rendered when it arrives, its positive cue weights are kept
/// as numbers, and its [`crate::score::Hit`]s are kept only while it is among the first
/// documents in report order. [`ReportCollector::assemble`] then gives the same files as
/// [`assemble`] given every hit.
#[derive(Debug)]
pub struct ReportCollector {
    max_with_hits: usize,
    docs: Vec<DocScore>,
    rows: Vec<String>,
    /// Per document, its positive hits in order: dimension, cue term (index into `terms`),
    /// weight.
    cues: Vec<Vec<(Dimension, u32, f64)>>,
    terms: Vec<String>,
    term_ids: BTreeMap<String, u32>,
    /// The documents holding hits, greatest report position on top.
    kept: BinaryHeap<(OrderKey, usize)>,
    csv: ScoreFormatter,
}

impl ReportCollector {
    /// A collector for a report with these options.
    pub fn new(opts: &ReportOptions) -> Self {
        ReportCollector {
            max_with_hits: opts.max_documents_with_hits,
            docs: Vec::new(),
            rows: Vec::new(),
            cues: Vec::new(),
            terms: Vec::new(),
            term_ids: BTreeMap::new(),
            kept: BinaryHeap::new(),
            csv: ScoreFormatter::new(Format::Csv, true),
        }
    }

    /// Number of documents collected.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True before the first document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Add a document scored with explanations (in read order).
    pub fn add(&mut self, d: DocScore) {
        let rows = self.csv.document_at(&d, self.docs.len());
        self.add_rendered(d, rows);
    }

    /// Add a batch of documents scored with explanations (in read order), rendering their
    /// `hits.csv` rows on all threads of the current rayon pool.
    pub fn add_batch(&mut self, docs: Vec<DocScore>) {
        use rayon::prelude::*;
        let csv = &self.csv;
        let rows: Vec<String> = docs.par_iter().map(|d| csv.document_at(d, 1)).collect();
        for (d, r) in docs.into_iter().zip(rows) {
            self.add_rendered(d, r);
        }
    }

    fn add_rendered(&mut self, mut d: DocScore, rows: String) {
        let index = self.docs.len();
        self.rows.push(rows);
        let mut cues = Vec::new();
        for h in d.hits.iter().flatten() {
            if h.weight > 0.0 {
                let id = match self.term_ids.get(&h.term) {
                    Some(&id) => id,
                    None => {
                        let id = self.terms.len() as u32;
                        self.terms.push(h.term.clone());
                        self.term_ids.insert(h.term.clone(), id);
                        id
                    }
                };
                cues.push((h.dimension, id, h.weight));
            }
        }
        self.cues.push(cues);
        // keep the hits only while the document is among the first in report order (ties,
        // impossible with unique ids, would go by read order as in a stable sort)
        let key = (order_key(&d), index);
        if self.kept.len() < self.max_with_hits {
            self.kept.push(key);
        } else if self.kept.peek().is_some_and(|top| key < *top) {
            if let Some((_, out)) = self.kept.pop() {
                self.docs[out].hits = None;
            }
            self.kept.push(key);
        } else {
            d.hits = None;
        }
        self.docs.push(d);
    }

    /// Compute everything and lay out the report's files, as [`assemble`] does. Returns the
    /// documents too, in report order, with their clusters (and the hits the page lists).
    pub fn assemble(
        self,
        summary: &mut Summary,
        opts: &ReportOptions,
    ) -> Result<(ReportFiles, Vec<DocScore>), ReportError> {
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        let keys: Vec<OrderKey> = self.docs.iter().map(order_key).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut slots: Vec<Option<DocScore>> = self.docs.into_iter().map(Some).collect();
        let mut docs: Vec<DocScore> = order.iter().filter_map(|&i| slots[i].take()).collect();
        let mut hits_csv = ScoreFormatter::new(Format::Csv, true).header();
        hits_csv.reserve(self.rows.iter().map(String::len).sum());
        for &i in &order {
            hits_csv.push_str(&self.rows[i]);
        }
        let cues = top_cues_from(
            order
                .iter()
                .flat_map(|&i| self.cues[i].iter())
                .map(|&(dim, t, w)| (dim, self.terms[t as usize].as_str(), w)),
        );
        let files = assemble_sorted(&mut docs, summary, opts, cues, hits_csv, true)?;
        Ok((files, docs))
    }
}

/// Compute everything and lay out the report's files. `docs` are sorted by date (undated last)
/// and gain their cluster; `summary` gains notes on what could not be computed. The documents
/// must have been scored with explanations (their hits are listed); on a large corpus,
/// [`ReportCollector`] gives the same files in bounded memory.
pub fn assemble(
    docs: &mut [DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
) -> Result<ReportFiles, ReportError> {
    sort_for_report(docs);
    let cues = top_cues(docs);
    let hits_csv = render_all(Format::Csv, true, docs);
    assemble_sorted(docs, summary, opts, cues, hits_csv, false)
}

/// [`assemble`] after sorting, given the top cues and `hits.csv`; `hits_trimmed` says that
/// only the documents the page lists still hold their hits.
fn assemble_sorted(
    docs: &mut [DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    cues: TopCues,
    hits_csv: String,
    hits_trimmed: bool,
) -> Result<ReportFiles, ReportError> {
    sort_for_report(docs);
    let mut inputs = ChartInputs {
        size: opts.chart_size,
        palette: opts.palette,
        ..ChartInputs::default()
    };
    let mut files = ReportFiles::new();
    let tl = add_timeline(docs, summary, opts, &mut inputs);
    let cluster_names = add_clusters(docs, summary, opts, &mut inputs, &mut files);
    add_authors(docs, summary, opts, &mut inputs, &mut files);
    inputs.cues = Some(cues);
    let comparison = add_agreement(docs, summary, opts, &mut inputs, &mut files);
    let analysts = add_analysts(docs, summary, opts, &mut inputs, &mut files);
    let charts = build_charts(&inputs)?;
    files.add("scores.csv", render_all(Format::Csv, false, docs));
    files.add("scores.jsonl", render_all(Format::Jsonl, false, docs));
    files.add("hits.csv", hits_csv);
    files.add("timeline.csv", timeline::render_csv(&tl));
    files.add(
        "timeline.json",
        serde_json::to_string_pretty(&tl).unwrap_or_default() + "\n",
    );
    let listed = PageDocs::new(docs, summary, opts, hits_trimmed);
    let shown = listed.docs(docs);
    let eval = opts
        .ratings
        .as_ref()
        .map(|r| EvalRun::new(r, shown, opts.seed, false));
    let method = method_text();
    let data_files = data_files(analysts.is_some());
    let page = Page {
        title: &opts.title,
        summary,
        method: &method,
        charts: &charts,
        docs: shown,
        cluster_names: &cluster_names,
        data_files: &data_files,
        ratings: opts.ratings.as_ref(),
        agreement: comparison.as_ref().zip(eval.as_ref()),
        analysts: analysts.as_ref(),
    };
    files.add("index.html", render_index(&page));
    for (name, bytes) in charts {
        files.add(name, bytes);
    }
    Ok(files)
}

/// The documents the page lists: all of them, with the hits of the first
/// [`ReportOptions::max_documents_with_hits`] only (a copy is made when the documents given
/// still hold every hit).
struct PageDocs(Vec<DocScore>);

impl PageDocs {
    fn new(docs: &[DocScore], summary: &mut Summary, opts: &ReportOptions, trimmed: bool) -> Self {
        let max = opts.max_documents_with_hits;
        if docs.len() <= max {
            return PageDocs(Vec::new());
        }
        summary.warnings.push(format!(
            "hits are listed on this page for the first {max} of {} documents (report \
             --max-docs-with-hits N to change); hits.csv has them all",
            docs.len()
        ));
        if trimmed {
            return PageDocs(Vec::new());
        }
        let mut copy = docs.to_vec();
        for d in copy.iter_mut().skip(max) {
            d.hits = None;
        }
        PageDocs(copy)
    }

    fn docs<'a>(&'a self, docs: &'a [DocScore]) -> &'a [DocScore] {
        if self.0.is_empty() { docs } else { &self.0 }
    }
}

/// The files beside the page, as the page lists them (`analysts.json` when ratings are given).
fn data_files(analysts: bool) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = [
        (
            "scores.csv",
            "scores, intervals and features, one row per document",
        ),
        ("scores.jsonl", "the same, one JSON object per line"),
        (
            "hits.csv",
            "every hit: term, offsets, weight, modifiers, context",
        ),
        ("timeline.csv", "the timeline, one row per period"),
        (
            "clusters.json",
            "clusters, their descriptions and the 2-D map",
        ),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    if analysts {
        files.push((
            "analysts.json".into(),
            "the analysts compared: offsets, agreement by year, models, consensus".into(),
        ));
    }
    files
}

/// The timeline, and its chart when a period has documents.
fn add_timeline(
    docs: &[DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    inputs: &mut ChartInputs,
) -> timeline::Timeline {
    let by = opts.granularity.unwrap_or_else(|| {
        Granularity::for_dates(docs.iter().filter_map(|d| d.meta.date.as_ref()))
    });
    let params = TimelineParams {
        seed: opts.seed,
        ..TimelineParams::default()
    };
    let tl = timeline::timeline(docs, by, &opts.events, &params);
    for l in &tl.left_out {
        summary.warnings.push(format!(
            "timeline: {} document(s) left out: {}",
            l.count, l.reason
        ));
    }
    if tl.periods.iter().any(|p| p.documents > 0) {
        inputs.timeline = Some(timeline_chart(&tl, docs, params.window));
    }
    tl
}

/// The clusters: each document gains its cluster; `clusters.json` and the cluster map.
/// Returns the clusters' descriptions.
fn add_clusters(
    docs: &mut [DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    inputs: &mut ChartInputs,
    files: &mut ReportFiles,
) -> Vec<String> {
    let c = match opts.cluster.check().and_then(|p| p.fit(docs)) {
        Ok(c) => c,
        Err(e) => {
            summary.warnings.push(format!("clusters not computed: {e}"));
            files.add("clusters.json", "null\n");
            return Vec::new();
        }
    };
    for l in &c.left_out {
        summary.warnings.push(format!(
            "clusters: {} document(s) left out: {}",
            l.count, l.reason
        ));
    }
    let by_id: BTreeMap<&str, &cluster::DocPoint> =
        c.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    for d in docs.iter_mut() {
        if let Some(p) = by_id.get(d.id.as_str()) {
            d.cluster = p.cluster;
            d.distance = p.distance;
        }
    }
    let cluster_names: Vec<String> = c.clusters.iter().map(cluster_in_words).collect();
    inputs.clusters = Some(ClusterMap {
        silhouette: c.silhouette,
        points: c
            .documents
            .iter()
            .map(|d| ClusterPoint {
                id: d.id.clone(),
                x: d.x,
                y: d.y,
                cluster: d.cluster,
            })
            .collect(),
        cluster_names: cluster_names.clone(),
        x_label: format!("Component 1 ({:.0}% of variance)", c.explained[0] * 100.0),
        y_label: format!("Component 2 ({:.0}% of variance)", c.explained[1] * 100.0),
    });
    files.add(
        "clusters.json",
        serde_json::to_string_pretty(&c).unwrap_or_default() + "\n",
    );
    cluster_names
}

/// Mean tension per author: `authors.json` and the authors chart.
fn add_authors(
    docs: &[DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    inputs: &mut ChartInputs,
    files: &mut ReportFiles,
) {
    let groups: Vec<(String, f64)> = docs
        .iter()
        .filter_map(|d| Some((d.meta.author.clone()?, d.tension()?)))
        .collect();
    if let (_, Some(l)) = crate::analysis::with_tension(docs) {
        summary.warnings.push(format!(
            "authors: {} document(s) left out: {}",
            l.count, l.reason
        ));
    }
    if groups.is_empty() {
        return;
    }
    let g = compare_groups(&groups, 1000, opts.seed);
    let mut rows: Vec<AuthorRow> = g
        .groups
        .iter()
        .map(|s| {
            // an author with one document: that document's own interval (over its
            // sentences), rather than none
            let own = (s.n == 1)
                .then(|| {
                    docs.iter()
                        .find(|d| d.meta.author.as_deref() == Some(s.group.as_str()))
                        .map(|d| (d.interval.tension.low, d.interval.tension.high))
                })
                .flatten();
            let (low, high) = match (s.interval, own) {
                (Some(i), _) => (i.low, i.high),
                (None, Some(o)) => o,
                (None, None) => (s.mean, s.mean),
            };
            AuthorRow {
                author: s.group.clone(),
                documents: s.n,
                mean_tension: s.mean,
                low,
                high,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.author.cmp(&b.author)));
    inputs.authors = Some(AuthorChart { rows });
    files.add(
        "authors.json",
        serde_json::to_string_pretty(&g).unwrap_or_default() + "\n",
    );
}

/// Agreement with the analysts, when ratings are given: `agreement.json` and its chart.
fn add_agreement(
    docs: &[DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    inputs: &mut ChartInputs,
    files: &mut ReportFiles,
) -> Option<Comparison> {
    let r = opts.ratings.as_ref()?;
    let tool = ToolScores::from_doc_scores(docs.iter());
    let c = compare(r, Some(&tool), opts.seed);
    summary.warnings.extend(c.warnings.iter().cloned());
    inputs.agreement = Some(agreement_chart(&c, r, &tool));
    files.add(
        "agreement.json",
        serde_json::to_string_pretty(&c).unwrap_or_default() + "\n",
    );
    Some(c)
}

/// The analysts compared with each other, when ratings are given: `analysts.json` and its
/// charts.
fn add_analysts(
    docs: &[DocScore],
    summary: &mut Summary,
    opts: &ReportOptions,
    inputs: &mut ChartInputs,
    files: &mut ReportFiles,
) -> Option<crate::agreement::AnalystsReport> {
    let r = opts.ratings.as_ref()?;
    let a = crate::report::analysts::analyse_report(r, docs, opts.seed);
    for w in &a.warnings {
        if !summary.warnings.contains(w) {
            summary.warnings.push(w.clone());
        }
    }
    inputs.analysts = Some(crate::report::analysts::charts_of(&a));
    files.add(
        "analysts.json",
        serde_json::to_string_pretty(&a).unwrap_or_default() + "\n",
    );
    Some(a)
}

/// What sets a cluster apart, in words: "high share of sentences naming both sides, low
/// hostility (per 1,000 words)" (the features' names of `docs/outputs.md`, not the schema's).
fn cluster_in_words(k: &cluster::Cluster) -> String {
    if k.distinctive.is_empty() {
        return k.description.clone();
    }
    k.distinctive
        .iter()
        .map(|x| {
            format!(
                "{} {}",
                x.direction,
                crate::score::feature_label(&x.feature)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn scores_of(p: &timeline::Period) -> Scores {
    Scores {
        hostility: p.hostility.unwrap_or(0.0),
        rapprochement: p.rapprochement.unwrap_or(0.0),
        uncertainty: p.uncertainty.unwrap_or(0.0),
        tension: p.tension.unwrap_or(0.0),
    }
}

/// What the smoothed curve of a timeline by `by` with a `window` of periods is, in a few words.
fn smoothing_label(by: Granularity, window: usize) -> String {
    let span = window.max(1) / 2 * 2 + 1;
    format!(
        "mean of {} centred on each, weighted by documents; broken at empty {}s",
        crate::plural::count(span, by.name()),
        by.name()
    )
}

fn timeline_chart(tl: &timeline::Timeline, docs: &[DocScore], window: usize) -> TimelineChart {
    let periods = tl
        .periods
        .iter()
        .filter(|p| p.documents > 0)
        .map(|p| {
            let mean = scores_of(p);
            let (low, high) = match &p.interval {
                Some(iv) => (
                    Scores {
                        hostility: iv.hostility.low,
                        rapprochement: iv.rapprochement.low,
                        uncertainty: iv.uncertainty.low,
                        tension: iv.tension.low,
                    },
                    Scores {
                        hostility: iv.hostility.high,
                        rapprochement: iv.rapprochement.high,
                        uncertainty: iv.uncertainty.high,
                        tension: iv.tension.high,
                    },
                ),
                None => (mean, mean),
            };
            PeriodPoint {
                label: p.period.clone(),
                start_day: p.start_day,
                end_day: p.end_day,
                documents: p.documents,
                mean,
                low,
                high,
            }
        })
        .collect();
    let smoothed = tl
        .periods
        .iter()
        .filter_map(|p| {
            p.smoothed
                .map(|s| ((p.start_day + p.end_day) as f64 / 2.0, s))
        })
        .collect();
    TimelineChart {
        title: format!("Tension over time (by {})", tl.by.name()),
        periods,
        smoothed,
        smoothing_label: smoothing_label(tl.by, window),
        docs: docs
            .iter()
            .filter(|d| d.is_relevant())
            .filter_map(|d| {
                d.meta.date.map(|date| DocPoint {
                    id: d.id.clone(),
                    day: date.mid_day_number(),
                    precision: date.precision(),
                    tension: d.scores.tension,
                    author: d.meta.author.clone().unwrap_or_default(),
                })
            })
            .collect(),
        events: tl
            .events
            .iter()
            .map(|e| EventMark {
                start_day: e.start_day,
                end_day: e.end_day,
                label: e.event.label.clone(),
            })
            .collect(),
    }
}

/// The cues that contribute most to each dimension: the sum of positive hit weights per term.
pub fn top_cues(docs: &[DocScore]) -> TopCues {
    top_cues_from(
        docs.iter()
            .flat_map(|d| d.hits.iter().flatten())
            .filter(|h| h.weight > 0.0)
            .map(|h| (h.dimension, h.term.as_str(), h.weight)),
    )
}

/// [`top_cues`] from the positive hits `(dimension, term, weight)`, in document and hit order
/// (the order of the additions, so the sums are the same to the last bit).
fn top_cues_from<'a>(hits: impl Iterator<Item = (Dimension, &'a str, f64)>) -> TopCues {
    let mut sums: BTreeMap<(Dimension, &str), f64> = BTreeMap::new();
    for (dim, term, w) in hits {
        *sums.entry((dim, term)).or_default() += w;
    }
    let per_dimension = Dimension::ALL
        .iter()
        .map(|&dim| {
            let mut v: Vec<(String, f64)> = sums
                .iter()
                .filter(|((d, _), _)| *d == dim)
                .map(|((_, t), w)| (t.to_string(), *w))
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(TopCues::MAX_PER_PANEL);
            (dim, v)
        })
        .collect();
    TopCues { per_dimension }
}

fn agreement_chart(
    c: &crate::agreement::Comparison,
    r: &Ratings,
    tool: &ToolScores,
) -> AgreementChart {
    // the comparison's raters already end with the tool, under the name it was given there
    let names: Vec<String> = c.analysts.clone();
    let n = names.len();
    let mut matrix = vec![vec![None; n]; n];
    for (i, row) in matrix.iter_mut().enumerate() {
        row[i] = Some(1.0);
    }
    if let Some(dc) = c.dimensions.get(RatedDimension::Tension) {
        for p in &dc.pairwise {
            let (Some(i), Some(j)) = (
                names.iter().position(|x| *x == p.a),
                names.iter().position(|x| *x == p.b),
            ) else {
                continue;
            };
            matrix[i][j] = p.spearman;
            matrix[j][i] = p.spearman;
        }
    }
    let docs = r.documents();
    let scatter = r
        .document_means(RatedDimension::Tension)
        .into_iter()
        .filter_map(|(i, mean, _)| {
            let id = &docs[i];
            tool.get(id, RatedDimension::Tension)
                .map(|t| AgreementPoint {
                    doc: id.clone(),
                    tool: t,
                    analysts_mean: mean,
                })
        })
        .collect();
    AgreementChart {
        names,
        matrix,
        statistic_label: "Spearman correlation of tension ratings".into(),
        scatter,
        analysts_label: "Analysts' mean tension (0-10)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ReadOptions, load};
    use crate::score::Analyzer;

    /// The collector, which keeps only the hits the page lists, lays out the same files as
    /// `assemble` given every hit: on the TEI extract, with the page listing the hits of 10
    /// of its 64 documents (so that hits are dropped and documents evicted along the way).
    #[test]
    fn collector_gives_the_files_of_assemble() {
        let path = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/frus1938v03-soviet-japanese-border.xml"
        ));
        let corpus = load(&[path], &ReadOptions::default()).unwrap();
        let analyzer = Analyzer::builtin().unwrap();
        let mut scored = analyzer.score_all(&corpus.docs, true);
        assert!(scored.len() > 20);
        let opts = ReportOptions {
            max_documents_with_hits: 10,
            ..ReportOptions::default()
        };
        let mut collector = ReportCollector::new(&opts);
        let (first, rest) = scored.split_at(7);
        for d in first {
            collector.add(d.clone());
        }
        collector.add_batch(rest.to_vec());
        let (mut s1, mut s2) = (Summary::default(), Summary::default());
        let (files, docs) = collector.assemble(&mut s1, &opts).unwrap();
        let expected = assemble(&mut scored, &mut s2, &opts).unwrap();
        assert_eq!(s1.warnings, s2.warnings);
        assert_eq!(files.files.len(), expected.files.len());
        for ((n1, b1), (n2, b2)) in files.files.iter().zip(&expected.files) {
            assert_eq!(n1, n2);
            assert!(b1 == b2, "{n1} differs");
        }
        // the page's documents hold hits, the others not
        assert_eq!(docs.iter().filter(|d| d.hits.is_some()).count(), 10);
        assert!(docs[..10].iter().all(|d| d.hits.is_some()));
    }

    /// The agreement chart has one row and column per rater: the three analysts and the tool
    /// once (it showed the tool twice, the second time with no values).
    #[test]
    fn agreement_chart_names_each_rater_once() {
        let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/");
        let path =
            std::path::PathBuf::from(format!("{shared}frus1938v03-soviet-japanese-border.xml"));
        let corpus = load(&[path], &ReadOptions::default()).unwrap();
        let docs = Analyzer::builtin().unwrap().score_all(&corpus.docs, false);
        let files: Vec<std::path::PathBuf> = ["A", "B", "C"]
            .iter()
            .map(|a| format!("{shared}analysts/analyst-{a}.csv").into())
            .collect();
        let r = Ratings::read(&files).unwrap();
        let tool = ToolScores::from_doc_scores(docs.iter());
        let c = compare(&r, Some(&tool), 7);
        let chart = agreement_chart(&c, &r, &tool);
        let tool_rows = chart
            .names
            .iter()
            .filter(|n| n.as_str() == crate::agreement::TOOL_NAME)
            .count();
        assert_eq!(tool_rows, 1, "{:?}", chart.names);
        assert_eq!(chart.names.len(), 4, "{:?}", chart.names);
        // every pair of raters has a value: none is a row of "too few shared documents"
        for (i, row) in chart.matrix.iter().enumerate() {
            assert!(row.iter().all(Option::is_some), "row {i}: {row:?}");
        }
    }
}
