//! Building only what changed: the dependency record beside the output, and writing a few files
//! into a published site.
//!
//! A full build renders and writes every file, and at a hundred times the sample that is a
//! quarter of a million files. Most edits touch far less: a sentence in one area's narrative
//! changes that area's two pages and the two search indexes, nothing else. So each build leaves
//! `site.deps` beside the output (next to `site.fingerprint`, never inside the published folder):
//!
//! - `base`: the digest of what, changed, means a full build: the program, the build's options
//!   and environment, `site.toml`, and the build's date (the briefs and the update log carry it);
//! - `in`: the digest of every input file under `data/`, `content/` and `templates/`;
//! - `front`: each narrative's front matter (title, description, pinned indicators), which
//!   pages other than the narrative's own read;
//! - `out`: every published file's size and modification time, as written.
//!
//! The next build compares. If only narrative bodies and page templates changed
//! ([`Plan::Scoped`]), it renders the pages that show them and the search indexes
//! ([`crate::render::Scope`]), checks them against the published site, and replaces only the
//! files whose bytes differ. Anything else (data, interface strings, shared templates, static
//! files, `site.toml`, a file added or removed, a front matter changed, an output folder touched
//! since, a page losing an id other pages may link to, `--pdf`) is a full build, so the output is
//! always byte for byte what a full build writes: the test
//! `publish::an_incremental_build_writes_what_a_full_build_writes` edits the sample and compares.
//!
//! Why a data edit is a full build: a row reaches the area's and indicator's pages, the
//! province's, the rankings, the progress pages, the open data, the update log and the search
//! index, and writing only the changed files of a whole render in place would give up the
//! atomic swap for a change that touches many files (an interrupted build must leave the previous
//! site; `faults::an_interrupted_build_leaves_the_previous_site_intact`). Finer data dependencies
//! are the next step (BENCHMARKS.md).
//!
//! A failed incremental build changes nothing: new files are staged in `site.patch` beside the
//! output and moved in only when every check passed. The moves themselves are one rename per
//! file, so a reader fetching pages during those milliseconds may see one page new and another
//! old, never half a file. Before the first move, the patch writes down what it is about to do
//! (`site.patch/.apply`); a build interrupted among the moves is finished by the next build
//! ([`recover`]) before anything else, and since the records were removed before the moves, that
//! build is then a full one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::content::{Content, NarrativeKey};
use crate::output::FileStamp;

/// The first line of a record this program can read.
const VERSION: &str = "ecotown-deps 2";

/// What the last build into an output folder depended on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub base: String,
    /// The program that built it (its version, size and time).
    pub program: String,
    pub inputs: BTreeMap<String, String>,
    pub fronts: BTreeMap<String, String>,
    pub stamps: Vec<FileStamp>,
}

/// What this build has to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Render everything into a new folder and swap it in: no usable record, or the program,
    /// options, `site.toml` or date changed, or the output was touched since.
    Full,
    /// Render again only the pages of these narratives (whose bodies alone changed) and of these
    /// page templates (which no other template extends or includes), with the search indexes.
    Scoped {
        narratives: BTreeSet<NarrativeKey>,
        templates: BTreeSet<String>,
    },
}

/// `site` → `site.deps`, beside it.
pub fn record_path(out: &Path) -> PathBuf {
    crate::fingerprint::beside(out, "deps")
}

/// `site` → `site.patch`: where an incremental build stages its files.
fn patch_path(out: &Path) -> PathBuf {
    crate::fingerprint::beside(out, "patch")
}

/// Each narrative file's front matter, digested.
pub fn front_digests(content: &Content) -> BTreeMap<String, String> {
    content
        .iter()
        .map(|n| {
            let pinned: Vec<&str> = n.brief_indicators.iter().map(|p| p.id.as_str()).collect();
            let front = format!("{:?}\u{0}{:?}\u{0}{pinned:?}", n.title, n.description);
            (
                n.file.clone(),
                blake3::hash(front.as_bytes()).to_hex()[..32].to_string(),
            )
        })
        .collect()
}

