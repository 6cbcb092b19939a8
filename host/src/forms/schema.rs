//! The base form schemas (`schemas/forms/`, compiled into the binary) and each
//! municipality's effective schema: the base adapted by its active plugin's `adapt-form`,
//! re-checked as a draft 2020-12 schema and compiled.
//!
//! Compiled forms are cached in this process: the bases once, the adaptations per
//! (plugin version, form kind). A version's adaptation never changes (versions are
//! immutable and `adapt-form` sees nothing but the base and the call context), and version
//! ids are unique across databases, so the cache needs no invalidation and is safely shared
//! by every app in the process. Failed calls are not cached: a timeout may not recur.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::{Draft, Validator};
use serde_json::Value;

use crate::app::AppState;
use crate::db::Id;
use crate::error::Error;
use crate::plugin_registry::{HostError, OwnedRequest};
use crate::plugins::{Answer, FormKind};

/// The `$schema` every form schema declares (an adapted one may also leave it out).
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// Cached adaptations before the cache is emptied: far more than the versions × kinds one
/// process sees between restarts, small enough to never matter for memory.
const CACHE_MAX: usize = 4096;

/// The form kinds with their names in URLs and files, in WIT order.
pub const KINDS: [(FormKind, &str); 6] = [
    (FormKind::FundApplication, "fund-application"),
    (FormKind::Concern, "concern"),
    (FormKind::ProjectDossier, "project-dossier"),
    (FormKind::Contract, "contract"),
    (FormKind::MeetingMinutes, "meeting-minutes"),
    (FormKind::SelfEvaluation, "self-evaluation"),
];

/// The kind named `name` (`fund-application`, `concern`, …).
pub fn parse_kind(name: &str) -> Option<FormKind> {
    KINDS.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
}

pub fn kind_name(kind: FormKind) -> &'static str {
    KINDS[index(kind)].1
}

fn index(kind: FormKind) -> usize {
    match kind {
        FormKind::FundApplication => 0,
        FormKind::Concern => 1,
        FormKind::ProjectDossier => 2,
        FormKind::Contract => 3,
        FormKind::MeetingMinutes => 4,
        FormKind::SelfEvaluation => 5,
    }
}

fn base_text(kind: FormKind) -> &'static str {
    match kind {
        FormKind::FundApplication => {
            include_str!("../../../schemas/forms/fund-application.schema.json")
        }
        FormKind::Concern => include_str!("../../../schemas/forms/concern.schema.json"),
        FormKind::ProjectDossier => {
            include_str!("../../../schemas/forms/project-dossier.schema.json")
        }
        FormKind::Contract => include_str!("../../../schemas/forms/contract.schema.json"),
        FormKind::MeetingMinutes => {
            include_str!("../../../schemas/forms/meeting-minutes.schema.json")
        }
        FormKind::SelfEvaluation => {
            include_str!("../../../schemas/forms/self-evaluation.schema.json")
        }
    }
}

/// A compiled form schema.
pub struct Form {
    pub schema: Value,
    pub validator: Validator,
}

/// The schema a municipality's submissions of one kind are checked against.
#[derive(Clone)]
pub struct Effective {
    pub form: Arc<Form>,
    /// Why the plugin's adaptation could not be used (a stable plugin error code), when the
    /// base stands in for it. `None`: no plugin, no adaptation, or the adaptation is used.
    pub fallback: Option<String>,
}

