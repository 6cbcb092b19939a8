//! The field-of-action (*Handlungsfeld*) check against the municipality's catalogue, which
//! its active plugin announces in `describe` → `fields_of_action`.
//!
//! Without an active plugin, or when the plugin fails or lists no catalogue, any well-formed
//! key is accepted: the plugin's failure must never block or lose an entry (and is logged).

use crate::app::AppState;
use crate::auth::Scope;
use crate::plugin_registry::{HostError, OwnedRequest};
use crate::plugins::Answer;

/// The keys of the municipality's catalogue, or `None` when there is none to check against.
pub async fn fields_of_action(state: &AppState, scope: &Scope) -> Option<Vec<String>> {
    let outcome = state
        .plugins
        .call(scope.municipality_id, &scope.slug, OwnedRequest::Describe)
        .await;
    match outcome {
        Ok(outcome) => match outcome.answer {
            Answer::Json(v) => v["fields_of_action"].as_array().map(|fields| {
                fields
                    .iter()
                    .filter_map(|f| f["key"].as_str().map(str::to_owned))
                    .collect()
            }),
            _ => None,
        },
        Err(HostError::NotInstalled) => None,
        Err(e) => {
            tracing::warn!(error = %e, municipality = %scope.slug,
                "describe failed; field of action accepted unchecked");
            None
        }
    }
}

/// A stable key: lower-case letters, digits, `_` and `-`, starting with a letter or digit.
pub fn well_formed_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    key.len() <= 64
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::well_formed_key;

    #[test]
    fn keys_are_lower_case_words() {
        assert!(well_formed_key("wohnumfeld"));
        assert!(well_formed_key("soziale_infrastruktur"));
        assert!(!well_formed_key(""));
        assert!(!well_formed_key("_x"));
        assert!(!well_formed_key("Wohnumfeld"));
        assert!(!well_formed_key("wohn umfeld"));
    }
}
