//! The data model: what a site's CSV files mean once they have been read and checked.
//!
//! Everything here is plain owned data with no behaviour beyond small lookups, so that the
//! renderer, the progress calculation and the charts can all borrow it without knowing about
//! files. Records keep the line they came from so that later checks (and later phases, such as
//! progress) can point back at the input.

use std::collections::BTreeMap;

use serde::Serialize;

/// The two languages every page and label exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Th,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Th, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Th => Lang::En,
            Lang::En => Lang::Th,
        }
    }
}

/// A text given in both languages: the one bilingual text type, for the data and `site.toml`
/// alike (where `[title]` is read into it, with no other key allowed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub th: String,
    pub en: String,
}

impl Text {
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            th: th.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.th,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Province {
    /// ISO 3166-2:TH, upper case (`TH-21`).
    pub code: String,
    pub name: Text,
    pub line: u64,
}

impl Province {
    /// The lower-case code used in URLs and content file names (`th-21`).
    pub fn slug(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    pub id: String,
    pub province_code: String,
    pub name: Text,
    /// Programme phase, 1–3 (phases 2 and 3 follow phase 1's 18 areas).
    pub phase: u8,
    pub line: u64,
}

/// Generates a closed vocabulary: its spellings in the CSV, and its position for sorting.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in CSV files and URLs.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the CSV spelling, ignoring case and surrounding spaces.
            pub fn parse(raw: &str) -> Option<$name> {
                let lower = raw.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|v| v.as_str() == lower)
            }

            /// All spellings, for hints.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

vocabulary! {
    /// Which way is better for an indicator.
    Direction { Increase = "increase", Decrease = "decrease" }
}

vocabulary! {
    /// How final an observed value is.
    ValueStatus { Final = "final", Provisional = "provisional", Estimated = "estimated" }
}

/// A dimension of the eco-industrial town criteria: a row of `data/dimensions.csv`, or of the
/// built-in DIW criteria of B.E. 2560 when a site has no such file ([`Taxonomy::default`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// The slug used in `indicators.csv` and in page addresses (`/en/dimensions/social/`).
    pub id: String,
    pub name: Text,
    /// One line on what the dimension covers (may be blank).
    pub summary: Text,
    pub line: u64,
}

/// A theme indicators may be grouped by: a row of `data/themes.csv` (or the built-in DIW
/// factory-upgrade themes, plus community).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub id: String,
    pub name: Text,
    pub line: u64,
}

/// One step of the eco-industrial town level scale: a row of `data/level_scale.csv` (or the
/// built-in five levels of the DIW criteria).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    pub level: u8,
    /// The level's name in the criteria; blank where the sources do not confirm one.
    pub name: Text,
    pub line: u64,
}

/// The vocabularies the other tables refer to, in their files' order: what the criteria say, kept
/// as data so that revised criteria or a new theme need no change to the program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Taxonomy {
    pub dimensions: Vec<Dimension>,
    pub themes: Vec<Theme>,
    pub levels: Vec<Level>,
}

