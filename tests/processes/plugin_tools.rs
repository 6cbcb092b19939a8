//! The plugin author's commands through the real binary: `quartier plugin run` (exit codes
//! 0 / 1 / 2 and `--json`) and `quartier plugin new` → `plugin build` → `plugin run`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, ensure};

use crate::host::binary;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repository root")
        .to_path_buf()
}

fn inputs() -> PathBuf {
    repository().join("plugins/fixtures/inputs")
}

fn temp_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Runs `quartier ARGS` in `dir`.
fn quartier(dir: &Path, args: &[&str]) -> anyhow::Result<Output> {
    Command::new(binary())
        .args(args)
        .current_dir(dir)
        .output()
        .context("starting quartier")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn expect_exit(output: &Output, code: i32) -> anyhow::Result<()> {
    ensure!(
        output.status.code() == Some(code),
        "expected exit code {code}, got {:?}:\n{}",
        output.status.code(),
        text(output)
    );
    Ok(())
}

pub fn plugin_run_measures_a_call_and_exits_by_its_outcome() -> anyhow::Result<()> {
    let dir = temp_dir()?;
    let write = |name: &str| -> anyhow::Result<String> {
        let bytes = quartier_plugin_components::get(name).context("component not built")?;
        let path = dir.join(format!("{name}.wasm"));
        std::fs::write(&path, bytes)?;
        Ok(path.display().to_string())
    };
    let (sample, endless) = (
        write("quartier_sample_plugin")?,
        write("hostile_endless_loop")?,
    );
    let validate = inputs().join("validate.json").display().to_string();

    let ok = quartier(&dir, &["plugin", "run", &sample, "validate", &validate])?;
    expect_exit(&ok, 0)?;
    let out = text(&ok);
    ensure!(
        out.contains("Laufzeit (Wanduhr)") && out.contains("Instruktionen (Fuel)"),
        "{out}"
    );
    ensure!(!out.contains("ÜBERSCHRITTEN"), "{out}");

    let json = quartier(
        &dir,
        &["plugin", "run", "--json", &sample, "validate", &validate],
    )?;
    expect_exit(&json, 0)?;
    let report: serde_json::Value = serde_json::from_slice(&json.stdout)?;
    ensure!(
        report["ok"] == true && report["hook"] == "validate",
        "{report}"
    );

    let timeout = quartier(&dir, &["plugin", "run", &endless, "validate", &validate])?;
    expect_exit(&timeout, 1)?;
    let out = text(&timeout);
    ensure!(
        out.contains("plugin_timeout") && out.contains("ÜBERSCHRITTEN"),
        "{out}"
    );

    let unknown = quartier(&dir, &["plugin", "run", &sample, "explain", &validate])?;
    expect_exit(&unknown, 2)?;
    ensure!(text(&unknown).contains("Unbekannter Hook „explain“"));

    let not_a_component = quartier(&dir, &["plugin", "run", &validate, "validate", &validate])?;
    expect_exit(&not_a_component, 2)?;
    ensure!(text(&not_a_component).contains("keine gültige WebAssembly-Komponente"));

    std::fs::remove_dir_all(dir)?;
    Ok(())
}

pub fn a_new_plugin_is_scaffolded_built_and_run() -> anyhow::Result<()> {
    let dir = temp_dir()?;
    let crate_dir = dir.join("musterstadt");
    let path = crate_dir.display().to_string();
    // Inside the checkout, so the SDK is found there.
    let new = quartier(
        &repository(),
        &["plugin", "new", "musterstadt", "--path", &path],
    )?;
    expect_exit(&new, 0)?;
    ensure!(
        text(&new).contains("SDK: aus diesem Quartier-Quellbaum"),
        "{}",
        text(&new)
    );

    let again = quartier(
        &repository(),
        &["plugin", "new", "musterstadt", "--path", &path],
    )?;
    ensure!(!again.status.success() && text(&again).contains("gibt es schon"));

    // The author moves the crate out of the tree it was made in; it still builds, also when
    // named by a relative path.
    let moved = dir.join("elsewhere");
    std::fs::create_dir(&moved)?;
    let crate_dir = moved.join("musterstadt");
    std::fs::rename(dir.join("musterstadt"), &crate_dir)?;

    // A target dir that outlives the test keeps later runs fast.
    let target = binary()
        .parent()
        .and_then(Path::parent)
        .context("target dir")?
        .join("e2e-plugin-new");
    let target = target.display().to_string();
    let build = quartier(
        &dir,
        &[
            "plugin",
            "build",
            "elsewhere/musterstadt",
            "--target-dir",
            &target,
        ],
    )?;
    expect_exit(&build, 0)?;
    ensure!(
        crate_dir.join("musterstadt.wasm").is_file(),
        "{}",
        text(&build)
    );

    let run = quartier(
        &crate_dir,
        &[
            "plugin",
            "run",
            "musterstadt.wasm",
            "validate",
            "inputs/validate.json",
        ],
    )?;
    expect_exit(&run, 0)?;
    ensure!(text(&run).contains("Keine Befunde"), "{}", text(&run));

    std::fs::remove_dir_all(dir)?;
    Ok(())
}
