//! The sandbox's limits (docs/architecture.md, "The plugin contract"). Each default carries its reason; every one
//! is configurable per host.

use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Limits {
    /// Wall time of one hook call. 50 ms keeps a form submission interactive even when a
    /// plugin misbehaves; measured rules take well under 1 ms.
    pub call_timeout: Duration,
    /// Reports aggregate a year of data and may take longer.
    pub report_timeout: Duration,
    /// Linear memory of one instance. Rules need a few MiB; 32 MiB bounds a memory bomb.
    pub memory_bytes: usize,
    /// Largest document sent to a plugin (a form, a dataset).
    pub input_bytes: usize,
    /// Largest document accepted back: more than any form schema or report we render.
    pub output_bytes: usize,
    /// Largest component accepted at upload (ours are ~0.2–1 MiB).
    pub component_bytes: usize,
    /// Wall time of compiling one component. With a compiler process configured
    /// (`Runtime::with_compiler`, what `serve` does) the compiling child is killed at this
    /// deadline, so the work really stops; in-process (tests, the author's runner) the worker
    /// thread is only given up. Our plugins compile in about a second (the Aachen plugin in
    /// 1.2 s, debug build, 2 shared cores); 30 s leave a loaded host ample room.
    pub compile_timeout: Duration,
    /// Compilations that may run at once on this host; further ones wait in line, first come
    /// first served. One, because each already uses every core (parallel compilation) and a
    /// 2-core host must keep serving meanwhile.
    pub compiles_at_once: usize,
    /// Writable memory (RLIMIT_DATA) of the compiling child process. The engine takes about
    /// 20 MiB and our largest plugin compiles within 64 MiB; 512 MiB leave room for much larger
    /// plugins and keep a compile bomb from taking the host's memory.
    pub compile_memory_bytes: usize,
    /// Instances that may exist at once on this host (the pooling allocator's slots).
    pub instances: u32,
    /// How often the epoch ticks: deadlines are precise to about one tick.
    pub epoch_tick: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            call_timeout: Duration::from_millis(50),
            report_timeout: Duration::from_millis(200),
            memory_bytes: 32 << 20,
            input_bytes: 1 << 20,
            output_bytes: 256 << 10,
            component_bytes: 4 << 20,
            compile_timeout: Duration::from_secs(30),
            compiles_at_once: 1,
            compile_memory_bytes: 512 << 20,
            instances: 64,
            epoch_tick: Duration::from_millis(2),
        }
    }
}

impl Limits {
    /// Epoch ticks that make up `timeout` (at least one).
    pub fn ticks(&self, timeout: Duration) -> u64 {
        let tick = self.epoch_tick.as_micros().max(1);
        (timeout.as_micros().div_ceil(tick)).max(1) as u64
    }
}
