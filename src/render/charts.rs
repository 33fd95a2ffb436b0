//! Every chart of the site, drawn once per language and reused wherever it appears.
//!
//! An area's time series shows on its area page and again on the indicator page, so charts are
//! computed up front, in parallel, into a [`ChartSet`] per language; pages then borrow them. Each
//! chart is also published as a standalone SVG and a CSV under `charts/`, linked beside it; those
//! files go out as soon as the chart is drawn, and the set keeps only what pages show, as template
//! values built once (a large site has over a hundred thousand charts).
//!
//! An area's charts go in a folder of their own, `charts/areas/<area_id>/`: one folder holding
//! every chart of a large site (two hundred thousand files at 100 times the sample) made the
//! build spend most of its time in the file system, with every thread waiting on that folder.
//!
//! A large site's charts are drawn a batch of areas at a time ([`batches`]), so that a language's
//! charts are never all held at once. The file is past 600 lines because the chart jobs, what
//! each draws, which a build wants and the preview's cache all turn on one private `Job` type;
//! split, each part would need it public.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::charts::{self, Chart, MapProvince, Size};
use crate::data::{Lang, ValueStatus};
use crate::i18n::Collators;
use crate::render::Sink;
use crate::site::Site;
use crate::urls;

/// Stands in for the page's path to the site root in map links, because the map is inlined on
/// pages at different depths (`index.html` and `th/index.html`); replaced per page.
pub const ROOT_TOKEN: &str = "@ROOT@";

/// The charts of one language.
#[derive(Default, Clone)]
pub struct ChartSet {
    /// Area × indicator time series (compact), keyed by (area_id, indicator_id).
    pub series: BTreeMap<(String, String), ChartView>,
    /// Latest values across areas, per indicator.
    pub comparison: BTreeMap<String, ChartView>,
    /// Each comparison chart's description, per indicator (for the search index; also on builds
    /// that draw no comparison chart).
    pub comparison_desc: BTreeMap<String, String>,
    /// Level history per area.
    pub levels: BTreeMap<String, ChartView>,
    /// Factory upgrades over fiscal years, per area.
    pub area_factories: BTreeMap<String, ChartView>,
    /// Upgraded vs remaining per area, per province.
    pub province_factories: BTreeMap<String, ChartView>,
    pub all_areas_factories: Option<ChartView>,
    pub national_history: Option<ChartView>,
    pub map: Option<ChartView>,
    /// Material flows (a Sankey diagram) per area and fiscal year.
    pub flows: BTreeMap<(String, i32), ChartView>,
}

/// Which chart, the same in both languages: where its embed page goes and which page it belongs
/// to (the embed's link back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Series(String, String),
    Comparison(String),
    Levels(String),
    AreaFactories(String),
    ProvinceFactories(String),
    AllAreas,
    National,
    Map,
    Flows(String, i32),
}

impl Place {
    /// The folder of its embed page under `{lang}/embed/`, mirroring the page it belongs to.
    pub fn key(&self) -> String {
        match self {
            Place::Series(a, i) => format!("areas/{a}/indicators/{i}"),
            Place::Comparison(i) => format!("indicators/{i}"),
            Place::Levels(a) => format!("areas/{a}/levels"),
            Place::AreaFactories(a) => format!("areas/{a}/factories"),
            Place::Flows(a, y) => format!("areas/{a}/flows-{y}"),
            Place::ProvinceFactories(p) => {
                format!("provinces/{}/factories", p.to_ascii_lowercase())
            }
            Place::AllAreas => "programme/factories-by-area".into(),
            Place::National => "programme/factories".into(),
            Place::Map => "programme/map".into(),
        }
    }

    /// The open-data table its figures come from (a chart's own CSV is the data as shown).
    pub fn full_table(&self) -> String {
        match self {
            Place::Series(_, i) | Place::Comparison(i) => format!("data/indicators/{i}.csv"),
            Place::Levels(_) => "data/levels.csv".into(),
            Place::Flows(..) => "data/flows.csv".into(),
            Place::AreaFactories(_)
            | Place::ProvinceFactories(_)
            | Place::AllAreas
            | Place::National
            | Place::Map => "data/factories.csv".into(),
        }
    }

