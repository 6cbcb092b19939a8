//! SQLite checkpoints outside the write turn.
//!
//! In WAL mode a commit only appends to the log; a checkpoint copies the log back into the
//! database file and syncs both. By default the connection whose commit takes the log past
//! 1,000 pages checkpoints at once — while it still holds this process's write turn
//! ([`Db::begin`]), so every writer queued behind it waits out the syncs (0.3–4.3 ms each,
//! docs/benchmarks.md, "Speed, second pass"). Connections of this process therefore switch
//! the automatic checkpoint off (`PRAGMA wal_autocheckpoint = 0`, see [`Db::connect`]) and
//! one task per database checkpoints on a pooled connection of its own. A `PASSIVE`
//! checkpoint never takes the write lock: writers go on appending while it copies. When the
//! last connection closes, SQLite checkpoints once more and removes the log.

use std::sync::Arc;
use std::time::Duration;

use sqlx::AnyPool;

/// How often the log is copied back: often enough that it stays small under load (a few
/// hundred pages), rarely enough that an idle server does nothing noticeable.
const EVERY: Duration = Duration::from_millis(200);

/// Checkpoints `pool` every [`EVERY`] until `alive` is the last reference (every handle of
/// the database dropped) or the pool is closed.
pub(super) fn start(pool: AnyPool, alive: &Arc<impl Send + Sync + 'static>) {
    let alive = Arc::downgrade(alive);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if alive.strong_count() == 0 || pool.is_closed() {
                return;
            }
            if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                if pool.is_closed() {
                    return;
                }
                tracing::warn!(%error, "SQLite checkpoint failed; the next one tries again");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use crate::db::{Db, Id};

    #[tokio::test]
    async fn the_log_is_copied_back_beside_the_writers_not_by_them() {
        let path = std::env::temp_dir().join(format!("quartier-checkpoint-{}.db", Id::new()));
        let db = Db::connect(&format!("sqlite://{}", path.display()), 4)
            .await
            .unwrap();
        let automatic: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(automatic, 0, "no commit checkpoints");
        let mut tx = db.begin().await.unwrap();
        sqlx::query("CREATE TABLE t (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)")
            .execute(&mut *tx)
            .await
            .unwrap();
        for n in 0..500_i64 {
            sqlx::query("INSERT INTO t (n, filler) VALUES ($1, $2)")
                .bind(n)
                .bind("x".repeat(4_000))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        // About 2 MB committed to the log; the database file grows once the task copies it.
        let size = || std::fs::metadata(&path).map_or(0, |m| m.len());
        let started = Instant::now();
        while size() < 2_000_000 && started.elapsed().as_secs() < 5 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(size() >= 2_000_000, "checkpointed: {} bytes", size());
        db.pool.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
