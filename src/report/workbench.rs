//! The parts of the report page a researcher works in: the documents table (with the analysts'
//! ratings beside the tool's, relevance and links to the hits), its search box, filters and
//! sortable columns, and the agreement section.
//!
//! Search, filters and sorting are one small static script ([`SCRIPT`]), allowed by the page's
//! Content-Security-Policy by its SHA-256 hash ([`script_hash`]) and nothing else: text planted
//! in a document is escaped, and even if it were not, no other script could run. Without the
//! script (or with scripts off) the controls stay hidden and the page is the plain table sorted
//! by date. The script only moves, hides and shows existing rows and sets text with
//! `textContent`: it never turns document text into markup.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use super::html::{Html, doc_anchor, push_hit};
use crate::agreement::{Comparison, EvalRun, RatedDimension, Ratings};
use crate::score::DocScore;

/// The page's only script: search, filters and sortable columns of the documents table.
pub const SCRIPT: &str = r#"(function(){
var t=document.getElementById('docs'),tools=document.getElementById('tools');
if(!t||!tools)return;
var tb=t.tBodies[0],rows=Array.prototype.slice.call(tb.rows);
var q=document.getElementById('q'),shown=document.getElementById('shown');
var sel=['author','year','cluster','relevance'].map(function(k){return [k,document.getElementById('f-'+k)];});
var text=rows.map(function(r){var s=r.textContent,a=r.getAttribute('data-hits'),sec=a&&document.getElementById(a);if(sec)s+=' '+sec.textContent;return s.toLowerCase();});
function apply(){var w=q.value.toLowerCase().split(/\s+/).filter(Boolean),n=0;
rows.forEach(function(r,i){var ok=w.every(function(x){return text[i].indexOf(x)>=0;});
sel.forEach(function(f){var v=f[1]&&f[1].value;if(ok&&v&&r.getAttribute('data-'+f[0])!==v)ok=false;});
r.hidden=!ok;if(ok)n++;});
shown.textContent=n+' of '+rows.length+' documents shown';}
function key(r,c){var d=r.cells[c];if(!d)return null;var v=d.getAttribute('data-v');
if(v!==null)return v===''?null:parseFloat(v);v=d.getAttribute('data-s');
if(v===null)v=d.textContent.trim().toLowerCase();return v===''?null:v;}
var heads=Array.prototype.slice.call(t.tHead.rows[0].cells);
function sortBy(c){var th=heads[c],dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
heads.forEach(function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var idx=rows.map(function(r,i){return i;});
idx.sort(function(a,b){var x=key(rows[a],c),y=key(rows[b],c);
if(x===null||y===null)return x===y?a-b:(x===null?1:-1);
return x<y?-dir:(x>y?dir:a-b);});
idx.forEach(function(i){tb.appendChild(rows[i]);});}
heads.forEach(function(th,c){var b=document.createElement('button');b.type='button';
while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);
b.addEventListener('click',function(){sortBy(c);});});
q.addEventListener('input',apply);
sel.forEach(function(f){if(f[1])f[1].addEventListener('change',apply);});
tools.hidden=false;apply();})();"#;

/// The `'sha256-...'` source of [`SCRIPT`] for the Content-Security-Policy.
pub fn script_hash() -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(SCRIPT.as_bytes())))
}

/// Standard base64 with padding (RFC 4648), as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What the table needs besides the documents.
#[derive(Debug, Clone, Copy)]
pub struct TableInputs<'a> {
    /// Cluster descriptions, indexed by cluster number.
    pub cluster_names: &'a [String],
    /// The analysts' ratings, when given: their tension and trend are shown beside the tool's.
    pub ratings: Option<&'a Ratings>,
}

/// A number for a `data-v` sort key: plain digits, empty when missing.
fn sort_key(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map(|x| format!("{x}"))
        .unwrap_or_default()
}

fn year_of(d: &DocScore) -> Option<String> {
    d.meta.date.as_ref().map(|x| x.year.to_string())
}

