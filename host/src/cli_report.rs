//! `quartier report`: a report written to a file, the same as the API's
//! `GET …/reports/{kind}` gives staff, with progress on stderr (assembling, shaping,
//! rendering each take a moment on a large municipality).

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::auth::{Caller, Level, Scope};
use crate::config::{DbArgs, Settings};
use crate::db::Id;
use crate::error::Error;
use crate::plugin_registry::commands::PluginArgs;
use crate::reports::format::ReportFormat;
use crate::reports::request::{self, ReportQuery};
use crate::reports::{ReportKind, produce};
use crate::state::AppState;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    plugins: PluginArgs,
    /// The municipality's slug.
    #[arg(long)]
    municipality: String,
    /// jahresbericht, monitoring, fondsabrechnung or selbstevaluation.
    #[arg(long)]
    kind: String,
    /// The calendar year (the monitoring: its last year).
    #[arg(long, value_name = "JAHR")]
    year: Option<String>,
    /// The first day, `YYYY-MM-DD`, together with `--to`.
    #[arg(long, value_name = "DATUM")]
    from: Option<String>,
    /// The last day, `YYYY-MM-DD`, included.
    #[arg(long, value_name = "DATUM")]
    to: Option<String>,
    /// Only this area (its id) and its sub-areas.
    #[arg(long)]
    area: Option<Id>,
    /// pdf, xlsx, csv, html or json.
    #[arg(long, default_value = "pdf")]
    format: String,
    /// For csv: the table's number in the report, from 1.
    #[arg(long)]
    table: Option<usize>,
    /// Suppress counts below 5, also secondarily, as for publication.
    #[arg(long)]
    published: bool,
    /// The file to write.
    #[arg(long, value_name = "DATEI")]
    output: PathBuf,
}

pub async fn run(args: ReportArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let step = |what: &str| eprintln!("[{:>6} ms] {what}", started.elapsed().as_millis());
    let format: ReportFormat = args.format.parse().map_err(|_| {
        anyhow::anyhow!(
            "unbekanntes Format {:?}: pdf, xlsx, csv, html oder json",
            args.format
        )
    })?;
    let db = args.db.open().await?;
    let mut settings = Settings::for_database(args.db.database_url.clone());
    settings.plugins = args.plugins.settings();
    let state = AppState::new(db, settings);
    let municipality_id: Id = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(&args.municipality)
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("keine Kommune mit dem Kürzel {:?}", args.municipality))?;
    // The operator at the console sees what the municipality's staff see.
    let scope = Scope {
        municipality_id,
        slug: args.municipality.clone(),
        caller: Caller(None),
        level: Level::Staff,
    };
    let query = ReportQuery {
        year: args.year.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        area: args.area,
    };
    if ReportKind::from_key(&args.kind).is_none() {
        let kinds: Vec<&str> = ReportKind::ALL.iter().map(|k| k.key()).collect();
        anyhow::bail!(
            "unbekannte Berichtsart {:?}: {}",
            args.kind,
            kinds.join(", ")
        );
    }
    let report = request::resolve(&state.db, &scope, &args.kind, &query)
        .await
        .map_err(german)?;
    step(&format!(
        "{} für {} wird zusammengestellt …",
        report.kind.label_de(),
        report.name
    ));
    let mut made = produce::make(&state, &scope, report)
        .await
        .map_err(german)?;
    if args.published {
        made = made.for_publication();
    }
    let source = match made.shaped.source {
        crate::reports::shape::Source::Plugin => "vom Plugin der Kommune",
        crate::reports::shape::Source::Host => "als Grundbericht",
    };
    step(&format!(
        "Bericht {source} gestaltet; {} wird erzeugt …",
        format.label_de()
    ));
    if let Some(notice) = &made.shaped.notice {
        eprintln!("Hinweis: {notice}");
    }
    let rendered = made
        .render(&state.rules, format, args.table, None)
        .await
        .map_err(german)?
        .as_document()?;
    std::fs::write(&args.output, &rendered.bytes)
        .map_err(|e| anyhow::anyhow!("{} nicht schreibbar: {e}", args.output.display()))?;
    step(&format!(
        "geschrieben: {} ({} KiB)",
        args.output.display(),
        rendered.bytes.len().div_ceil(1024)
    ));
    Ok(())
}

/// A request error as the German sentence the API would answer with.
fn german(e: Error) -> anyhow::Error {
    match e {
        Error::NotFound => {
            anyhow::anyhow!("Bericht nicht gefunden (Gebiet oder Berichtsart unbekannt)")
        }
        Error::Client(code, detail) => {
            anyhow::anyhow!(
                "{} ({})",
                detail.unwrap_or_else(|| code.de().to_owned()),
                code.as_str()
            )
        }
        other => anyhow::anyhow!(other),
    }
}