impl Taxonomy {
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn level(&self, level: u8) -> Option<&Level> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// The ids of the taxonomy table `table` (`dimensions`, `themes`, `level_scale`), in its order:
    /// the values a column taking that vocabulary allows.
    pub fn ids(&self, table: &str) -> Vec<String> {
        match table {
            "dimensions" => self.dimensions.iter().map(|d| d.id.clone()).collect(),
            "themes" => self.themes.iter().map(|t| t.id.clone()).collect(),
            "level_scale" => self.levels.iter().map(|l| l.level.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    /// The highest level of the scale (5 in the DIW criteria).
    pub fn top_level(&self) -> u8 {
        self.levels.iter().map(|l| l.level).max().unwrap_or(0)
    }
}

/// The DIW eco-industrial town criteria of B.E. 2560: five dimensions, the factory-upgrade themes
/// of the seed plus community, and five levels of which the sources name the first two. A site
/// whose `data/` has no taxonomy file uses these; the sample ships them as files, to show how.
impl Default for Taxonomy {
    fn default() -> Self {
        let dimension = |id: &str, th: &str, en: &str, sum_th: &str, sum_en: &str| Dimension {
            id: id.to_string(),
            name: Text::new(th, en),
            summary: Text::new(sum_th, sum_en),
            line: 0,
        };
        let theme = |id: &str, th: &str, en: &str| Theme {
            id: id.to_string(),
            name: Text::new(th, en),
            line: 0,
        };
        let level = |level: u8, th: &str, en: &str| Level {
            level,
            name: Text::new(th, en),
            line: 0,
        };
        Taxonomy {
            dimensions: vec![
                dimension(
                    "physical",
                    "มิติกายภาพ",
                    "Physical",
                    "การใช้ที่ดิน พื้นที่สีเขียว แนวกันชน และโครงสร้างพื้นฐานรองรับอุตสาหกรรม",
                    "Land use, green space, buffer zones and the infrastructure serving industry",
                ),
                dimension(
                    "economic",
                    "มิติเศรษฐกิจ",
                    "Economic",
                    "มูลค่าการผลิต การจ้างงานในท้องถิ่น และการแลกเปลี่ยนวัสดุระหว่างโรงงาน",
                    "Output, local employment and the exchange of materials between factories",
                ),
                dimension(
                    "environmental",
                    "มิติสิ่งแวดล้อม",
                    "Environmental",
                    "พลังงาน น้ำ ของเสีย ก๊าซเรือนกระจก และคุณภาพอากาศและน้ำทิ้ง",
                    "Energy, water, waste, greenhouse gases, air and wastewater quality",
                ),
                dimension(
                    "social",
                    "มิติสังคม",
                    "Social",
                    "ความปลอดภัย เรื่องร้องเรียน และการทำงานร่วมกับชุมชน",
                    "Safety, complaints and work with communities",
                ),
                dimension(
                    "management",
                    "มิติการบริหารจัดการ",
                    "Management",
                    "การจัดการสารเคมี การรายงานผล ระบบมาตรฐาน และเครือข่ายความร่วมมือ",
                    "Chemicals management, reporting, certified systems and cooperation networks",
                ),
            ],
            themes: vec![
                theme("environment", "สิ่งแวดล้อม", "Environment"),
                theme("safety", "ความปลอดภัย", "Safety"),
                theme("resources", "การบริหารจัดการทรัพยากร", "Resource management"),
                theme("energy", "พลังงาน", "Energy"),
                theme("chemicals", "สารเคมี", "Chemicals"),
                theme("community", "ชุมชน", "Community"),
            ],
            levels: vec![
                level(1, "การมีส่วนร่วม", "Engagement"),
                level(2, "การส่งเสริม", "Enhancement"),
                level(3, "", ""),
                level(4, "", ""),
                level(5, "", ""),
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    pub value: f64,
    /// Fiscal year (C.E.) by which the target should be reached.
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub id: String,
    /// A [`Dimension::id`] of the dataset's taxonomy.
    pub dimension: String,
    /// A [`Theme::id`] of the dataset's taxonomy, if the indicator has a theme.
    pub theme: Option<String>,
    pub name: Text,
    pub unit: Text,
    pub direction: Direction,
    /// Decimal places to show, 0–6.
    pub decimals: u8,
    pub base_year: Option<i32>,
    pub target: Option<Target>,
    pub source: Text,
    /// The figure of the material-flow data this indicator's values must agree with (one of
    /// [`crate::data::contract::MEASURES`]), if any.
    pub measured_by: Option<String>,
    pub line: u64,
}

impl Indicator {
    /// A share in percent (its English unit starts with "%"): a change of a share is told in
    /// percentage points, never as a percent of a percent (6.9 % → 15.9 % is +9.0 points, not
    /// +130 %).
    pub fn is_share(&self) -> bool {
        self.unit.en.trim_start().starts_with('%')
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub area_id: String,
    pub indicator_id: String,
    /// Fiscal year, C.E. (FY2021 = 1 Oct 2020 – 30 Sep 2021).
    pub year: i32,
    /// `None` when the cell was blank: the value is known to be missing.
    pub value: Option<f64>,
    pub status: ValueStatus,
    pub note: Text,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactoryCount {
    pub area_id: String,
    pub year: i32,
    /// Factories in the programme's scope in that year.
    pub total: u32,
    /// Factories upgraded to Eco Factory +SV so far (cumulative).
    pub upgraded: u32,
    pub line: u64,
}

impl FactoryCount {
    pub fn remaining(&self) -> u32 {
        self.total.saturating_sub(self.upgraded)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelRecord {
    pub area_id: String,
    pub year: i32,
    /// Eco-town level, one of the [`Taxonomy::levels`].
    pub level: u8,
    pub line: u64,
}

/// Everything a site's `data/` folder holds, after validation.
///
/// Lists keep the order of their files (publishers order them meaningfully); observations,
/// factory counts and levels are sorted by area, then indicator, then year after loading, so
/// series can be read as contiguous slices.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub provinces: Vec<Province>,
    pub areas: Vec<Area>,
    pub indicators: Vec<Indicator>,
    pub observations: Vec<Observation>,
    pub factories: Vec<FactoryCount>,
    pub levels: Vec<LevelRecord>,
    /// The dimensions, themes and levels the other tables refer to.
    pub taxonomy: Taxonomy,
    /// Material flows and symbiosis (empty when the site has none).
    pub flows: crate::data::flows::Flows,
    /// Lookups by id, made on first use (see [`Index`]). A dataset built in code leaves it
    /// `Default::default()`.
    pub index: Index,
}

/// Lookups a large site needs to be fast, made from the lists on first use: pages look areas up
/// by id for every row of their tables, and charts, pages and downloads ask for every series
/// several times (thousands of areas on a large site). They are checked against the lists on
/// every use, so a list changed afterwards (only tests do that) is searched instead.
#[derive(Debug, Clone, Default)]
pub struct Index {
    areas: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
    series: std::sync::OnceLock<SeriesIndex>,
}

/// Area id → indicator id → (start, length) in [`Dataset::observations`]. Nested rather than
/// keyed by pairs so that a lookup borrows the ids instead of copying them.
pub(crate) type SeriesIndex =
    std::collections::HashMap<String, std::collections::HashMap<String, (usize, usize)>>;

impl Dataset {
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        let index = self.index.areas.get_or_init(|| {
            let mut index = std::collections::HashMap::with_capacity(self.areas.len());
            for (i, area) in self.areas.iter().enumerate() {
                // The first of duplicate ids, as a search from the start would find.
                index.entry(area.id.clone()).or_insert(i);
            }
            index
        });
        match index.get(id).and_then(|&i| self.areas.get(i)) {
            Some(area) if area.id == id => Some(area),
            // `areas` changed after the index was made (only tests do that): search it.
            _ => self.areas.iter().find(|a| a.id == id),
        }
    }

    /// The figures a headline or a banner may quote, each with what it counts: the latest national
    /// factory totals and the size of the programme.
    pub fn headline_figures(&self) -> Vec<(&'static str, i64)> {
        let mut figures = Vec::new();
        if let Some(&(total, upgraded)) = self.national_factories().values().next_back() {
            figures.push(("factories in scope", i64::from(total)));
            figures.push(("upgraded", i64::from(upgraded)));
            figures.push((
                "still to upgrade",
                i64::from(total.saturating_sub(upgraded)),
            ));
        }
        figures.push(("provinces", self.provinces.len() as i64));
        figures.push(("areas", self.areas.len() as i64));
        figures.push(("indicators", self.indicators.len() as i64));
        figures
    }

    /// The programme phases the areas are in, in order.
    pub fn phases(&self) -> Vec<u8> {
        let phases: std::collections::BTreeSet<u8> = self.areas.iter().map(|a| a.phase).collect();
        phases.into_iter().collect()
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn areas_in<'a>(&'a self, province_code: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.areas
            .iter()
            .filter(move |a| a.province_code == province_code)
    }

    /// The newest observation of one area × indicator series that has a value: what every page,
    /// brief, chart and shortcode calls "the latest value".
    pub fn latest(&self, area_id: &str, indicator_id: &str) -> Option<&Observation> {
        latest_of(self.series(area_id, indicator_id))
    }

    /// The observations of one area × indicator series, oldest first.
    pub fn series(&self, area_id: &str, indicator_id: &str) -> &[Observation] {
        let index = self.index.series.get_or_init(|| self.index_series());
        let found = index
            .get(area_id)
            .and_then(|i| i.get(indicator_id))
            .copied();
        let Some((start, len)) = found else {
            return self.search_series(area_id, indicator_id);
        };
        let is_it = |o: &Observation| o.area_id == area_id && o.indicator_id == indicator_id;
        match self.observations.get(start..start + len) {
            Some(slice) if slice.first().is_some_and(is_it) && slice.last().is_some_and(is_it) => {
                slice
            }
            // `observations` changed after the index was made (only tests do that).
            _ => self.search_series(area_id, indicator_id),
        }
    }

    fn index_series(&self) -> SeriesIndex {
        let mut index = SeriesIndex::new();
        let mut start = 0;
        for end in 1..=self.observations.len() {
            let first = &self.observations[start];
            let same = self.observations.get(end).is_some_and(|o| {
                o.area_id == first.area_id && o.indicator_id == first.indicator_id
            });
            if !same {
                index
                    .entry(first.area_id.clone())
                    .or_default()
                    .entry(first.indicator_id.clone())
                    .or_insert((start, end - start));
                start = end;
            }
        }
        index
    }

    /// [`Dataset::series`] by binary search: for a dataset changed after its index was made
    /// (only tests do that) or a series it does not hold.
    fn search_series(&self, area_id: &str, indicator_id: &str) -> &[Observation] {
        let key = (area_id, indicator_id);
        let start = self
            .observations
            .partition_point(|o| (o.area_id.as_str(), o.indicator_id.as_str()) < key);
        let len = self.observations[start..]
            .iter()
            .take_while(|o| (o.area_id.as_str(), o.indicator_id.as_str()) == key)
            .count();
        &self.observations[start..start + len]
    }

    /// Factory counts of one area, oldest first.
    pub fn factories_of(&self, area_id: &str) -> &[FactoryCount] {
        let start = self
            .factories
            .partition_point(|f| f.area_id.as_str() < area_id);
        let len = self.factories[start..]
            .iter()
            .take_while(|f| f.area_id == area_id)
            .count();
        &self.factories[start..start + len]
    }

    /// Level history of one area, oldest first.
    pub fn levels_of(&self, area_id: &str) -> &[LevelRecord] {
        let start = self
            .levels
            .partition_point(|l| l.area_id.as_str() < area_id);
        let len = self.levels[start..]
            .iter()
            .take_while(|l| l.area_id == area_id)
            .count();
        &self.levels[start..start + len]
    }

    /// The latest fiscal year with factory counts.
    pub fn latest_factory_year(&self) -> Option<i32> {
        self.factories.iter().map(|f| f.year).max()
    }

    /// Factory totals summed over all areas, per fiscal year. An area without a count for a year
    /// contributes its latest earlier count, so national totals never dip because one office was
    /// late with its sheet.
    pub fn national_factories(&self) -> BTreeMap<i32, (u32, u32)> {
        let years: std::collections::BTreeSet<i32> =
            self.factories.iter().map(|f| f.year).collect();
        let mut totals = BTreeMap::new();
        for &year in &years {
            let mut sum = (0u32, 0u32);
            for area in &self.areas {
                if let Some(f) = self
                    .factories_of(&area.id)
                    .iter()
                    .rev()
                    .find(|f| f.year <= year)
                {
                    sum.0 += f.total;
                    sum.1 += f.upgraded;
                }
            }
            totals.insert(year, sum);
        }
        totals
    }
}

/// The newest observation of `series` (oldest first) that has a value.
pub fn latest_of(series: &[Observation]) -> Option<&Observation> {
    series.iter().rev().find(|o| o.value.is_some())
}
