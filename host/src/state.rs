//! [`AppState`]: everything a handler may need, built once by the composition root
//! (`app.rs`) and passed to every router with `.with_state`. Nothing else in the host keeps
//! state: no statics, no globals.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::config::Settings;
use crate::db::{Db, Id};
use crate::ops::metrics::Metrics;
use crate::rate_limit::{Limiter, SignInLimits};
use crate::rules::Rules;

/// Cheap to clone: every field is shared.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub metrics: Arc<Metrics>,
    /// Municipality slug → id. Slugs never change and municipalities are never deleted, so
    /// an entry stays true for the life of the process, in every process on one database.
    pub slugs: Arc<RwLock<HashMap<String, Id>>>,
    /// The municipalities' rules: the only way features reach their plugins.
    pub rules: Rules,
    /// The rate limit of public, anonymous submissions in this process.
    pub public_intake: Arc<Limiter>,
    /// The rate limit of apps posting with their Open311 key, by key, in this process.
    pub app_intake: Arc<Limiter<Id>>,
    /// The rate limits of the staff sign-in in this process.
    pub sign_in: Arc<SignInLimits>,
    /// Password checks running at once: each argon2 check takes about 19 MiB and a core
    /// for tens of milliseconds, so a burst of sign-ins waits here instead of exhausting
    /// memory.
    pub password_checks: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The state of an app on an already migrated database.
    pub fn new(db: Db, settings: Settings) -> AppState {
        AppState {
            rules: Rules::new(db.clone(), settings.plugins.clone()),
            db,
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
            slugs: Arc::default(),
            public_intake: Arc::default(),
            app_intake: Arc::default(),
            sign_in: Arc::default(),
            password_checks: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, usize::from),
            )),
        }
    }
}
