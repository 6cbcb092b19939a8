//! Offset pagination shared by every list endpoint: the page parameters a filter embeds, the
//! rows of a query that counts its matches with a window function, and the page they make.
//!
//! A list filter embeds the parameters as `#[serde(flatten)] #[param(ignore)] page:
//! PageParams` and its route lists `PageParams` among its `params(…)`, so the OpenAPI
//! document shows `limit` and `offset` once, from here. The list query selects its columns
//! plus `COUNT(*) OVER () AS total`; [`Page::fetch`] adds `LIMIT`/`OFFSET` and runs it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use sqlx::any::AnyRow;

use crate::db::Sql;

/// Lists return at most this many items per page unless asked for fewer; a cap keeps one
/// request from reading a whole municipality.
pub const MAX_LIMIT: i64 = 200;
const DEFAULT_LIMIT: i64 = 50;

#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page (1–200, default 50).
    #[serde(default, deserialize_with = "integer")]
    pub limit: Option<i64>,
    /// How many items to skip (default 0).
    #[serde(default, deserialize_with = "integer")]
    pub offset: Option<i64>,
}

impl PageParams {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }
    pub fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).max(0)
    }
}

/// An integer given as a number or as text. Flattened into a filter, the query string's
/// values reach `PageParams` as text only (serde buffers them), so both must be accepted.
fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    struct Integer;
    impl serde::de::Visitor<'_> for Integer {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v).map(Some).map_err(E::custom)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.parse().map(Some).map_err(E::custom)
        }
    }
    deserializer.deserialize_any(Integer)
}

/// One page of a list, with the total so a client can page through.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// A row of a list query with the window-function total of its matches
/// (`COUNT(*) OVER () AS total`).
#[derive(sqlx::FromRow)]
pub struct Counted<T> {
    #[sqlx(flatten)]
    pub item: T,
    pub total: i64,
}

impl<T> Page<T> {
    /// The page these rows make: their items, and the total every row carries (0 when the
    /// page is empty, also when it lies past the end).
    pub fn from_rows(rows: Vec<Counted<T>>, params: PageParams) -> Page<T> {
        Page {
            total: rows.first().map_or(0, |r| r.total),
            items: rows.into_iter().map(|r| r.item).collect(),
            limit: params.limit(),
            offset: params.offset(),
        }
    }

    /// Runs a list query for one page: `sql` selects `T`'s columns and `COUNT(*) OVER () AS
    /// total`, filtered and ordered; its `LIMIT` and `OFFSET` are added here.
    pub async fn fetch<'e, E>(
        mut sql: Sql,
        params: PageParams,
        executor: E,
    ) -> sqlx::Result<Page<T>>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let (limit, offset) = (sql.bind(params.limit()), sql.bind(params.offset()));
        sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
        let rows = sql.query_as::<Counted<T>>().fetch_all(executor).await?;
        Ok(Page::from_rows(rows, params))
    }

    /// The same page with each item turned into what the client sees.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        }
    }

    /// Like [`Page::map`], for a conversion that can fail.
    pub fn try_map<U, E>(self, f: impl FnMut(T) -> Result<U, E>) -> Result<Page<U>, E> {
        Ok(Page {
            items: self.items.into_iter().map(f).collect::<Result<_, E>>()?,
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Filter {
        #[serde(flatten)]
        page: PageParams,
        year: Option<i64>,
    }

    /// Reads a query string the way the `Query` extractor does.
    fn query(text: &str) -> Result<Filter, String> {
        let uri: axum::http::Uri = format!("/?{text}").parse().map_err(|_| "uri".to_owned())?;
        axum::extract::Query::<Filter>::try_from_uri(&uri)
            .map(|q| q.0)
            .map_err(|e| e.body_text())
    }

    #[test]
    fn page_parameters_flattened_into_a_filter_are_read_from_the_query_string() {
        let filter = query("limit=5&offset=10&year=2026").expect("a filter");
        assert_eq!((filter.page.limit(), filter.page.offset()), (5, 10));
        assert_eq!(filter.year, Some(2026));
        let none = query("").expect("an empty filter");
        assert_eq!((none.page.limit(), none.page.offset()), (50, 0));
        assert_eq!(
            query("limit=9999").expect("clamped").page.limit(),
            MAX_LIMIT
        );
    }

    #[test]
    fn bad_or_unknown_page_parameters_are_refused() {
        assert!(query("limit=viele").is_err());
        assert!(query("seite=2").is_err());
        assert!(query("limit=1&limit=2").is_err());
    }

    #[test]
    fn a_page_takes_its_total_from_the_rows_and_is_empty_past_the_end() {
        let rows = vec![
            Counted {
                item: "a",
                total: 7,
            },
            Counted {
                item: "b",
                total: 7,
            },
        ];
        let page = Page::from_rows(rows, PageParams::default()).map(str::len);
        assert_eq!((page.items, page.total), (vec![1, 1], 7));
        let past = Page::<&str>::from_rows(Vec::new(), PageParams::default());
        assert_eq!(past.total, 0);
    }
}
