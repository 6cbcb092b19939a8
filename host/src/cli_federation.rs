//! `quartier federation`: the exchange with a service centre (`federation`). On a site:
//! the site key (`key`) and enrolment at a centre (`enrol`), which prints both fingerprints
//! for people to compare. At the centre: the enrolled sites (`sites`) and accepting one
//! after comparing its fingerprint (`accept`) — before that nothing of it is trusted — or
//! removing a pending one nobody confirmed (`reject`); naming the centre's own tenant, whose
//! staff get the comparison across sites (`tenant`).

use std::path::PathBuf;

use crate::config::DbArgs;
use crate::federation::bundle::SiteId;
use crate::federation::centre::comparison;
use crate::federation::centre::sites::{self, Site};
use crate::federation::enrolment;
use crate::federation::site_key::{SiteKey, SitePublicKey};

#[derive(Debug, clap::Subcommand)]
pub enum FederationCommand {
    /// Shows the site key's public key and fingerprint, creating the key on first use (to
    /// compare with the service centre on a second channel).
    Key {
        #[command(flatten)]
        data: DataDirArgs,
    },
    /// Enrols this site at a service centre: sends the site's public key, pins the
    /// centre's and prints both fingerprints to compare on a second channel.
    Enrol {
        /// The centre's address, e.g. `https://servicestelle.example.de`.
        #[arg(long)]
        centre: String,
        /// This site's name at the centre, a stable key (`aachen`).
        #[arg(long)]
        name: String,
        #[command(flatten)]
        data: DataDirArgs,
    },
    /// At the centre: lists the enrolled sites with state and fingerprint.
    Sites {
        #[command(flatten)]
        db: DbArgs,
    },
    /// At the centre: accepts the pending site with this fingerprint, after comparing it
    /// with the site on a second channel; from then on its bundles are taken.
    Accept {
        /// The fingerprint, `sha256:…` or in groups of four as shown.
        fingerprint: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// At the centre: makes the municipality SLUG the centre's own tenant — its staff get
    /// the comparison across sites (`…/reports/standortvergleich`), shaped by its plugin.
    Tenant {
        /// The slug of the municipality created for the centre itself.
        slug: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// At the centre: removes a pending site whose fingerprint the site did not confirm (or
    /// an enrolment nobody asked for); the key may enrol again.
    Reject {
        /// The fingerprint, `sha256:…` or in groups of four as shown.
        fingerprint: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Where the host keeps its files.
#[derive(Debug, clap::Args)]
pub struct DataDirArgs {
    /// The host's data directory; the site key is kept in its `site-keys/`.
    #[arg(long, env = "QUARTIER_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
}

pub async fn run(command: FederationCommand) -> anyhow::Result<()> {
    match command {
        FederationCommand::Key { data } => {
            let (key, created) = SiteKey::load_or_create(&data.data_dir)?;
            println!("{}", describe(&key, created));
        }
        FederationCommand::Enrol { centre, name, data } => {
            let name = SiteId::try_from(name)?;
            let (key, _) = SiteKey::load_or_create(&data.data_dir)?;
            let outcome = enrolment::enrol(&centre, &name, &key, &data.data_dir).await?;
            println!("{}", describe_enrolment(&outcome));
        }
        FederationCommand::Sites { db } => {
            let db = db.open().await?;
            let all = sites::list(&db).await?;
            if all.is_empty() {
                println!("Keine Standorte angemeldet.");
            }
            for site in &all {
                println!("{}\n", describe_site(site));
            }
        }
        FederationCommand::Accept { fingerprint, db } => {
            let db = db.open().await?;
            let site = sites::accept(&db, &fingerprint).await?;
            println!(
                "Standort {} bestätigt; seine Austauschpakete werden ab jetzt angenommen.\n{}",
                site.name,
                describe_site(&site)
            );
        }
        FederationCommand::Tenant { slug, db } => {
            let db = db.open().await?;
            let tenant = comparison::tenant::set(&db, &slug).await?;
            println!(
                "{} ({}) ist die Kommune der Servicestelle; ihre Mitarbeitenden erhalten den \
                 Standortvergleich.",
                tenant.name, tenant.slug
            );
        }
        FederationCommand::Reject { fingerprint, db } => {
            let db = db.open().await?;
            let site = sites::reject(&db, &fingerprint).await?;
            println!(
                "Anmeldung von {} entfernt; von diesem Schlüssel wird nichts angenommen.",
                site.name
            );
        }
    }
    Ok(())
}

/// An enrolment's outcome for the person at the site, in German.
fn describe_enrolment(outcome: &enrolment::Outcome) -> String {
    format!(
        "Bei der Servicestelle {} angemeldet; die Anmeldung wartet auf Bestätigung.\n\n\
         Fingerabdruck dieses Standorts (SHA-256):\n    {}\n\
         Fingerabdruck der Servicestelle (SHA-256):\n    {}\n\n\
         Vergleichen Sie beide Fingerabdrücke mit der Servicestelle auf einem zweiten Weg \
         (Telefon, Brief). Erst wenn beide übereinstimmen, bestätigt die Servicestelle den \
         Standort (quartier federation accept). Der Schlüssel der Servicestelle ist in {} \
         hinterlegt.",
        outcome.pinned.url,
        indented(outcome.site),
        indented(outcome.centre),
        outcome.path.display(),
    )
}

/// One enrolled site for the centre's operator, in German.
fn describe_site(site: &Site) -> String {
    let accepted = site
        .accepted_at
        .map(|at| format!(", bestätigt {}", at.0.format("%d.%m.%Y %H:%M UTC")))
        .unwrap_or_default();
    format!(
        "{} — {}{accepted} (angemeldet {})\n  {}\n  Fingerabdruck:\n    {}",
        site.name,
        site.state.label_de(),
        site.created_at.0.format("%d.%m.%Y %H:%M UTC"),
        site.fingerprint,
        sites::for_people(site).replace('\n', "\n    "),
    )
}

fn indented(key: SitePublicKey) -> String {
    key.fingerprint().for_people().replace('\n', "\n    ")
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

    #[test]
    fn an_enrolment_shows_both_fingerprints_to_compare() {
        let dir = std::env::temp_dir().join(format!("quartier-cli-enrol-{}", uuid::Uuid::now_v7()));
        let site = SiteKey::load_or_create(&dir.join("site"))
            .unwrap()
            .0
            .public();
        let centre = SiteKey::load_or_create(&dir.join("centre"))
            .unwrap()
            .0
            .public();
        let outcome = enrolment::Outcome {
            site,
            centre,
            pinned: enrolment::PinnedCentre {
                url: "https://servicestelle.example".into(),
                public_key: centre.to_base64(),
                fingerprint: centre.fingerprint().to_string(),
            },
            path: dir.join(enrolment::CENTRE_FILE),
        };
        let text = describe_enrolment(&outcome);
        assert!(text.starts_with("Bei der Servicestelle https://servicestelle.example angemeldet"));
        for key in [site, centre] {
            let first_line = key.fingerprint().for_people();
            let first_line = first_line.lines().next().unwrap();
            assert!(text.contains(first_line), "{text}");
        }
        assert!(text.contains("quartier federation accept"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