/// Checks that `schema` is a draft 2020-12 schema of an object and compiles it (the
/// compiler also validates it against the meta-schema). Formats are asserted, so a `date`
/// must be a real date. References to other documents are not resolved.
pub fn compile(schema: &Value) -> Result<Validator, String> {
    let object = schema
        .as_object()
        .ok_or("the schema is not a JSON object")?;
    match object.get("$schema") {
        None => {}
        Some(Value::String(draft)) if draft == DRAFT_2020_12 => {}
        Some(other) => return Err(format!("unsupported $schema {other}")),
    }
    if object.get("type").and_then(Value::as_str) != Some("object") {
        return Err("the schema does not describe an object".to_owned());
    }
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// The base form of `kind`, compiled on first use.
pub fn base(kind: FormKind) -> Result<Arc<Form>, Error> {
    static BASE: [OnceLock<Arc<Form>>; 6] = [const { OnceLock::new() }; 6];
    let cell = &BASE[index(kind)];
    if let Some(form) = cell.get() {
        return Ok(form.clone());
    }
    let name = kind_name(kind);
    let schema: Value = serde_json::from_str(base_text(kind))
        .map_err(|e| anyhow::anyhow!("base form {name} is not JSON: {e}"))?;
    let validator =
        compile(&schema).map_err(|e| anyhow::anyhow!("base form {name} is invalid: {e}"))?;
    Ok(cell
        .get_or_init(|| Arc::new(Form { schema, validator }))
        .clone())
}

type Cache = Mutex<HashMap<(Id, usize), Effective>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

fn cached(version: Id, kind: FormKind) -> Option<Effective> {
    lock(cache()).get(&(version, index(kind))).cloned()
}

fn remember(version: Id, kind: FormKind, effective: &Effective) {
    let mut cache = lock(cache());
    if cache.len() >= CACHE_MAX {
        cache.clear();
    }
    cache.insert((version, index(kind)), effective.clone());
}

/// The municipality's effective form of `kind`. Never fails because of the plugin: when it
/// fails or answers with an invalid schema, the base stands in and `fallback` says why.
pub async fn effective(
    state: &AppState,
    municipality: Id,
    slug: &str,
    kind: FormKind,
) -> Result<Effective, Error> {
    let base = base(kind)?;
    let plain = |fallback: Option<&str>| Effective {
        form: base.clone(),
        fallback: fallback.map(str::to_owned),
    };
    let version = match state.plugins.active_version(municipality).await {
        Ok(Some(version)) => version,
        Ok(None) => return Ok(plain(None)),
        Err(e) => {
            tracing::warn!(error = %e, "could not look up the active plugin; base form used");
            return Ok(plain(Some("plugin_unavailable")));
        }
    };
    if let Some(hit) = cached(version, kind) {
        return Ok(hit);
    }
    let request = OwnedRequest::AdaptForm(kind, base.schema.to_string());
    let outcome = match state.plugins.call(municipality, slug, request).await {
        Ok(outcome) => outcome,
        Err(HostError::NotInstalled) => return Ok(plain(None)),
        Err(HostError::Plugin { version_id, error }) => {
            tracing::warn!(%version_id, form = kind_name(kind), %error,
                "adapt-form failed; base form used");
            return Ok(plain(Some(error.code())));
        }
        Err(HostError::Load { version_id, error }) => {
            tracing::warn!(%version_id, %error, "plugin does not load; base form used");
            return Ok(plain(Some(error.code())));
        }
        Err(HostError::Internal(e)) => {
            tracing::warn!(
                error = format!("{e:#}"),
                "plugin host failed; base form used"
            );
            return Ok(plain(Some("plugin_unavailable")));
        }
    };
    let effective = match outcome.answer {
        Answer::NotImplemented => plain(None),
        Answer::Json(schema) => match compile(&schema) {
            Ok(validator) => Effective {
                form: Arc::new(Form { schema, validator }),
                fallback: None,
            },
            Err(reason) => {
                tracing::warn!(version_id = %outcome.version_id, form = kind_name(kind),
                    %reason, "adapt-form returned an invalid schema; base form used");
                plain(Some(INVALID_SCHEMA))
            }
        },
        Answer::Findings(_) => plain(Some(INVALID_SCHEMA)),
    };
    remember(outcome.version_id, kind, &effective);
    Ok(effective)
}

/// The reason recorded when a plugin's adapted form is no valid draft 2020-12 schema.
pub const INVALID_SCHEMA: &str = "plugin_invalid_schema";

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_base_form_compiles_and_is_named_in_both_directions() {
        for (kind, name) in KINDS {
            assert!(base(kind).is_ok(), "{name}");
            assert_eq!(parse_kind(name), Some(kind));
            assert_eq!(kind_name(kind), name);
        }
        assert_eq!(parse_kind("antrag"), None);
    }

    #[test]
    fn a_schema_that_is_no_2020_12_object_schema_is_refused() {
        let ok = json!({"$schema": DRAFT_2020_12, "type": "object"});
        assert!(compile(&ok).is_ok());
        for bad in [
            json!("kein Schema"),
            json!({"type": "array"}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object"}),
            json!({"type": "object", "properties": {"a": {"type": "zahl"}}}),
            json!({"type": "object", "properties": {"a": {"minLength": -1}}}),
            json!({"type": "object", "properties": {"a": {"$ref": "https://example.org/x"}}}),
        ] {
            assert!(compile(&bad).is_err(), "{bad}");
        }
    }
}
