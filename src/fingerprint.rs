//! Knowing when a build would change nothing, so that it can stop before rendering.
//!
//! CI rebuilds on every push and authors rebuild constantly, often with nothing changed. A build
//! is a pure function of its inputs: the site's `site.toml`, `data/`, `content/` and `templates/`,
//! the commit the repository is at (the update log is made from the data's history),
//! the `ecotown` program itself (which embeds the default theme), the build's options and the
//! environment variables that reach the output. The update log also reads the previous site, but
//! a site that is exactly what the last build wrote from the same inputs gives that same site
//! again. So a build records two digests beside the output, in `site.fingerprint` (next to
//! `site.lock`, never inside the published folder): one of its inputs, and one of the output as
//! written (every file's path, size and modification time). The next build with the same inputs
//! into an untouched output has nothing to do.
//!
//! The digests are 128 bits of BLAKE3, so an accidental match is out of the question; the
//! program's identity is its size and modification time, so any rebuilt `ecotown` invalidates
//! every fingerprint. Anything unreadable means "not fresh": the cost of
//! doubt is one full build, never a stale site.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::output::FileStamp;

/// The input folders a build reads, besides `site.toml`. A new kind of input must be added here.
const INPUT_FOLDERS: &[&str] = &["data", "content", "templates"];

/// Environment variables that change what a build writes.
const ENVIRONMENT: &[&str] = &["SOURCE_DATE_EPOCH", "ECOTOWN_CHROMIUM"];

/// What the last successful build into an output folder recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub inputs: String,
    pub output: String,
    /// The files and bytes that build published, for the report of a build that stops early.
    pub files: usize,
    pub bytes: usize,
}

/// `site` → `site.fingerprint`, beside it.
pub fn record_path(out: &Path) -> PathBuf {
    beside(out, "fingerprint")
}

/// `site` → `site.<extension>`: the files a build keeps next to the output, never in it.
pub fn beside(out: &Path, extension: &str) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "site".into());
    name.push(".");
    name.push(extension);
    out.with_file_name(name)
}

/// A BLAKE3 digest of a sequence of parts. Parts are fed through their `Hash` implementation (so
/// tuples of paths, sizes and bytes can be added as they are), into BLAKE3 rather than
/// `DefaultHasher`, whose algorithm Rust does not promise to keep.
struct Digest(Blake3);

/// `std::hash::Hasher` over a BLAKE3 hasher: `write` feeds it, `finish` is not used.
struct Blake3(blake3::Hasher);

impl Hasher for Blake3 {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        let hash = self.0.finalize();
        u64::from_le_bytes(hash.as_bytes()[..8].try_into().unwrap_or_default())
    }
}

impl Digest {
    fn new(kind: &str) -> Digest {
        let mut digest = Digest(Blake3(blake3::Hasher::new()));
        digest.add(kind);
        digest
    }

    fn add(&mut self, part: impl Hash) {
        part.hash(&mut self.0);
    }

    /// The first 128 bits, in hex.
    fn hex(&self) -> String {
        self.0.0.finalize().to_hex()[..32].to_string()
    }
}

/// The running program, as far as a rebuild can tell: its version, size and modification time.
pub fn program() -> io::Result<String> {
    let meta = fs::metadata(std::env::current_exe()?)?;
    Ok(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified_nanos(&meta)?
    ))
}

/// The digest of what every page of a build reads besides the input folders: the program,
/// `options` (the build's options, as text: a change of option means a different site), the
/// environment, `site.toml`, and the commit the repository is at (the update log is made from
/// the data's history: a new commit is a new input even when the working files are the same).
pub fn settings(root: &Path, options: &str) -> io::Result<String> {
    let mut digest = Digest::new("settings");
    digest.add(program()?);
    digest.add(options);
    for name in ENVIRONMENT {
        digest.add((name, std::env::var_os(name)));
    }
    digest.add(("site.toml", fs::read(root.join("site.toml"))?));
    digest.add(("head", crate::history::head(root)));
    Ok(digest.hex())
}

/// The digest of every file under `data/`, `content/` and `templates/`, by its path from the site
/// root (`data/areas.csv`). Read once per build: the fingerprint and the dependency record
/// ([`crate::deps`]) are both made from it.
pub fn input_files(root: &Path) -> io::Result<std::collections::BTreeMap<String, String>> {
    let mut digests = std::collections::BTreeMap::new();
    for folder in INPUT_FOLDERS {
        for (rel, path) in files_under(&root.join(folder))? {
            let bytes = fs::read(path)?;
            let digest = blake3::hash(&bytes).to_hex()[..32].to_string();
            digests.insert(format!("{folder}/{rel}"), digest);
        }
    }
    Ok(digests)
}

/// The digest of everything a build into any folder reads: its [`settings`] and its
/// [`input_files`].
pub fn inputs(settings: &str, files: &std::collections::BTreeMap<String, String>) -> String {
    let mut digest = Digest::new("inputs");
    digest.add(settings);
    for file in files {
        digest.add(file);
    }
    digest.hex()
}

