//! The document-feature matrix.
