//! The site's outbox (`federation::outbox`) delivering to a centre in the same test: in
//! order, once, and back-filled from the number the centre expects after a gap.

use std::time::SystemTime;

use quartier::federation::bundle::Bundle;
use quartier::federation::centre::sites::Site;
use quartier::federation::enrolment::PinnedCentre;
use quartier::federation::outbox::{self, Delivered};
use quartier::federation::site_key::SiteKey;

use crate::federation_centre::{accepted_site, bundle, centre_with_key, send, signed, stored};
use crate::support::TestApp;

crate::tests![
    pending_bundles_go_out_in_order_and_once,
    a_bundle_whose_answer_was_lost_is_acknowledged_as_a_duplicate,
    a_gap_at_the_centre_is_back_filled_from_the_expected_number,
    an_unreachable_centre_leaves_the_bundle_pending,
];

struct Setup {
    site: Site,
    key: SiteKey,
    pin: PinnedCentre,
    centre: TestApp,
}

async fn setup(app: &TestApp) -> Setup {
    let (centre, centre_key) = centre_with_key(app).await;
    let (site, key) = accepted_site(app, "aachen").await;
    let pin = PinnedCentre {
        url: centre.base.clone(),
        public_key: centre_key.public().to_base64(),
        fingerprint: centre_key.public().fingerprint().to_string(),
        site: "aachen".to_owned().try_into().unwrap(),
    };
    Setup {
        site,
        key,
        pin,
        centre,
    }
}

async fn enqueue(app: &TestApp, sequence: u64) {
    let bundle: Bundle = serde_json::from_value(bundle("aachen", sequence)).unwrap();
    let mut tx = app.db.begin().await.unwrap();
    outbox::enqueue(&mut tx, &bundle).await.unwrap();
    tx.commit().await.unwrap();
}

async fn next_sequence(app: &TestApp) -> u64 {
    let mut tx = app.db.begin().await.unwrap();
    outbox::next_sequence(&mut tx).await.unwrap().get()
}

async fn round(app: &TestApp, s: &Setup) -> Delivered {
    outbox::deliver_once(&app.db, &s.pin, &s.key).await.unwrap()
}

async fn pending(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT sequence FROM federation_outbox WHERE state = 'pending' ORDER BY sequence",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

async fn pending_bundles_go_out_in_order_and_once(app: TestApp) {
    let s = setup(&app).await;
    assert_eq!(next_sequence(&app).await, 1);
    for sequence in [1, 2, 3] {
        enqueue(&app, sequence).await;
    }
    assert_eq!(next_sequence(&app).await, 4);
    for sequence in [1, 2, 3] {
        let sent = Delivered::Sent {
            sequence,
            duplicate: false,
        };
        assert_eq!(round(&app, &s).await, sent);
    }
    assert_eq!(round(&app, &s).await, Delivered::Idle);
    assert_eq!(stored(&app, &s.site).await, [1, 2, 3]);
    assert_eq!(pending(&app).await, Vec::<i64>::new());
}

async fn a_bundle_whose_answer_was_lost_is_acknowledged_as_a_duplicate(app: TestApp) {
    let s = setup(&app).await;
    enqueue(&app, 1).await;
    // The centre applied it, but the site never heard back.
    let body: String =
        sqlx::query_scalar("SELECT bundle FROM federation_outbox WHERE sequence = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let request = signed(
        &s.centre,
        &s.key,
        body.as_bytes(),
        SystemTime::now(),
        "lost",
    );
    send(&s.centre, &request).await.expect(201);
    let sent = Delivered::Sent {
        sequence: 1,
        duplicate: true,
    };
    assert_eq!(round(&app, &s).await, sent);
    assert_eq!(stored(&app, &s.site).await, [1]);
    assert_eq!(pending(&app).await, Vec::<i64>::new());
}

async fn a_gap_at_the_centre_is_back_filled_from_the_expected_number(app: TestApp) {
    let s = setup(&app).await;
    for sequence in [1, 2] {
        enqueue(&app, sequence).await;
        round(&app, &s).await;
    }
    // The centre lost bundle 2 (restored from an older backup).
    sqlx::query("DELETE FROM federation_bundles WHERE site_id = $1 AND sequence = 2")
        .bind(s.site.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    enqueue(&app, 3).await;
    assert_eq!(round(&app, &s).await, Delivered::Requeued { from: 2 });
    assert_eq!(pending(&app).await, [2, 3]);
    for sequence in [2, 3] {
        let sent = Delivered::Sent {
            sequence,
            duplicate: false,
        };
        assert_eq!(round(&app, &s).await, sent);
    }
    assert_eq!(stored(&app, &s.site).await, [1, 2, 3]);
    assert_eq!(pending(&app).await, Vec::<i64>::new());
}

async fn an_unreachable_centre_leaves_the_bundle_pending(app: TestApp) {
    let mut s = setup(&app).await;
    // A port nobody listens on: bound, then released.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    s.pin.url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    enqueue(&app, 1).await;
    let Delivered::Failed { sequence, reason } = round(&app, &s).await else {
        panic!("delivered to nobody");
    };
    assert_eq!(sequence, 1);
    assert!(reason.starts_with("nicht erreichbar"), "{reason}");
    assert_eq!(pending(&app).await, [1]);
    let (attempts, last_error): (i64, Option<String>) =
        sqlx::query_as("SELECT attempts, last_error FROM federation_outbox WHERE sequence = 1")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((attempts, last_error), (1, Some(reason)));
}
