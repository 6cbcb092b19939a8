//! The plugin registry (docs/architecture.md, "The plugin contract"): each municipality's uploaded plugin
//! versions and which one is active. Running them is `crate::rules`' business.
//!
//! Upload (coordinator only, size-limited) compiles and checks a component and records it
//! inactive; activation, rollback and deactivation switch the one active version inside a
//! transaction that the database guards. This module does not run plugins: the rules
//! (`crate::rules`) do, in the sandbox of `crate::plugins`.

mod activation;
mod api;
pub mod commands;
mod install;
mod lifecycle;
mod quota;
mod store;
mod upload;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub use activation::{Change, change};
pub use api::visible;
pub use install::{InstallError, install};
pub use lifecycle::switch;
pub use store::{PluginVersion, list, load};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(api::router())
        .merge(lifecycle::router())
}

/// Who changes the registry, as the version rows and the audit log name them: a signed-in
/// user, or the operator at the command line (`Actor::operator`).
pub use crate::audit::Actor;
