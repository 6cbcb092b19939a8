//! `quartier sso`: a municipality's single sign-on (`auth::sso`) — set its identity
//! provider, show what is set, remove it. The client secret comes from an environment
//! variable, never from the command line (which other users of the machine can read).

use crate::auth::sso::{CALLBACK, UsernameClaim};
use crate::db::Timestamp;
use crate::plugin_registry::commands::MunicipalityArgs;

#[derive(Debug, clap::Subcommand)]
pub enum SsoCommand {
    /// Sets (or replaces) the municipality's identity provider.
    Set {
        #[command(flatten)]
        target: MunicipalityArgs,
        /// The provider's issuer, e.g. `https://login.stadt.example/realms/verwaltung`
        /// (its `/.well-known/openid-configuration` must answer).
        #[arg(long)]
        issuer: String,
        /// The client registered for Quartier at the provider.
        #[arg(long)]
        client_id: String,
        /// The environment variable holding the client's secret (leave out for a public
        /// client; PKCE protects the flow either way).
        #[arg(long)]
        client_secret_env: Option<String>,
        /// The ID-token claim whose value is the Quartier user name.
        #[arg(long, value_enum, default_value = "preferred-username")]
        username_claim: UsernameClaim,
    },
    /// Shows the municipality's identity provider.
    Show {
        #[command(flatten)]
        target: MunicipalityArgs,
    },
    /// Removes the municipality's identity provider; people sign in with passwords again.
    Remove {
        #[command(flatten)]
        target: MunicipalityArgs,
    },
}

pub async fn run(command: SsoCommand) -> anyhow::Result<()> {
    match command {
        SsoCommand::Set {
            target,
            issuer,
            client_id,
            client_secret_env,
            username_claim,
        } => {
            let url = reqwest::Url::parse(&issuer)
                .map_err(|e| anyhow::anyhow!("--issuer ist keine gültige Adresse: {e}"))?;
            if !matches!(url.scheme(), "https" | "http") {
                anyhow::bail!("--issuer muss mit https:// beginnen");
            }
            let secret = match &client_secret_env {
                Some(var) => Some(std::env::var(var).map_err(|_| {
                    anyhow::anyhow!("Die Umgebungsvariable {var} ist nicht gesetzt.")
                })?),
                None => None,
            };
            let (db, municipality) = target.open().await?;
            let now = Timestamp::now();
            let mut tx = db.begin().await?;
            sqlx::query("DELETE FROM sso_providers WHERE municipality_id = $1")
                .bind(municipality)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO sso_providers (municipality_id, issuer, client_id, client_secret,
                        username_claim, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(municipality)
            .bind(&issuer)
            .bind(&client_id)
            .bind(secret)
            .bind(username_claim.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            println!(
                "Anmeldung über {issuer} für {} eingerichtet (Client {client_id}, Benutzername \
                 aus „{}“). Beim Anbieter als Rückkehradresse eintragen: \
                 <--public-url>{CALLBACK}",
                target.municipality,
                username_claim.as_str()
            );
            Ok(())
        }
        SsoCommand::Show { target } => {
            let (db, municipality) = target.open().await?;
            let row: Option<(String, String, Option<String>, String)> = sqlx::query_as(
                "SELECT issuer, client_id, client_secret, username_claim FROM sso_providers
                 WHERE municipality_id = $1",
            )
            .bind(municipality)
            .fetch_optional(&db.pool)
            .await?;
            match row {
                Some((issuer, client_id, secret, claim)) => println!(
                    "Anbieter: {issuer}\nClient: {client_id} ({})\nBenutzername aus: {claim}",
                    if secret.is_some() {
                        "mit Geheimnis"
                    } else {
                        "öffentlicher Client"
                    }
                ),
                None => println!(
                    "Für {} ist keine Anmeldung über einen Anbieter eingerichtet.",
                    target.municipality
                ),
            }
            Ok(())
        }
        SsoCommand::Remove { target } => {
            let (db, municipality) = target.open().await?;
            sqlx::query("DELETE FROM sso_providers WHERE municipality_id = $1")
                .bind(municipality)
                .execute(&db.pool)
                .await?;
            println!(
                "Anmeldung über einen Anbieter für {} entfernt.",
                target.municipality
            );
            Ok(())
        }
    }
}