/// The search box and the filters, hidden until the script shows them.
/// Authors go into the page's attributes by their position in `authors` (sorted), so that no
/// text from a document is ever inside a tag, even escaped.
fn push_tools(h: &mut Html, docs: &[&DocScore], authors: &[&str], cluster_names: &[String]) {
    h.raw("<div id=\"tools\" hidden>\n<label>Search <input id=\"q\" type=\"search\" placeholder=\"id, author, date, words\" autocomplete=\"off\"></label>\n");
    let years: BTreeSet<String> = docs.iter().filter_map(|d| year_of(d)).collect();
    let clusters: BTreeSet<usize> = docs.iter().filter_map(|d| d.cluster).collect();
    let select =
        |h: &mut Html, id: &'static str, label: &'static str, opts: Vec<(String, String)>| {
            h.raw("<label>").raw(label).raw(" <select id=\"").raw(id);
            h.raw("\"><option value=\"\">all</option>");
            for (v, text) in opts {
                h.raw("<option value=\"")
                    .text(&v)
                    .raw("\">")
                    .text(&text)
                    .raw("</option>");
            }
            h.raw("</select></label>\n");
        };
    select(
        h,
        "f-author",
        "Author",
        authors
            .iter()
            .enumerate()
            .map(|(i, a)| (i.to_string(), a.to_string()))
            .collect(),
    );
    select(
        h,
        "f-year",
        "Year",
        years.iter().map(|y| (y.clone(), y.clone())).collect(),
    );
    if !clusters.is_empty() {
        let opts = clusters
            .iter()
            .map(|&c| {
                let name = cluster_names.get(c).map_or("", String::as_str);
                let text = if name.is_empty() {
                    c.to_string()
                } else {
                    format!("{c}: {name}")
                };
                (c.to_string(), text)
            })
            .collect();
        select(h, "f-cluster", "Cluster", opts);
    }
    select(
        h,
        "f-relevance",
        "Relevance",
        vec![
            ("yes".into(), "says something on the dyad".into()),
            ("no".into(), "nothing on the dyad".into()),
        ],
    );
    h.raw("<span id=\"shown\" class=\"note\" aria-live=\"polite\"></span>\n</div>\n");
}

/// The analysts' values of one dimension of a document: their mean (the sort key) and each
/// analyst's value, or nothing when the document is not rated.
fn push_analysts_cell(h: &mut Html, r: &Ratings, id: &str, dim: RatedDimension) {
    let values: Vec<(&str, Option<f64>)> = r
        .analysts()
        .iter()
        .map(|a| (a.as_str(), r.value(a, id, dim)))
        .collect();
    let rated = r
        .documents()
        .binary_search_by(|d| d.as_str().cmp(id))
        .is_ok();
    let present: Vec<f64> = values.iter().filter_map(|v| v.1).collect();
    let mean = crate::stats::mean(&present);
    h.raw("<td class=\"n analysts\" data-v=\"")
        .text(&sort_key(mean))
        .raw("\">");
    if !rated {
        h.raw("</td>");
        return;
    }
    match mean {
        Some(m) => h.num(m, 1),
        None => h.raw("–"),
    };
    h.raw("<br><span class=\"note\">");
    for (i, (a, v)) in values.iter().enumerate() {
        if i > 0 {
            h.raw(" · ");
        }
        h.text(a).raw("&nbsp;");
        match v {
            Some(v) => h.text(&format!("{v}")),
            None => h.raw("–"),
        };
    }
    h.raw("</span></td>");
}

/// The header row of the documents table.
fn push_table_head(h: &mut Html, rated: bool) {
    h.raw("<div class=\"scroll\"><table class=\"docs\" id=\"docs\"><thead><tr><th aria-sort=\"ascending\">Date</th><th>Document</th><th>Author</th>");
    h.raw(
        "<th class=\"n hostility\">Hostility</th><th class=\"n rapprochement\">Rapprochement</th>",
    );
    h.raw("<th class=\"n uncertainty\">Uncertainty</th><th class=\"n tension\">Tension</th>");
    if rated {
        h.raw("<th class=\"n\">Analysts' tension</th>");
    }
    h.raw("<th class=\"n\">Trend</th>");
    if rated {
        h.raw("<th class=\"n\">Analysts' trend</th>");
    }
    h.raw("<th class=\"n\">Relevance</th><th>Cluster</th><th class=\"n\">Hits</th></tr></thead><tbody>\n");
}

