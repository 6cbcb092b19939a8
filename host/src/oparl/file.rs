//! Public meeting documents as OParl `File`s. Quartier stores no uploaded documents; its
//! files are renderings of what it holds. Today there is one kind: the public part of a
//! meeting's minutes (*Niederschrift*), the meeting's `resultsProtocol` once its minutes are
//! approved — the public agenda items with result, resolution and votes, rendered as HTML
//! by the public page `accessUrl` names (`web::public_minutes`). Non-public items, the
//! attendance and the minutes' free notes are not part of it.
//!
//! A file is named by its kind and its meeting (`/oparl/v1/files/niederschrift-{meeting}`),
//! so the URL is stable and another kind can join without renaming one. A file of a hidden
//! or foreign meeting, of minutes not approved, or with an unknown name answers the same 404.
//! Embedded in its meeting a File leaves out the back-reference `meeting`, as OParl asks.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::base::{Base, body_url, meeting_url};
use super::body::Listing;
use super::list::{Window, compact};
use super::meeting_rows::{self, Row};
use super::{OparlError, home_scope, oparl_type};
use crate::auth::Scope;
use crate::db::{Flag, Id, Sql};
use crate::state::AppState;
use crate::web::{berlin, public_minutes_path};

crate::text_enum! {
    /// The kinds of documents the interface offers as files.
    pub enum FileKind {
        Niederschrift = ("niederschrift", "Niederschrift (öffentlicher Teil)"),
    }
}

fn file_url(base: &Base, kind: FileKind, meeting: Id) -> String {
    base.url(&format!("/files/{}-{meeting}", kind.as_str()))
}

/// The kind and meeting a file's name stands for, e.g. `niederschrift-0193…`.
fn parse_name(name: &str) -> Option<(FileKind, Id)> {
    let (kind, meeting) = name.split_once('-')?;
    Some((kind.parse().ok()?, meeting.parse().ok()?))
}

fn minutes(base: &Base, scope: &Scope, row: &Row, embedded: bool) -> Value {
    let kind = FileKind::Niederschrift;
    let day = berlin(row.starts_at.0).date();
    compact(json!({
        "id": file_url(base, kind, row.id),
        "type": oparl_type("File"),
        "name": format!("{}: {}", kind.label_de(), row.title),
        "fileName": format!("{}-{}.html", kind.as_str(), day.format("%Y-%m-%d")),
        "mimeType": "text/html",
        "date": day.format("%Y-%m-%d").to_string(),
        "accessUrl": base.page(&public_minutes_path(&scope.slug, row.id)),
        "meeting": (!embedded).then(|| [meeting_url(base, row.id)]),
        "created": row.created_at.to_db(),
        "modified": row.updated_at.to_db(),
    }))
}

/// The meeting's public minutes as its `resultsProtocol`, once they are approved.
pub fn results_protocol(base: &Base, scope: &Scope, row: &Row) -> Option<Value> {
    row.minutes_approved
        .then(|| minutes(base, scope, row, true))
}

/// The visible meetings whose minutes are approved.
fn with_minutes(sql: &mut Sql, scope: &Scope, only: Option<Id>, window: Option<&Window>) -> String {
    let from = meeting_rows::from_where(sql, scope, only, window);
    format!("{from} AND m.minutes_approved = {}", sql.bind(Flag(true)))
}

/// `GET /oparl/v1/files/{kind}-{meeting}`
pub async fn one(
    State(state): State<AppState>,
    base: Base,
    name: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, OparlError> {
    let Path(name) = name.map_err(|_| OparlError::NotFound)?;
    let (FileKind::Niederschrift, id) = parse_name(&name).ok_or(OparlError::NotFound)?;
    let scope = home_scope(&state, "meetings", id).await?;
    let row = meeting_rows::load(&state, &scope, id).await?;
    if !row.minutes_approved {
        return Err(OparlError::NotFound);
    }
    Ok(Json(minutes(&base, &scope, &row, false)))
}

/// `GET /oparl/v1/bodies/{slug}/files`, in the order of their meetings.
pub async fn list(
    State(state): State<AppState>,
    base: Base,
    listing: Listing,
) -> Result<Json<Value>, OparlError> {
    let url = format!("{}/files", body_url(&base, &listing.municipality.slug));
    let (rows, total): (Vec<Row>, i64) = listing
        .fetch(
            &state,
            meeting_rows::COLUMNS,
            "m.starts_at, m.id",
            with_minutes,
        )
        .await?;
    let data = rows
        .iter()
        .map(|r| minutes(&base, &listing.scope, r, false))
        .collect();
    Ok(listing.window.document(&url, data, total))
}

#[cfg(test)]
mod tests {
    use super::{FileKind, parse_name};

    #[test]
    fn a_file_name_is_its_kind_and_its_meeting() {
        let id = "0193a0b2-6c1e-7d4f-8a9b-0c1d2e3f4a5b";
        let (kind, meeting) = parse_name(&format!("niederschrift-{id}")).unwrap();
        assert_eq!(kind, FileKind::Niederschrift);
        assert_eq!(meeting.to_string(), id);
        assert!(parse_name(id).is_none(), "a bare meeting id names no file");
        assert!(parse_name(&format!("einladung-{id}")).is_none());
        assert!(parse_name("niederschrift-").is_none());
    }
}
