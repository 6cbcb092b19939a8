//! The `quartier` command line. Every option can also come from the environment
//! (`QUARTIER_…`), which is how a service manager or container configures it.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::auth::Role;
use crate::auth::credentials::{self, NewUser};
use crate::config::{
    DEFAULT_APPLICANT_RETENTION_DAYS, DEFAULT_BODY_LIMIT, DEFAULT_CONCERN_RETENTION_DAYS,
    DEFAULT_MAX_CONNECTIONS, DbArgs, Settings, ensure_sqlite_dir,
};

use crate::db::{Db, Id};
use crate::server::ConnectionSettings;

#[derive(Debug, Parser)]
#[command(
    name = "quartier",
    version,
    about = "Back office for neighbourhood management networks"
)]
pub struct Cli {
    /// Log as JSON lines (for log collectors) instead of human-readable text.
    #[arg(long, global = true, env = "QUARTIER_JSON_LOGS")]
    pub json_logs: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the API and pages.
    Serve {
        #[arg(long, env = "QUARTIER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        #[command(flatten)]
        db: DbArgs,
        /// Largest accepted request body in bytes.
        #[arg(long, env = "QUARTIER_BODY_LIMIT", default_value_t = DEFAULT_BODY_LIMIT)]
        body_limit: usize,
        /// Database connections of this process.
        #[arg(long, env = "QUARTIER_MAX_CONNECTIONS", default_value_t = DEFAULT_MAX_CONNECTIONS)]
        max_connections: u32,
        #[command(flatten)]
        plugins: crate::plugin_registry::commands::PluginArgs,
        #[command(flatten)]
        retention: RetentionArgs,
        /// Public submissions one client address may make to one municipality per 10 minutes.
        #[arg(
            long,
            env = "QUARTIER_PUBLIC_SUBMISSIONS_PER_10_MIN",
            default_value_t = 10
        )]
        public_submissions_per_10_min: u32,
        /// IPv6 clients of public forms are counted by this prefix length (bits).
        #[arg(long, env = "QUARTIER_IPV6_RATE_LIMIT_PREFIX", default_value_t = crate::rate_limit::DEFAULT_IPV6_PREFIX,
              value_parser = clap::value_parser!(u8).range(32..=128))]
        ipv6_rate_limit_prefix: u8,
        /// Reverse proxies (CIDR, comma-separated) whose `X-Forwarded-For` names the client.
        #[arg(long, env = "QUARTIER_TRUSTED_PROXIES", value_delimiter = ',')]
        trusted_proxies: Vec<ipnet::IpNet>,
        #[command(flatten)]
        connections: ConnectionArgs,
        /// Bearer token for `GET /metrics` (Prometheus' `authorization` setting); without
        /// it `/metrics` answers 404.
        #[arg(long, env = "QUARTIER_METRICS_TOKEN", hide_env_values = true)]
        metrics_token: Option<String>,
        #[command(flatten)]
        sessions: SessionArgs,
        /// The address people reach this host at, e.g. `https://quartier.example.de`
        /// (needed for single sign-on: the provider sends people back there).
        #[arg(long, env = "QUARTIER_PUBLIC_URL")]
        public_url: Option<String>,
        /// Serve as a regional service centre too: take sites' enrolments and signed
        /// exchange bundles (`/federation/v1/…`). Needs `--public-url`, the address sites
        /// sign their deliveries for; the centre's own key is kept in `--data-dir`.
        #[arg(long, env = "QUARTIER_CENTRE", requires = "public_url")]
        centre: bool,
        #[command(flatten)]
        data: crate::cli_federation::DataDirArgs,
        /// Keep anonymous reads of the public registry in memory until this server's next
        /// write (default: on for SQLite, off for PostgreSQL, where other servers may write
        /// the same database unseen).
        #[arg(long, env = "QUARTIER_PUBLIC_READ_CACHE")]
        public_read_cache: Option<bool>,
    },
    /// Erase the contacts of reporters and applicants whose concern or fund application was
    /// closed longer ago than its retention period (for cron; `serve` also does it hourly).
    EraseExpired {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        retention: RetentionArgs,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Create or refresh the demo site (Aachen-like, on SQLite) and serve it.
    Demo {
        #[arg(long, env = "QUARTIER_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// The demo database file.
        #[arg(long, env = "QUARTIER_DEMO_DB", default_value = "data/demo.db")]
        path: PathBuf,
        /// The demo's rule plugin as a built component (default: Aachen's, built from
        /// `plugins/aachen` with this binary).
        #[arg(long, env = "QUARTIER_DEMO_PLUGIN")]
        plugin: Option<PathBuf>,
        /// Seed of the generated activity: the same seed on the same day gives the same data.
        #[arg(long, env = "QUARTIER_DEMO_SEED", default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Seed demo data into a database without serving: the Aachen demo, or a large
    /// municipality for benchmarks (`--scale large`: 50 bodies, about 600 meetings, 3,000
    /// fund applications and 20,000 concerns in its report year).
    Seed {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_enum, default_value = "demo")]
        scale: crate::cli_seed::ScaleArg,
        /// Seed of the generated activity.
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
        /// The day the data is anchored to, `YYYY-MM-DD` (default: today); the report year
        /// is the calendar year before it.
        #[arg(long, value_name = "DATUM")]
        anchor: Option<String>,
    },
    /// Write a report (PDF, XLSX, CSV, HTML or JSON) of a municipality's year or period to a
    /// file, shaped by its plugin like the API's `GET …/reports/{kind}`.
    Report(crate::cli_report::ReportArgs),
    /// Create a user, or update an existing one with the same name.
    CreateUser {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        /// admin, coordinator, qm, member, jury or centre.
        #[arg(long)]
        role: Role,
        /// Municipality slug; required for every role but admin and centre.
        #[arg(long)]
        municipality: Option<String>,
        /// Organisation id, for member and jury users.
        #[arg(long)]
        organisation: Option<Id>,
        /// Read the password from this environment variable (never from the command line).
        #[arg(long)]
        password_env: Option<String>,
    },
    /// Create a municipality (tenant).
    CreateMunicipality {
        #[command(flatten)]
        db: DbArgs,
        /// Its address in every route, never changed: 2–50 of a–z, 0–9 and `-`.
        #[arg(long)]
        slug: String,
        /// At most 200 characters.
        #[arg(long)]
        name: String,
    },
    /// A municipality's single sign-on (OpenID Connect): set, show, remove its provider.
    Sso {
        #[command(subcommand)]
        command: crate::cli_sso::SsoCommand,
    },
    /// Apps' keys for the Open311 interface: create, list, revoke.
    #[command(name = "open311-key")]
    Open311Key {
        #[command(subcommand)]
        command: crate::cli_open311::Open311KeyCommand,
    },
    /// The exchange with a regional service centre: the site key and enrolment; at the
    /// centre, the enrolled sites and accepting them.
    Federation {
        #[command(subcommand)]
        command: crate::cli_federation::FederationCommand,
    },
    /// Manage and develop municipal rule plugins.
    Plugin {
        #[command(subcommand)]
        command: crate::cli_plugin::PluginCommand,
    },
    /// Issue an API token for a user and print it once (its expiry goes to stderr).
    CreateToken {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "cli")]
        name: String,
        /// Days until the token expires, 1 to 3650.
        // Read as text, so that a wrong value is refused in German by the token rules
        // rather than in English by the argument parser.
        #[arg(
            long,
            value_name = "TAGE",
            default_value = "365",
            allow_hyphen_values = true
        )]
        expires_in_days: String,
    },
    /// List API tokens (id, user, name, created, expires; never the token itself).
    ListTokens {
        #[command(flatten)]
        db: DbArgs,
        /// Only this user's tokens.
        #[arg(long)]
        username: Option<String>,
    },
    /// Revoke an API token by its id (see list-tokens); it is refused from then on.
    RevokeToken {
        #[command(flatten)]
        db: DbArgs,
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Compiles one plugin component from stdin for a running host, which starts this
    /// itself (`crate::plugins::compiler`); `main` runs it before logging starts.
    #[command(name = "__compile-plugin", hide = true)]
    CompilePlugin(crate::plugins::compiler::ChildArgs),
}

