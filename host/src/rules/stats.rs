//! Call statistics per plugin version, kept in memory by each process: the counts and recent
//! durations the coordinator sees, and the Prometheus series for `/metrics`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

use crate::db::{Id, Timestamp};

/// Percentiles are taken over this many most recent calls: enough for a stable p99, small
/// enough to sort on every read.
const RECENT: usize = 1024;

/// How many of a version's latest failures the coordinator sees.
const FAILURES_KEPT: usize = 20;

/// Histogram bounds in seconds, from a quick rule (~50 µs) to the report deadline.
const BUCKETS: [f64; 12] = [
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
];

/// What the coordinator sees about one version's calls in this process.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct CallStats {
    /// Calls since this process started.
    pub count: u64,
    /// Median duration of the recent calls, in milliseconds.
    pub p50_ms: Option<f64>,
    /// 99th percentile of the recent calls, in milliseconds.
    pub p99_ms: Option<f64>,
    /// Failed calls by error code (`plugin_timeout`, `plugin_refused`, …).
    pub errors: BTreeMap<String, u64>,
    /// Calls by hook (`describe`, `validate`, …).
    pub hooks: BTreeMap<String, u64>,
    /// The latest failed calls, newest first (at most 20).
    pub recent_failures: Vec<Failure>,
}

/// One failed call: when, which hook, and the error code.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Failure {
    pub at: Timestamp,
    pub hook: String,
    pub code: String,
}

#[derive(Default)]
struct Entry {
    municipality: String,
    plugin: String,
    count: u64,
    errors: BTreeMap<&'static str, u64>,
    hooks: BTreeMap<&'static str, u64>,
    failures: VecDeque<(Timestamp, &'static str, &'static str)>,
    recent: VecDeque<Duration>,
    buckets: [u64; BUCKETS.len()],
    timed: u64,
    seconds: f64,
}

/// Statistics of every version this process called.
#[derive(Default)]
pub struct Stats {
    versions: Mutex<HashMap<Id, Entry>>,
}

impl Stats {
    /// Records one call. `duration` is `None` when the plugin never ran (no turn was free).
    pub fn record(
        &self,
        version_id: Id,
        labels: (&str, &str),
        hook: &'static str,
        duration: Option<Duration>,
        error: Option<&'static str>,
    ) {
        let Ok(mut versions) = self.versions.lock() else {
            return;
        };
        let entry = versions.entry(version_id).or_insert_with(|| Entry {
            municipality: labels.0.to_owned(),
            plugin: labels.1.to_owned(),
            ..Entry::default()
        });
        entry.count += 1;
        *entry.hooks.entry(hook).or_default() += 1;
        if let Some(code) = error {
            *entry.errors.entry(code).or_default() += 1;
            if entry.failures.len() == FAILURES_KEPT {
                entry.failures.pop_back();
            }
            entry.failures.push_front((Timestamp::now(), hook, code));
        }
        if let Some(duration) = duration {
            if entry.recent.len() == RECENT {
                entry.recent.pop_front();
            }
            entry.recent.push_back(duration);
            let secs = duration.as_secs_f64();
            for (bound, bucket) in BUCKETS.iter().zip(entry.buckets.iter_mut()) {
                if secs <= *bound {
                    *bucket += 1;
                }
            }
            entry.timed += 1;
            entry.seconds += secs;
        }
    }

    pub fn snapshot(&self, version_id: Id) -> CallStats {
        let Ok(versions) = self.versions.lock() else {
            return CallStats::default();
        };
        let Some(entry) = versions.get(&version_id) else {
            return CallStats::default();
        };
        let mut recent: Vec<Duration> = entry.recent.iter().copied().collect();
        recent.sort_unstable();
        CallStats {
            count: entry.count,
            p50_ms: percentile(&recent, 0.50),
            p99_ms: percentile(&recent, 0.99),
            errors: entry
                .errors
                .iter()
                .map(|(code, n)| ((*code).to_owned(), *n))
                .collect(),
            hooks: entry
                .hooks
                .iter()
                .map(|(hook, n)| ((*hook).to_owned(), *n))
                .collect(),
            recent_failures: entry
                .failures
                .iter()
                .map(|(at, hook, code)| Failure {
                    at: *at,
                    hook: (*hook).to_owned(),
                    code: (*code).to_owned(),
                })
                .collect(),
        }
    }