    /// Where its figures come from: the indicator's source, or the programme's publisher for
    /// the factory counts, levels and flows it keeps itself.
    pub fn source(&self, site: &Site, lang: Lang) -> String {
        let indicator = match self {
            Place::Series(_, i) | Place::Comparison(i) => site.data.indicator(i),
            _ => None,
        };
        match indicator {
            Some(i) => i.source.get(lang).to_string(),
            None => site.config.publisher.get(lang).to_string(),
        }
    }

    /// Whether it gets a PNG for slides ([`crate::charts::raster`]): the charts of the programme,
    /// its provinces and its indicators' comparisons, which readers quote; an area's many small
    /// charts keep their SVG (about 18 ms and 65 KB each as PNG: 1,260 of them in the sample).
    pub fn for_slides(&self) -> bool {
        matches!(
            self,
            Place::Comparison(_)
                | Place::ProvinceFactories(_)
                | Place::AllAreas
                | Place::National
                | Place::Map
        )
    }

    /// The page that shows it (an area's series shows on the indicator's page too; its own
    /// area's page is its home).
    pub fn home(&self, lang: Lang) -> String {
        match self {
            Place::Series(a, _)
            | Place::Levels(a)
            | Place::AreaFactories(a)
            | Place::Flows(a, _) => urls::area(lang, a),
            Place::Comparison(i) => urls::indicator(lang, i),
            Place::ProvinceFactories(p) => urls::province(lang, p),
            Place::AllAreas | Place::National | Place::Map => urls::home(lang),
        }
    }
}

/// What a template needs to show a chart: its id, kind and title, the inline SVG, its data table
/// and download links. The parts are template values made once per chart, and template values
/// share their strings, so putting a chart on a page copies pointers, not the SVG; the small map
/// a template reads is made with the page, to keep the many stored charts small.
#[derive(Debug, Clone)]
pub struct ChartView {
    kind: &'static str,
    /// The path of its downloads without the extension, e.g. `charts/cmp-water-reuse-th`.
    stem: std::sync::Arc<str>,
    id: tera::Value,
    title: tera::Value,
    /// The title shown above the chart when the page already names part of it (the area on an
    /// area page): the SVG keeps the full title for screen readers and downloads.
    short: Option<tera::Value>,
    svg: tera::Value,
    table: tera::Value,
    lang: Lang,
    place: std::sync::Arc<Place>,
    /// The `viewBox` size.
    size: (u32, u32),
}

/// The fields of a [`ChartView`], as templates name them.
#[derive(Serialize)]
struct ViewFields<'a> {
    id: &'a tera::Value,
    kind: &'static str,
    title: &'a tera::Value,
    short: Option<&'a tera::Value>,
    svg: &'a tera::Value,
    table: &'a tera::Value,
    svg_url: String,
    csv_url: String,
    /// Its embed page, which also holds the share and cite panel.
    embed_url: String,
    png_url: Option<String>,
    /// The full table the chart's figures come from.
    full_url: String,
}

impl Serialize for ChartView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let stem = &self.stem;
        let fields = ViewFields {
            id: &self.id,
            kind: self.kind,
            title: &self.title,
            short: self.short.as_ref(),
            svg: &self.svg,
            table: &self.table,
            svg_url: format!("{stem}.svg"),
            csv_url: format!("{stem}.csv"),
            embed_url: self.embed_path(),
            png_url: (self.place.for_slides()).then(|| format!("{stem}.png")),
            full_url: self.place.full_table(),
        };
        fields.serialize(serializer)
    }
}

impl ChartView {
    fn new(
        chart: &Chart,
        kind: &'static str,
        stem: String,
        (lang, place): (Lang, Place),
        shared: &Shared,
    ) -> ChartView {
        ChartView {
            kind,
            lang,
            place: place.into(),
            size: (chart.width, chart.height),
            stem: stem.into(),
            id: tera::Value::from(chart.id.as_str()),
            title: tera::Value::from(chart.title.as_str()),
            short: None,
            svg: tera::Value::from(chart.svg.as_str()),
            table: table_value(&chart.table, shared),
        }
    }

    pub fn place(&self) -> &Place {
        &self.place
    }

