//! Writing the built site so that readers never see half a build.
//!
//! A build renders into a fresh folder next to the output (`site.tmp`), and only when every file
//! is written does it swap that folder in for the old one. A failed or interrupted build therefore
//! leaves the previous site exactly as it was. Files whose bytes did not change are hard-linked
//! from the previous site (or copied with their old modification time), so a sync to a web server
//! sends only what really changed.
//!
//! Past 600 lines with its tests (130 of them): staging, swapping, keeping unchanged files and the
//! build lock are one protocol over one folder, and reading them apart would hide how a failed
//! build leaves the previous site intact.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

pub use crate::render::SiteFiles;

/// What [`publish`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// Writes `files` into `out` atomically (as far as the file system allows: two renames).
pub fn publish(out: &Path, files: &SiteFiles) -> io::Result<WriteStats> {
    publish_with(out, files, |_| Ok(SiteFiles::new()))
}

/// [`publish`], with a step between staging and the swap: `after_staging` gets the staged folder
/// (a complete new site, its pages linking to each other as published) and returns more files to
/// add, such as PDFs printed from the staged pages. If it fails, nothing is swapped in and the
/// previous site stays exactly as it was.
pub fn publish_with<E: From<io::Error>>(
    out: &Path,
    files: &SiteFiles,
    after_staging: impl FnOnce(&Path) -> Result<SiteFiles, E>,
) -> Result<WriteStats, E> {
    let staging = Staging::begin(out)?;
    staging.put_all(files);
    staging.finish(after_staging)
}

/// A new site being written beside the output (`site.tmp`) file by file, from any thread, as
/// soon as each file is ready, so that a large site never has to be held in memory whole.
/// [`Staging::finish`] swaps it in; dropped unfinished (an error, a failed check), it is removed
/// and the previous site stays exactly as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// The first error met while writing; once there is one, later files are not written.
    error: Mutex<Option<io::Error>>,
    /// Each staged file's size and time, taken as it is written: the fingerprint of the new
    /// site, without reading its folder again.
    stamps: Mutex<Vec<FileStamp>>,
    /// Folders already made in the staging folder: asking the file system again for every file
    /// costs two system calls and the parent folder's lock each time.
    made: Mutex<std::collections::HashSet<PathBuf>>,
    /// Whether there is a previous site whose unchanged files can be kept; without one, looking
    /// for each file in it would be a wasted system call per file.
    has_previous: bool,
    finished: bool,
}

/// A file of the output as the build fingerprint sees it ([`crate::fingerprint`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileStamp {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified: u128,
}

impl FileStamp {
    pub fn of(path: String, meta: &fs::Metadata) -> io::Result<FileStamp> {
        let since = meta.modified()?.duration_since(std::time::UNIX_EPOCH);
        Ok(FileStamp {
            path,
            len: meta.len(),
            modified: since.map_or(0, |d| d.as_nanos()),
        })
    }
}

