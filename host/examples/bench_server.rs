//! Benchmark target: serves the seeded demo site through the real application and, on a
//! second port, a bare axum handler returning the very same bytes. Measuring both in one run
//! (see `bench/run.sh`) separates our cost from the machine's drift.
//!
//! Usage: `bench_server DATABASE_URL APP_PORT BARE_PORT`; prints the paths to load, one per
//! line (`body …` and `meetings …`), then serves until killed.

use axum::Router;
use axum::routing::get;
use quartier::config::Settings;
use quartier::db::Db;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, app_port, bare_port] = args.as_slice() else {
        anyhow::bail!("usage: bench_server DATABASE_URL APP_PORT BARE_PORT");
    };
    let db = Db::connect(url, quartier::config::DEFAULT_MAX_CONNECTIONS).await?;
    db.migrate().await?;
    quartier::demo::seed(&db).await?;
    let body_id: String = sqlx::query_scalar(
        "SELECT b.id FROM bodies b JOIN municipalities m ON m.id = b.municipality_id
         WHERE m.slug = 'aachen' AND b.public = 1
         ORDER BY (SELECT COUNT(*) FROM memberships ms WHERE ms.body_id = b.id) DESC, b.id LIMIT 1",
    )
    .fetch_one(&db.pool)
    .await?;
    let body_path = format!("/api/v1/municipalities/aachen/bodies/{body_id}");
    let meetings_path = "/api/v1/municipalities/aachen/meetings?limit=50".to_owned();

    let app = quartier::app::router(db.clone(), Settings::for_database(url.clone()));
    let app_listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{app_port}")).await?;
    tokio::spawn(quartier::app::serve(
        app_listener,
        app,
        std::future::pending(),
    ));

    let client = reqwest::Client::new();
    let fetch = |path: String| {
        let client = client.clone();
        async move {
            let response = client
                .get(format!("http://127.0.0.1:{app_port}{path}"))
                .send()
                .await?;
            anyhow::ensure!(response.status() == 200, "{path}: {}", response.status());
            Ok::<_, anyhow::Error>(response.bytes().await?)
        }
    };
    let body_bytes = fetch(body_path.clone()).await?;
    let meetings_bytes = fetch(meetings_path.clone()).await?;

    let bare = Router::new()
        .route(
            "/api/v1/municipalities/aachen/bodies/{id}",
            get(move || {
                let bytes = body_bytes.clone();
                async move { ([("content-type", "application/json")], bytes) }
            }),
        )
        .route(
            "/api/v1/municipalities/aachen/meetings",
            get(move || {
                let bytes = meetings_bytes.clone();
                async move { ([("content-type", "application/json")], bytes) }
            }),
        );
    let bare_listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{bare_port}")).await?;
    println!("body {body_path}");
    println!("meetings {meetings_path}");
    println!("ready");
    axum::serve(bare_listener, bare).await?;
    Ok(())
}
