//! The "what changed" page and its Atom feed, one per language, from the update log.

use serde::Serialize;

use crate::data::Lang;
use crate::i18n::format;
use crate::render::view::Link;
use crate::render::{Page, Renderer};
use crate::updates::{Revision, UpdateEntry, UpdateLog};
use crate::urls;

#[derive(Serialize)]
struct EntryView {
    anchor: String,
    date: String,
    first: bool,
    new_years: Vec<String>,
    new_areas: Vec<Link>,
    new_indicators: Vec<Link>,
    revised: Vec<RevisionView>,
    added_values: String,
    summary: String,
    /// The commit that made the change on the public repository, when `site.toml` names it.
    commit_url: Option<String>,
}

#[derive(Serialize)]
struct RevisionView {
    indicator: Link,
    area: Link,
    year: String,
    old: String,
    new: String,
    unit: String,
}

/// The anchor of an entry on the updates page; entries on the same date are numbered.
fn anchor(log: &UpdateLog, index: usize) -> String {
    let entry = &log.entries[index];
    let same_day_after = log.entries[index + 1..]
        .iter()
        .filter(|e| e.date == entry.date)
        .count();
    if same_day_after == 0 {
        format!("update-{}", entry.date)
    } else {
        format!("update-{}-{}", entry.date, same_day_after + 1)
    }
}

/// An entry's date as the page writes it, numbered when the day has several updates (each commit
/// that changed the data is one): "6 December 2026 (2)", so that headings and regions differ.
fn date_label(lang: Lang, log: &UpdateLog, index: usize) -> String {
    let entry = &log.entries[index];
    let date = format::date_text(lang, &entry.date);
    let same_day = log.entries.iter().filter(|e| e.date == entry.date).count();
    if same_day < 2 {
        return date;
    }
    let later = (log.entries[index + 1..].iter())
        .filter(|e| e.date == entry.date)
        .count();
    format!("{date} ({})", later + 1)
}

