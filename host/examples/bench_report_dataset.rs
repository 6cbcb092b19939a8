//! Benchmark of the report dataset's assembly (`reports::dataset::assemble`) on a database
//! that already holds a municipality's activity — for example the demo's large municipality.
//!
//! Usage: `bench_report_dataset DATABASE_URL SLUG YEAR [RUNS]`. Times, RUNS times each
//! (default 9): the `jahresbericht` of YEAR for the whole municipality and for its first
//! top-level area (by name), the `fondsabrechnung` of YEAR, and the `monitoring` of the five
//! years ending with YEAR. Prints the fastest, the median and the slowest run and this
//! process's CPU time per run: on a busy machine wall time says more about the neighbours,
//! and with SQLite the database works inside this process (PostgreSQL's work is not counted).

use std::time::{Duration, Instant};

use anyhow::Context;
use quartier::db::{Db, Id};
use quartier::reports::scope::ReportArea;
use quartier::reports::{Period, ReportKind, ReportScope};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // `RUST_LOG=sqlx::query=debug` prints every statement with its time: the profile.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().collect();
    let (url, slug, year, runs) = match args.as_slice() {
        [_, url, slug, year] => (url, slug, year, "9"),
        [_, url, slug, year, runs] => (url, slug, year, runs.as_str()),
        _ => anyhow::bail!("usage: bench_report_dataset DATABASE_URL SLUG YEAR [RUNS]"),
    };
    let year: i32 = year.parse().context("YEAR")?;
    let runs: u32 = runs.parse().context("RUNS")?;
    let db = Db::connect(url, 4).await?;
    let (municipality, name, qm_model): (Id, String, Option<String>) =
        sqlx::query_as("SELECT id, name, qm_model FROM municipalities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .with_context(|| format!("no municipality {slug}"))?;
    let area: Option<(Id, String)> = sqlx::query_as(
        "SELECT id, name FROM areas WHERE municipality_id = $1 AND parent_id IS NULL
         ORDER BY name LIMIT 1",
    )
    .bind(municipality)
    .fetch_optional(&db.pool)
    .await?;
    let scope = |kind, period, area: Option<ReportArea>| ReportScope {
        municipality,
        slug: slug.clone(),
        name: name.clone(),
        qm_model: qm_model.clone(),
        kind,
        period,
        area,
    };
    let one = Period::year(year).context("YEAR")?;
    let five = Period::years_ending(year, 5).context("YEAR")?;
    let mut cases = vec![
        (
            format!("jahresbericht {year}"),
            scope(ReportKind::Jahresbericht, one, None),
        ),
        (
            format!("fondsabrechnung {year}"),
            scope(ReportKind::Fondsabrechnung, one, None),
        ),
        (
            format!("monitoring {}–{year}", year - 4),
            scope(ReportKind::Monitoring, five, None),
        ),
    ];
    if let Some((id, area)) = area {
        let report = scope(
            ReportKind::Jahresbericht,
            one,
            Some(ReportArea {
                id,
                name: area.clone(),
            }),
        );
        cases.insert(1, (format!("jahresbericht {year}, area {area}"), report));
    }
    for (name, scope) in cases {
        let mut times: Vec<Duration> = Vec::new();
        let cpu_before = cpu();
        for _ in 0..runs {
            let start = Instant::now();
            quartier::reports::dataset::assemble(&db, &scope).await?;
            times.push(start.elapsed());
        }
        let cpu = match (cpu_before, cpu()) {
            (Some(before), Some(after)) => {
                format!(
                    ", CPU {:.1} ms per run",
                    ms(after - before) / f64::from(runs)
                )
            }
            _ => String::new(),
        };
        times.sort();
        let (Some(min), Some(max)) = (times.first(), times.last()) else {
            continue;
        };
        println!(
            "{name}: min {:.1} ms, median {:.1} ms, max {:.1} ms ({runs} runs){cpu}",
            ms(*min),
            ms(times[times.len() / 2]),
            ms(*max)
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of this process so far, user and system (Linux: `/proc/self/stat`, 100 ticks a
/// second); `None` elsewhere.
fn cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}
