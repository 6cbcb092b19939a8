//! Two sites — one on SQLite, one on PostgreSQL — close periods with the operator's
//! command; each site's own `serve` delivers its outbox to the centre, which applies every
//! bundle once and in order. The centre then reads a site's calendar from its OParl, and a
//! site rotates its key while its `serve` keeps delivering.

use std::time::Duration;

use super::{Centre, Site};
use crate::host::{cli, on_postgres};

pub async fn two_sites_deliver_their_closed_periods_to_the_centre() -> anyhow::Result<()> {
    on_postgres(|postgres| async move {
        let centre = Centre::new(None)?;
        let _centre = centre.serve(&[]).await?;
        let a = Site::new("standort-a", None)?;
        let b = Site::new("standort-b", Some(postgres))?;
        a.enrol_at(&centre)?;
        b.enrol_at(&centre)?;
        let served_a = a.serve().await?;
        let _b = b.serve().await?;

        let printed = a.close("2025")?;
        anyhow::ensure!(
            printed.contains("Zeitraum 2025 für aachen abgeschlossen; Austauschpaket Nr. 1"),
            "{printed}"
        );
        b.close("2025-H1")?;
        b.close("2025-H2")?;
        let applied = centre.await_applied(3, Duration::from_secs(30)).await?;
        let expected = [
            ("standort-a", 1, "2025"),
            ("standort-b", 1, "2025-H1"),
            ("standort-b", 2, "2025-H2"),
        ]
        .map(|(site, sequence, period)| (site.to_owned(), sequence, period.to_owned()));
        anyhow::ensure!(applied == expected, "{applied:?}");

        // Closed is closed, a year goes whole or in halves, and only once it is over.
        let again = a.close_refused("2025")?;
        anyhow::ensure!(
            again.contains("bereits abgeschlossen (Paket Nr. 1)"),
            "{again}"
        );
        let whole = b.close_refused("2025")?;
        anyhow::ensure!(whole.contains("überschneidet sich"), "{whole}");
        let running = a.close_refused("2026")?;
        anyhow::ensure!(running.contains("endet erst am 31.12.2026"), "{running}");

        for site in [&a, &b] {
            let outbox = site.outbox().await?;
            anyhow::ensure!(
                outbox.iter().all(|(_, state, _, _)| state == "sent"),
                "{outbox:?}"
            );
            let listed = cli(&site.db, &["federation", "outbox"])?;
            anyhow::ensure!(listed.contains("zugestellt"), "{listed}");
        }
        // The centre reads site A's public calendar from A's OParl, process to process.
        let system = format!("{}/oparl/v1/system", served_a.base);
        let source = [
            "federation",
            "calendar-source",
            "--site",
            "standort-a",
            "--url",
            &system,
        ];
        cli(&centre.db, &source)?;
        let refreshed = cli(&centre.db, &["federation", "calendar-refresh"])?;
        anyhow::ensure!(
            refreshed.contains("standort-a: 0 Sitzungen im Kalender"),
            "{refreshed}"
        );
        // Site A rotates its key while its serve runs; the next bundle goes out signed with
        // the new key, which the former one vouched for.
        let data = a.dir.display().to_string();
        let rotated = cli(&a.db, &["federation", "rotate-key", "--data-dir", &data])?;
        anyhow::ensure!(
            rotated.contains("Standortschlüssel gewechselt"),
            "{rotated}"
        );
        // The former key's overlap ended: only the new key can get the next bundle in.
        centre.end_overlaps().await?;
        a.close("2024")?;
        let applied = centre.await_applied(4, Duration::from_secs(30)).await?;
        anyhow::ensure!(
            applied.contains(&("standort-a".to_owned(), 2, "2024".to_owned())),
            "{applied:?}"
        );
        let sites = cli(&centre.db, &["federation", "sites"])?;
        anyhow::ensure!(sites.matches("standort-a").count() >= 1, "{sites}");
        // Nothing more arrives: each bundle was applied once.
        tokio::time::sleep(Duration::from_secs(1)).await;
        anyhow::ensure!(centre.applied().await?.len() == 4);
        a.remove();
        b.remove();
        centre.remove();
        Ok(())
    })
    .await
}
