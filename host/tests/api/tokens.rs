//! API tokens expire and can be revoked; either way the token's next request is refused with
//! 401 while the user's other tokens keep working.

use quartier::auth::credentials::{self, TokenLifetime};
use quartier::db::Timestamp;

use crate::support::TestApp;

crate::tests![
    an_expired_token_is_refused_with_401,
    a_revoked_token_is_refused_with_401_from_the_next_request_on,
];

async fn an_expired_token_is_refused_with_401(app: TestApp) {
    let token = credentials::issue_token(
        &app.db,
        "koordination-aachen",
        "skript",
        TokenLifetime::days(1).unwrap(),
    )
    .await
    .unwrap();
    let actors = app.a.api("/task-matrix/actors");
    app.get(&actors, Some(&token.secret)).await.expect(200);
    // A day later: the expiry has just passed.
    sqlx::query("UPDATE api_tokens SET expires_at = $1 WHERE id = $2")
        .bind(Timestamp(
            chrono::Utc::now() - chrono::TimeDelta::seconds(1),
        ))
        .bind(token.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let refused = app.get(&actors, Some(&token.secret)).await.expect(401);
    assert_eq!(refused.code(), "unauthenticated");
    app.get(&actors, Some(&app.a.coordinator)).await.expect(200);
}

async fn a_revoked_token_is_refused_with_401_from_the_next_request_on(app: TestApp) {
    let token = credentials::issue_token(
        &app.db,
        "koordination-aachen",
        "skript",
        TokenLifetime::default(),
    )
    .await
    .unwrap();
    let listed = credentials::list_tokens(&app.db, Some("koordination-aachen"))
        .await
        .unwrap();
    let entry = listed.iter().find(|t| t.id == token.id).unwrap();
    assert_eq!(entry.name, "skript");
    assert_eq!(
        entry.expires_at.map(Timestamp::to_db),
        Some(token.expires_at.to_db())
    );
    let everyone = credentials::list_tokens(&app.db, None).await.unwrap();
    assert!(everyone.iter().any(|t| t.id == token.id));
    assert!(
        everyone.iter().any(|t| t.username == "qm-berlin"),
        "without a user, every user's tokens"
    );
    let actors = app.a.api("/task-matrix/actors");
    app.get(&actors, Some(&token.secret)).await.expect(200);
    credentials::revoke_token(&app.db, token.id).await.unwrap();
    app.get(&actors, Some(&token.secret)).await.expect(401);
    app.get(&actors, Some(&app.a.coordinator)).await.expect(200);
    assert!(
        credentials::revoke_token(&app.db, token.id).await.is_err(),
        "revoked once"
    );
}
