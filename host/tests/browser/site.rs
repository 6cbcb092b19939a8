//! The host a browser test talks to: served on a free port from a fresh SQLite file, with
//! a municipality whose QM, jury member, concern, application and meeting the tests look
//! for. Seeded through the library and the JSON API, as staff would.

use std::path::{Path, PathBuf};

use quartier::auth::Role;
use quartier::auth::credentials::{self, NewUser, TokenLifetime};
use quartier::config::{CentreSettings, Settings};
use quartier::db::{Db, Id, Timestamp};
use quartier::federation::bundle::SiteId;
use quartier::federation::centre::sites;
use quartier::federation::enrolment::{self, PinnedCentre};
use quartier::federation::shared::outbox::{self, Delivered};
use quartier::federation::site_key::SiteKey;
use serde_json::{Value, json};

/// The password of every user of the test site.
pub const PASSWORD: &str = "Quartier-Browser-2026";
/// The year of the site's fund: far ahead, so the resident's form offers it in every year the
/// tests run (it offers the funds of this year and later).
pub const FUND_YEAR: i32 = 2100;

/// A host on a free port with a seeded municipality: users `qm-aachen`, `koordination-aachen` and `jury-aachen`
/// (password [`PASSWORD`]), a concern just in, an application waiting for the jury's
/// decision, and a meeting of the jury.
#[derive(Clone)]
pub struct Site {
    pub base: String,
    db: Db,
    file: PathBuf,
    /// The reference of the concern the QM sees on the start page.
    pub concern: String,
    /// The reference of the application the jury sees.
    pub application: String,
}

