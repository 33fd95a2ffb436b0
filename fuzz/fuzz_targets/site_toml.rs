//! Fuzz target: `site.toml` through decoding, TOML parsing and the settings' checks.
//!
//! Must report, never panic, whatever the bytes: this is the first file every build reads.
#![no_main]

use ecotown::config::Config;
use ecotown::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let mut diags = Diagnostics::new();
    if let Some(text) = ecotown::data::text::decode(input, "site.toml", &mut diags) {
        let _ = Config::parse(&text, &mut diags);
    }
    for d in diags.iter() {
        let _ = d.to_string();
    }
});
