//! `quartier federation`: the exchange with a service centre (`federation`). On a site:
//! the site key (`key`), enrolment at a centre (`enrol`), which prints both fingerprints
//! for people to compare, closing a period into the outbox (`close`), the outbox's state
//! (`outbox`), and rotating the key (`rotate-key`), which the former key vouches for. At
//! the centre: the enrolled sites (`sites`) and accepting one
//! after comparing its fingerprint (`accept`) — before that nothing of it is trusted — or
//! removing a pending one nobody confirmed (`reject`); naming the centre's own tenant, whose
//! staff get the comparison across sites (`tenant`).

use std::path::PathBuf;

use crate::config::DbArgs;
use crate::db::{Date, Timestamp};
use crate::federation::bundle::SiteId;
use crate::federation::centre::calendar;
use crate::federation::centre::comparison;
use crate::federation::centre::signers::{self, PreviousKey};
use crate::federation::centre::sites::{self, Site};
use crate::federation::closing::{self, Closing};
use crate::federation::period::ExchangePeriod;
use crate::federation::site_key::{SiteKey, SitePublicKey};
use crate::federation::suppression::Threshold;
use crate::federation::{announce, enrolment, outbox};

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
    /// On a site: closes a municipality's year or half-year after its last day and puts its
    /// exchange bundle into the outbox, in one transaction; `serve` delivers it.
    Close {
        /// The municipality's slug.
        #[arg(long)]
        municipality: String,
        /// The period: a year (`2026`) or a half-year (`2026-H1`, `2026-H2`). A year goes
        /// either whole or in halves, never both.
        #[arg(long, value_name = "ZEITRAUM")]
        period: ExchangePeriod,
        /// Counts from 1 to one less than this are suppressed (at least 5).
        #[arg(long, default_value = "5", value_parser = threshold)]
        threshold: Threshold,
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        data: DataDirArgs,
    },
    /// On a site: the outbox — each bundle with its period, state, attempts and the last
    /// error.
    Outbox {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Replaces the site key: announces a new one to the service centre, signed with the
    /// current one, and signs with it once the centre took it. The former key stays valid
    /// at the centre for an overlap of seven days. A rerun after an interruption finishes
    /// the same rotation instead of starting another.
    RotateKey {
        /// Start a further rotation although the last one is still within its overlap
        /// (its former key is then no longer taken).
        #[arg(long)]
        again: bool,
        #[command(flatten)]
        data: DataDirArgs,
    },
    /// At the centre: lists the enrolled sites with state and fingerprint, and a previous
    /// key still taken after a rotation with the end of its overlap.
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
    /// At the centre: reads the accepted site's public meetings for the joint calendar from
    /// its OParl address (the `System`, e.g. `https://quartier.aachen.de/oparl/v1/system`),
    /// as the site's operator gave it.
    CalendarSource {
        /// The site's name, as enrolled.
        #[arg(long)]
        site: String,
        /// The site's OParl `System` address.
        #[arg(long)]
        url: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// At the centre: reads every site's calendar now (`serve --centre` does it every
    /// 15 minutes).
    CalendarRefresh {
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
        FederationCommand::Close {
            municipality,
            period,
            threshold,
            db,
            data,
        } => {
            let centre = enrolment::pinned(&data.data_dir)?.ok_or_else(|| {
                anyhow::anyhow!(
                    "Dieser Standort ist bei keiner Servicestelle angemeldet (quartier federation \
                     enrol); ohne Anmeldung wird kein Zeitraum abgeschlossen."
                )
            })?;
            let db = db.open().await?;
            let closing = Closing {
                municipality,
                period,
                site: centre.site,
                threshold,
            };
            let closed = closing::close(&db, &closing, Date::today()).await?;
            println!(
                "Zeitraum {period} für {} abgeschlossen; Austauschpaket Nr. {} wartet im \
                 Postausgang auf Zustellung an {}.",
                closed.bundle.municipality, closed.bundle.sequence, centre.url
            );
        }
        FederationCommand::Outbox { db } => {
            let db = db.open().await?;
            let rows = outbox::list(&db).await?;
            if rows.is_empty() {
                println!("Der Postausgang ist leer.");
            }
            for row in &rows {
                println!("{}", describe_outbox_row(row));
            }
        }
        FederationCommand::RotateKey { again, data } => {
            let outcome = announce::rotate_key(&data.data_dir, again).await?;
            println!("{}", describe_rotation(&outcome));
        }
        FederationCommand::Sites { db } => {
            let db = db.open().await?;
            let all = sites::list(&db).await?;
            if all.is_empty() {
                println!("Keine Standorte angemeldet.");
            }
            let mut conn = db.pool.acquire().await?;
            for site in &all {
                let previous = signers::in_overlap(&mut conn, site.id, Timestamp::now()).await?;
                println!("{}\n", describe_site(site, &previous));
            }
        }
        FederationCommand::Accept { fingerprint, db } => {
            let db = db.open().await?;
            let site = sites::accept(&db, &fingerprint).await?;
            println!(
                "Standort {} bestätigt; seine Austauschpakete werden ab jetzt angenommen.\n{}",
                site.name,
                describe_site(&site, &[])
            );
        }
        FederationCommand::CalendarSource { site, url, db } => {
            let db = db.open().await?;
            let source = calendar::store::set_source(&db, &site, &url).await?;
            println!(
                "Der Kalender von {} wird aus {} gelesen (beim nächsten Abgleich, oder jetzt \
                 mit quartier federation calendar-refresh).",
                source.site, source.system_url
            );
        }
        FederationCommand::CalendarRefresh { db } => {
            let db = db.open().await?;
            let refreshed = calendar::refresh(&db).await?;
            if refreshed.is_empty() {
                println!("Für keinen Standort ist eine OParl-Adresse eingetragen.");
            }
            let mut failed = 0;
            for site in &refreshed {
                match &site.outcome {
                    Ok(n) => println!("{}: {n} Sitzungen im Kalender", site.site),
                    Err(e) => {
                        failed += 1;
                        println!("{}: nicht gelesen — {e}", site.site);
                    }
                }
            }
            anyhow::ensure!(
                failed == 0,
                "{failed} von {} Kalendern nicht gelesen",
                refreshed.len()
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

/// The `--threshold` argument.
fn threshold(text: &str) -> Result<Threshold, String> {
    let n: u64 = text
        .parse()
        .map_err(|_| format!("„{text}“ ist keine Zahl."))?;
    Threshold::new(n).map_err(|e| e.to_string())
}

/// One bundle of the outbox for the site's operator, in German.
fn describe_outbox_row(row: &outbox::Row) -> String {
    let sent = row
        .sent_at
        .map(|at| format!(", zugestellt {}", at.0.format("%d.%m.%Y %H:%M UTC")))
        .unwrap_or_default();
    let error = row
        .last_error
        .as_deref()
        .map(|e| format!("\n    letzter Fehler: {e}"))
        .unwrap_or_default();
    format!(
        "Nr. {} — {} {}: {}{sent}, {} Versuch(e){error}",
        row.sequence,
        row.municipality,
        row.period,
        row.state.label_de(),
        row.attempts,
    )
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

/// A rotation's outcome for the person at the site, in German.
fn describe_rotation(outcome: &announce::Outcome) -> String {
    let (heading, again) = if outcome.confirmed_again {
        (
            "Der Schlüsselwechsel war bereits abgeschlossen; die Servicestelle hat den \
             aktuellen Schlüssel erneut bestätigt",
            " Einen weiteren Wechsel vor diesem Zeitpunkt startet \
             quartier federation rotate-key --again.",
        )
    } else {
        (
            "Standortschlüssel gewechselt; die Servicestelle hat den neuen Schlüssel übernommen",
            "",
        )
    };
    format!(
        "{heading} ({}).\n\n\
         Bisheriger Schlüssel (SHA-256):\n    {}\n\
         Neuer Schlüssel (SHA-256):\n    {}\n\n\
         Der Standort signiert ab jetzt mit dem neuen Schlüssel ({}). Der bisherige hat ihn \
         bei der Servicestelle bestätigt; ein erneuter Vergleich der Fingerabdrücke ist nicht \
         nötig. Mit dem bisherigen Schlüssel signierte Austauschpakete nimmt die \
         Servicestelle noch bis {} an; danach wird seine Datei bei der nächsten Verwendung \
         des Standortschlüssels gelöscht.{again}",
        outcome.centre,
        indented(outcome.former),
        indented(outcome.current),
        outcome.path.display(),
        outcome.former_until.format("%d.%m.%Y %H:%M UTC"),
    )
}

/// One enrolled site for the centre's operator, in German, with its previous keys still
/// taken.
fn describe_site(site: &Site, previous: &[PreviousKey]) -> String {
    let accepted = site
        .accepted_at
        .map(|at| format!(", bestätigt {}", at.0.format("%d.%m.%Y %H:%M UTC")))
        .unwrap_or_default();
    let mut text = format!(
        "{} — {}{accepted} (angemeldet {})\n  {}\n  Fingerabdruck:\n    {}",
        site.name,
        site.state.label_de(),
        site.created_at.0.format("%d.%m.%Y %H:%M UTC"),
        site.fingerprint,
        sites::for_people(site).replace('\n', "\n    "),
    );
    for key in previous {
        let fingerprint = SitePublicKey::from_base64(&key.public_key)
            .map_or_else(|| key.fingerprint.clone(), indented);
        text.push_str(&format!(
            "\n  Vorheriger Schlüssel, angenommen bis {}:\n    {fingerprint}",
            key.valid_until.0.format("%d.%m.%Y %H:%M UTC"),
        ));
    }
    text
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
                site: SiteId::try_from("aachen".to_owned()).unwrap(),
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

    /// Two public keys from fresh key directories under `dir`.
    fn two_keys(dir: &std::path::Path) -> [SitePublicKey; 2] {
        ["a", "b"].map(|name| SiteKey::load_or_create(&dir.join(name)).unwrap().0.public())
    }

    fn first_line(key: SitePublicKey) -> String {
        let text = key.fingerprint().for_people();
        text.lines().next().unwrap().to_owned()
    }

    #[test]
    fn a_rotation_shows_both_fingerprints_and_until_when_the_former_key_is_taken() {
        use chrono::TimeZone;
        let dir =
            std::env::temp_dir().join(format!("quartier-cli-rotate-{}", uuid::Uuid::now_v7()));
        let [former, current] = two_keys(&dir);
        let mut outcome = announce::Outcome {
            centre: "https://servicestelle.example".into(),
            former,
            current,
            path: dir.join("b/site-keys/site-key-20261205T020000Z.pem"),
            former_until: chrono::Utc
                .with_ymd_and_hms(2026, 12, 12, 10, 0, 0)
                .unwrap(),
            confirmed_again: false,
        };
        let text = describe_rotation(&outcome);
        assert!(text.starts_with("Standortschlüssel gewechselt"), "{text}");
        let former_at = text.find(&first_line(former)).unwrap();
        let current_at = text.find(&first_line(current)).unwrap();
        assert!(former_at < current_at, "the former key first: {text}");
        assert!(text.contains("noch bis 12.12.2026 10:00 UTC an"), "{text}");
        assert!(!text.contains("--again"));
        outcome.confirmed_again = true;
        let text = describe_rotation(&outcome);
        assert!(text.starts_with("Der Schlüsselwechsel war bereits abgeschlossen"));
        assert!(text.contains("quartier federation rotate-key --again"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_operator_sees_a_previous_key_with_the_end_of_its_overlap() {
        use chrono::TimeZone;
        let dir = std::env::temp_dir().join(format!("quartier-cli-sites-{}", uuid::Uuid::now_v7()));
        let [former, current] = two_keys(&dir);
        let site = Site {
            id: crate::db::Id::new(),
            name: "aachen".into(),
            public_key: current.to_base64(),
            fingerprint: current.fingerprint().to_string(),
            state: sites::SiteState::Accepted,
            created_at: Timestamp::now(),
            accepted_at: Some(Timestamp::now()),
        };
        let previous = PreviousKey {
            site_id: site.id,
            public_key: former.to_base64(),
            fingerprint: former.fingerprint().to_string(),
            valid_until: Timestamp(
                chrono::Utc
                    .with_ymd_and_hms(2026, 12, 12, 10, 0, 0)
                    .unwrap(),
            ),
        };
        assert!(!describe_site(&site, &[]).contains("Vorheriger"));
        let text = describe_site(&site, &[previous]);
        let (now, before) = text.split_once("Vorheriger Schlüssel").unwrap();
        assert!(now.contains(&first_line(current)), "{text}");
        assert!(
            before.starts_with(", angenommen bis 12.12.2026 10:00 UTC:"),
            "{text}"
        );
        assert!(before.contains(&first_line(former)), "{text}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
