//! Building the application from settings and serving it until a shutdown signal.
//! The binary and the tests both go through [`build`] and [`serve`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;

use crate::config::Settings;
use crate::db::Db;
use crate::ops::metrics::Metrics;
use crate::plugin_registry::PluginHost;

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub metrics: Arc<Metrics>,
    /// Municipality slug → id. Slugs never change and municipalities are never deleted, so
    /// an entry stays true for the life of the process, in every process on one database.
    pub slugs: Arc<std::sync::RwLock<std::collections::HashMap<String, crate::db::Id>>>,
    /// Runs the municipalities' active plugins.
    pub plugins: PluginHost,
}

/// Connects, migrates and assembles the router.
pub async fn build(settings: Settings) -> anyhow::Result<Router> {
    let db = Db::connect(&settings.database_url, settings.max_connections).await?;
    db.migrate().await?;
    Ok(router(db, settings))
}

/// The router for an already migrated database.
pub fn router(db: Db, settings: Settings) -> Router {
    router_for(state(db, settings))
}

/// The state of an app on an already migrated database.
pub fn state(db: Db, settings: Settings) -> AppState {
    AppState {
        plugins: PluginHost::new(db.clone(), settings.plugins.clone()),
        db,
        settings: Arc::new(settings),
        metrics: Arc::new(Metrics::default()),
        slugs: Arc::default(),
    }
}

/// The router for a given state (tests keep a clone to reach the plugin host).
pub fn router_for(state: AppState) -> Router {
    let body_limit = state.settings.body_limit_bytes;
    crate::api::routes()
        .merge(crate::web::router())
        .merge(crate::ops::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::ops::observe,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(CatchPanicLayer::custom(crate::ops::panic_response))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains open requests.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (what an init system or orchestrator sends).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    // axum stops accepting and waits for in-flight requests once this resolves.
    tracing::info!("shutdown signal received, draining requests");
}
