//! The compile child: compiling an uploaded component in a process of its own, where a
//! deadline really stops the work (CONVENTIONS 20).
//!
//! Compile-time denial of service is outside wasmtime's security promise: a component of
//! half a megabyte can keep Cranelift busy for minutes, and a thread cannot be stopped from
//! outside — given up, it kept compiling and holding the host's cores. A process can be
//! killed. So the host runs its own executable as `quartier __compile-plugin` (a hidden
//! subcommand), which:
//!
//! 1. confines itself before it reads anything: RLIMIT_CPU (the deadline, rounded up, times
//!    the cores: a backstop should the parent not kill it), RLIMIT_DATA
//!    (`Limits::compile_memory_bytes`), no core dumps, and on Linux SIGKILL when its parent
//!    dies;
//! 2. builds the engine from the parent's [`Shape`] (the same configuration, so the artifact
//!    loads in the parent), reads the component on stdin and compiles it with
//!    `Engine::precompile_component`;
//! 3. exits 0 with the artifact on stdout, or [`REFUSED`] with the reason on stdout when the
//!    bytes are no valid component. Anything else is a failure of the child; its stderr tells
//!    an exhausted heap (the allocator's "memory allocation of … failed") from a crash.
//!
//! The parent ([`compile`]) feeds and drains the pipes on scoped threads, kills the child
//! (SIGKILL) at the deadline and reaps it, so no compile outlives its answer. It hands the
//! artifact to `super::compile`, which deserializes it.
//!
//! RLIMIT_DATA rather than RLIMIT_AS: building the engine reserves hundreds of GiB of address
//! space for the pooling allocator's memory slots (inaccessible, never touched while
//! compiling), so any useful RLIMIT_AS would stop the engine from being built; RLIMIT_DATA
//! counts the writable memory the compiler really allocates. The limits are set by the child
//! on itself with `rustix` (no `unsafe`, no `pre_exec`); nothing untrusted has been read at
//! that point. Not here: which executable to run (the settings say; without one the runtime
//! compiles in-process, see `super::compile`).

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::engine::{self, Shape};
use super::error::LoadError;
use super::error::compile_reason;
use super::limits::Limits;

/// The hidden subcommand the parent runs.
pub const SUBCOMMAND: &str = "__compile-plugin";

/// Exit code of a child that found the bytes to be no valid component.
pub const REFUSED: u8 = 3;

/// Exit code of a child that failed for a reason of its own (could not confine itself, read
/// its input or write its output).
const FAILED: u8 = 4;

/// Largest artifact accepted from a child. Artifacts are about 3–6 times the component; the
/// largest component accepted (4 MiB) stays far below this.
const ARTIFACT_BYTES: usize = 256 << 20;

/// What is kept of a child's stderr, to tell why it failed.
const DIAGNOSTICS_BYTES: usize = 8 << 10;

/// How often the parent looks whether the child has exited: the precision of the deadline.
const POLL: Duration = Duration::from_millis(5);

/// The arguments of `quartier __compile-plugin`, set by the parent only.
#[derive(Debug, clap::Args)]
pub struct ChildArgs {
    /// The engine's pool slots (`Shape::instances`).
    #[arg(long)]
    instances: u32,
    /// The engine's largest linear memory (`Shape::memory_bytes`).
    #[arg(long)]
    memory_bytes: usize,
    /// Whether the engine meters instructions (`Shape::fuel`).
    #[arg(long)]
    fuel: bool,
    /// CPU seconds of the child (RLIMIT_CPU).
    #[arg(long)]
    cpu_seconds: u64,
    /// Writable memory of the child in bytes (RLIMIT_DATA).
    #[arg(long)]
    data_bytes: u64,
}

/// The child's side: confine, compile stdin, write the artifact or the reason to stdout.
pub fn child(args: &ChildArgs) -> ExitCode {
    if let Err(e) = confine(args) {
        eprintln!("the compile process could not confine itself: {e}");
        return ExitCode::from(FAILED);
    }
    let shape = Shape {
        instances: args.instances,
        memory_bytes: args.memory_bytes,
        fuel: args.fuel,
    };
    let engine = match engine::engine(shape) {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!("building the engine: {e:#}");
            return ExitCode::from(FAILED);
        }
    };
    let mut component = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut component) {
        eprintln!("reading the component: {e}");
        return ExitCode::from(FAILED);
    }
    let (code, output) = match engine.precompile_component(&component) {
        Ok(artifact) => (0, artifact),
        Err(e) => (REFUSED, compile_reason(&e).into_bytes()),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&output).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::from(code),
        Err(e) => {
            eprintln!("writing the artifact: {e}");
            ExitCode::from(FAILED)
        }
    }
}

#[cfg(unix)]
fn confine(args: &ChildArgs) -> std::io::Result<()> {
    use rustix::process::Resource;
    #[cfg(target_os = "linux")]
    rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL))?;
    set_limit(Resource::Core, 0, 0)?;
    set_limit(Resource::Data, args.data_bytes, args.data_bytes)?;
    // The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    set_limit(Resource::Cpu, args.cpu_seconds, args.cpu_seconds + 1)
}

#[cfg(not(unix))]
fn confine(_: &ChildArgs) -> std::io::Result<()> {
    Ok(())
}