/// One document's row: its filter attributes, then the cells.
fn push_row(h: &mut Html, d: &DocScore, authors: &[&str], inputs: &TableInputs) {
    let anchor = doc_anchor(&d.id);
    let author = d
        .meta
        .author
        .as_deref()
        .and_then(|a| authors.binary_search(&a).ok());
    h.raw("<tr data-author=\"")
        .text(&author.map(|i| i.to_string()).unwrap_or_default());
    h.raw("\" data-year=\"")
        .text(&year_of(d).unwrap_or_default());
    h.raw("\" data-cluster=\"")
        .text(&d.cluster.map(|c| c.to_string()).unwrap_or_default());
    h.raw("\" data-relevance=\"")
        .raw(if d.is_relevant() { "yes" } else { "no" });
    if d.hits.is_some() {
        h.raw("\" data-hits=\"").text(&anchor);
    }
    h.raw("\"><td class=\"date\" data-s=\"");
    let date = d.meta.date.map(|x| x.to_string()).unwrap_or_default();
    h.text(&date).raw("\">");
    if date.is_empty() {
        h.raw("–");
    } else {
        h.text(&date);
    }
    h.raw("</td><td class=\"id\"><a href=\"#")
        .text(&anchor)
        .raw("\">")
        .text(&d.id);
    h.raw("</a></td><td class=\"author\">")
        .text(d.meta.author.as_deref().unwrap_or(""));
    h.raw("</td>");
    for v in [
        d.scores.hostility,
        d.scores.rapprochement,
        d.scores.uncertainty,
    ] {
        h.raw("<td class=\"n\" data-v=\"")
            .text(&sort_key(Some(v)))
            .raw("\">");
        h.num(v, 2).raw("</td>");
    }
    h.raw("<td class=\"n\" data-v=\"")
        .text(&sort_key(d.tension()))
        .raw("\">");
    match d.tension() {
        Some(t) => h.num(t, 2),
        None => h.raw("<span title=\"relevance below 0.5: nothing on the dyad\">–</span>"),
    };
    h.raw("</td>");
    if let Some(r) = inputs.ratings {
        push_analysts_cell(h, r, &d.id, RatedDimension::Tension);
    }
    let trend = d.trend();
    h.raw("<td class=\"n\" data-v=\"")
        .text(&sort_key(trend))
        .raw("\">");
    match trend {
        Some(t) => h.text(&crate::output::signed_trend(t)),
        None => h.raw("<span title=\"relevance below 0.5: nothing on the dyad\">–</span>"),
    };
    h.raw("</td>");
    if let Some(r) = inputs.ratings {
        push_analysts_cell(h, r, &d.id, RatedDimension::Trend);
    }
    h.raw("<td class=\"n\" data-v=\"")
        .text(&sort_key(Some(d.relevance)))
        .raw("\">");
    h.num(d.relevance, 2);
    if !d.is_relevant() {
        h.raw("<br><span class=\"note\">nothing on the dyad</span>");
    }
    h.raw("</td><td class=\"cl\" data-v=\"")
        .text(&sort_key(d.cluster.map(|c| c as f64)));
    h.raw("\">");
    if let Some(c) = d.cluster {
        h.int(c);
        if let Some(n) = inputs.cluster_names.get(c).filter(|n| !n.is_empty()) {
            h.raw("<span class=\"note\">: ").text(n).raw("</span>");
        }
    }
    h.raw("</td>");
    match &d.hits {
        Some(hits) => {
            h.raw("<td class=\"n\" data-v=\"")
                .int(hits.len())
                .raw("\"><a href=\"#");
            h.text(&anchor).raw("\">").int(hits.len()).raw("</a></td>");
        }
        None => {
            h.raw("<td class=\"n\" data-v=\"\"><a href=\"hits.csv\">hits.csv</a></td>");
        }
    }
    h.raw("</tr>\n");
}

