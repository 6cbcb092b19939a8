//! A sliding-window rate limit per (municipality, client address), kept in the app's state
//! (one per process): public forms use it to stop floods without accounts or captchas.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::db::Id;

pub type Key = (Id, IpAddr);

/// Keys kept before expired ones are swept out; bounds memory under a flood of addresses.
const SWEEP_ABOVE: usize = 10_000;

/// A sliding-window counter per key: the instants of the admitted submissions within the
/// window. Keys are (municipality id, address).
#[derive(Default)]
pub struct Limiter {
    seen: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

impl Limiter {
    /// Counts a submission at `now`, or says after how long the next one will be admitted.
    pub fn admit(
        &self,
        key: Key,
        now: Instant,
        limit: u32,
        window: Duration,
    ) -> Result<(), Duration> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() > SWEEP_ABOVE {
            seen.retain(|_, times| times.back().is_some_and(|t| now - *t < window));
        }
        let times = seen.entry(key).or_default();
        while times.front().is_some_and(|t| now - *t >= window) {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now - oldest));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_admits_n_per_window_and_frees_slots_as_they_age() {
        let limiter = Limiter::default();
        let key = (
            Id::new(),
            "192.0.2.1".parse().unwrap_or(IpAddr::from([0; 4])),
        );
        let other = (Id::new(), key.1);
        let start = Instant::now();
        let window = Duration::from_secs(600);
        for i in 0..3 {
            let at = start + Duration::from_secs(i * 60);
            assert_eq!(limiter.admit(key, at, 3, window), Ok(()));
        }
        let late = start + Duration::from_secs(300);
        assert_eq!(
            limiter.admit(key, late, 3, window),
            Err(Duration::from_secs(300))
        );
        // Another municipality counts separately.
        assert_eq!(limiter.admit(other, late, 3, window), Ok(()));
        // Once the first submission is older than the window, one more is admitted.
        let after = start + Duration::from_secs(601);
        assert_eq!(limiter.admit(key, after, 3, window), Ok(()));
        assert!(limiter.admit(key, after, 3, window).is_err());
    }
}
