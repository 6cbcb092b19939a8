//! Federation benchmarks, in one run so the figures compare side by side (results in
//! docs/benchmarks.md, "Federation"):
//!
//! - (a) the centre assembles the comparison across sites
//!   (`federation::centre::comparison::assemble`) from 100 accepted sites with four bundles
//!   each — the years 2024 and 2025 and the halves of 2025, 400 rows — for the year 2025
//!   (100 bundles read of 400) and for 2025-H1 (100 of 400), on SQLite and on PostgreSQL;
//!   and the base report built from it (`reports::base::standortvergleich`, no I/O);
//! - (b) signature verifications per second: `federation::signature::verify` of a signed
//!   delivery of a 2 KB bundle (headers parsed, the digest of the body, the signature base,
//!   ed25519), next to the bare `ed25519_dalek::VerifyingKey::verify` of a 300-byte message
//!   in the same run, on one thread.
//!
//! Usage: `bench/federation.sh [RUNS [ITERATIONS]]` (release build; default 9 runs of (a),
//! 20,000 verifications). PostgreSQL: the server of `QUARTIER_TEST_POSTGRES_URL` (as the
//! tests use it); a database of its own is created and dropped. The bundles are stored with
//! SQL as the inbox stores them (a signed delivery each would time the inbox instead).

mod fill;

use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use ed25519_dalek::{Signer, SigningKey, Verifier};
use quartier::db::Db;
use quartier::federation::centre::comparison::{self, tenant};
use quartier::federation::period::ExchangePeriod;
use quartier::federation::signature;
use quartier::federation::site_key::SiteKey;
use quartier::reports::base::Labels;
use quartier::reports::base::standortvergleich;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(9);
    let iterations: u32 = args
        .next()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(20_000);

    let dir = std::env::temp_dir().join(format!("quartier-bench-fed-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("centre.db").display());
    println!("(a) comparison of 100 sites, {runs} runs each (min / median / max)");
    comparison_on("SQLite", &sqlite, &dir, runs).await?;
    match postgres(&dir, runs).await {
        Ok(()) => {}
        Err(e) => println!("  PostgreSQL: not measured: {e:#}"),
    }

    println!("(b) signature verifications, {iterations} each, one thread");
    verifications(&dir, iterations)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn postgres(dir: &std::path::Path, runs: usize) -> anyhow::Result<()> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let admin = std::env::var("QUARTIER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("quartier_bench_fed_{}", uuid::Uuid::now_v7().simple());
    let mut conn = sqlx::AnyConnection::connect(&admin).await?;
    // The name is this run's own (a UUID), never input.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await?;
    let url = match admin.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => anyhow::bail!("no database in {admin}"),
    };
    let result = comparison_on("PostgreSQL", &url, dir, runs).await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut conn)
    .await?;
    result
}

/// Fills a fresh database at `url` and times the comparison of a year and a half-year.
async fn comparison_on(
    backend: &str,
    url: &str,
    dir: &std::path::Path,
    runs: usize,
) -> anyhow::Result<()> {
    let db = Db::connect(url, 4).await?;
    db.migrate().await?;
    let started = Instant::now();
    let rows = fill::centre(&db, dir).await?;
    println!(
        "  {backend}: {rows} bundles of 100 sites stored in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let tenant = tenant::get(&db).await?.context("the centre's tenant")?;
    for period in ["2025", "2025-H1"] {
        let period: ExchangePeriod = period.parse()?;
        let mut assembled = Vec::with_capacity(runs);
        let mut built = Vec::with_capacity(runs);
        let mut sites = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let document = comparison::assemble(&db, &tenant, period).await?;
            assembled.push(start.elapsed());
            let start = Instant::now();
            let report = standortvergleich::build(&document, &Labels::default());
            built.push(start.elapsed());
            std::hint::black_box(report);
            sites = document.sites.len();
        }
        println!(
            "  {backend} {period}: {sites} sites — assemble {}; base report {}",
            spread(&mut assembled),
            spread(&mut built)
        );
    }
    db.pool.close().await;
    Ok(())
}

/// "min / median / max" in milliseconds.
fn spread(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    match (times.first(), times.get(times.len() / 2), times.last()) {
        (Some(min), Some(median), Some(max)) => {
            format!("{:.1} / {:.1} / {:.1} ms", ms(*min), ms(*median), ms(*max))
        }
        _ => "no runs".to_owned(),
    }
}

/// (b): the host's verify of a signed delivery against the bare ed25519 verify.
fn verifications(dir: &std::path::Path, iterations: u32) -> anyhow::Result<()> {
    let (key, _) = SiteKey::load_or_create(&dir.join("site"))?;
    let body = serde_json::to_vec(&fill::bundle("nordstadt", 1, "2025", 7))?;
    let target: http::Uri = "https://servicestelle.example.de/federation/v1/bundles".parse()?;
    let mut request = http::Request::post(target.clone())
        .header("content-type", "application/json")
        .body(body.clone())?;
    let now = SystemTime::now();
    signature::sign_at(&mut request, &key, now, "bench-nonce-0000")
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let public = key.public();
    signature::verify(&request, public, &target, now).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let start = Instant::now();
    for _ in 0..iterations {
        let verified = signature::verify(std::hint::black_box(&request), public, &target, now);
        std::hint::black_box(verified.is_ok());
    }
    let host = start.elapsed();

    let signing = SigningKey::from_bytes(&[7; 32]);
    let verifying = signing.verifying_key();
    let message = vec![b'x'; 300];
    let sig = signing.sign(&message);
    let start = Instant::now();
    for _ in 0..iterations {
        let ok = verifying
            .verify(std::hint::black_box(&message), &sig)
            .is_ok();
        std::hint::black_box(ok);
    }
    let bare = start.elapsed();
    let per_second = |d: Duration| f64::from(iterations) / d.as_secs_f64();
    println!(
        "  federation::signature::verify ({} B body): {:.0}/s ({:.1} µs each)",
        body.len(),
        per_second(host),
        host.as_secs_f64() * 1e6 / f64::from(iterations)
    );
    println!(
        "  bare ed25519 verify (300 B):         {:.0}/s ({:.1} µs each)",
        per_second(bare),
        bare.as_secs_f64() * 1e6 / f64::from(iterations)
    );
    Ok(())
}
