//! Median and 90th percentile of whole days, computed in SQL by nearest rank: of `n` values
//! in order, the median is the value at rank ⌈n/2⌉ and the 90th percentile the one at rank
//! ⌈0.9·n⌉ — always a value that was measured.
//!
//! Days are few distinct small numbers, so the values are first counted per day (a histogram
//! of a few dozen rows), and window sums over it give each day's cumulative count: the value
//! at rank `r` is the smallest day whose cumulative count reaches `r`. Sorting the histogram
//! instead of every value is about twice as fast as numbering all rows with `ROW_NUMBER()`,
//! and like it works the same on SQLite and PostgreSQL; no row leaves the database.

use quartier_documents::dataset::Spread;

/// `SELECT g, median, p90` per group `g` of `rows`, a query yielding the columns `g` (the
/// group: a tile, a fund) and `d` (whole days). With `total` (a placeholder for a key), one
/// more group under that key spreads the values of all groups together, from the groups'
/// histograms: the period of tiles that are its years.
pub fn per_group(rows: &str, total: Option<&str>) -> String {
    let histogram = format!("SELECT g, d, COUNT(*) AS k FROM ({rows}) AS measured GROUP BY g, d");
    per_histogram(&histogram, total)
}

/// Like [`per_group`] from a histogram already counted: a query yielding `g`, `d` and `k`,
/// how many values of group `g` are `d`.
pub fn per_histogram(histogram: &str, total: Option<&str>) -> String {
    let all = match total {
        Some(key) => {
            format!(" UNION ALL SELECT CAST({key} AS BIGINT), d, SUM(k) FROM histogram GROUP BY d")
        }
        None => String::new(),
    };
    // Integer division: (n + 1) / 2 = ⌈n/2⌉ and (9n + 9) / 10 = ⌈9n/10⌉ for n ≥ 1. The sums
    // are cast because PostgreSQL sums integers as numeric, which would divide exactly.
    format!(
        "SELECT g, MIN(CASE WHEN below >= (n + 1) / 2 THEN d END) AS median,
                MIN(CASE WHEN below >= (9 * n + 9) / 10 THEN d END) AS p90
         FROM (SELECT g, d,
                      CAST(SUM(k) OVER (PARTITION BY g ORDER BY d) AS BIGINT) AS below,
                      CAST(SUM(k) OVER (PARTITION BY g) AS BIGINT) AS n
               FROM (WITH histogram AS ({histogram})
                     SELECT g, d, k FROM histogram{all}) AS histograms) AS cumulative
         GROUP BY g"
    )
}

/// The spread of a row of [`per_group`].
pub fn of(median: Option<i64>, p90: Option<i64>) -> Spread {
    Spread {
        median: median.map(days),
        p90: p90.map(days),
    }
}

/// Whole days as the dataset's number (exact: far below 2^53).
fn days(d: i64) -> f64 {
    d as f64
}

#[cfg(test)]
mod tests {
    /// The ranks the SQL picks, computed the way it does.
    fn ranks(n: i64) -> (i64, i64) {
        ((n + 1) / 2, (9 * n + 9) / 10)
    }

    #[test]
    fn the_ranks_are_the_nearest_ranks() {
        for n in 1..=1000_u64 {
            let nearest = (n.div_ceil(2) as i64, (9 * n).div_ceil(10) as i64);
            assert_eq!(ranks(n as i64), nearest, "n = {n}");
        }
        assert_eq!(ranks(7), (4, 7));
        assert_eq!(ranks(10), (5, 9));
    }
}
