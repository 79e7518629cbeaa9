//! [`Render`] for every result the command line prints. The tables are written beside their
//! types (each stage knows how to show itself to a reader); CSV is written here, through the
//! one [`csv`](super::csv) writer, and JSON by serde.

use std::fmt::Write as _;

use super::csv::Table;
use super::{ALL_FORMATS, Format, Render, TABLE_JSON, TABLE_JSON_CSV, lines, pretty, render_all};
use crate::agreement::groups::MIN_TESTED;
use crate::agreement::{self, Comparison, EvalRun, GroupComparison, Level, render_eval_table};
use crate::analysis::{Clustering, Timeline, cluster, timeline};
use crate::lexicon::check::{self, CheckReport};
use crate::score::DocScore;
use crate::score::usage::{self, UsageReport};

/// Scored documents, with their hits when `explain` is set (`score` writes the same text as a
/// stream through [`ScoreFormatter`](super::ScoreFormatter)).
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    /// The documents.
    pub docs: &'a [DocScore],
    /// Add every hit (in CSV: one row per hit instead of one per document).
    pub explain: bool,
}

impl Render for Scored<'_> {
    const FORMATS: &'static [Format] = ALL_FORMATS;
    fn table(&self) -> String {
        render_all(Format::Table, self.explain, self.docs)
    }
    fn json(&self) -> serde_json::Result<String> {
        Ok(render_all(Format::Json, self.explain, self.docs))
    }
    fn csv(&self) -> Option<String> {
        Some(render_all(Format::Csv, self.explain, self.docs))
    }
    fn jsonl(&self) -> Option<serde_json::Result<String>> {
        Some(Ok(render_all(Format::Jsonl, self.explain, self.docs)))
    }
}

