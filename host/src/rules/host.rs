//! [`PluginHost`]: runs a municipality's active plugin version. Only [`super::Rules`] and
//! the plugin registry use it; features ask the rules.
//!
//! One shared [`Runtime`] (created on first use), the compiled active versions kept in
//! memory, the active version looked up through a cache at most `active_ttl` old, a
//! per-municipality limit on concurrent calls (a runaway plugin occupies at most that many
//! cores; [`Lane`]), and statistics of every call. Calls run on the lane's threads, never on
//! the async workers. For the registry it also keeps the uploads in flight, one per municipality
//! ([`Uploads`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

use super::lane::{Lane, Unran};
use super::stats::{CallStats, Stats};
use super::store;
use super::uploads::{NotNow, UploadTurn, Uploads};
use crate::config::PluginSettings;
use crate::db::{Db, Id, Timestamp};
use crate::plugins::{
    Answer, Cache, CallContext, CallError, FormKind, LoadError, Measured, Plugin, Request, Runtime,
};

/// A stored version that failed to load is not retried on every call before this passed:
/// compiling is expensive, and the failure (say, after a host upgrade) rarely heals.
const RETRY_LOAD_AFTER: Duration = Duration::from_secs(30);

/// A hook call with its input owned, so it can move to a lane's thread.
#[derive(Clone, Debug)]
pub enum OwnedRequest {
    Describe,
    AdaptTaskMatrix(String),
    AdaptForm(FormKind, String),
    Validate(FormKind, String),
    Route(String),
    BuildReport(String),
}

impl OwnedRequest {
    pub fn as_request(&self) -> Request<'_> {
        match self {
            OwnedRequest::Describe => Request::Describe,
            OwnedRequest::AdaptTaskMatrix(s) => Request::AdaptTaskMatrix(s),
            OwnedRequest::AdaptForm(kind, s) => Request::AdaptForm(*kind, s),
            OwnedRequest::Validate(kind, s) => Request::Validate(*kind, s),
            OwnedRequest::Route(s) => Request::Route(s),
            OwnedRequest::BuildReport(s) => Request::BuildReport(s),
        }
    }
}

/// A successful call.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The version that answered.
    pub version_id: Id,
    /// `Answer::NotImplemented` when the plugin lacks the hook: apply the base behaviour.
    pub answer: Answer,
    pub duration: Duration,
}

/// Why a call gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The municipality has no active plugin: apply the base behaviour.
    #[error("no plugin is active")]
    NotInstalled,
    /// The plugin refused or failed (see `CallError::code`, `CallError::message_de`).
    #[error("plugin version {version_id} failed: {error}")]
    Plugin { version_id: Id, error: CallError },
    /// The stored component no longer loads (for example after a host upgrade).
    #[error("plugin version {version_id} does not load: {error}")]
    Load { version_id: Id, error: LoadError },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for HostError {
    fn from(e: sqlx::Error) -> HostError {
        HostError::Internal(e.into())
    }
}

/// A version ready to call, with the labels its statistics carry.
struct Loaded {
    plugin: Plugin,
    municipality: String,
    label: String,
}

/// The active version of a municipality as last read, and when (`None`: read again).
type Active = (Option<Id>, Option<Instant>);

/// The plugin side of the app state; cheap to clone.
#[derive(Clone)]
pub struct PluginHost {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    settings: PluginSettings,
    runtime: OnceCell<Arc<Runtime>>,
    loaded: Mutex<HashMap<Id, Arc<OnceCell<Arc<Loaded>>>>>,
    failed: Mutex<HashMap<Id, (LoadError, Instant)>>,
    active: Mutex<HashMap<Id, Active>>,
    lanes: Mutex<HashMap<Id, Arc<Lane<Measured>>>>,
    uploads: Uploads,
    stats: Stats,
}

impl PluginHost {
    /// A host for this database. The engine is created on first use, so processes and tests
    /// that never touch a plugin do not pay for it.
    pub fn new(db: Db, settings: PluginSettings) -> PluginHost {
        PluginHost {
            inner: Arc::new(Inner {
                db,
                settings,
                runtime: OnceCell::new(),
                loaded: Mutex::default(),
                failed: Mutex::default(),
                active: Mutex::default(),
                lanes: Mutex::default(),
                uploads: Uploads::default(),
                stats: Stats::default(),
            }),
        }
    }

