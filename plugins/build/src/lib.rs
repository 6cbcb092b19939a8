//! Builds the guest workspace (`plugins/`) into WebAssembly components.
//!
//! Guests are compiled for `wasm32-unknown-unknown` (no WASI imports at all, so no ambient
//! authority can even be asked for) and then wrapped into components with `wit-component`,
//! which reads the contract that `wit-bindgen` embedded in each module. Used by the
//! `quartier-plugin-components` build script and by operators who build plugins by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

/// The target guests are compiled for.
pub const TARGET: &str = "wasm32-unknown-unknown";

/// The guests' shadow stack (the linker's default is 1 MiB). Every call runs in a fresh
/// instance whose linear memory the host resets afterwards; below 1 MiB the whole memory a
/// call starts with (stack, data, first heap pages) fits in what the host keeps resident
/// and resets with `memset`, instead of `madvise` and the page faults after it
/// (docs/benchmarks.md, "Plugin calls"). 128 KiB holds serde_json's 128 levels of nesting
/// with room; deeper recursion traps as a stack overflow, which the host reports.
pub const STACK_BYTES: u32 = 128 << 10;

/// Wraps a core module built with `wit-bindgen` into a component.
pub fn componentize(module: &[u8]) -> anyhow::Result<Vec<u8>> {
    wit_component::ComponentEncoder::default()
        .module(module)
        .context("reading the module's embedded WIT contract")?
        .validate(true)
        .encode()
        .context("encoding the component")
}

/// Makes sure the wasm target is installed, installing it with rustup when it is missing.
pub fn ensure_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(out)
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == TARGET) =>
        {
            Ok(())
        }
        Ok(_) => {
            let status = Command::new("rustup")
                .args(["target", "add", TARGET])
                .status()?;
            if !status.success() {
                bail!("could not install the {TARGET} target: run `rustup target add {TARGET}`");
            }
            Ok(())
        }
        // No rustup: assume the toolchain was installed with the target some other way.
        Err(_) => Ok(()),
    }
}

/// A component built from one guest crate.
#[derive(Debug, Clone)]
pub struct Built {
    /// The crate's library name (`quartier_sample_plugin`).
    pub name: String,
    /// The component file.
    pub component: PathBuf,
}

/// Builds every `cdylib` of the guest workspace at `workspace` in release mode into
/// `target_dir`, then writes one component per module into `out_dir`.
pub fn build_workspace(
    workspace: &Path,
    target_dir: &Path,
    out_dir: &Path,
) -> anyhow::Result<Vec<Built>> {
    ensure_target()?;
    // Cargo runs inside `workspace`, so relative paths would be resolved twice.
    let workspace = &std::path::absolute(workspace)?;
    let target_dir = &std::path::absolute(target_dir)?;
    let out_dir = &std::path::absolute(out_dir)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--release",
            "--workspace",
            "--target",
            TARGET,
            "--target-dir",
        ])
        .arg(target_dir)
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"))
        .current_dir(workspace);
    // A build script inherits the outer build's settings; none of them apply to guests.
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_PRIMARY_PACKAGE",
    ] {
        command.env_remove(var);
    }
    // Only the guests' own target: build scripts and proc macros run natively.
    command.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        format!("-C link-arg=-zstack-size={STACK_BYTES}"),
    );
    let output = command
        .output()
        .context("running cargo for the guest workspace")?;
    if !output.status.success() {
        bail!(
            "building the plugins failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let modules = target_dir.join(TARGET).join("release");
    std::fs::create_dir_all(out_dir)?;
    let mut built = Vec::new();
    for entry in
        std::fs::read_dir(&modules).with_context(|| format!("reading {}", modules.display()))?
    {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "wasm") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let module = std::fs::read(&path)?;
        let component = componentize(&module).with_context(|| format!("componentizing {name}"))?;
        let destination = out_dir.join(format!("{name}.wasm"));
        std::fs::write(&destination, component)?;
        built.push(Built {
            name,
            component: destination,
        });
    }
    built.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(built)
}
