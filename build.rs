//! Embeds the default theme (everything under `templates/`) into the binary.
//!
//! A site may override any template, strings file or static asset by putting a file with the same
//! path in its own `templates/` folder; everything it does not override comes from this embedded
//! copy, so `ecotown` works on a site that has only `data/`, `content/` and `site.toml`. Generating
//! the list here, rather than keeping it by hand, means a new template can never be forgotten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let theme = root.join("templates");
    println!("cargo:rerun-if-changed=templates");
    let mut files = Vec::new();
    collect(&theme, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The embedded default theme: (path under templates/, bytes), sorted by path.\n",
    );
    code.push_str("pub static EMBEDDED: &[(&str, &[u8])] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path.strip_prefix(&theme).expect("under templates/");
        let rel = rel.to_string_lossy().replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("embedded_theme.rs");
    std::fs::write(out, code).expect("write embedded_theme.rs");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
