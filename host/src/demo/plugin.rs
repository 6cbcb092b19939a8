//! The demo runs with Aachen's rule plugin (`plugins/aachen`) active, so routing, forms and
//! reports follow Aachen's concept from the first start. The component is built from the
//! checkout's source — the same path `quartier plugin build` takes — or given as a file.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::data;
use crate::config::PluginSettings;
use crate::db::{Db, Id};
use crate::plugin_registry::{self, Actor, Change};
use crate::rules::Rules;

/// The host crate of the checkout this binary was built from; the checkout is its parent
/// (absent when the binary was installed elsewhere).
const HOST_CRATE: &str = env!("CARGO_MANIFEST_DIR");

/// The Aachen plugin's component: `file` when given, else built from the checkout into
/// `out_dir`. `None` when neither exists.
pub fn component(file: Option<&Path>, out_dir: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let path = match file {
        Some(file) => file.to_path_buf(),
        None => {
            let Some(built) = build_from_checkout(out_dir)? else {
                return Ok(None);
            };
            built
        }
    };
    let bytes =
        std::fs::read(&path).with_context(|| format!("{} ist nicht lesbar", path.display()))?;
    Ok(Some(bytes))
}

fn build_from_checkout(out_dir: &Path) -> anyhow::Result<Option<PathBuf>> {
    let Some(checkout) = Path::new(HOST_CRATE).parent() else {
        return Ok(None);
    };
    let source = checkout.join("plugins").join("aachen");
    if !source.join("Cargo.toml").exists() {
        return Ok(None);
    }
    println!("Baue das Aachener Regel-Plugin aus {} …", source.display());
    println!("(beim ersten Mal einige Minuten, danach aus dem Zwischenspeicher)");
    std::fs::create_dir_all(out_dir)?;
    // The same target directory the host's own build uses for guests: a built checkout
    // needs no second compilation.
    let target = checkout.join("target").join("plugins");
    let out = out_dir.join("quartier_plugin_aachen.wasm");
    crate::plugins::scaffold::build(&source, Some(&target), Some(&out))?;
    Ok(Some(out))
}

/// Installs `component` for the demo municipality and activates it; returns the line to
/// print. The demo's reset removed any earlier version, so every run installs anew.
pub async fn activate(
    db: &Db,
    settings: PluginSettings,
    component: Vec<u8>,
) -> anyhow::Result<String> {
    let municipality: Id = sqlx::query_scalar("SELECT id FROM municipalities WHERE slug = $1")
        .bind(data::SLUG)
        .fetch_one(&db.pool)
        .await?;
    let rules = Rules::new(db.clone(), settings);
    let actor = Actor {
        id: None,
        label: "Demo".to_owned(),
    };
    let id = plugin_registry::install(&rules, municipality, data::SLUG, component, &actor)
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