/// The digest of what, changed, makes any build a full one (see the module doc): the build's
/// [`crate::fingerprint::settings`], and `read_by_all`, what every page may read besides (the
/// build's date and the update log).
pub fn base(settings: &str, read_by_all: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [VERSION, settings, read_by_all] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_string()
}

/// Each narrative file's subject, by its path (`content/areas/x.th.md`).
pub fn narrative_files(content: &Content) -> BTreeMap<String, NarrativeKey> {
    content
        .iter()
        .map(|n| (n.file.clone(), n.key.clone()))
        .collect()
}

/// What a build with `now` (this build's record, without its output) must do, given the record
/// the last build into `out` left, and whether that output is as it left it. `narratives` gives
/// each narrative file's subject ([`narrative_files`]); `page_template` says whether a template
/// is one pages are rendered with and that no other template uses.
pub fn plan(
    last: Option<&Record>,
    now: &Record,
    output_untouched: bool,
    narratives: &BTreeMap<String, NarrativeKey>,
    page_template: &dyn Fn(&str) -> bool,
) -> Plan {
    let Some(last) = last else {
        return Plan::Full;
    };
    if last.base != now.base || !output_untouched {
        return Plan::Full;
    }
    if last.inputs.keys().ne(now.inputs.keys()) {
        return Plan::Full;
    }
    let by_file = narratives;
    let mut narratives = BTreeSet::new();
    let mut templates = BTreeSet::new();
    for (path, digest) in &now.inputs {
        if last.inputs.get(path) == Some(digest) {
            continue;
        }
        if let Some(key) = by_file.get(path)
            && last.fronts.get(path) == now.fronts.get(path)
        {
            narratives.insert(key.clone());
        } else if let Some(name) = path.strip_prefix("templates/")
            && page_template(name)
        {
            templates.insert(name.to_string());
        } else {
            return Plan::Full;
        }
    }
    Plan::Scoped {
        narratives,
        templates,
    }
}

