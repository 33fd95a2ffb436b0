//! A chart's embed page, `{lang}/embed/<place>/`: the chart alone, with its source line, the
//! data-as-of date, the licence and a link back to the page it belongs to, made to be framed on
//! someone else's page (a journalist's article, a ministry's slide deck online). It also holds the
//! "share / embed" panel every chart links to: the `<iframe>` snippet, the page link and a
//! citation in both languages.
//!
//! One page per chart and language: the Thai and English embeds are twins (the same [`Place`]),
//! each with its own `lang`, so a reader's browser can translate a framed chart. The page is
//! complete without JavaScript; nothing in it is read from the address.

use serde::Serialize;

use crate::data::Lang;
use crate::i18n::format;
use crate::render::charts::{ChartView, Place, ROOT_TOKEN, view};
use crate::render::{Page, Renderer};
use crate::urls;

/// The width, in CSS pixels, an embed's chart is drawn at most (wider frames centre it).
const MAX_WIDTH: u32 = 640;

#[derive(Serialize)]
struct EmbedContext<'a> {
    c: ChartView,
    root_token: &'a str,
    /// "Source: …" for the chart.
    source: String,
    /// The page the chart belongs to, root-relative, with the chart's figure as its fragment.
    back_url: String,
    back_name: String,
    licence: Licence,
    /// The `<iframe>` snippet, as text to copy.
    iframe: String,
    /// The chart's page as people share it (absolute).
    page_link: String,
    /// The citation in the page's language first, then the other.
    citations: [Citation; 2],
}

#[derive(Serialize)]
struct Licence {
    name: String,
    url: Option<&'static str>,
}

#[derive(Serialize)]
struct Citation {
    lang: &'static str,
    label: String,
    text: String,
    /// The address the citation ends with (a link of its own, so it wraps as an address).
    url: String,
    /// The access date's placeholder in `text`, which the copy button fills with the day's date.
    access: String,
}

impl Renderer<'_> {
    /// The embed page of `chart`.
    pub(crate) fn embed_page(&self, lang: Lang, chart: &ChartView) -> Page {
        let site = self.site;
        let place = chart.place();
        // Named by its place, which names the area or province (a chart's own title may not:
        // every area's factory chart is "Factory upgrades by fiscal year").
        let name = self.place_title(lang, place);
        let mut page = self.page_shell(
            lang,
            chart.embed_path(),
            "embed.html",
            &name,
            self.fill(lang, "embed_description", &[("title", &name)]),
            Vec::new(),
        );
        let base = &site.config.base_url;
        let home = place.home(lang);
        let embed_link = format!("{base}{}", urls::pretty(&chart.embed_path()));
        let page_link = format!("{base}{}#{}", urls::pretty(&home), chart.id());
        let height = self.frame_height(chart);
        let iframe = format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:{MAX_WIDTH}px\" loading=\"lazy\"></iframe>",
            crate::escape::markup(&embed_link),
            crate::escape::markup(&name),
        );
        let citations = [lang, lang.other()].map(|l| Citation {
            lang: l.code(),
            label: self.t(l, "embed_cite_label"),
            text: self.citation(l, place),
            url: format!("{base}{}", urls::pretty(&urls::embed(l, &place.key()))),
            access: self.t(l, "embed_access_date"),
        });
        let licence = crate::publish::datapackage::licence(&site.config.licence);
        page.add(&EmbedContext {
            c: view(chart, chart.kind()),
            root_token: ROOT_TOKEN,
            source: place.source(site, lang),
            back_url: format!("{home}#{}", chart.id()),
            back_name: self.home_name(lang, place),
            licence: Licence {
                name: licence.title.unwrap_or(&site.config.licence).to_string(),
                url: licence.path,
            },
            iframe,
            page_link,
            citations,
        });
        page
    }

    /// The frame height that shows the chart whole at its widest, with its caption.
    fn frame_height(&self, chart: &ChartView) -> u32 {
        let (width, height) = chart.size();
        let drawn = u64::from(height) * u64::from(MAX_WIDTH) / u64::from(width.max(1));
        // Title above, source, licence and the links below: about 13 lines of text.
        u32::try_from(drawn).unwrap_or(u32::MAX).saturating_add(260)
    }

    /// The name of the page the chart belongs to.
    fn home_name(&self, lang: Lang, place: &Place) -> String {
        let data = &self.site.data;
        let area = |id: &str| data.area(id).map(|a| a.name.get(lang).to_string());
        let name = match place {
            Place::Series(a, _)
            | Place::Levels(a)
            | Place::AreaFactories(a)
            | Place::Flows(a, _) => area(a),
            Place::Comparison(i) => data.indicator(i).map(|i| i.name.get(lang).to_string()),
            Place::ProvinceFactories(p) => data.province(p).map(|p| p.name.get(lang).to_string()),
            Place::AllAreas | Place::National | Place::Map => None,
        };
        // The programme's charts belong to the home page ("… on <site>: Home").
        name.unwrap_or_else(|| self.t(lang, "nav_home"))
    }

    /// The chart's title in `lang`, made from the place (the drawn title of the other language's
    /// chart is not at hand while this language renders).
    fn place_title(&self, lang: Lang, place: &Place) -> String {
        let data = &self.site.data;
        let area = |id: &str| data.area(id).map_or(id, |a| a.name.get(lang)).to_string();
        let indicator = |id: &str| {
            data.indicator(id)
                .map_or(id, |i| i.name.get(lang))
                .to_string()
        };
        let fill = |key: &str, values: &[(&str, &str)]| self.fill(lang, key, values);
        match place {
            Place::Series(a, i) => fill(
                "chart_series_title",
                &[("indicator", &indicator(i)), ("area", &area(a))],
            ),
            Place::Comparison(i) => fill("chart_comparison_title", &[("indicator", &indicator(i))]),
            Place::Levels(a) => fill("chart_level_title", &[("area", &area(a))]),
            Place::AreaFactories(a) => {
                format!(
                    "{} – {}",
                    self.t(lang, "chart_factory_history_title"),
                    area(a)
                )
            }
            Place::ProvinceFactories(p) => {
                let name = data.province(p).map_or(p.as_str(), |p| p.name.get(lang));
                format!("{} – {name}", self.t(lang, "chart_factory_progress_title"))
            }
            Place::AllAreas => self.t(lang, "chart_factory_progress_title"),
            Place::National => self.t(lang, "chart_factory_history_title"),
            Place::Map => self.t(lang, "chart_map_title"),
            Place::Flows(a, y) => fill(
                "chart_flows_title",
                &[("area", &area(a)), ("year", &format::fiscal_year(lang, *y))],
            ),
        }
    }

    /// An APA-style citation of the chart in `lang`, up to its address: publisher, year of
    /// publication (B.E. in Thai), title and site; the access date is the reader's to fill in.
    fn citation(&self, lang: Lang, place: &Place) -> String {
        let config = &self.site.config;
        let year = format::year(lang, i32::from(self.site.built.year()));
        self.fill(
            lang,
            "embed_citation",
            &[
                ("publisher", config.publisher.get(lang)),
                ("year", &year),
                ("title", &self.place_title(lang, place)),
                ("site", config.title.get(lang)),
                ("access", &self.t(lang, "embed_access_date")),
            ],
        )
    }
}
