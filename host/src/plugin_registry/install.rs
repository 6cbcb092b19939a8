//! Installing an uploaded component: take the municipality's turn, check the caps, compile
//! and check it, ask it to describe itself, and record it as an inactive version.

use axum::http::StatusCode;

use super::Actor;
use super::quota::{self, Quota};
use super::store::{self, NewVersion};
use crate::db::Id;
use crate::plugins::{Answer, CallContext, LoadError, Plugin, Request, Runtime};
use crate::rules::{NotNow, Rules, call_context};

/// Why an upload was not installed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// Not a usable component (`LoadError::code`, `LoadError::message_de`).
    #[error(transparent)]
    Load(LoadError),
    /// The plugin's `describe` failed or did not name the plugin; the German reason.
    #[error("describe failed: {0}")]
    Describe(String),
    /// The municipality already has a version with these exact bytes.
    #[error("already uploaded as version {0}")]
    Duplicate(Id),
    /// Another upload of the municipality is being checked (`crate::rules::NotNow`).
    #[error("another upload of the municipality is in flight")]
    Busy,
    /// The municipality stores as many versions as it may.
    #[error("the municipality stores {limit} versions, the limit")]
    TooManyVersions { limit: u32 },
    /// The component does not fit into what the municipality may store.
    #[error("{used} + {new} bytes exceed the limit of {limit}")]
    StorageFull { used: u64, new: u64, limit: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A component the host failed to compile is the host's fault, not a refusal.
impl From<LoadError> for InstallError {
    fn from(e: LoadError) -> InstallError {
        match e {
            LoadError::Compiler(_) => InstallError::Internal(e.into()),
            e => InstallError::Load(e),
        }
    }
}

impl From<sqlx::Error> for InstallError {
    fn from(e: sqlx::Error) -> InstallError {
        InstallError::Internal(e.into())
    }
}

impl InstallError {
    /// The stable code of a refusal (not of an internal error).
    pub fn code(&self) -> &'static str {
        match self {
            InstallError::Load(e) => e.code(),
            InstallError::Describe(_) => "plugin_describe_failed",
            InstallError::Duplicate(_) => "already_exists",
            InstallError::Busy => "plugin_upload_in_progress",
            InstallError::TooManyVersions { .. } => "plugin_version_limit",
            InstallError::StorageFull { .. } => "plugin_storage_limit",
            InstallError::Internal(_) => "internal",
        }
    }

    /// The HTTP status of a refusal.
    pub fn status(&self) -> StatusCode {
        match self {
            InstallError::Load(_) | InstallError::Describe(_) => StatusCode::UNPROCESSABLE_ENTITY,
            InstallError::Duplicate(_) | InstallError::TooManyVersions { .. } => {
                StatusCode::CONFLICT
            }
            InstallError::Busy => StatusCode::TOO_MANY_REQUESTS,
            InstallError::StorageFull { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            InstallError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The German message for the coordinator.
    pub fn message_de(&self) -> String {
        match self {
            InstallError::Load(e) => e.message_de(),
            InstallError::Describe(reason) => reason.clone(),
            InstallError::Duplicate(id) => {
                format!("Diese Komponente wurde bereits hochgeladen (Version {id}).")
            }
            InstallError::Busy => "Für Ihre Kommune wird gerade ein anderes Plugin hochgeladen \
                und geprüft. Bitte warten Sie, bis das abgeschlossen ist, und versuchen Sie es \
                dann erneut."
                .to_owned(),
            InstallError::TooManyVersions { limit } => format!(
                "Ihre Kommune hat bereits {limit} Plugin-Versionen gespeichert; mehr sind nicht \
                 vorgesehen. Bitte wenden Sie sich an den Betrieb des Servers, um alte Versionen \
                 entfernen oder die Grenze anheben zu lassen."
            ),
            InstallError::StorageFull { used, new, limit } => format!(
                "Die gespeicherten Plugin-Versionen Ihrer Kommune belegen {} MiB; mit dieser \
                 Komponente ({} KiB) würde die Grenze von {} MiB überschritten. Bitte wenden Sie \
                 sich an den Betrieb des Servers.",
                used.div_ceil(1 << 20),
                new.div_ceil(1 << 10),
                limit >> 20
            ),
            InstallError::Internal(_) => "Ein interner Fehler ist aufgetreten.".to_owned(),
        }
    }
}

/// Checks and compiles an uploaded component, asks it to describe itself (a description
/// that lies is refused, see `Rules::check_description`) and records it as an inactive
/// version of the municipality. One upload per municipality at a time (`crate::rules::Uploads`
/// says why); the caps are checked before compiling and decided when recording. The compiled
/// plugin is not kept: most uploads are activated later or never, and the artifact cache
/// makes loading cheap.
#[tracing::instrument(skip_all, fields(municipality = slug), err(level = "info"))]
pub async fn install(
    rules: &Rules,
    municipality_id: Id,
    slug: &str,
    bytes: Vec<u8>,
    actor: &Actor,
) -> Result<Id, InstallError> {
    let host = rules.plugins();
    let db = host.db();
    let sha256 = crate::plugins::sha256(&bytes);
    let turn = host
        .upload_turn(municipality_id, &sha256)
        .await
        .map_err(|e| match e {
            NotNow::Busy => InstallError::Busy,
            NotNow::Refused(error) => InstallError::Load(error),
        })?;
    if let Some(id) = store::same_component(&db.pool, municipality_id, &sha256).await? {
        return Err(InstallError::Duplicate(id));
    }
    let quota = Quota::of(host.settings());
    let mut conn = db.pool.acquire().await?;
    quota.check(quota::usage(&mut conn, municipality_id).await?, bytes.len())?;
    drop(conn);
    let digest = host.artifact_digest(&sha256).await.map_err(internal)?;
    let runtime = host.runtime().await?;
    let context = call_context(slug);
    // The turn moves into the blocking work too: a client that gives up does not end the
    // turn before the compilation has actually stopped.
    let held = turn.clone();
    let loaded = tokio::task::spawn_blocking(move || {
        let _turn = held;
        let plugin = runtime.load(&bytes, digest.as_deref())?;
        let described = describe(&runtime, &plugin, context);
        Ok::<_, LoadError>((plugin, bytes, described))
    })
    .await
    .map_err(internal)?;
    let (plugin, bytes, described) = loaded.inspect_err(|error| {
        if !matches!(error, LoadError::Compiler(_)) {
            turn.refused(error);
        }
    })?;
    let description = described
        .and_then(|json| rules.check_description(json))
        .map_err(InstallError::Describe)?;
    host.remember_artifact(&plugin).await;
    let new = NewVersion {
        municipality_id,
        name: &description.name,
        version: &description.version,
        contract_version: plugin.contract_version(),
        hooks: &plugin.hooks(),
        sha256: &sha256,
        bytes: &bytes,
    };
    store::insert(db, new, &quota, actor).await
}

/// Asks a freshly loaded plugin to describe itself; the error is German.
fn describe(
    runtime: &Runtime,
    plugin: &Plugin,
    context: CallContext,
) -> Result<serde_json::Value, String> {
    let answer = runtime.call(plugin, context, Request::Describe).result;
    let json = match answer {
        Ok(Answer::Json(json)) => json,
        Ok(_) => return Err("Das Plugin beschreibt sich nicht (describe fehlt).".to_owned()),
        Err(e) => {
            return Err(format!(
                "Die Selbstbeschreibung des Plugins (describe) schlug fehl: {}",
                e.message_de()
            ));
        }
    };
    Ok(json)
}

fn internal(e: impl Into<anyhow::Error>) -> InstallError {
    InstallError::Internal(e.into())
}
