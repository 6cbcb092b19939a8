//! Latency samples, percentiles and the result table.

use std::time::{Duration, Instant};

/// Durations in nanoseconds.
pub struct Sample(Vec<u64>);

impl Sample {
    pub fn with_capacity(n: usize) -> Sample {
        Sample(Vec::with_capacity(n))
    }

    pub fn push(&mut self, d: Duration) {
        self.0.push(u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    fn sorted(&self) -> Vec<u64> {
        let mut v = self.0.clone();
        v.sort_unstable();
        v
    }

    /// The `q`-th percentile (nearest rank).
    pub fn percentile(&self, q: f64) -> u64 {
        let v = self.sorted();
        if v.is_empty() {
            return 0;
        }
        let rank = ((q / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1]
    }

    pub fn p50(&self) -> u64 {
        self.percentile(50.0)
    }

    pub fn p99(&self) -> u64 {
        self.percentile(99.0)
    }

    pub fn max(&self) -> u64 {
        self.0.iter().copied().max().unwrap_or(0)
    }
}

/// Times one run of `f`.
pub fn time(f: impl FnOnce()) -> Duration {
    let started = Instant::now();
    f();
    started.elapsed()
}

/// One line of the result table.
pub struct Row {
    what: String,
    measured: String,
    bar: String,
    met: Option<bool>,
}

impl Row {
    pub fn latency(what: &str, sample: &Sample) -> Row {
        Row::text(
            what,
            format!(
                "p50 {}, p99 {} (n = {})",
                human(sample.p50()),
                human(sample.p99()),
                sample.len()
            ),
        )
    }

    pub fn text(what: &str, measured: String) -> Row {
        Row {
            what: what.to_owned(),
            measured,
            bar: String::new(),
            met: None,
        }
    }

    pub fn extra(mut self, more: String) -> Row {
        self.measured = format!("{}; {more}", self.measured);
        self
    }

    pub fn bar(mut self, bar: &str, met: bool) -> Row {
        self.bar = bar.to_owned();
        self.met = Some(met);
        self
    }
}

fn human(nanos: u64) -> String {
    match nanos {
        n if n < 10_000 => format!("{:.2} µs", n as f64 / 1e3),
        n if n < 10_000_000 => format!("{:.1} µs", n as f64 / 1e3),
        n => format!("{:.1} ms", n as f64 / 1e6),
    }
}

/// Prints the table as Markdown.
pub fn print(rows: &[Row]) {
    println!("| figure | measured | bar (../shared/DESIGN.md §4) | met |");
    println!("|---|---|---|---|");
    for row in rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        println!("| {} | {} | {} | {met} |", row.what, row.measured, row.bar);
    }
}
