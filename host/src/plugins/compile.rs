//! Compiling uploaded components within a deadline, a host-wide line for compiling, and the
//! artifact cache.
//!
//! Compile-time denial of service is outside wasmtime's security promise. With a compiler
//! executable configured (`serve` passes its own), a component is compiled in a child process
//! that is killed at the deadline (`super::compiler`), and the artifact it wrote is loaded
//! here. Without one (unit tests, the author's runner, benchmarks) it is compiled in-process
//! on a worker thread that is given up after the deadline but cannot be stopped: fine for
//! trusted input, not for uploads. Either way at most `Limits::compiles_at_once`
//! compilations run at a time and the others wait in line, first come first served
//! ([`Gate`]). Compiled artifacts are cached on disk by content hash and wasmtime version; an
//! artifact is only ever loaded when its SHA-256 matches the digest this host recorded when
//! it produced it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

use super::compiler;
use super::engine::Shape;
use super::error::{LoadError, compile_reason};
use super::limits::Limits;

pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Compiles within the deadline, after waiting for a turn at the gate: in the child process
/// `compiler` when one is given, else on a worker thread.
pub fn compile(
    engine: &Engine,
    shape: Shape,
    bytes: &[u8],
    limits: &Limits,
    gate: &Gate,
    compiler: Option<&Path>,
) -> Result<Component, LoadError> {
    let _turn = gate.enter();
    match compiler {
        Some(program) => {
            let artifact = compiler::compile(program, shape, bytes, limits)?;
            deserialize(engine, &artifact).map_err(|e| {
                LoadError::Compiler(format!(
                    "the child's artifact does not load: {}",
                    compile_reason(&e)
                ))
            })
        }
        None => in_thread(engine, bytes, limits),
    }
}

/// Compiles on a worker thread; gives up (leaving the worker to finish alone, and the gate
/// open for the next) after the limit.
fn in_thread(engine: &Engine, bytes: &[u8], limits: &Limits) -> Result<Component, LoadError> {
    let (done, result) = mpsc::channel();
    let (engine, bytes) = (engine.clone(), bytes.to_vec());
    std::thread::Builder::new()
        .name("quartier-compile".into())
        .spawn(move || {
            let _ = done.send(Component::new(&engine, &bytes));
        })
        .map_err(|e| LoadError::Compiler(e.to_string()))?;
    match result.recv_timeout(limits.compile_timeout) {
        Ok(Ok(component)) => Ok(component),
        Ok(Err(e)) => Err(LoadError::refused(compile_reason(&e), limits.memory_bytes)),
        Err(_) => Err(LoadError::CompileTimeout),
    }
}

/// The line for compiling: at most `slots` compilations at once, the others admitted in the
/// order they arrived (a ticket line, so nobody is overtaken however often others come).
/// Blocking: compilation runs on blocking threads.
pub struct Gate {
    slots: usize,
    line: Mutex<Line>,
    turn: Condvar,
}

#[derive(Default)]
struct Line {
    running: usize,
    next_ticket: u64,
    serving: u64,
}

/// A turn at the gate; the next in line may enter once it is dropped.
pub struct Turn<'a>(&'a Gate);

impl Gate {
    pub fn new(slots: usize) -> Gate {
        Gate {
            slots: slots.max(1),
            line: Mutex::default(),
            turn: Condvar::new(),
        }
    }

    /// Waits for this caller's turn.
    pub fn enter(&self) -> Turn<'_> {
        let mut line = self.lock();
        let ticket = line.next_ticket;
        line.next_ticket += 1;
        while line.serving != ticket || line.running >= self.slots {
            line = self
                .turn
                .wait(line)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        line.serving += 1;
        line.running += 1;
        // The next ticket may be admitted too if a slot is free.
        self.turn.notify_all();
        Turn(self)
    }

    fn lock(&self) -> MutexGuard<'_, Line> {
        self.line
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.0.lock().running -= 1;
        self.0.turn.notify_all();
    }
}

/// The on-disk artifact cache.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The file for a component under this engine: the name carries the engine's
    /// compatibility hash (wasmtime version and settings), so an upgrade never reuses it.
    fn path(&self, engine: &Engine, component_sha256: &str) -> PathBuf {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        engine.precompile_compatibility_hash().hash(&mut hasher);
        self.dir
            .join(format!("{component_sha256}-{:016x}.cwasm", hasher.finish()))
    }

    /// Loads a cached artifact if its digest is the one recorded when this host wrote it.
    pub fn load(
        &self,
        engine: &Engine,
        component_sha256: &str,
        artifact_sha256: &str,
    ) -> Option<Component> {
        let bytes = std::fs::read(self.path(engine, component_sha256)).ok()?;
        if sha256(&bytes) != artifact_sha256 {
            tracing::warn!(
                component_sha256,
                "cached plugin artifact does not match its digest; recompiling"
            );
            return None;
        }
        deserialize(engine, &bytes).ok()
    }

    /// Writes an artifact and returns its digest, to be recorded by the caller.
    pub fn store(
        &self,
        engine: &Engine,
        component_sha256: &str,
        component: &Component,
    ) -> anyhow::Result<String> {
        let bytes = component.serialize().map_err(|e| anyhow::anyhow!("{e}"))?;
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(engine, component_sha256);
        let partial = path.with_extension("partial");
        std::fs::write(&partial, &bytes)?;
        std::fs::rename(&partial, &path)?;
        Ok(sha256(&bytes))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// The one reviewed `unsafe` in Quartier (CONVENTIONS 17). `Component::deserialize` trusts
/// its input to be the unmodified output of `Component::serialize` or
/// `Engine::precompile_component` of a compatible engine. Its two callers guarantee that:
///
/// - [`Cache::load`] verified the file's SHA-256 against the digest this host recorded when
///   it serialized the artifact itself, and the file name carries the engine's compatibility
///   hash;
/// - [`compile`] passes the bytes, as read from the pipe, that our own compile child (this
///   executable or the one the operator configured, running `compiler::child`) wrote: the
///   return value of `Engine::precompile_component` under an engine built from the same
///   [`Shape`]. The uploaded component is untrusted input *to the compiler*; the artifact is
///   written by Cranelift, not by the guest — the same trust as compiling in-process.
///
/// Either way `deserialize` checks the wasmtime version and engine configuration recorded in
/// the artifact again and refuses a mismatch.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, bytes: &[u8]) -> wasmtime::Result<Component> {
    // SAFETY: see the function's documentation.
    unsafe { Component::deserialize(engine, bytes) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::Gate;

    #[test]
    fn the_gate_lets_no_more_than_its_slots_run_at_once() {
        let gate = Arc::new(Gate::new(2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..6)
            .map(|_| {
                let (gate, running, most) = (gate.clone(), running.clone(), most.clone());
                std::thread::spawn(move || {
                    let _turn = gate.enter();
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= 2);
    }

    #[test]
    fn the_gate_admits_in_the_order_of_arrival() {
        let gate = Arc::new(Gate::new(1));
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let first = gate.enter();
        let mut waiting = Vec::new();
        for i in 0..4 {
            let (line, order) = (gate.clone(), order.clone());
            waiting.push(std::thread::spawn(move || {
                let _turn = line.enter();
                order.lock().unwrap().push(i);
            }));
            // Each takes its ticket before the next arrives.
            while gate.lock().next_ticket < i + 2 {
                std::thread::yield_now();
            }
        }
        drop(first);
        for worker in waiting {
            worker.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3]);
    }
}
