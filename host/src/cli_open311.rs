//! `quartier open311-key`: the operator's handling of apps' Open311 keys
//! (`open311::clients`). Standard output carries what a script reads (the new key, the
//! list); notes for the person at the terminal go to standard error.

use crate::cli_tokens::{columns, instant};
use crate::db::Id;
use crate::open311;
use crate::plugin_registry::commands::MunicipalityArgs;

#[derive(Debug, clap::Subcommand)]
pub enum Open311KeyCommand {
    /// Issues a key for an app of the municipality and prints it once.
    Create {
        #[command(flatten)]
        target: MunicipalityArgs,
        /// The app's name, as the list shows it (1–200 characters).
        #[arg(long)]
        name: String,
    },
    /// Lists the municipality's keys (id, app, issued, revoked; never the key).
    List {
        #[command(flatten)]
        target: MunicipalityArgs,
    },
    /// Revokes a key by its id (see list): it is refused from the next request on.
    Revoke {
        #[command(flatten)]
        target: MunicipalityArgs,
        #[arg(value_name = "ID")]
        id: String,
    },
}

pub async fn run(command: Open311KeyCommand) -> anyhow::Result<()> {
    match command {
        Open311KeyCommand::Create { target, name } => {
            let (db, municipality) = target.open().await?;
            let issued = open311::issue_key(&db, municipality, &name).await?;
            println!("{}", issued.key);
            eprintln!(
                "Open311-Schlüssel für {name:?} ausgegeben, ID {}. Der Schlüssel wird nur dieses \
                 eine Mal angezeigt.",
                issued.id
            );
        }
        Open311KeyCommand::List { target } => {
            let (db, municipality) = target.open().await?;
            let keys = open311::list_keys(&db, municipality).await?;
            if keys.is_empty() {
                eprintln!("Die Kommune hat keine Open311-Schlüssel.");
                return Ok(());
            }
            let mut rows = vec![
                ["ID", "APP", "AUSGEGEBEN", "WIDERRUFEN"]
                    .map(str::to_owned)
                    .to_vec(),
            ];
            for key in keys {
                rows.push(vec![
                    key.id.to_string(),
                    key.name,
                    instant(key.created_at),
                    key.revoked_at.map_or_else(|| "–".to_owned(), instant),
                ]);
            }
            print!("{}", columns(&rows));
        }
        Open311KeyCommand::Revoke { target, id } => {
            let id: Id = id
                .parse()
                .map_err(|_| anyhow::anyhow!("{id:?} ist keine ID (siehe open311-key list)."))?;
            let (db, municipality) = target.open().await?;
            let key = open311::revoke_key(&db, municipality, id).await?;
            eprintln!("Der Open311-Schlüssel von {:?} ist widerrufen.", key.name);
        }
    }
    Ok(())
}
