//! `quartier seed`: writes demo data into any database (`--database-url`, SQLite or
//! PostgreSQL) without serving — the Aachen demo, or the large municipality for benchmarks
//! — and says on standard output what it is doing and how long it took.

use std::time::Instant;

use crate::db::{Date, Db};
use crate::demo::{self, Options, large};

/// Which municipality `seed` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScaleArg {
    /// The Aachen demo (as `quartier demo` seeds it, without activating its plugin).
    Demo,
    /// "Stadt Musterstadt (Lastprobe)": 50 bodies, about 600 meetings, 3,000 fund
    /// applications and 20,000 concerns in its report year.
    Large,
}

/// The seed and the anchor: the start of `anchor` (a day), or of today.
pub fn options(seed: u64, anchor: Option<&str>) -> anyhow::Result<Options> {
    let day = match anchor {
        Some(text) => Date::parse(text).map_err(|e| anyhow::anyhow!("--anchor: {e}"))?,
        None => Date::today(),
    };
    Ok(Options {
        seed,
        ..Options::on(day)
    })
}

/// Seeds and prints progress with the time since the start.
pub async fn run(db: &Db, scale: ScaleArg, options: Options) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut say = |line: &str| {
        println!("[{:>6.2} s] {line}", started.elapsed().as_secs_f64());
    };
    match scale {
        ScaleArg::Demo => {
            let login = demo::seed_with(db, options).await?;
            let a = login.activity;
            say(&format!(
                "Demo „{}“ angelegt: {} Sitzungen, {} Fondsanträge, {} Anliegen, {} Maßnahmen \
                 (Berichtsjahr {}).",
                demo::NAME,
                a.meetings,
                a.applications,
                a.concerns,
                a.projects,
                login.report_year
            ));
        }
        ScaleArg::Large => {
            let seeded = large::seed(db, options, large::Scale::LARGE, &mut say).await?;
            let a = seeded.activity;
            let y = a.report_year;
            say(&format!(
                "„{}“ ({}) angelegt: {} Gremien; im Berichtsjahr {} {} Sitzungen, {} Fondsanträge, \
                 {} Anliegen; in allen {} Jahren {} Sitzungen, {} Fondsanträge, {} Anliegen, {} \
                 Einträge im Aufgabenprotokoll.",
                large::NAME,
                large::SLUG,
                seeded.bodies,
                y.year,
                y.meetings,
                y.applications,
                y.concerns,
                demo::activity::years(options.now.0).len(),
                a.meetings,
                a.applications,
                a.concerns,
                a.task_log,
            ));
        }
    }
    // After a bulk load the query planner's statistics are stale (PostgreSQL's autovacuum
    // catches up only later; SQLite keeps none until asked): refresh them, so the first
    // reports and benchmarks run with the plans the data calls for.
    sqlx::query("ANALYZE").execute(&db.pool).await?;
    say("Statistiken für die Abfrageplanung aktualisiert (ANALYZE).");
    Ok(())
}
