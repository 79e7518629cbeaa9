//! Statistics shared by scoring, analysis and agreement: seeded random numbers, bootstrap,
//! ranks and correlations.