impl Site {
    pub async fn start() -> anyhow::Result<Site> {
        let dir = std::env::temp_dir().join("quartier-browser-tests");
        std::fs::create_dir_all(&dir)?;
        let file = dir.join(format!("{}.db", uuid::Uuid::now_v7().simple()));
        let url = format!("sqlite://{}", file.display());
        let db = Db::connect(&url, 4).await?;
        db.migrate().await?;
        // The production settings: `Secure` cookies with the `__Host-` prefix, which
        // Chromium keeps for http://127.0.0.1 as for any HTTPS site.
        let app = quartier::app::router(db.clone(), Settings::for_database(&url));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        tokio::spawn(quartier::app::serve(listener, app, std::future::pending()));

        let municipality =
            quartier::network::create_municipality(&db, "aachen", "Stadt Aachen").await?;
        let organisation = Id::new();
        sqlx::query(
            "INSERT INTO organisations (id, name, kind, version, created_at, updated_at)
             VALUES ($1, 'AWO Kreisverband', 'traeger_wohlfahrtspflege', 1, $2, $2)",
        )
        .bind(organisation)
        .bind(Timestamp::now())
        .execute(&db.pool)
        .await?;
        for (username, display_name, role, org) in [
            ("qm-aachen", "Miriam Schöller", Role::Qm, None),
            (
                "koordination-aachen",
                "Karl Koordinator",
                Role::Coordinator,
                None,
            ),
            (
                "jury-aachen",
                "Jens Jurymitglied",
                Role::Jury,
                Some(organisation),
            ),
        ] {
            credentials::upsert_user(
                &db,
                NewUser {
                    username,
                    display_name,
                    role,
                    municipality_id: Some(municipality),
                    organisation_id: org,
                    password: Some(PASSWORD),
                },
            )
            .await?;
        }
        let token = credentials::issue_token(&db, "qm-aachen", "test", TokenLifetime::default())
            .await?
            .secret;
        let api = Api {
            client: reqwest::Client::new(),
            base: format!("{base}/api/v1/municipalities/aachen"),
            token,
        };
        let jury = api
            .send("POST", "/bodies", json!({"kind": "aktionsfondsjury", "name": "Aktionsfondsjury Ost", "public": false}), None)
            .await?;
        let jury = jury["id"].as_str().unwrap_or_default().to_owned();
        api.send(
            "POST",
            &format!("/bodies/{jury}/memberships"),
            json!({"organisation_id": organisation, "role": "mitglied", "voting_right": true}),
            None,
        )
        .await?;
        let fund = api
            .send(
                "POST",
                "/funds",
                json!({"kind": "aktionsfonds", "name": format!("Aktionsfonds Ost {FUND_YEAR}"),
                "year": FUND_YEAR, "budget_cents": 1_000_000, "deciding_body_id": jury}),
                None,
            )
            .await?;
        let fund = fund["id"].as_str().unwrap_or_default().to_owned();
        let application = api
            .send(
                "POST",
                &format!("/funds/{fund}/applications"),
                json!({
                    "title": "Sommerfest am Lindenplatz",
                    "description": "Ein Fest für die Nachbarschaft mit Musik, Spielen und Kuchen.",
                    "amount_cents": 80_000,
                    "cofinancing_cents": 0,
                    "participation": "Anwohnerinnen und Anwohner bauen die Stände selbst auf.",
                    "target_group": "Familien im Quartier",
                    "schedule": {"start": format!("{FUND_YEAR}-06-01"), "end": format!("{FUND_YEAR}-06-15")},
                    "applicant": {"kind": "initiative", "name": "Elterninitiative", "members": 6}
                }),
                None,
            )
            .await?;
        let id = application["id"].as_str().unwrap_or_default().to_owned();
        api.send(
            "POST",
            &format!("/fund-applications/{id}/transitions"),
            json!({"to": "in_pruefung"}),
            Some("*"),
        )
        .await?;
        let concern = api
            .send(
                "POST",
                "/concerns",
                json!({
                    "category": "wilder_muell",
                    "text": "Seit zwei Wochen liegt Sperrmüll neben den Altglascontainern.",
                    "location": {"description": "Ecke Lindenstraße/Birkenweg"}
                }),
                None,
            )
            .await?;
        api.send(
            "POST",
            "/meetings",
            json!({"body_id": jury, "title": "Jurysitzung Frühjahr",
                   "starts_at": "2030-03-05T17:00:00Z", "location": "Stadtteilbüro Ost"}),
            None,
        )
        .await?;
        Ok(Site {
            base,
            db,
            file,
            concern: concern["reference"].as_str().unwrap_or_default().to_owned(),
            application: application["reference"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        })
    }

    /// Gives Aachen its plugin (uploaded and activated as the coordination would) and lets a
    /// resident report wild rubbish through the public API, so the plugin proposes a
    /// department; answers the concern's id and the resident's status token.
    pub async fn routed_concern(&self) -> anyhow::Result<(String, String)> {
        let client = reqwest::Client::new();
        let api = format!("{}/api/v1/municipalities/aachen", self.base);
        let coordination = credentials::issue_token(
            &self.db,
            "koordination-aachen",
            "test",
            TokenLifetime::default(),
        )
        .await?
        .secret;
        let bytes = quartier_plugin_components::get("quartier_plugin_aachen")
            .ok_or_else(|| anyhow::anyhow!("the Aachen plugin was not built"))?
            .to_vec();
        let uploaded: Value = client
            .post(format!("{api}/plugins"))
            .bearer_auth(&coordination)
            .header("content-type", "application/wasm")
            .body(bytes)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let version = uploaded["id"].as_str().unwrap_or_default();
        client
            .post(format!("{api}/plugins/{version}/activation"))
            .bearer_auth(&coordination)
            .send()
            .await?
            .error_for_status()?;
        let receipt: Value = client
            .post(format!("{api}/public/concerns"))
            .json(&json!({
                "category": "wilder_muell",
                "text": "Am Spielplatz Lindenplatz liegen seit Tagen Müllsäcke.",
                "location": {"description": "Lindenplatz, am Eingang des Spielplatzes"},
                "reporter": {"name": "Petra Beispiel", "email": "petra@example.org", "may_contact": true},
                "website": ""
            }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let token = receipt["status_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let listed: Value = client
            .get(format!("{api}/concerns?limit=1"))
            .bearer_auth(&coordination)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = listed["items"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        Ok((id, token))
    }

    /// A project of Aachen (a Maßnahme in `umsetzung`, led by the AWO) with a Leitziel, a Handlungsziel and
    /// two measurable targets, one measured once, as staff would set it up through the API;
    /// answers its id and the unmeasured target's id.
    pub async fn project(&self) -> anyhow::Result<(String, String)> {
        let api = self.api_as("qm-aachen").await?;
        let lead: Option<Id> =
            sqlx::query_scalar("SELECT id FROM organisations WHERE name = 'AWO Kreisverband'")
                .fetch_optional(&self.db.pool)
                .await?;
        let created = api
            .send(
                "POST",
                "/projects",
                json!({
                    "title": "Quartierspark Ost",
                    "lead_organisation_id": lead,
                    "description": "Der Park am Lindenplatz wird mit den Anwohnenden neu gestaltet.",
                    "field_of_action": "wohnumfeld",
                    "budget_cents": 2_500_000,
                    "starts_on": "2026-01-01",
                    "ends_on": "2027-12-31"
                }),
                None,
            )
            .await?;
        let id = created["id"].as_str().unwrap_or_default().to_owned();
        let planned = api
            .send(
                "PUT",
                &format!("/projects/{id}/goals"),
                json!([{
                    "title": "Das Wohnumfeld ist lebenswert",
                    "handlungsziele": [{
                        "title": "Mehr Menschen nutzen den Quartierspark",
                        "targets": [
                            {"indicator": "Besuchende pro Woche", "unit": "Personen",
                             "baseline": 100, "target_value": 300, "deadline": "2027-06-30"},
                            {"indicator": "Gepflanzte Bäume", "unit": "Bäume",
                             "target_value": 40, "deadline": "2027-12-31"}
                        ]
                    }]
                }]),
                Some("*"),
            )
            .await?;
        let targets = &planned["goals"][0]["handlungsziele"][0]["targets"];
        let trees = targets[1]["id"].as_str().unwrap_or_default().to_owned();
        api.send(
            "POST",
            &format!("/projects/{id}/measurements"),
            json!({"target_id": targets[0]["id"], "measured_on": "2026-06-30",
                   "actual_value": 150, "note": "Zählung am Parkeingang"}),
            None,
        )
        .await?;
        for to in ["konzept", "umsetzung"] {
            api.send(
                "POST",
                &format!("/projects/{id}/transitions"),
                json!({"to": to}),
                Some("*"),
            )
            .await?;
        }
        Ok((id, trees))
    }

    /// A running contract of Aachen with its steering body, the municipality and the AWO as
    /// parties, and a quantitative and a qualitative target, not yet reviewed; answers its id.
    pub async fn contract(&self) -> anyhow::Result<String> {
        let api = self.api_as("qm-aachen").await?;
        let body = api
            .send(
                "POST",
                "/bodies",
                json!({"kind": "lenkungsgruppe", "name": "Lenkungsgruppe Soziale Stadt", "public": false}),
                None,
            )
            .await?;
        let organisation: Option<Id> =
            sqlx::query_scalar("SELECT id FROM organisations WHERE name = 'AWO Kreisverband'")
                .fetch_optional(&self.db.pool)
                .await?;
        let contract = api
            .send(
                "POST",
                "/contracts",
                json!({
                    "title": "Kontrakt Quartiersmanagement Ost",
                    "subject": "Aufbau und Pflege des Netzwerks im Quartier",
                    "starts_on": "2020-01-01",
                    "ends_on": "2099-12-31",
                    "steering_body_id": body["id"],
                    "parties": [
                        {"role": "auftraggeber"},
                        {"organisation_id": organisation, "role": "auftragnehmer"}
                    ],
                    "targets": [
                        {"kind": "quantitativ", "indicator": "Sitzungen der Stadtteilkonferenz",
                         "unit": "Sitzungen", "target_value": 4, "deadline": "2026-12-31"},
                        {"kind": "qualitativ", "description": "Ein Verfügungsfonds ist eingerichtet.",
                         "deadline": "2026-06-30"}
                    ]
                }),
                None,
            )
            .await?;
        Ok(contract["id"].as_str().unwrap_or_default().to_owned())
    }

    /// A public Stadtteilkonferenz of Aachen with the AWO as a voting member, created as the
    /// coordination would through the API; answers its id.
    pub async fn conference(&self) -> anyhow::Result<String> {
        let api = self.api_as("koordination-aachen").await?;
        let body = api
            .send(
                "POST",
                "/bodies",
                json!({"kind": "stadtteilkonferenz", "name": "Stadtteilkonferenz Ost",
                       "public": true, "rhythm": "monatlich"}),
                None,
            )
            .await?;
        let id = body["id"].as_str().unwrap_or_default().to_owned();
        let organisation: Id =
            sqlx::query_scalar("SELECT id FROM organisations WHERE name = 'AWO Kreisverband'")
                .fetch_one(&self.db.pool)
                .await?;
        api.send(
            "POST",
            &format!("/bodies/{id}/memberships"),
            json!({"organisation_id": organisation, "role": "mitglied", "voting_right": true}),
            None,
        )
        .await?;
        Ok(id)
    }

    /// The Stadtteilkonferenz of [`Site::conference`] with an open join request of a new
    /// organisation, asked for by the coordination on its behalf; answers the body's id.
    pub async fn conference_with_request(&self) -> anyhow::Result<String> {
        let id = self.conference().await?;
        let api = self.api_as("koordination-aachen").await?;
        // Organisations belong to no municipality; the API names them at `/api/v1`.
        let organisation = Id::new();
        sqlx::query(
            "INSERT INTO organisations (id, name, kind, version, created_at, updated_at)
             VALUES ($1, 'Nachbarschaftsverein Ostviertel', 'verein', 1, $2, $2)",
        )
        .bind(organisation)
        .bind(quartier::db::Timestamp::now())
        .execute(&self.db.pool)
        .await?;
        api.send(
            "POST",
            &format!("/bodies/{id}/join-requests"),
            json!({"organisation_id": organisation,
                   "message": "Wir organisieren das Straßenfest und möchten in der Konferenz mitarbeiten."}),
            None,
        )
        .await?;
        Ok(id)
    }

    /// A second fund of [`FUND_YEAR`], 5.000 €, on which the jury's body advises and the QM
    /// decides (the base rule: no deciding body), created as the QM would; answers its id.
    /// Apart from [`Site::start`] so the resident's form offers one fund to the other tests.
    pub async fn advised_fund(&self) -> anyhow::Result<String> {
        let api = self.api_as("qm-aachen").await?;
        let jury: Id = sqlx::query_scalar("SELECT id FROM bodies WHERE kind = $1")
            .bind("aktionsfondsjury")
            .fetch_one(&self.db.pool)
            .await?;
        let fund = api
            .send(
                "POST",
                "/funds",
                json!({"kind": "verfuegungsfonds", "name": format!("Verfügungsfonds Ost {FUND_YEAR}"),
                       "year": FUND_YEAR, "budget_cents": 500_000, "advising_body_id": jury}),
                None,
            )
            .await?;
        Ok(fund["id"].as_str().unwrap_or_default().to_owned())
    }

    /// The JSON API of Aachen as `username` (a fresh token), as staff set things up.
    async fn api_as(&self, username: &str) -> anyhow::Result<Api> {
        let token = credentials::issue_token(&self.db, username, "test", TokenLifetime::default())
            .await?
            .secret;
        Ok(Api {
            client: reqwest::Client::new(),
            base: format!("{}/api/v1/municipalities/aachen", self.base),
            token,
        })
    }

    /// This site's database served a second time, enrolled at a service centre — a third
    /// server on the same database in centre mode — and accepted there, so the exchange page
    /// can release items and search the catalogue.
    pub async fn enrolled(&self) -> anyhow::Result<Enrolled> {
        let url = format!("sqlite://{}", self.file.display());
        let dir = self.federation_dir();
        let centre_key = SiteKey::load_or_create(&dir.join("centre"))?.0;
        let centre = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let centre_base = format!("http://{}", centre.local_addr()?);
        let mut settings = Settings::for_database(&url);
        settings.public_url = Some(centre_base.clone());
        settings.centre = Some(CentreSettings {
            public_key: centre_key.public().to_base64(),
        });
        let router = quartier::app::router(self.db.clone(), settings);
        tokio::spawn(quartier::app::serve(centre, router, std::future::pending()));

        let data = dir.join("site");
        let key = SiteKey::load_or_create(&data)?.0;
        let name = SiteId::try_from("aachen".to_owned())?;
        let outcome = enrolment::enrol(&centre_base, &name, &key, &data).await?;
        sites::accept(&self.db, &outcome.site.fingerprint().to_string()).await?;
        let mut settings = Settings::for_database(&url);
        settings.data_dir = Some(data);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let router = quartier::app::router(self.db.clone(), settings);
        tokio::spawn(quartier::app::serve(
            listener,
            router,
            std::future::pending(),
        ));
        Ok(Enrolled {
            base,
            db: self.db.clone(),
            pin: outcome.pinned,
            key,
        })
    }

    fn federation_dir(&self) -> PathBuf {
        self.file.with_extension("federation")
    }

    pub async fn remove(&self) {
        let _ = std::fs::remove_dir_all(self.federation_dir());
        self.db.pool.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.file.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(Path::new(&name));
        }
    }
}

/// The site enrolled at a centre ([`Site::enrolled`]): its address, and what its delivery
/// needs.
pub struct Enrolled {
    pub base: String,
    db: Db,
    pin: PinnedCentre,
    key: SiteKey,
}

impl Enrolled {
    /// Delivers every waiting shared item to the centre, as `serve`'s rounds would.
    pub async fn deliver(&self) -> anyhow::Result<()> {
        while outbox::deliver_once(&self.db, &self.pin, &self.key).await? != Delivered::Idle {}
        Ok(())
    }
}

/// The JSON API as the seeding staff user calls it.
struct Api {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn send(
        &self,
        method: &str,
        path: &str,
        body: Value,
        if_match: Option<&str>,
    ) -> anyhow::Result<Value> {
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body);
        if let Some(version) = if_match {
            request = request.header("if-match", version);
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        anyhow::ensure!(status.is_success(), "{path}: {status} {text}");
        Ok(serde_json::from_str(&text)?)
    }
}
