//! The `quartier` binary: parses the command line and hands over to the library.

use clap::Parser;
use quartier::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // The compile child writes its artifact to stdout: no logging, no async runtime.
    if let Command::CompilePlugin(args) = &cli.command {
        return quartier::plugins::compiler::child(args);
    }
    quartier::cli::init_tracing(cli.json_logs);
    let outcome = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(quartier::cli::run(cli)));
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Fehler: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
