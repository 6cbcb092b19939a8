//! Part (f), an experiment and not the host's configuration: the same 2 KB validation on
//! engines whose pooling allocator resets linear memory differently. Profiles of part (b)
//! show most of a call's time in the kernel (page faults on fresh pages, `madvise` and the
//! TLB shootdowns it causes), so these variants keep memory resident (reset by `memset`,
//! of every page or of the written ones only) or batch the `madvise` calls. Calls go through the dynamic `Func::call` API on every
//! variant alike, the first variant mirroring `host/src/plugins/engine.rs`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use wasmtime::component::{Component, ComponentExportIndex, InstancePre, Linker, Val};
use wasmtime::{
    Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store,
};

use crate::stats::{Row, Sample};

const MEMORY: usize = 32 << 20;
const INSTANCES: u32 = 64;
/// 50 ms at the host's 2 ms tick.
const DEADLINE_TICKS: u64 = 25;

/// One way of resetting a pool slot's memory after a call.
struct Variant {
    label: &'static str,
    /// Linear memory kept mapped and reset in place instead of `madvise`d away.
    keep_resident: usize,
    decommit_batch: usize,
    /// A copy-on-write image of the data segments instead of copying them in.
    cow: bool,
    /// Linux's `PAGEMAP_SCAN` finds the pages a call wrote, so only those are reset.
    pagemap_scan: bool,
}

const fn variant(label: &'static str, keep_resident: usize, decommit_batch: usize) -> Variant {
    Variant {
        label,
        keep_resident,
        decommit_batch,
        cow: true,
        pagemap_scan: false,
    }
}

const VARIANTS: [Variant; 9] = [
    variant("nothing kept resident (madvise each reset)", 0, 1),
    variant("decommit batch 64", 0, 64),
    variant("256 KiB kept resident (memset)", 256 << 10, 1),
    variant("1 MiB kept resident (memset)", 1 << 20, 1),
    variant("2 MiB kept resident (memset)", 2 << 20, 1),
    Variant {
        cow: false,
        ..variant(
            "1 MiB kept resident, data copied in (no CoW image)",
            1 << 20,
            1,
        )
    },
    Variant {
        pagemap_scan: true,
        ..variant(
            "1 MiB kept resident, written pages only (PAGEMAP_SCAN)",
            1 << 20,
            1,
        )
    },
    Variant {
        pagemap_scan: true,
        ..variant(
            "8 MiB kept resident, written pages only (PAGEMAP_SCAN)",
            8 << 20,
            1,
        )
    },
    Variant {
        pagemap_scan: true,
        ..variant(
            "32 MiB kept resident, written pages only (PAGEMAP_SCAN)",
            MEMORY,
            1,
        )
    },
];

fn err(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{e}")
}

fn engine(variant: &Variant) -> anyhow::Result<Engine> {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(INSTANCES)
        .total_core_instances(INSTANCES * 2)
        .total_memories(INSTANCES * 2)
        .total_tables(INSTANCES * 2)
        .max_memory_size(MEMORY)
        .linear_memory_keep_resident(variant.keep_resident)
        .table_keep_resident(if variant.keep_resident > 0 {
            64 << 10
        } else {
            0
        })
        .decommit_batch_size(variant.decommit_batch)
        .pagemap_scan(if variant.pagemap_scan {
            Enabled::Yes
        } else {
            Enabled::No
        });
    let mut config = Config::new();
    config
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool))
        .epoch_interruption(true)
        .wasm_component_model(true)
        .memory_init_cow(variant.cow);
    Engine::new(&config).map_err(err)
}

/// A component ready to have its `validate` called with fresh instances.
struct Prepared {
    pre: InstancePre<()>,
    validate: ComponentExportIndex,
    params: [Val; 3],
}

impl Prepared {
    fn new(engine: &Engine, bytes: &[u8], input: &str) -> anyhow::Result<Prepared> {
        let component = Component::new(engine, bytes).map_err(err)?;
        let mut linker = Linker::<()>::new(engine);
        for (name, _) in component.component_type().imports(engine) {
            linker.instance(name).map_err(err)?;
        }
        let pre = linker.instantiate_pre(&component).map_err(err)?;
        let hooks = component
            .get_export_index(None, "quartier:plugin/hooks@0.1.0")
            .ok_or_else(|| anyhow::anyhow!("no hooks export"))?;
        let validate = component
            .get_export_index(Some(&hooks), "validate")
            .ok_or_else(|| anyhow::anyhow!("no validate export"))?;
        let params = [
            Val::Record(vec![
                ("municipality".into(), Val::String("beispiel".into())),
                ("locale".into(), Val::String("de".into())),
                ("now".into(), Val::String("2026-11-21T09:30:00Z".into())),
            ]),
            Val::Enum("fund-application".into()),
            Val::String(input.into()),
        ];
        Ok(Prepared {
            pre,
            validate,
            params,
        })
    }