/// The record the last build into `out` left, if there is a readable one.
pub fn read(out: &Path) -> Option<Record> {
    let text = fs::read_to_string(record_path(out)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != VERSION {
        return None;
    }
    let mut record = Record::default();
    for line in lines {
        let (kind, rest) = line.split_once(' ')?;
        match kind {
            "base" => record.base = rest.to_string(),
            "program" => record.program = rest.to_string(),
            "in" | "front" => {
                let (digest, path) = rest.split_once(' ')?;
                let map = match kind {
                    "in" => &mut record.inputs,
                    _ => &mut record.fronts,
                };
                map.insert(path.to_string(), digest.to_string());
            }
            "out" => {
                let mut parts = rest.splitn(3, ' ');
                let len = parts.next()?.parse().ok()?;
                let modified = parts.next()?.parse().ok()?;
                let path = parts.next()?.to_string();
                record.stamps.push(FileStamp {
                    path,
                    len,
                    modified,
                });
            }
            _ => return None,
        }
    }
    Some(record)
}

/// Saves `record` for the next build into `out`.
pub fn write(out: &Path, record: &Record) -> io::Result<()> {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(64 * (record.stamps.len() + record.inputs.len()));
    let _ = writeln!(
        text,
        "{VERSION}\nbase {}\nprogram {}",
        record.base, record.program
    );
    for (path, digest) in &record.inputs {
        let _ = writeln!(text, "in {digest} {path}");
    }
    for (path, digest) in &record.fronts {
        let _ = writeln!(text, "front {digest} {path}");
    }
    for s in &record.stamps {
        let _ = writeln!(text, "out {} {} {}", s.len, s.modified, s.path);
    }
    fs::write(record_path(out), text)
}

/// Forgets the record (before the output changes; see [`crate::fingerprint::forget`]).
pub fn forget(out: &Path) -> io::Result<()> {
    match fs::remove_file(record_path(out)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Files for a published site, staged beside it and moved in by [`Patch::apply`]. A file whose
/// bytes equal the published one's is not staged.
pub struct Patch {
    out: PathBuf,
    dir: PathBuf,
    staged: Mutex<Vec<String>>,
    error: Mutex<Option<io::Error>>,
}

impl Patch {
    pub fn begin(out: &Path) -> io::Result<Patch> {
        let dir = patch_path(out);
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Patch {
            out: out.to_path_buf(),
            dir,
            staged: Mutex::default(),
            error: Mutex::default(),
        })
    }

    /// The published file at `path`, or the staged one if this patch replaces it.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        fs::read(self.dir.join(path))
            .or_else(|_| fs::read(self.out.join(path)))
            .ok()
    }

    /// The published file at `path`, as it was before this patch.
    pub fn published(&self, path: &str) -> Option<Vec<u8>> {
        fs::read(self.out.join(path)).ok()
    }

    /// Stages `bytes` for `path` unless the published file has them already.
    pub fn put(&self, path: &str, bytes: &[u8]) {
        if self.published(path).as_deref() == Some(bytes) {
            return;
        }
        let target = self.dir.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, bytes));
        match written {
            Ok(()) => lock(&self.staged).push(path.to_string()),
            Err(err) => {
                lock(&self.error).get_or_insert(err);
            }
        }
    }

    /// The paths staged so far.
    pub fn staged(&self) -> Vec<String> {
        let mut paths = lock(&self.staged).clone();
        paths.sort_unstable();
        paths
    }

    /// Moves the staged files into the published site and returns the published site's stamps
    /// (`stamps`, the last build's, with the replaced files' new ones).
    pub fn apply(self, mut stamps: Vec<FileStamp>) -> io::Result<Vec<FileStamp>> {
        if let Some(err) = lock(&self.error).take() {
            let _ = fs::remove_dir_all(&self.dir);
            return Err(err);
        }
        let staged = self.staged();
        let mut journal = String::new();
        for path in &staged {
            journal.push_str(&format!("put {path}\n"));
        }
        // Written whole, then named: a journal is either complete or absent.
        let partial = self.dir.join(".apply.partial");
        let mut file = fs::File::create(&partial)?;
        std::io::Write::write_all(&mut file, journal.as_bytes())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&partial, self.dir.join(JOURNAL))?;
        move_in(&self.dir, &self.out, &staged)?;
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (i, stamp) in stamps.iter().enumerate() {
            index.insert(stamp.path.clone(), i);
        }
        for path in &staged {
            let stamp = FileStamp::of(path.clone(), &fs::symlink_metadata(self.out.join(path))?)?;
            match index.get(path) {
                Some(&i) => stamps[i] = stamp,
                None => stamps.push(stamp),
            }
        }
        stamps.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(stamps)
    }
}

/// The journal of a patch being moved in (see the module doc).
const JOURNAL: &str = ".apply";

