//! The operator's commands run from a shell against a real database, and what a running
//! server makes of their results: `create-municipality` refuses what the API refuses, and
//! an API token is created, used, listed, revoked and then refused.

use std::path::PathBuf;

use sqlx::Connection;

use crate::host::{Server, aachen, cli, cli_refused, run_cli};

/// A fresh, migrated SQLite database in its own directory.
fn database() -> anyhow::Result<(PathBuf, String)> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/quartier.db", dir.display());
    cli(&url, &["migrate"])?;
    Ok((dir, url))
}

async fn municipalities(url: &str) -> anyhow::Result<Vec<String>> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await?;
    let slugs = sqlx::query_scalar("SELECT slug FROM municipalities ORDER BY slug")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    Ok(slugs)
}

/// Days between creation and expiry of every stored token.
async fn lifetimes_in_days(url: &str) -> anyhow::Result<Vec<i64>> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await?;
    let days = sqlx::query_scalar(
        "SELECT CAST(ROUND(julianday(expires_at) - julianday(created_at)) AS INTEGER)
         FROM api_tokens",
    )
    .fetch_all(&mut conn)
    .await?;
    conn.close().await?;
    Ok(days)
}

pub async fn create_municipality_refuses_the_slugs_and_names_the_api_refuses() -> anyhow::Result<()>
{
    let (dir, url) = database()?;
    let too_long = "A".repeat(201);
    for (slug, name, expected) in [
        // A Cyrillic а, which looks like a Latin one.
        (
            "\u{430}lpha",
            "Alpha",
            "Das Kürzel „\u{430}lpha“ ist ungültig",
        ),
        ("../x y", "X", "Das Kürzel „../x y“ ist ungültig"),
        ("Aachen", "Stadt Aachen", "Das Kürzel „Aachen“ ist ungültig"),
        ("aachen", " ", "Der Name der Kommune darf nicht leer sein"),
        ("aachen", &too_long, "höchstens 200 Zeichen"),
    ] {
        let stderr = cli_refused(
            &url,
            &["create-municipality", "--slug", slug, "--name", name],
        )?;
        anyhow::ensure!(
            stderr.contains("Fehler: ") && stderr.contains(expected),
            "{slug:?} / {name:?}: {stderr}"
        );
    }
    anyhow::ensure!(municipalities(&url).await?.is_empty(), "nothing was stored");
    cli(
        &url,
        &[
            "create-municipality",
            "--slug",
            "aachen",
            "--name",
            "Stadt Aachen",
        ],
    )?;
    anyhow::ensure!(municipalities(&url).await? == ["aachen"]);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

pub async fn an_api_token_is_created_used_listed_revoked_and_then_refused() -> anyhow::Result<()> {
    let (dir, url) = database()?;
    aachen(&url)?;
    cli(
        &url,
        &[
            "create-user",
            "--username",
            "anna",
            "--role",
            "coordinator",
            "--municipality",
            "aachen",
        ],
    )?;
    for (days, expected) in [
        ("0", "mindestens einen Tag"),
        ("3651", "höchstens 3650 Tage"),
        ("-1", "mindestens einen Tag"),
        ("zehn", "keine Anzahl von Tagen"),
    ] {
        let stderr = cli_refused(
            &url,
            &[
                "create-token",
                "--username",
                "anna",
                "--expires-in-days",
                days,
            ],
        )?;
        anyhow::ensure!(stderr.contains(expected), "{days}: {stderr}");
    }

    let created = run_cli(
        &url,
        &[
            "create-token",
            "--username",
            "anna",
            "--name",
            "skript",
            "--expires-in-days",
            "30",
        ],
    )?;
    anyhow::ensure!(created.status.success(), "create-token failed");
    let stdout = String::from_utf8(created.stdout)?;
    let stderr = String::from_utf8(created.stderr)?;
    // Scripts read the token from stdout: nothing but the token is there.
    let token = stdout.trim_end_matches('\n');
    anyhow::ensure!(
        token.starts_with("qt_") && !token.contains(char::is_whitespace),
        "stdout: {stdout:?}"
    );
    anyhow::ensure!(stderr.contains("(30 Tage)"), "stderr: {stderr}");
    anyhow::ensure!(lifetimes_in_days(&url).await? == [30], "stored expiry");

    let server = Server::start(&url).await?;
    let client = reqwest::Client::new();
    let actors = format!(
        "{}/api/v1/municipalities/aachen/task-matrix/actors",
        server.base
    );
    let status = |token: &str| {
        let request = client.get(&actors).bearer_auth(token);
        async move { anyhow::Ok(request.send().await?.status().as_u16()) }
    };
    anyhow::ensure!(status(token).await? == 200, "the new token works");

    let listed = cli(&url, &["list-tokens"])?;
    let line = listed
        .lines()
        .find(|l| l.contains("anna") && l.contains("skript"))
        .ok_or_else(|| anyhow::anyhow!("not listed: {listed}"))?;
    anyhow::ensure!(
        listed.starts_with("ID") && !listed.contains(token),
        "{listed}"
    );
    // ID, user, name, created (date, time, UTC), expires (date, time, UTC).
    let cells: Vec<&str> = line.split_whitespace().collect();
    anyhow::ensure!(cells.len() == 9, "{line}");
    let expiry = format!("Gültig bis {} {} UTC", cells[6], cells[7]);
    anyhow::ensure!(stderr.contains(&expiry), "{expiry} in {stderr}");
    let id = cells[0].to_owned();
    anyhow::ensure!(
        cli(&url, &["list-tokens", "--username", "anna"])?.contains(&id),
        "listed by user"
    );

    let revoked = cli(&url, &["revoke-token", &id])?;
    anyhow::ensure!(revoked.contains("widerrufen"), "{revoked}");
    // The running server refuses it at once.
    anyhow::ensure!(status(token).await? == 401, "the revoked token is refused");
    anyhow::ensure!(
        !cli(&url, &["list-tokens"])?.contains(&id),
        "no longer listed"
    );
    let again = cli_refused(&url, &["revoke-token", &id])?;
    anyhow::ensure!(again.contains("Es gibt kein Token"), "{again}");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `quartier report` writes the demo's annual report in every format, says on stderr what it
/// is doing, and refuses a wrong request in German.
pub fn report_writes_every_format_with_progress() -> anyhow::Result<()> {
    let (dir, url) = database()?;
    cli(&url, &["seed", "--anchor", "2026-12-04"])?;
    let cache = dir.join("cache");
    let cache = cache.to_str().expect("a UTF-8 path");
    for (format, magic) in [
        ("pdf", &b"%PDF-"[..]),
        ("xlsx", &b"PK"[..]),
        ("csv", "\u{feff}".as_bytes()),
        ("html", &b"<!DOCTYPE html>"[..]),
        ("json", &b"{"[..]),
    ] {
        let file = dir.join(format!("bericht.{format}"));
        let mut args = vec![
            "report",
            "--plugin-cache-dir",
            cache,
            "--municipality",
            "aachen",
            "--kind",
            "jahresbericht",
            "--year",
            "2025",
            "--format",
            format,
            "--output",
            file.to_str().expect("a UTF-8 path"),
        ];
        if format == "csv" {
            args.extend(["--table", "2"]);
        }
        let output = run_cli(&url, &args)?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        anyhow::ensure!(output.status.success(), "report {format}: {stderr}");
        anyhow::ensure!(
            stderr.contains("wird zusammengestellt") && stderr.contains("geschrieben:"),
            "no progress for {format}: {stderr}"
        );
        let bytes = std::fs::read(&file)?;
        anyhow::ensure!(
            bytes.starts_with(magic),
            "{format} starts with {:?}",
            &bytes[..8.min(bytes.len())]
        );
    }
    let stderr = cli_refused(
        &url,
        &[
            "report",
            "--municipality",
            "aachen",
            "--kind",
            "jahresbericht",
            "--output",
            "/dev/null",
        ],
    )?;
    anyhow::ensure!(stderr.contains("Berichtszeitraum"), "{stderr}");
    let stderr = cli_refused(
        &url,
        &[
            "report",
            "--municipality",
            "aachen",
            "--kind",
            "wochenbericht",
            "--year",
            "2025",
            "--output",
            "/dev/null",
        ],
    )?;
    anyhow::ensure!(stderr.contains("unbekannte Berichtsart"), "{stderr}");
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
