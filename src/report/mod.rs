//! Reports: charts (PNG and SVG) and a self-contained HTML page.

/// Writing a report failed.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ReportError {
    /// What is wrong.
    pub message: String,
}
