//! A centre's database as after a year of exchange: its own tenant, 100 accepted sites and
//! four bundles of each (2024, 2025, 2025-H1, 2025-H2), stored as the inbox stores them.

use quartier::db::{Db, Id, Timestamp};
use quartier::federation::bundle::SiteId;
use quartier::federation::centre::comparison::tenant;
use quartier::federation::centre::sites;
use quartier::federation::site_key::SiteKey;
use serde_json::{Value, json};

/// How many sites the centre compares.
pub const SITES: u64 = 100;

/// Fills `db`; returns the number of bundles stored.
pub async fn centre(db: &Db, dir: &std::path::Path) -> anyhow::Result<u64> {
    quartier::network::create_municipality(db, "servicestelle", "Servicestelle").await?;
    tenant::set(db, "servicestelle").await?;
    let mut stored = 0;
    for n in 0..SITES {
        let name = format!("standort-{n:03}");
        let key_dir = dir.join("keys").join(&name);
        let (key, _) = SiteKey::load_or_create(&key_dir)?;
        let site = sites::enrol(db, &SiteId::try_from(name.clone())?, key.public()).await?;
        let site = sites::accept(db, &site.fingerprint).await?;
        for (sequence, period) in ["2024", "2025-H1", "2025-H2", "2025"].iter().enumerate() {
            let sequence = sequence as u64 + 1;
            let bundle = bundle(&name, sequence, period, n);
            sqlx::query(
                "INSERT INTO federation_bundles
                   (message_id, site_id, sequence, period, municipality, bundle, received_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(Id::new().to_string())
            .bind(site.id)
            .bind(sequence as i64)
            .bind(*period)
            .bind(&name)
            .bind(bundle.to_string())
            .bind(Timestamp::now())
            .execute(&db.pool)
            .await?;
            stored += 1;
        }
    }
    Ok(stored)
}

/// A bundle of about 2 KB with every catalogue filled; cells of small sites suppressed.
pub fn bundle(site: &str, sequence: u64, period: &str, n: u64) -> Value {
    // Every seventh site is small: its rarer counts are `null`.
    let small = n % 7 == 0;
    let count = |base: u64| {
        if small && base < 10 {
            Value::Null
        } else {
            json!(base + n % 5)
        }
    };
    let entries = |keys: &[&str]| -> Value {
        keys.iter()
            .enumerate()
            .map(|(i, key)| json!({"key": key, "count": count(3 + 4 * i as u64)}))
            .collect()
    };
    let bodies = [
        "stadtteilkonferenz",
        "runder_tisch",
        "lenkungsgruppe",
        "jury",
        "beirat",
    ];
    let fields = [
        "wohnen",
        "bildung",
        "soziales",
        "gesundheit",
        "umwelt",
        "kultur",
        "sport",
        "integration",
    ];
    let kinds = [
        "verein",
        "traeger_wohlfahrtspflege",
        "kita",
        "schule",
        "initiative",
        "kirche",
    ];
    json!({
        "format": 1, "site": site, "municipality": site, "area": null,
        "period": period, "sequence": sequence, "threshold": 5,
        "figures": {
            "bodies": {"by_kind": entries(&bodies), "total": if small { Value::Null } else { json!(40) }},
            "meetings_held": count(30),
            "attendance": {"present": count(300), "excused": count(40), "absent": count(6), "total": count(346)},
            "funds": {
                "applications_received": count(60), "applications_approved": count(45),
                "decided_cents": 4_500_000 + n as i64, "payouts": count(40), "paid_cents": 3_900_000
            },
            "concerns": {"received": count(200), "answered": count(180), "median_days_to_feedback": 6.5},
            "projects": {"by_field_of_action": entries(&fields), "by_state": entries(&["laufend", "abgeschlossen"]), "total": count(120)},
            "network": {"organisations": {"by_kind": entries(&kinds), "total": count(80)}, "memberships": count(150), "persons": count(120)}
        }
    })
}
