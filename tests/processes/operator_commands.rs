//! The operator's commands run from a shell against a real database: `create-municipality`
//! refuses what the API refuses.

use std::path::PathBuf;

use sqlx::Connection;

use crate::host::{cli, cli_refused};

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
