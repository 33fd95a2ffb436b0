//! A chart as a PNG for slides, rasterised at build time with resvg and the theme's bundled
//! fonts (Thai shaped by them, not by whatever fonts the build machine has: resvg is built
//! without system fonts).
//!
//! Rasterising is slow next to drawing (about 18 ms a chart at 1,280 px, most of it the PNG
//! encoder), so two things keep it off a build's critical path:
//! - only the charts a reader puts on a slide get a PNG: the comparisons, the factory charts of
//!   the programme and its provinces, and the map (see `render::charts`); an area's many small
//!   charts keep their SVG, which slide programs take at any size;
//! - a [`PngStore`] keeps each PNG under the digest of what made it (the SVG, the fonts and
//!   [`VERSION`]), so a chart that has not changed is read, not drawn again. The build's store
//!   is a folder in the site (`.ecotown-cache/png/`, like Hugo's `resources/_gen`); without one,
//!   every PNG is drawn.
//!
//! The output does not depend on the store: a PNG is a function of its key.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

/// Bumped when the PNG made from the same SVG and fonts changes (options, sizes, resvg).
pub const VERSION: &str = "png-1 resvg-0.48 1600px";

/// The longest side of a PNG, in pixels, and the most a chart is scaled up.
const LONGEST: f32 = 1600.0;
const MAX_SCALE: f32 = 4.0;

/// Where PNGs made before are kept, by key.
pub trait PngStore: Send + Sync {
    fn get(&self, key: &str) -> Option<Vec<u8>>;
    fn put(&self, key: &str, png: &[u8]);
    /// Drops what no `get` or `put` has asked for since the store was made: called after a
    /// build that rasterised every chart, so the store keeps only the current site's PNGs.
    fn forget_unused(&self) {}
}

/// Rasterises charts with the theme's fonts, through a store when it has one.
pub struct Rasterizer {
    options: usvg::Options<'static>,
    /// The digest of the fonts and [`VERSION`], part of every key.
    salt: String,
    store: Option<Arc<dyn PngStore>>,
}

impl std::fmt::Debug for Rasterizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rasterizer")
    }
}

impl Rasterizer {
    /// A rasteriser with these font files (the first family named is the default).
    pub fn new(fonts: &[&[u8]]) -> Rasterizer {
        let mut options = usvg::Options {
            font_family: "Ecotown Sans".into(),
            ..usvg::Options::default()
        };
        let mut salt = blake3::Hasher::new();
        salt.update(VERSION.as_bytes());
        for font in fonts {
            salt.update(&(font.len() as u64).to_le_bytes());
            salt.update(font);
            options.fontdb_mut().load_font_data(font.to_vec());
        }
        Rasterizer {
            options,
            salt: salt.finalize().to_hex().to_string(),
            store: None,
        }
    }

    /// Lets the store drop the PNGs this rasteriser has not asked for ([`PngStore::forget_unused`]).
    pub fn forget_unused(&self) {
        if let Some(store) = &self.store {
            store.forget_unused();
        }
    }

    /// The same rasteriser, keeping its PNGs in `store`.
    pub fn with_store(mut self, store: Arc<dyn PngStore>) -> Rasterizer {
        self.store = Some(store);
        self
    }

    /// The PNG of a standalone chart SVG, or `None` if resvg cannot read it.
    pub fn png(&self, svg: &str) -> Option<Vec<u8>> {
        let key = self.key(svg);
        if let Some(png) = self.store.as_ref().and_then(|s| s.get(&key)) {
            return Some(png);
        }
        let png = self.draw(svg)?;
        if let Some(store) = &self.store {
            store.put(&key, &png);
        }
        Some(png)
    }

    fn key(&self, svg: &str) -> String {
        let mut digest = blake3::Hasher::new();
        digest.update(self.salt.as_bytes());
        digest.update(svg.as_bytes());
        digest.finalize().to_hex().to_string()
    }

    fn draw(&self, svg: &str) -> Option<Vec<u8>> {
        let tree = usvg::Tree::from_str(svg, &self.options).ok()?;
        let size = tree.size();
        let scale = (LONGEST / size.width().max(size.height())).clamp(1.0, MAX_SCALE);
        let width = (size.width() * scale).ceil() as u32;
        let height = (size.height() * scale).ceil() as u32;
        let mut pixmap = tiny_skia::Pixmap::new(width, height)?;
        pixmap.fill(tiny_skia::Color::WHITE);
        let transform = tiny_skia::Transform::from_scale(scale, scale);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        pixmap.encode_png().ok()
    }
}

