//! The frame every dataset query starts from: the municipality, the area with its sub-areas,
//! and the windows of time the query counts in — the period (key [`PERIOD`]) and, for the
//! monitoring, each calendar year of it (keyed by the year). One statement then answers for
//! the period and for every year at once, grouped by the window's key.
//!
//! The frame is written as common table expressions at the head of each statement:
//! `scope_areas(id, name)` (only with an area: the area and, recursively, every area below
//! it) and `windows(w, first_day, last_day, starts, ends)`: the first and last day as dates
//! for date columns, and the first instant and the instant after the last day (exclusive) as
//! timestamps for instant columns. Both are fixed-width text, so they compare in order.
//!
//! *Tiles* cut the period into pieces without overlap — its years when it has them, else
//! the period itself. What adds up (counts, sums, a histogram of days) is counted once per
//! tile and the period's figure is the sum of its tiles: a statement reads the rows of the
//! period once (`windows p` with `p.w` = [`PERIOD`]) and groups them by the tile each falls
//! in, an expression of the row ([`Frame::tile_of`]), instead of joining every row with the
//! period and every year — which made the five-year monitoring three times the work of its
//! years.

use chrono::{Datelike, Days};

use crate::db::{Backend, Date, Id, Sql, Timestamp};
use crate::reports::{Period, ReportScope};

/// The window key of the whole period; years are keyed by themselves (1900 and later).
pub const PERIOD: i64 = 0;

/// One window of time, both days included.
#[derive(Debug, Clone, Copy)]
struct Window {
    key: i64,
    first: Date,
    last: Date,
}

/// What the queries of one dataset share.
#[derive(Debug, Clone)]
pub struct Frame {
    municipality: Id,
    area: Option<Id>,
    period: Period,
    windows: Vec<Window>,
    backend: Backend,
}

impl Frame {
    /// The frame of `scope`; `years` adds a window per calendar year of the period.
    pub fn new(scope: &ReportScope, backend: Backend, years: bool) -> Frame {
        let period = scope.period;
        let mut windows = vec![Window {
            key: PERIOD,
            first: period.from(),
            last: period.to(),
        }];
        if years {
            windows.extend(period.calendar_years().map(|year| Window {
                key: i64::from(year),
                first: period.from().max(first_of(year).unwrap_or(period.from())),
                last: period.to().min(last_of(year).unwrap_or(period.to())),
            }));
        }
        Frame {
            municipality: scope.municipality,
            area: scope.area.as_ref().map(|a| a.id),
            period,
            windows,
            backend,
        }
    }

    /// Whether the period is cut into years (the tiles are the years, not the period).
    pub fn tiled(&self) -> bool {
        self.windows.len() > 1
    }

    /// The municipality.
    pub fn municipality(&self) -> Id {
        self.municipality
    }

    /// The period's first and last calendar year.
    pub fn years(&self) -> (i64, i64) {
        (
            i64::from(self.period.from().naive().year()),
            i64::from(self.period.to().naive().year()),
        )
    }

    /// The period's last day.
    pub fn last_day(&self) -> Date {
        self.period.to()
    }

