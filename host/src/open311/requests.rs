//! Service requests are concerns: the GET of a list and of one. Only concerns that came in
//! from the public (web form, API or an app) are requests; what staff entered from a
//! consultation hour was never posted publicly and stays out.

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::Duration;
use serde_json::{Value, json};

use super::{Failure, Format, clients, query, texts};
use crate::auth::Scope;
use crate::concerns::workflow::ConcernSource;
use crate::concerns::{ConcernState, categories};
use crate::db::{Id, Sql, Timestamp};
use crate::error::Error;
use crate::state::AppState;

/// The longest time span one list covers, and its default (the specification's 90 days).
const SPAN_DAYS: i64 = 90;
/// The most requests one list answers, newest first: one request stays one bounded query.
const MAX_LISTED: i64 = 1000;
/// The most ids one `service_request_id` list may name.
const MAX_IDS: usize = 100;

#[derive(sqlx::FromRow)]
struct Row {
    reference: String,
    category: String,
    #[sqlx(try_from = "String")]
    state: ConcernState,
    department: Option<String>,
    area: Option<String>,
    received_at: Timestamp,
    updated_at: Timestamp,
    /// The released feedback, selected only for the app that submitted the concern.
    feedback: Option<String>,
}

impl Row {
    fn document(self, names: &HashMap<String, String>) -> Value {
        let open = !self.state.is_final();
        json!({
            "service_request_id": self.reference,
            "status": if open { "open" } else { "closed" },
            "status_notes": self.feedback.unwrap_or_else(|| texts::state_note(self.state).to_owned()),
            "service_name": names.get(&self.category).cloned().unwrap_or_else(|| self.category.clone()),
            "service_code": self.category,
            "description": null,
            "agency_responsible": self.department,
            "service_notice": null,
            "requested_datetime": self.received_at,
            "updated_datetime": self.updated_at,
            "expected_datetime": null,
            "address": self.area,
            "address_id": null,
            "zipcode": null,
            "lat": null,
            "long": null,
            "media_url": null,
        })
    }
}

/// What a list asks for.
#[derive(Default)]
struct Filter {
    references: Vec<String>,
    codes: Vec<String>,
    states: Option<Vec<bool>>,
    span: Option<(Timestamp, Timestamp)>,
    api_key: Option<String>,
}

fn comma_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

fn instant(name: &str, value: &str) -> Result<Timestamp, Failure> {
    Timestamp::parse(value).map_err(|_| Failure::bad_request(texts::bad_date(name)))
}

impl Filter {
    fn read(parameters: &[(String, String)]) -> Result<Filter, Failure> {
        let mut filter = Filter::default();
        let (mut start, mut end) = (None, None);
        for (name, value) in parameters {
            match name.as_str() {
                "service_request_id" => filter.references.extend(comma_list(value)),
                "service_code" => filter.codes.extend(comma_list(value)),
                "start_date" => start = Some(instant(name, value)?),
                "end_date" => end = Some(instant(name, value)?),
                "status" => {
                    let mut open = Vec::new();
                    for status in comma_list(value) {
                        match status.as_str() {
                            "open" => open.push(true),
                            "closed" => open.push(false),
                            _ => return Err(Failure::bad_request(texts::BAD_STATUS)),
                        }
                    }
                    filter.states.get_or_insert_with(Vec::new).extend(open);
                }
                "api_key" => filter.api_key = Some(value.clone()),
                _ => {}
            }
        }
        if filter.references.len() > MAX_IDS {
            return Err(Failure::bad_request(texts::too_many_ids(MAX_IDS)));
        }
        let span = Duration::days(SPAN_DAYS);
        let (start, end) = match (start, end) {
            (None, None) => {
                let now = Timestamp::now();
                (Timestamp(now.0 - span), now)
            }
            (Some(s), None) => (s, Timestamp(s.0 + span)),
            (None, Some(e)) => (Timestamp(e.0 - span), e),
            (Some(s), Some(e)) => (s, e),
        };
        if start > end || end.0 - start.0 > span {
            return Err(Failure::bad_request(texts::DATE_RANGE));
        }
        filter.span = Some((start, end));
        Ok(filter)
    }
}

