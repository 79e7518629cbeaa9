//! Lexicon parser: any text gives a lexicon or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let origin = std::path::Path::new("fuzz.toml");
    if let Ok(lex) = diplostance::lexicon::Lexicon::from_toml_str(text, origin) {
        let _ = lex.checksum();
        let _ = diplostance::score::Analyzer::new(lex, diplostance::score::DEFAULT_DYAD);
    }
});
