//! Dated events (wars, pacts, incidents) carried into timelines and charts.
