//! The one wasmtime engine of a host: pooling allocator, epoch interruption, and the thread
//! that ticks the epoch.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

use super::limits::Limits;

/// Builds the engine. `fuel` is for the author's runner only: metering every instruction
/// costs time the server should not pay.
pub fn engine(limits: &Limits, fuel: bool) -> wasmtime::Result<Engine> {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(limits.instances)
        .total_core_instances(limits.instances * 2)
        .total_memories(limits.instances * 2)
        .total_tables(limits.instances * 2)
        .max_memory_size(limits.memory_bytes);
    let mut config = Config::new();
    config
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool))
        .epoch_interruption(true)
        .consume_fuel(fuel)
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
