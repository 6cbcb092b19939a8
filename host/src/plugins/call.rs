//! One hook call: a fresh store and instance (a trapped instance can never be entered
//! again, and no state may leak between calls or tenants), the memory limiter, the epoch
//! deadline, the input and output caps, and the mapping of every failure to a [`CallError`].

use std::time::{Duration, Instant};

use wasmtime::component::InstancePre;
use wasmtime::{ResourceLimiter, Store, Trap};

use super::contract::{CallContext, Exports, Finding, FormKind, GuestError, Hook, NOT_IMPLEMENTED};
use super::error::CallError;
use super::limits::Limits;

/// What a call gets: the hook and its JSON input.
#[derive(Clone, Copy, Debug)]
pub enum Request<'a> {
    Describe,
    AdaptTaskMatrix(&'a str),
    AdaptForm(FormKind, &'a str),
    Validate(FormKind, &'a str),
    Route(&'a str),
    BuildReport(&'a str),
}

impl Request<'_> {
    pub fn hook(&self) -> Hook {
        match self {
            Request::Describe => Hook::Describe,
            Request::AdaptTaskMatrix(_) => Hook::AdaptTaskMatrix,
            Request::AdaptForm(..) => Hook::AdaptForm,
            Request::Validate(..) => Hook::Validate,
            Request::Route(_) => Hook::Route,
            Request::BuildReport(_) => Hook::BuildReport,
        }
    }

    fn input(&self) -> &str {
        match self {
            Request::Describe => "",
            Request::AdaptTaskMatrix(s)
            | Request::AdaptForm(_, s)
            | Request::Validate(_, s)
            | Request::Route(s)
            | Request::BuildReport(s) => s,
        }
    }
}

/// What a hook answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// A JSON document (already checked to parse).
    Json(serde_json::Value),
    Findings(Vec<Finding>),
    /// The plugin does not export this hook, or answered [`NOT_IMPLEMENTED`]: the caller
    /// applies the base behaviour.
    NotImplemented,
}

/// How a call went, for statistics and the author's runner.
#[derive(Clone, Debug)]
pub struct Measured {
    pub result: Result<Answer, CallError>,
    pub duration: Duration,
    /// The largest linear memory the instance reached, in bytes.
    pub peak_memory: usize,
    /// The linear memory the instance started with, in bytes: a call that needs no more
    /// never grows its memory (growing costs the host protection changes).
    pub start_memory: usize,
    pub input_bytes: usize,
    pub output_bytes: usize,
    /// Instructions used (fuel), when the engine meters them.
    pub fuel: Option<u64>,
}

/// Store data: the memory limiter, which also remembers why growth was refused.
pub struct State {
    memory_limit: usize,
    start: Option<usize>,
    peak: usize,
    refused: bool,
}

impl ResourceLimiter for State {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.memory_limit {
            self.refused = true;
            // Trapping (instead of returning -1 to the guest) is `trap_on_grow_failure`:
            // Rust guests abort on allocation failure anyway, and a trap is unambiguous.
            return Err(wasmtime::format_err!("memory limit reached"));
        }
        self.start.get_or_insert(desired);
        self.peak = self.peak.max(desired);
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= 100_000)
    }
}

/// Fuel given to a metered call: effectively unlimited, the deadline still applies.
pub const FUEL: u64 = u64::MAX / 2;

