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
}

/// A site's folder on disk.
impl Files for Path {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.join(rel))
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
}
