//! The operator's `quartier plugin install | list | activate | rollback | deactivate`, and
//! the plugin options of `quartier serve`. They go through the same code as the API; the
//! audit log names the operator ("Kommandozeile (USER)").

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{Actor, Change, InstallError, PluginVersion, activation, store};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::config::DbArgs;
use crate::config::PluginSettings;
use crate::db::{Db, Id};
use crate::rules::Rules;

/// How `serve` (and `plugin install`) run plugins; unset values keep the defaults of
/// `crate::plugins::Limits` (docs/architecture.md, "The plugin contract").
#[derive(Debug, Args)]
pub struct PluginArgs {
    /// Directory for compiled plugin artifacts.
    #[arg(
        long,
        env = "QUARTIER_PLUGIN_CACHE_DIR",
        default_value = "data/plugin-cache"
    )]
    pub plugin_cache_dir: PathBuf,
    /// Wall time of one hook call in milliseconds (default 50).
    #[arg(long, env = "QUARTIER_PLUGIN_CALL_TIMEOUT_MS")]
    pub plugin_call_timeout_ms: Option<u64>,
    /// Wall time of a report hook call in milliseconds (default 200).
    #[arg(long, env = "QUARTIER_PLUGIN_REPORT_TIMEOUT_MS")]
    pub plugin_report_timeout_ms: Option<u64>,
    /// Memory of one plugin instance in MiB (default 32).
    #[arg(long, env = "QUARTIER_PLUGIN_MEMORY_MIB")]
    pub plugin_memory_mib: Option<usize>,
    /// Largest accepted component in KiB (default 4096).
    #[arg(long, env = "QUARTIER_PLUGIN_MAX_COMPONENT_KIB")]
    pub plugin_max_component_kib: Option<usize>,
    /// Hook calls one municipality may run at once (default 1).
    #[arg(long, env = "QUARTIER_PLUGIN_CALLS_PER_MUNICIPALITY")]
    pub plugin_calls_per_municipality: Option<usize>,
    /// Plugin compilations that may run at once on this host (default 1).
    #[arg(long, env = "QUARTIER_PLUGIN_COMPILES_AT_ONCE")]
    pub plugin_compiles_at_once: Option<usize>,
    /// Plugin versions one municipality may store (default 50).
    #[arg(long, env = "QUARTIER_PLUGIN_MAX_VERSIONS")]
    pub plugin_max_versions: Option<u32>,
    /// MiB of plugin components one municipality may store (default 200).
    #[arg(long, env = "QUARTIER_PLUGIN_MAX_STORED_MIB")]
    pub plugin_max_stored_mib: Option<u64>,
}

impl PluginArgs {
    pub fn settings(&self) -> PluginSettings {
        let mut s = PluginSettings {
            cache_dir: Some(self.plugin_cache_dir.clone()),
            compiler: crate::config::own_executable(),
            ..PluginSettings::default()
        };
        if let Some(ms) = self.plugin_call_timeout_ms {
            s.limits.call_timeout = Duration::from_millis(ms);
        }
        if let Some(ms) = self.plugin_report_timeout_ms {
            s.limits.report_timeout = Duration::from_millis(ms);
        }
        if let Some(mib) = self.plugin_memory_mib {
            s.limits.memory_bytes = mib << 20;
        }
        if let Some(kib) = self.plugin_max_component_kib {
            s.limits.component_bytes = kib << 10;
        }
        if let Some(n) = self.plugin_calls_per_municipality {
            s.calls_per_municipality = n.max(1);
        }
        if let Some(n) = self.plugin_compiles_at_once {
            s.limits.compiles_at_once = n.max(1);
        }
        if let Some(n) = self.plugin_max_versions {
            s.max_versions = n;
        }
        if let Some(mib) = self.plugin_max_stored_mib {
            s.max_stored_bytes = mib << 20;
        }
        s
    }
}

#[derive(Debug, Args)]
pub struct MunicipalityArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The municipality's slug.
    #[arg(long)]
    pub municipality: String,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    #[command(flatten)]
    pub target: MunicipalityArgs,
    #[command(flatten)]
    pub plugins: PluginArgs,
    /// The component (`NAME.wasm`, built with `quartier plugin build`).
    pub file: PathBuf,
    /// Activate the new version right away.
    #[arg(long)]
    pub activate: bool,
}

#[derive(Debug, Args)]
pub struct ActivateArgs {
    #[command(flatten)]
    pub target: MunicipalityArgs,
    /// The version's id (see `quartier plugin list`).
    pub id: Id,
}

impl MunicipalityArgs {
    pub async fn open(&self) -> anyhow::Result<(Db, Id)> {
        let db = self.db.open().await?;
        let id = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
            .bind(&self.municipality)
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(|| {
                anyhow::anyhow!("keine Kommune mit dem Kürzel {:?}", self.municipality)
            })?;
        Ok((db, id))
    }
}

