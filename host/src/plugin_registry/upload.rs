//! Uploading a plugin version: a WebAssembly component as the raw request body, within its
//! own size limit (larger than the API's JSON limit), checked and compiled by the runtime.

use std::pin::Pin;

use axum::body::{Body, HttpBody};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{Actor, InstallError, PluginVersion, install, store};
use crate::auth::Scope;
use crate::error::{Error, Problem, Result, problem_response};
use crate::messages::Code;
use crate::state::AppState;

/// The content type of an upload.
const WASM: &str = "application/wasm";

/// The component's bytes, as the whole request body (documented as binary, not as an array
/// of numbers).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct Component(Vec<u8>);

/// Uploads a plugin: a WebAssembly component built with the Quartier SDK. It is checked,
/// compiled and recorded as an inactive version. Coordination and admins only; one upload
/// per municipality at a time (429), within the municipality's caps on stored versions
/// (409) and bytes (413); the same bytes twice are a 409.
#[utoipa::path(post, path = "/api/v1/municipalities/{municipality}/plugins", tag = "Plugins",
    params(("municipality" = String, Path)),
    request_body(content = Component, content_type = "application/wasm",
        description = "Die Komponente (.wasm)"),
    responses((status = 201, body = PluginVersion), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem),
        (status = 415, body = Problem), (status = 422, body = Problem),
        (status = 429, body = Problem)))]
pub(super) async fn upload_plugin(
    State(state): State<AppState>,
    scope: Scope,
    headers: HeaderMap,
    body: Body,
) -> Result<Response> {
    let limit = state.rules.plugins().settings().upload_limit();
    if let Err(refusal) = scope.require_coordinator().and_then(|()| wasm(&headers)) {
        read(body, 0, limit).await;
        return Err(refusal);
    }
    let too_large = Error::client_with(
        Code::BodyTooLarge,
        format!(
            "Das Plugin ist zu groß (höchstens {} KiB).",
            state.rules.plugins().settings().limits.component_bytes / 1024
        ),
    );
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > 2 * limit) {
        return Err(too_large);
    }
    let Some(bytes) = read(body, limit, 2 * limit).await else {
        return Err(too_large);
    };
    let installed = install(
        &state.rules,
        scope.municipality_id,
        &scope.slug,
        bytes,
        &Actor::from(&scope.caller),
    )
    .await;
    let id = match installed {
        Ok(id) => id,
        Err(InstallError::Internal(e)) => return Err(Error::Internal(e)),
        Err(e @ InstallError::Duplicate(_)) => {
            return Err(Error::client_with(Code::AlreadyExists, e.message_de()));
        }
        Err(e) => return Ok(refused(e.status(), e.code(), e.message_de())),
    };
    let version = store::load(&state.db, scope.municipality_id, id).await?;
    Ok((StatusCode::CREATED, axum::Json(version)).into_response())
}

fn wasm(headers: &HeaderMap) -> Result<()> {
    let is_wasm = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim() == WASM);
    if is_wasm {
        Ok(())
    } else {
        Err(Error::client_with(
            Code::UnsupportedMediaType,
            "Bitte senden Sie die Komponente als application/wasm.",
        ))
    }
}

/// Reads the body, keeping at most `keep` bytes; `None` when it is longer. A refused body is
/// still read (and dropped) up to `cap` bytes, so a client that is still sending receives
/// the refusal instead of a reset connection.
async fn read(mut body: Body, keep: usize, cap: usize) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while seen <= cap {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        let Some(Ok(frame)) = frame else { break };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen += data.len();
        if seen <= keep {
            bytes.extend_from_slice(&data);
        }
    }
    (seen <= keep).then_some(bytes)
}

/// A problem with a plugin code (`plugin_unknown_imports`, `plugin_version_limit`, …), which
/// the shared [`Code`]s do not list: those codes belong to the plugin runtime and registry.
fn refused(status: StatusCode, code: &'static str, detail: String) -> Response {
    problem_response(status, &Problem::new(status, code, detail))
}
