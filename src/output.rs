//! Writing the built site so that readers never see half a build.
//!
//! A build renders into a fresh folder next to the output (`site.tmp`), and only when every file
//! is written does it swap that folder in for the old one. A failed or interrupted build therefore
//! leaves the previous site exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files of a rendered site, as paths relative to the output folder with their bytes.
/// A `BTreeMap` keeps the write order (and any listing of it) deterministic.
pub type SiteFiles = std::collections::BTreeMap<String, Vec<u8>>;

/// Writes `files` into `out` atomically (as far as the file system allows: two renames).
pub fn publish(out: &Path, files: &SiteFiles) -> io::Result<()> {
    let staging = sibling(out, "tmp");
    let retired = sibling(out, "old");
    remove_if_exists(&staging)?;
    remove_if_exists(&retired)?;
    fs::create_dir_all(&staging)?;
    for (rel, bytes) in files {
        let path = staging.join(safe_relative(rel)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)?;
    }
    if out.exists() {
        fs::rename(out, &retired)?;
    }
    fs::rename(&staging, out)?;
    remove_if_exists(&retired)
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
}
