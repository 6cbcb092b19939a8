//! Compiling uploaded components in a time-boxed worker, and the artifact cache.
//!
//! Compile-time denial of service is outside wasmtime's security promise, so compilation
//! runs on its own thread, one at a time, and is given up after the limit. Compiled
//! artifacts are cached on disk by content hash and wasmtime version; an artifact is only
//! ever loaded when its SHA-256 matches the digest this host recorded when it produced it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

use super::error::LoadError;
use super::limits::Limits;

pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Compiles on a worker thread; gives up (leaving the worker to finish alone) after the
/// limit. `gate` lets one compilation run at a time: each already uses every core.
pub fn compile(
    engine: &Engine,
    bytes: &[u8],
    limits: &Limits,
    gate: &Mutex<()>,
) -> Result<Component, LoadError> {
    let _one_at_a_time = gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (done, result) = mpsc::channel();
    let (engine, bytes) = (engine.clone(), bytes.to_vec());
    std::thread::Builder::new()
        .name("quartier-compile".into())
        .spawn(move || {
            let _ = done.send(Component::new(&engine, &bytes));
        })
        .map_err(|e| LoadError::Invalid(e.to_string()))?;
    match result.recv_timeout(limits.compile_timeout) {
        Ok(Ok(component)) => Ok(component),
        Ok(Err(e)) => Err(LoadError::Invalid(
            format!("{e:#}")
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        )),
        Err(_) => Err(LoadError::CompileTimeout),
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
        deserialize(engine, &bytes)
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
/// its input to be a wasmtime artifact. Sound here because the caller verified the bytes'
/// SHA-256 against the digest this host recorded when it serialized them itself, and the
/// file name carries the engine's compatibility hash (deserialize checks it again).
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, bytes: &[u8]) -> Option<Component> {
    // SAFETY: see the function's documentation.
    unsafe { Component::deserialize(engine, bytes) }.ok()
}