    /// How pages show it (`series`, `comparison`, `map`…).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Its embed page's path in the site.
    pub fn embed_path(&self) -> String {
        urls::embed(self.lang, &self.place.key())
    }

    /// The chart's full title.
    pub fn title(&self) -> &str {
        self.title.as_str().unwrap_or_default()
    }

    /// The path of its downloads without the extension.
    pub fn stem(&self) -> &str {
        &self.stem
    }

    /// Its id in the page (the figure's), unique per chart and language.
    pub fn id(&self) -> &str {
        self.id.as_str().unwrap_or_default()
    }

    /// Its `viewBox` width and height.
    pub fn size(&self) -> (u32, u32) {
        self.size
    }
}

impl ChartSet {
    /// Adds `other`'s charts (drawn for other places) to this set.
    pub fn merge(&mut self, other: ChartSet) {
        self.series.extend(other.series);
        self.comparison.extend(other.comparison);
        self.comparison_desc.extend(other.comparison_desc);
        self.levels.extend(other.levels);
        self.area_factories.extend(other.area_factories);
        self.province_factories.extend(other.province_factories);
        self.all_areas_factories = other
            .all_areas_factories
            .or(self.all_areas_factories.take());
        self.national_history = other.national_history.or(self.national_history.take());
        self.map = other.map.or(self.map.take());
        self.flows.extend(other.flows);
    }

    /// Lets go of the areas' charts, but for the series of the indicators in `keep` (whose
    /// pages show them all).
    pub fn forget_areas(&mut self, keep: &std::collections::BTreeSet<String>) {
        self.series
            .retain(|(_, indicator), _| keep.contains(indicator));
        self.levels.clear();
        self.area_factories.clear();
        self.flows.clear();
    }

    /// Every chart of the set, each once.
    pub fn all(&self) -> impl Iterator<Item = &ChartView> {
        (self.series.values())
            .chain(self.comparison.values())
            .chain(self.levels.values())
            .chain(self.area_factories.values())
            .chain(self.province_factories.values())
            .chain(self.all_areas_factories.iter())
            .chain(self.national_history.iter())
            .chain(self.map.iter())
            .chain(self.flows.values())
    }
}

/// A chart's table as a template value, its cells shared with other charts' where they match.
fn table_value(table: &charts::Table, shared: &Shared) -> tera::Value {
    #[derive(Serialize)]
    struct Fields<'a> {
        caption: &'a str,
        header: Vec<tera::Value>,
        rows: Vec<Vec<tera::Value>>,
    }
    let cells = |row: &[String]| row.iter().map(|c| shared.value(c)).collect();
    let fields = Fields {
        caption: &table.caption,
        header: cells(&table.header),
        rows: table.rows.iter().map(|r| cells(r)).collect(),
    };
    tera::Value::from_serializable(&fields)
}

/// One template value per distinct text, for the cells that recur in every chart (status
/// labels, column names: Thai ones are too long to be stored inline), so that a large site's
/// hundred thousand tables share them rather than each holding a copy.
#[derive(Default)]
struct Shared(std::sync::Mutex<std::collections::HashMap<String, tera::Value>>);

impl Shared {
    /// Strings up to this length are stored inside the value itself.
    const INLINE: usize = 21;

    fn value(&self, text: &str) -> tera::Value {
        if text.len() <= Self::INLINE {
            return tera::Value::from(text);
        }
        let mut values = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(value) = values.get(text) {
            return value.clone();
        }
        let value = tera::Value::from(text);
        values.insert(text.to_string(), value.clone());
        value
    }
}

/// The chart as a page shows it, as `kind` (which picks the figure's style).
pub fn view(chart: &ChartView, kind: &'static str) -> ChartView {
    ChartView {
        kind,
        ..chart.clone()
    }
}

/// The chart as a page shows it, titled `short` above the drawing (the page names the rest).
pub fn view_titled(chart: &ChartView, kind: &'static str, short: &str) -> ChartView {
    ChartView {
        kind,
        short: Some(tera::Value::from(short)),
        ..chart.clone()
    }
}

