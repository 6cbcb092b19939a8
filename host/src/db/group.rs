//! Group commit: the writes of several callers in one transaction, each caller answered only
//! after that transaction committed.
//!
//! Every write transaction queues for the one writer turn, and each commit writes the pages
//! it changed to the log again — the same few pages of the same tables for every public
//! submission. Under load most of a submission's time went there (docs/benchmarks.md). A
//! [`Job`] handed to [`Db::write_grouped`] waits while the group before it commits; then the
//! jobs that arrived meanwhile run in one transaction, and each caller hears back once it
//! has committed, so an acknowledged write survives kill -9 as before. When one job fails,
//! the group is rolled back and each job runs again in a transaction of its own, so a bad
//! job fails alone. Without load a group is one job: a transaction of its own.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use sqlx::AnyConnection;
use tokio::sync::{mpsc, oneshot};

use super::Db;

/// Jobs in one transaction at most: a group's commit keeps later writers waiting.
const GROUP_MAX: usize = 64;
/// Jobs waiting for their group at most; more wait to be queued.
const QUEUE_MAX: usize = 1_024;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One caller's statements, run inside a transaction it shares with others. It may run
/// twice (together, then alone after another job failed), never half: each run is rolled
/// back or committed whole.
pub trait Job: Send + Sync + 'static {
    fn run<'c>(&'c self, conn: &'c mut AnyConnection) -> BoxFuture<'c, Result<(), sqlx::Error>>;
}

type Reply = oneshot::Sender<Result<(), sqlx::Error>>;

/// The queue to this process's group committer (a thread), started with the first job.
pub(super) type Queue = Arc<std::sync::OnceLock<mpsc::Sender<(Arc<dyn Job>, Reply)>>>;

impl Db {
    /// Runs `job` in a transaction shared with the jobs that arrive while the previous group
    /// commits, and answers once that transaction has committed.
    pub async fn write_grouped(&self, job: Arc<dyn Job>) -> Result<(), sqlx::Error> {
        let queue = self.group.get_or_init(|| {
            let (sender, receiver) = mpsc::channel(QUEUE_MAX);
            // The committer holds the database without the queue, so dropping every
            // handle of this `Db` ends it.
            let db = Db {
                group: Queue::default(),
                ..self.clone()
            };
            // A thread of its own: each statement of a group waits for SQLite (or the
            // network) and then for the committer to be polled again. On the shared async
            // workers that second wait queued behind request work — with every core busy,
            // longer than the statement (docs/benchmarks.md, "Speed, third pass").
            let started = std::thread::Builder::new()
                .name("quartier-group-commit".into())
                .spawn(move || {
                    match tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        Ok(runtime) => runtime.block_on(commit_groups(db, receiver)),
                        Err(error) => tracing::error!(%error, "no runtime for group commit"),
                    }
                });
            if let Err(error) = started {
                tracing::error!(%error, "could not start the group committer");
            }
            sender
        });
        let (reply, answer) = oneshot::channel();
        let stopped = || sqlx::Error::PoolClosed;
        queue.send((job, reply)).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn commit_groups(db: Db, mut queue: mpsc::Receiver<(Arc<dyn Job>, Reply)>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < GROUP_MAX {
            match queue.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        // A task of its own, so a job that panics fails its group (the callers hear of the
        // dropped reply) but not the groups after it.
        let db = db.clone();
        if let Err(e) = tokio::spawn(async move { commit_group(&db, group).await }).await {
            tracing::error!(error = %e, "a group of writes failed");
        }
    }
}

async fn commit_group(db: &Db, group: Vec<(Arc<dyn Job>, Reply)>) {
    match together(db, &group).await {
        Ok(()) => {
            for (_, reply) in group {
                let _ = reply.send(Ok(()));
            }
        }
        Err(Failed::Job(error)) if group.len() == 1 => {
            if let Some((_, reply)) = group.into_iter().next() {
                let _ = reply.send(Err(error));
            }
        }
        Err(Failed::Job(_)) => {
            for (job, reply) in group {
                let _ = reply.send(alone(db, job.as_ref()).await);
            }
        }
        Err(Failed::Transaction(error)) => {
            // Whether a failed commit took effect is unknown: no job runs again.
            let message = error.to_string();
            for (_, reply) in group {
                let _ = reply.send(Err(sqlx::Error::Protocol(message.clone())));
            }
        }
    }
}

enum Failed {
    Job(sqlx::Error),
    Transaction(sqlx::Error),
}

async fn together(db: &Db, group: &[(Arc<dyn Job>, Reply)]) -> Result<(), Failed> {
    let mut tx = db.begin().await.map_err(Failed::Transaction)?;
    for (job, _) in group {
        if let Err(error) = job.run(&mut tx).await {
            let _ = tx.rollback().await;
            return Err(Failed::Job(error));
        }
    }
    tx.commit().await.map_err(Failed::Transaction)
}

async fn alone(db: &Db, job: &dyn Job) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    job.run(&mut tx).await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::db::Id;