/// Runs one call. Blocking: call it from a blocking thread, never on an async worker.
pub fn call(
    pre: &InstancePre<State>,
    exports: &Exports,
    limits: &Limits,
    metered: bool,
    context: CallContext,
    request: Request<'_>,
) -> Measured {
    let started = Instant::now();
    let input = request.input();
    let mut measured = Measured {
        result: Ok(Answer::NotImplemented),
        duration: Duration::ZERO,
        peak_memory: 0,
        start_memory: 0,
        input_bytes: input.len(),
        output_bytes: 0,
        fuel: None,
    };
    if input.len() > limits.input_bytes {
        measured.result = Err(CallError::InputTooLarge {
            bytes: input.len(),
            limit: limits.input_bytes,
        });
        return measured;
    }
    let Some(index) = exports.index(request.hook()) else {
        measured.duration = started.elapsed();
        return measured;
    };
    let timeout = match request.hook() {
        Hook::BuildReport => limits.report_timeout,
        _ => limits.call_timeout,
    };
    let mut store = Store::new(
        pre.engine(),
        State {
            memory_limit: limits.memory_bytes,
            start: None,
            peak: 0,
            refused: false,
        },
    );
    store.limiter(|state| state);
    store.set_epoch_deadline(limits.ticks(timeout));
    store.epoch_deadline_trap();
    if metered {
        let _ = store.set_fuel(FUEL);
    }
    let outcome = run(&mut store, pre, index, context, request);
    measured.duration = started.elapsed();
    measured.peak_memory = store.data().peak;
    measured.start_memory = store.data().start.unwrap_or(0);
    if metered {
        measured.fuel = store.get_fuel().ok().map(|left| FUEL - left);
    }
    measured.result = match outcome {
        Ok(Raw::Text(text)) => {
            measured.output_bytes = text.len();
            parse_output(&text, limits)
        }
        Ok(Raw::Findings(findings)) => {
            measured.output_bytes = findings
                .iter()
                .map(|f| f.pointer.len() + f.code.len() + f.message.len())
                .sum();
            if measured.output_bytes > limits.output_bytes {
                Err(CallError::OutputTooLarge {
                    bytes: measured.output_bytes,
                    limit: limits.output_bytes,
                })
            } else {
                Ok(Answer::Findings(findings))
            }
        }
        Ok(Raw::Refused(e)) if e.code == NOT_IMPLEMENTED => Ok(Answer::NotImplemented),
        Ok(Raw::Refused(e)) => Err(CallError::Refused {
            code: e.code,
            message: e.message,
        }),
        Err(error) => Err(classify(&error, store.data(), limits, timeout)),
    };
    measured
}

enum Raw {
    Text(String),
    Findings(Vec<Finding>),
    Refused(GuestError),
}

fn run(
    store: &mut Store<State>,
    pre: &InstancePre<State>,
    index: &wasmtime::component::ComponentExportIndex,
    context: CallContext,
    request: Request<'_>,
) -> wasmtime::Result<Raw> {
    let instance = pre.instantiate(&mut *store)?;
    type Text = (Result<String, GuestError>,);
    let text = |result: Result<String, GuestError>| result.map_or_else(Raw::Refused, Raw::Text);
    Ok(match request {
        Request::Describe => {
            let f = instance.get_typed_func::<(CallContext,), Text>(&mut *store, index)?;
            text(f.call(&mut *store, (context,))?.0)
        }
        Request::AdaptTaskMatrix(input) | Request::Route(input) | Request::BuildReport(input) => {
            let f = instance.get_typed_func::<(CallContext, &str), Text>(&mut *store, index)?;
            text(f.call(&mut *store, (context, input))?.0)
        }
        Request::AdaptForm(kind, input) => {
            let f = instance
                .get_typed_func::<(CallContext, FormKind, &str), Text>(&mut *store, index)?;
            text(f.call(&mut *store, (context, kind, input))?.0)
        }
        Request::Validate(kind, input) => {
            type Found = (Result<Vec<Finding>, GuestError>,);
            let f = instance
                .get_typed_func::<(CallContext, FormKind, &str), Found>(&mut *store, index)?;
            f.call(&mut *store, (context, kind, input))?
                .0
                .map_or_else(Raw::Refused, Raw::Findings)
        }
    })
}

fn parse_output(text: &str, limits: &Limits) -> Result<Answer, CallError> {
    if text.len() > limits.output_bytes {
        return Err(CallError::OutputTooLarge {
            bytes: text.len(),
            limit: limits.output_bytes,
        });
    }
    serde_json::from_str(text)
        .map(Answer::Json)
        .map_err(|e| CallError::NotJson(e.to_string()))
}

/// Maps a wasmtime error to what happened, by the trap code and the limiter's memory.
fn classify(
    error: &wasmtime::Error,
    state: &State,
    limits: &Limits,
    timeout: Duration,
) -> CallError {
    if state.refused {
        return CallError::OutOfMemory(limits.memory_bytes);
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::Interrupt) => CallError::Timeout(timeout),
        Some(Trap::StackOverflow) => CallError::StackOverflow,
        Some(Trap::UnreachableCodeReached) => CallError::Panicked,
        Some(Trap::OutOfFuel) => CallError::Timeout(timeout),
        Some(trap) => CallError::Trapped(trap.to_string()),
        None if error.to_string().contains("pooling")
            || error.to_string().contains("maximum concurrent") =>
        {
            CallError::Busy
        }
        None => CallError::Trapped(
            format!("{error:#}")
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
    }
}