pub fn init_tracing(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("QUARTIER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init()
    } else {
        builder.init()
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            listen,
            db,
            body_limit,
            max_connections,
            plugins,
            retention,
            public_submissions_per_10_min,
            ipv6_rate_limit_prefix,
            trusted_proxies,
            connections,
            metrics_token,
            sessions,
            public_url,
            centre,
            data,
            public_read_cache,
        } => {
            ensure_sqlite_dir(&db.database_url)?;
            let mut settings = Settings::for_database(db.database_url);
            if let Some(on) = public_read_cache {
                settings.public_read_cache = on;
            }
            settings.body_limit_bytes = body_limit;
            settings.max_connections = max_connections;
            settings.plugins = plugins.settings();
            settings.concern_retention_days = retention.concern_retention_days;
            settings.applicant_retention_days = retention.applicant_retention_days;
            settings.public_intake.submissions_per_window = public_submissions_per_10_min.max(1);
            settings.public_intake.ipv6_prefix = ipv6_rate_limit_prefix;
            settings.public_intake.trusted_proxies = trusted_proxies;
            settings.connections = connections.settings();
            settings.metrics_token = metrics_token.filter(|t| !t.is_empty());
            settings.sessions = sessions.settings(listen)?;
            settings.public_url = public_url.filter(|u| !u.is_empty());
            if centre {
                settings.centre = Some(crate::cli_federation::centre_settings(&data)?);
            }
            serve(listen, settings, data.data_dir).await
        }
        Command::EraseExpired { db, retention } => {
            let db = db.open().await?;
            for (expiry, days, whose) in retention.jobs() {
                let period = chrono::TimeDelta::days(i64::from(days));
                let erased =
                    crate::retention::run(&db, &expiry, crate::db::Timestamp::now(), period)
                        .await?;
                if erased.is_empty() {
                    println!(
                        "{whose}: keine abgelaufenen Kontaktdaten (Aufbewahrungsfrist {days} Tage)."
                    );
                } else {
                    println!(
                        "{whose}: Kontaktdaten von {} gelöscht (Aufbewahrungsfrist {days} Tage): {}",
                        erased.len(),
                        erased.join(", ")
                    );
                }
            }
            Ok(())
        }
        Command::Report(args) => crate::cli_report::run(args).await,
        Command::Migrate { db } => {
            db.open().await?;
            println!("Migrationen angewendet.");
            Ok(())
        }
        Command::Demo {
            listen,
            path,
            plugin,
            seed,
        } => {
            let url = format!("sqlite://{}", path.display());
            ensure_sqlite_dir(&url)?;
            let db = Db::connect(&url, 4).await?;
            db.migrate().await?;
            let options = crate::demo::Options {
                seed,
                ..crate::demo::Options::default()
            };
            let login = crate::demo::seed_with(&db, options).await?;
            let mut settings = Settings::for_database(url);
            // The demo speaks plain HTTP: on this machine only, its cookies go without
            // `Secure` (which browsers would refuse over http); anywhere else they keep it.
            settings.sessions.secure_cookies = !listen.ip().is_loopback();
            settings.plugins.compiler = crate::config::own_executable();
            // Compiled plugins are kept next to the demo database.
            let data_dir = path
                .parent()
                .unwrap_or(std::path::Path::new("."))
                .to_owned();
            settings.plugins.cache_dir = Some(data_dir.join("plugin-cache"));
            let component = crate::demo::plugin::component(plugin.as_deref())?;
            let plugin_line =
                crate::demo::plugin::activate(&db, settings.plugins.clone(), component).await?;
            println!(
                "{}\n{plugin_line}\n\n{}\n",
                login.instructions(listen),
                sign_in_line(listen, settings.sessions.secure_cookies)
            );
            serve(listen, settings, data_dir).await
        }
        Command::Seed {
            db,
            scale,
            seed,
            anchor,
        } => {
            let options = crate::cli_seed::options(seed, anchor.as_deref())?;
            let db = db.open().await?;
            crate::cli_seed::run(&db, scale, options).await
        }
        Command::CreateUser {
            db,
            username,
            display_name,
            role,
            municipality,
            organisation,
            password_env,
        } => {
            let db = db.open().await?;
            let municipality_id = match municipality {
                Some(slug) => Some(municipality_id(&db, &slug).await?),
                None if matches!(role, Role::Admin | Role::Centre) => None,
                None => anyhow::bail!("--municipality is required for role {}", role.as_str()),
            };
            let password = password_env.map(std::env::var).transpose()?;
            credentials::upsert_user(
                &db,
                NewUser {
                    username: &username,
                    display_name: display_name.as_deref().unwrap_or(&username),
                    role,
                    municipality_id,
                    organisation_id: organisation,
                    password: password.as_deref(),
                },
            )
            .await?;
            println!("Benutzer {username} angelegt ({}).", role.as_str());
            Ok(())
        }
        Command::CreateMunicipality { db, slug, name } => {
            let db = db.open().await?;
            crate::network::create_municipality(&db, &slug, &name).await?;
            println!("Kommune {name} ({slug}) angelegt.");
            Ok(())
        }
        Command::Federation { command } => crate::cli_federation::run(command).await,
        Command::Plugin { command } => crate::cli_plugin::run(command).await,
        Command::Sso { command } => crate::cli_sso::run(command).await,
        Command::Open311Key { command } => crate::cli_open311::run(command).await,
        Command::CompilePlugin(_) => {
            anyhow::bail!(
                "{} wird nur vom Server selbst gestartet",
                crate::plugins::compiler::SUBCOMMAND
            )
        }
        Command::CreateToken {
            db,
            username,
            name,
            expires_in_days,
        } => {
            // A wrong lifetime is refused before the database is opened.
            let lifetime = credentials::TokenLifetime::parse(&expires_in_days)?;
            let db = db.open().await?;
            crate::cli_tokens::create(&db, &username, &name, lifetime).await
        }
        Command::ListTokens { db, username } => {
            let db = db.open().await?;
            crate::cli_tokens::list(&db, username.as_deref()).await
        }
        Command::RevokeToken { db, id } => {
            let db = db.open().await?;
            crate::cli_tokens::revoke(&db, &id).await
        }
    }
}

