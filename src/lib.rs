//! ecotown: a static-site generator for Thailand's eco-industrial town programme.
//!
//! It reads indicator datasets (CSV) and Markdown narratives for each province and area, and
//! writes a bilingual Thai/English transparency site. The crate follows the data: [`config`]
//! (`site.toml`), [`data`] (the CSV contract, loading, validation), [`render`] (pages), [`output`]
//! (atomic writing), with [`build`] running them as named phases and [`diagnostics`] carrying
//! every problem back to the user; [`pdf`] prints the provincial briefs with headless Chromium, and
//! [`fingerprint`] lets a build with nothing new to do stop early; [`serve`] previews the site and
//! rebuilds it as files change.

pub mod build;
pub mod charts;
pub mod check;
pub mod config;
pub mod content;
pub mod csvfile;
pub mod data;
pub mod deps;
pub mod diagnostics;
pub mod escape;
pub mod fingerprint;
pub mod history;
pub(crate) mod html;
pub mod i18n;
pub mod layers;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod publish;
pub mod render;
pub mod serve;
pub mod site;
pub mod theme;
pub mod timings;
pub mod updates;
pub mod urls;
