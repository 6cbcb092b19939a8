//! Operations: health and readiness probes, Prometheus metrics, request spans and panics.

mod guard;
pub mod metrics;

pub use guard::refuse_control_characters;

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use tracing::Instrument;

use crate::error::problem;
use crate::messages::Code;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
}

/// The process is up. Says nothing about the database, on purpose: a restart would not help.
async fn healthz() -> &'static str {
    "ok"
}

/// Ready to serve: the database answers and every migration this binary knows is applied.
async fn readyz(State(state): State<AppState>) -> Response {
    match state.db.migrations_applied().await {
        Ok(true) => (StatusCode::OK, "ready").into_response(),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// The metrics, for a scraper with the configured token; 404 when none is configured, so
/// a default installation does not publish them.
async fn metrics_text(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.settings.metrics_token.as_deref() else {
        return problem(Code::NotFound, None, Vec::new());
    };
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    // Compared as digests, so the time taken says nothing about how much of it matched.
    let digest = |t: &str| Sha256::digest(t.as_bytes());
    if sent.is_none_or(|sent| digest(sent) != digest(expected)) {
        let mut response = problem(Code::Unauthenticated, None, Vec::new());
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render() + &state.rules.plugins().render_metrics(),
    )
        .into_response()
}

/// Marks every response `Cache-Control: no-store` unless its handler chose otherwise (the
/// stylesheet): answers depend on who asks, many hold personal data, status pages hold a
/// private token, and no shared cache or browser history should keep any of them.
pub async fn no_store_by_default(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Wraps every request in a span named by its matched route and counts it.
pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let method = request.method().clone();
    let span = tracing::info_span!("request", otel.name = %format!("{method} {route}"), %method, %route, status = tracing::field::Empty);
    let started = Instant::now();
    let quiet = route == "/healthz" || route == "/readyz";
    let response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    span.record("status", status);
    let elapsed = started.elapsed();
    if quiet {
        tracing::debug!(parent: &span, status, ?elapsed, "probe");
    } else {
        tracing::info!(parent: &span, status, elapsed_ms = elapsed.as_secs_f64() * 1e3, "handled");
    }
    state
        .metrics
        .observe(method.as_str(), &route, status, elapsed);
    response
}

/// A panic in a handler becomes the same opaque 500 as any internal error.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("handler panicked");
    problem(Code::Internal, None, vec![])
}
