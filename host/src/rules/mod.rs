//! The municipality's rules: the one typed layer between the features and the municipal
//! plugins (Spin calls this a trigger; CONVENTIONS 19).
//!
//! A feature asks a question — [`Rules::describe`], [`Rules::form`], [`Rules::validate`],
//! [`Rules::route_fund_application`], [`Rules::route_concern`], [`Rules::task_matrix`],
//! [`Rules::build_report`] — with a typed document and gets a [`Ruling`]: the plugin
//! answered (its output already decoded and checked against `schemas/plugin/`), the base
//! behaviour applies (no plugin, hook not written, or the plugin left it to the host), or
//! the plugin failed and [`policy`] says what the feature does and what people see. No
//! feature reads a plugin's JSON or decides on its own what a failure means.
//!
//! Below this layer, [`PluginHost`] runs the active version of a municipality (in the
//! sandbox of `crate::plugins`) and counts every call. `describe` and adapted forms are
//! cached per plugin version here; a version never changes, and the entries of a version
//! are dropped when the municipality switches away from it.

mod cache;
mod describe;
mod documents;
pub mod forms;
mod host;
mod lane;
mod matrix;
pub mod policy;
mod report;
mod route;
pub mod schema_cost;
mod stats;
mod store;
mod uploads;
mod validate;

use std::sync::Arc;

use crate::config::PluginSettings;
use crate::db::{Db, Id};
use crate::plugins::Answer;

pub use describe::{Description, check_description};
pub use forms::{Effective, Form};
pub use host::{HostError, Outcome, OwnedRequest, PluginHost, call_context};
pub use policy::{Consequence, Failure, FailureKind, Question};
pub use report::Report;
pub use route::{ConcernRoute, RouteDecision, RouteRequest, Step, StepAction};
pub use stats::CallStats;
pub use uploads::{NotNow, UploadTurn};
pub use validate::{Finding, Severity};

/// What the municipality's rules said about one question.
#[derive(Clone, Debug)]
pub enum Ruling<T> {
    /// The plugin answered; the answer is decoded and checked.
    Answered { version: Id, answer: T },
    /// No plugin is active, it lacks the hook, or it left the question to the host: the
    /// base behaviour applies.
    Base,
    /// The plugin failed: the base behaviour applies, and [`Failure::consequence`] says
    /// what else the feature does.
    Failed(Failure),
}

impl<T> Ruling<T> {
    /// The failure, if the plugin failed.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Ruling::Failed(failure) => Some(failure),
            _ => None,
        }
    }
}

/// The rules of every municipality on this host; cheap to clone.
#[derive(Clone)]
pub struct Rules {
    host: PluginHost,
    cache: Arc<cache::Cache>,
    documents: Arc<documents::Checks>,
    bases: Arc<forms::Bases>,
}

impl Rules {
    pub fn new(db: Db, settings: PluginSettings) -> Rules {
        Rules {
            host: PluginHost::new(db, settings),
            cache: Arc::default(),
            documents: Arc::default(),
            bases: Arc::default(),
        }
    }

    /// The plugin host, for the registry (install, activate, statistics) — not for features.
    pub fn plugins(&self) -> &PluginHost {
        &self.host
    }

    /// Makes the next question read the municipality's active version again, after this
    /// process switched it, and lets go of what was cached for the previous one.
    pub fn forget_active(&self, municipality: Id) {
        self.host.forget_active(municipality);
    }

    /// Asks the active plugin. `Ok(None)`: no plugin, or the hook is not implemented.
    #[tracing::instrument(skip_all, fields(municipality = slug, question = ?question), err(level = "warn"))]
    async fn ask(
        &self,
        question: Question,
        municipality: Id,
        slug: &str,
        request: OwnedRequest,
    ) -> Result<Option<(Id, Answer)>, Failure> {
        match self.host.call(municipality, slug, request).await {
            Ok(outcome) => match outcome.answer {
                Answer::NotImplemented => Ok(None),
                answer => Ok(Some((outcome.version_id, answer))),
            },
            Err(HostError::NotInstalled) => Ok(None),
            Err(HostError::Plugin { version_id, error }) => {
                Err(Failure::call(question, version_id, &error))
            }
            Err(HostError::Load { version_id, error }) => {
                Err(Failure::load(question, version_id, &error))
            }
            Err(HostError::Internal(e)) => {
                tracing::error!(error = format!("{e:#}"), "asking the plugin failed");
                Err(Failure::internal(question))
            }
        }
    }

    /// Asks for a JSON document of kind `document`: checked against its schema, then
    /// decoded into `T`.
    async fn ask_document<T: serde::de::DeserializeOwned>(
        &self,
        question: Question,
        document: documents::Document,
        municipality: Id,
        slug: &str,
        request: OwnedRequest,
    ) -> Ruling<T> {
        let (version, json) = match self.ask(question, municipality, slug, request).await {
            Ok(None) => return Ruling::Base,
            Ok(Some((version, Answer::Json(json)))) => (version, json),
            Ok(Some((version, _))) => {
                return Ruling::Failed(invalid(question, version, "no JSON document"));
            }
            Err(failure) => return Ruling::Failed(failure),
        };
        if let Some(violation) = self.documents.violation(document, &json) {
            return Ruling::Failed(invalid(question, version, &violation));
        }
        match serde_json::from_value(json) {
            Ok(answer) => Ruling::Answered { version, answer },
            Err(e) => Ruling::Failed(invalid(question, version, &e.to_string())),
        }
    }

    /// The version active for the municipality; a lookup failure is a [`Failure`].
    async fn active_version(
        &self,
        question: Question,
        municipality: Id,
    ) -> Result<Option<Id>, Failure> {
        self.host.active_version(municipality).await.map_err(|e| {
            tracing::error!(error = %e, "could not look up the active plugin");
            Failure::internal(question)
        })
    }
}

/// Logs an answer that is no valid document of its kind and turns it into a failure.
fn invalid(question: Question, version: Id, reason: &str) -> Failure {
    tracing::warn!(%version, ?question, reason, "the plugin's answer is refused");
    Failure::invalid_output(question, version)
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} failed: {}", self.question, self.code)
    }
}

impl std::error::Error for Failure {}
