//! The report page: one self-contained `index.html` (charts inlined as SVG, inline CSS, one
//! static script allowed by its hash, no network), readable and printable without JavaScript.
//!
//! Everything taken from documents (ids, authors, titles, text, terms) is hostile until
//! escaped. The page is built with [`Html`], whose only way to add markup is
//! [`Html::raw`], which takes `&'static str`: markup must be a constant in this file, and any
//! string computed at run time goes through [`Html::text`], which escapes it. Unescaped document
//! text therefore cannot be appended by accident.

use std::sync::LazyLock;

use super::workbench::{SCRIPT, TableInputs, push_agreement, push_table, script_hash};
use crate::agreement::{Comparison, EvalRun, Ratings};
use crate::atomic::safe_file_name;
use crate::corpus::PartialDate;
use crate::score::{DocScore, Hit, ModifierKind, StatementKind};
use crate::{dimension::Dimension, span::Span};

/// What was analysed, for the top of the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The corpus paths or names, as given.
    pub corpus: Vec<String>,
    /// Documents read.
    pub read: usize,
    /// Documents scored and shown.
    pub used: usize,
    /// Inputs or documents skipped: `(what, why)`.
    pub skipped: Vec<(String, String)>,
    /// Warnings raised while reading or scoring.
    pub warnings: Vec<String>,
    /// The lexicon used (name, version or hash).
    pub lexicon: String,
    /// The dyad, e.g. "Soviet Union - Japan".
    pub dyad: String,
    /// What generated the report, e.g. "diplostance 0.1.0" (no timestamp: two runs on the same
    /// input must give the same bytes).
    pub generated_by: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// Page title.
    pub title: &'a str,
    /// What was analysed.
    pub summary: &'a Summary,
    /// How the scores are computed and how to read them: plain-text paragraphs (escaped). A
    /// paragraph whose first line starts with four spaces is shown preformatted (formulas).
    pub method: &'a [String],
    /// The chart files as returned by [`crate::report::build_charts`]; the `.svg` ones are
    /// inlined, each linking to its PNG.
    pub charts: &'a [(String, Vec<u8>)],
    /// The scored documents; those with `hits: Some(..)` get their hits listed. `cluster` is
    /// shown in the table when set.
    pub docs: &'a [DocScore],
    /// Cluster descriptions, indexed by cluster number.
    pub cluster_names: &'a [String],
    /// Other files beside the page, `(relative path, description)`, e.g.
    /// `("scores.csv", "one row per document")`; linked from the page.
    pub data_files: &'a [(String, String)],
    /// The analysts' ratings, when given: shown beside the tool's scores.
    pub ratings: Option<&'a Ratings>,
    /// The agreement with the analysts (as `compare` and `eval` compute it), when ratings are
    /// given: the page's agreement section.
    pub agreement: Option<(&'a Comparison, &'a EvalRun<'a>)>,
    /// The analysts compared with each other (with `--ratings`): a section of its own.
    pub analysts: Option<&'a crate::agreement::AnalystsReport>,
}

/// HTML under construction. Markup comes only from constants ([`Html::raw`]); everything else
/// is escaped ([`Html::text`]).
#[derive(Debug, Default)]
pub struct Html {
    buf: String,
}

/// Escape text for HTML content and for attribute values (quoted with `"` or `'`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (other than tab and newlines) are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

impl Html {
    /// An empty buffer.
    pub fn new() -> Self {
        Html::default()
    }