/// One chart to draw; drawing them is independent, so they run in parallel.
enum Job<'s> {
    Series(&'s crate::data::Area, &'s crate::data::Indicator),
    Comparison(&'s crate::data::Indicator),
    Levels(&'s crate::data::Area),
    AreaFactories(&'s crate::data::Area),
    ProvinceFactories(&'s crate::data::Province),
    AllAreas,
    National,
    Map,
    Flows(&'s crate::data::Area, i32),
}

/// A drawn chart (or what is kept of it) and its place in the [`ChartSet`].
enum Drawn<C> {
    Series(String, String, C),
    Comparison(String, C),
    Levels(String, C),
    AreaFactories(String, C),
    ProvinceFactories(String, C),
    AllAreas(C),
    National(C),
    Map(C),
    Flows(String, i32, C),
}

impl<C> Drawn<C> {
    fn chart(&self) -> &C {
        match self {
            Drawn::Series(_, _, c)
            | Drawn::Comparison(_, c)
            | Drawn::Levels(_, c)
            | Drawn::AreaFactories(_, c)
            | Drawn::ProvinceFactories(_, c)
            | Drawn::AllAreas(c)
            | Drawn::National(c)
            | Drawn::Map(c)
            | Drawn::Flows(_, _, c) => c,
        }
    }

    /// The same place in the set, holding `f(chart)`.
    fn map<D>(self, f: impl FnOnce(C) -> D) -> Drawn<D> {
        match self {
            Drawn::Series(a, i, c) => Drawn::Series(a, i, f(c)),
            Drawn::Comparison(i, c) => Drawn::Comparison(i, f(c)),
            Drawn::Levels(a, c) => Drawn::Levels(a, f(c)),
            Drawn::AreaFactories(a, c) => Drawn::AreaFactories(a, f(c)),
            Drawn::ProvinceFactories(p, c) => Drawn::ProvinceFactories(p, f(c)),
            Drawn::AllAreas(c) => Drawn::AllAreas(f(c)),
            Drawn::National(c) => Drawn::National(f(c)),
            Drawn::Map(c) => Drawn::Map(f(c)),
            Drawn::Flows(a, y, c) => Drawn::Flows(a, y, f(c)),
        }
    }

    /// Where its downloads go, without the extension: an area's charts in the area's folder.
    fn stem(&self, id: &str) -> String {
        match self {
            Drawn::Series(area, _, _)
            | Drawn::Levels(area, _)
            | Drawn::AreaFactories(area, _)
            | Drawn::Flows(area, _, _) => {
                format!("charts/areas/{area}/{id}")
            }
            _ => format!("charts/{id}"),
        }
    }

    /// Which chart this is, in any language.
    fn place(&self) -> Place {
        match self {
            Drawn::Series(a, i, _) => Place::Series(a.clone(), i.clone()),
            Drawn::Comparison(i, _) => Place::Comparison(i.clone()),
            Drawn::Levels(a, _) => Place::Levels(a.clone()),
            Drawn::AreaFactories(a, _) => Place::AreaFactories(a.clone()),
            Drawn::ProvinceFactories(p, _) => Place::ProvinceFactories(p.clone()),
            Drawn::AllAreas(_) => Place::AllAreas,
            Drawn::National(_) => Place::National,
            Drawn::Map(_) => Place::Map,
            Drawn::Flows(a, y, _) => Place::Flows(a.clone(), *y),
        }
    }

    /// How pages show this chart.
    fn kind(&self) -> &'static str {
        match self {
            Drawn::Series(..) => "series",
            Drawn::Comparison(..) => "comparison",
            Drawn::Levels(..) => "levels",
            Drawn::Map(..) => "map",
            Drawn::Flows(..) => "flows",
            _ => "factories",
        }
    }
}

fn jobs<'s>(site: &'s Site, wanted: &Wanted) -> Vec<Job<'s>> {
    let data = &site.data;
    let shared = matches!(wanted, Wanted::All | Wanted::Shared);
    let mut jobs = Vec::new();
    if shared {
        jobs.extend([Job::AllAreas, Job::National, Job::Map]);
    }
    for area in data.areas.iter().filter(|a| wanted.has_area(&a.id)) {
        jobs.extend(data.indicators.iter().map(|i| Job::Series(area, i)));
        jobs.extend([Job::Levels(area), Job::AreaFactories(area)]);
        let years = data.flows.years_of(&area.id);
        jobs.extend(years.into_iter().map(|y| Job::Flows(area, y)));
    }
    if shared {
        jobs.extend(data.indicators.iter().map(Job::Comparison));
        jobs.extend(data.provinces.iter().map(Job::ProvinceFactories));
    }
    jobs
}

/// Every chart of `lang`, whole (with its text boxes, for checking the layout).
pub fn draw_every(site: &Site, lang: Lang, collators: &Collators) -> Vec<Chart> {
    let frames = frames(site);
    let drawn: Vec<Option<Drawn<Chart>>> = jobs(site, &Wanted::All)
        .par_iter()
        .map(|job| draw(site, lang, collators, &frames, job))
        .collect();
    let mut charts = Vec::with_capacity(drawn.len());
    for d in drawn.into_iter().flatten() {
        d.map(|c| charts.push(c));
    }
    charts
}

/// Which charts a build draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    All,
    /// The charts that belong to no one area: the comparisons, the provinces' and the
    /// programme's. A full build of a large site draws these first and then the areas' charts a
    /// batch at a time ([`batches`]).
    Shared,
    /// The charts of these areas' pages.
    Areas(Vec<String>),
}

