//! The author's runner (`quartier plugin run PLUGIN.wasm HOOK INPUT.json`), modelled on
//! Shopify's function runner: one call of one hook with a metered runtime, the output, and
//! every measurement against its limit.
//!
//! It is a development tool, not the serving path: the runtime it builds also counts
//! instructions (fuel), which the server never pays for. Exit codes: 0 when the call
//! succeeded within every limit, 1 on a plugin error or a limit exceeded, 2 on a usage error
//! (unknown hook, unreadable file, malformed input file, not a loadable component).

mod report;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Deserialize;
use wasmtime::component::{InstancePre, Linker};
use wasmtime::{ResourceLimiter, Store};

pub use report::{Check, Report};

use super::{CallContext, FormKind, Hook, Limits, Plugin, Request, Runtime};

/// `quartier plugin run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The plugin, a WebAssembly component (`.wasm`).
    pub plugin: PathBuf,
    /// The hook: describe, adapt-task-matrix, adapt-form, validate, route or build-report.
    pub hook: String,
    /// The call as JSON: {"context": {...}, "form_kind": "...", "input": ...}
    /// (samples in plugins/fixtures/inputs/).
    pub input: PathBuf,
    /// Use this host's configured limits (the `--plugin-…` options and `QUARTIER_PLUGIN_…`
    /// environment variables that `quartier serve` reads) instead of the defaults.
    #[arg(long)]
    pub limits_from_config: bool,
    /// Print one machine-readable JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A problem with the command itself: nothing was called. Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// A stable code: `unknown_hook`, `unreadable_file`, `invalid_input` or the load error's code (`plugin_invalid`, …).
    pub code: &'static str,
    /// What went wrong, in German.
    pub message: String,
}

impl UsageError {
    fn new(code: &'static str, message: impl Into<String>) -> UsageError {
        UsageError {
            code,
            message: message.into(),
        }
    }
}

/// The contents of an input file (see plugins/fixtures/README.md).
#[derive(Debug, Clone)]
pub struct CallFile {
    pub context: CallContext,
    pub form_kind: Option<FormKind>,
    /// The hook's document, serialized as it crosses the boundary.
    pub input: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    context: Option<RawContext>,
    form_kind: Option<String>,
    #[serde(default)]
    input: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    municipality: String,
    locale: String,
    now: String,
}

impl CallFile {
    /// Parses an input file. A missing `context` becomes municipality `beispiel`, locale
    /// `de` and the current time.
    pub fn parse(text: &str) -> Result<CallFile, UsageError> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| {
            UsageError::new(
                "invalid_input",
                format!(
                    "Die Eingabedatei ist kein gültiger Aufruf ({e}). Erwartet wird \
                     {{\"context\": {{…}}, \"form_kind\": \"…\", \"input\": …}}."
                ),
            )
        })?;
        let context = match raw.context {
            Some(c) => CallContext {
                municipality: c.municipality,
                locale: c.locale,
                now: c.now,
            },
            None => CallContext {
                municipality: "beispiel".into(),
                locale: "de".into(),
                now: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            },
        };
        let form_kind = raw
            .form_kind
            .map(|name| {
                FormKind::parse(&name).ok_or_else(|| {
                    UsageError::new(
                        "invalid_input",
                        format!(
                            "Unbekannte Formularart „{name}“. Bekannt sind: {}.",
                            super::contract::FORM_KINDS.map(|(_, n)| n).join(", ")
                        ),
                    )
                })
            })
            .transpose()?;
        Ok(CallFile {
            context,
            form_kind,
            input: raw.input.to_string(),
        })
    }

    /// The request for `hook`; adapt-form and validate need a `form_kind`.
    pub fn request(&self, hook: Hook) -> Result<Request<'_>, UsageError> {
        let kind = || {
            self.form_kind.ok_or_else(|| {
                UsageError::new(
                    "invalid_input",
                    format!(
                        "Für den Hook „{}“ braucht die Eingabedatei ein \"form_kind\", z. B. \
                         \"fund-application\".",
                        hook.name()
                    ),
                )
            })
        };
        let input = self.input.as_str();
        Ok(match hook {
            Hook::Describe => Request::Describe,
            Hook::AdaptTaskMatrix => Request::AdaptTaskMatrix(input),
            Hook::AdaptForm => Request::AdaptForm(kind()?, input),
            Hook::Validate => Request::Validate(kind()?, input),
            Hook::Route => Request::Route(input),
            Hook::BuildReport => Request::BuildReport(input),
        })
    }
}

