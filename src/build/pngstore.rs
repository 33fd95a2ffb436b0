//! The folder where a site keeps the PNGs of its charts between builds
//! (`.ecotown-cache/png/` in the site, beside `data/`), so that a chart that has not changed is
//! read rather than rasterised again (see [`crate::charts::raster`]). Like Hugo's
//! `resources/_gen`: safe to delete at any time, never published, and git-ignored.
//!
//! Each file is named by its key (a digest of what made it) and written whole under a temporary
//! name, then renamed, so two builds at once (the tests do this) never read half a file. A folder
//! that cannot be written only costs time: the PNG is still made, and the build goes on.
//!
//! After a full build, which asks for every slide PNG, the files it did not ask for are removed
//! ([`PngStore::forget_unused`]): the folder holds one site's PNGs, not every version's, so a CI
//! cache of it does not grow with each data change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::charts::raster::PngStore;

/// The cache folder of the site at `root`.
pub fn folder(root: &Path) -> PathBuf {
    root.join(".ecotown-cache").join("png")
}

pub struct DiskStore {
    dir: PathBuf,
    /// The keys asked for since the store was made.
    used: Mutex<HashSet<String>>,
}

impl DiskStore {
    pub fn new(dir: PathBuf) -> DiskStore {
        DiskStore {
            dir,
            used: Mutex::default(),
        }
    }

    fn used(&self, key: &str) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.insert(key.to_string());
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
        self.used(key);
        let bytes = std::fs::read(self.path(key)?).ok()?;
        // A PNG starts with its signature; anything else (a truncated file) is drawn again.
        bytes.starts_with(b"\x89PNG\r\n\x1a\n").then_some(bytes)
    }

    fn put(&self, key: &str, png: &[u8]) {
        self.used(key);
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

    fn forget_unused(&self) {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        // Only the store's own files: two-hex-digit folders of `<key>.png` (and leftover
        // temporary files); anything else someone put there is left alone.
        let Ok(folders) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for folder in folders.flatten() {
            let name = folder.file_name();
            let name = name.to_string_lossy();
            if name.len() != 2 || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
                continue;
            }
            let Ok(files) = std::fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let file_name = file.file_name();
                let file_name = file_name.to_string_lossy();
                let stale = match file_name.strip_suffix(".png") {
                    Some(key) => !used.contains(key),
                    None => file_name.ends_with(".tmp"),
                };
                if stale {
                    let _ = std::fs::remove_file(file.path());
                }
            }
            // Empty now: gone too (fails harmlessly when not).
            let _ = std::fs::remove_dir(folder.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_build_keeps_only_the_pngs_it_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("png");
        let png = b"\x89PNG\r\n\x1a\nrest";
        let (kept, old) = ("ab12", "cd34");
        let first = DiskStore::new(folder.clone());
        first.put(kept, png);
        first.put(old, png);
        std::fs::write(folder.join("notes.txt"), "someone's").unwrap();
        // The next build asks only for the first.
        let next = DiskStore::new(folder.clone());
        assert_eq!(next.get(kept).as_deref(), Some(&png[..]));
        next.forget_unused();
        assert!(folder.join("ab/ab12.png").exists());
        assert!(!folder.join("cd/cd34.png").exists());
        assert!(!folder.join("cd").exists(), "an emptied folder is removed");
        assert!(
            folder.join("notes.txt").exists(),
            "not the store's: left alone"
        );
    }
}
