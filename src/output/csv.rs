//! The one CSV writer, under the name the output stage has always used: it lives in
//! [`crate::csv_writer`], a leaf, so that stages below output write CSV with it too.

pub use crate::csv_writer::{Table, field, push_row};
