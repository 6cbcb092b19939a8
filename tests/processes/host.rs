//! Starting and stopping `quartier` processes, and throwaway PostgreSQL databases.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use sqlx::Connection;

pub fn block_on(
    test: impl Future<Output = anyhow::Result<()>>,
) -> Result<(), libtest_mimic::Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(test).map_err(|e| format!("{e:#}").into())
}

pub fn binary() -> PathBuf {
    if let Ok(path) = std::env::var("QUARTIER_BIN") {
        return PathBuf::from(path);
    }
    // target/<profile>/deps/processes-… → target/<profile>/quartier
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target dir");
    profile_dir.join(format!("quartier{}", std::env::consts::EXE_SUFFIX))
}

fn admin_url() -> String {
    std::env::var("QUARTIER_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub fn postgres_available() -> Result<(), String> {
    block_on(async {
        sqlx::any::install_default_drivers();
        let url = admin_url();
        let conn = tokio::time::timeout(Duration::from_secs(5), sqlx::AnyConnection::connect(&url))
            .await??;
        conn.close().await?;
        Ok(())
    })
    .map_err(|e| {
        format!(
            "{} nicht erreichbar: {}",
            admin_url(),
            e.message().unwrap_or_default()
        )
    })
}

/// A PostgreSQL database made for one test and dropped after it.
pub struct Database {
    pub url: String,
    name: String,
}

impl Database {
    pub async fn create() -> anyhow::Result<Database> {
        let name = format!("quartier_e2e_{}", uuid::Uuid::now_v7().simple());
        admin(&format!("CREATE DATABASE {name}")).await?;
        let admin = admin_url();
        let base = admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(b, _)| b)
            .to_owned();
        Ok(Database {
            url: format!("{base}/{name}"),
            name,
        })
    }

    pub async fn drop(self) {
        let _ = admin(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .await;
    }
}

async fn admin(sql: &str) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&admin_url()).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// Runs a one-shot CLI command against a database, whatever its outcome.
pub fn run_cli(database_url: &str, args: &[&str]) -> anyhow::Result<Output> {
    Command::new(binary())
        .args(args)
        .env("QUARTIER_DATABASE_URL", database_url)
        .output()
        .map_err(|e| {
            anyhow::anyhow!(
                "starting {}: {e} (build it with cargo test --workspace)",
                binary().display()
            )
        })
}

/// Runs `scenario` on a PostgreSQL database made for it, and drops the database afterwards
/// whatever the outcome.
pub async fn on_postgres<F, Fut>(scenario: F) -> anyhow::Result<()>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let database = Database::create().await?;
    let outcome = scenario(database.url.clone()).await;
    database.drop().await;
    outcome
}

/// Migrates the database and creates the municipality `aachen` through the CLI.
pub fn aachen(database_url: &str) -> anyhow::Result<()> {
    cli(database_url, &["migrate"])?;
    cli(
        database_url,
        &[
            "create-municipality",
            "--slug",
            "aachen",
            "--name",
            "Stadt Aachen",
        ],
    )?;
    Ok(())
}

/// Runs a one-shot CLI command against a database and returns its standard output.
pub fn cli(database_url: &str, args: &[&str]) -> anyhow::Result<String> {
    let output = run_cli(database_url, args)?;
    anyhow::ensure!(
        output.status.success(),
        "quartier {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?)
}

/// Runs a one-shot CLI command that must fail and returns what it wrote to standard error.
pub fn cli_refused(database_url: &str, args: &[&str]) -> anyhow::Result<String> {
    let output = run_cli(database_url, args)?;
    anyhow::ensure!(
        !output.status.success(),
        "quartier {args:?} succeeded: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    Ok(String::from_utf8(output.stderr)?)
}

/// A running `quartier serve`, killed when dropped.
pub struct Server {
    pub base: String,
    child: Child,
}

impl Server {
    pub async fn start(database_url: &str) -> anyhow::Result<Server> {
        Server::start_with(database_url, &[], None).await
    }

    /// `quartier serve` with more arguments, optionally under a lower limit of open file
    /// descriptors (set by the shell, as an operator's unit file would).
    pub async fn start_with(
        database_url: &str,
        args: &[&str],
        descriptor_limit: Option<u32>,
    ) -> anyhow::Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        Server::start_on(database_url, port, args, descriptor_limit).await
    }

    /// [`Server::start_with`] on a given port (for settings that name the address).
    pub async fn start_on(
        database_url: &str,
        port: u16,
        args: &[&str],
        descriptor_limit: Option<u32>,
    ) -> anyhow::Result<Server> {
        let listen = format!("127.0.0.1:{port}");
        let mut command = match descriptor_limit {
            Some(limit) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("ulimit -n {limit} && exec \"$0\" \"$@\"")])
                    .arg(binary());
                sh
            }
            None => Command::new(binary()),
        };
        command
            .args(["serve", "--listen", &listen])
            .args(args)
            .stdout(Stdio::null());
        Server::spawn(command, database_url, listen).await
    }

    /// [`Server::start_on`] with more environment, its log (standard output) written to
    /// `log`, so a test can see what the server did.
    pub async fn start_logged(
        database_url: &str,
        port: u16,
        args: &[&str],
        env: &[(&str, &str)],
        log: &std::path::Path,
    ) -> anyhow::Result<Server> {
        let listen = format!("127.0.0.1:{port}");
        let mut command = Command::new(binary());
        command
            .args(["serve", "--listen", &listen])
            .args(args)
            .envs(env.iter().copied())
            .stdout(std::fs::File::create(log)?);
        Server::spawn(command, database_url, listen).await
    }

    async fn spawn(
        mut command: Command,
        database_url: &str,
        listen: String,
    ) -> anyhow::Result<Server> {
        let child = command
            .env("QUARTIER_DATABASE_URL", database_url)
            .env("QUARTIER_LOG", "warn")
            .spawn()?;
        let server = Server {
            base: format!("http://{listen}"),
            child,
        };
        server.wait_ready().await?;
        Ok(server)
    }

    /// The address the server listens on.
    pub fn address(&self) -> &str {
        self.base.trim_start_matches("http://")
    }

    async fn wait_ready(&self) -> anyhow::Result<()> {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(r) = client.get(format!("{}/readyz", self.base)).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("{} did not become ready within 30 s", self.base)
    }

    /// Sends SIGTERM and waits for the exit; returns whether it exited successfully.
    pub fn terminate(mut self) -> anyhow::Result<bool> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        anyhow::ensure!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(status.success());
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "process did not stop within 10 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Server {
    /// Sends SIGKILL, as a crash or the OOM killer would, and reaps the process.
    pub fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
