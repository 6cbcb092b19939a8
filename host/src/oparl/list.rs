//! OParl's paginated external lists: `data`, `pagination` and `links`, with the page size
//! (`limit`) and the `created_since`/`created_until`/`modified_since`/`modified_until`
//! filters OParl 1.1 defines for every list.

use axum::Json;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use serde::Deserialize;
use serde_json::{Value, json};

use super::OparlError;
use crate::db::{Sql, Timestamp};
use crate::state::AppState;

/// Elements per page when the client does not ask: OParl suggests around a hundred.
const DEFAULT_LIMIT: i64 = 100;
/// The largest page a client may ask for, so one request stays one bounded query.
const MAX_LIMIT: i64 = 1000;

/// The list parameters as they arrive; read by [`Window::read`].
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    page: Option<String>,
    limit: Option<String>,
    created_since: Option<String>,
    created_until: Option<String>,
    modified_since: Option<String>,
    modified_until: Option<String>,
}

/// One page of a list, with its filters.
#[derive(Debug)]
pub struct Window {
    pub page: i64,
    pub limit: i64,
    filters: Vec<(&'static str, Timestamp)>,
}

fn number(name: &str, text: Option<&str>, default: i64, max: i64) -> Result<i64, OparlError> {
    match text {
        None => Ok(default),
        Some(t) => t
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                OparlError::BadQuery(format!("{name} muss eine Zahl von 1 bis {max} sein."))
            }),
    }
}

impl Window {
    pub fn read(query: Result<Query<ListQuery>, QueryRejection>) -> Result<Window, OparlError> {
        let Query(q) = query.map_err(|e| OparlError::BadQuery(e.body_text()))?;
        let page = number("page", q.page.as_deref(), 1, i64::from(i32::MAX))?;
        let limit = number("limit", q.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
        let mut filters = vec![];
        for (name, value) in [
            ("created_since", q.created_since),
            ("created_until", q.created_until),
            ("modified_since", q.modified_since),
            ("modified_until", q.modified_until),
        ] {
            if let Some(text) = value {
                let at = Timestamp::parse(&text).map_err(|_| {
                    OparlError::BadQuery(format!(
                        "{name} muss ein Zeitpunkt nach RFC 3339 sein, z. B. 2026-11-21T18:00:00Z."
                    ))
                })?;
                filters.push((name, at));
            }
        }
        Ok(Window {
            page,
            limit,
            filters,
        })
    }

    /// The filters as SQL conditions on the given columns, `1 = 1` without any. Stored
    /// instants are fixed-width text, so text comparison is chronological.
    pub fn conditions(&self, sql: &mut Sql, created: &str, modified: &str) -> String {
        let mut parts = vec!["1 = 1".to_owned()];
        for (name, at) in &self.filters {
            let value = sql.bind(*at);
            let (column, op) = match *name {
                "created_since" => (created, ">="),
                "created_until" => (created, "<="),
                "modified_since" => (modified, ">="),
                _ => (modified, "<="),
            };
            parts.push(format!("{column} {op} {value}"));
        }
        parts.join(" AND ")
    }

    /// `LIMIT … OFFSET …` for this page.
    /// This page of the rows a list selects, and how many there are in all. `from` writes
    /// the `FROM … WHERE …` with this window's filters; it runs once for each of the two
    /// statements, since each binds its own values.
    pub async fn fetch<R>(
        &self,
        state: &AppState,
        columns: &str,
        order: &str,
        from: impl Fn(&mut Sql, &Window) -> String,
    ) -> Result<(Vec<R>, i64), OparlError>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let mut count = Sql::new("");
        let counted = from(&mut count, self);
        count.push(&format!("SELECT COUNT(*) {counted}"));
        let (total,): (i64,) = count.query_as().fetch_one(&state.db.pool).await?;
        let mut sql = Sql::new("");
        let selected = from(&mut sql, self);
        let page = self.limit_offset(&mut sql);
        sql.push(&format!(
            "SELECT {columns} {selected} ORDER BY {order} {page}"
        ));
        Ok((sql.query_as().fetch_all(&state.db.pool).await?, total))
    }

    pub fn limit_offset(&self, sql: &mut Sql) -> String {
        let limit = sql.bind(self.limit);
        let offset = sql.bind((self.page - 1) * self.limit);
        format!("LIMIT {limit} OFFSET {offset}")
    }

    /// The list document for `data`, one page of `total` elements of the list at `url`.
    pub fn document(&self, url: &str, data: Vec<Value>, total: i64) -> Json<Value> {
        let pages = ((total + self.limit - 1) / self.limit).max(1);
        let link = |page: i64| {
            let mut query = format!("{url}?page={page}&limit={}", self.limit);
            for (name, at) in &self.filters {
                // The stored form has no characters a query string must escape.
                query.push_str(&format!("&{name}={}", at.to_db()));
            }
            query
        };
        let mut links = json!({"first": link(1), "last": link(pages)});
        if self.page > 1 {
            links["prev"] = json!(link((self.page - 1).min(pages)));
        }
        if self.page < pages {
            links["next"] = json!(link(self.page + 1));
        }
        Json(json!({
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": self.limit,
                "currentPage": self.page,
                "totalPages": pages,
            },
            "links": links,
        }))
    }
}

/// Drops the `null` members of an object: OParl leaves unknown properties out.
pub fn compact(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    value
}

/// The one row `sql` selects, or OParl's 404.
pub async fn one_row<R>(state: &AppState, sql: Sql) -> Result<R, OparlError>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sql.query_as()
        .fetch_optional(&state.db.pool)
        .await?
        .ok_or(OparlError::NotFound)
}
