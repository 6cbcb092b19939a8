//! The `quartier` binary: parses the command line and hands over to the library.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = quartier::cli::Cli::parse();
    quartier::cli::init_tracing(cli.json_logs);
    match quartier::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fehler: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
