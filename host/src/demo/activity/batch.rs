//! Writing many rows fast: rows are collected in memory and inserted with multi-row
//! `INSERT … VALUES (…), (…)` statements inside the caller's transaction. One statement
//! carries at most [`ROWS_MAX`] rows and [`BINDS_MAX`] values, below SQLite's limit of
//! 32,766 variables and PostgreSQL's 65,535 parameters; the same statement text repeats for
//! every full chunk, so each backend prepares it once per connection.
//!
//! On SQLite the placeholders are anonymous (`?`), not numbered like everywhere else
//! (`$1`): SQLite keeps `$NNN` as *named* parameters in a list it searches linearly, once
//! per parameter when parsing and again when binding, which made a statement of 10,000
//! values take half a second.

use sqlx::Arguments;
use sqlx::any::AnyArguments;

use crate::db::{Date, Flag, Id, Timestamp, Tx};

/// Rows per statement: larger chunks gain little and make each statement's text long.
const ROWS_MAX: usize = 500;
/// Values per statement.
const BINDS_MAX: usize = 30_000;
/// The backend name of SQLite connections (`AnyConnection::backend_name`).
const SQLITE: &str = "SQLite";

/// One value, typed so that a NULL reaches PostgreSQL with its column's type.
#[derive(Debug, Clone)]
enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
    Flag(Flag),
}

/// The rows of one table, waiting to be written.
#[derive(Debug)]
pub struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    cells: Vec<Cell>,
}

/// One row being filled, column by column in the order of [`Batch::new`].
pub struct Row<'a> {
    cells: &'a mut Vec<Cell>,
}

impl Row<'_> {
    pub fn text(self, value: impl Into<String>) -> Self {
        self.cells.push(Cell::Text(Some(value.into())));
        self
    }
    pub fn opt_text(self, value: Option<impl Into<String>>) -> Self {
        self.cells.push(Cell::Text(value.map(Into::into)));
        self
    }
    pub fn id(self, value: Id) -> Self {
        self.text(value.to_string())
    }
    pub fn opt_id(self, value: Option<Id>) -> Self {
        self.opt_text(value.map(|v| v.to_string()))
    }
    pub fn at(self, value: Timestamp) -> Self {
        self.text(value.to_db())
    }
    pub fn opt_at(self, value: Option<Timestamp>) -> Self {
        self.opt_text(value.map(Timestamp::to_db))
    }
    pub fn date(self, value: Date) -> Self {
        self.text(value.to_string())
    }
    pub fn opt_date(self, value: Option<Date>) -> Self {
        self.opt_text(value.map(|d| d.to_string()))
    }
    pub fn int(self, value: i64) -> Self {
        self.cells.push(Cell::Int(Some(value)));
        self
    }
    pub fn opt_int(self, value: Option<i64>) -> Self {
        self.cells.push(Cell::Int(value));
        self
    }
    pub fn real(self, value: f64) -> Self {
        self.cells.push(Cell::Real(Some(value)));
        self
    }
    pub fn opt_real(self, value: Option<f64>) -> Self {
        self.cells.push(Cell::Real(value));
        self
    }
    pub fn flag(self, value: bool) -> Self {
        self.cells.push(Cell::Flag(Flag(value)));
        self
    }
}

impl Batch {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Batch {
        Batch {
            table,
            columns,
            cells: Vec::new(),
        }
    }

    /// Starts a row; fill every column in order.
    pub fn row(&mut self) -> Row<'_> {
        Row {
            cells: &mut self.cells,
        }
    }

    /// Rows collected so far (complete ones).
    pub fn len(&self) -> usize {
        self.cells.len() / self.columns.len().max(1)
    }

    /// Writes the rows and empties the batch; returns how many rows were written. A row
    /// with too few or too many values is a bug in the demo and refused before writing.
    pub async fn write(&mut self, tx: &mut Tx) -> anyhow::Result<usize> {
        let width = self.columns.len();
        anyhow::ensure!(
            width > 0 && self.cells.len().is_multiple_of(width),
            "demo: rows of {} do not match its {} columns",
            self.table,
            width
        );
        let rows = self.cells.len() / width;
        let numbered = tx.backend_name() != SQLITE;
        let per_statement = ROWS_MAX.min(BINDS_MAX / width).max(1);
        let cells = std::mem::take(&mut self.cells);
        let mut cells = cells.into_iter();
        let mut written = 0;
        while written < rows {
            let chunk = per_statement.min(rows - written);
            let mut args = AnyArguments::default();
            for cell in cells.by_ref().take(chunk * width) {
                match cell {
                    Cell::Text(v) => args.add(v),
                    Cell::Int(v) => args.add(v),
                    Cell::Real(v) => args.add(v),
                    Cell::Flag(v) => args.add(v),
                }
                .map_err(|e| anyhow::anyhow!("demo: {}: {e}", self.table))?;
            }
            let sql = self.statement(chunk, numbered);
            sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
                .execute(&mut **tx)
                .await?;
            written += chunk;
        }
        Ok(rows)
    }

    /// `INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4), …` for `rows` rows (with `?`
    /// for each placeholder unless `numbered`). The text holds only this module's table and
    /// column names and placeholders.
    fn statement(&self, rows: usize, numbered: bool) -> String {
        let width = self.columns.len();
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ",
            self.table,
            self.columns.join(", ")
        );
        for row in 0..rows {
            if row > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for column in 0..width {
                if column > 0 {
                    sql.push_str(", ");
                }
                if numbered {
                    sql.push('$');
                    sql.push_str(&(row * width + column + 1).to_string());
                } else {
                    sql.push('?');
                }
            }
            sql.push(')');
        }
        sql
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        let batch = Batch::new("t", &["a", "b"]);
        assert_eq!(
            batch.statement(2, true),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            batch.statement(2, false),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn rows_are_counted_by_their_columns() {
        let mut batch = Batch::new("t", &["a", "b"]);
        batch.row().text("x").int(1);
        batch.row().opt_text(None::<String>).opt_int(None);
        assert_eq!(batch.len(), 2);
    }
}
