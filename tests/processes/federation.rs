//! Enrolment across processes: a site's `quartier federation enrol` talks HTTP to a
//! `quartier serve --centre`, both print fingerprints, and the centre's operator lists the
//! pending site and accepts it by the fingerprint shown.

use std::net::TcpListener;
use std::path::PathBuf;

use crate::host::{Server, binary, cli, cli_refused};

fn directory(what: &str) -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{what}-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The first `sha256:…` in a text.
fn fingerprint(text: &str) -> Option<&str> {
    text.split_whitespace()
        .find(|word| word.starts_with("sha256:"))
}

pub async fn a_site_enrols_at_a_centre_and_its_operator_accepts_it() -> anyhow::Result<()> {
    let centre_dir = directory("centre")?;
    let site_dir = directory("site")?;
    let url = format!("sqlite://{}/centre.db", centre_dir.display());
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}");
    let data_dir = centre_dir.display().to_string();
    let args = ["--centre", "--public-url", &base, "--data-dir", &data_dir];
    let centre = Server::start_on(&url, port, &args, None).await?;

    let site_data = site_dir.display().to_string();
    let enrol = [
        "federation",
        "enrol",
        "--centre",
        &base,
        "--name",
        "aachen",
        "--data-dir",
        &site_data,
    ];
    let output = std::process::Command::new(binary()).args(enrol).output()?;
    let printed = String::from_utf8(output.stdout)?;
    anyhow::ensure!(
        output.status.success(),
        "enrol failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    anyhow::ensure!(
        printed.contains("Fingerabdruck dieses Standorts")
            && printed.contains("Fingerabdruck der Servicestelle"),
        "{printed}"
    );
    anyhow::ensure!(site_dir.join("federation/centre.json").exists());

    let listed = cli(&url, &["federation", "sites"])?;
    anyhow::ensure!(
        listed.contains("aachen — wartet auf Bestätigung"),
        "{listed}"
    );
    let shown = fingerprint(&listed).ok_or_else(|| anyhow::anyhow!("no fingerprint: {listed}"))?;
    let refused = cli_refused(&url, &["federation", "accept", "sha256:00"])?;
    anyhow::ensure!(refused.contains("Kein wartender Standort"), "{refused}");
    let accepted = cli(&url, &["federation", "accept", shown])?;
    anyhow::ensure!(accepted.contains("Standort aachen bestätigt"), "{accepted}");
    let listed = cli(&url, &["federation", "sites"])?;
    anyhow::ensure!(listed.contains("aachen — bestätigt"), "{listed}");

    // Enrolling the same key again is refused by the centre, and the pin stays.
    let output = std::process::Command::new(binary()).args(enrol).output()?;
    let stderr = String::from_utf8(output.stderr)?;
    anyhow::ensure!(
        !output.status.success() && stderr.contains("409"),
        "{stderr}"
    );
    centre.terminate()?;
    std::fs::remove_dir_all(centre_dir)?;
    std::fs::remove_dir_all(site_dir)?;
    Ok(())
}
