//! Scheduled delivery of the outboxes (`quartier serve` on an enrolled site): rounds of
//! [`outbox::deliver_once`] to the pinned centre and, when no bundle is pending, of the
//! shared items' [`shared::outbox::deliver_once`] — back to back while messages go out, every
//! [`IDLE`] when nothing is pending, and after a failure with a growing pause
//! ([`Backoff`]) — so a centre that is down or refusing is not flooded, and is tried again
//! soon after it is back. The pin and the site key are read each round: enrolling or
//! rotating the key needs no restart.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::Rng;

use super::enrolment;
use super::outbox::{self, Delivered};
use super::shared;
use super::site_key::SiteKey;
use crate::db::Db;

/// The pause between rounds while nothing is pending (or the site is not enrolled): a
/// closing by `quartier federation close` in another process goes out within it.
pub const IDLE: Duration = Duration::from_secs(5);

/// The first pause after a failure; each further failure doubles it, up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_secs(1);

/// The longest pause after failures.
pub const MAX_PAUSE: Duration = Duration::from_secs(300);

/// Pauses after consecutive failures: 1 s, 2 s, 4 s … up to five minutes, each shortened
/// by a random part of up to a quarter, so that many sites back after the same outage do
/// not all arrive in the same second.
#[derive(Debug, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// The pause after one more failure.
    pub fn failed(&mut self) -> Duration {
        let doubled = FIRST_PAUSE.saturating_mul(1 << self.failures.min(16));
        self.failures = self.failures.saturating_add(1);
        let pause = doubled.min(MAX_PAUSE);
        pause.mul_f64(1.0 - rand::thread_rng().gen_range(0.0..0.25))
    }

    /// A delivery went through: the next failure starts again at the first pause.
    pub fn succeeded(&mut self) {
        self.failures = 0;
    }
}

/// Runs the delivery rounds in the background for as long as the process lives.
pub fn spawn(db: Db, data_dir: PathBuf) {
    tokio::spawn(async move {
        let mut backoff = Backoff::default();
        loop {
            let pause = match round(&db, &data_dir).await {
                Ok(Round::Idle) => IDLE,
                Ok(Round::Progress) => {
                    backoff.succeeded();
                    Duration::ZERO
                }
                Ok(Round::Failed(what, reason)) => {
                    let pause = backoff.failed();
                    tracing::warn!(%what, %reason, ?pause, "exchange message not delivered");
                    pause
                }
                Err(e) => {
                    let pause = backoff.failed();
                    tracing::warn!(error = %format!("{e:#}"), ?pause, "exchange delivery round failed");
                    pause
                }
            };
            tokio::time::sleep(pause).await;
        }
    });
}

/// What one round did, bundles first.
#[derive(Debug)]
enum Round {
    /// Nothing pending, or the site is enrolled nowhere.
    Idle,
    /// A message was acknowledged, or bundles were put back after a gap.
    Progress,
    /// A message (named) was not delivered, and why.
    Failed(String, String),
}

/// One round: a pending bundle, else a pending shared item.
async fn round(db: &Db, data_dir: &Path) -> anyhow::Result<Round> {
    let Some(centre) = enrolment::pinned(data_dir)? else {
        return Ok(Round::Idle);
    };
    let (key, _) = SiteKey::load_or_create(data_dir)?;
    Ok(match outbox::deliver_once(db, &centre, &key).await? {
        Delivered::Sent { .. } | Delivered::Requeued { .. } => Round::Progress,
        Delivered::Failed { sequence, reason } => {
            Round::Failed(format!("bundle {sequence}"), reason)
        }
        Delivered::Idle => match shared::outbox::deliver_once(db, &centre, &key).await? {
            shared::outbox::Delivered::Idle => Round::Idle,
            shared::outbox::Delivered::Sent { .. } => Round::Progress,
            shared::outbox::Delivered::Failed {
                item,
                revision,
                reason,
            } => Round::Failed(format!("item {} revision {revision}", item.0), reason),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_five_minutes_and_start_again_after_a_success() {
        let mut backoff = Backoff::default();
        let pauses: Vec<Duration> = (0..12).map(|_| backoff.failed()).collect();
        for (n, pause) in pauses.iter().enumerate() {
            let full = FIRST_PAUSE.saturating_mul(1 << n).min(MAX_PAUSE);
            assert!(
                *pause <= full && *pause >= full.mul_f64(0.75),
                "{n}: {pause:?}"
            );
        }
        assert!(pauses[11] > Duration::from_secs(224));
        backoff.succeeded();
        assert!(backoff.failed() <= FIRST_PAUSE);
    }
}
