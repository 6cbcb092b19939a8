//! The guide's commands work when pasted: the block "a fund and its bodies" of
//! `plugins/README.md` (§6.3) runs in bash against a new database with the sample plugin,
//! and the application it submits names the two bodies it created.

use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::host::binary;

/// The marked shell block of the guide.
fn block(guide: &str) -> anyhow::Result<&str> {
    let marked = guide
        .split_once("<!-- guide: a fund and its bodies")
        .context("the guide's block is marked")?
        .1;
    let start = marked.find("```sh\n").context("a shell block follows")? + "```sh\n".len();
    let length = marked[start..].find("\n```").context("the block ends")?;
    Ok(&marked[start..start + length])
}

pub fn the_guides_fund_and_bodies_commands_work_as_pasted() -> anyhow::Result<()> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let guide = std::fs::read_to_string(repository.join("plugins/README.md"))?;
    let script = block(&guide)?;
    let dir =
        std::env::temp_dir().join(format!("quartier-guide-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir)?;
    let plugin = dir.join("sample.wasm");
    std::fs::write(
        &plugin,
        quartier_plugin_components::get("quartier_sample_plugin").context("sample built")?,
    )?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let bin_dir = binary().parent().context("binary dir")?.to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // Run as pasted, then stop the server the block started.
    let output = Command::new("bash")
        .args([
            "-euo",
            "pipefail",
            "-c",
            &format!("{script}\nkill %1\nwait"),
        ])
        .current_dir(&repository)
        .env("PATH", path)
        .env("PLUGIN", &plugin)
        .env(
            "FORM",
            repository.join("schemas/forms/examples/fund-application.json"),
        )
        .env(
            "QUARTIER_DATABASE_URL",
            format!("sqlite://{}/guide.db", dir.display()),
        )
        .env("QUARTIER_PLUGIN_CACHE_DIR", dir.join("plugin-cache"))
        .env("QUARTIER_LOG", "warn")
        .env("PORT", port.to_string())
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    anyhow::ensure!(
        output.status.success(),
        "the guide's block failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = stdout.lines().rev();
    let bodies = lines.next().unwrap_or_default();
    let steps: serde_json::Value = serde_json::from_str(lines.next().unwrap_or_default())
        .with_context(|| format!("the steps as JSON in:\n{stdout}"))?;
    let ids: Vec<&str> = bodies
        .split_whitespace()
        .skip(1)
        .step_by(2)
        .map(|id| id.trim_end_matches(','))
        .collect();
    anyhow::ensure!(ids.len() == 2, "two body ids in {bodies:?}");
    anyhow::ensure!(
        steps
            == serde_json::json!([
                {"action": "advise", "by": "stadtteilkonferenz", "body_id": ids[0]},
                {"action": "decide", "by": "bezirksvertretung", "body_id": ids[1]},
            ]),
        "{steps}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