/// How long personal data is kept after its concern or fund application was closed.
#[derive(Debug, clap::Args)]
pub struct RetentionArgs {
    /// Days after closing a concern until the reporter's contact is erased.
    #[arg(long, env = "QUARTIER_CONCERN_RETENTION_DAYS", default_value_t = DEFAULT_CONCERN_RETENTION_DAYS)]
    concern_retention_days: u32,
    /// Days after closing a fund application until the applicant's contact is erased.
    #[arg(long, env = "QUARTIER_APPLICANT_RETENTION_DAYS", default_value_t = DEFAULT_APPLICANT_RETENTION_DAYS)]
    applicant_retention_days: u32,
}

impl RetentionArgs {
    /// Each kind of personal data with its period in days and whose data it is, in German.
    fn jobs(&self) -> [(crate::retention::Expiry, u32, &'static str); 2] {
        [
            (
                crate::concerns::retention::reporters(),
                self.concern_retention_days,
                "Meldende von Anliegen",
            ),
            (
                crate::funds::applicant::expiry(),
                self.applicant_retention_days,
                "Antragstellende von Fondsanträgen",
            ),
        ]
    }
}

async fn municipality_id(db: &Db, slug: &str) -> anyhow::Result<Id> {
    sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no municipality with slug {slug:?}"))
}

async fn serve(
    listen: SocketAddr,
    mut settings: Settings,
    data_dir: std::path::PathBuf,
) -> anyhow::Result<()> {
    settings.data_dir = Some(data_dir.clone());
    let url = settings.database_url.clone();
    let retention = RetentionArgs {
        concern_retention_days: settings.concern_retention_days,
        applicant_retention_days: settings.applicant_retention_days,
    };
    let connections = settings.connections.clone();
    let centre = settings.centre.is_some();
    let app = crate::app::build(settings).await?;
    // Background jobs get a small pool of their own, so they never wait on request traffic.
    let jobs = retention
        .jobs()
        .map(|(expiry, days, _)| (expiry, chrono::TimeDelta::days(i64::from(days))));
    crate::retention::spawn(Db::connect(&url, 1).await?, jobs.into());
    // An enrolled site delivers its outbox to the centre; on any other host this idles.
    crate::federation::delivery::spawn(Db::connect(&url, 1).await?, data_dir);
    if centre {
        crate::federation::centre::calendar::spawn(Db::connect(&url, 1).await?);
    }
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(address = %listener.local_addr()?, "serving");
    crate::app::serve_with(listener, app, crate::app::shutdown_signal(), &connections).await
}

/// Where the demo's users sign in through the browser, in German for the console.
fn sign_in_line(listen: SocketAddr, secure_cookies: bool) -> String {
    let address = match listen.ip() {
        ip if ip.is_unspecified() => SocketAddr::from(([127, 0, 0, 1], listen.port())),
        _ => listen,
    };
    let mut line = format!("Anmelden im Browser: http://{address}/anmelden");
    if secure_cookies {
        line += "\n    (Die Anmeldung braucht HTTPS: Browser speichern ihr Cookie nur über eine \
                 verschlüsselte Verbindung oder auf diesem Rechner. Stellen Sie einen Proxy \
                 mit TLS davor, oder starten Sie die Demo mit --listen 127.0.0.1:PORT.)";
    }
    line
}

/// Browser sessions (`serve`): how long they last and whether cookies are marked `Secure`.
#[derive(Debug, clap::Args)]
pub struct SessionArgs {
    /// Minutes a browser session may be unused before it ends.
    #[arg(long, env = "QUARTIER_SESSION_IDLE_MINUTES", default_value_t = crate::config::DEFAULT_SESSION_IDLE_MINUTES,
          value_parser = clap::value_parser!(u64).range(1..=24 * 60))]
    session_idle_minutes: u64,
    /// Hours a browser session lasts at most after signing in.
    #[arg(long, env = "QUARTIER_SESSION_MAX_HOURS", default_value_t = crate::config::DEFAULT_SESSION_MAX_HOURS,
          value_parser = clap::value_parser!(u64).range(1..=24 * 7))]
    session_max_hours: u64,
    /// Cookies without `Secure` and the `__Host-` prefix, for plain HTTP on this machine
    /// only: refused unless `--listen` is a loopback address. Behind a TLS proxy, leave it off.
    #[arg(long, env = "QUARTIER_INSECURE_COOKIES")]
    insecure_cookies: bool,
}

