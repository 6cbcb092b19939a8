//! The one wasmtime engine of a host: pooling allocator, epoch interruption, and the thread
//! that ticks the epoch.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasmtime::{Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use super::limits::Limits;

/// Everything the engine's configuration is built from. The compile child
/// (`super::compiler`) receives these values on its command line and builds the same engine,
/// so the artifacts it writes load in the parent: read nothing else in [`engine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Pool slots (`Limits::instances`).
    pub instances: u32,
    /// Largest linear memory (`Limits::memory_bytes`).
    pub memory_bytes: usize,
    /// Instruction metering: for the author's runner only; metering every instruction costs
    /// time the server should not pay.
    pub fuel: bool,
}

impl Shape {
    pub fn new(limits: &Limits, fuel: bool) -> Shape {
        Shape {
            instances: limits.instances,
            memory_bytes: limits.memory_bytes,
            fuel,
        }
    }
}

/// Linear memory of a pool slot kept mapped and zeroed with `memset` after each call.
const KEEP_RESIDENT_BYTES: usize = 1 << 20;
/// Function tables of a pool slot kept the same way.
const KEEP_RESIDENT_TABLE_BYTES: usize = 64 << 10;

/// Builds the engine.
pub fn engine(shape: Shape) -> wasmtime::Result<Engine> {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(shape.instances)
        .total_core_instances(shape.instances * 2)
        .total_memories(shape.instances * 2)
        .total_tables(shape.instances * 2)
        .max_memory_size(shape.memory_bytes)
        // Reset by `memset` rather than `madvise`: no page faults in the next instance, and
        // no TLB-shootdown interrupts that would slow a neighbour's call on the other core
        // (docs/benchmarks.md, "Plugin calls"). Guests start with about 450 KiB (a 128 KiB
        // stack, `quartier_plugin_build::STACK_BYTES`, and the SDK's 256 KiB call arena),
        // so most calls stay within this.
        .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
        .table_keep_resident(KEEP_RESIDENT_TABLE_BYTES)
        // Where Linux can say which pages a call wrote (`PAGEMAP_SCAN`, 6.7 and later), only
        // those are reset: most of a guest's stack and arena is never touched
        // (docs/benchmarks.md, "Speed, third pass").
        .pagemap_scan(Enabled::Auto);
    let mut config = Config::new();
    config
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool))
        .epoch_interruption(true)
        .consume_fuel(shape.fuel)
        .wasm_component_model(true)
        .memory_init_cow(true);
    Engine::new(&config)
}

/// Increments the engine's epoch every `tick` on a dedicated thread until dropped, so a
/// deadline holds even when every async worker is busy.
pub struct Ticker {
    stop: Arc<AtomicBool>,
}

impl Ticker {
    pub fn start(engine: Engine, tick: std::time::Duration) -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::Builder::new()
            .name("quartier-epoch".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(tick);
                    engine.increment_epoch();
                }
            })
            .expect("spawning the epoch thread");
        Ticker { stop }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
