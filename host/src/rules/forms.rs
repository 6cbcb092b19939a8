//! Forms as the rules shape them: the base form schemas (`schemas/forms/`, compiled into
//! the binary) and each municipality's effective schema — the base adapted by its active
//! plugin's `adapt-form`, checked as a draft 2020-12 schema of an object and compiled.
//!
//! Adapted forms are kept per plugin version (see `cache`); failed calls are not kept, as a
//! timeout may not recur. The base forms are compiled once per [`Rules`].

use std::sync::{Arc, OnceLock};

use jsonschema::{Draft, Validator};
use serde_json::Value;

use super::{Failure, OwnedRequest, Question, Rules, invalid, schema_cost};
use crate::db::Id;
use crate::error::Error;
use crate::plugins::{Answer, FormKind};

/// The `$schema` every form schema declares (an adapted one may also leave it out).
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The text of the base form of `kind` as written (pages read the fields' order from it).
pub fn base_text(kind: FormKind) -> &'static str {
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
    /// The plugin version whose adaptation this is; `None` for a base form.
    pub adapted_by: Option<Id>,
    /// Why the plugin's adaptation could not be used, when the base stands in for it.
    /// `None`: no plugin, no adaptation, or the adaptation is used.
    pub fallback: Option<Failure>,
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

/// The base forms, compiled on first use.
#[derive(Default)]
pub struct Bases {
    forms: [OnceLock<Arc<Form>>; 6],
}

impl Bases {
    /// The base form of `kind`.
    pub fn get(&self, kind: FormKind) -> Result<Arc<Form>, Error> {
        let cell = &self.forms[kind.index()];
        if let Some(form) = cell.get() {
            return Ok(form.clone());
        }
        let form = base(kind)?;
        Ok(cell.get_or_init(|| Arc::new(form)).clone())
    }
}

/// Compiles the base form of `kind`.
pub fn base(kind: FormKind) -> Result<Form, Error> {
    let name = kind.name();
    let schema: Value = serde_json::from_str(base_text(kind))
        .map_err(|e| anyhow::anyhow!("base form {name} is not JSON: {e}"))?;
    let validator =
        compile(&schema).map_err(|e| anyhow::anyhow!("base form {name} is invalid: {e}"))?;
    Ok(Form { schema, validator })
}

impl Rules {
    /// The municipality's effective form of `kind`. Never fails because of the plugin: when
    /// it fails or answers with an invalid schema, the base stands in and `fallback` says
    /// why (the failure policy's `form` row).
    pub async fn form(
        &self,
        municipality: Id,
        slug: &str,
        kind: FormKind,
    ) -> Result<Effective, Error> {
        let question = Question::Form;
        let base = self.bases.get(kind)?;
        let plain = |fallback: Option<Failure>| Effective {
            form: base.clone(),
            adapted_by: None,
            fallback,
        };
        let version = match self.active_version(question, municipality).await {
            Ok(Some(version)) => version,
            Ok(None) => return Ok(plain(None)),
            Err(failure) => return Ok(plain(Some(failure))),
        };
        if let Some(hit) = self.cache.form(municipality, version, kind) {
            return Ok(hit);
        }
        let request = OwnedRequest::AdaptForm(kind, base.schema.to_string());
        let (version, answer) = match self.ask(question, municipality, slug, request).await {
            Ok(Some(answered)) => answered,
            Ok(None) => return Ok(plain(None)),
            Err(failure) => return Ok(plain(Some(failure))),
        };
        let effective = match answer {
            Answer::Json(schema) => match schema_cost::cost(&schema).and_then(|_| compile(&schema))
            {
                Ok(validator) => Effective {
                    form: Arc::new(Form { schema, validator }),
                    adapted_by: Some(version),
                    fallback: None,
                },
                Err(reason) => plain(Some(invalid(question, version, &reason))),
            },
            _ => plain(Some(invalid(question, version, "no JSON document"))),
        };
        self.cache
            .keep_form(municipality, version, kind, &effective);
        Ok(effective)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_base_form_compiles_and_is_named_in_both_directions() {
        for (kind, name) in crate::plugins::contract::FORM_KINDS {
            assert!(base(kind).is_ok(), "{name}");
            assert_eq!(FormKind::parse(name), Some(kind));
            assert_eq!(kind.name(), name);
        }
        assert_eq!(FormKind::parse("antrag"), None);
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
