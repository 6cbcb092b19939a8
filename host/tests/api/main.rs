//! The integration suite. Every test runs twice, against a fresh SQLite file and a fresh
//! PostgreSQL database, through real HTTP on a port-0 server built by the library.
//!
//! Without a reachable PostgreSQL the PostgreSQL half is reported as ignored with the reason
//! printed first; under `CI=true` a missing PostgreSQL fails the run instead.

// Tests state their expectations with unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod support;

mod areas;
mod bodies;
mod concerns;
mod concerns_privacy;
mod concurrency;
mod contracts;
mod dates;
mod demo;
mod demo_activity;
mod demo_seeding;
mod errors;
mod federation_calendar;
mod federation_catalogue;
mod federation_centre;
mod federation_comparison;
mod federation_enrolment;
mod federation_inbox;
mod federation_outbox;
mod federation_rotation;
mod forms;
mod funds;
mod funds_aachen;
mod funds_privacy;
mod funds_public;
mod funds_routing;
mod funds_workflow;
mod hardening;
mod join_requests;
mod meetings;
mod memberships;
mod municipalities;
mod oparl;
mod oparl_files;
mod open311;
mod open311_clients;
mod ops;
mod organisations;
mod persons;
mod plugins;
mod projects;
mod public_reads;
mod reports_dataset;
mod reports_rendered;
mod rules;
mod self_evaluations;
mod sso;
mod task_matrix;
mod tenancy;
mod tokens;
mod web;
mod web_browser;
mod web_concern_inbox;
mod web_concerns;
mod web_contracts;
mod web_coordination;
mod web_fund_application;
mod web_funds;
mod web_meetings;
mod web_network;
mod web_persons;
mod web_projects;
mod web_reports;
mod web_self_evaluations;
mod web_sessions;
mod web_sign_in;
mod web_tasks;
mod web_work;

use support::{Backend, TestFn};

fn all_tests() -> Vec<(&'static str, TestFn)> {
    [
        areas::tests(),
        bodies::tests(),
        concerns::tests(),
        concerns_privacy::tests(),
        concurrency::tests(),
        contracts::tests(),
        dates::tests(),
        demo::tests(),
        demo_activity::tests(),
        demo_seeding::tests(),
        errors::tests(),
        federation_comparison::tests(),
        federation_enrolment::tests(),
        federation_inbox::tests(),
        federation_outbox::tests(),
        federation_catalogue::tests(),
        federation_calendar::tests(),
        federation_rotation::tests(),
        forms::tests(),
        funds::tests(),
        funds_aachen::tests(),
        funds_privacy::tests(),
        funds_public::tests(),
        funds_routing::tests(),
        funds_workflow::tests(),
        hardening::tests(),
        join_requests::tests(),
        meetings::tests(),
        memberships::tests(),
        municipalities::tests(),
        oparl::tests(),
        oparl_files::tests(),
        open311::tests(),
        open311_clients::tests(),
        ops::tests(),
        organisations::tests(),
        persons::tests(),
        plugins::tests(),
        plugins::uploads::tests(),
        projects::tests(),
        public_reads::tests(),
        reports_dataset::tests(),
        reports_dataset::exchange_bundle::tests(),
        reports_rendered::tests(),
        rules::tests(),
        self_evaluations::tests(),
        sso::tests(),
        task_matrix::tests(),
        tenancy::tests(),
        tokens::tests(),
        web::tests(),
        web_concern_inbox::tests(),
        web_concerns::tests(),
        web_coordination::tests(),
        web_fund_application::tests(),
        web_funds::tests(),
        web_network::tests(),
        web_persons::tests(),
        web_contracts::tests(),
        web_projects::tests(),
        web_meetings::tests(),
        web_reports::tests(),
        web_self_evaluations::tests(),
        web_sessions::tests(),
        web_sign_in::tests(),
        web_tasks::tests(),
        web_work::tests(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Tests at once unless `--test-threads` or `RUST_TEST_THREADS` says otherwise. The tests wait
/// on HTTP round trips and the databases more than they compute (on 2 cores: 219 s with 2
/// at once, 157 s with 8; docs/benchmarks.md); at most 8, so PostgreSQL's 100 connections
/// suffice for the test servers' pools.
fn tests_at_once() -> usize {
    std::env::var("RUST_TEST_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            (4 * cores).min(8)
        })
}

fn main() -> std::process::ExitCode {
    let mut args = libtest_mimic::Arguments::from_args();
    args.test_threads = args.test_threads.or_else(|| Some(tests_at_once()));
    let postgres = support::postgres_available();
    if let Err(reason) = &postgres {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            eprintln!("FEHLER: PostgreSQL ist in CI Pflicht, aber nicht erreichbar: {reason}");
            return std::process::ExitCode::FAILURE;
        }
        eprintln!(
            "\n*** PostgreSQL-Suite übersprungen (PostgreSQL suite skipped): {reason}\n    \
             Setzen Sie QUARTIER_TEST_POSTGRES_URL oder starten Sie PostgreSQL auf 127.0.0.1:5432.\n"
        );
    }
    let mut trials = Vec::new();
    for (name, test) in all_tests() {
        trials.push(libtest_mimic::Trial::test(
            format!("sqlite::{name}"),
            move || support::run(Backend::Sqlite, test),
        ));
        let trial = libtest_mimic::Trial::test(format!("postgres::{name}"), move || {
            support::run(Backend::Postgres, test)
        });
        trials.push(trial.with_ignored_flag(postgres.is_err()));
    }
    let conclusion = libtest_mimic::run(&args, trials);
    if postgres.is_err() {
        eprintln!("*** Hinweis: Die PostgreSQL-Suite wurde übersprungen (siehe oben).");
    }
    conclusion.exit_code()
}