impl Staging {
    /// Starts an empty staging folder for `out`, clearing what an interrupted build left.
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let dir = sibling(out, "tmp");
        remove_if_exists(&dir)?;
        remove_if_exists(&sibling(out, "old"))?;
        fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            error: Mutex::new(None),
            stamps: Mutex::new(Vec::new()),
            made: Mutex::new(std::collections::HashSet::new()),
            has_previous: out.is_dir(),
            finished: false,
        })
    }

    /// Writes one file (or keeps the previous site's copy when its bytes are the same). An error
    /// is kept for [`Staging::finish`] to report.
    pub fn put(&self, rel: &str, bytes: &[u8]) {
        if self.failed() {
            return;
        }
        match self.write(rel, bytes) {
            Ok(true) => self.written.fetch_add(1, Ordering::Relaxed),
            Ok(false) => self.unchanged.fetch_add(1, Ordering::Relaxed),
            Err(err) => {
                let mut first = self.error.lock().unwrap_or_else(|e| e.into_inner());
                first.get_or_insert(err);
                0
            }
        };
    }

    /// Writes every file of `files`, in parallel (file creation is the slow part of a large
    /// site, and the kernel does it on as many cores as ask).
    pub fn put_all(&self, files: &SiteFiles) {
        files
            .par_iter()
            .for_each(|(rel, bytes)| self.put(rel, bytes));
    }

    fn failed(&self) -> bool {
        self.error.lock().map_or(true, |e| e.is_some())
    }

    /// True if the file was written, false if the previous site's copy was kept.
    fn write(&self, name: &str, bytes: &[u8]) -> io::Result<bool> {
        let rel = safe_relative(name)?;
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            self.make_folder(parent)?;
        }
        let previous = self.has_previous.then(|| self.out.join(rel));
        let kept = previous.and_then(|old| keep_unchanged(&old, &path, bytes));
        let (meta, kept) = match kept {
            Some(meta) => (meta, true),
            None => (write_new(&path, bytes)?, false),
        };
        let stamp = FileStamp::of(name.to_string(), &meta)?;
        self.stamps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(stamp);
        Ok(!kept)
    }

    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        let known = |made: &Mutex<std::collections::HashSet<PathBuf>>| {
            made.lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(folder)
        };
        if known(&self.made) {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        self.made
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(folder.to_path_buf());
        Ok(())
    }

    /// What has been written so far.
    pub fn stats(&self) -> WriteStats {
        WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        }
    }

    /// The staging folder (`site.tmp`).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Reports any write error, runs `after_staging` on the complete staged site (its files are
    /// added), then swaps the staged site in for the previous one.
    pub fn finish<E: From<io::Error>>(
        self,
        after_staging: impl FnOnce(&Path) -> Result<SiteFiles, E>,
    ) -> Result<WriteStats, E> {
        self.finish_stamped(after_staging).map(|(stats, _)| stats)
    }

    /// [`Staging::finish`], also giving every published file's stamp, sorted by path.
    pub fn finish_stamped<E: From<io::Error>>(
        mut self,
        after_staging: impl FnOnce(&Path) -> Result<SiteFiles, E>,
    ) -> Result<(WriteStats, Vec<FileStamp>), E> {
        self.take_error()?;
        let extra = after_staging(&self.dir)?;
        self.put_all(&extra);
        self.take_error()?;
        let retired = sibling(&self.out, "old");
        if self.out.exists() {
            fs::rename(&self.out, &retired)?;
        }
        if let Err(err) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&retired, &self.out);
            return Err(err.into());
        }
        self.finished = true;
        remove_if_exists(&retired)?;
        let stamps = self.take_stamps()?;
        Ok((self.stats(), stamps))
    }

    /// The stamps, sorted by path. A path put twice is stamped again from the published file,
    /// since which of the two writes came last was up to the threads.
    fn take_stamps(&self) -> io::Result<Vec<FileStamp>> {
        let mut stamps =
            std::mem::take(&mut *self.stamps.lock().unwrap_or_else(|e| e.into_inner()));
        stamps.sort_unstable();
        let mut unique: Vec<FileStamp> = Vec::with_capacity(stamps.len());
        for stamp in stamps {
            match unique.last_mut() {
                Some(last) if last.path == stamp.path => {
                    let meta = fs::symlink_metadata(self.out.join(&stamp.path))?;
                    *last = FileStamp::of(stamp.path, &meta)?;
                }
                _ => unique.push(stamp),
            }
        }
        Ok(unique)
    }

    fn take_error(&self) -> io::Result<()> {
        let mut error = self.error.lock().unwrap_or_else(|e| e.into_inner());
        error.take().map_or(Ok(()), Err)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            // Leave no half-written folder behind; the previous site is untouched.
            let _ = remove_if_exists(&self.dir);
        }
    }
}

/// If the previous site has the same bytes at this path, reuse that file with its modification
/// time: a hard link where possible, otherwise a copy with the old time set. Gives the staged
/// file's metadata if so; None when the file is new or changed (or anything fails, in which case
/// the caller simply writes it).
fn keep_unchanged(old: &Path, new: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    let meta = fs::symlink_metadata(old).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    match fs::read(old) {
        Ok(existing) if existing == bytes => {}
        _ => return None,
    }
    // A hard link is the same file: same size, same time.
    if fs::hard_link(old, new).is_ok() {
        return Some(meta);
    }
    let time = meta.modified().ok()?;
    replace_file(new, bytes, Some(time)).ok()?;
    fs::symlink_metadata(new).ok()
}

/// Writes `bytes` to `path`, which does not exist yet in the usual case: then this is one file
/// creation (a large site creates hundreds of thousands, in large folders, where each extra
/// directory operation shows). If something is there already (the path was put twice, or is a
/// hard link to the previous site's file), it is replaced by [`replace_file`], never written
/// into. Gives the new file's metadata.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    use std::io::Write;
    match fs::File::options().write(true).create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(bytes)?;
            // From the open file: no second lookup of the path.
            file.metadata()
        }
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
            replace_file(path, bytes, None)?;
            fs::symlink_metadata(path)
        }
        Err(err) => Err(err),
    }
}