    pub fn settings(&self) -> &PluginSettings {
        &self.inner.settings
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The municipality's turn to upload the component `sha256` (see [`Uploads`]).
    pub async fn upload_turn(
        &self,
        municipality_id: Id,
        sha256: &str,
    ) -> Result<UploadTurn, NotNow> {
        self.inner.uploads.turn(municipality_id, sha256).await
    }

    /// The digest this host recorded for the compiled artifact of a component.
    pub async fn artifact_digest(&self, sha256: &str) -> Result<Option<String>, sqlx::Error> {
        store::artifact_digest(&self.inner.db, sha256).await
    }

    /// The shared runtime.
    pub async fn runtime(&self) -> anyhow::Result<Arc<Runtime>> {
        let settings = &self.inner.settings;
        self.inner
            .runtime
            .get_or_try_init(|| async {
                let cache = settings.cache_dir.clone().map(Cache::new);
                let runtime = Runtime::new(settings.limits.clone(), cache)?;
                Ok::<_, anyhow::Error>(Arc::new(runtime.with_compiler(settings.compiler.clone())))
            })
            .await
            .cloned()
    }

    /// Calls the municipality's active plugin. [`HostError::NotInstalled`] means: none is
    /// active, apply the base behaviour.
    pub async fn call(
        &self,
        municipality_id: Id,
        slug: &str,
        request: OwnedRequest,
    ) -> Result<Outcome, HostError> {
        let version_id = self
            .active_version(municipality_id)
            .await?
            .ok_or(HostError::NotInstalled)?;
        let loaded = self.loaded(version_id).await?;
        let runtime = self.runtime().await?;
        let labels = (loaded.municipality.as_str(), loaded.label.as_str());
        let hook = request.as_request().hook().name();
        let context = call_context(slug);
        let plugin = loaded.clone();
        let lane = self.lane(municipality_id);
        let measured = match lane
            .run(move || runtime.call(&plugin.plugin, context, request.as_request()))
            .await
        {
            Ok(measured) => measured,
            Err(Unran::Busy) => {
                let error = CallError::Busy;
                self.inner
                    .stats
                    .record(version_id, labels, hook, None, Some(error.code()));
                return Err(HostError::Plugin { version_id, error });
            }
            Err(Unran::Failed) => {
                return Err(HostError::Internal(anyhow::anyhow!(
                    "the thread of a plugin call failed"
                )));
            }
        };
        let error = measured.result.as_ref().err().map(CallError::code);
        self.inner
            .stats
            .record(version_id, labels, hook, Some(measured.duration), error);
        match measured.result {
            Ok(answer) => Ok(Outcome {
                version_id,
                answer,
                duration: measured.duration,
            }),
            Err(error) => Err(HostError::Plugin { version_id, error }),
        }
    }

    /// The active version, from a cache at most `active_ttl` old. When it changed, the
    /// compiled previous version is let go (calls still running keep their own reference).
    pub async fn active_version(&self, municipality_id: Id) -> Result<Option<Id>, HostError> {
        let ttl = self.inner.settings.active_ttl;
        let cached = lock(&self.inner.active).get(&municipality_id).copied();
        if let Some((version, Some(at))) = cached
            && at.elapsed() < ttl
        {
            return Ok(version);
        }
        let version = store::active_version(&self.inner.db, municipality_id).await?;
        lock(&self.inner.active).insert(municipality_id, (version, Some(Instant::now())));
        if let Some((Some(previous), _)) = cached
            && Some(previous) != version
        {
            lock(&self.inner.loaded).remove(&previous);
        }
        Ok(version)
    }

    /// Makes the next call read the active version again, after this process switched it.
    pub fn forget_active(&self, municipality_id: Id) {
        if let Some(entry) = lock(&self.inner.active).get_mut(&municipality_id) {
            entry.1 = None;
        }
    }

    /// This process's statistics of a version.
    pub fn stats(&self, version_id: Id) -> CallStats {
        self.inner.stats.snapshot(version_id)
    }

    /// The Prometheus series of plugin calls.
    pub fn render_metrics(&self) -> String {
        self.inner.stats.render()
    }

    /// The compiled version, loading it on first use (once, however many calls wait).
    async fn loaded(&self, version_id: Id) -> Result<Arc<Loaded>, HostError> {
        if let Some((error, at)) = lock(&self.inner.failed).get(&version_id)
            && at.elapsed() < RETRY_LOAD_AFTER
        {
            let error = error.clone();
            return Err(HostError::Load { version_id, error });
        }
        let cell = lock(&self.inner.loaded)
            .entry(version_id)
            .or_default()
            .clone();
        let loaded = cell
            .get_or_try_init(|| self.load(version_id))
            .await
            .cloned();
        if let Err(HostError::Load { error, .. }) = &loaded {
            tracing::warn!(%version_id, %error, "a stored plugin version does not load");
            lock(&self.inner.failed).insert(version_id, (error.clone(), Instant::now()));
        }
        loaded
    }

    async fn load(&self, version_id: Id) -> Result<Arc<Loaded>, HostError> {
        let db = &self.inner.db;
        let stored = store::stored(db, version_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("plugin version {version_id} is gone"))?;
        let sha256 = crate::plugins::sha256(&stored.component);
        let digest = store::artifact_digest(db, &sha256).await?;
        let runtime = self.runtime().await?;
        let component = stored.component;
        let plugin =
            tokio::task::spawn_blocking(move || runtime.load(&component, digest.as_deref()))
                .await
                .map_err(|e| HostError::Internal(e.into()))?
                .map_err(|error| HostError::Load { version_id, error })?;
        self.remember_artifact(&plugin).await;
        Ok(Arc::new(Loaded {
            plugin,
            municipality: stored.slug,
            label: format!("{}@{}", stored.name, stored.version),
        }))
    }

    /// Records the digest of an artifact the runtime just wrote, so a later start may load it.
    pub async fn remember_artifact(&self, plugin: &Plugin) {
        let Some(digest) = &plugin.artifact_sha256 else {
            return;
        };
        if let Err(e) = store::record_artifact(&self.inner.db, &plugin.sha256, digest).await {
            tracing::warn!(error = %e, "could not record a plugin artifact digest");
        }
    }

    fn lane(&self, municipality_id: Id) -> Arc<Lane<Measured>> {
        let settings = &self.inner.settings;
        lock(&self.inner.lanes)
            .entry(municipality_id)
            .or_insert_with(|| {
                Lane::new(
                    settings.calls_per_municipality,
                    settings.queue_timeout,
                    "quartier-plugin-call".into(),
                )
            })
            .clone()
    }
}

/// What a plugin learns about its call: its municipality, the language, and the time.
pub fn call_context(slug: &str) -> CallContext {
    CallContext {
        municipality: slug.to_owned(),
        locale: "de".to_owned(),
        now: Timestamp::now().to_db(),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
