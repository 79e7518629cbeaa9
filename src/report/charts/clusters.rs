//! Chart 3: the documents on a 2-D projection, coloured by cluster.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dots::say;
use super::theme::{
    Axis, Legend, Margins, OTHER, PALETTE, Plot, SHAPES, Shape, Theme, frame, marker, message,
    padded_range, pixel, plot,
};
use super::tips::tip;
use super::{Draw, Drawn};
use crate::report::data::{ClusterMap, ClusterPoint};

/// Fewer documents than this and the map says so instead of drawing clusters of one or two.
pub const MIN_DOCUMENTS: usize = 10;

/// Chart 3: the 2-D projection of the documents, coloured by cluster.
pub struct ClusterChart<'a>(pub &'a ClusterMap);

/// Colour and shape of a cluster (grey circles for documents in none).
fn style_of(k: Option<usize>) -> (RGBColor, Shape) {
    match k {
        Some(i) => (PALETTE[i % PALETTE.len()], SHAPES[i % SHAPES.len()]),
        None => (OTHER, Shape::Circle),
    }
}

fn label_or<'a>(label: &'a str, default: &'a str) -> &'a str {
    if label.is_empty() { default } else { label }
}

impl Draw for ClusterChart<'_> {
    fn name(&self) -> &'static str {
        "clusters"
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Drawn {
        let c = self.0;
        let f = frame(area, "Documents by cluster (2-D projection)", Some(0.3))?;
        let th = f.theme;
        let pts: Vec<_> = c
            .points
            .iter()
            .filter(|p| p.x.is_finite() && p.y.is_finite())
            .collect();
        if pts.is_empty() {
            return message(&f.plot, th, "No documents to project");
        }
        if pts.len() < MIN_DOCUMENTS {
            return say(
                &f.plot,
                th,
                &format!(
                    "Too few documents to map clusters: {} here, at least {MIN_DOCUMENTS} needed for clusters to mean anything",
                    pts.len()
                ),
            );
        }
        let (x0, x1) = padded_range(pts.iter().map(|p| p.x), 0.06, 1e-6, (0.0, 1.0));
        let (y0, y1) = padded_range(pts.iter().map(|p| p.y), 0.06, 1e-6, (0.0, 1.0));
        let chart = plot(
            &f.plot,
            th,
            Margins::standard(th),
            (x0..x1, y0..y1),
            (
                Axis::new(label_or(&c.x_label, "Component 1"), 7, (x1 - x0) / 6.0),
                Axis::new(label_or(&c.y_label, "Component 2"), 7, (y1 - y0) / 6.0),
            ),
            th.label(),
        )?;
        draw_points(area, &chart, &pts, th)?;
        f.legend(&legend(c, &pts), th.top())
    }
}

fn draw_points<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    pts: &[&ClusterPoint],
    th: Theme,
) -> Drawn {
    let r = th.len(6.0, 3.0);
    for p in pts {
        let (colour, shape) = style_of(p.cluster);
        let px = pixel(area, chart, (p.x, p.y));
        marker(area, px, shape, r, colour, p.cluster.is_some())?;
        let k = p
            .cluster
            .map_or("no cluster".into(), |k| format!("cluster {k}"));
        tip(area, px, r, format!("{}: {k}", p.id));
    }
    Ok(())
}

/// Every cluster named, with its size.
fn legend(c: &ClusterMap, pts: &[&ClusterPoint]) -> Vec<Legend> {
    let mut counts: BTreeMap<Option<usize>, usize> = Default::default();
    for p in pts {
        *counts.entry(p.cluster).or_default() += 1;
    }
    let mut entries = vec![Legend::Heading("Cluster (documents)".into())];
    let n_clusters = c.cluster_names.len().max(
        counts
            .keys()
            .filter_map(|k| k.map(|i| i + 1))
            .max()
            .unwrap_or(0),
    );
    for i in 0..n_clusters {
        let (colour, shape) = style_of(Some(i));
        let desc = c.cluster_names.get(i).map(String::as_str).unwrap_or("");
        let n = counts.get(&Some(i)).copied().unwrap_or(0);
        // The count first, so that shortening a long description never hides it.
        let label = if desc.is_empty() {
            format!("{} (n={n})", i)
        } else {
            format!("{} (n={n}): {desc}", i)
        };
        entries.push(Legend::point(shape, colour, label));
    }
    if let Some(s) = c.silhouette.filter(|s| s.is_finite()) {
        entries.push(Legend::Note(format!(
            "Silhouette {s:.2}: how well the clusters separate (1 clearly, near 0 they overlap)"
        )));
    }
    if let Some(n) = counts.get(&None) {
        entries.push(Legend::Marker {
            shape: Shape::Circle,
            colour: OTHER,
            filled: false,
            bar: false,
            label: format!("no cluster (n={n})"),
        });
    }
    entries
}
