//! Installing an uploaded component: check and compile it, ask it to describe itself, and
//! record it as an inactive version.

use super::Actor;
use super::host::{PluginHost, context};
use super::store::{self, NewVersion};
use crate::db::Id;
use crate::plugins::{Answer, CallContext, LoadError, Plugin, Request, Runtime};

/// Why an upload was not installed.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// Not a usable component (`LoadError::code`, `LoadError::message_de`).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The plugin's `describe` failed or did not name the plugin; the German reason.
    #[error("describe failed: {0}")]
    Describe(String),
    /// The municipality already has a version with these exact bytes.
    #[error("already uploaded as version {0}")]
    Duplicate(Id),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl InstallError {
    /// The stable code of a refusal (not of an internal error).
    pub fn code(&self) -> &'static str {
        match self {
            InstallError::Load(e) => e.code(),
            InstallError::Describe(_) => "plugin_describe_failed",
            InstallError::Duplicate(_) => "already_exists",
            InstallError::Internal(_) => "internal",
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
            InstallError::Internal(_) => "Ein interner Fehler ist aufgetreten.".to_owned(),
        }
    }
}

impl PluginHost {
    /// Checks and compiles an uploaded component, asks it to describe itself and records it
    /// as an inactive version of the municipality. The compiled plugin is not kept: most
    /// uploads are activated later or never, and the artifact cache makes loading cheap.
    pub async fn install(
        &self,
        municipality_id: Id,
        slug: &str,
        bytes: Vec<u8>,
        actor: &Actor,
    ) -> Result<Id, InstallError> {
        let db = self.db();
        let sha256 = crate::plugins::sha256(&bytes);
        if let Some(id) = store::same_component(db, municipality_id, &sha256)
            .await
            .map_err(internal)?
        {
            return Err(InstallError::Duplicate(id));
        }
        let digest = store::artifact_digest(db, &sha256)
            .await
            .map_err(internal)?;
        let runtime = self.runtime().await?;
        let context = context(slug);
        let (plugin, bytes, described) = tokio::task::spawn_blocking(move || {
            let plugin = runtime.load(&bytes, digest.as_deref())?;
            let described = describe(&runtime, &plugin, context);
            Ok::<_, LoadError>((plugin, bytes, described))
        })
        .await
        .map_err(internal)??;
        let (name, version) = described.map_err(InstallError::Describe)?;
        self.remember_artifact(&plugin).await;
        let id = store::insert(
            db,
            NewVersion {
                municipality_id,
                name: &name,
                version: &version,
                contract_version: plugin.contract_version(),
                hooks: &plugin.hooks(),
                sha256: &sha256,
                bytes: &bytes,
            },
            actor,
        )
        .await
        .map_err(internal)?;
        Ok(id)
    }
}

/// Longest name or version a plugin may give itself.
const DESCRIBED_MAX: usize = 100;

/// Asks a freshly loaded plugin for its name and version; the error is German.
fn describe(
    runtime: &Runtime,
    plugin: &Plugin,
    context: CallContext,
) -> Result<(String, String), String> {
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
    let field = |key: &str| {
        json[key]
            .as_str()
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.chars().count() <= DESCRIBED_MAX)
            .map(str::to_owned)
    };
    match (field("name"), field("version")) {
        (Some(name), Some(version)) => Ok((name, version)),
        _ => Err(format!(
            "Die Selbstbeschreibung des Plugins (describe) nennt keinen gültigen Namen und keine \
             gültige Version (je höchstens {DESCRIBED_MAX} Zeichen)."
        )),
    }
}

fn internal(e: impl Into<anyhow::Error>) -> InstallError {
    InstallError::Internal(e.into())
}
