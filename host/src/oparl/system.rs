//! The OParl `System`: the entry point naming the version and the list of bodies.

use axum::Json;
use serde_json::{Value, json};

use super::base::Base;
use super::{OPARL_VERSION, oparl_type};

/// `GET /oparl/v1/system`
pub async fn system(base: Base) -> Json<Value> {
    Json(json!({
        "id": base.url("/system"),
        "type": oparl_type("System"),
        "oparlVersion": OPARL_VERSION,
        "name": "Quartier – Netzwerke des Quartiersmanagements",
        "body": base.url("/bodies"),
        "website": base.page("/"),
    }))
}
