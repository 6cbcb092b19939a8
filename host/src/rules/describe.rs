//! `describe`: who the plugin is and its catalogues (fields of action, concern categories,
//! funds). A description is checked against its schema and then for what a schema cannot
//! say — a key twice in one catalogue, markup or control characters in a label — so a
//! lying plugin can neither serve `"<b>fett</b>"` to residents nor offer one category
//! twice. Install refuses such a plugin; a version already installed gets the base.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;

pub use quartier_documents::Description;
use quartier_documents::Entry;

use super::documents::{Checks, Document};
use super::{OwnedRequest, Question, Rules, Ruling, invalid};
use crate::db::Id;
use crate::keys::is_stable_key;
use crate::plugins::Answer;

impl Rules {
    /// The municipality's description, asked once per plugin version.
    pub async fn describe(&self, municipality: Id, slug: &str) -> Ruling<Arc<Description>> {
        let question = Question::Describe;
        let version = match self.active_version(question, municipality).await {
            Ok(Some(version)) => version,
            Ok(None) => return Ruling::Base,
            Err(failure) => return Ruling::Failed(failure),
        };
        if let Some(hit) = self.cache.description(municipality, version) {
            return hit;
        }
        let ruling = match self
            .ask(question, municipality, slug, OwnedRequest::Describe)
            .await
        {
            Ok(None) => Ruling::Base,
            Ok(Some((version, Answer::Json(json)))) => {
                match check_description(&self.documents, json) {
                    Ok(description) => Ruling::Answered {
                        version,
                        answer: Arc::new(description),
                    },
                    Err(reason) => Ruling::Failed(invalid(question, version, &reason)),
                }
            }
            Ok(Some((version, _))) => {
                Ruling::Failed(invalid(question, version, "no JSON document"))
            }
            // Not kept: a timeout or a busy moment may not recur.
            Err(failure) => return Ruling::Failed(failure),
        };
        self.cache.keep_description(municipality, version, &ruling);
        ruling
    }

    /// Checks a description as `describe` answered it; the error is German, for the
    /// coordinator who uploads the plugin.
    pub fn check_description(&self, json: Value) -> Result<Description, String> {
        check_description(&self.documents, json)
    }
}

/// The longest catalogue a description may carry (also the schema's limit).
const CATALOGUE_MAX: usize = 200;

/// See [`Rules::check_description`].
pub fn check_description(checks: &Checks, json: Value) -> Result<Description, String> {
    if let Some(violation) = checks.violation(Document::Description, &json) {
        return Err(format!(
            "Die Selbstbeschreibung des Plugins (describe) entspricht nicht dem Schema \
             schemas/plugin/description.schema.json: {violation}"
        ));
    }
    let description: Description = serde_json::from_value(json).map_err(|e| {
        format!("Die Selbstbeschreibung des Plugins (describe) ist nicht lesbar: {e}")
    })?;
    for (name, entries) in [
        ("fields_of_action", &description.fields_of_action),
        ("concern_categories", &description.concern_categories),
    ] {
        check_catalogue(name, entries)?;
    }
    let mut kinds = HashSet::new();
    for fund in &description.funds {
        check_entry("funds", &fund.kind, &fund.label)?;
        if !kinds.insert(fund.kind.as_str()) {
            return Err(twice("funds", &fund.kind));
        }
    }
    if let Some(title) = &description.title {
        check_label("title", title)?;
    }
    Ok(description)
}

fn check_catalogue(name: &str, entries: &[Entry]) -> Result<(), String> {
    if entries.len() > CATALOGUE_MAX {
        return Err(format!(
            "Der Katalog {name} hat mehr als {CATALOGUE_MAX} Einträge."
        ));
    }
    let mut keys = HashSet::new();
    for entry in entries {
        check_entry(name, &entry.key, &entry.label)?;
        if !keys.insert(entry.key.as_str()) {
            return Err(twice(name, &entry.key));
        }
    }
    Ok(())
}

fn twice(catalogue: &str, key: &str) -> String {
    format!("Im Katalog {catalogue} steht der Schlüssel „{key}“ mehrfach.")
}

fn check_entry(catalogue: &str, key: &str, label: &str) -> Result<(), String> {
    if !is_stable_key(key) {
        return Err(format!(
            "Im Katalog {catalogue} ist „{key}“ kein gültiger Schlüssel (Kleinbuchstaben, \
             Ziffern, _ und -, höchstens 64 Zeichen)."
        ));
    }
    check_label(catalogue, label)
}

/// Labels are shown to people as text: no markup, no control characters, no blank ones.
fn check_label(place: &str, label: &str) -> Result<(), String> {
    let fine = !label.trim().is_empty()
        && label.chars().count() <= 200
        && !label
            .chars()
            .any(|c| c == '<' || c == '>' || c.is_control());
    if fine {
        Ok(())
    } else {
        Err(format!(
            "In {place} ist die Bezeichnung „{}“ ungültig (1 bis 200 Zeichen, ohne < und > \
             und ohne Steuerzeichen).",
            label.chars().take(60).collect::<String>()
        ))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(json: Value) -> Result<Description, String> {
        check_description(&Checks::default(), json)
    }

    #[test]
    fn an_honest_description_passes() {
        let d = check(json!({"name": "aachen", "version": "1.0.0",
            "concern_categories": [{"key": "wilder_muell", "label": "Wilder Müll"}],
            "funds": [{"kind": "stadtteilfonds", "label": "Stadtteilfonds"}]}))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.concern_categories.len(), 1);
    }

    #[test]
    fn a_lying_description_is_refused_with_a_german_reason() {
        for (lie, says) in [
            (json!([{"key": "Böser Schlüssel!", "label": "x"}]), "Schema"),
            (json!([{"key": "a", "label": "<b>fett</b>"}]), "Schema"),
            (
                json!([{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]),
                "mehrfach",
            ),
            (json!([{"key": "a", "label": "  "}]), "Bezeichnung"),
            (json!([{"key": "", "label": "Leer"}]), "Schema"),
        ] {
            let reason = check(json!({"name": "aachen", "version": "1.0.0",
                "concern_categories": lie}))
            .err()
            .unwrap_or_else(|| panic!("{lie} passed"));
            assert!(reason.contains(says), "{reason}");
        }
    }
}
