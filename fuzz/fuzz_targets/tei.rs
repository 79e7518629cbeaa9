//! TEI reader: any bytes give documents or problems, never a panic, and the reader ends.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = std::path::Path::new("fuzz.xml");
    for lossy in [false, true] {
        let reader = diplostance::corpus::tei::read_bytes(name, data.to_vec(), lossy);
        for item in reader.take(100_000) {
            match item {
                Ok(doc) => assert!(!doc.id.is_empty()),
                Err(p) => {
                    let _ = p.to_string();
                }
            }
        }
    }
});