/// The documents table, with its search box and filters.
pub fn push_table(h: &mut Html, docs: &[&DocScore], inputs: &TableInputs) {
    h.raw("<h2 id=\"documents\">Documents</h2>\n");
    h.raw("<p class=\"note\">Scores are points per 1,000 words (uncertainty per √(1,000 words)); tension is the 0-10 index; trend runs from -2 (worsening) to +2 (improving). Tension and trend are shown as – for a document whose relevance (the weight of its hostility and rapprochement hits) is below 0.5: it says nothing about the dyad, and an analyst leaves its tension and trend empty too. Sorted by date; click a column's header to sort by it. Each id and hit count links to the document's hits.");
    if inputs.ratings.is_some() {
        h.raw(" The analysts' columns give their mean and each analyst's rating (– left empty); empty for a document they did not rate.");
    }
    if docs.iter().any(|d| d.hits.is_none()) {
        h.raw(" Documents whose hits are not listed on this page link to hits.csv, which has every hit (report --max-docs-with-hits N lists more).");
    }
    h.raw(" The search looks in ids, authors, dates and the sentences with hits.</p>\n");
    let authors: BTreeSet<&str> = docs
        .iter()
        .filter_map(|d| d.meta.author.as_deref())
        .collect();
    let authors: Vec<&str> = authors.into_iter().collect();
    push_tools(h, docs, &authors, inputs.cluster_names);
    push_table_head(h, inputs.ratings.is_some());
    for d in docs {
        push_row(h, d, &authors, inputs);
    }
    h.raw("</tbody></table></div>\n");
}

