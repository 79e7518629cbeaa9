//! End-to-end tests: one integration binary (faster to build than one per file).
//! Each module covers one part; the corpus is read from `../shared/`.

mod util;
mod corpus_formats;
mod corpus_tei;
