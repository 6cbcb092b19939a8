//! Anonymous reads of the public registry, kept in memory until the server's next write.
//!
//! Reading a body with its members, or a page of meetings, costs several queries; the same
//! answer from memory costs almost nothing (docs/benchmarks.md). An answer is kept with the
//! count of write transactions taken *before* it was read ([`crate::db::Db::writes`]) and
//! the day it was read on, and served only while both are unchanged: any write transaction
//! the server's database handle commits — through the API or a page — makes every kept
//! answer stale at once, and the day matters because "current members" turn over at
//! midnight. The background jobs with pools of their own (retention, federation) write
//! none of the tables these routes read.
//!
//! Only what anyone may see is kept: `GET` without credentials (no `Authorization`, no
//! cookie), answered 200, on the routes in [`ROUTES`]. Writes of *another* process are not
//! counted, so the cache is on by default only on SQLite, whose file one server owns
//! (`Settings::public_read_cache`).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::db::{Date, Db};

/// The routes whose anonymous answers are kept: the public registry's hot reads.
const ROUTES: [&str; 4] = [
    "/api/v1/municipalities/{municipality}/bodies",
    "/api/v1/municipalities/{municipality}/bodies/{id}",
    "/api/v1/municipalities/{municipality}/meetings",
    "/api/v1/municipalities/{municipality}/meetings/{id}",
];

/// Answers kept at most; a full cache is emptied, so query strings made up by the thousand
/// cost memory only up to here.
const MAX_ENTRIES: usize = 4_096;
/// Larger answers (a page of 200 meetings with long titles) are not kept.
const MAX_BODY_BYTES: usize = 256 << 10;
/// Longer paths with query strings are not kept.
const MAX_KEY_BYTES: usize = 512;

/// The kept answers of this process, and the database whose writes end them.
#[derive(Clone)]
pub struct PublicReads {
    db: Db,
    entries: Arc<RwLock<HashMap<String, Arc<Kept>>>>,
}

struct Kept {
    writes: u64,
    day: Date,
    headers: HeaderMap,
    body: Bytes,
}

impl PublicReads {
    pub fn new(db: Db) -> PublicReads {
        PublicReads {
            db,
            entries: Arc::default(),
        }
    }

    fn get(&self, key: &str, writes: u64, day: Date) -> Option<Arc<Kept>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|kept| kept.writes == writes && kept.day == day)
            .cloned()
    }

    fn keep(&self, key: String, kept: Kept) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, Arc::new(kept));
    }
}

/// Middleware on the API routes: serves a kept answer where one is current, keeps a fresh
/// one where it may.
pub async fn serve_or_keep(
    State(cache): State<PublicReads>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key(&request) else {
        return next.run(request).await;
    };
    // Taken before reading: a write that commits while the answer is read makes it stale.
    let (writes, day) = (cache.db.writes(), Date::today());
    if let Some(kept) = cache.get(&key, writes, day) {
        let mut response = Response::new(Body::from(kept.body.clone()));
        *response.headers_mut() = kept.headers.clone();
        return response;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    if body
        .size_hint()
        .exact()
        .is_none_or(|size| size > MAX_BODY_BYTES as u64)
    {
        return Response::from_parts(parts, body);
    }
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(e) => return crate::error::Error::Internal(anyhow::anyhow!(e)).into_response(),
    };
    cache.keep(
        key,
        Kept {
            writes,
            day,
            headers: parts.headers.clone(),
            body: body.clone(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

/// The cache key of an anonymous read of a kept route, or `None` when the request must reach
/// its handler.
fn key(request: &Request) -> Option<String> {
    let anonymous = !request.headers().contains_key(header::AUTHORIZATION)
        && !request.headers().contains_key(header::COOKIE);
    let route = request.extensions().get::<MatchedPath>()?.as_str();
    let target = request.uri().path_and_query()?.as_str();
    (request.method() == Method::GET
        && anonymous
        && ROUTES.contains(&route)
        && target.len() <= MAX_KEY_BYTES)
        .then(|| target.to_owned())
}
