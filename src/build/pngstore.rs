//! The folder where a site keeps the PNGs of its charts between builds
//! (`.ecotown-cache/png/` in the site, beside `data/`), so that a chart that has not changed is
//! read rather than rasterised again (see [`crate::charts::raster`]). Like Hugo's
//! `resources/_gen`: safe to delete at any time, never published, and git-ignored.
//!
//! Each file is named by its key (a digest of what made it) and written whole under a temporary
//! name, then renamed, so two builds at once (the tests do this) never read half a file. A folder
//! that cannot be written only costs time: the PNG is still made, and the build goes on.

use std::path::{Path, PathBuf};

use crate::charts::raster::PngStore;

/// The cache folder of the site at `root`.
pub fn folder(root: &Path) -> PathBuf {
    root.join(".ecotown-cache").join("png")
}

pub struct DiskStore {
    dir: PathBuf,
}

impl DiskStore {
    pub fn new(dir: PathBuf) -> DiskStore {
        DiskStore { dir }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        // Keys are hex digests; anything else is not a file name this store made.
        if key.len() < 3 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.dir.join(&key[..2]).join(format!("{key}.png")))
    }
}

impl PngStore for DiskStore {
    fn get(&self, key: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)?).ok()?;
        // A PNG starts with its signature; anything else (a truncated file) is drawn again.
        bytes.starts_with(b"\x89PNG\r\n\x1a\n").then_some(bytes)
    }

    fn put(&self, key: &str, png: &[u8]) {
        let Some(path) = self.path(key) else { return };
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let unique = format!(
            "{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        )
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "");
        let temporary = dir.join(unique);
        if std::fs::write(&temporary, png).is_ok() && std::fs::rename(&temporary, &path).is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}