/// Writes `bytes` as a new file at `path` (with modification time `modified`, if given),
/// replacing whatever is there without ever writing into it. A staged file may be a hard link
/// to the previous site's file (see [`keep_unchanged`]), and the same path may be put twice, from
/// two threads; writing through that link would change the published site, and a build killed
/// in the middle would leave it truncated. So the bytes go to a new file that is renamed over.
fn replace_file(
    path: &Path,
    bytes: &[u8],
    modified: Option<std::time::SystemTime>,
) -> io::Result<()> {
    static PARTS: AtomicUsize = AtomicUsize::new(0);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.part", PARTS.fetch_add(1, Ordering::Relaxed)));
    let part = path.with_file_name(name);
    fs::write(&part, bytes)?;
    if let Some(time) = modified {
        fs::File::options()
            .write(true)
            .open(&part)?
            .set_modified(time)?;
    }
    fs::rename(&part, path)
}

/// A lock held while a build writes `out`, so that two builds started at once cannot interleave
/// their swaps. It is a file beside the output (`site.lock`) holding the owner's process id;
/// a lock left by a process that no longer runs (a build killed by SIGKILL) is taken over.
#[derive(Debug)]
pub struct BuildLock {
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another build, with this process id, is writing the site.
    Held(u32),
    Io(io::Error),
}

impl BuildLock {
    pub fn acquire(out: &Path) -> Result<BuildLock, LockError> {
        let path = sibling(out, "lock");
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(LockError::Io)?;
        }
        let me = std::process::id();
        for _ in 0..3 {
            if create_with_pid(&path, me).map_err(LockError::Io)? {
                let lock = BuildLock { path };
                restore_interrupted_swap(out).map_err(LockError::Io)?;
                return Ok(lock);
            }
            match fs::read_to_string(&path) {
                // Gone since: try again.
                Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
                Err(err) => return Err(LockError::Io(err)),
                Ok(text) => match text.trim().parse::<u32>() {
                    Ok(pid) if process_alive(pid) => return Err(LockError::Held(pid)),
                    // Stale: its owner is gone (or it is not a lock we wrote).
                    _ => take_over(&path, text.trim(), me)?,
                },
            }
        }
        Err(LockError::Io(io::Error::other(
            "could not take the build lock",
        )))
    }
}

/// Creates the lock file holding `pid`, atomically: written under a name of its own, then linked
/// into place, which fails if a lock is there. Created empty and then written, a second build
/// could read it between the two, take it for a stale lock and remove it. False if a lock exists.
fn create_with_pid(path: &Path, pid: u32) -> io::Result<bool> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{pid}.new"));
    let draft = path.with_file_name(name);
    fs::write(&draft, pid.to_string())?;
    let linked = fs::hard_link(&draft, path);
    let _ = fs::remove_file(&draft);
    match linked {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(err) => Err(err),
    }
}