impl Wanted {
    /// Whether the charts of the area `id` are wanted (each batch's jobs are made for its own
    /// areas only: filtering every chart job of a large site per batch was quadratic).
    fn has_area(&self, id: &str) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Shared => false,
            Wanted::Areas(areas) => areas.iter().any(|a| a == id),
        }
    }
}

/// How many areas' charts a full build holds at once (see [`batches`]).
pub const AREA_BATCH: usize = 48;

/// The order in which a full build draws the charts of `site`: the shared ones, then the
/// areas' a batch of `size` ([`AREA_BATCH`]) at a time. An area's seventy-odd charts are shown on its own
/// pages and embed pages only (and on the indicator pages of an indicator few enough areas
/// report, [`small_multiples`]), so each batch's pages are rendered while its charts are held
/// and the charts then let go. Holding every chart of a language at once took 126,000 charts,
/// most of a gigabyte, at 100× the sample.
pub fn batches(site: &Site, size: usize) -> Vec<Wanted> {
    let areas: Vec<String> = site.data.areas.iter().map(|a| a.id.clone()).collect();
    std::iter::once(Wanted::Shared)
        .chain(areas.chunks(size.max(1)).map(|c| Wanted::Areas(c.to_vec())))
        .collect()
}

/// The indicators whose page shows every area's chart of it, as small multiples: those at most
/// [`super::pages::SMALL_MULTIPLES_MAX`] areas have figures for (an area has a chart of an
/// indicator exactly when it has figures for it). Past that, the grid would make a page of many
/// megabytes, and each chart stays on its area's page.
pub fn small_multiples(site: &Site) -> std::collections::BTreeSet<String> {
    let data = &site.data;
    (data.indicators.iter())
        .filter(|i| {
            let with_figures = (data.areas.iter())
                .filter(|a| !data.series(&a.id, &i.id).is_empty())
                .count();
            with_figures <= super::pages::SMALL_MULTIPLES_MAX
        })
        .map(|i| i.id.clone())
        .collect()
}

/// Each comparison chart's description, per indicator (for the search index, which a scoped
/// build writes too without drawing the comparisons).
pub fn comparison_descs(site: &Site, lang: Lang) -> BTreeMap<String, String> {
    let mut descs = BTreeMap::new();
    for indicator in &site.data.indicators {
        let rows = comparison_rows(site, lang, indicator);
        if !rows.is_empty() {
            let desc = charts::comparison_desc(lang, indicator, &rows, &site.strings);
            descs.insert(indicator.id.clone(), desc);
        }
    }
    descs
}

/// Draws every chart of `lang`, sends its standalone SVG and CSV to `out` at once, and keeps
/// what pages show.
pub fn draw_all(site: &Site, lang: Lang, collators: &Collators, out: &dyn Sink) -> ChartSet {
    draw_wanted(site, lang, collators, out, &Wanted::All)
}

