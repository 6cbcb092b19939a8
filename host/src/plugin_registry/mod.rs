//! The plugin registry (DESIGN.md §3 Plugins, lifecycle): each municipality's uploaded plugin
//! versions, which one is active, and the [`PluginHost`] through which features call it.
//!
//! Upload (coordinator only, size-limited) compiles and checks a component and records it
//! inactive; activation, rollback and deactivation switch the one active version inside a
//! transaction that the database guards. The host keeps compiled plugins in memory, looks the
//! active version up with a short-lived cache, lets each municipality run a bounded number of
//! calls at once and measures every call. This module does not sandbox or run wasm itself:
//! that is `crate::plugins`.

mod activation;
mod api;
pub mod commands;
mod host;
mod install;
mod lifecycle;
mod stats;
mod store;
mod upload;

use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::auth::Caller;
use crate::db::Id;

pub use activation::{Change, change};
pub use host::{HostError, Outcome, OwnedRequest, PluginHost};
pub use install::InstallError;
pub use stats::CallStats;
pub use store::{PluginVersion, list, load};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(api::router())
        .merge(lifecycle::router())
}

/// Who changes the registry, as the version rows and the audit log name them: a signed-in
/// user, or the operator at the command line.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<Id>,
    pub label: String,
}

impl From<&Caller> for Actor {
    fn from(caller: &Caller) -> Actor {
        Actor {
            id: caller.id(),
            label: caller.label(),
        }
    }
}

impl Actor {
    /// The operator running `quartier plugin …` on the host.
    pub fn operator() -> Actor {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "unbekannt".to_owned());
        Actor {
            id: None,
            label: format!("Kommandozeile ({user})"),
        }
    }
}