/// Removes a stale lock that held `stale`. Two builds may find the same stale lock, and the
/// slower could remove the lock the faster has just made in its place; so the lock is first
/// moved aside under a name of this process's, and if it turns out to be another than the stale
/// one, it is put back and its owner reported.
fn take_over(path: &Path, stale: &str, me: u32) -> Result<(), LockError> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{me}.stale"));
    let aside = path.with_file_name(name);
    match fs::rename(path, &aside) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        other => other.map_err(LockError::Io)?,
    }
    let moved = fs::read_to_string(&aside).unwrap_or_default();
    if moved.trim() == stale {
        let _ = fs::remove_file(&aside);
        return Ok(());
    }
    let _ = fs::hard_link(&aside, path);
    let _ = fs::remove_file(&aside);
    match moved.trim().parse::<u32>() {
        Ok(pid) => Err(LockError::Held(pid)),
        Err(_) => Ok(()),
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A build killed between the two renames of the swap leaves the previous site as `site.old` and
/// no `site/`. The next build, holding the lock, puts it back before anything reads or replaces
/// it, so the previous site is never lost.
fn restore_interrupted_swap(out: &Path) -> io::Result<()> {
    let retired = sibling(out, "old");
    if !out.exists() && retired.is_dir() {
        fs::rename(&retired, out)?;
    }
    Ok(())
}

/// Whether a process with this id is running. On Linux `/proc` answers; elsewhere we cannot
/// tell cheaply, so a lock is assumed held (the message says how to remove a stale one).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// `site` → `site.tmp`, beside it.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "site".into());
    name.push(format!(".{suffix}"));
    out.with_file_name(name)
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Refuses any output path that could leave the output folder: ids come from user data, so this
/// is the last line of defence even though ids are validated as slugs on loading.
fn safe_relative(rel: &str) -> io::Result<&Path> {
    let path = Path::new(rel);
    let safe = !rel.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if safe {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write outside the site: {rel}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escaping_paths() {
        assert!(safe_relative("th/index.html").is_ok());
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../b").is_err());
        assert!(safe_relative("").is_err());
    }

    #[test]
    fn a_second_build_waits_for_the_lock_and_stale_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let lock = BuildLock::acquire(&out).unwrap();
        assert!(
            matches!(BuildLock::acquire(&out), Err(LockError::Held(pid)) if pid == std::process::id())
        );
        drop(lock);
        assert!(!dir.path().join("site.lock").exists());
        // A lock whose owner is gone (pid 0 is never a user process) is stale.
        fs::write(dir.path().join("site.lock"), "0").unwrap();
        assert!(BuildLock::acquire(&out).is_ok());
    }

    #[test]
    fn files_made_from_the_staged_site_are_added_and_a_failure_swaps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = SiteFiles::new();
        files.insert("a.html".into(), b"v1".to_vec());
        publish(&out, &files).unwrap();
        files.insert("a.html".into(), b"v2".to_vec());
        let failed = publish_with(&out, &files, |staging| {
            assert_eq!(fs::read(staging.join("a.html")).unwrap(), b"v2");
            Err(io::Error::other("printer on fire"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"v1");
        assert!(!dir.path().join("site.tmp").exists());
        let stats = publish_with(&out, &files, |staging| {
            let mut extra = SiteFiles::new();
            extra.insert("a.pdf".into(), fs::read(staging.join("a.html"))?);
            Ok::<_, io::Error>(extra)
        })
        .unwrap();
        assert_eq!(stats.written, 2);
        assert_eq!(fs::read(out.join("a.pdf")).unwrap(), b"v2");
    }

    #[test]
    fn a_swap_interrupted_between_its_renames_is_undone_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = SiteFiles::new();
        files.insert("a.html".into(), b"v1".to_vec());
        publish(&out, &files).unwrap();
        // Killed after `site` became `site.old`, before `site.tmp` became `site`.
        fs::rename(&out, dir.path().join("site.old")).unwrap();
        fs::create_dir(dir.path().join("site.tmp")).unwrap();
        let lock = BuildLock::acquire(&out).unwrap();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"v1");
        assert!(!dir.path().join("site.old").exists());
        drop(lock);
    }

    #[test]
    fn writing_a_staged_file_never_writes_into_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = SiteFiles::new();
        files.insert("a.html".into(), b"same".to_vec());
        publish(&out, &files).unwrap();
        // The same path put twice: first kept (a hard link to the published file), then new
        // bytes, and then the same bytes again (the hard link cannot be made twice).
        let staging = Staging::begin(&out).unwrap();
        staging.put("a.html", b"same");
        staging.put("a.html", b"changed");
        staging.put("a.html", b"same");
        staging.put("a.html", b"changed");
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"same");
        assert_eq!(fs::read(staging.path().join("a.html")).unwrap(), b"changed");
        drop(staging);
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"same");
    }

    #[test]
    fn unchanged_files_keep_their_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut files = SiteFiles::new();
        files.insert("a.html".into(), b"same".to_vec());
        files.insert("b/c.html".into(), b"old".to_vec());
        publish(&out, &files).unwrap();
        let past =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        for f in ["a.html", "b/c.html"] {
            fs::File::options()
                .write(true)
                .open(out.join(f))
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
        files.insert("b/c.html".into(), b"new".to_vec());
        let stats = publish(&out, &files).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            fs::metadata(out.join("a.html"))
                .unwrap()
                .modified()
                .unwrap(),
            past
        );
        assert_ne!(
            fs::metadata(out.join("b/c.html"))
                .unwrap()
                .modified()
                .unwrap(),
            past
        );
        assert_eq!(fs::read(out.join("b/c.html")).unwrap(), b"new");
        assert!(!dir.path().join("site.tmp").exists() && !dir.path().join("site.old").exists());
    }
}