/// [`draw_all`], drawing only the charts `wanted` names.
pub fn draw_wanted(
    site: &Site,
    lang: Lang,
    collators: &Collators,
    out: &dyn Sink,
    wanted: &Wanted,
) -> ChartSet {
    let base_url = &site.config.base_url;
    let shared = Shared::default();
    let frames = frames(site);
    let jobs = jobs(site, wanted);
    let drawn: Vec<Option<Drawn<ChartView>>> = jobs
        .par_iter()
        .map(|job| {
            let drawn = draw(site, lang, collators, &frames, job)?
                .map(|chart| in_site_colours(site, chart));
            let stem = drawn.stem(&drawn.chart().id);
            let place = drawn.place();
            let slide =
                (place.for_slides()).then(|| (&*site.raster, slide_footer(site, lang, &place)));
            files(drawn.chart(), lang, &stem, base_url, slide, out);
            let kind = drawn.kind();
            let place = (lang, drawn.place());
            Some(drawn.map(|chart| ChartView::new(&chart, kind, stem, place, &shared)))
        })
        .collect();
    let mut set = ChartSet::default();
    for chart in drawn.into_iter().flatten() {
        match chart {
            Drawn::Series(a, i, c) => {
                set.series.insert((a, i), c);
            }
            Drawn::Comparison(i, c) => {
                set.comparison.insert(i, c);
            }
            Drawn::Levels(a, c) => {
                set.levels.insert(a, c);
            }
            Drawn::AreaFactories(a, c) => {
                set.area_factories.insert(a, c);
            }
            Drawn::ProvinceFactories(p, c) => {
                set.province_factories.insert(p, c);
            }
            Drawn::AllAreas(c) => set.all_areas_factories = Some(c),
            Drawn::National(c) => set.national_history = Some(c),
            Drawn::Map(c) => set.map = Some(c),
            Drawn::Flows(a, y, c) => {
                set.flows.insert((a, y), c);
            }
        }
    }
    set
}

/// Each area's latest value of `indicator`: (area name, value, fiscal year, status).
fn comparison_rows(
    site: &Site,
    lang: Lang,
    indicator: &crate::data::Indicator,
) -> Vec<(String, f64, i32, ValueStatus)> {
    let data = &site.data;
    (data.areas.iter())
        .filter_map(|area| {
            let latest = data.latest(&area.id, &indicator.id)?;
            Some((
                area.name.get(lang).to_string(),
                latest.value?,
                latest.year,
                latest.status,
            ))
        })
        .collect()
}

/// The charts of the last build, kept by a process that builds again and again (the preview),
/// so that a build whose charts' inputs have not changed ([`crate::fingerprint::chart_inputs`])
/// sends the same files and borrows the same set instead of drawing every chart again. Drawing
/// is most of a build's time; a narrative or template edit changes no chart.
#[derive(Default)]
pub struct ChartCache {
    /// Per language: the digest of the inputs, the set, and the files (standalone SVG and CSV).
    kept: std::sync::Mutex<[Option<Kept>; 2]>,
}

struct Kept {
    inputs: String,
    set: ChartSet,
    files: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for ChartCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Not part of what a build is: options printed into the fingerprint must not change.
        f.write_str("ChartCache")
    }
}

impl ChartCache {
    /// [`draw_all`], or the charts kept from a build with the same `inputs`.
    pub fn draw_all(
        &self,
        inputs: &str,
        site: &Site,
        lang: Lang,
        collators: &Collators,
        out: &dyn Sink,
    ) -> ChartSet {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = kept[lang as usize].as_ref().filter(|k| k.inputs == inputs) {
            for (path, bytes) in &k.files {
                out.put(path.clone(), bytes.clone());
            }
            return k.set.clone();
        }
        let tee = Tee {
            out,
            files: Default::default(),
        };
        let set = draw_all(site, lang, collators, &tee);
        let mut files = tee.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        kept[lang as usize] = Some(Kept {
            inputs: inputs.to_string(),
            set: set.clone(),
            files,
        });
        set
    }
}

