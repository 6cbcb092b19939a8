//! Tests across real processes: the `quartier` binary built by this workspace, configured
//! through its CLI, talking HTTP on loopback.
//!
//! The binary is found next to this test executable (`target/<profile>/quartier`), which
//! `cargo test --workspace` builds first; `QUARTIER_BIN` overrides the path.

mod durability;
mod exchange;
mod federation;
mod guide;
mod host;
mod operator_commands;
mod plugin_tools;
mod slow_clients;
mod two_hosts_one_database;

fn main() -> std::process::ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let postgres = host::postgres_available();
    if let Err(reason) = &postgres {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            eprintln!("FEHLER: PostgreSQL ist in CI Pflicht, aber nicht erreichbar: {reason}");
            return std::process::ExitCode::FAILURE;
        }
        eprintln!("\n*** PostgreSQL-Prozesstests übersprungen (skipped): {reason}\n");
    }
    let trials = vec![
        libtest_mimic::Trial::test(
            "two_serve_processes_on_one_postgres_database_serve_the_same_data",
            || host::block_on(two_hosts_one_database::two_serve_processes_on_one_postgres_database_serve_the_same_data()),
        )
        .with_ignored_flag(postgres.is_err()),
        libtest_mimic::Trial::test(
            "acknowledged_submissions_survive_sigkill_on_sqlite",
            || host::block_on(durability::acknowledged_submissions_survive_sigkill_on_sqlite()),
        ),
        libtest_mimic::Trial::test(
            "acknowledged_submissions_survive_sigkill_on_postgres",
            || host::block_on(durability::acknowledged_submissions_survive_sigkill_on_postgres()),
        )
        .with_ignored_flag(postgres.is_err()),
        libtest_mimic::Trial::test("a_serve_process_stops_cleanly_on_sigterm", || {
            host::block_on(two_hosts_one_database::a_serve_process_stops_cleanly_on_sigterm())
        }),
        libtest_mimic::Trial::test(
            "stalled_clients_do_not_keep_healthz_from_answering",
            || host::block_on(slow_clients::stalled_clients_do_not_keep_healthz_from_answering()),
        ),
        libtest_mimic::Trial::test(
            "create_municipality_refuses_the_slugs_and_names_the_api_refuses",
            || host::block_on(operator_commands::create_municipality_refuses_the_slugs_and_names_the_api_refuses()),
        ),
        libtest_mimic::Trial::test(
            "an_api_token_is_created_used_listed_revoked_and_then_refused",
            || host::block_on(operator_commands::an_api_token_is_created_used_listed_revoked_and_then_refused()),
        ),
        libtest_mimic::Trial::test(
            "a_site_enrols_at_a_centre_and_its_operator_accepts_it",
            || host::block_on(federation::a_site_enrols_at_a_centre_and_its_operator_accepts_it()),
        ),
        libtest_mimic::Trial::test(
            "two_sites_deliver_their_closed_periods_to_the_centre",
            || host::block_on(exchange::flow::two_sites_deliver_their_closed_periods_to_the_centre()),
        )
        .with_ignored_flag(postgres.is_err()),
        libtest_mimic::Trial::test(
            "a_released_item_travels_to_other_sites_and_a_withdrawal_follows",
            || host::block_on(exchange::catalogue::a_released_item_travels_to_other_sites_and_a_withdrawal_follows()),
        )
        .with_ignored_flag(postgres.is_err()),
        libtest_mimic::Trial::test("the_same_bundle_delivered_twice_is_applied_once", || {
            host::block_on(exchange::cases::the_same_bundle_delivered_twice_is_applied_once())
        }),
        libtest_mimic::Trial::test("bundles_out_of_order_are_applied_in_order", || {
            host::block_on(exchange::cases::bundles_out_of_order_are_applied_in_order())
        }),
        libtest_mimic::Trial::test("a_bundle_altered_after_signing_is_refused", || {
            host::block_on(exchange::cases::a_bundle_altered_after_signing_is_refused())
        }),
        libtest_mimic::Trial::test("a_bundle_under_a_foreign_or_pending_key_is_refused", || {
            host::block_on(exchange::cases::a_bundle_under_a_foreign_or_pending_key_is_refused())
        }),
        libtest_mimic::Trial::test("a_bundle_signed_too_long_ago_or_ahead_is_refused", || {
            host::block_on(exchange::cases::a_bundle_signed_too_long_ago_or_ahead_is_refused())
        }),
        libtest_mimic::Trial::test("a_replayed_delivery_is_refused", || {
            host::block_on(exchange::cases::a_replayed_delivery_is_refused())
        }),
        libtest_mimic::Trial::test(
            "a_centre_killed_while_applying_takes_the_bundle_once_on_sqlite",
            || host::block_on(exchange::crash::a_centre_killed_while_applying_takes_the_bundle_once_on_sqlite()),
        ),
        libtest_mimic::Trial::test(
            "a_centre_killed_while_applying_takes_the_bundle_once_on_postgres",
            || host::block_on(exchange::crash::a_centre_killed_while_applying_takes_the_bundle_once_on_postgres()),
        )
        .with_ignored_flag(postgres.is_err()),
        libtest_mimic::Trial::test("report_writes_every_format_with_progress", || {
            operator_commands::report_writes_every_format_with_progress()
                .map_err(|e| format!("{e:#}").into())
        }),
        libtest_mimic::Trial::test("plugin_run_measures_a_call_and_exits_by_its_outcome", || {
            plugin_tools::plugin_run_measures_a_call_and_exits_by_its_outcome()
                .map_err(|e| format!("{e:#}").into())
        }),
        libtest_mimic::Trial::test("the_guides_fund_and_bodies_commands_work_as_pasted", || {
            guide::the_guides_fund_and_bodies_commands_work_as_pasted()
                .map_err(|e| format!("{e:#}").into())
        }),
        libtest_mimic::Trial::test("a_new_plugin_is_scaffolded_built_and_run", || {
            plugin_tools::a_new_plugin_is_scaffolded_built_and_run()
                .map_err(|e| format!("{e:#}").into())
        }),
    ];
    libtest_mimic::run(&args, trials).exit_code()
}