impl SessionArgs {
    fn settings(&self, listen: SocketAddr) -> anyhow::Result<crate::config::SessionSettings> {
        anyhow::ensure!(
            !self.insecure_cookies || listen.ip().is_loopback(),
            "--insecure-cookies gilt nur für eine Loopback-Adresse (127.0.0.1 oder ::1), nicht \
             für {listen}: über ein Netz gehören Anmelde-Cookies nur in eine HTTPS-Verbindung."
        );
        Ok(crate::config::SessionSettings {
            idle_timeout: std::time::Duration::from_secs(self.session_idle_minutes * 60),
            absolute_timeout: std::time::Duration::from_secs(self.session_max_hours * 3600),
            secure_cookies: !self.insecure_cookies,
            ..crate::config::SessionSettings::default()
        })
    }
}

/// Limits of client connections (`serve`): slow and idle clients are cut off.
#[derive(Debug, clap::Args)]
pub struct ConnectionArgs {
    /// Client connections open at once; more are closed as they arrive.
    #[arg(long, env = "QUARTIER_MAX_CLIENT_CONNECTIONS", default_value_t = ConnectionSettings::default().max_connections)]
    max_client_connections: usize,
    /// Seconds a client has to send a request's headers (also between kept-alive requests).
    #[arg(long, env = "QUARTIER_HEADER_READ_TIMEOUT_SECS", default_value_t = ConnectionSettings::default().header_read_timeout.as_secs())]
    header_read_timeout_secs: u64,
    /// Seconds a client has to send a request's body.
    #[arg(long, env = "QUARTIER_BODY_READ_TIMEOUT_SECS", default_value_t = ConnectionSettings::default().body_read_timeout.as_secs())]
    body_read_timeout_secs: u64,
}

impl ConnectionArgs {
    fn settings(&self) -> ConnectionSettings {
        ConnectionSettings {
            max_connections: self.max_client_connections.max(1),
            header_read_timeout: std::time::Duration::from_secs(
                self.header_read_timeout_secs.max(1),
            ),
            body_read_timeout: std::time::Duration::from_secs(self.body_read_timeout_secs.max(1)),
        }
    }
}
