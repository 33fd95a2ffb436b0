//! The data's own history: every version of `data/` the repository's commits hold, oldest first,
//! each with its commit time, read with gitoxide (`gix`, pure Rust, no `git` program needed).
//!
//! The update log is made from this history rather than from the previous published site, so it
//! survives a lost CI cache and rebuilds the same from any full clone. A commit enters the history
//! only if it changed `data/` (compared with its first parent), so commits to narratives or
//! templates add nothing. A site that is not in a repository, or a shallow clone that lacks the
//! history, has none ([`Why`] says which), and the caller falls back to the previous site.

use std::path::Path;

use crate::data::MemoryFiles;

/// One version of `data/`: the commit that made it and the files it held.
pub struct Version {
    /// The commit's id, abbreviated as `git` shows it.
    pub commit: String,
    /// Commit time, seconds since 1970 (UTC).
    pub time: i64,
    /// Every file under the site's `data/`, by its path relative to the site (`data/areas.csv`).
    pub files: MemoryFiles,
}

/// Why a site has no history to read.
#[derive(Debug, PartialEq, Eq)]
pub enum Why {
    /// The site's folder is not inside a git repository.
    NoRepository,
    /// The repository is a shallow clone: its older commits were not fetched.
    Shallow,
    /// The repository could not be read (the message says why).
    Unreadable(String),
}

/// The versions of `root/data/` in the history of the repository `root` is in, oldest first.
/// The commit the repository holding `root` is at, if it is in one that has a commit: a new
/// commit may change the update log (made from the history) even when no file of the site did.
pub fn head(root: &Path) -> Option<String> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.detach().to_string())
}

pub fn data_versions(root: &Path) -> Result<Vec<Version>, Why> {
    let repo = gix::discover(root).map_err(|_| Why::NoRepository)?;
    let unreadable = |e: &dyn std::fmt::Display| Why::Unreadable(e.to_string());
    if repo.is_shallow().map_err(|e| unreadable(&e))? {
        return Err(Why::Shallow);
    }
    let workdir = repo
        .workdir()
        .ok_or_else(|| Why::Unreadable("a bare repository has no site".into()))?;
    // Where `data/` is inside the repository: the site may be a folder of it.
    let root = root.canonicalize().map_err(|e| unreadable(&e))?;
    let workdir = workdir.canonicalize().map_err(|e| unreadable(&e))?;
    let prefix = root
        .strip_prefix(&workdir)
        .map_err(|e| unreadable(&e))?
        .to_string_lossy()
        .replace('\\', "/");
    let data_path = match prefix.is_empty() {
        true => "data".to_string(),
        false => format!("{prefix}/data"),
    };
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        // A repository without a commit has no history yet.
        Err(_) => return Ok(Vec::new()),
    };
    let walk = repo
        .rev_walk([head])
        .first_parent_only()
        .all()
        .map_err(|e| unreadable(&e))?;
    let mut newest_first = Vec::new();
    let mut later_tree: Option<gix::ObjectId> = None;
    let mut later: Option<(String, i64)> = None;
    for info in walk {
        let info = info.map_err(|e| unreadable(&e))?;
        let commit = info.object().map_err(|e| unreadable(&e))?;
        let time = commit.time().map_err(|e| unreadable(&e))?.seconds;
        let tree = commit.tree().map_err(|e| unreadable(&e))?;
        let data_tree = tree
            .lookup_entry_by_path(&data_path)
            .map_err(|e| unreadable(&e))?
            .map(|e| e.object_id());
        // The later commit changed `data/` if its tree differs from this one's.
        if let Some((id, t)) = later.take()
            && later_tree != data_tree
            && let Some(tree_id) = later_tree
        {
            newest_first.push((id, t, tree_id));
        }
        later_tree = data_tree;
        later = Some((info.id.to_hex_with_len(7).to_string(), time));
    }
    // The first commit: it made `data/` if it has one.
    if let (Some((id, t)), Some(tree_id)) = (later, later_tree) {
        newest_first.push((id, t, tree_id));
    }
    newest_first
        .into_iter()
        .rev()
        .map(|(commit, time, tree_id)| {
            let mut files = MemoryFiles::new();
            read_tree(&repo, tree_id, "data", &mut files).map_err(|e| unreadable(&e))?;
            Ok(Version {
                commit,
                time,
                files,
            })
        })
        .collect()
}

/// Every blob under the tree `id`, into `files` under `prefix`.
fn read_tree(
    repo: &gix::Repository,
    id: gix::ObjectId,
    prefix: &str,
    files: &mut MemoryFiles,
) -> Result<(), Box<dyn std::error::Error>> {
    let tree = repo.find_object(id)?.try_into_tree()?;
    let entries: Vec<(String, gix::ObjectId, bool)> = tree
        .iter()
        .map(|e| {
            let e = e?;
            let name = format!("{prefix}/{}", e.filename());
            Ok::<_, Box<dyn std::error::Error>>((name, e.object_id(), e.mode().is_tree()))
        })
        .collect::<Result<_, _>>()?;
    for (name, oid, is_tree) in entries {
        if is_tree {
            read_tree(repo, oid, &name, files)?;
        } else {
            let blob = repo.find_object(oid)?;
            files.insert(name, blob.data.clone());
        }
    }
    Ok(())
}