pub async fn install(args: InstallArgs) -> anyhow::Result<()> {
    let (db, municipality) = args.target.open().await?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| anyhow::anyhow!("{} nicht lesbar: {e}", args.file.display()))?;
    let rules = Rules::new(db.clone(), args.plugins.settings());
    let actor = Actor::operator();
    let id = match super::install(
        &rules,
        municipality,
        &args.target.municipality,
        bytes,
        &actor,
    )
    .await
    {
        Ok(id) => id,
        Err(InstallError::Internal(e)) => return Err(e),
        Err(e) => anyhow::bail!("{} ({})", e.message_de(), e.code()),
    };
    if args.activate {
        activation::change(&db, municipality, Change::Activate(id), &actor).await?;
    }
    let version = store::load(&db, municipality, id).await?;
    println!("Plugin installiert: {}", line(&version));
    println!("Hooks: {}", version.hooks.join(", "));
    println!("SHA-256: {}", version.sha256);
    if !args.activate {
        println!("Aktivieren mit: {}", activate_line(&args.target, id));
        if password(&args.target.db.database_url).is_some() {
            println!("(Das Passwort der Datenbank-URL ist ausgelassen: statt *** einsetzen.)");
        }
    }
    Ok(())
}

/// The `activate` command for the version just installed, ready to paste: it names the same
/// database unless that is the default, with a password in the URL replaced by `***` (the
/// line may end up in a terminal log).
fn activate_line(target: &MunicipalityArgs, id: Id) -> String {
    let url = &target.db.database_url;
    let database = if url == crate::config::DEFAULT_DATABASE_URL {
        String::new()
    } else {
        let shown = match password(url) {
            Some(range) => format!("{}***{}", &url[..range.start], &url[range.end..]),
            None => url.clone(),
        };
        format!(" --database-url {}", shell_quoted(&shown))
    };
    format!(
        "quartier plugin activate{database} --municipality {} {id}",
        shell_quoted(&target.municipality)
    )
}

/// Where the password of `scheme://user:password@host/…` is, if the URL has one.
fn password(url: &str) -> Option<std::ops::Range<usize>> {
    let authority_start = url.find("://")? + 3;
    let authority_end = url[authority_start..]
        .find('/')
        .map_or(url.len(), |i| authority_start + i);
    let at = url[authority_start..authority_end].rfind('@')? + authority_start;
    let colon = url[authority_start..at].find(':')? + authority_start;
    Some(colon + 1..at)
}

/// `text` as one POSIX shell word.
fn shell_quoted(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./:@=+,%".contains(c));
    if plain && !text.is_empty() {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

pub async fn list(args: MunicipalityArgs) -> anyhow::Result<()> {
    let (db, municipality) = args.open().await?;
    let page = PageParams {
        limit: Some(MAX_LIMIT),
        ..PageParams::default()
    };
    let versions = store::list(&db, municipality, page).await?;
    if versions.items.is_empty() {
        println!("Keine Plugins installiert.");
    }
    for version in &versions.items {
        println!("{}", line(version));
    }
    Ok(())
}

pub async fn activate(args: ActivateArgs) -> anyhow::Result<()> {
    let (db, municipality) = args.target.open().await?;
    store::load(&db, municipality, args.id)
        .await
        .map_err(|_| anyhow::anyhow!("keine Plugin-Version {} in dieser Kommune", args.id))?;
    switch(&db, municipality, Change::Activate(args.id)).await
}

pub async fn rollback(args: MunicipalityArgs) -> anyhow::Result<()> {
    let (db, municipality) = args.open().await?;
    switch(&db, municipality, Change::RollBack).await
}

pub async fn deactivate(args: MunicipalityArgs) -> anyhow::Result<()> {
    let (db, municipality) = args.open().await?;
    switch(&db, municipality, Change::Deactivate).await
}

async fn switch(db: &Db, municipality: Id, change: Change) -> anyhow::Result<()> {
    let active = activation::change(db, municipality, change, &Actor::operator())
        .await
        .map_err(|e| match e {
            crate::error::Error::Client(code, _) => anyhow::anyhow!("{}", code.de()),
            other => anyhow::anyhow!(other),
        })?;
    match active {
        Some(id) => println!("Aktiv: {}", line(&store::load(db, municipality, id).await?)),
        None => println!("Kein Plugin aktiv: überall gilt das Grundverhalten."),
    }
    Ok(())
}

/// One version on one line: id, name, version, contract, size, whether active.
fn line(v: &PluginVersion) -> String {
    format!(
        "{}  {} {}  (Vertrag {}, {} KiB, hochgeladen {} von {}){}",
        v.id,
        v.name,
        v.version,
        v.contract_version,
        (v.size_bytes + 1023) / 1024,
        v.created_at.0.format("%Y-%m-%d %H:%M"),
        v.uploaded_by,
        if v.active { "  [aktiv]" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DbArgs;

    fn target(url: &str) -> MunicipalityArgs {
        MunicipalityArgs {
            db: DbArgs {
                database_url: url.to_owned(),
            },
            municipality: "musterstadt".to_owned(),
        }
    }

    #[test]
    fn the_activate_line_names_the_database_unless_it_is_the_default() {
        let id = Id::new();
        assert_eq!(
            activate_line(&target(crate::config::DEFAULT_DATABASE_URL), id),
            format!("quartier plugin activate --municipality musterstadt {id}")
        );
        assert_eq!(
            activate_line(&target("sqlite:///srv/quartier/q.db"), id),
            format!(
                "quartier plugin activate --database-url sqlite:///srv/quartier/q.db \
                 --municipality musterstadt {id}"
            )
        );
        assert_eq!(
            activate_line(
                &target("postgres://quartier:geheim@db/quartier?sslmode=require"),
                id
            ),
            format!(
                "quartier plugin activate --database-url \
                 'postgres://quartier:***@db/quartier?sslmode=require' --municipality musterstadt {id}"
            )
        );
    }
}
