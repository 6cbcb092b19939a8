//! A small Prometheus registry owned by the app state (no global recorder, so several apps
//! can live in one test process): request counts and latency histograms per route.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Histogram bucket bounds in seconds, from sub-millisecond reads to slow reports.
const BUCKETS: [f64; 10] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
}

#[derive(Default, Clone)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests
                .entry((method.to_owned(), route.to_owned(), status))
                .or_default() += 1;
        }
        if let Ok(mut latency) = self.latency.lock() {
            let h = latency.entry(route.to_owned()).or_default();
            let secs = elapsed.as_secs_f64();
            for (bound, bucket) in BUCKETS.iter().zip(h.buckets.iter_mut()) {
                if secs <= *bound {
                    *bucket += 1;
                }
            }
            h.count += 1;
            h.sum += secs;
        }
    }

    /// The Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP quartier_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE quartier_http_requests_total counter\n");
        if let Ok(requests) = self.requests.lock() {
            for ((method, route, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "quartier_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str("# HELP quartier_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE quartier_http_request_duration_seconds histogram\n");
        if let Ok(latency) = self.latency.lock() {
            for (route, h) in latency.iter() {
                let route = escape(route);
                for (bound, n) in BUCKETS.iter().zip(h.buckets.iter()) {
                    let _ = writeln!(
                        out,
                        "quartier_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "quartier_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                     quartier_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                     quartier_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                    h.count, h.sum, h.count
                );
            }
        }
        out
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_counted_and_lands_in_its_latency_bucket() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/x", 200, Duration::from_micros(800));
        let text = m.render();
        assert!(text.contains(
            "quartier_http_requests_total{method=\"GET\",route=\"/api/v1/x\",status=\"200\"} 1"
        ));
        assert!(text.contains("route=\"/api/v1/x\",le=\"0.0005\"} 0"));
        assert!(text.contains("route=\"/api/v1/x\",le=\"0.001\"} 1"));
    }
}
