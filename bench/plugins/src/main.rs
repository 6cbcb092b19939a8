//! Plugin call benchmarks, all in one run so the figures can be compared side by side
//! (../shared/DESIGN.md §4 "Plugin call" and "Hostile plugins"; results in docs/benchmarks.md):
//!
//! - (a) instantiation: `InstancePre::instantiate` of the sample plugin in a fresh store, dropped;
//! - (b) validating the 2 KB fund application through the plugin (instantiate + call) next to
//!   the same rule compiled natively, JSON parsing included on both sides;
//! - (c) calls per second on one thread (one core) at 1 KB and 7 KB;
//! - (d) compiling the sample component on upload, and loading it from the artifact cache;
//! - (e) municipality B's calls while municipality A's endless loop is called over and over;
//! - (f) an experiment: the same validation on engines that reset linear memory differently.
//!
//! Usage: `bench/plugins.sh [ITERATIONS [PARTS]]` (release build; default 20,000 iterations,
//! all parts `abcdef`). Part (f) also runs on the component file in
//! `QUARTIER_BENCH_COMPONENT`, if set (another build of the same rule).
//! A plain timing loop, not a statistics framework: figures are percentiles of single calls.

// The sample plugin's source, compiled natively: the very rule the component runs. Included
// as a module rather than depended on, because cargo would also link the crate's `cdylib`
// natively, and the linker refuses its WebAssembly export names (`quartier:plugin/…`).
extern crate native_sdk as quartier_plugin_sdk;
#[allow(dead_code)]
#[path = "../../../plugins/sample/src/lib.rs"]
mod quartier_sample_plugin;

mod stats;
mod tuning;

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use quartier::plugins::{
    Answer, Cache, CallContext, CallError, FormKind, Limits, Plugin, Request, Runtime,
};
use quartier_plugin_sdk::Submission;

use stats::{Row, Sample, time};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args
        .next()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(20_000);
    // Optional: only some parts, e.g. `b` or `ace` (for profiling one of them).
    let parts = args.next().unwrap_or_else(|| "abcdef".to_owned());
    let run = |part: char| parts.contains(part);
    let sample = component("quartier_sample_plugin");
    let runtime = Runtime::new(Limits::default(), None)?;
    let plugin = runtime
        .load(sample, None)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let inputs = Inputs::read()?;
    let mut rows = Vec::new();

    if run('a') {
        eprintln!("(a) instantiation, {iterations} iterations");
        rows.push(instantiation(&runtime, &plugin, iterations)?);
    }
    if run('b') {
        eprintln!("(b) 2 KB validation, plugin vs native, {iterations} iterations each");
        rows.extend(plugin_vs_native(
            &runtime,
            &plugin,
            &inputs.two_kb,
            iterations,
        ));
    }
    if run('c') {
        eprintln!("(c) calls per second on one thread");
        for (label, input) in [("1 KB", &inputs.one_kb), ("7 KB", &inputs.seven_kb)] {
            rows.push(throughput(&runtime, &plugin, label, input, iterations));
        }
    }
    if run('d') {
        eprintln!("(d) compile on upload, load from the artifact cache");
        rows.extend(compile_and_cache(sample)?);
    }
    if run('e') {
        eprintln!("(e) a noisy neighbour: A's endless loop while B validates");
        rows.extend(noisy_neighbour(
            &runtime,
            &plugin,
            &inputs.two_kb,
            iterations,
        )?);
    }
    if run('f') {
        eprintln!("(f) experiment: resetting linear memory differently");
        rows.extend(tuning::rows("sample", sample, &inputs.two_kb, iterations)?);
        rows.extend(tuning::neighbour(
            sample,
            component("hostile_endless_loop"),
            &inputs.two_kb,
            iterations,
        )?);
        // Another build of the same rule to compare, e.g. with a smaller shadow stack.
        if let Ok(path) = std::env::var("QUARTIER_BENCH_COMPONENT") {
            let other = std::fs::read(&path)?;
            rows.extend(tuning::rows(&path, &other, &inputs.two_kb, iterations)?);
            rows.extend(tuning::neighbour(
                &other,
                component("hostile_endless_loop"),
                &inputs.two_kb,
                iterations,
            )?);
        }
    }

    println!(
        "\nInputs (the `input` document as sent): 2 KB = {} bytes, 1 KB = {} bytes, 7 KB = {} bytes.\n",
        inputs.two_kb.len(),
        inputs.one_kb.len(),
        inputs.seven_kb.len()
    );
    stats::print(&rows);
    Ok(())
}

