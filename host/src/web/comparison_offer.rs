//! Whether and where the reports' form page offers the comparison across sites: apart
//! from the comparison's page, which itself uses the reports' page helpers.

use super::PageError;
use super::frame::REPORTS;
use super::session::START;
use crate::auth::Scope;
use crate::federation::centre::comparison::tenant;
use crate::state::AppState;
use quartier_documents::comparison::KIND;

/// The comparison's page of municipality `slug`.
pub(super) fn path(slug: &str) -> String {
    format!("{START}/{slug}/{REPORTS}/{KIND}")
}

/// Whether the reports' form page of `scope` offers the comparison: in centre mode, to the
/// centre's own municipality.
pub(super) async fn offered(state: &AppState, scope: &Scope) -> Result<bool, PageError> {
    if state.settings.centre.is_none() {
        return Ok(false);
    }
    let tenant = tenant::get(&state.db).await?;
    Ok(tenant.is_some_and(|t| t.id == scope.municipality_id))
}
