//! Ratings reader: any text gives ratings or an error naming the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("fuzz.csv");
    match diplostance::agreement::Ratings::parse(path, text) {
        Ok(r) => {
            for dim in diplostance::agreement::RatedDimension::ALL {
                let _ = r.matrix(dim);
                let _ = r.document_means(dim);
            }
        }
        Err(e) => assert!(e.to_string().contains("fuzz.csv"), "{e}"),
    }
});