/// The requests a list asks for, newest first. Naming ids overrides every other filter,
/// as the specification says.
pub async fn list(
    state: &AppState,
    scope: &Scope,
    parameters: &[(String, String)],
) -> Result<Value, Failure> {
    let filter = Filter::read(parameters)?;
    let app = clients::caller(state, scope, filter.api_key.as_deref()).await?;
    let mut sql = Sql::new("");
    let conditions = conditions(&mut sql, scope, &filter);
    let rows = select(state, sql, app, &conditions).await?;
    documents(state, scope, rows).await
}

fn conditions(sql: &mut Sql, scope: &Scope, filter: &Filter) -> String {
    let mut parts = vec![
        format!("c.municipality_id = {}", sql.bind(scope.municipality_id)),
        format!(
            "c.source = {}",
            sql.bind(ConcernSource::Oeffentlich.as_str())
        ),
    ];
    if !filter.references.is_empty() {
        let references: Vec<String> = filter
            .references
            .iter()
            .map(|r| sql.bind(r.clone()))
            .collect();
        parts.push(format!("c.reference IN ({})", references.join(", ")));
        return parts.join(" AND ");
    }
    if !filter.codes.is_empty() {
        let codes: Vec<String> = filter.codes.iter().map(|c| sql.bind(c.clone())).collect();
        parts.push(format!("c.category IN ({})", codes.join(", ")));
    }
    if let Some(open) = &filter.states {
        let states: Vec<String> = ConcernState::ALL
            .iter()
            .filter(|s| open.contains(&!s.is_final()))
            .map(|s| sql.bind(s.as_str()))
            .collect();
        parts.push(format!("c.state IN ({})", states.join(", ")));
    }
    if let Some((start, end)) = filter.span {
        parts.push(format!("c.received_at >= {}", sql.bind(start)));
        parts.push(format!("c.received_at <= {}", sql.bind(end)));
    }
    parts.join(" AND ")
}

async fn select(
    state: &AppState,
    mut sql: Sql,
    app: Option<Id>,
    conditions: &str,
) -> Result<Vec<Row>, Failure> {
    let app = sql.bind(app);
    let limit = sql.bind(MAX_LISTED);
    sql.push(&format!(
        "SELECT c.reference, c.category, c.state, c.department, c.area, c.received_at,
                c.updated_at,
                CASE WHEN c.open311_client_id = {app} THEN c.released_feedback END AS feedback
         FROM concerns c WHERE {conditions} ORDER BY c.received_at DESC, c.id DESC LIMIT {limit}"
    ));
    Ok(sql
        .query_as::<Row>()
        .fetch_all(&state.db.pool)
        .await
        .map_err(Error::from)?)
}

async fn documents(state: &AppState, scope: &Scope, rows: Vec<Row>) -> Result<Value, Failure> {
    let names: HashMap<String, String> = categories(state, scope.municipality_id, &scope.slug)
        .await
        .into_iter()
        .map(|c| (c.key, c.label))
        .collect();
    Ok(Value::Array(
        rows.into_iter().map(|r| r.document(&names)).collect(),
    ))
}

/// `GET /open311/v2/{municipality}/requests/{service_request_id}.{format}`: a list of one,
/// as the specification has it.
pub async fn one(
    State(state): State<AppState>,
    scope: Result<Scope, Error>,
    Path((_, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some((reference, format)) = Format::split(&file) else {
        return Failure::not_found().reply(None);
    };
    let result = async {
        let scope = query::checked(scope?, query.as_deref())?;
        // A comma would name several requests in a list's filter; in a path it names none.
        if reference.contains(',') {
            return Err(Failure::not_found());
        }
        // The one request as a list's filter names it, seen with the caller's key.
        let mut parameters: Vec<(String, String)> = query::parameters(query.as_deref())?
            .into_iter()
            .filter(|(name, _)| name == "api_key")
            .collect();
        parameters.push(("service_request_id".to_owned(), reference.to_owned()));
        let document = list(&state, &scope, &parameters).await?;
        if document.as_array().is_none_or(Vec::is_empty) {
            return Err(Failure::not_found());
        }
        Ok(document)
    }
    .await;
    format.answer("service_requests", "request", result)
}
