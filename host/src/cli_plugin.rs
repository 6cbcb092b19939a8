//! The `quartier plugin …` subcommands: operator commands for municipal rule plugins.
//!
//! Both the plugin registry (install, list, activate, rollback, deactivate) and the author
//! tools (run, new) add their variants to [`PluginCommand`].

use clap::Subcommand;

/// `quartier plugin <command>`.
#[derive(Debug, Subcommand)]
pub enum PluginCommand {
    /// Call one hook of a plugin file and measure it against the limits (the author's
    /// runner). Exit code 0: ok; 1: plugin error or limit exceeded; 2: usage error.
    Run {
        #[command(flatten)]
        run: crate::plugins::runner::RunArgs,
        /// The host's plugin configuration, applied with --limits-from-config.
        #[command(flatten)]
        config: crate::plugin_registry::commands::PluginArgs,
    },
    /// Create a new plugin crate for a municipality.
    New(crate::plugins::scaffold::NewArgs),
    /// Build a plugin crate into the component Quartier accepts (NAME.wasm).
    Build(crate::plugins::scaffold::BuildArgs),
    /// Install a component for a municipality (inactive unless --activate); prints its name,
    /// version, hooks and SHA-256.
    Install(crate::plugin_registry::commands::InstallArgs),
    /// List a municipality's plugin versions, newest first.
    List(crate::plugin_registry::commands::MunicipalityArgs),
    /// Make one of a municipality's plugin versions the active one.
    Activate(crate::plugin_registry::commands::ActivateArgs),
    /// Go back to the plugin version that was active before the current one.
    Rollback(crate::plugin_registry::commands::MunicipalityArgs),
    /// Deactivate the municipality's plugin: base behaviour everywhere.
    Deactivate(crate::plugin_registry::commands::MunicipalityArgs),
}

/// Runs one `quartier plugin …` command.
pub async fn run(command: PluginCommand) -> anyhow::Result<()> {
    match command {
        PluginCommand::Run { run, config } => {
            let configured = config.settings().limits;
            let code = tokio::task::spawn_blocking(move || {
                crate::plugins::runner::command(&run, configured)
            })
            .await?;
            if code != 0 {
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(code);
            }
            Ok(())
        }
        PluginCommand::New(args) => crate::plugins::scaffold::command_new(&args),
        PluginCommand::Build(args) => {
            tokio::task::spawn_blocking(move || crate::plugins::scaffold::command_build(&args))
                .await?
        }
        PluginCommand::Install(args) => crate::plugin_registry::commands::install(args).await,
        PluginCommand::List(args) => crate::plugin_registry::commands::list(args).await,
        PluginCommand::Activate(args) => crate::plugin_registry::commands::activate(args).await,
        PluginCommand::Rollback(args) => crate::plugin_registry::commands::rollback(args).await,
        PluginCommand::Deactivate(args) => crate::plugin_registry::commands::deactivate(args).await,
    }
}