/// Lowers a limit, never above the hard limit the child inherited (raising it would fail).
#[cfg(unix)]
fn set_limit(resource: rustix::process::Resource, soft: u64, hard: u64) -> std::io::Result<()> {
    use rustix::process::{Rlimit, getrlimit, setrlimit};
    let inherited = getrlimit(resource).maximum;
    let hard = inherited.map_or(hard, |max| hard.min(max));
    let limit = Rlimit {
        current: Some(soft.min(hard)),
        maximum: Some(hard),
    };
    Ok(setrlimit(resource, limit)?)
}

/// The parent's side: runs `program` as the compile child of `bytes` and returns the
/// artifact, killing the child at the deadline. Blocking.
pub(super) fn compile(
    program: &Path,
    shape: Shape,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<u8>, LoadError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let cpu_seconds = limits.compile_timeout.as_secs().saturating_add(1) * cores;
    let mut command = Command::new(program);
    command
        .arg(SUBCOMMAND)
        .args(["--instances", &shape.instances.to_string()])
        .args(["--memory-bytes", &shape.memory_bytes.to_string()])
        .args(["--cpu-seconds", &cpu_seconds.to_string()])
        .args(["--data-bytes", &limits.compile_memory_bytes.to_string()]);
    if shape.fuel {
        command.arg("--fuel");
    }
    // The child needs nothing from the environment (and gets no database URL to leak).
    command
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let deadline = Instant::now() + limits.compile_timeout;
    // The parent-death signal follows the thread that starts the child; this thread waits
    // for the child below, so it fires only when the host itself dies.
    let mut child = command
        .spawn()
        .map_err(|e| LoadError::Compiler(format!("starting {}: {e}", program.display())))?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let (ended, artifact, diagnostics) = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A child that died early closes the pipe; how it ended says why.
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(bytes);
            }
        });
        let artifact = scope.spawn(move || drain(stdout, ARTIFACT_BYTES));
        let diagnostics = scope.spawn(move || drain(stderr, DIAGNOSTICS_BYTES));
        // Once the child is gone its pipes close, so the threads end too.
        let ended = wait_until(&mut child, deadline);
        (ended, join(artifact), join(diagnostics))
    });
    let status = match ended {
        Ended::Exited(status) => status,
        Ended::Killed => return Err(LoadError::CompileTimeout),
        Ended::Lost(e) => return Err(LoadError::Compiler(format!("waiting for the child: {e}"))),
    };
    judge(status, artifact, &diagnostics, limits)
}

/// How a child ended.
enum Ended {
    Exited(ExitStatus),
    /// Killed at the deadline.
    Killed,
    /// Could not be watched (and was killed).
    Lost(std::io::Error),
}

/// Waits for the child until the deadline; then kills (SIGKILL) and reaps it.
fn wait_until(child: &mut Child, deadline: Instant) -> Ended {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ended::Exited(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(POLL),
            Ok(None) => {
                stop(child);
                return Ended::Killed;
            }
            Err(e) => {
                stop(child);
                return Ended::Lost(e);
            }
        }
    }
}

fn stop(child: &mut Child) {
    if let Err(e) = child.kill() {
        tracing::warn!(error = %e, "could not kill a compile process");
    }
    let _ = child.wait();
}

/// Reads a pipe to its end, keeping at most `cap` bytes (`None` when there was more).
fn drain(pipe: Option<impl Read>, cap: usize) -> Option<Vec<u8>> {
    let mut pipe = pipe?;
    let mut kept = Vec::new();
    let mut chunk = vec![0; 64 << 10];
    let mut overflow = false;
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) if kept.len() + n <= cap => kept.extend_from_slice(&chunk[..n]),
            // Keep reading, so the child is not blocked on a full pipe until the deadline.
            Ok(_) => overflow = true,
        }
    }
    (!overflow).then_some(kept)
}

fn join(handle: std::thread::ScopedJoinHandle<'_, Option<Vec<u8>>>) -> Option<Vec<u8>> {
    handle.join().ok().flatten()
}

/// What an exited child's status and output mean.
fn judge(
    status: ExitStatus,
    output: Option<Vec<u8>>,
    diagnostics: &Option<Vec<u8>>,
    limits: &Limits,
) -> Result<Vec<u8>, LoadError> {
    let stderr = diagnostics
        .as_deref()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    match (status.code(), output) {
        (Some(0), Some(artifact)) => Ok(artifact),
        (Some(0), None) => Err(LoadError::Compiler(format!(
            "the artifact is larger than {} MiB",
            ARTIFACT_BYTES >> 20
        ))),
        (Some(code), Some(reason)) if code == i32::from(REFUSED) => Err(LoadError::refused(
            String::from_utf8_lossy(&reason).trim().to_owned(),
            limits.memory_bytes,
        )),
        _ if out_of_cpu(status) => Err(LoadError::CompileTimeout),
        _ if stderr.contains("memory allocation of") => {
            Err(LoadError::CompileOutOfMemory(limits.compile_memory_bytes))
        }
        _ => Err(LoadError::Compiler(format!(
            "{status}: {}",
            stderr.lines().next().unwrap_or_default()
        ))),
    }
}

/// Whether the kernel stopped the child at its CPU limit (SIGXCPU at the soft limit, SIGKILL
/// at the hard one).
#[cfg(unix)]
fn out_of_cpu(status: ExitStatus) -> bool {
    use rustix::process::Signal;
    use std::os::unix::process::ExitStatusExt;
    status
        .signal()
        .is_some_and(|s| s == Signal::XCPU.as_raw() || s == Signal::KILL.as_raw())
}

#[cfg(not(unix))]
fn out_of_cpu(_: ExitStatus) -> bool {
    false
}