    /// A statement opening with the frame's expressions, and the municipality's placeholder.
    pub fn statement(&self) -> (Sql, String) {
        let mut sql = Sql::new("");
        let m = sql.bind(self.municipality);
        let mut parts = Vec::new();
        if let Some(area) = self.area {
            let area = sql.bind(area);
            parts.push(format!(
                "scope_areas(id, name) AS (
                   SELECT id, name FROM areas WHERE id = {area} AND municipality_id = {m}
                   UNION
                   SELECT c.id, c.name FROM areas c JOIN scope_areas s ON c.parent_id = s.id
                   WHERE c.municipality_id = {m})"
            ));
        }
        let rows: Vec<String> = self
            .windows
            .iter()
            .map(|w| {
                format!(
                    "({}, {}, {}, {}, {})",
                    sql.bind(w.key),
                    sql.bind(w.first),
                    sql.bind(w.last),
                    sql.bind(w.first.start()),
                    sql.bind(after(w.last))
                )
            })
            .collect();
        parts.push(format!(
            "windows(w, first_day, last_day, starts, ends) AS (VALUES {})",
            rows.join(", ")
        ));
        sql.push(&format!("WITH RECURSIVE {}\n", parts.join(",\n")));
        (sql, m)
    }

    /// The key of the tile the instant `column` falls in, or NULL outside the period; `p` is
    /// the period's window (`windows p` with `p.w` = [`PERIOD`]). Tiles are calendar years of
    /// UTC instants, stored as text that starts with the year, so no join finds the tile.
    pub fn tile_of(&self, column: &str) -> String {
        let key = if self.tiled() {
            format!("CAST(SUBSTR({column}, 1, 4) AS BIGINT)")
        } else {
            PERIOD.to_string()
        };
        format!("CASE WHEN {column} >= p.starts AND {column} < p.ends THEN {key} END")
    }

    /// The key a tile would have for the instant `column` even before the period: its year
    /// when tiled, else the period's. With [`Frame::tile_of`] it says whether one instant
    /// comes in an earlier tile than another or the same (`earlier <= later`).
    pub fn tile_rank(&self, column: &str) -> String {
        if self.tiled() {
            format!("CAST(SUBSTR({column}, 1, 4) AS BIGINT)")
        } else {
            PERIOD.to_string()
        }
    }

    /// ` AND {column} IN (the area and its sub-areas)`, or nothing for the whole municipality.
    pub fn in_area(&self, column: &str) -> String {
        match self.area {
            Some(_) => format!(" AND {column} IN (SELECT id FROM scope_areas)"),
            None => String::new(),
        }
    }

    /// Like [`Frame::in_area`] for a column holding an area's name (concerns name theirs).
    pub fn in_area_names(&self, column: &str) -> String {
        match self.area {
            Some(_) => format!(" AND {column} IN (SELECT name FROM scope_areas)"),
            None => String::new(),
        }
    }

    /// Whole calendar days from the instant `from` to the instant `to` (by their UTC dates).
    pub fn days(&self, from: &str, to: &str) -> String {
        match self.backend {
            Backend::Sqlite => format!(
                "CAST(julianday(SUBSTR({to}, 1, 10)) - julianday(SUBSTR({from}, 1, 10)) AS INTEGER)"
            ),
            Backend::Postgres => format!(
                "CAST(CAST(SUBSTR({to}, 1, 10) AS DATE) - CAST(SUBSTR({from}, 1, 10) AS DATE) AS BIGINT)"
            ),
        }
    }
}

fn first_of(year: i32) -> Option<Date> {
    Period::year(year).map(Period::from)
}

fn last_of(year: i32) -> Option<Date> {
    Period::year(year).map(Period::to)
}

/// The first instant after the day `last`.
fn after(last: Date) -> Timestamp {
    let next = last
        .naive()
        .checked_add_days(Days::new(1))
        .map_or(last, Date::from_naive);
    next.start()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::ReportKind;

    #[test]
    fn the_years_of_a_period_are_cut_to_it() {
        let day = |text| Date::parse(text).unwrap();
        let scope = ReportScope {
            municipality: Id::new(),
            slug: "aachen".into(),
            name: "Stadt Aachen".into(),
            qm_model: None,
            kind: ReportKind::Monitoring,
            period: Period::new(day("2024-07-01"), day("2025-03-31")).unwrap(),
            area: None,
        };
        let frame = Frame::new(&scope, Backend::Sqlite, true);
        let windows: Vec<(i64, String, String)> = frame
            .windows
            .iter()
            .map(|w| (w.key, w.first.to_string(), w.last.to_string()))
            .collect();
        let expected = [
            (PERIOD, "2024-07-01", "2025-03-31"),
            (2024, "2024-07-01", "2024-12-31"),
            (2025, "2025-01-01", "2025-03-31"),
        ]
        .map(|(k, f, l)| (k, f.to_owned(), l.to_owned()));
        assert_eq!(windows, expected);
        assert_eq!(Frame::new(&scope, Backend::Sqlite, false).windows.len(), 1);
    }

    #[test]
    fn the_instant_after_new_years_eve_is_the_next_midnight() {
        let last = Date::parse("2026-12-31").unwrap();
        assert_eq!(after(last).to_db(), "2027-01-01T00:00:00.000000Z");
        assert!(after(last).to_db().as_str() > "2026-12-31T23:59:59.999999Z");
    }
}
