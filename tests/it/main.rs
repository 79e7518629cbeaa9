//! End-to-end tests: one integration binary (faster to build than one per file).
//! Each module covers one part; the corpus is read from `../shared/`.

mod report_browser;
mod report_charts;
mod report_html;
mod report_sample;
mod util;