/// The digest of what the charts are drawn from: `site.toml`, `data/` and the interface strings
/// (`templates/i18n/`); within one run of the program (the preview), equal digests mean equal
/// charts, so a narrative or template edit need not draw them again.
pub fn chart_inputs(root: &Path) -> io::Result<String> {
    let mut digest = Digest::new("charts");
    digest.add(("site.toml", fs::read(root.join("site.toml"))?));
    for folder in ["data", "templates/i18n"] {
        for (rel, path) in files_under(&root.join(folder))? {
            digest.add((folder, rel, fs::read(path)?));
        }
    }
    Ok(digest.hex())
}

/// The digest of the output folder as it is now: every file's path, size and modification time.
/// Building replaces changed files and keeps the modification time of the others, so any edit,
/// deletion or addition since the last build changes it.
pub fn output(out: &Path) -> io::Result<String> {
    use rayon::prelude::*;
    // A large site has a quarter of a million files: their metadata is read on every core.
    let stamps: Vec<FileStamp> = files_under(out)?
        .into_par_iter()
        .map(|(rel, path)| FileStamp::of(rel, &fs::symlink_metadata(path)?))
        .collect::<io::Result<_>>()?;
    Ok(output_of(&stamps))
}

/// [`output`] from the stamps a build took as it wrote the files (sorted by path), which spares
/// reading a large folder again.
pub fn output_of(stamps: &[FileStamp]) -> String {
    let mut digest = Digest::new("output");
    for stamp in stamps {
        digest.add((&stamp.path, stamp.len, stamp.modified));
    }
    digest.hex()
}

fn modified_nanos(meta: &fs::Metadata) -> io::Result<u128> {
    let since = meta.modified()?.duration_since(UNIX_EPOCH);
    Ok(since.map_or(0, |d| d.as_nanos()))
}

/// Every file under `dir` (recursively), sorted by its path relative to `dir` as text (the order
/// of [`FileStamp`]s). A missing folder has no files (a site may have no `templates/`).
fn files_under(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = files_in(dir, dir)?;
    files.sort_unstable();
    Ok(files)
}

/// The files under `folder` (named relative to `root`), its subfolders listed on every core: a
/// large site's output has 130,000 folders (an embed page is a folder's `index.html`), and
/// listing them one after another was most of a no-op build at 100×. Symbolic links are not
/// followed (a link counts as a file, as its own stamp).
fn files_in(root: &Path, folder: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            folders.push(path);
            continue;
        }
        let rel = path.strip_prefix(root).map_err(io::Error::other)?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        files.push((rel, path));
    }
    let nested: Vec<Vec<(String, PathBuf)>> = folders
        .par_iter()
        .map(|sub| files_in(root, sub))
        .collect::<io::Result<_>>()?;
    files.extend(nested.into_iter().flatten());
    Ok(files)
}

/// The record left by the last build into `out`, if there is a readable one.
pub fn read(out: &Path) -> Option<Record> {
    let text = fs::read_to_string(record_path(out)).ok()?;
    let mut fields = std::collections::BTreeMap::new();
    for line in text.lines() {
        let (key, value) = line.split_once(' ')?;
        fields.insert(key, value);
    }
    Some(Record {
        inputs: fields.get("inputs")?.to_string(),
        output: fields.get("output")?.to_string(),
        files: fields.get("files")?.parse().ok()?,
        bytes: fields.get("bytes")?.parse().ok()?,
    })
}

/// Saves `record` for the next build into `out`.
pub fn write(out: &Path, record: &Record) -> io::Result<()> {
    let text = format!(
        "inputs {}\noutput {}\nfiles {}\nbytes {}\n",
        record.inputs, record.output, record.files, record.bytes
    );
    fs::write(record_path(out), text)
}

/// Forgets the last build's record (before the output changes, so that a build interrupted
/// half-way can never be mistaken for a finished one).
pub fn forget(out: &Path) -> io::Result<()> {
    match fs::remove_file(record_path(out)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// The last build's record, if `out` is exactly what that build wrote from these `inputs`.
pub fn fresh(out: &Path, inputs: &str) -> Option<Record> {
    let record = read(out)?;
    let unchanged = record.inputs == inputs && output(out).ok()? == record.output;
    unchanged.then_some(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_digest_sees_edits_additions_and_deletions() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("th")).unwrap();
        fs::write(out.join("th/index.html"), "a").unwrap();
        let first = output(&out).unwrap();
        assert_eq!(output(&out).unwrap(), first);
        fs::write(out.join("th/index.html"), "ab").unwrap();
        let edited = output(&out).unwrap();
        assert_ne!(edited, first);
        fs::write(out.join("extra.html"), "").unwrap();
        let added = output(&out).unwrap();
        assert_ne!(added, edited);
        fs::remove_file(out.join("extra.html")).unwrap();
        assert_eq!(output(&out).unwrap(), edited);
    }

    #[test]
    fn records_round_trip_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let record = Record {
            inputs: "a".into(),
            output: "b".into(),
            files: 3,
            bytes: 4,
        };
        write(&out, &record).unwrap();
        assert_eq!(read(&out), Some(record));
        fs::write(record_path(&out), "inputs a\n").unwrap();
        assert_eq!(read(&out), None);
        forget(&out).unwrap();
        forget(&out).unwrap();
        assert!(!record_path(&out).exists());
    }
}