/// A chart framed for a slide: its title above it and `footer` (source, date, licence, address)
/// below, both wrapped to its width, so the picture still says what it shows and where it is from
/// once it is cut out of the page. `svg` is the standalone SVG, `width` × `height` its size.
pub fn framed(svg: &str, (width, height): (u32, u32), title: &str, footer: &str) -> String {
    use crate::charts::text;
    use crate::escape::markup;
    const TITLE: f64 = 13.0;
    const SMALL: f64 = 9.0;
    let room = f64::from(width) - 16.0;
    let title_lines = text::wrap_with(title, room, TITLE, true);
    let footer_lines = text::wrap(footer, room, SMALL);
    let top = 8.0 + title_lines.len() as f64 * (TITLE * 1.4) + 4.0;
    let bottom = 6.0 + footer_lines.len() as f64 * (SMALL * 1.45) + 4.0;
    let total = f64::from(height) + top + bottom;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total:.0}" viewBox="0 0 {width} {total:.0}"><rect width="100%" height="100%" fill="#fff"/><g font-family="Ecotown Sans" fill="#1a1a1a">"##
    );
    for (i, line) in title_lines.iter().enumerate() {
        let y = 8.0 + (i as f64 + 1.0) * (TITLE * 1.4) - 4.0;
        out.push_str(&format!(
            r#"<text x="8" y="{y:.1}" font-size="{TITLE}" font-weight="700">{}</text>"#,
            markup(line)
        ));
    }
    out.push_str(&format!(
        r#"<g transform="translate(0 {top:.1})">{svg}</g>"#
    ));
    for (i, line) in footer_lines.iter().enumerate() {
        let y = f64::from(height) + top + 6.0 + (i as f64 + 1.0) * (SMALL * 1.45) - 2.0;
        out.push_str(&format!(
            r##"<text x="8" y="{y:.1}" font-size="{SMALL}" fill="#444">{}</text>"##,
            markup(line)
        ));
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Memory(std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>);

    impl PngStore for Memory {
        fn get(&self, key: &str) -> Option<Vec<u8>> {
            self.0.lock().unwrap().get(key).cloned()
        }
        fn put(&self, key: &str, png: &[u8]) {
            self.0.lock().unwrap().insert(key.into(), png.to_vec());
        }
    }

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200"><rect x="10" y="10" width="100" height="50" fill="#0072b2"/></svg>"##;

    #[test]
    fn draws_at_slide_size_and_keeps_what_it_drew() {
        let store = Arc::new(Memory(Default::default()));
        let raster = Rasterizer::new(&[]).with_store(store.clone());
        let png = raster.png(SVG).expect("drawn");
        assert_eq!(&png[1..4], b"PNG");
        // 320 × 200 scaled four times: the IHDR's width and height.
        assert_eq!(&png[16..24], &[0, 0, 5, 0, 0, 0, 3, 32]);
        assert_eq!(store.0.lock().unwrap().len(), 1);
        // A stored PNG is returned as it was stored, not drawn again.
        let key = store.0.lock().unwrap().keys().next().unwrap().clone();
        store.put(&key, b"kept");
        assert_eq!(raster.png(SVG).unwrap(), b"kept");
        // Another font set is another key.
        let other = Rasterizer::new(&[b"not a font"]).with_store(store.clone());
        assert_ne!(other.png(SVG).unwrap(), b"kept");
        assert!(raster.png("<svg").is_none());
    }

    #[test]
    fn a_framed_chart_has_its_title_above_and_its_footer_below() {
        let framed = framed(
            SVG,
            (320, 200),
            "Water <reuse> & more",
            "Source: x · CC-BY-4.0",
        );
        assert!(framed.contains("Water &lt;reuse&gt; &amp; more"));
        let title = framed.find("Water").unwrap();
        let chart = framed.find("<rect x=\"10\"").unwrap();
        let footer = framed.find("Source: x").unwrap();
        assert!(title < chart && chart < footer);
        // Taller than the chart by the title and footer lines, and still one drawing.
        let png = Rasterizer::new(&[]).png(&framed).expect("drawn");
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert!(height > 800, "{height}");
    }
}