    /// Append constant markup.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.buf.push_str(markup);
        self
    }

    /// Append text, escaped (safe in content and in quoted attribute values).
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.buf, s);
        self
    }

    /// Append a number with `decimals` decimals; non-finite values show as "–".
    pub fn num(&mut self, v: f64, decimals: usize) -> &mut Self {
        if v.is_finite() {
            let v = if v == 0.0 { 0.0 } else { v }; // no "-0.00"
            self.buf.push_str(&format!("{v:.decimals$}"));
        } else {
            self.buf.push('–');
        }
        self
    }

    /// Append an integer.
    pub fn int(&mut self, v: usize) -> &mut Self {
        self.buf.push_str(&v.to_string());
        self
    }

    /// Inline an SVG produced by [`crate::report::render_svg`] (plotters escapes the text it
    /// embeds). Anything that does not look like such an SVG, or that contains a script or
    /// foreign content, is refused and replaced by a note, so a bad input can only lose a
    /// chart, never inject markup.
    fn svg(&mut self, svg: &str) -> &mut Self {
        let lower = svg.to_ascii_lowercase();
        let plausible = lower.starts_with("<svg ")
            && lower.trim_end().ends_with("</svg>")
            && !lower.contains("<script")
            && !lower.contains("<foreignobject")
            && !lower.contains("javascript:");
        if plausible {
            self.buf.push_str(svg);
        } else {
            self.raw("<p class=\"note\">(chart omitted: not a chart SVG)</p>");
        }
        self
    }

    /// The HTML.
    pub fn finish(self) -> String {
        self.buf
    }
}

