//! A small builder for SQL with a variable number of conditions. sqlx's `QueryBuilder<Any>`
//! writes `?` placeholders, which PostgreSQL rejects; this one numbers them (`$1`, `$2`, …),
//! which both backends accept. Also the escaping a search text needs to become a LIKE pattern,
//! and the type of a plain statement for helpers that bind part of its values.

use sqlx::Arguments;
use sqlx::any::{Any, AnyArguments};

/// A statement from `sqlx::query`, for helpers that bind a share of its values.
pub type Statement<'q> = sqlx::query::Query<'q, Any, AnyArguments>;

#[derive(Default)]
pub struct Sql {
    pub text: String,
    pub args: AnyArguments,
    count: usize,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            ..Sql::default()
        }
    }

    /// Binds a value and returns its placeholder, for use inside `push`.
    pub fn bind<'q, T>(&mut self, value: T) -> String
    where
        T: sqlx::Encode<'q, Any> + sqlx::Type<Any> + 'q,
    {
        // Encoding into AnyArguments only fails for types the Any driver cannot carry,
        // which our column types never are.
        let _ = self.args.add(value);
        self.count += 1;
        format!("${}", self.count)
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// The query, ready to run. Sound to assert as safe: every value went through `bind`;
    /// the text holds only fragments written in this codebase (column lists, placeholders).
    pub fn query_as<T>(self) -> sqlx::query::QueryAs<'static, Any, T, AnyArguments>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        sqlx::query_as_with(sqlx::AssertSqlSafe(self.text), self.args)
    }

    /// The one row the query finds, or 404: loads of an object the caller may see, where a
    /// missing object, a hidden one and another municipality's must look alike.
    pub async fn fetch_found<'e, T, E>(self, executor: E) -> crate::error::Result<T>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
        E: sqlx::Executor<'e, Database = Any>,
    {
        self.query_as::<T>()
            .fetch_optional(executor)
            .await?
            .ok_or(crate::error::Error::NotFound)
    }
}

/// A fixed query with a table name chosen from a closed set in code (never from input).
pub fn trusted(text: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(text)
}

/// `%text%` for `LIKE … ESCAPE '\'`: matches `text` anywhere, with LIKE's own wildcards
/// (`%`, `_`) and the escape character in it taken literally.
pub fn like_contains(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::like_contains;

    #[test]
    fn like_wildcards_in_a_search_are_taken_literally() {
        assert_eq!(like_contains("50%_Müller"), "%50\\%\\_Müller%");
        assert_eq!(like_contains("a\\b"), "%a\\\\b%");
    }
}
