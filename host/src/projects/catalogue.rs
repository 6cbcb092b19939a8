//! The field-of-action (*Handlungsfeld*) check against the municipality's catalogue, which
//! its active plugin announces in `describe` → `fields_of_action`.
//!
//! Without an active plugin, or when the plugin fails or lists no catalogue, any well-formed
//! key is accepted: the plugin's failure must never block or lose an entry (and is logged).

use quartier_documents::Entry;

use crate::auth::Scope;
use crate::rules::Ruling;
use crate::state::AppState;

/// The municipality's catalogue (key and German label of each field of action), or `None`
/// when there is none to check against. The pages show the labels from here.
pub async fn catalogue(state: &AppState, scope: &Scope) -> Option<Vec<Entry>> {
    match state
        .rules
        .describe(scope.municipality_id, &scope.slug)
        .await
    {
        Ruling::Answered { answer, .. } if !answer.fields_of_action.is_empty() => {
            Some(answer.fields_of_action.clone())
        }
        _ => None,
    }
}

/// The keys of the municipality's catalogue, or `None` when there is none to check against.
pub async fn fields_of_action(state: &AppState, scope: &Scope) -> Option<Vec<String>> {
    let entries = catalogue(state, scope).await?;
    Some(entries.into_iter().map(|f| f.key).collect())
}
