//! Micro-benchmarks of a build's hot paths, on the sample site: loading the CSV files, rendering
//! one area page, drawing one chart, and checking one rendered page.
//!
//! The whole-site benchmark (`tools/bench/run.sh`) says how fast a build is; these say where a
//! change made it faster or slower, in numbers stable enough to compare before and after.
//! `cargo bench` runs them; `cargo bench -- area_page` runs one.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use ecotown::charts::{self, Size};
use ecotown::data::{Lang, MemoryFiles};
use ecotown::diagnostics::Diagnostics;

fn sample() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files go nowhere: only the rendering is measured.
struct Discard;

impl ecotown::render::Sink for Discard {
    fn put(&self, _path: String, _bytes: Vec<u8>) {}
}

fn csv_load(c: &mut Criterion) {
    // Read once: the benchmark measures decoding and checking, not the disk.
    let mut files = MemoryFiles::new();
    for name in ecotown::data::load::TABLES {
        let rel = format!("data/{name}.csv");
        let bytes = std::fs::read(sample().join(&rel)).expect("the sample's data");
        files.insert(rel, bytes);
    }
    c.bench_function("csv_load", |b| {
        b.iter(|| ecotown::data::load_dataset_from(black_box(&files), &mut Diagnostics::new()))
    });
}

fn area_page(c: &mut Criterion) {
    let site = ecotown::build::load(&sample(), &mut Diagnostics::new()).expect("the sample");
    let mut renderer = ecotown::render::Renderer::new(&site);
    let lang = Lang::Th;
    let set = ecotown::render::charts::draw_all(&site, lang, &renderer.collators, &Discard);
    renderer.charts[lang as usize] = set;
    let area = &site.data.areas[0];
    c.bench_function("area_page", |b| {
        b.iter(|| {
            let page = renderer.area(lang, black_box(area));
            site.tera
                .render(page.template, &page.context)
                .expect("renders")
        })
    });
    let page = renderer.area(lang, area);
    let html = site
        .tera
        .render(page.template, &page.context)
        .expect("renders");
    c.bench_function("area_page_check", |b| {
        b.iter(|| {
            let checker = ecotown::check::sitecheck::Checker::new(&Default::default());
            checker.scan(&page.path, black_box(html.as_bytes()));
        })
    });
}

fn time_series_chart(c: &mut Criterion) {
    let site = ecotown::build::load(&sample(), &mut Diagnostics::new()).expect("the sample");
    let data = &site.data;
    let (area, indicator) = (&data.areas[0], &data.indicators[0]);
    let series = data.series(&area.id, &indicator.id);
    c.bench_function("time_series_chart", |b| {
        b.iter(|| {
            let (lang, strings) = (Lang::Th, &site.strings);
            charts::time_series(
                lang,
                indicator,
                area,
                black_box(series),
                strings,
                Size::Compact,
            )
        })
    });
}

criterion_group! {
    name = hot_paths;
    // Short runs: these guide work on the code, they are not a published result.
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = csv_load, area_page, time_series_chart
}
criterion_main!(hot_paths);
