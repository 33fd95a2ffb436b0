//! Fuzz target: a narrative file through front matter, shortcodes, Markdown and the sanitiser.
//!
//! The text is decoded as a narrative file is, then rendered against the `tests/fixtures/mini`
//! data and the built-in interface strings, so shortcodes that name real areas and indicators
//! are evaluated. The first byte's lowest bit chooses `allow_raw_html`. Rendering must report,
//! never panic; and with the sanitiser on, nothing that runs script may come out (no
//! `<script>`, no `on…=` handler, no `javascript:` address in an attribute).
#![no_main]

use std::sync::OnceLock;

use ecotown::data::Dataset;
use ecotown::diagnostics::Diagnostics;
use ecotown::i18n::Strings;
use libfuzzer_sys::fuzz_target;

/// The same scanner the probe tests use to find markup that would run code.
#[path = "../../tests/suite/support/markup.rs"]
mod markup;

fn site() -> &'static (Dataset, Strings) {
    static SITE: OnceLock<(Dataset, Strings)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
        let mut diags = Diagnostics::new();
        let data = ecotown::data::load_dataset(&root, &mut diags);
        let theme = ecotown::render::theme::Theme::load(&root, &mut diags);
        let strings = theme.strings(&mut diags).expect("built-in strings");
        (data, strings)
    })
}

fuzz_target!(|input: &[u8]| {
    let Some((&flags, bytes)) = input.split_first() else {
        return;
    };
    let allow_raw_html = flags & 1 == 1;
    let file = "content/pages/fuzz.en.md";
    let mut diags = Diagnostics::new();
    let Some(text) = ecotown::data::text::decode(bytes, file, &mut diags) else {
        return;
    };
    let (data, strings) = site();
    let html =
        ecotown::content::render_text(file, &text, data, strings, allow_raw_html, &mut diags);
    if let (Some(html), false) = (html, allow_raw_html) {
        let dangers = markup::dangers(&html);
        assert!(dangers.is_empty(), "{dangers:?} survived in: {html}");
        assert!(
            !html.to_ascii_lowercase().contains("<script"),
            "script survived: {html}"
        );
    }
});
