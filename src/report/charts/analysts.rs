//! The analysts compared with each other (`report --ratings`): each analyst's offset from the
//! others per dimension, agreement by year, and what drives each analyst's ratings (the
//! weights of the `analysts` models), each a chart of its own.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dots::{Dot, DotRow, draw_dot_rows, say};
use super::theme::{
    Axis, INK, Legend, Margins, PALETTE, SHAPES, Shape, capitalise, frame, marker, pixel, plot,
};
use super::tips::tip;
use super::{Draw, Drawn, rated_colour};
use crate::agreement::RatedDimension;
use crate::report::data::{AnalystsCharts, DriverPanel};
use crate::score::feature_label;

/// Colour and shape of the analyst at `i`.
fn analyst_style(i: usize) -> (RGBColor, Shape) {
    (PALETTE[i % PALETTE.len()], SHAPES[i % SHAPES.len()])
}

/// A dimension with its scale, e.g. "tension (0-10)".
fn with_scale(d: RatedDimension) -> String {
    let (lo, hi) = d.scale();
    format!("{} ({lo} to {hi})", d.name())
}

fn analyst_legend(a: &AnalystsCharts) -> Vec<Legend> {
    let mut entries = vec![Legend::Heading("Analyst".into())];
    for (i, name) in a.analysts.iter().enumerate() {
        let (c, s) = analyst_style(i);
        entries.push(Legend::point(s, c, name.clone()));
    }
    entries
}

/// Each analyst's mean difference from the others, per dimension, with its interval.
pub struct OffsetsChart<'a>(pub &'a AnalystsCharts);

impl Draw for OffsetsChart<'_> {
    fn name(&self) -> &'static str {
        "analyst-offsets"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let a = self.0;
        let f = frame(area, "How each analyst departs from the others", Some(0.24))?;
        let th = f.theme;
        let rows: Vec<DotRow> = a
            .offsets
            .iter()
            .map(|o| DotRow {
                label: with_scale(o.dimension),
                dots: o
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let (mean, low, high) = (*v)?;
                        let (colour, shape) = analyst_style(i);
                        let name = a.analysts.get(i).map_or("", String::as_str);
                        Some(Dot {
                            value: mean,
                            interval: Some((low, high)),
                            colour,
                            shape,
                            tip: format!(
                                "{name}, {}: {mean:+.2} [{low:+.2}, {high:+.2}]",
                                o.dimension.name()
                            ),
                        })
                    })
                    .collect(),
            })
            .filter(|r| !r.dots.is_empty())
            .collect();
        if a.analysts.len() < 2 || rows.is_empty() {
            return say(
                &f.plot,
                th,
                "Offsets need two or more analysts rating the same documents",
            );
        }
        draw_dot_rows(
            area,
            &f.plot,
            th,
            &rows,
            "Own rating minus the others' mean (scale points)",
        )?;
        let mut legend = analyst_legend(a);
        legend.push(Legend::Note(format!(
            "Mean over shared documents, {:.0}% bootstrap interval; each dimension on its own scale",
            a.confidence * 100.0
        )));
        f.legend(&legend, th.top())
    }
}

/// Interval alpha of each year's documents, per dimension.
pub struct AgreementByYearChart<'a>(pub &'a AnalystsCharts);

impl Draw for AgreementByYearChart<'_> {
    fn name(&self) -> &'static str {
        "analyst-agreement-by-year"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let a = self.0;
        let f = frame(area, "Agreement among the analysts by year", Some(0.24))?;
        let th = f.theme;
        let mut years: Vec<(i32, usize)> = a
            .drift
            .iter()
            .flat_map(|s| s.years.iter().map(|y| (y.0, y.1)))
            .collect();
        // the most documents any dimension has in a year
        years.sort_unstable_by_key(|y| (y.0, std::cmp::Reverse(y.1)));
        years.dedup_by_key(|y| y.0);
        let alphas: Vec<f64> = a
            .drift
            .iter()
            .flat_map(|s| s.years.iter().filter_map(|y| y.2))
            .filter(|v| v.is_finite())
            .collect();
        if years.len() < 2 || alphas.is_empty() {
            let text = match years.as_slice() {
                [] => "Agreement by year needs the rated documents' dates: give the corpus they come from".to_string(),
                [(y, n)] => format!(
                    "Agreement by year needs rated documents from two or more years; every rated document of this corpus is from {y} ({n} documents)"
                ),
                _ => "No year has an agreement figure: too few documents rated by two analysts".into(),
            };
            return say(&f.plot, th, &text);
        }
        let (y_lo, y_hi) = (alphas.iter().copied().fold(0.0f64, f64::min), 1.0);
        let (x0, x1) = (
            years[0].0 as f64 - 0.5,
            years[years.len() - 1].0 as f64 + 0.5,
        );
        let chart = plot(
            &f.plot,
            th,
            Margins::standard(th),
            (x0..x1, y_lo - 0.05..y_hi + 0.05),
            (
                Axis::new("Year", years.len().min(12), 1.0),
                Axis::new("Krippendorff's alpha (interval)", 6, 0.1),
            ),
            th.label(),
        )?;
        let r = th.len(5.0, 3.0);
        let mut legend = vec![Legend::Heading("Dimension".into())];
        for (k, s) in a.drift.iter().enumerate() {
            let colour = rated_colour(s.dimension);
            let shape = SHAPES[k % SHAPES.len()];
            // past the four shapes, hollow marks, so that no two dimensions look alike in grey
            let filled = k < SHAPES.len();
            let pts: Vec<(i32, usize, f64)> = s
                .years
                .iter()
                .filter_map(|y| y.2.filter(|v| v.is_finite()).map(|v| (y.0, y.1, v)))
                .collect();
            // a line joins consecutive years only
            for w in pts.windows(2) {
                if w[1].0 == w[0].0 + 1 {
                    chart.plotting_area().draw(&PathElement::new(
                        vec![(w[0].0 as f64, w[0].2), (w[1].0 as f64, w[1].2)],
                        colour.stroke_width(th.len(2.5, 2.0) as u32),
                    ))?;
                }
            }
            for (year, n, v) in &pts {
                let px = pixel(area, &chart, (*year as f64, *v));
                marker(area, px, shape, r, colour, filled)?;
                tip(
                    area,
                    px,
                    r,
                    format!(
                        "{year}, {}: alpha {v:.2}, {n} documents",
                        s.dimension.name()
                    ),
                );
            }
            legend.push(Legend::Marker {
                shape,
                colour,
                filled,
                bar: true,
                label: capitalise(s.dimension.name()),
            });
        }
        let fewest = years.iter().map(|y| y.1).min().unwrap_or(0);
        let most = years.iter().map(|y| y.1).max().unwrap_or(0);
        legend.push(Legend::Note(format!(
            "1 = full agreement, 0 = no better than chance. {fewest} to {most} documents a year (on hover)"
        )));
        f.legend(&legend, th.top())
    }
}

