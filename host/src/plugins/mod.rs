//! The plugin runtime: runs each municipality's rule plugin, a WebAssembly component, in a
//! deny-by-default sandbox (docs/architecture.md, "The plugin contract").
//!
//! One [`Runtime`] per host holds one wasmtime engine (pooling allocator, epoch deadlines
//! ticked from a dedicated thread). Each plugin version is compiled once — in a child
//! process killed at the deadline ([`compiler`]; in-process where no compiler executable is
//! configured), one compilation at a time host-wide, cached by content hash — into a
//! [`Plugin`] with one `InstancePre`; every call gets a fresh store and instance. Guests get no imports at all: no files, network, environment
//! or clock. This module knows nothing about municipalities or the database; the plugin
//! registry (installing, activating, statistics) builds on it.

mod call;
mod compile;
pub mod compiler;
pub mod contract;
mod engine;
pub mod error;
mod limits;
pub mod runner;
pub mod scaffold;

use std::path::PathBuf;
use std::sync::Arc;

use wasmtime::Engine;
use wasmtime::component::{InstancePre, Linker};

pub use call::{Answer, Measured, Request};
pub use compile::{Cache, sha256};
pub use contract::{CallContext, Finding, FormKind, Hook, Severity};
pub use error::{CallError, LoadError};
pub use limits::Limits;

/// The host's plugin engine. Cheap to share behind an `Arc`.
pub struct Runtime {
    engine: Engine,
    shape: engine::Shape,
    limits: Limits,
    metered: bool,
    cache: Option<Cache>,
    gate: compile::Gate,
    compiler: Option<PathBuf>,
    _ticker: engine::Ticker,
}

/// A loaded plugin version, ready to be called any number of times, from any thread.
pub struct Plugin {
    pre: InstancePre<call::State>,
    exports: contract::Exports,
    /// SHA-256 of the component's bytes.
    pub sha256: String,
    /// SHA-256 of the compiled artifact written to the cache, if one was written.
    pub artifact_sha256: Option<String>,
}

impl Runtime {
    /// A runtime for serving: deadlines, no instruction metering.
    pub fn new(limits: Limits, cache: Option<Cache>) -> anyhow::Result<Runtime> {
        Runtime::build(limits, cache, false)
    }

    /// A runtime for the author's runner: also counts instructions (fuel).
    pub fn metered(limits: Limits) -> anyhow::Result<Runtime> {
        Runtime::build(limits, None, true)
    }

    fn build(limits: Limits, cache: Option<Cache>, metered: bool) -> anyhow::Result<Runtime> {
        let shape = engine::Shape::new(&limits, metered);
        let engine = engine::engine(shape).map_err(|e| anyhow::anyhow!("{e:#}"))?;
        let ticker = engine::Ticker::start(engine.clone(), limits.epoch_tick);
        Ok(Runtime {
            engine,
            shape,
            gate: compile::Gate::new(limits.compiles_at_once),
            limits,
            metered,
            cache,
            compiler: None,
            _ticker: ticker,
        })
    }

    /// Compiles in child processes of `program` (`quartier __compile-plugin`), killed at the
    /// deadline; `None` compiles in-process. `serve` passes its own executable.
    pub fn with_compiler(mut self, program: Option<PathBuf>) -> Runtime {
        self.compiler = program;
        self
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Checks, compiles and prepares a component. Blocking (compilation takes up to the
    /// compile limit): call it from a blocking thread. `artifact_sha256` is the digest this
    /// host recorded for a cached artifact of the same component, if any.
    pub fn load(&self, bytes: &[u8], artifact_sha256: Option<&str>) -> Result<Plugin, LoadError> {
        if bytes.len() > self.limits.component_bytes {
            return Err(LoadError::TooLarge {
                bytes: bytes.len(),
                limit: self.limits.component_bytes,
            });
        }
        let sha256 = compile::sha256(bytes);
        let cached = match (&self.cache, artifact_sha256) {
            (Some(cache), Some(digest)) => cache.load(&self.engine, &sha256, digest),
            _ => None,
        };
        let (component, artifact_sha256) = match cached {
            Some(component) => (component, artifact_sha256.map(str::to_owned)),
            None => {
                let component = compile::compile(
                    &self.engine,
                    self.shape,
                    bytes,
                    &self.limits,
                    &self.gate,
                    self.compiler.as_deref(),
                )?;
                let digest = self.cache.as_ref().and_then(|cache| {
                    cache
                        .store(&self.engine, &sha256, &component)
                        .inspect_err(
                            |e| tracing::warn!(error = %e, "could not cache a compiled plugin"),
                        )
                        .ok()
                });
                (component, digest)
            }
        };
        let exports = contract::inspect(&self.engine, &component)?;
        let mut linker = Linker::new(&self.engine);
        for name in &exports.type_only_imports {
            linker
                .instance(name)
                .map_err(|e| LoadError::Invalid(e.to_string()))?;
        }
        let pre = linker
            .instantiate_pre(&component)
            .map_err(|e| LoadError::Invalid(e.to_string()))?;
        Ok(Plugin {
            pre,
            exports,
            sha256,
            artifact_sha256,
        })
    }

    /// Calls one hook. Blocking for at most the call's deadline: call it from a thread that
    /// may block (a municipality's lane, `tokio::task::spawn_blocking`), never on an async
    /// worker.
    pub fn call(&self, plugin: &Plugin, context: CallContext, request: Request<'_>) -> Measured {
        call::call(
            &plugin.pre,
            &plugin.exports,
            &self.limits,
            self.metered,
            context,
            request,
        )
    }
}

impl Plugin {
    /// The contract version the plugin was built against.
    pub fn contract_version(&self) -> &str {
        &self.exports.version
    }

    /// The hooks the plugin exports.
    pub fn hooks(&self) -> Vec<Hook> {
        self.exports.implemented()
    }
}

/// A shared runtime.
pub type SharedRuntime = Arc<Runtime>;
