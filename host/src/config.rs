//! Host settings. Every value has a default that suits the embedded demo; every one can be
//! set by flag or environment variable (see the CLI).

/// Request bodies larger than this are refused with 413; network objects are small, and
/// uploads of plugins and files have their own limits.
/// Where the embedded database lives when no URL is given (relative to the working directory).
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/quartier.db";
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// Database connections per process. Measured on 2 cores (docs/benchmarks.md): 8 served
/// SQLite reads faster than 4 or 16 (sqlx runs one thread per SQLite connection).
pub const DEFAULT_MAX_CONNECTIONS: u32 = 8;

/// Days a concern's reporter contact is kept after closing: long enough for follow-up
/// questions and a complaint about the answer, short enough to honour data minimisation.
pub const DEFAULT_CONCERN_RETENTION_DAYS: u32 = 90;
/// Days after a fund application is closed (rejected, withdrawn, completed) until the
/// applicant's contact is erased: a year leaves room for questions about the proof of use.
pub const DEFAULT_APPLICANT_RETENTION_DAYS: u32 = 365;

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub max_connections: u32,
    pub body_limit_bytes: usize,
    pub plugins: PluginSettings,
    /// Limits of the public forms anyone may submit without an account.
    pub public_intake: IntakeSettings,
    /// Days after closing a concern until the reporter's contact is erased.
    pub concern_retention_days: u32,
    /// Days after closing a fund application until the applicant's contact is erased.
    pub applicant_retention_days: u32,
    /// Limits of client connections (slow and idle clients).
    pub connections: crate::server::ConnectionSettings,
    /// The bearer token a Prometheus scraper sends for `/metrics`; without one `/metrics`
    /// is not served at all (request counts per route say too much to be public).
    pub metrics_token: Option<String>,
    /// Browser sessions of signed-in people: timeouts, cookie flags, sign-in limits.
    pub sessions: SessionSettings,
    /// The address people reach this host at (`https://quartier.example.de`), for links that
    /// leave it: the single sign-on's return address registered at the identity provider.
    pub public_url: Option<String>,
    /// Centre mode (`serve --centre`): this host is a service centre and takes sites'
    /// enrolments and exchange bundles (`federation::centre`); `None` on a site, where
    /// those routes answer 404. Needs `public_url`: signatures cover the absolute address.
    pub centre: Option<CentreSettings>,
    /// The data directory (`--data-dir`): the site key and the pinned centre live there, so
    /// requests that reach the centre for a person (the exchange catalogue) find them.
    /// `None` where no directory was given: the host is enrolled nowhere.
    pub data_dir: Option<std::path::PathBuf>,
    /// Keep anonymous reads of the public registry until this process's next write
    /// (`api::public_reads`). It cannot see writes of other processes, so it is on by default
    /// only on SQLite, where one server owns the file; off where several servers may share
    /// one PostgreSQL database.
    pub public_read_cache: bool,
}

/// What a host in centre mode needs besides the ordinary settings.
#[derive(Clone, Debug)]
pub struct CentreSettings {
    /// The centre's own public key (ed25519, base64), answered to every enrolment so the
    /// site pins it and people compare its fingerprint.
    pub public_key: String,
}

/// Minutes a browser session may be idle unless configured: long enough to write up an
/// agenda item or read an application without the session ending under one's hands, short
/// enough that a forgotten browser in a shared Stadtteilbüro does not stay open all day.
pub const DEFAULT_SESSION_IDLE_MINUTES: u64 = 60;
/// Hours a browser session lasts at most, however busy: one working day, so a stolen
/// cookie is worth a day at most and everyone signs in again each morning.
pub const DEFAULT_SESSION_MAX_HOURS: u64 = 12;

/// Browser sessions (`auth::sessions`, `web`): how long they last, whether the cookie is
/// marked `Secure`, and how often one may try to sign in.
#[derive(Clone, Debug)]
pub struct SessionSettings {
    /// A session unused for this long ends.
    pub idle_timeout: std::time::Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute_timeout: std::time::Duration,
    /// Cookies carry `Secure` and the `__Host-` prefix. Off only for plain HTTP on this
    /// machine (the demo on a loopback address); browsers then still send them only here.
    pub secure_cookies: bool,
    /// Sign-in attempts one client address may make per `sign_in_window`. An office behind
    /// one address signs in a few times a day per person; thirty stop a password-guessing
    /// script without locking out a Stadtteilbüro.
    pub sign_in_attempts_per_address: u32,
    /// Sign-in attempts per user name (whether it exists or not) per `sign_in_window`: ten
    /// are more than a person mistyping needs and make guessing one account's password
    /// hopeless.
    pub sign_in_attempts_per_name: u32,
    pub sign_in_window: std::time::Duration,
}

impl Default for SessionSettings {
    fn default() -> SessionSettings {
        SessionSettings {
            idle_timeout: std::time::Duration::from_secs(DEFAULT_SESSION_IDLE_MINUTES * 60),
            absolute_timeout: std::time::Duration::from_secs(DEFAULT_SESSION_MAX_HOURS * 3600),
            secure_cookies: true,
            sign_in_attempts_per_address: 30,
            sign_in_attempts_per_name: 10,
            sign_in_window: std::time::Duration::from_secs(15 * 60),
        }
    }
}