/// Features shown at most in a drivers chart.
const MAX_FEATURES: usize = 9;

/// The weights of what drives each analyst on one dimension, with their intervals, beside the
/// pooled weight.
pub struct DriversChart<'a>(pub &'a AnalystsCharts, pub &'a DriverPanel);

/// The features worth a row: some model gives them weight; largest pooled weight first.
fn shown_features(p: &DriverPanel) -> Vec<usize> {
    let strength = |j: usize| {
        p.analysts
            .iter()
            .filter_map(|m| m.weights.get(j))
            .chain(p.pooled.get(j))
            .fold(0.0f64, |s, w| s.max(w.abs()))
    };
    let mut idx: Vec<usize> = (0..p.features.len())
        .filter(|&j| strength(j) > 1e-6)
        .collect();
    idx.sort_by(|&x, &y| {
        let px = p.pooled.get(x).map_or(0.0, |w| w.abs());
        let py = p.pooled.get(y).map_or(0.0, |w| w.abs());
        py.total_cmp(&px)
            .then(strength(y).total_cmp(&strength(x)))
            .then(x.cmp(&y))
    });
    idx.truncate(MAX_FEATURES);
    idx
}

impl Draw for DriversChart<'_> {
    fn name(&self) -> &'static str {
        match self.1.dimension {
            RatedDimension::Hostility => "analyst-drivers-hostility",
            RatedDimension::Rapprochement => "analyst-drivers-rapprochement",
            RatedDimension::Uncertainty => "analyst-drivers-uncertainty",
            RatedDimension::Tension => "analyst-drivers-tension",
            RatedDimension::Trend => "analyst-drivers-trend",
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let (a, p) = (self.0, self.1);
        let dim = p.dimension.name();
        let f = frame(
            area,
            &format!("What drives the analysts' {dim} ratings"),
            Some(0.24),
        )?;
        let th = f.theme;
        let shown = shown_features(p);
        if shown.is_empty() {
            return say(
                &f.plot,
                th,
                &format!(
                    "No feature carries weight in the {dim} models: every weight is 0 after the penalty"
                ),
            );
        }
        let rows: Vec<DotRow> = shown
            .iter()
            .map(|&j| {
                let name = &p.features[j];
                let mut dots = vec![Dot {
                    value: p.pooled.get(j).copied().unwrap_or(f64::NAN),
                    interval: None,
                    colour: INK,
                    shape: Shape::Diamond,
                    tip: format!(
                        "pooled, {name}: {:+.2}",
                        p.pooled.get(j).copied().unwrap_or(0.0)
                    ),
                }];
                for m in &p.analysts {
                    let i = a.analysts.iter().position(|x| *x == m.analyst).unwrap_or(0);
                    let (colour, shape) = analyst_style(i);
                    let w = m.weights.get(j).copied().unwrap_or(f64::NAN);
                    let iv = m.intervals.get(j).copied().flatten();
                    let range = iv.map_or(String::new(), |(l, h)| format!(" [{l:+.2}, {h:+.2}]"));
                    dots.push(Dot {
                        value: w,
                        interval: iv,
                        colour,
                        shape,
                        tip: format!("{}, {name}: {w:+.2}{range}", m.analyst),
                    });
                }
                DotRow {
                    label: feature_label(name).to_string(),
                    dots,
                }
            })
            .collect();
        draw_dot_rows(
            area,
            &f.plot,
            th,
            &rows,
            "Weight: rating points per standard deviation of the feature",
        )?;
        let mut legend = vec![
            Legend::Heading("Model".into()),
            Legend::point(Shape::Diamond, INK, "all analysts pooled".into()),
        ];
        for m in &p.analysts {
            let i = a.analysts.iter().position(|x| *x == m.analyst).unwrap_or(0);
            let (colour, shape) = analyst_style(i);
            let label = match m.r2 {
                Some(r2) => format!("{} (R² {r2:.2} out of year)", m.analyst),
                None => m.analyst.clone(),
            };
            legend.push(Legend::point(shape, colour, label));
        }
        let hidden = p.features.len() - shown.len();
        legend.push(Legend::Note(format!(
            "Elastic net on {} documents; {:.0}% bootstrap intervals. {hidden} features with less or no weight not shown",
            p.documents,
            a.confidence * 100.0
        )));
        f.legend(&legend, th.top())
    }
}
