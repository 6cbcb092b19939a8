//! The composition root: builds the application from settings — the state and every
//! feature's router — and serves it until a shutdown signal. The binary and the tests both
//! go through [`build`] and [`serve`]. No other module imports this one but the CLI.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::config::Settings;
use crate::db::Db;
use crate::server::ConnectionSettings;
use crate::state::AppState;

/// Connects, migrates and assembles the router.
pub async fn build(settings: Settings) -> anyhow::Result<Router> {
    let db = Db::connect(&settings.database_url, settings.max_connections).await?;
    db.migrate().await?;
    Ok(router(db, settings))
}

/// The router for an already migrated database.
pub fn router(db: Db, settings: Settings) -> Router {
    router_for(AppState::new(db, settings))
}

/// The router for a given state (tests keep a clone to reach the rules).
pub fn router_for(state: AppState) -> Router {
    let body_limit = state.settings.body_limit_bytes;
    let body_timeout = state.settings.connections.body_read_timeout;
    let centre = if state.settings.centre.is_some() {
        crate::federation::centre::router()
    } else {
        Router::new()
    };
    let mut api = api_routes();
    if state.settings.public_read_cache {
        api = api.route_layer(axum::middleware::from_fn_with_state(
            crate::api::public_reads::PublicReads::new(state.db.clone()),
            crate::api::public_reads::serve_or_keep,
        ));
    }
    api.merge(centre)
        .merge(crate::oparl::router())
        .merge(crate::open311::router())
        .merge(crate::web::router(&state))
        .merge(crate::ops::router())
        .layer(axum::middleware::from_fn(
            crate::ops::refuse_control_characters,
        ))
        .layer(axum::middleware::from_fn(crate::ops::no_store_by_default))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::ops::observe,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(RequestBodyTimeoutLayer::new(body_timeout))
        .layer(CatchPanicLayer::custom(crate::ops::panic_response))
        .with_state(state)
}

/// Every feature's API routes under `/api/v1`, with the OpenAPI document generated from
/// the same handlers, so every route is documented by construction.
fn api_routes() -> Router<AppState> {
    let features = OpenApiRouter::with_openapi(crate::api::document())
        .merge(crate::network::router())
        .merge(crate::task_matrix::router())
        .merge(crate::concerns::router())
        .merge(crate::audit_api::router())
        .merge(crate::plugin_registry::router())
        .merge(crate::forms::router())
        .merge(crate::funds::router())
        .merge(crate::projects::router())
        .merge(crate::contracts::router())
        .merge(crate::reports::router())
        .merge(crate::self_evaluations::router())
        .merge(crate::federation::shared::router());
    crate::api::with_document(features)
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains open requests; with
/// the default connection limits (tests and examples).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    crate::server::serve(listener, app, shutdown, &ConnectionSettings::default()).await
}

/// Like [`serve`], with the configured connection limits.
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    limits: &ConnectionSettings,
) -> anyhow::Result<()> {
    crate::server::serve(listener, app, shutdown, limits).await
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