    /// The Prometheus text for plugin calls. Versions with the same labels (a plugin
    /// re-uploaded under the same name and version) add up into one series.
    pub fn render(&self) -> String {
        #[derive(Default)]
        struct Series {
            outcomes: BTreeMap<&'static str, u64>,
            buckets: [u64; BUCKETS.len()],
            timed: u64,
            seconds: f64,
        }
        let mut series: BTreeMap<(String, String), Series> = BTreeMap::new();
        if let Ok(versions) = self.versions.lock() {
            for e in versions.values() {
                let s = series
                    .entry((escape(&e.municipality), escape(&e.plugin)))
                    .or_default();
                let failed: u64 = e.errors.values().sum();
                *s.outcomes.entry("ok").or_default() += e.count - failed;
                for (code, n) in &e.errors {
                    *s.outcomes.entry(code).or_default() += n;
                }
                for (total, n) in s.buckets.iter_mut().zip(e.buckets) {
                    *total += n;
                }
                s.timed += e.timed;
                s.seconds += e.seconds;
            }
        }
        let mut out = String::from(
            "# HELP quartier_plugin_calls_total Plugin hook calls by municipality, plugin and outcome.\n\
             # TYPE quartier_plugin_calls_total counter\n",
        );
        for ((m, p), s) in &series {
            for (outcome, n) in &s.outcomes {
                let _ = writeln!(
                    out,
                    "quartier_plugin_calls_total{{municipality=\"{m}\",plugin=\"{p}\",outcome=\"{outcome}\"}} {n}"
                );
            }
        }
        out.push_str(
            "# HELP quartier_plugin_call_duration_seconds Time of a plugin hook call, instantiation included.\n\
             # TYPE quartier_plugin_call_duration_seconds histogram\n",
        );
        for ((m, p), s) in &series {
            let labels = format!("municipality=\"{m}\",plugin=\"{p}\"");
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                let _ = writeln!(
                    out,
                    "quartier_plugin_call_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "quartier_plugin_call_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 quartier_plugin_call_duration_seconds_sum{{{labels}}} {}\n\
                 quartier_plugin_call_duration_seconds_count{{{labels}}} {}",
                s.timed, s.seconds, s.timed
            );
        }
        out
    }
}

/// Nearest-rank percentile of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    let index = rank.clamp(1, sorted.len()) - 1;
    Some(sorted[index].as_secs_f64() * 1e3)
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_recent_calls_and_errors_are_counted_by_code() {
        let stats = Stats::default();
        let id = Id::new();
        for ms in 1..=100 {
            stats.record(
                id,
                ("aachen", "beispiel@0.1.0"),
                "validate",
                Some(Duration::from_millis(ms)),
                None,
            );
        }
        stats.record(
            id,
            ("aachen", "beispiel@0.1.0"),
            "validate",
            None,
            Some("plugin_busy"),
        );
        let s = stats.snapshot(id);
        assert_eq!(s.count, 101);
        assert_eq!(s.p50_ms, Some(50.0));
        assert_eq!(s.p99_ms, Some(99.0));
        assert_eq!(s.errors.get("plugin_busy"), Some(&1));
        assert_eq!(s.hooks.get("validate"), Some(&101));
        let text = stats.render();
        assert!(text.contains(
            "quartier_plugin_calls_total{municipality=\"aachen\",plugin=\"beispiel@0.1.0\",outcome=\"ok\"} 100"
        ));
        assert!(text.contains("outcome=\"plugin_busy\"} 1"));
        assert!(text.contains("quartier_plugin_call_duration_seconds_count{municipality=\"aachen\",plugin=\"beispiel@0.1.0\"} 100"));
    }

    #[test]
    fn the_window_of_recent_durations_is_bounded() {
        let stats = Stats::default();
        let id = Id::new();
        for _ in 0..RECENT + 10 {
            stats.record(
                id,
                ("a", "p"),
                "describe",
                Some(Duration::from_micros(5)),
                None,
            );
        }
        let versions = stats.versions.lock().unwrap();
        assert_eq!(versions[&id].recent.len(), RECENT);
    }
}