impl Renderer<'_> {
    pub fn updates_page(&self, lang: Lang, log: &UpdateLog) -> Page {
        let crumbs = vec![Link {
            name: self.t(lang, "nav_home"),
            url: urls::home(lang),
        }];
        let title = self.t(lang, "updates_title");
        let mut page = self.page_shell(
            lang,
            urls::page(lang, "updates"),
            "updates.html",
            &title,
            self.t(lang, "updates_lead"),
            crumbs,
        );
        let entries: Vec<EntryView> = (0..log.entries.len())
            .map(|i| self.entry_view(lang, log, i))
            .collect();
        page.add(&UpdatesContext {
            entries,
            feed_url: feed_path(lang),
        });
        page
    }

    fn entry_view(&self, lang: Lang, log: &UpdateLog, index: usize) -> EntryView {
        let entry = &log.entries[index];
        let data = &self.site.data;
        let area_link = |id: &String| Link {
            name: data
                .area(id)
                .map(|a| a.name.get(lang).to_string())
                .unwrap_or_else(|| id.clone()),
            url: urls::area(lang, id),
        };
        let indicator_link = |id: &String| Link {
            name: data
                .indicator(id)
                .map(|i| i.name.get(lang).to_string())
                .unwrap_or_else(|| id.clone()),
            url: urls::indicator(lang, id),
        };
        EntryView {
            anchor: anchor(log, index),
            date: date_label(lang, log, index),
            first: entry.first,
            new_years: entry
                .new_years
                .iter()
                .map(|&y| format::fiscal_year(lang, y))
                .collect(),
            new_areas: entry.new_areas.iter().map(area_link).collect(),
            new_indicators: entry.new_indicators.iter().map(indicator_link).collect(),
            revised: entry
                .revised
                .iter()
                .map(|r| self.revision_view(lang, r, &area_link, &indicator_link))
                .collect(),
            added_values: format::integer(entry.added_values as i64),
            summary: self.summary(lang, entry),
            commit_url: (self.site.config.repository.as_deref())
                .zip(entry.commit.as_deref())
                .map(|(repo, id)| format!("{}/commit/{id}", repo.trim_end_matches('/'))),
        }
    }

    fn revision_view(
        &self,
        lang: Lang,
        revision: &Revision,
        area_link: &dyn Fn(&String) -> Link,
        indicator_link: &dyn Fn(&String) -> Link,
    ) -> RevisionView {
        let indicator = self.site.data.indicator(&revision.indicator_id);
        let decimals = indicator.map(|i| i.decimals).unwrap_or(2);
        let show = |v: Option<f64>| {
            v.map(|v| format::number(v, decimals))
                .unwrap_or_else(|| "—".into())
        };
        RevisionView {
            indicator: indicator_link(&revision.indicator_id),
            area: area_link(&revision.area_id),
            year: format::fiscal_year(lang, revision.year),
            old: show(revision.old),
            new: show(revision.new),
            unit: indicator
                .map(|i| i.unit.get(lang).to_string())
                .unwrap_or_default(),
        }
    }

    /// One line for the feed: what the update brought, in numbers.
    pub(crate) fn summary(&self, lang: Lang, entry: &UpdateEntry) -> String {
        let mut parts = Vec::new();
        if entry.first {
            parts.push(self.t(lang, "updates_first"));
        }
        if !entry.new_years.is_empty() {
            let years: Vec<String> = entry
                .new_years
                .iter()
                .map(|&y| format::fiscal_year(lang, y))
                .collect();
            parts.push(format!(
                "{}: {}",
                self.t(lang, "updates_new_years"),
                years.join(", ")
            ));
        }
        if !entry.revised.is_empty() {
            parts.push(format!(
                "{}: {}",
                self.t(lang, "updates_revised"),
                format::integer(entry.revised.len() as i64)
            ));
        }
        parts.push(format!(
            "{}: {}",
            self.t(lang, "updates_added"),
            format::integer(entry.added_values as i64)
        ));
        for (key, rows) in [
            ("updates_factory_rows", entry.factory_rows),
            ("updates_level_rows", entry.level_rows),
        ] {
            if !rows.is_empty() && !entry.first {
                parts.push(self.fill(
                    lang,
                    key,
                    &[
                        ("added", &format::integer(rows.added as i64)),
                        ("revised", &format::integer(rows.revised as i64)),
                        ("removed", &format::integer(rows.removed as i64)),
                    ],
                ));
            }
        }
        parts.join(" · ")
    }

    /// The Atom feed of the update log in `lang`.
    pub fn atom_feed(&self, lang: Lang, log: &UpdateLog) -> String {
        let base = &self.site.config.base_url;
        let page = format!("{base}{}", urls::pretty(&urls::page(lang, "updates")));
        let title = format!(
            "{} · {}",
            self.t(lang, "updates_title"),
            self.site.config.title.get(lang)
        );
        let updated = log
            .entries
            .first()
            .map(|e| e.date.clone())
            .unwrap_or_else(|| self.site.config.data_as_of.clone());
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            lang.code()
        ));
        xml.push_str(&format!(
            "  <title>{}</title>\n  <id>{}</id>\n",
            crate::escape::markup(&title),
            crate::escape::markup(&page)
        ));
        xml.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            crate::escape::markup(&page)
        ));
        xml.push_str(&format!(
            "  <link rel=\"self\" href=\"{}\"/>\n",
            crate::escape::markup(&format!("{base}{}", feed_path(lang)))
        ));
        xml.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
        xml.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            crate::escape::markup(self.site.config.publisher.get(lang))
        ));
        for index in 0..log.entries.len() {
            let entry = &log.entries[index];
            let link = format!("{page}#{}", anchor(log, index));
            let title = format!(
                "{} {}",
                self.t(lang, "updates_entry_title"),
                format::date_text(lang, &entry.date)
            );
            xml.push_str("  <entry>\n");
            xml.push_str(&format!(
                "    <title>{}</title>\n    <id>{}</id>\n",
                crate::escape::markup(&title),
                crate::escape::markup(&link)
            ));
            xml.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                crate::escape::markup(&link)
            ));
            xml.push_str(&format!(
                "    <updated>{}T00:00:00Z</updated>\n",
                entry.date
            ));
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                crate::escape::markup(&self.summary(lang, entry))
            ));
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }
}

pub fn feed_path(lang: Lang) -> String {
    format!("{}/updates/atom.xml", lang.code())
}

/// What `updates.html` reads beyond what every page shares.
#[derive(Serialize)]
struct UpdatesContext {
    entries: Vec<EntryView>,
    feed_url: String,
}
