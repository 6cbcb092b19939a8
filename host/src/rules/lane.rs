//! A municipality's lane: the threads its plugin calls run on.
//!
//! A municipality may run `calls_per_municipality` calls at once (one by default), so a
//! runaway plugin occupies at most that many cores while the others keep serving. Each of
//! those turns is a thread of its own that takes the municipality's calls from one queue,
//! oldest first. Under load the next call starts the moment the previous one ends; handing
//! the turn on through a semaphore instead meant waiting until the waiting task was polled
//! on a busy async worker and a blocking thread woke — with every core busy, longer than the
//! call itself (docs/benchmarks.md, "Speed, third pass"). A call that waited longer than
//! `queue_timeout` for its turn is answered busy without running, and one whose caller has
//! gone is dropped. A thread ends after [`IDLE`] without calls; the next call starts one.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

/// How long a lane's thread waits for the next call before it ends.
const IDLE: Duration = Duration::from_secs(10);

/// Why a call did not run to its end.
#[derive(Debug, PartialEq, Eq)]
pub enum Unran {
    /// It waited longer than the queue timeout for its turn.
    Busy,
    /// The thread running it panicked, or no thread could be started.
    Failed,
}

type Work<T> = Box<dyn FnOnce() -> T + Send>;

struct Call<T> {
    queued: Instant,
    work: Work<T>,
    reply: oneshot::Sender<Result<T, Unran>>,
}

struct Queue<T> {
    calls: VecDeque<Call<T>>,
    threads: usize,
    idle: usize,
}

pub struct Lane<T> {
    queue: Mutex<Queue<T>>,
    ready: Condvar,
    turns: usize,
    queue_timeout: Duration,
    name: String,
}

impl<T: Send + 'static> Lane<T> {
    /// A lane of `turns` threads at most (at least one); `name` names them.
    pub fn new(turns: usize, queue_timeout: Duration, name: String) -> Arc<Lane<T>> {
        Arc::new(Lane {
            queue: Mutex::new(Queue {
                calls: VecDeque::new(),
                threads: 0,
                idle: 0,
            }),
            ready: Condvar::new(),
            turns: turns.max(1),
            queue_timeout,
            name,
        })
    }

    /// Runs `work` on one of the lane's threads when its turn comes.
    pub async fn run(
        self: &Arc<Self>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Unran> {
        let (reply, answer) = oneshot::channel();
        let call = Call {
            queued: Instant::now(),
            work: Box::new(work),
            reply,
        };
        {
            let mut queue = self.lock();
            queue.calls.push_back(call);
            if queue.idle > 0 {
                self.ready.notify_one();
            } else if queue.threads < self.turns {
                let lane = Arc::clone(self);
                let started = std::thread::Builder::new()
                    .name(self.name.clone())
                    .spawn(move || lane.serve());
                match started {
                    Ok(_) => queue.threads += 1,
                    Err(error) => {
                        tracing::error!(%error, "could not start a plugin call thread");
                        if queue.threads == 0 {
                            for call in queue.calls.drain(..) {
                                let _ = call.reply.send(Err(Unran::Failed));
                            }
                        }
                    }
                }
            }
        }
        answer.await.unwrap_or(Err(Unran::Failed))
    }

    fn lock(&self) -> MutexGuard<'_, Queue<T>> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One thread's loop: the oldest call, then the next, until none came for [`IDLE`].
    fn serve(&self) {
        let mut queue = self.lock();
        loop {
            let Some(call) = queue.calls.pop_front() else {
                queue.idle += 1;
                let (next, waited) = self
                    .ready
                    .wait_timeout(queue, IDLE)
                    .unwrap_or_else(|p| p.into_inner());
                queue = next;
                queue.idle -= 1;
                if waited.timed_out() && queue.calls.is_empty() {
                    queue.threads -= 1;
                    return;
                }
                continue;
            };
            drop(queue);
            if call.reply.is_closed() {
                // The caller has gone (its request ended): the turn goes to the next call.
            } else if call.queued.elapsed() > self.queue_timeout {
                let _ = call.reply.send(Err(Unran::Busy));
            } else {
                let done = std::panic::catch_unwind(AssertUnwindSafe(call.work));
                let _ = call.reply.send(done.map_err(|_| Unran::Failed));
            }
            queue = self.lock();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn calls_run_one_turn_at_a_time_and_one_that_waited_too_long_is_busy() {
        let lane = Lane::new(1, Duration::from_millis(20), "test-lane".into());
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let call = |millis: u64| {
            let (lane, running, most) = (lane.clone(), running.clone(), most.clone());
            tokio::spawn(async move {
                lane.run(move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(millis));
                    running.fetch_sub(1, Ordering::SeqCst);
                    millis
                })
                .await
            })
        };
        let first = call(60);
        tokio::time::sleep(Duration::from_millis(10)).await;
        let (second, third) = (call(1), call(1));
        assert_eq!(first.await.unwrap(), Ok(60));
        assert_eq!(second.await.unwrap(), Err(Unran::Busy));
        assert_eq!(third.await.unwrap(), Err(Unran::Busy));
        assert_eq!(most.load(Ordering::SeqCst), 1, "one turn");
        // The next call after the queue drained runs at once.
        assert_eq!(call(1).await.unwrap(), Ok(1));
    }

    #[tokio::test]
    async fn a_panicking_call_fails_alone_and_the_lane_keeps_serving() {
        let lane = Lane::new(2, Duration::from_secs(1), "test-lane".into());
        let panicked = lane.run(|| -> u32 { panic!("a call panics") }).await;
        assert_eq!(panicked, Err(Unran::Failed));
        let calls: Vec<_> = (0..8_u32)
            .map(|n| {
                let lane = lane.clone();
                tokio::spawn(async move { lane.run(move || n * 2).await })
            })
            .collect();
        for (n, call) in calls.into_iter().enumerate() {
            assert_eq!(call.await.unwrap(), Ok(n as u32 * 2));
        }
        assert!(lane.lock().threads <= 2, "at most two turns");
    }
}
