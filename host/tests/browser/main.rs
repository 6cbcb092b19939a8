//! Browser tests: a real headless Chromium, driven through chromedriver (WebDriver), on a
//! real host served on a free port — signing in and out, the start page, the back button
//! after signing out, the reports, the concerns' Lotsenfunktion, meetings and their minutes,
//! a project's measurements, the coordination's plugins and audit log, the task matrix and
//! log, the exchange with a service centre, a phone-sized window, and an axe-core scan of
//! every page shown.
//!
//! They need Debian's `chromium` and `chromium-driver` (or `QUARTIER_TEST_CHROMIUM` and
//! `QUARTIER_TEST_CHROMEDRIVER` naming the executables). Without them the tests are
//! reported as ignored and a line says why; under `CI=true` a missing browser fails the run
//! instead. The host runs on SQLite only: what the browser sees does not depend on the
//! database, and the session store is tested on both in the API suite.
//!
//! Screenshots of every page land in `$CARGO_TARGET_TMPDIR/screenshots/`.

// Tests state their expectations with unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod site;
mod support;

mod concerns;
mod exchange;
mod fund_application;
mod fund_decisions;
mod meetings;
mod network;
mod plugins;
mod projects;
mod reports;
mod self_evaluation;
mod sign_in;
mod tasks;

use std::sync::Arc;

use support::{Driver, TestFn};

fn all_tests() -> Vec<(&'static str, TestFn)> {
    let mut tests = sign_in::tests();
    tests.extend(reports::tests());
    tests.extend(concerns::tests());
    tests.extend(fund_application::tests());
    tests.extend(fund_decisions::tests());
    tests.extend(self_evaluation::tests());
    tests.extend(plugins::tests());
    tests.extend(tasks::tests());
    tests.extend(projects::tests());
    tests.extend(meetings::tests());
    tests.extend(network::tests());
    tests.extend(exchange::tests());
    tests
}

fn main() -> std::process::ExitCode {
    let mut args = libtest_mimic::Arguments::from_args();
    // Each test starts a browser: one at a time keeps a small machine responsive.
    args.test_threads.get_or_insert(1);
    let tools = support::find_tools();
    if let Err(reason) = &tools {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            eprintln!("FEHLER: Chromium und chromedriver sind in CI Pflicht: {reason}");
            return std::process::ExitCode::FAILURE;
        }
        eprintln!(
            "\n*** Browser-Tests übersprungen (browser tests skipped): {reason}\n    \
             Installieren Sie chromium und chromium-driver (apt-get install chromium \
             chromium-driver) oder setzen Sie QUARTIER_TEST_CHROMIUM und \
             QUARTIER_TEST_CHROMEDRIVER.\n"
        );
    }
    // The driver is started only when a test will run (not for `--list`).
    let driver = match &tools {
        Ok(tools) if !args.list => match Driver::start(tools) {
            Ok(driver) => Some(Arc::new(driver)),
            Err(e) => {
                eprintln!("FEHLER: chromedriver startet nicht: {e:#}");
                return std::process::ExitCode::FAILURE;
            }
        },
        _ => None,
    };
    let trials = all_tests()
        .into_iter()
        .map(|(name, test)| {
            let driver = driver.clone();
            let trial = libtest_mimic::Trial::test(name, move || match driver {
                Some(driver) => support::run(&driver, test),
                None => Err("no browser".into()),
            });
            trial.with_ignored_flag(tools.is_err())
        })
        .collect();
    let conclusion = libtest_mimic::run(&args, trials);
    if tools.is_err() {
        eprintln!("*** Hinweis: Die Browser-Tests wurden übersprungen (siehe oben).");
    }
    drop(driver);
    conclusion.exit_code()
}