/// The analysts' ratings of one document with their notes, under its hits.
pub fn push_doc_ratings(h: &mut Html, r: &Ratings, id: &str) {
    if r.documents()
        .binary_search_by(|d| d.as_str().cmp(id))
        .is_err()
    {
        return;
    }
    h.raw("<div class=\"scroll\"><table class=\"ratings\"><thead><tr><th>Analyst</th>");
    for dim in RatedDimension::ALL {
        h.raw("<th class=\"n\">").raw(dim.name()).raw("</th>");
    }
    h.raw("<th>Note</th></tr></thead><tbody>\n");
    for a in r.analysts() {
        h.raw("<tr><td>").text(a).raw("</td>");
        for dim in RatedDimension::ALL {
            h.raw("<td class=\"n\">");
            match r.value(a, id, dim) {
                Some(v) => h.text(&format!("{v}")),
                None => h.raw("–"),
            };
            h.raw("</td>");
        }
        h.raw("<td class=\"ctx\">")
            .text(r.note(a, id).unwrap_or(""))
            .raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n");
}

fn opt(h: &mut Html, v: Option<f64>) {
    match v {
        Some(v) => h.num(v, 3),
        None => h.raw("–"),
    };
}

/// Alpha with and without the tool, and the tool's Spearman beside the human ceiling, one row
/// per dimension.
fn push_agreement_table(h: &mut Html, c: &Comparison, run: &EvalRun) {
    h.raw("<div class=\"scroll\"><table class=\"agreement\"><thead><tr><th>Dimension</th><th class=\"n\">Documents rated</th><th class=\"n\">Alpha, analysts</th><th class=\"n\">Alpha with the tool</th><th class=\"n\">Tool's Spearman</th><th>Each analyst's Spearman against the others</th><th class=\"target\">Target</th></tr></thead><tbody>\n");
    for (dim, dc) in c.dimensions.iter() {
        let eval = run.evaluation.dimensions.get(*dim);
        h.raw("<tr><td>")
            .raw(dim.name())
            .raw("</td><td class=\"n\">")
            .int(dc.documents);
        if let Some(e) = eval {
            h.raw("<br><span class=\"note\">")
                .int(e.n)
                .raw(" scored</span>");
        }
        h.raw("</td><td class=\"n\">");
        opt(h, dc.alpha.interval);
        if let (Some(lo), Some(hi)) = (dc.alpha_ci.low, dc.alpha_ci.high) {
            h.raw("<br><span class=\"note\">[")
                .num(lo, 3)
                .raw(", ")
                .num(hi, 3)
                .raw("]</span>");
        }
        h.raw("</td><td class=\"n\">");
        opt(h, dc.alpha_with_tool.and_then(|a| a.interval));
        h.raw("</td><td class=\"n\">");
        opt(h, eval.and_then(|e| e.spearman));
        if let Some(ci) = eval.and_then(|e| e.spearman_ci) {
            h.raw("<br><span class=\"note\">[")
                .num(ci.low, 3)
                .raw(", ")
                .num(ci.high, 3);
            h.raw("]</span>");
        }
        h.raw("</td><td>");
        for (i, v) in eval
            .map_or(&[][..], |e| &e.human_ceiling[..])
            .iter()
            .enumerate()
        {
            if i > 0 {
                h.raw(" · ");
            }
            h.text(&v.analyst).raw("&nbsp;");
            opt(h, v.spearman);
        }
        h.raw("</td><td class=\"target\">");
        if let Some(e) = eval
            && let (Some(t), Some(m)) = (&e.target, e.meets_target)
        {
            h.raw(if m { "met" } else { "not met" })
                .raw("<br><span class=\"note\">");
            h.text(t).raw("</span>");
        }
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n");
}

/// The documents where the tool's rank and the analysts' differ most, per dimension.
fn push_disagreements(h: &mut Html, run: &EvalRun) {
    h.raw("<h3>Where the tool and the analysts disagree most</h3>\n<p class=\"note\">Per dimension, the documents whose rank by the tool's score and rank by the analysts' mean are furthest apart (rank gap 0: same place, 1: opposite ends), as <code>diplostance eval</code> lists them; their strongest hits follow.</p>\n");
    for (dim, e) in run.evaluation.dimensions.iter() {
        if e.disagreements.is_empty() {
            continue;
        }
        h.raw("<div class=\"scroll\"><table class=\"disagree\"><caption>")
            .raw(dim.name());
        h.raw("</caption><thead><tr><th>Document</th><th class=\"n\">Tool</th><th class=\"n\">Analysts' mean</th><th class=\"n\">Rank gap</th></tr></thead><tbody>\n");
        for x in &e.disagreements {
            h.raw("<tr><td><a href=\"#why-")
                .text(&doc_anchor(&x.doc_id))
                .raw("\">");
            h.text(&x.doc_id)
                .raw("</a></td><td class=\"n\">")
                .num(x.tool, 2);
            h.raw("</td><td class=\"n\">").num(x.analysts_mean, 2);
            h.raw("</td><td class=\"n\">")
                .num(x.rank_gap, 3)
                .raw("</td></tr>\n");
        }
        h.raw("</tbody></table></div>\n");
    }
    for (id, hits) in &run.hits {
        h.raw("<section class=\"why\" id=\"why-")
            .text(&doc_anchor(id))
            .raw("\"><h4>");
        h.text(id).raw("</h4>\n<p class=\"note\">");
        let doc = run.docs.get(id.as_str());
        if let Some(d) = doc {
            let f = |n: &str| d.features.get(n).unwrap_or(f64::NAN);
            h.raw("tension ")
                .num(d.scores.tension, 2)
                .raw(" from hostility ");
            h.num(d.scores.hostility, 1)
                .raw(" at level ")
                .num(f("hostility_level"), 1);
            h.raw(" and rapprochement ")
                .num(d.scores.rapprochement, 1)
                .raw("; trend ");
            h.text(&crate::output::signed_trend(f("trend"))).raw(" · ");
        }
        h.raw("<a href=\"#")
            .text(&doc_anchor(id))
            .raw("\">every hit</a></p>\n");
        match doc {
            None => h.raw("<p class=\"note\">Not in the corpus.</p>\n"),
            Some(d) if d.hits.is_none() => {
                h.raw("<p class=\"note\">Hits not kept on this page: see <a href=\"hits.csv\">hits.csv</a>.</p>\n")
            }
            Some(_) if hits.is_empty() => h.raw("<p class=\"note\">No cue matched.</p>\n"),
            Some(_) => {
                h.raw("<div class=\"scroll\"><table><thead><tr><th>In context</th><th>Cue</th><th>Dimension</th><th class=\"n\">Weight</th><th>Statement</th><th>Modifiers</th><th>Actors</th></tr></thead><tbody>\n");
                for hit in hits {
                    push_hit(h, hit);
                }
                h.raw("</tbody></table></div>\n")
            }
        };
        h.raw("</section>\n");
    }
}

/// The agreement section: the analysts with and without the tool, and the disagreements.
pub fn push_agreement(h: &mut Html, c: &Comparison, run: &EvalRun) {
    h.raw("<h2 id=\"agreement\">Agreement with the analysts</h2>\n<p class=\"note\">Krippendorff's alpha (interval level) of the analysts alone, with its ");
    h.num(crate::agreement::ALPHA_CONFIDENCE * 100.0, 0);
    h.raw("% bootstrap interval, and with the tool as one more analyst (its scores put on each dimension's scale by rank); the tool's Spearman correlation with the analysts' mean, with its interval, beside each analyst's Spearman against the mean of the others (the human ceiling). Analysts: ");
    h.text(&run.evaluation.analysts.join(", "));
    h.raw("; ")
        .int(run.evaluation.documents)
        .raw(" rated documents.</p>\n");
    push_agreement_table(h, c, run);
    push_disagreements(h, run);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document scored 0 everywhere but its trend and relevance.
    fn doc(id: &str, trend: f64, relevance: f64) -> DocScore {
        use crate::score::{FEATURE_NAMES, Features, Intervals, Scores};
        let mut values = vec![0.0; FEATURE_NAMES.len()];
        values[FEATURE_NAMES.iter().position(|n| *n == "trend").unwrap()] = trend;
        DocScore {
            id: id.into(),
            dyad: None,
            meta: Default::default(),
            tokens: 100,
            sentences: 3,
            scores: Scores {
                tension: 3.0,
                ..Scores::default()
            },
            relevance,
            interval: Intervals::default(),
            features: Features {
                names: FEATURE_NAMES,
                values,
            },
            cluster: None,
            distance: None,
            scale: None,
            hits: Some(vec![]),
        }
    }

    /// The documents table shows the trend with its sign (none on a trend that rounds to 0),
    /// "–" for the tension and the trend of a document with nothing on the dyad and says why, links a
    /// document whose hits are not on the page to hits.csv, and escapes document text; the
    /// analysts' columns give the mean and each analyst's rating.
    #[test]
    fn documents_table_rows() {
        let mut docs = [
            doc("up", 1.234, 2.0),
            doc("flat", -0.004, 2.0),
            doc("down<b>", -1.5, 0.2),
        ];
        docs[1].hits = None;
        let refs: Vec<&DocScore> = docs.iter().collect();
        let ratings = Ratings::parse(
            std::path::Path::new("r.csv"),
            "analyst,doc_id,tension\nA,up,6\nB,up,7\nA,flat,\nB,flat,\n",
        )
        .unwrap();
        let mut h = Html::new();
        let inputs = TableInputs {
            cluster_names: &[],
            ratings: Some(&ratings),
        };
        push_table(&mut h, &refs, &inputs);
        let out = h.finish();
        assert!(out.contains(">+1.23</td>"), "{out}");
        assert!(out.contains(">0.00</td>"), "{out}");
        // "down<b>" says nothing on the dyad: no trend, as no tension
        assert!(!out.contains(">-1.50</td>"), "{out}");
        assert_eq!(
            out.matches("nothing on the dyad\">–</span></td>").count(),
            2,
            "{out}"
        );
        assert!(
            out.contains("down&lt;b&gt;") && !out.contains("down<b>"),
            "{out}"
        );
        assert_eq!(
            out.matches("nothing on the dyad</span>").count(),
            1,
            "{out}"
        );
        assert!(out.contains("data-relevance=\"no\""), "{out}");
        assert!(out.contains("<a href=\"hits.csv\">hits.csv</a>"), "{out}");
        assert!(
            out.contains("data-v=\"6.5\">6.5<br><span class=\"note\">A&nbsp;6 · B&nbsp;7"),
            "{out}"
        );
        assert!(
            out.contains(">–<br><span class=\"note\">A&nbsp;– · B&nbsp;–"),
            "{out}"
        );
    }

    /// The base64 of RFC 4648's test vectors, and the hash of the script in CSP form.
    #[test]
    fn base64_follows_rfc_4648() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
        let h = script_hash();
        assert!(
            h.starts_with("'sha256-") && h.ends_with("='") && h.len() == 53,
            "{h}"
        );
    }
}