fn component(name: &str) -> &'static [u8] {
    quartier_plugin_components::get(name).unwrap_or_else(|| panic!("{name} was not built"))
}

fn context() -> CallContext {
    CallContext {
        municipality: "beispiel".into(),
        locale: "de".into(),
        now: "2026-11-21T09:30:00Z".into(),
    }
}

/// The `input` documents of plugins/fixtures/inputs/validate*.json, as compact JSON.
struct Inputs {
    two_kb: String,
    one_kb: String,
    seven_kb: String,
}

impl Inputs {
    fn read() -> anyhow::Result<Inputs> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../plugins/fixtures/inputs");
        let input = |file: &str| -> anyhow::Result<String> {
            let call: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(file))?)?;
            Ok(call["input"].to_string())
        };
        Ok(Inputs {
            two_kb: input("validate.json")?,
            one_kb: input("validate-1kb.json")?,
            seven_kb: input("validate-7kb.json")?,
        })
    }
}

fn validate<'a>(input: &'a str) -> Request<'a> {
    Request::Validate(FormKind::FundApplication, input)
}

/// One plugin call that must succeed with findings.
fn call(runtime: &Runtime, plugin: &Plugin, input: &str) {
    let measured = runtime.call(plugin, context(), validate(input));
    assert!(
        matches!(measured.result, Ok(Answer::Findings(_))),
        "{:?}",
        measured.result
    );
}

fn instantiation(runtime: &Runtime, plugin: &Plugin, n: usize) -> anyhow::Result<Row> {
    let instantiation = runtime.instantiation(plugin)?;
    for _ in 0..n / 10 {
        instantiation.run()?;
    }
    let mut sample = Sample::with_capacity(n);
    for _ in 0..n {
        sample.push(instantiation.run()?);
    }
    Ok(
        Row::latency("(a) instantiate + drop (sample plugin)", &sample).bar(
            "p50 ≤ 20 µs, p99 ≤ 100 µs",
            sample.p50() <= 20_000 && sample.p99() <= 100_000,
        ),
    )
}

fn plugin_vs_native(runtime: &Runtime, plugin: &Plugin, input: &str, n: usize) -> Vec<Row> {
    let native = || {
        let form = Submission(serde_json::from_str(input).expect("fixture is JSON"));
        black_box(quartier_sample_plugin::validate_fund_application(&form));
    };
    for _ in 0..n / 10 {
        call(runtime, plugin, input);
        native();
    }
    // Alternating blocks, so drift on a shared machine hits both sides alike.
    let (mut wasm, mut rust) = (Sample::with_capacity(n), Sample::with_capacity(n));
    for _ in 0..n / 100 {
        for _ in 0..100 {
            wasm.push(time(|| call(runtime, plugin, input)));
        }
        for _ in 0..100 {
            rust.push(time(native));
        }
    }
    let ratio = wasm.p50() as f64 / rust.p50() as f64;
    let ratio99 = wasm.p99() as f64 / rust.p99() as f64;
    vec![
        Row::latency(
            "(b) validate 2 KB through the plugin (instantiate + call)",
            &wasm,
        )
        .bar(
            "p50 ≤ 60 µs, p99 ≤ 300 µs",
            wasm.p50() <= 60_000 && wasm.p99() <= 300_000,
        ),
        Row::latency("(b) validate 2 KB natively (parse + same rule)", &rust),
        Row::text(
            "(b) ratio plugin / native",
            format!("{ratio:.1}× at p50, {ratio99:.1}× at p99"),
        )
        .bar("≤ 5× (speed issue; DESIGN.md: 3×)", ratio <= 5.0),
    ]
}

fn throughput(runtime: &Runtime, plugin: &Plugin, label: &str, input: &str, n: usize) -> Row {
    for _ in 0..n / 10 {
        call(runtime, plugin, input);
    }
    let mut sample = Sample::with_capacity(n);
    let started = Instant::now();
    for _ in 0..n {
        sample.push(time(|| call(runtime, plugin, input)));
    }
    let per_second = n as f64 / started.elapsed().as_secs_f64();
    let row = Row::latency(&format!("(c) calls/s on one core, {label}"), &sample)
        .extra(format!("{per_second:.0} calls/s"));
    if label == "7 KB" {
        row.bar("≥ 2,000 calls/s per core", per_second >= 2_000.0)
    } else {
        row
    }
}