/// Passes files on and keeps a copy.
struct Tee<'o> {
    out: &'o dyn Sink,
    files: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Sink for Tee<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        let copy = (path.clone(), bytes.clone());
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(copy);
        self.out.put(path, bytes);
    }
}

/// The frame each indicator's small multiples share: the fiscal years it has values in across
/// all areas, and the range of those values. One pass over the observations.
fn frames(site: &Site) -> std::collections::HashMap<&str, charts::Frame> {
    let mut frames: std::collections::HashMap<&str, charts::Frame> = Default::default();
    for o in &site.data.observations {
        let Some(v) = o.value.filter(|v| v.is_finite()) else {
            continue;
        };
        frames
            .entry(o.indicator_id.as_str())
            .and_modify(|f| {
                f.years = (f.years.0.min(o.year), f.years.1.max(o.year));
                f.values = (f.values.0.min(v), f.values.1.max(v));
            })
            .or_insert(charts::Frame {
                years: (o.year, o.year),
                values: (v, v),
            });
    }
    frames
}

/// A chart in the site's `[look]` colours (checked to be `#rrggbb` when the config was read).
fn in_site_colours(site: &Site, mut chart: Chart) -> Chart {
    chart.svg = recoloured(site, chart.svg);
    chart
}

/// Any drawing's SVG in the site's `[look]` colours (the charts, the briefs' sparklines).
pub(crate) fn recoloured(site: &Site, svg: String) -> String {
    let look = &site.config.look;
    let colour = |c: &Option<String>| c.as_deref().and_then(crate::config::hex_colour);
    let (series, target) = (colour(&look.series), colour(&look.target));
    match series.is_some() || target.is_some() {
        true => charts::palette::recolour(&svg, series, target),
        false => svg,
    }
}

fn draw(
    site: &Site,
    lang: Lang,
    collators: &Collators,
    frames: &std::collections::HashMap<&str, charts::Frame>,
    job: &Job,
) -> Option<Drawn<Chart>> {
    let data = &site.data;
    let strings = &site.strings;
    Some(match job {
        Job::Series(area, indicator) => {
            let series = data.series(&area.id, &indicator.id);
            if series.is_empty() {
                return None;
            }
            let frame = frames.get(indicator.id.as_str()).copied();
            let chart = charts::time_series_over(
                lang,
                indicator,
                area,
                series,
                strings,
                Size::Compact,
                frame,
            );
            Drawn::Series(area.id.clone(), indicator.id.clone(), chart)
        }
        Job::Comparison(indicator) => {
            let rows = comparison_rows(site, lang, indicator);
            if rows.is_empty() {
                return None;
            }
            Drawn::Comparison(
                indicator.id.clone(),
                charts::comparison(lang, indicator, &rows, strings),
            )
        }
        Job::Levels(area) => {
            let levels: Vec<(i32, u8)> = data
                .levels_of(&area.id)
                .iter()
                .map(|l| (l.year, l.level))
                .collect();
            if levels.is_empty() {
                return None;
            }
            Drawn::Levels(
                area.id.clone(),
                charts::level_history(lang, area, &levels, data.taxonomy.top_level(), strings),
            )
        }
        Job::AreaFactories(area) => {
            let years: Vec<(i32, u32, u32)> = data
                .factories_of(&area.id)
                .iter()
                .map(|f| (f.year, f.total, f.upgraded))
                .collect();
            if years.is_empty() {
                return None;
            }
            let placed = charts::ChartPlace {
                key: &area.id,
                place: Some(area.name.get(lang)),
            };
            Drawn::AreaFactories(
                area.id.clone(),
                charts::factory_history(lang, placed, &years, strings),
            )
        }
        Job::ProvinceFactories(province) => {
            let areas: Vec<&crate::data::Area> = data.areas_in(&province.code).collect();
            let rows = factory_rows(site, lang, collators, &areas);
            if rows.is_empty() {
                return None;
            }
            let slug = province.slug();
            let placed = charts::ChartPlace {
                key: &slug,
                place: Some(province.name.get(lang)),
            };
            Drawn::ProvinceFactories(
                province.code.clone(),
                charts::factory_progress(lang, placed, &rows, strings),
            )
        }
        Job::AllAreas => {
            let areas: Vec<&crate::data::Area> = data.areas.iter().collect();
            let mut rows = factory_rows(site, lang, collators, &areas);
            // Ranked, highest share upgraded first: readers compare areas here (the list beside
            // it keeps the alphabetical order). Stable, so ties stay in name order.
            rows.sort_by(|a, b| {
                let share = |r: &(String, u32, u32)| f64::from(r.1) / f64::from(r.2.max(1));
                share(b).total_cmp(&share(a))
            });
            let placed = charts::ChartPlace {
                key: "all-areas",
                place: None,
            };
            Drawn::AllAreas(charts::factory_progress(lang, placed, &rows, strings))
        }
        Job::National => {
            let years: Vec<(i32, u32, u32)> = data
                .national_factories()
                .into_iter()
                .map(|(y, (t, u))| (y, t, u))
                .collect();
            if years.is_empty() {
                return None;
            }
            let placed = charts::ChartPlace {
                key: "national",
                place: None,
            };
            Drawn::National(charts::factory_history(lang, placed, &years, strings))
        }
        Job::Map => Drawn::Map(charts::province_map(
            lang,
            &map_provinces(site, lang),
            strings,
        )),
        Job::Flows(area, year) => Drawn::Flows(
            area.id.clone(),
            *year,
            charts::material_flows(lang, area, *year, &data.flows, strings)?,
        ),
    })
}

