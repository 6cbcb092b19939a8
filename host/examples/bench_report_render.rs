//! Benchmark of rendering reports (`reports::render`) of a municipality already in the
//! database — for example the demo's large municipality — in every format.
//!
//! Usage: `bench_report_render DATABASE_URL SLUG YEAR [RUNS]`. For the host's base report of
//! each kind (the `monitoring`: five years ending with YEAR) it times, RUNS times each
//! (default 5), the page (`<article>`), every table as CSV, the XLSX workbook and the PDF,
//! and prints the fastest, the median and the slowest run with the output's size; the PDF's
//! runs each start with Typst's caches emptied (the fonts stay loaded after the first). The
//! dataset's assembly is timed by `bench_report_dataset`.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use quartier::db::{Db, Id};
use quartier::reports::base::{self, Labels};
use quartier::reports::render::view::View;
use quartier::reports::render::{self, Cover};
use quartier::reports::{Period, ReportKind, ReportScope};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (url, slug, year, runs) = match args.as_slice() {
        [_, url, slug, year] => (url, slug, year, "5"),
        [_, url, slug, year, runs] => (url, slug, year, runs.as_str()),
        _ => anyhow::bail!("usage: bench_report_render DATABASE_URL SLUG YEAR [RUNS]"),
    };
    let year: i32 = year.parse().context("YEAR")?;
    let runs: usize = runs.parse().context("RUNS")?;
    let db = Db::connect(url, 4).await?;
    let (municipality, name, qm_model): (Id, String, Option<String>) =
        sqlx::query_as("SELECT id, name, qm_model FROM municipalities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .with_context(|| format!("no municipality {slug}"))?;
    for kind in ReportKind::ALL.iter().copied() {
        let period = match kind {
            ReportKind::Monitoring => Period::years_ending(year, 5),
            _ => Period::year(year),
        }
        .context("YEAR")?;
        let scope = ReportScope {
            municipality,
            slug: slug.clone(),
            name: name.clone(),
            qm_model: qm_model.clone(),
            kind,
            period,
            area: None,
        };
        let dataset = quartier::reports::dataset::assemble(&db, &scope).await?;
        let report = base::build(&dataset, &Labels::from_description(None));
        let cover = Cover {
            title: report.title.clone(),
            kind: kind.label_de().to_owned(),
            municipality: name.clone(),
            area: None,
            period: format!("{} – {}", period.from(), period.to()),
            created: Utc::now().format("%d.%m.%Y").to_string(),
            notice: None,
        };
        let sections = &report.sections;
        let rows: usize = sections
            .iter()
            .flat_map(|s| &s.tables)
            .map(|t| t.rows.len())
            .sum();
        println!("{} ({rows} table rows):", kind.key());
        time("  html", runs, || {
            let view = View::new(sections, &|n| Some(format!("?table={n}")));
            Ok(render::html::article(&cover, &view, &[])?.len())
        })?;
        time("  csv (all tables)", runs, || {
            Ok(sections
                .iter()
                .flat_map(|s| &s.tables)
                .map(|t| render::csv::table(t).len())
                .sum())
        })?;
        time("  xlsx", runs, || {
            Ok(render::xlsx::workbook(&cover, sections)?.len())
        })?;
        time("  pdf", runs, || {
            // Typst memoises; a second run of the same document would mostly be cache hits,
            // while a report asked for is new. Every run starts from an empty cache.
            typst::comemo::evict(0);
            let view = View::new(sections, &|_| None);
            Ok(render::pdf::document(&cover, &view)?.len())
        })?;
    }
    Ok(())
}

fn time(
    what: &str,
    runs: usize,
    mut work: impl FnMut() -> anyhow::Result<usize>,
) -> anyhow::Result<()> {
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        size = work()?;
        times.push(start.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: min {:.1} ms, median {:.1} ms, max {:.1} ms, {} KiB",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        size.div_ceil(1024)
    );
    Ok(())
}