const CSS: &str = "\
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:0 1.2em 3em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin:.8em 0 .2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:.2em}
h3{margin:1.4em 0 .3em;font-size:1.1em}h4{margin:1em 0 .2em}
figure{margin:1.2em 0;page-break-inside:avoid}figure svg{width:100%;max-width:100%;height:auto;display:block}
figcaption{color:#555;font-size:.92em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9em;margin:.6em 0}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3;border-bottom:2px solid #999;white-space:nowrap}
th[aria-sort=ascending]::after{content:' \\25B2';color:#888;font-size:.8em}
th[aria-sort=descending]::after{content:' \\25BC';color:#888;font-size:.8em}
th button{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafafa}
table.docs{width:100%}td.date{white-space:nowrap}td.id{white-space:nowrap}
td.cl{min-width:12em;font-size:.9em}td.author{min-width:6em}
#tools{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:flex-end;margin:.6em 0}#tools[hidden]{display:none}
#tools label{display:flex;flex-direction:column;font-size:.9em;min-width:0;max-width:100%}#tools input,#tools select{font:inherit;max-width:100%}
.hostility{color:#c0392b}.rapprochement{color:#16a085}.uncertainty{color:#8e44ad}.tension{color:#1f3a93}
mark{background:#ffe58a;padding:0 .1em}
.target{min-width:14em}.hit td{font-size:.95em}.ctx{min-width:16em;max-width:46em}
.note{color:#555;font-size:.92em}
pre{background:#f6f6f6;padding:.6em;overflow-x:auto}
section.doc{border-top:1px solid #eee;margin-top:1.2em}
a{color:#1f3a93}
@media (max-width:600px){body{padding:0 .6em 2em}h1{font-size:1.35em}table{font-size:.85em}td.cl{min-width:9em}}
@media print{body{max-width:none}a{color:inherit;text-decoration:none}section.doc{page-break-inside:avoid}#tools{display:none}th button{font-weight:bold}}
";

/// The CSP source of the page's script, computed once.
static SCRIPT_HASH: LazyLock<String> = LazyLock::new(script_hash);

/// Title and caption of each chart, by name; unknown names get the name as title.
fn chart_caption(name: &str) -> (&'static str, &'static str) {
    match name {
        "tension" => (
            "Tension over time",
            "Each mark is one document, by author; hollow marks with a bar are documents dated only to the month (or year), drawn across the period they may come from. Horizontal segments are period means with their interval shaded; the line is the smoothed tension; events are marked above the plot. Documents without a tension (nothing on the dyad) are left out; the notes say how many.",
        ),
        "dimensions" => (
            "The three dimensions over time",
            "Mean hostility, rapprochement and uncertainty per period: points per 1,000 words (uncertainty per √(1,000 words)). Documents without a tension (nothing on the dyad) are left out; the notes say how many.",
        ),
        "clusters" => (
            "Cluster map",
            "Each document projected on two dimensions, coloured by its cluster. Documents without a tension (nothing on the dyad) are left out; the notes say how many.",
        ),
        "authors" => (
            "By author",
            "Each reporting diplomat's mean tension with its interval, and the number of documents. Documents without a tension (nothing on the dyad) are left out; the notes say how many.",
        ),
        "cues" => (
            "Top cues",
            "The lexicon cues whose hits add up to the most weight in each dimension across the corpus.",
        ),
        "agreement" => (
            "Analysts and the tool",
            "Left: pairwise agreement between raters. Right: the tool's tension against the analysts' mean rating, one point per document.",
        ),
        other => super::analysts::chart_caption(other).unwrap_or(("Chart", "")),
    }
}

/// The anchor of a document's hits on the page.
pub(crate) fn doc_anchor(id: &str) -> String {
    format!("doc-{}", safe_file_name(id))
}

fn modifier_name(k: ModifierKind) -> &'static str {
    match k {
        ModifierKind::Negated => "negated",
        ModifierKind::Reversed => "reversed",
        ModifierKind::Intensified => "intensified",
        ModifierKind::Diminished => "diminished",
        ModifierKind::AfterContrast => "after contrast",
        ModifierKind::BeforeContrast => "before contrast",
        ModifierKind::Hedged => "hedged",
        ModifierKind::Attributed => "attributed",
        ModifierKind::OffDyad => "off-dyad",
        ModifierKind::OtherPair => "another pair",
        ModifierKind::Antecedent => "refers back",
        ModifierKind::Alignment => "alignment",
        ModifierKind::TreatyTerm => "treaty term",
        ModifierKind::Presupposed => "presupposed",
    }
}

fn dim_class(d: Dimension) -> &'static str {
    match d {
        Dimension::Hostility => "hostility",
        Dimension::Rapprochement => "rapprochement",
        Dimension::Uncertainty => "uncertainty",
    }
}

/// Append `context` with the byte range `m` marked, when `m` is a valid range on character
/// boundaries of `context`; otherwise the context without highlight.
pub fn push_highlighted(h: &mut Html, context: &str, m: Span) {
    let (s, e) = (m.start as usize, m.end as usize);
    let valid =
        s < e && e <= context.len() && context.is_char_boundary(s) && context.is_char_boundary(e);
    if valid {
        h.text(&context[..s])
            .raw("<mark>")
            .text(&context[s..e])
            .raw("</mark>")
            .text(&context[e..]);
    } else {
        h.text(context);
    }
}

fn push_date(h: &mut Html, d: Option<&PartialDate>) {
    match d {
        Some(d) => h.text(&d.to_string()),
        None => h.raw("–"),
    };
}

fn push_summary(h: &mut Html, s: &Summary, data_files: &[(String, String)]) {
    h.raw("<h2 id=\"analysed\">What was analysed</h2>\n<div class=\"scroll\"><table class=\"summary\"><tbody>\n");
    h.raw("<tr><th>Corpus</th><td>");
    for (i, c) in s.corpus.iter().enumerate() {
        if i > 0 {
            h.raw("<br>");
        }
        h.text(c);
    }
    h.raw("</td></tr>\n<tr><th>Documents</th><td>");
    h.int(s.read).raw(" read, ").int(s.used).raw(" scored, ");
    h.int(s.skipped.len()).raw(" skipped</td></tr>\n");
    if !s.dyad.is_empty() {
        h.raw("<tr><th>Dyad</th><td>")
            .text(&s.dyad)
            .raw("</td></tr>\n");
    }
    if !s.lexicon.is_empty() {
        h.raw("<tr><th>Lexicon</th><td>")
            .text(&s.lexicon)
            .raw("</td></tr>\n");
    }
    if !s.generated_by.is_empty() {
        h.raw("<tr><th>Generated by</th><td>")
            .text(&s.generated_by)
            .raw("</td></tr>\n");
    }
    if !data_files.is_empty() {
        h.raw("<tr><th>Data files</th><td>");
        for (i, (path, what)) in data_files.iter().enumerate() {
            if i > 0 {
                h.raw("<br>");
            }
            h.raw("<a href=\"")
                .text(path)
                .raw("\">")
                .text(path)
                .raw("</a>");
            if !what.is_empty() {
                h.raw(": ").text(what);
            }
        }
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n");
    if !s.skipped.is_empty() {
        h.raw(
            "<h3>Skipped</h3>\n<table><thead><tr><th>What</th><th>Why</th></tr></thead><tbody>\n",
        );
        for (what, why) in &s.skipped {
            h.raw("<tr><td>")
                .text(what)
                .raw("</td><td>")
                .text(why)
                .raw("</td></tr>\n");
        }
        h.raw("</tbody></table>\n");
    }
    if !s.warnings.is_empty() {
        h.raw("<h3>Warnings</h3>\n<ul>\n");
        for w in &s.warnings {
            h.raw("<li>").text(w).raw("</li>\n");
        }
        h.raw("</ul>\n");
    }
}

fn push_method(h: &mut Html, method: &[String]) {
    if method.is_empty() {
        return;
    }
    h.raw("<h2 id=\"method\">How the scores are computed and how to read them</h2>\n");
    for p in method {
        if p.starts_with("    ") {
            h.raw("<pre>").text(p).raw("</pre>\n");
        } else {
            h.raw("<p>").text(p).raw("</p>\n");
        }
    }
}

fn push_charts(h: &mut Html, charts: &[(String, Vec<u8>)]) {
    let svgs: Vec<&(String, Vec<u8>)> =
        charts.iter().filter(|(p, _)| p.ends_with(".svg")).collect();
    if svgs.is_empty() {
        return;
    }
    h.raw("<h2 id=\"charts\">Charts</h2>\n");
    for (path, bytes) in svgs {
        let name = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".svg");
        let (title, caption) = chart_caption(name);
        let png = format!("{}.png", path.trim_end_matches(".svg"));
        h.raw("<figure id=\"chart-").text(name).raw("\">\n");
        match std::str::from_utf8(bytes) {
            Ok(svg) => h.svg(svg),
            Err(_) => h.raw("<p class=\"note\">(chart omitted: not UTF-8)</p>"),
        };
        h.raw("\n<figcaption><strong>")
            .text(title)
            .raw(".</strong> ")
            .text(caption);
        if charts.iter().any(|(p, _)| *p == png) {
            h.raw(" <a href=\"")
                .text(&png)
                .raw("\">PNG</a> · <a href=\"")
                .text(path)
                .raw("\">SVG</a>");
        }
        h.raw("</figcaption>\n</figure>\n");
    }
}

/// Documents in table order: by date (undated last), then id.
fn sorted_docs(docs: &[DocScore]) -> Vec<&DocScore> {
    let mut v: Vec<&DocScore> = docs.iter().collect();
    v.sort_by(|a, b| {
        let key = |d: &DocScore| (d.meta.date.is_none(), d.meta.date);
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    v
}

pub(crate) fn push_hit(h: &mut Html, hit: &Hit) {
    let class = dim_class(hit.dimension);
    h.raw("<tr class=\"hit\"><td class=\"ctx\">");
    push_highlighted(h, &hit.context, hit.context_match);
    h.raw("</td><td>").text(&hit.term).raw("</td><td class=\"");
    h.raw(class)
        .raw("\">")
        .raw(class)
        .raw("</td><td class=\"n\">");
    h.num(hit.weight, 2)
        .raw(" <span class=\"note\">(base ")
        .num(hit.base_weight, 2);
    if let Some(l) = hit.level {
        h.raw(", level ").text(&format!("{l}"));
    }
    h.raw(")</span></td><td>")
        .raw(statement_name(hit.statement))
        .raw("</td><td>");
    for (i, m) in hit.modifiers.iter().enumerate() {
        if i > 0 {
            h.raw("; ");
        }
        h.raw(modifier_name(m.kind));
        if !m.term.is_empty() {
            h.raw(" by “").text(&m.term).raw("”");
        }
        h.raw(" ×").num(m.factor, 2);
    }
    h.raw("</td><td>");
    for (i, a) in hit.actors.iter().enumerate() {
        if i > 0 {
            h.raw(", ");
        }
        h.text(a);
    }
    if !hit.participants.is_empty() {
        h.raw(" <span class=\"note\">(participants: ")
            .text(&hit.participants.join(", "))
            .raw(")</span>");
    }
    h.raw("</td></tr>\n");
}

/// A statement kind in words.
fn statement_name(k: StatementKind) -> &'static str {
    match k {
        StatementKind::Asserted => "asserted",
        StatementKind::Reported => "reported",
        StatementKind::Endorsed => "reported, confirmed",
        StatementKind::Doubted => "doubted",
        StatementKind::Denied => "denied",
        StatementKind::Ended => "ended or avoided",
        StatementKind::Hypothetical => "hypothetical",
        StatementKind::Proposed => "proposed",
        StatementKind::Feared => "feared",
        StatementKind::Intended => "intended",
        StatementKind::TreatyTerm => "a treaty's term",
    }
}

fn push_doc_sections(h: &mut Html, docs: &[&DocScore], ratings: Option<&Ratings>) {
    let with_hits: Vec<&&DocScore> = docs.iter().filter(|d| d.hits.is_some()).collect();
    if with_hits.is_empty() {
        return;
    }
    h.raw("<h2 id=\"hits\">Hits in context</h2>\n");
    h.raw("<p class=\"note\">Every hit that fed a score: the sentence with the matched words marked, the lexicon cue, its dimension, its weight after modifiers (base weight and, for hostility, the level on the tension scale that the hit pulls tension toward, in brackets), the modifiers applied and the actors named in the sentence.</p>\n");
    for d in with_hits {
        h.raw("<section class=\"doc\" id=\"")
            .text(&doc_anchor(&d.id))
            .raw("\">\n<h3>");
        h.text(&d.id).raw("</h3>\n<p class=\"note\">");
        push_date(h, d.meta.date.as_ref());
        if let Some(a) = &d.meta.author {
            h.raw(" · ").text(a);
        }
        if let Some(r) = &d.meta.author_role {
            h.raw(", ").text(r);
        }
        if let Some(t) = &d.meta.title {
            h.raw(" · ").text(t);
        }
        h.raw("<br>")
            .int(d.tokens)
            .raw(" tokens, ")
            .int(d.sentences)
            .raw(" sentences · ");
        h.raw("<span class=\"hostility\">hostility ")
            .num(d.scores.hostility, 2)
            .raw("</span>, ");
        h.raw("<span class=\"rapprochement\">rapprochement ")
            .num(d.scores.rapprochement, 2)
            .raw("</span>, ");
        h.raw("<span class=\"uncertainty\">uncertainty ")
            .num(d.scores.uncertainty, 2)
            .raw("</span>, ");
        h.raw("<span class=\"tension\">tension ");
        match d.tension() {
            Some(t) => h.num(t, 2).raw("</span>"),
            None => h
                .raw("–</span> (relevance ")
                .num(d.relevance, 2)
                .raw(": nothing on the dyad)"),
        };
        h.raw(" · <a href=\"#documents\">back to the table</a></p>\n");
        if let Some(r) = ratings {
            super::workbench::push_doc_ratings(h, r, &d.id);
        }
        let hits = d.hits.as_deref().unwrap_or(&[]);
        if hits.is_empty() {
            h.raw("<p class=\"note\">No cue matched in this document.</p>\n</section>\n");
            continue;
        }
        h.raw("<div class=\"scroll\"><table><thead><tr><th>In context</th><th>Cue</th><th>Dimension</th><th class=\"n\">Weight</th><th>Statement</th><th>Modifiers</th><th>Actors</th></tr></thead><tbody>\n");
        for hit in hits {
            push_hit(h, hit);
        }
        h.raw("</tbody></table></div>\n</section>\n");
    }
}

/// The report page. Deterministic: same page, same bytes.
pub fn render_index(page: &Page) -> String {
    let mut h = Html::new();
    let title = if page.title.is_empty() {
        "diplostance report"
    } else {
        page.title
    };
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No remote resource of any kind, and no script but the page's own, allowed by its hash:
    // a script planted in a document could not run even if it escaped escaping.
    h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src ")
        .raw(SCRIPT_HASH.as_str())
        .raw("\">\n");
    h.raw("<title>")
        .text(title)
        .raw("</title>\n<style>\n")
        .raw(CSS)
        .raw("</style>\n</head>\n<body>\n");
    h.raw("<h1>").text(title).raw("</h1>\n");
    h.raw("<nav class=\"note\"><a href=\"#analysed\">What was analysed</a> · <a href=\"#method\">Method</a> · <a href=\"#charts\">Charts</a> · <a href=\"#documents\">Documents</a> · ");
    if page.agreement.is_some() {
        h.raw("<a href=\"#agreement\">Agreement with the analysts</a> · ");
    }
    if page.analysts.is_some() {
        h.raw("<a href=\"#analysts\">Analysts compared</a> · ");
    }
    h.raw("<a href=\"#hits\">Hits in context</a></nav>\n");
    push_summary(&mut h, page.summary, page.data_files);
    push_method(&mut h, page.method);
    push_charts(&mut h, page.charts);
    if let Some(a) = page.analysts {
        super::analysts::push_section(&mut h, a, page.docs);
    }
    let docs = sorted_docs(page.docs);
    let inputs = TableInputs {
        cluster_names: page.cluster_names,
        ratings: page.ratings,
    };
    push_table(&mut h, &docs, &inputs);
    if let Some((c, run)) = page.agreement {
        push_agreement(&mut h, c, run);
    }
    push_doc_sections(&mut h, &docs, page.ratings);
    h.raw("<script>")
        .raw(SCRIPT)
        .raw("</script>\n</body>\n</html>\n");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\nc"), "a\u{FFFD}b\nc");
    }

    #[test]
    fn highlight_respects_char_boundaries() {
        let ctx = "Le «conflit» à Changkufeng: Soviet–Japanese clash";
        let s = ctx.find("«conflit»").unwrap();
        let e = s + "«conflit»".len();
        let mut h = Html::new();
        push_highlighted(&mut h, ctx, Span::new(s, e));
        assert_eq!(
            h.finish(),
            "Le <mark>«conflit»</mark> à Changkufeng: Soviet–Japanese clash"
        );
        // A range that cuts the two-byte "«", one past the end, or reversed: no highlight,
        // the whole context still shown.
        for bad in [
            Span::new(s + 1, e),
            Span::new(s, ctx.len() + 1),
            Span { start: 5, end: 2 },
        ] {
            let mut h = Html::new();
            push_highlighted(&mut h, ctx, bad);
            assert_eq!(h.finish(), ctx);
        }
        // Text around the mark is escaped too.
        let mut h = Html::new();
        push_highlighted(&mut h, "<b>war</b>", Span::new(3, 6));
        assert_eq!(h.finish(), "&lt;b&gt;<mark>war</mark>&lt;/b&gt;");
    }

    #[test]
    fn svg_that_is_not_a_chart_is_refused() {
        let mut h = Html::new();
        h.svg("<svg width=\"1\"><script>alert(1)</script></svg>");
        h.svg("<img src=x onerror=alert(1)>");
        let out = h.finish();
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        let mut h = Html::new();
        h.svg("<svg width=\"1\" height=\"1\"></svg>");
        assert_eq!(h.finish(), "<svg width=\"1\" height=\"1\"></svg>");
    }

    /// A hit row says the weight, the base weight and, for hostility, the level the hit pulls
    /// tension toward; the context is escaped.
    #[test]
    fn hit_rows_show_weight_base_and_level() {
        let hit = |dimension, level| Hit {
            term: "border incident".into(),
            text: "border incident".into(),
            dimension,
            base_weight: 2.5,
            weight: 2.0,
            level,
            negated: false,
            statement: StatementKind::Asserted,
            modifiers: vec![],
            actors: vec!["japan".into(), "ussr".into()],
            participants: vec![],
            sentence: 0,
            start: 4,
            end: 19,
            context: "the border incident <at> Changkufeng".into(),
            context_match: Span::new(4, 19),
        };
        let mut h = Html::new();
        push_hit(&mut h, &hit(Dimension::Hostility, Some(7.0)));
        let out = h.finish();
        assert!(
            out.contains("2.00 <span class=\"note\">(base 2.50, level 7)</span>"),
            "{out}"
        );
        assert!(out.contains("&lt;at&gt;") && !out.contains("<at>"), "{out}");
        let mut h = Html::new();
        push_hit(&mut h, &hit(Dimension::Rapprochement, None));
        let out = h.finish();
        assert!(
            out.contains("(base 2.50)</span>") && !out.contains("level"),
            "{out}"
        );
    }

    #[test]
    fn numbers_never_print_nan_or_negative_zero() {
        let mut h = Html::new();
        h.num(f64::NAN, 2)
            .raw(" ")
            .num(-0.0, 2)
            .raw(" ")
            .num(1.234, 1);
        assert_eq!(h.finish(), "– 0.00 1.2");
    }
}
