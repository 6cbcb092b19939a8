//! Storage: one `AnyPool` over SQLite (embedded default) or PostgreSQL, chosen by URL.
//!
//! All SQL in Quartier is portable between the two backends (`$1` placeholders work on both),
//! so one code path serves both and the same integration suite proves it. The price is a few
//! column conventions, wrapped in [`types`]: ids are UUIDv7 text, timestamps fixed-width RFC 3339
//! UTC text (lexicographic order is chronological), flags 0/1, money integer cents.
//! This module is not a repository layer: features own their SQL.

mod checkpoint;
pub mod group;
pub mod sql;
pub mod types;

use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use sql::Sql;
pub use types::{Date, Flag, Id, Timestamp};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which engine sits behind the pool; a few statements (transaction start) differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The shared database handle: cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// This process's turn to write (SQLite only; see [`Db::begin`]).
    writer: Arc<Mutex<()>>,
    /// Counts the write transactions of this handle and its clones, so what was read before
    /// one can be told from what was read after it ([`Db::writes`]).
    writes: Arc<AtomicU64>,
    /// The queue to this process's group committer ([`Db::write_grouped`]).
    group: group::Queue,
}

/// A write transaction. It dereferences to the connection, so `&mut *tx` (or `&mut **tx`
/// through a `&mut Tx`) is the executor for queries inside it. On SQLite it also holds this
/// process's write turn until it is committed, rolled back or dropped.
pub struct Tx {
    inner: Transaction<'static, sqlx::Any>,
    _turn: Option<OwnedMutexGuard<()>>,
    writes: Arc<AtomicU64>,
}

impl Tx {
    /// Commits and counts the write — also when the commit fails, since a lost connection
    /// can leave unknown whether it took effect.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        let committed = self.inner.commit().await;
        self.writes.fetch_add(1, Ordering::Release);
        committed
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.inner.rollback().await
    }
}

impl Deref for Tx {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Db {
    /// Connects to `url` (`sqlite://PATH` or `postgres://…`), creating a SQLite file if needed.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("unsupported database URL (expected sqlite:// or postgres://): {url}");
        };
        let url = match backend {
            Backend::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500))
            .log_statements(tracing::log::LevelFilter::Trace);
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // In WAL mode NORMAL syncs at checkpoints instead of at every commit:
                        // a committed transaction survives a crash of this process (kill -9)
                        // and is only at risk when the machine itself loses power.
                        sqlx::query("PRAGMA synchronous = NORMAL")
                            .execute(&mut *connection)
                            .await?;
                        // Reads map the file instead of copying each page through a system
                        // call: a report's aggregates read tens of megabytes of index, and
                        // the copies cost a third of their time. Writes are unchanged.
                        sqlx::query("PRAGMA mmap_size = 1073741824")
                            .execute(&mut *connection)
                            .await?;
                        // Checkpoints run on a task of their own, outside the write turn
                        // (`checkpoint`).
                        sqlx::query("PRAGMA wal_autocheckpoint = 0")
                            .execute(&mut *connection)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        if backend == Backend::Sqlite {
            // WAL lets readers proceed during a write; the setting persists in the file.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        let db = Db {
            pool,
            backend,
            writer: Arc::default(),
            writes: Arc::default(),
            group: group::Queue::default(),
        };
        if backend == Backend::Sqlite {
            checkpoint::start(db.pool.clone(), &db.writer);
        }
        Ok(db)
    }

    /// How many write transactions this handle and its clones have committed (or tried to).
    /// Whatever was read after taking this figure is still current while it is unchanged —
    /// as far as those writes go: another pool's (a job's own connection, another process)
    /// and statements on `pool` outside a [`Tx`] are not counted.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Applies pending migrations; safe to call from several processes at once (sqlx locks).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        self.migrator().run(&self.pool).await?;
        Ok(())
    }

    /// True when every migration this binary knows has been applied.
    pub async fn migrations_applied(&self) -> Result<bool, sqlx::Error> {
        let latest = self.migrator().iter().map(|m| m.version).max().unwrap_or(0);
        let applied: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_one(&self.pool)
                .await
                .or_else(|_| Ok::<_, sqlx::Error>(None))?;
        Ok(applied.unwrap_or(0) >= latest)
    }

    /// Starts a transaction that will write. On SQLite, writers of this process first queue
    /// for their turn in order (SQLite has one writer at a time; waiting in its busy handler
    /// instead means sleeping in steps of up to 100 ms, which made the tail of concurrent
    /// submissions slow), then take the write lock up front (`BEGIN IMMEDIATE`), so a writer
    /// never fails with SQLITE_BUSY when it upgrades a read lock. Other processes on the same
    /// file still meet the busy timeout. Never begin a second transaction while holding one.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let turn = Arc::clone(&self.writer).lock_owned().await;
                let inner = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx {
                    inner,
                    _turn: Some(turn),
                    writes: Arc::clone(&self.writes),
                })
            }
            Backend::Postgres => Ok(Tx {
                inner: self.pool.begin().await?,
                _turn: None,
                writes: Arc::clone(&self.writes),
            }),
        }
    }
}