/// Limits of public, anonymous form submissions (concerns, fund applications).
#[derive(Clone, Debug)]
pub struct IntakeSettings {
    /// Submissions one client address may make to one municipality per `window`. Ten in ten
    /// minutes is more than a family filing concerns by hand needs, and stops a script.
    pub submissions_per_window: u32,
    pub window: std::time::Duration,
    /// Largest submission in bytes (as JSON). The form schemas' own limits allow less than
    /// this for real input; the cap keeps an oversized document away from the schema check.
    pub max_bytes: usize,
    /// IPv6 clients are counted by this prefix length (see `crate::rate_limit`).
    pub ipv6_prefix: u8,
    /// Reverse proxies whose `X-Forwarded-For` is believed; none by default.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Default for IntakeSettings {
    fn default() -> IntakeSettings {
        IntakeSettings {
            submissions_per_window: 10,
            window: std::time::Duration::from_secs(10 * 60),
            max_bytes: 128 * 1024,
            ipv6_prefix: crate::rate_limit::DEFAULT_IPV6_PREFIX,
            trusted_proxies: Vec::new(),
        }
    }
}

/// How this host runs municipal rule plugins.
#[derive(Clone, Debug)]
pub struct PluginSettings {
    /// The sandbox's limits (docs/architecture.md, "The plugin contract").
    pub limits: crate::plugins::Limits,
    /// Where compiled artifacts are cached (`<data dir>/plugin-cache` when serving); `None`
    /// compiles every plugin version once per process.
    pub cache_dir: Option<std::path::PathBuf>,
    /// Hook calls of one municipality that may run at once. One keeps a tenant's runaway
    /// plugin on one core while the others keep serving (a 2-core host has two).
    pub calls_per_municipality: usize,
    /// How long a call may wait for its municipality's turn: one that waited longer is
    /// answered busy when its turn comes, without running.
    pub queue_timeout: std::time::Duration,
    /// How long a process trusts its cached view of which version is active. Short, so an
    /// activation in another process on the same PostgreSQL applies within seconds.
    pub active_ttl: std::time::Duration,
    /// The executable that compiles uploads in a child process killed at the deadline
    /// (`quartier __compile-plugin`, see `crate::plugins::compiler`). `serve` sets its own
    /// executable, integration tests `CARGO_BIN_EXE_quartier`; `None` compiles in-process,
    /// where a deadline cannot stop the work (fine for trusted components only).
    pub compiler: Option<std::path::PathBuf>,
    /// Plugin versions one municipality may keep. Versions are never deleted; 50 is years of
    /// weekly releases and bounds what a script uploading variants can store.
    pub max_versions: u32,
    /// Bytes of components one municipality may keep. 200 MiB hold 50 versions of our largest
    /// plugin (about 1 MiB) many times over, and bound the database's growth per tenant.
    pub max_stored_bytes: u64,
}

/// Room for the HTTP framing around an uploaded component: a slightly larger body still
/// reaches the runtime's size check and its precise German message.
const UPLOAD_MARGIN: usize = 64 * 1024;

impl PluginSettings {
    /// The largest upload body accepted before the runtime sees it.
    pub fn upload_limit(&self) -> usize {
        self.limits.component_bytes + UPLOAD_MARGIN
    }
}

impl Default for PluginSettings {
    fn default() -> PluginSettings {
        PluginSettings {
            limits: crate::plugins::Limits::default(),
            cache_dir: None,
            calls_per_municipality: 1,
            queue_timeout: std::time::Duration::from_secs(1),
            active_ttl: std::time::Duration::from_secs(2),
            compiler: None,
            max_versions: 50,
            max_stored_bytes: 200 << 20,
        }
    }
}

impl Settings {
    pub fn for_database(database_url: impl Into<String>) -> Settings {
        let database_url = database_url.into();
        Settings {
            public_read_cache: database_url.starts_with("sqlite:"),
            database_url,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            body_limit_bytes: DEFAULT_BODY_LIMIT,
            plugins: PluginSettings::default(),
            public_intake: IntakeSettings::default(),
            concern_retention_days: DEFAULT_CONCERN_RETENTION_DAYS,
            applicant_retention_days: DEFAULT_APPLICANT_RETENTION_DAYS,
            connections: crate::server::ConnectionSettings::default(),
            metrics_token: None,
            sessions: SessionSettings::default(),
            public_url: None,
            centre: None,
            data_dir: None,
        }
    }
}

/// This executable, to compile uploaded plugins in child processes of itself; `None` (with a
/// warning) compiles in-process, where a deadline cannot stop a compile bomb.
pub fn own_executable() -> Option<std::path::PathBuf> {
    std::env::current_exe()
        .inspect_err(
            |e| tracing::warn!(error = %e, "own executable unknown; plugins compile in-process"),
        )
        .ok()
}

/// Where the database is, for the commands that open one.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// `sqlite://PATH` (embedded, the default) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "QUARTIER_DATABASE_URL",
        default_value = DEFAULT_DATABASE_URL
    )]
    pub database_url: String,
}

impl DbArgs {
    pub(crate) async fn open(&self) -> anyhow::Result<crate::db::Db> {
        ensure_sqlite_dir(&self.database_url)?;
        let db = crate::db::Db::connect(&self.database_url, 4).await?;
        db.migrate().await?;
        Ok(db)
    }
}

/// Creates the directory of a SQLite file so the default `data/…` works on a fresh clone.
pub fn ensure_sqlite_dir(url: &str) -> anyhow::Result<()> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)?;
        }
    }
    Ok(())
}
