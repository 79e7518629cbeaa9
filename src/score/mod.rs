//! Scoring: from a tokenized document and a lexicon to explained scores.
