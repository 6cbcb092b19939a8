//! `quartier federation`: the site's side of the exchange with a service centre
//! (`federation`). For now the site key: show it, creating it on first use, so that its
//! fingerprint can be compared with the centre before enrolment.

use std::path::PathBuf;

use crate::federation::site_key::SiteKey;

#[derive(Debug, clap::Subcommand)]
pub enum FederationCommand {
    /// Shows the site key's public key and fingerprint, creating the key on first use (to
    /// compare with the service centre on a second channel).
    Key {
        #[command(flatten)]
        data: DataDirArgs,
    },
}

/// Where the host keeps its files.
#[derive(Debug, clap::Args)]
pub struct DataDirArgs {
    /// The host's data directory; the site key is kept in its `site-keys/`.
    #[arg(long, env = "QUARTIER_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
}

pub fn run(command: FederationCommand) -> anyhow::Result<()> {
    match command {
        FederationCommand::Key { data } => {
            let (key, created) = SiteKey::load_or_create(&data.data_dir)?;
            println!("{}", describe(&key, created));
            Ok(())
        }
    }
}

/// Centre mode's settings: the centre's own key from the data directory (created on first
/// use), whose public half every enrolling site pins.
pub fn centre_settings(data: &DataDirArgs) -> anyhow::Result<crate::config::CentreSettings> {
    let (key, _) = SiteKey::load_or_create(&data.data_dir)?;
    tracing::info!(fingerprint = %key.public().fingerprint(), "centre mode");
    Ok(crate::config::CentreSettings {
        public_key: key.public().to_base64(),
    })
}

/// The key as people read it, in German.
fn describe(key: &SiteKey, created: bool) -> String {
    let public = key.public();
    let fingerprint = public.fingerprint().for_people().replace('\n', "\n    ");
    let heading = if created {
        "Neuer Standortschlüssel angelegt"
    } else {
        "Standortschlüssel"
    };
    format!(
        "{heading}: {}\n\
         Öffentlicher Schlüssel (Ed25519): {}\n\
         Fingerabdruck (SHA-256):\n    {fingerprint}\n\n\
         Vergleichen Sie den Fingerabdruck mit der Servicestelle auf einem zweiten Weg \
         (Telefon, Brief), bevor Sie den Schlüssel dort eintragen lassen.",
        key.path().display(),
        public.to_base64(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_shown_with_its_fingerprint_for_comparing() {
        let dir = std::env::temp_dir().join(format!("quartier-cli-key-{}", uuid::Uuid::now_v7()));
        let (key, created) = SiteKey::load_or_create(&dir).unwrap();
        let text = describe(&key, created);
        assert!(
            text.starts_with("Neuer Standortschlüssel angelegt: "),
            "{text}"
        );
        assert!(text.contains(&key.public().to_base64()));
        let fingerprint = key.public().fingerprint().for_people();
        let first_group = &fingerprint[..4];
        assert!(text.contains(&format!("Fingerabdruck (SHA-256):\n    {first_group} ")));
        let (again, created) = SiteKey::load_or_create(&dir).unwrap();
        assert!(describe(&again, created).starts_with("Standortschlüssel: "));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