    /// One call in a fresh store and instance, as the host makes it; `Ok(false)` when the
    /// guest trapped (a timeout, for the endless loop).
    fn call(&self, engine: &Engine) -> anyhow::Result<bool> {
        let mut store = Store::new(engine, ());
        store.set_epoch_deadline(DEADLINE_TICKS);
        store.epoch_deadline_trap();
        let instance = self.pre.instantiate(&mut store).map_err(err)?;
        let func = instance
            .get_func(&mut store, self.validate)
            .ok_or_else(|| anyhow::anyhow!("validate is not a function"))?;
        let mut results = [Val::Bool(false)];
        Ok(func.call(&mut store, &self.params, &mut results).is_ok()
            && matches!(results[0], Val::Result(Ok(_))))
    }

    fn timed(&self, engine: &Engine, n: usize) -> anyhow::Result<Sample> {
        let mut sample = Sample::with_capacity(n);
        for _ in 0..n {
            let started = Instant::now();
            anyhow::ensure!(self.call(engine)?, "validate failed");
            sample.push(started.elapsed());
        }
        Ok(sample)
    }
}

pub fn rows(name: &str, bytes: &[u8], input: &str, n: usize) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for variant in &VARIANTS {
        let (label, engine) = (variant.label, engine(variant)?);
        let prepared = Prepared::new(&engine, bytes, input)?;
        prepared.timed(&engine, n / 10)?;
        let sample = prepared.timed(&engine, n)?;
        rows.push(Row::latency(
            &format!("(f) experiment: {name}, validate 2 KB, {label}"),
            &sample,
        ));
        if variant.keep_resident == 0 && variant.decommit_batch == 1 {
            rows.push(reused(name, &engine, &prepared, n)?);
        }
    }
    Ok(rows)
}

/// The guest's code alone: one instance called over and over. The host never does this (a
/// fresh instance per call is the isolation); it shows what the per-call memory costs.
fn reused(name: &str, engine: &Engine, prepared: &Prepared, n: usize) -> anyhow::Result<Row> {
    let mut store = Store::new(engine, ());
    store.set_epoch_deadline(u64::MAX / 2);
    let instance = prepared.pre.instantiate(&mut store).map_err(err)?;
    let func = instance
        .get_func(&mut store, prepared.validate)
        .ok_or_else(|| anyhow::anyhow!("validate is not a function"))?;
    let mut sample = Sample::with_capacity(n);
    for i in 0..n + n / 10 {
        let started = Instant::now();
        let mut results = [Val::Bool(false)];
        func.call(&mut store, &prepared.params, &mut results)
            .map_err(err)?;
        if i >= n / 10 {
            sample.push(started.elapsed());
        }
    }
    Ok(Row::latency(
        &format!("(f) experiment: {name}, validate 2 KB, one instance reused (guest code alone)"),
        &sample,
    ))
}

/// Part (e) again on the variants: do fewer `madvise` calls (fewer TLB-shootdown IPIs to the
/// core running A's loop) keep B's latency while A loops?
pub fn neighbour(sample: &[u8], endless: &[u8], input: &str, n: usize) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for variant in &VARIANTS {
        let (label, engine) = (variant.label, engine(variant)?);
        let b = Prepared::new(&engine, sample, input)?;
        let a = Prepared::new(&engine, endless, input)?;
        // The epoch keeps ticking until A's last call has timed out, however this ends.
        let (stop, a_running) = (AtomicBool::new(false), AtomicBool::new(false));
        let (alone, loaded) = std::thread::scope(|scope| -> anyhow::Result<_> {
            let _stop = crate::StopOnDrop(&stop);
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) || a_running.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(2));
                    engine.increment_epoch();
                }
            });
            b.timed(&engine, n / 10)?;
            let alone = b.timed(&engine, n)?;
            a_running.store(true, Ordering::Relaxed);
            let looping = scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let _ = a.call(&engine);
                }
                a_running.store(false, Ordering::Relaxed);
            });
            std::thread::sleep(Duration::from_millis(100));
            let loaded = b.timed(&engine, n);
            stop.store(true, Ordering::Relaxed);
            let _ = looping.join();
            Ok((alone, loaded?))
        })?;
        rows.push(Row::latency(
            &format!("(f) experiment: B alone, {label}"),
            &alone,
        ));
        rows.push(
            Row::latency(
                &format!("(f) experiment: B while A loops, {label}"),
                &loaded,
            )
            .extra(format!(
                "p50 {:+.0} %, p99 {:+.0} %",
                (loaded.p50() as f64 / alone.p50() as f64 - 1.0) * 100.0,
                (loaded.p99() as f64 / alone.p99() as f64 - 1.0) * 100.0
            )),
        );
    }
    Ok(rows)
}
