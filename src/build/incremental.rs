//! An incremental build: rendering only the files that depend on what changed, checking them
//! against the published site, and replacing only those whose bytes differ.
//!
//! [`crate::deps`] keeps the record and decides the plan; this module runs it. It gives up, and
//! the caller builds in full, whenever it cannot promise the bytes of a full build: the output
//! touched since the last build, or a page rendered again losing an id that pages it did not
//! render may link to.

use std::path::Path;

use super::{BuildError, BuildReport, Checked, Site, finish_check, remember};
use crate::check::sitecheck::{CheckOptions, Checker};
use crate::deps::{self, Patch, Plan, Record};
use crate::diagnostics::Diagnostics;
use crate::render;

/// What the last build into the output left, read before this build loads anything.
pub(super) struct Before {
    pub(super) last: Option<Record>,
    /// This build's input files, digested (`None` if one cannot be read).
    digests: Option<std::collections::BTreeMap<String, String>>,
    /// The output is as the last build left it: the same size and time for every file.
    untouched: bool,
}

impl Before {
    /// Reads the record and checks the output (`may_patch` false: a build that will be full
    /// anyway, which reads nothing). `digests` are this build's input files
    /// ([`crate::fingerprint::input_files`]).
    pub(super) fn read(
        out: &Path,
        may_patch: bool,
        digests: Option<std::collections::BTreeMap<String, String>>,
    ) -> Before {
        let last = may_patch.then(|| deps::read(out)).flatten();
        let untouched = last.as_ref().is_some_and(|last| {
            crate::fingerprint::output(out).ok()
                == Some(crate::fingerprint::output_of(&last.stamps))
        });
        Before {
            digests,
            last,
            untouched,
        }
    }

    /// `data/` holds the files the published site was built from, read by the same program,
    /// and the site is untouched.
    pub(super) fn data_as_published(&self) -> bool {
        let (Some(last), Some(now), true) = (&self.last, &self.digests, self.untouched) else {
            return false;
        };
        if crate::fingerprint::program().ok().as_deref() != Some(last.program.as_str()) {
            return false;
        }
        data_files(&last.inputs).eq(data_files(now))
    }
}

/// The digests of the files under `data/`.
fn data_files(
    digests: &std::collections::BTreeMap<String, String>,
) -> impl Iterator<Item = (&String, &String)> {
    digests.iter().filter(|(path, _)| path.starts_with("data/"))
}

/// This build's record without its output, given its [`crate::fingerprint::settings`]: `None` if
/// an input cannot be read (then the build is a full one and leaves no record).
pub(super) fn record_now(settings: Option<&str>, site: &Site, before: &Before) -> Option<Record> {
    // The update log is part of what every later page reads (the search index summarises it):
    // one worked out differently (new commits of the data) means a full build.
    let log = site.updates.to_json();
    Some(Record {
        base: deps::base(settings?, &format!("{}\u{0}{log}", site.built)),
        program: crate::fingerprint::program().ok()?,
        inputs: before.digests.clone()?,
        fronts: deps::front_digests(&site.content),
        stamps: Vec::new(),
    })
}

/// What a build must do, given what the last one left and this build's record.
pub(super) fn plan(before: &Before, now: Option<&Record>, site: &Site) -> Plan {
    let Some(now) = now else {
        return Plan::Full;
    };
    // A page template no other template names (in `extends`, `include` or `import`).
    let page_template = |name: &str| {
        render::PAGE_TEMPLATES.contains(&name)
            && !site.theme.templates().any(|(other, source)| {
                let source = String::from_utf8_lossy(source);
                other != name
                    && ['"', '\'', '`']
                        .iter()
                        .any(|q| source.contains(&format!("{q}{name}{q}")))
            })
    };
    let last = before.last.as_ref();
    let narratives = deps::narrative_files(&site.content);
    deps::plan(last, now, before.untouched, &narratives, &page_template)
}

/// Renders what `scope` names, checks it and patches it into `out`. `Ok(None)`: a full build is
/// needed after all (nothing was changed).
pub(super) fn build(
    site: &Site,
    out: &Path,
    scope: render::Scope,
    inputs: Option<String>,
    (now, last): (Option<Record>, Option<Record>),
    diags: &mut Diagnostics,
) -> Result<Option<BuildReport>, BuildError> {
    let (Some(now), Some(last)) = (now, last) else {
        return Ok(None);
    };
    let patch = Patch::begin(out)?;
    let options = CheckOptions {
        base_url: site.config.base_url.clone(),
        folder: out.to_string_lossy().trim_start_matches("./").to_string(),
    };
    let checker = Checker::new(&options);
    for stamp in &last.stamps {
        checker.expect(&stamp.path);
    }
    let sink = PatchSink(&patch);
    let checked = Checked {
        checker: &checker,
        out: &sink,
        count: Default::default(),
    };
    // Kept apart until this build is sure to finish: a fall back to a full build reports again.
    let mut found = Diagnostics::new();
    if !render::render_scoped(site, &checked, None, &scope, &mut found) {
        diags.extend(found);
        return Err(BuildError::Invalid);
    }
    crate::timings::mark("render what changed");
    // A page that lost an id may break a link on a page not rendered again: build in full, and
    // the full check will say.
    for path in patch.staged() {
        if !path.ends_with(".html") {
            continue;
        }
        let (Some(old), Some(new)) = (patch.published(&path), patch.read(&path)) else {
            continue;
        };
        let kept = Checker::anchors_of(&path, &new);
        if (Checker::anchors_of(&path, &old).iter()).any(|id| kept.binary_search(id).is_err()) {
            return Ok(None);
        }
    }
    // Links the published pages had, into pages not rendered again, were checked by the last
    // build; the pages that new links point into are read for their ids.
    checker.trust_published_links(&|p| patch.published(p));
    for target in checker.anchor_targets() {
        if let Some(bytes) = patch.published(&target) {
            checker.known(&target, &bytes);
        }
    }
    finish_check(site, checker, &options, &|p| patch.read(p), &mut found);
    crate::timings::mark("link check");
    diags.extend(found);
    if diags.has_errors() {
        return Err(BuildError::Invalid);
    }
    let written = patch.staged().len();
    crate::fingerprint::forget(out)?;
    deps::forget(out)?;
    let stamps = patch.apply(last.stamps)?;
    let report = BuildReport {
        files: stamps.len(),
        bytes: stamps.iter().map(|s| s.len as usize).sum(),
        written,
        out: out.to_path_buf(),
        up_to_date: false,
        incremental: true,
    };
    remember(out, inputs, &stamps, &report);
    let _ = deps::write(out, &Record { stamps, ..now });
    crate::timings::mark("patched");
    Ok(Some(report))
}

/// Sends rendered files to a [`Patch`].
struct PatchSink<'a>(&'a Patch);

impl render::Sink for PatchSink<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.0.put(&path, &bytes);
    }
}