fn compile_and_cache(component: &[u8]) -> anyhow::Result<Vec<Row>> {
    let dir = std::env::temp_dir().join(format!("quartier-bench-cache-{}", std::process::id()));
    let runtime = Runtime::new(Limits::default(), Some(Cache::new(&dir)))?;
    let mut compile = Sample::with_capacity(5);
    let mut digest = None;
    for _ in 0..5 {
        let started = Instant::now();
        let plugin = runtime
            .load(component, None)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        compile.push(started.elapsed());
        digest = plugin.artifact_sha256;
    }
    let digest = digest.ok_or_else(|| anyhow::anyhow!("no artifact was cached"))?;
    // A new runtime, as after a restart: nothing compiled in memory.
    let restarted = Runtime::new(Limits::default(), Some(Cache::new(&dir)))?;
    let mut load = Sample::with_capacity(50);
    for _ in 0..50 {
        let started = Instant::now();
        let plugin = restarted
            .load(component, Some(&digest))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        load.push(started.elapsed());
        call(&restarted, &plugin, r#"{"amount_cents": 1}"#);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(vec![
        Row::latency(
            &format!(
                "(d) compile on upload ({} KiB component, 5×)",
                component.len() / 1024
            ),
            &compile,
        ),
        Row::latency("(d) load from the artifact cache (50×)", &load),
    ])
}

fn noisy_neighbour(
    runtime: &Runtime,
    sample: &Plugin,
    input: &str,
    n: usize,
) -> anyhow::Result<Vec<Row>> {
    let endless = runtime
        .load(component("hostile_endless_loop"), None)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let (b_alone, alone_failed) = b_calls(runtime, sample, input, n);
    let stop = AtomicBool::new(false);
    let (b_loaded, loaded_failed, a_calls, a_other) = std::thread::scope(|scope| {
        // Stops A however this closure ends (a panic included), or the scope would wait
        // for A's endless calls forever.
        let _stop = StopOnDrop(&stop);
        let a = scope.spawn(|| {
            let (mut durations, mut other) = (Sample::with_capacity(256), 0);
            while !stop.load(Ordering::Relaxed) {
                let measured = runtime.call(&endless, context(), validate(input));
                match measured.result {
                    Err(CallError::Timeout(_)) => durations.push(measured.duration),
                    _ => other += 1,
                }
            }
            (durations, other)
        });
        std::thread::sleep(Duration::from_millis(100));
        let (b, failed) = b_calls(runtime, sample, input, n);
        stop.store(true, Ordering::Relaxed);
        let (a_calls, a_other) = a.join().expect("A's thread");
        (b, failed, a_calls, a_other)
    });
    Ok(vec![
        Row::latency("(e) B validates 2 KB, alone", &b_alone)
            .extra(format!("{alone_failed} failed")),
        Row::latency("(e) B validates 2 KB while A loops (one thread)", &b_loaded)
            .extra(format!(
                "{loaded_failed} failed; p50 {:+.0} %, p99 {:+.0} %",
                (b_loaded.p50() as f64 / b_alone.p50() as f64 - 1.0) * 100.0,
                (b_loaded.p99() as f64 / b_alone.p99() as f64 - 1.0) * 100.0
            ))
            .bar(
                "p50 ≤ 1.5× alone",
                b_loaded.p50() as f64 <= 1.5 * b_alone.p50() as f64,
            ),
        Row::latency("(e) A's endless-loop calls until stopped", &a_calls)
            .extra(format!(
                "{} timeouts, {a_other} other outcomes",
                a_calls.len()
            ))
            .bar(
                "stopped within 100 ms",
                a_other == 0 && a_calls.max() <= 100_000_000,
            ),
    ])
}

pub(crate) struct StopOnDrop<'a>(pub(crate) &'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// B's calls for at least `n` iterations and at least two seconds, so A times out many
/// times; failed calls are counted, not timed.
fn b_calls(runtime: &Runtime, plugin: &Plugin, input: &str, n: usize) -> (Sample, usize) {
    let (mut sample, mut failed) = (Sample::with_capacity(n), 0);
    let started = Instant::now();
    while sample.len() < n || started.elapsed() < Duration::from_secs(2) {
        let begun = Instant::now();
        let measured = runtime.call(plugin, context(), validate(input));
        match measured.result {
            Ok(Answer::Findings(_)) => sample.push(begun.elapsed()),
            _ => failed += 1,
        }
    }
    (sample, failed)
}
