//! The demo runs with Aachen's rule plugin (`plugins/aachen`) active, so routing, forms and
//! reports follow Aachen's concept from the first start. The component is built from source
//! with this binary and embedded in it (`quartier-plugin-components`), so the demo needs no
//! compiler at run time and also starts from a binary copied to another machine; `--plugin`
//! names another build instead.

use std::path::Path;

use anyhow::Context;

use super::data;
use crate::config::PluginSettings;
use crate::db::{Db, Id};
use crate::plugin_registry::{self, Actor, Change};
use crate::rules::Rules;

/// The Aachen plugin's component: `file` when given, else the one embedded in this binary.
pub fn component(file: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match file {
        Some(file) => {
            std::fs::read(file).with_context(|| format!("{} ist nicht lesbar", file.display()))
        }
        None => Ok(quartier_plugin_components::QUARTIER_PLUGIN_AACHEN.to_vec()),
    }
}

/// Installs `component` for the demo municipality and activates it; returns the line to
/// print. The demo's reset removed any earlier version, so every run installs anew.
pub async fn activate(
    db: &Db,
    settings: PluginSettings,
    component: Vec<u8>,
) -> anyhow::Result<String> {
    activate_for(db, settings, data::SLUG, component).await
}

/// Installs `component` for municipality `slug` and activates it (also for benchmarks that
/// set up a neighbour of the demo); returns the line to print.
pub async fn activate_for(
    db: &Db,
    settings: PluginSettings,
    slug: &str,
    component: Vec<u8>,
) -> anyhow::Result<String> {
    let municipality: Id = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(slug)
        .fetch_one(&db.pool)
        .await?;
    let rules = Rules::new(db.clone(), settings);
    let actor = Actor {
        id: None,
        label: "Demo".to_owned(),
    };
    let id = plugin_registry::install(&rules, municipality, slug, component, &actor)
        .await
        .map_err(|e| anyhow::anyhow!("{} ({})", e.message_de(), e.code()))?;
    plugin_registry::change(db, municipality, Change::Activate(id), &actor).await?;
    let version = plugin_registry::load(db, municipality, id).await?;
    Ok(format!(
        "Regel-Plugin aktiv: {} {} (Hooks: {})",
        version.name,
        version.version,
        version.hooks.join(", ")
    ))
}