/// (name, upgraded, total) for each area with counts, sorted by name in the page's language.
fn factory_rows(
    site: &Site,
    lang: Lang,
    collators: &Collators,
    areas: &[&crate::data::Area],
) -> Vec<(String, u32, u32)> {
    let mut rows: Vec<(String, u32, u32)> = areas
        .iter()
        .filter_map(|a| {
            let f = site.data.factories_of(&a.id).last()?;
            Some((a.name.get(lang).to_string(), f.upgraded, f.total))
        })
        .collect();
    collators.sort_by_name(lang, &mut rows, |r| &r.0);
    rows
}

fn map_provinces(site: &Site, lang: Lang) -> Vec<MapProvince> {
    site.data
        .provinces
        .iter()
        .map(|p| MapProvince {
            iso: p.code.clone(),
            name: p.name.get(lang).to_string(),
            url: format!("{ROOT_TOKEN}{}", urls::province(lang, &p.code)),
            share_upgraded: site
                .progress
                .factories_by_province
                .get(&p.code)
                .map(|f| f.share),
        })
        .collect()
}

/// What a slide's PNG says under the chart: source, data date, licence and the site's address.
fn slide_footer(site: &Site, lang: Lang, place: &Place) -> String {
    let strings = &site.strings;
    let config = &site.config;
    let mut footer = format!(
        "{}: {} · {} {} · {}: {} · {}",
        strings.text(lang, "col_source"),
        place.source(site, lang),
        strings.text(lang, "footer_data_as_of"),
        crate::i18n::format::date(lang, config.as_of),
        strings.text(lang, "footer_licence"),
        config.licence,
        config.base_url,
    );
    if config.sample {
        footer.push_str(&format!(" · {}", strings.text(lang, "embed_sample")));
    }
    footer
}

/// The chart's standalone SVG and its CSV, at `stem` plus their extensions, and its PNG (framed
/// with its title and `footer`) when given a rasteriser.
fn files(
    chart: &Chart,
    lang: Lang,
    stem: &str,
    base_url: &str,
    slide: Option<(&charts::raster::Rasterizer, String)>,
    out: &dyn Sink,
) {
    // A downloaded map has no page to be relative to: its links point at the live site.
    // The address goes into an XML attribute, so it is escaped like any other text.
    let svg = chart
        .standalone_svg(lang)
        .replace(ROOT_TOKEN, &crate::escape::markup(base_url));
    if let Some((raster, footer)) = slide {
        let size = (chart.width, chart.height);
        let framed = charts::raster::framed(&svg, size, &chart.title, &footer);
        if let Some(png) = raster.png(&framed) {
            out.put(format!("{stem}.png"), png);
        }
    }
    out.put(format!("{stem}.svg"), svg.into_bytes());
    out.put(format!("{stem}.csv"), chart.csv.clone().into_bytes());
}