/// Moves the staged files `put` from `dir` into `out`, then removes `dir`. A file already moved
/// is skipped, so an interrupted run can be run again.
fn move_in(dir: &Path, out: &Path, put: &[String]) -> io::Result<()> {
    for path in put {
        let (from, to) = (dir.join(path), out.join(path));
        if !from.exists() {
            continue;
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(from, to)?;
    }
    fs::remove_dir_all(dir)
}

/// Finishes a patch that a build interrupted while moving it in, and removes a patch that was
/// never applied. Run with the build lock held, before anything else reads the output.
pub fn recover(out: &Path) -> io::Result<()> {
    let dir = patch_path(out);
    let Ok(journal) = fs::read_to_string(dir.join(JOURNAL)) else {
        return match dir.exists() {
            true => fs::remove_dir_all(&dir),
            false => Ok(()),
        };
    };
    let put: Vec<String> = (journal.lines())
        .filter_map(|line| line.strip_prefix("put "))
        .map(str::to_string)
        .collect();
    move_in(&dir, out, &put)
}

impl Drop for Patch {
    fn drop(&mut self) {
        // Applied, the folder is gone; dropped unapplied (a failed build), it is removed and the
        // published site was never touched. A journal means moves failed half-way: it stays for
        // [`recover`].
        if !self.dir.join(JOURNAL).exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(inputs: &[(&str, &str)], fronts: &[(&str, &str)]) -> Record {
        let map = |pairs: &[(&str, &str)]| {
            (pairs.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Record {
            base: "b".into(),
            program: "p".into(),
            inputs: map(inputs),
            fronts: map(fronts),
            stamps: Vec::new(),
        }
    }

    #[test]
    fn only_narrative_bodies_and_lone_page_templates_are_scoped() {
        let narrative = "content/areas/a.th.md";
        let files: BTreeMap<String, NarrativeKey> =
            [(narrative.to_string(), NarrativeKey::Area("a".into()))].into();
        let lone = |name: &str| name == "area.html";
        let last = record(
            &[
                (narrative, "1"),
                ("data/observations.csv", "1"),
                ("templates/area.html", "1"),
                ("templates/base.html", "1"),
            ],
            &[(narrative, "f")],
        );
        let plan_for = |changes: &[(&str, &str)], fronts: &[(&str, &str)]| {
            let mut now = last.clone();
            for (k, v) in changes {
                now.inputs.insert(k.to_string(), v.to_string());
            }
            for (k, v) in fronts {
                now.fronts.insert(k.to_string(), v.to_string());
            }
            plan(Some(&last), &now, true, &files, &lone)
        };
        assert_eq!(
            plan_for(&[(narrative, "2")], &[]),
            Plan::Scoped {
                narratives: [NarrativeKey::Area("a".into())].into(),
                templates: BTreeSet::new()
            }
        );
        assert_eq!(
            plan_for(&[("templates/area.html", "2")], &[]),
            Plan::Scoped {
                narratives: BTreeSet::new(),
                templates: ["area.html".to_string()].into()
            }
        );
        // Front matter, data, shared templates and new files reach other pages.
        assert_eq!(
            plan_for(&[(narrative, "2")], &[(narrative, "g")]),
            Plan::Full
        );
        assert_eq!(plan_for(&[("data/observations.csv", "2")], &[]), Plan::Full);
        assert_eq!(plan_for(&[("templates/base.html", "2")], &[]), Plan::Full);
        assert_eq!(plan_for(&[("content/areas/b.th.md", "1")], &[]), Plan::Full);
        // No record, another base, or an output touched since: full.
        assert_eq!(plan(None, &last, true, &files, &lone), Plan::Full);
        assert_eq!(plan(Some(&last), &last, false, &files, &lone), Plan::Full);
        let mut other = last.clone();
        other.base = "c".into();
        assert_eq!(plan(Some(&last), &other, true, &files, &lone), Plan::Full);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut written = record(&[("data/a b.csv", "1")], &[("content/x.md", "2")]);
        written.stamps.push(FileStamp {
            path: "th/a b/index.html".into(),
            len: 12,
            modified: 34,
        });
        write(&out, &written).unwrap();
        assert_eq!(read(&out), Some(written));
    }

    #[test]
    fn moves_interrupted_half_way_are_finished_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join("th/areas/a")).unwrap();
        fs::write(out.join("th/areas/a/index.html"), "old a").unwrap();
        fs::write(out.join("th/b.html"), "old b").unwrap();
        let patch = patch_path(&out);
        fs::create_dir_all(patch.join("th/areas/a")).unwrap();
        // "th/b.html" was moved before the interruption; "th/areas/a/index.html" was not.
        fs::write(out.join("th/b.html"), "new b").unwrap();
        fs::write(patch.join("th/areas/a/index.html"), "new a").unwrap();
        fs::write(
            patch.join(JOURNAL),
            "put th/areas/a/index.html\nput th/b.html\n",
        )
        .unwrap();
        recover(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("th/areas/a/index.html")).unwrap(),
            "new a"
        );
        assert_eq!(fs::read_to_string(out.join("th/b.html")).unwrap(), "new b");
        assert!(!patch.exists());
        // A patch never applied (no journal) is only removed.
        fs::create_dir_all(patch.join("th")).unwrap();
        fs::write(patch.join("th/b.html"), "newer b").unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("th/b.html")).unwrap(), "new b");
        assert!(!patch.exists());
    }
}
