//! The demo's one source of chance: a seeded generator per topic, so that the same seed and
//! anchor day give the same data, and a topic (say, the concerns of one year) draws the same
//! numbers whatever the other topics draw. Ids, references and token hashes come from here
//! too, so that a second run writes the very same rows.

use std::ops::RangeInclusive;

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, RngCore, SeedableRng};

use crate::db::Id;
use crate::forms::public::{reference_from, token_hash};

/// A seeded generator with the draws the demo needs.
pub struct Dice {
    rng: StdRng,
}

/// FNV-1a over the topic, folded into the seed with SplitMix64's finaliser: topics that
/// differ in one letter get unrelated streams.
fn mix(seed: u64, topic: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in topic.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = seed ^ hash;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Dice {
    /// The stream of `topic` under `seed`.
    pub fn new(seed: u64, topic: &str) -> Dice {
        Dice {
            rng: StdRng::seed_from_u64(mix(seed, topic)),
        }
    }

    /// True with probability `p` (0–1).
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    /// A whole number in `range` (both ends included).
    pub fn range(&mut self, range: RangeInclusive<i64>) -> i64 {
        if range.is_empty() {
            return *range.start();
        }
        self.rng.gen_range(range)
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        self.rng.r#gen::<f64>()
    }

    /// One of `items`, or `None` when there is none.
    pub fn choose<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.choose(&mut self.rng)
    }

    /// One of the demo's own text pools, which are never empty (their tests say so); an
    /// empty one would give its first… nothing, so it falls back to `fallback`.
    pub fn pick<'a, T>(&mut self, items: &'a [T], fallback: &'a T) -> &'a T {
        self.choose(items).unwrap_or(fallback)
    }

    /// One of `items` by weight; `None` when all weights are zero.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> Option<T> {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut roll = self.rng.gen_range(0..total);
        for (item, weight) in items {
            if roll < *weight {
                return Some(*item);
            }
            roll -= weight;
        }
        None
    }

    /// A standard normal draw (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(f64::MIN_POSITIVE);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A duration in days, log-normally spread around `median` (waiting times are skewed:
    /// most answers come soon, a few take long), within `min..=max`.
    pub fn days(&mut self, median: f64, spread: f64, min: f64, max: f64) -> f64 {
        (median * (spread * self.normal()).exp()).clamp(min, max)
    }

    /// Shuffles `items` in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        items.shuffle(&mut self.rng);
    }

    /// A UUIDv7 for an object created at `at`: time-ordered like the application's own ids
    /// (the lists sort by them), with the random part drawn from this stream.
    pub fn id(&mut self, at: DateTime<Utc>) -> Id {
        let mut random = [0u8; 10];
        self.rng.fill_bytes(&mut random);
        let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        Id(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
    }

    /// A reference like `AN-7K3F-Q9P2`.
    pub fn reference(&mut self, prefix: &str) -> String {
        reference_from(prefix, &mut self.rng)
    }

    /// The stored hash of a status token nobody holds (the demo's residents never ask).
    pub fn token_hash(&mut self) -> String {
        let mut bytes = [0u8; 32];
        self.rng.fill_bytes(&mut bytes);
        token_hash(&hex::encode(bytes))
    }
}

/// The `n`th id of a part of `parent` (an event of an application, an item of an agenda),
/// made at `at`: as unique as the parent's random bits, with no draw of its own, so that
/// the parts do not shift the stream.
pub fn derived_id(parent: Id, at: DateTime<Utc>, n: u64) -> Id {
    let bytes = parent.0.as_bytes();
    let mut random = [0u8; 10];
    random.copy_from_slice(&bytes[6..16]);
    for (i, b) in (n + 1).to_be_bytes().iter().enumerate() {
        random[2 + i] ^= b;
    }
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    Id(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_topic_draw_the_same_numbers_and_other_topics_do_not() {
        let draw = |seed, topic| {
            let mut dice = Dice::new(seed, topic);
            (0..8)
                .map(|_| dice.range(0..=1_000_000))
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7, "concerns/2025"), draw(7, "concerns/2025"));
        assert_ne!(draw(7, "concerns/2025"), draw(7, "concerns/2024"));
        assert_ne!(draw(7, "concerns/2025"), draw(8, "concerns/2025"));
    }

    #[test]
    fn ids_carry_the_time_they_are_made_for() {
        let mut dice = Dice::new(1, "ids");
        let early = dice.id("2025-01-01T00:00:00Z".parse().unwrap());
        let late = dice.id("2025-06-01T00:00:00Z".parse().unwrap());
        assert!(early < late);
        assert_eq!(early.0.get_version_num(), 7);
    }

    #[test]
    fn parts_of_one_parent_get_different_ids() {
        let mut dice = Dice::new(1, "parts");
        let at = "2025-01-01T00:00:00Z".parse().unwrap();
        let parent = dice.id(at);
        let ids: std::collections::HashSet<Id> =
            (0..50).map(|n| derived_id(parent, at, n)).collect();
        assert_eq!(ids.len(), 50);
        assert!(!ids.contains(&parent));
    }

    #[test]
    fn waiting_times_stay_within_their_bounds_and_centre_on_the_median() {
        let mut dice = Dice::new(3, "days");
        let mut days: Vec<f64> = (0..2001).map(|_| dice.days(10.0, 0.6, 1.0, 90.0)).collect();
        assert!(days.iter().all(|d| (1.0..=90.0).contains(d)));
        days.sort_by(f64::total_cmp);
        assert!((8.0..12.5).contains(&days[1000]), "{}", days[1000]);
    }
}