    /// Inserts one key, counting its runs; a key already there fails the job.
    struct Insert(i64, Arc<AtomicUsize>);

    impl Job for Insert {
        fn run<'c>(
            &'c self,
            conn: &'c mut AnyConnection,
        ) -> BoxFuture<'c, Result<(), sqlx::Error>> {
            Box::pin(async move {
                self.1.fetch_add(1, Ordering::Relaxed);
                sqlx::query("INSERT INTO t (n) VALUES ($1)")
                    .bind(self.0)
                    .execute(conn)
                    .await
                    .map(|_| ())
            })
        }
    }

    /// Runs until it is opened, writing nothing.
    struct Gate {
        entered: std::sync::atomic::AtomicBool,
        open: tokio::sync::Semaphore,
    }

    impl Job for Gate {
        fn run<'c>(&'c self, _: &'c mut AnyConnection) -> BoxFuture<'c, Result<(), sqlx::Error>> {
            Box::pin(async move {
                self.entered.store(true, Ordering::SeqCst);
                let _ = self.open.acquire().await;
                Ok(())
            })
        }
    }

    #[tokio::test]
    async fn a_failing_job_fails_alone_and_the_rest_of_its_group_commits() {
        let path = std::env::temp_dir().join(format!("quartier-group-{}.db", Id::new()));
        let db = Db::connect(&format!("sqlite://{}", path.display()), 4)
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO t (n) VALUES (7)")
            .execute(&db.pool)
            .await
            .unwrap();
        let runs = Arc::new(AtomicUsize::new(0));
        // A first job holds the committer until all twenty have queued behind it, so they
        // make one group of their own.
        let gate = Arc::new(Gate {
            entered: std::sync::atomic::AtomicBool::new(false),
            open: tokio::sync::Semaphore::new(0),
        });
        let held = tokio::spawn({
            let (db, gate) = (db.clone(), gate.clone());
            async move { db.write_grouped(gate).await }
        });
        while !gate.entered.load(Ordering::SeqCst) {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        let jobs: Vec<_> = (0..20)
            .map(|n| {
                let (db, runs) = (db.clone(), runs.clone());
                tokio::spawn(async move { db.write_grouped(Arc::new(Insert(n, runs))).await })
            })
            .collect();
        let queue = db.group.get().unwrap().clone();
        while queue.max_capacity() - queue.capacity() < 20 {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        gate.open.add_permits(1);
        held.await.unwrap().unwrap();
        let mut failed = Vec::new();
        for (n, job) in jobs.into_iter().enumerate() {
            if job.await.unwrap().is_err() {
                failed.push(n);
            }
        }
        assert_eq!(failed, [7], "only the job whose key exists fails");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(stored, 20, "0..20 stored, 7 once");
        // Together: jobs 0 to 7 ran until 7 failed; then each of the twenty alone.
        assert_eq!(runs.load(Ordering::Relaxed), 8 + 20);
        db.pool.close().await;
        let _ = std::fs::remove_file(&path);
    }
}