/// A timeline: JSON lines hold one period per line.
impl Render for Timeline {
    const FORMATS: &'static [Format] = ALL_FORMATS;
    fn table(&self) -> String {
        timeline::render_table(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
    fn csv(&self) -> Option<String> {
        // labels and numbers only, no text from documents
        Some(timeline::render_csv(self))
    }
    fn jsonl(&self) -> Option<serde_json::Result<String>> {
        Some(lines(&self.periods))
    }
}

/// Clusters: CSV and JSON lines hold one document per line.
impl Render for Clustering {
    const FORMATS: &'static [Format] = ALL_FORMATS;
    fn table(&self) -> String {
        cluster::render_table(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
    /// `id,cluster,distance,x,y`; empty cluster and distance for noise.
    fn csv(&self) -> Option<String> {
        let mut t = Table::new(["id", "cluster", "distance", "x", "y"]);
        for d in &self.documents {
            t.row([
                d.id.clone(),
                d.cluster.map_or_else(String::new, |x| x.to_string()),
                d.distance.map_or_else(String::new, |x| x.to_string()),
                d.x.to_string(),
                d.y.to_string(),
            ]);
        }
        Some(t.finish())
    }
    fn jsonl(&self) -> Option<serde_json::Result<String>> {
        Some(lines(&self.documents))
    }
}

/// Agreement between analysts (`compare`).
impl Render for Comparison {
    const FORMATS: &'static [Format] = TABLE_JSON_CSV;
    fn table(&self) -> String {
        agreement::render_table(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
    /// Long format: `dimension,statistic,a,b,value` (empty value when undefined). Alphas have
    /// empty `a`/`b`; `vs_others_*` rows have the analyst in `a` and `others` in `b`.
    fn csv(&self) -> Option<String> {
        let mut t = Table::new(["dimension", "statistic", "a", "b", "value"]);
        let val = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
        for (dim, d) in self.dimensions.iter() {
            let mut row = |stat: &str, a: &str, b: &str, v: String| {
                t.row([dim.name(), stat, a, b, &v]);
            };
            for l in Level::ALL {
                row(&format!("alpha_{}", l.name()), "", "", val(d.alpha.get(l)));
            }
            row("alpha_interval_ci_low", "", "", val(d.alpha_ci.low));
            row("alpha_interval_ci_high", "", "", val(d.alpha_ci.high));
            if let Some(a) = &d.alpha_with_tool {
                for l in Level::ALL {
                    row(
                        &format!("alpha_with_tool_{}", l.name()),
                        "",
                        "",
                        val(a.get(l)),
                    );
                }
            }
            for p in &d.pairwise {
                row("kappa_linear", &p.a, &p.b, val(p.kappa_linear));
                row("kappa_quadratic", &p.a, &p.b, val(p.kappa_quadratic));
                row("spearman", &p.a, &p.b, val(p.spearman));
                row("pearson", &p.a, &p.b, val(p.pearson));
                row("n", &p.a, &p.b, p.n.to_string());
            }
            for v in &d.vs_others {
                row("vs_others_spearman", &v.analyst, "others", val(v.spearman));
                row("vs_others_pearson", &v.analyst, "others", val(v.pearson));
                row("vs_others_n", &v.analyst, "others", v.n.to_string());
            }
            if let Some(x) = &d.tool_vs_humans {
                let b = |x: bool| if x { "1" } else { "0" }.to_string();
                row("tool_spearman", "", "", val(x.tool));
                row("weakest_human_spearman", "", "", val(x.weakest_human));
                row("median_human_spearman", "", "", val(x.median_human));
                row("as_good_as_weakest", "", "", b(x.as_good_as_weakest));
                row("as_good_as_median", "", "", b(x.as_good_as_median));
            }
        }
        Some(t.finish())
    }
}

/// Documents grouped by author, place or recipient and compared on each score
/// (`compare --by`).
#[derive(Debug, Clone)]
pub struct GroupReport {
    /// `author`, `place` or `recipient`.
    pub by: String,
    /// Documents with a value for the grouping.
    pub documents: usize,
    /// Each score's comparison, in the order of [`crate::score::Scores::NAMES`].
    pub scores: Vec<(&'static str, GroupComparison)>,
}

impl Render for GroupReport {
    const FORMATS: &'static [Format] = TABLE_JSON_CSV;
    fn table(&self) -> String {
        let mut s = format!(
            "documents by {}: only groups of {MIN_TESTED} or more documents are tested; smaller \
             groups are listed but not tested\n\n",
            self.by
        );
        for (score, g) in &self.scores {
            s.push_str(&agreement::render_groups_table(score, g));
            s.push('\n');
        }
        s
    }
    fn json(&self) -> serde_json::Result<String> {
        let mut scores = serde_json::Map::new();
        for (score, g) in &self.scores {
            scores.insert(score.to_string(), serde_json::to_value(g)?);
        }
        let mut top = serde_json::Map::new();
        top.insert("by".into(), self.by.clone().into());
        top.insert("documents".into(), self.documents.into());
        top.insert("min_tested".into(), MIN_TESTED.into());
        top.insert("scores".into(), scores.into());
        pretty(&top)
    }
    /// Long format: `score,statistic,group,other,value`.
    fn csv(&self) -> Option<String> {
        let mut t = Table::new(["score", "statistic", "group", "other", "value"]);
        for (score, g) in &self.scores {
            let mut row = |stat: &str, a: &str, b: &str, v: String| {
                t.row([score, stat, a, b, &v]);
            };
            for x in &g.groups {
                row("n", &x.group, "", x.n.to_string());
                row("mean", &x.group, "", x.mean.to_string());
                if let Some(c) = x.interval {
                    row("mean_ci_low", &x.group, "", c.low.to_string());
                    row("mean_ci_high", &x.group, "", c.high.to_string());
                }
            }
            for x in g.vs_rest.iter().chain(&g.pairs) {
                row("diff_of_means", &x.a, &x.b, x.diff_of_means.to_string());
                row("p_value", &x.a, &x.b, x.p_value.to_string());
                row("p_holm", &x.a, &x.b, x.p_holm.to_string());
                let d = x.cohens_d.map_or(String::new(), |d| d.to_string());
                row("cohens_d", &x.a, &x.b, d);
                row("cliffs_delta", &x.a, &x.b, x.cliffs_delta.to_string());
            }
        }
        Some(t.finish())
    }
}

/// What `eval` prints: [`EvalRun`], built once in the agreement stage for the command line and
/// the Python package alike.
pub type EvalReport<'a> = EvalRun<'a>;

/// The hits behind the largest disagreements, as the table shows them.
fn disagreement_hits(run: &EvalRun, s: &mut String) {
    s.push_str("\nhits behind the largest disagreements:\n");
    for (id, hits) in &run.hits {
        let _ = writeln!(s, "  {id}");
        if let Some(d) = run.docs.get(id.as_str()) {
            // what the tension and the trend are made of (README, step 5)
            let f = |n: &str| d.features.get(n).unwrap_or(f64::NAN);
            let _ = writeln!(
                s,
                "      tension {:.2} from hostility {:.1} at level {:.1} and \
                     rapprochement {:.1}; trend {:+.2}",
                d.scores.tension,
                d.scores.hostility,
                f("hostility_level"),
                d.scores.rapprochement,
                f("trend")
            );
        }
        if hits.is_empty() {
            let _ = writeln!(s, "      (no hits)");
        }
        for h in hits {
            let level = h.level.map(|l| format!("L{l}")).unwrap_or_default();
            let _ = writeln!(
                s,
                "      {:<13} {:>+7.3} {:<4} {:<24} {}",
                h.dimension.name(),
                h.weight,
                level,
                h.term,
                h.context.chars().take(90).collect::<String>()
            );
        }
    }
}

impl Render for EvalRun<'_> {
    const FORMATS: &'static [Format] = TABLE_JSON;
    fn table(&self) -> String {
        let mut s = render_eval_table(&self.evaluation);
        if let Some((t, c)) = &self.halves {
            for (name, half) in [("tune", t), ("check", c)] {
                let _ = write!(
                    s,
                    "\n== {name} half ({} documents)\n{}",
                    half.documents,
                    render_eval_table(half)
                );
            }
        }
        disagreement_hits(self, &mut s);
        s
    }
    fn json(&self) -> serde_json::Result<String> {
        self.to_json().map(|j| j + "\n")
    }
}

/// `eval` over several rated sets.
impl Render for agreement::SetsEvaluation {
    const FORMATS: &'static [Format] = TABLE_JSON;
    fn table(&self) -> String {
        agreement::render_sets_table(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
}

/// `lexicon check`.
impl Render for CheckReport {
    const FORMATS: &'static [Format] = TABLE_JSON;
    fn table(&self) -> String {
        check::render_check(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
}

/// `lexicon stats`.
impl Render for UsageReport {
    const FORMATS: &'static [Format] = TABLE_JSON;
    fn table(&self) -> String {
        usage::render_usage(self)
    }
    fn json(&self) -> serde_json::Result<String> {
        pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::compare_groups;
    use crate::analysis::cluster::tests::blobs;
    use crate::analysis::{ClusterParams, KChoice};

    #[test]
    fn clusters_have_a_csv_and_a_json_line_per_document() {
        let c = ClusterParams::new()
            .k(KChoice::Fixed(3))
            .check()
            .unwrap()
            .fit(&blobs(3))
            .unwrap();
        let csv = c.csv().unwrap();
        assert_eq!(csv.lines().count(), 10);
        assert!(csv.starts_with("id,cluster,distance,x,y\n"));
        let jsonl = c.jsonl().unwrap().unwrap();
        assert_eq!(jsonl.lines().count(), 9);
        for l in jsonl.lines() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert!(v["id"].as_str().unwrap().starts_with('b'), "{l}");
        }
    }

    #[test]
    fn group_csv_has_one_header_and_rows_of_every_score() {
        let mut v = Vec::new();
        for (g, xs) in [("Grew", [8.0, 9.0, 7.5]), ("Davies", [2.0, 3.0, 2.5])] {
            v.extend(xs.iter().map(|x| (g.to_string(), *x)));
        }
        let r = GroupReport {
            by: "author".into(),
            documents: 6,
            scores: vec![
                ("hostility", compare_groups(&v, 199, 5)),
                ("tension", compare_groups(&v, 199, 5)),
            ],
        };
        let csv = r.csv().unwrap();
        assert_eq!(csv.matches("score,statistic").count(), 1, "{csv}");
        assert!(csv.contains("tension,p_value,Davies,Grew,"), "{csv}");
        assert!(csv.contains("hostility,mean,Grew,,"), "{csv}");
        let j: serde_json::Value = serde_json::from_str(&r.json().unwrap()).unwrap();
        assert_eq!(j["by"], "author");
        assert!(j["scores"]["tension"]["groups"].is_array());
    }

    #[test]
    fn formats_a_result_lacks_are_refused_by_name() {
        let e = crate::lexicon::check::CheckReport::default();
        let err = e.render(Format::Csv).unwrap_err().to_string();
        assert!(err.contains("csv") && err.contains("table, json"), "{err}");
        assert!(e.render(Format::Jsonl).is_err());
        assert!(e.render(Format::Json).is_ok());
    }
}
