//! Output formats: results in, bytes out, no I/O.
