//! Slow and idle clients cannot exhaust a server: 300 connections that send half a request
//! and then nothing, against a process allowed only 256 open descriptors, leave `/healthz`
//! answering, because stalled headers are cut off after their deadline and connections
//! over the cap are closed as they arrive.

use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::host::Server;

/// The half-open connections: more than the process has descriptors.
const STALLED: usize = 300;

pub async fn stalled_clients_do_not_keep_healthz_from_answering() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("quartier-slow-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    let url = format!("sqlite://{}/slow.db", dir.display());
    // A municipality whose public form reads the body the stalled posts announce.
    crate::host::cli(
        &url,
        &[
            "create-municipality",
            "--slug",
            "langsam",
            "--name",
            "Langsam",
        ],
    )?;
    let server = Server::start_with(
        &url,
        &[
            "--header-read-timeout-secs",
            "2",
            "--body-read-timeout-secs",
            "2",
            "--max-client-connections",
            "150",
        ],
        Some(256),
    )
    .await?;
    let mut stalled = Vec::with_capacity(STALLED);
    for i in 0..STALLED {
        let Ok(mut stream) = TcpStream::connect(server.address()).await else {
            continue;
        };
        // Half of them stop inside the headers, half inside a body they announced.
        let partial: &[u8] = if i % 2 == 0 {
            b"GET /healthz HTTP/1.1\r\nHost: quartier\r\nX-Slow: "
        } else {
            b"POST /api/v1/municipalities/langsam/public/concerns HTTP/1.1\r\nHost: quartier\r\n\
              Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": \"ab"
        };
        let _ = stream.write_all(partial).await;
        stalled.push(stream);
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    let started = Instant::now();
    let mut answered = None;
    // Bounded: the deadlines are 2 s, so the first tries may fail while the flood is held.
    while started.elapsed() < Duration::from_secs(30) {
        if let Ok(reply) = client.get(format!("{}/healthz", server.base)).send().await
            && reply.status().is_success()
        {
            answered = Some(started.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    drop(stalled);
    let _ = std::fs::remove_dir_all(&dir);
    let answered = answered.ok_or_else(|| {
        anyhow::anyhow!("/healthz did not answer within 30 s of {STALLED} stalled connections")
    })?;
    eprintln!("/healthz answered {answered:?} after {STALLED} stalled connections");
    Ok(())
}
