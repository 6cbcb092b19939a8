//! The exchange between sites and a service centre across real processes: each site and the
//! centre is its own `quartier` (`serve`, `serve --centre`, and the operator's commands),
//! talking signed HTTP on loopback.
//!
//! - [`flow`]: two sites close a period; their own `serve` delivers the bundles.
//! - [`cases`]: one delivery each — twice, out of order, tampered, a foreign key, expired,
//!   a replayed nonce — sent by the test with the site's own key and bundle.
//! - [`crash`]: the centre killed with SIGKILL while applying a bundle.
//! - [`catalogue`]: a shared item released at one site, found by another's staff, withdrawn.

pub mod cases;
pub mod catalogue;
pub mod crash;
pub mod flow;

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use quartier::federation::site_key::SiteKey;
use sqlx::{AnyConnection, Connection};

use crate::host::{Server, aachen, binary, cli, cli_refused};

/// A fresh directory for one process's files.
pub fn directory(what: &str) -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("quartier-e2e-{what}-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A service centre's database, data directory and address.
pub struct Centre {
    pub db: String,
    pub dir: PathBuf,
    pub port: u16,
}

impl Centre {
    /// A centre on `db` (SQLite in its directory when `None`), not started yet.
    pub fn new(db: Option<String>) -> anyhow::Result<Centre> {
        let dir = directory("centre")?;
        let db = db.unwrap_or_else(|| format!("sqlite://{}/centre.db", dir.display()));
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        Ok(Centre { db, dir, port })
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn args(&self) -> [String; 5] {
        let data = self.dir.display().to_string();
        let base = self.base();
        [
            "--centre".into(),
            "--public-url".into(),
            base,
            "--data-dir".into(),
            data,
        ]
    }

    /// `quartier serve --centre`, its log in `centre.log`, with more environment.
    pub async fn serve(&self, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let args = self.args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let log = self.dir.join("centre.log");
        Server::start_logged(&self.db, self.port, &args, env, &log).await
    }

    /// The centre's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("centre.log")).unwrap_or_default()
    }

    /// Accepts the pending site `name` by the fingerprint `federation sites` lists, as the
    /// operator does after comparing it.
    pub fn accept(&self, name: &str) -> anyhow::Result<()> {
        let listed = cli(&self.db, &["federation", "sites"])?;
        let block = listed
            .split("\n\n")
            .find(|block| block.starts_with(&format!("{name} — wartet")))
            .ok_or_else(|| anyhow::anyhow!("{name} not pending: {listed}"))?;
        let fingerprint = block
            .split_whitespace()
            .find(|word| word.starts_with("sha256:"))
            .ok_or_else(|| anyhow::anyhow!("no fingerprint: {block}"))?;
        cli(&self.db, &["federation", "accept", fingerprint])?;
        Ok(())
    }

    /// The applied bundles: site, sequence and period, in order.
    pub async fn applied(&self) -> anyhow::Result<Vec<(String, i64, String)>> {
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&self.db).await?;
        let rows = sqlx::query_as(
            "SELECT s.name, b.sequence, b.period FROM federation_bundles b
             JOIN federation_sites s ON s.id = b.site_id ORDER BY s.name, b.sequence",
        )
        .fetch_all(&mut conn)
        .await?;
        conn.close().await?;
        Ok(rows)
    }

    /// Ends the overlap of every former site key now, as if its seven days were over.
    pub async fn end_overlaps(&self) -> anyhow::Result<()> {
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&self.db).await?;
        let past = "2000-01-01T00:00:00.000000Z";
        sqlx::query("UPDATE federation_previous_keys SET valid_until = $1")
            .bind(past)
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok(())
    }

    /// Waits until `n` bundles are applied, at most `within`.
    pub async fn await_applied(
        &self,
        n: usize,
        within: Duration,
    ) -> anyhow::Result<Vec<(String, i64, String)>> {
        let deadline = Instant::now() + within;
        loop {
            let applied = self.applied().await?;
            if applied.len() >= n || Instant::now() > deadline {
                return Ok(applied);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub fn remove(self) {
        let _ = std::fs::remove_dir_all(self.dir);
    }
}

/// A site: its database with the municipality `aachen`, its data directory (site key and
/// pinned centre) and its name at the centre.
pub struct Site {
    pub db: String,
    pub dir: PathBuf,
    pub name: String,
}

impl Site {
    /// A migrated site on `db` (SQLite in its directory when `None`).
    pub fn new(name: &str, db: Option<String>) -> anyhow::Result<Site> {
        let dir = directory(name)?;
        let db = db.unwrap_or_else(|| format!("sqlite://{}/site.db", dir.display()));
        aachen(&db)?;
        Ok(Site {
            db,
            dir,
            name: name.to_owned(),
        })
    }

    fn data(&self) -> String {
        self.dir.display().to_string()
    }

    /// `quartier federation enrol` at `centre`, which then accepts it.
    pub fn enrol_at(&self, centre: &Centre) -> anyhow::Result<()> {
        let output = std::process::Command::new(binary())
            .args(["federation", "enrol", "--centre", &centre.base()])
            .args(["--name", &self.name, "--data-dir", &self.data()])
            .output()?;
        anyhow::ensure!(
            output.status.success(),
            "enrol failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        centre.accept(&self.name)
    }

    /// `quartier federation close` of `period` for `aachen`; what it printed.
    pub fn close(&self, period: &str) -> anyhow::Result<String> {
        cli(&self.db, &self.close_args(period))
    }

    /// The same command where it must be refused; what it wrote to standard error.
    pub fn close_refused(&self, period: &str) -> anyhow::Result<String> {
        cli_refused(&self.db, &self.close_args(period))
    }

    fn close_args<'a>(&'a self, period: &'a str) -> [&'a str; 8] {
        let data = self.dir.to_str().unwrap_or_default();
        [
            "federation",
            "close",
            "--municipality",
            "aachen",
            "--period",
            period,
            "--data-dir",
            data,
        ]
    }

    /// `quartier serve` of this site, delivering its outbox.
    pub async fn serve(&self) -> anyhow::Result<Server> {
        Server::start_with(&self.db, &["--data-dir", &self.data()], None).await
    }

    /// The site key, as `serve` signs with it.
    pub fn key(&self) -> anyhow::Result<SiteKey> {
        Ok(SiteKey::load_or_create(&self.dir)?.0)
    }

    /// The outbox: sequence, state and attempts, and the bundle's bytes.
    pub async fn outbox(&self) -> anyhow::Result<Vec<(i64, String, i64, String)>> {
        sqlx::any::install_default_drivers();
        let mut conn = AnyConnection::connect(&self.db).await?;
        let rows = sqlx::query_as(
            "SELECT sequence, state, attempts, bundle FROM federation_outbox ORDER BY sequence",
        )
        .fetch_all(&mut conn)
        .await?;
        conn.close().await?;
        Ok(rows)
    }

    pub fn remove(self) {
        let _ = std::fs::remove_dir_all(self.dir);
    }
}