/// The hook named on the command line.
pub fn hook(name: &str) -> Result<Hook, UsageError> {
    Hook::parse(name).ok_or_else(|| {
        UsageError::new(
            "unknown_hook",
            format!(
                "Unbekannter Hook „{name}“. Bekannt sind: {}.",
                Hook::ALL.map(Hook::name).join(", ")
            ),
        )
    })
}

/// Loads `component` into a fresh metered runtime and makes one call.
pub fn execute(
    component: &[u8],
    hook: Hook,
    call: &CallFile,
    limits: Limits,
) -> Result<Report, UsageError> {
    let request = call.request(hook)?;
    let runtime = Runtime::metered(limits.clone())
        .map_err(|e| UsageError::new("runtime", format!("Laufzeit nicht startbar: {e}")))?;
    let plugin = runtime.load(component, None).map_err(|e| UsageError {
        code: e.code(),
        message: e.message_de(),
    })?;
    let measured = runtime.call(&plugin, call.context.clone(), request);
    let size = component.len();
    Ok(Report::new(
        &plugin,
        hook,
        call.form_kind,
        size,
        limits,
        measured,
    ))
}

/// Runs `quartier plugin run` and returns the process's exit code. `configured` are the
/// host's limits, used with `--limits-from-config`.
pub fn command(args: &RunArgs, configured: Limits) -> i32 {
    let outcome = (|| {
        let hook = hook(&args.hook)?;
        let limits = if args.limits_from_config {
            configured
        } else {
            Limits::default()
        };
        let call = CallFile::parse(&read(&args.input)?)?;
        let component = std::fs::read(&args.plugin).map_err(|e| unreadable(&args.plugin, &e))?;
        execute(&component, hook, &call, limits)
    })();
    match outcome {
        Ok(report) if args.json => {
            println!("{:#}", report.to_json(&args.plugin));
            report.exit_code()
        }
        Ok(report) => {
            print!("{}", report.render(&args.plugin));
            report.exit_code()
        }
        Err(e) if args.json => {
            let json = serde_json::json!({
                "ok": false,
                "usage_error": {"code": e.code, "message": e.message},
            });
            println!("{json:#}");
            2
        }
        Err(e) => {
            eprintln!("Fehler ({}): {}", e.code, e.message);
            2
        }
    }
}

fn read(path: &Path) -> Result<String, UsageError> {
    std::fs::read_to_string(path).map_err(|e| unreadable(path, &e))
}

fn unreadable(path: &Path, error: &std::io::Error) -> UsageError {
    UsageError::new(
        "unreadable_file",
        format!("Die Datei {} ist nicht lesbar: {error}.", path.display()),
    )
}

/// Instantiates a plugin without calling a hook: the fixed cost every call pays (same
/// engine, pooling allocator, memory limiter and deadline as a call). For benchmarks.
pub struct Instantiation<'a> {
    runtime: &'a Runtime,
    pre: InstancePre<Probe>,
}

struct Probe(usize);

impl ResourceLimiter for Probe {
    fn memory_growing(
        &mut self,
        _: usize,
        desired: usize,
        _: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= self.0)
    }

    fn table_growing(
        &mut self,
        _: usize,
        desired: usize,
        _: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= 100_000)
    }
}

impl Runtime {
    /// Prepares [`Instantiation::run`] for `plugin`.
    pub fn instantiation(&self, plugin: &Plugin) -> anyhow::Result<Instantiation<'_>> {
        let mut linker = Linker::new(&self.engine);
        for name in &plugin.exports.type_only_imports {
            linker.instance(name).map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        let pre = linker
            .instantiate_pre(plugin.pre.component())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(Instantiation { runtime: self, pre })
    }
}

impl Instantiation<'_> {
    /// One fresh store and instance, dropped at once; returns how long that took.
    pub fn run(&self) -> anyhow::Result<Duration> {
        let limits = &self.runtime.limits;
        let started = Instant::now();
        let mut store = Store::new(self.pre.engine(), Probe(limits.memory_bytes));
        store.limiter(|probe| probe);
        store.set_epoch_deadline(limits.ticks(limits.call_timeout));
        store.epoch_deadline_trap();
        if self.runtime.metered {
            store
                .set_fuel(u64::MAX / 2)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        self.pre
            .instantiate(&mut store)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        drop(store);
        Ok(started.elapsed())
    }
}
