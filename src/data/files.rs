//! Where the loaders get a file's bytes: the site's folder, or memory.
//!
//! Loading reads six CSV files by their path relative to the site root. Reading through this
//! small trait instead of the file system lets property tests and fuzzers run the whole loader,
//! with every check, on generated files millions of times without touching the disk, while a
//! build reads the real folder exactly as before.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// Something that holds a site's input files, by path relative to the site root.
pub trait Files {
    /// The bytes of `rel` (`data/areas.csv`); `ErrorKind::NotFound` when there is no such file.
    fn read(&self, rel: &str) -> io::Result<Vec<u8>>;

    /// Whether `rel` is a file, without reading it.
    fn exists(&self, rel: &str) -> bool;

    /// The files directly in folder `dir` (`data/observations`), as paths like `rel`, in name
    /// order; none when there is no such folder.
    fn list(&self, dir: &str) -> Vec<String>;
}

/// A site's folder on disk.
impl Files for Path {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.join(rel))
    }

    fn exists(&self, rel: &str) -> bool {
        self.join(rel).is_file()
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.join(dir)) else {
            return Vec::new();
        };
        let mut files: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
            .collect();
        files.sort();
        files
    }
}

/// Files held in memory, by relative path; a missing key is a missing file.
pub type MemoryFiles = BTreeMap<String, Vec<u8>>;

impl Files for MemoryFiles {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        self.get(rel)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn exists(&self, rel: &str) -> bool {
        self.contains_key(rel)
    }

    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{dir}/");
        self.keys()
            .filter(|k| {
                k.strip_prefix(&prefix)
                    .is_some_and(|rest| !rest.contains('/'))
            })
            .cloned()
            .collect()
    }
}
