//! The comparison across sites (*Standortvergleich*) as a report: the centre's
//! [`Comparison`] (assembled by `federation::centre::comparison`, which also decides who may
//! have it) shaped by the plugin of the centre's own tenant — `build-report` receives the
//! comparison instead of a dataset — or by the base report
//! (`base::standortvergleich`), and rendered by the same path as every report
//! (`produce::render_shaped`): the same formats, and the base report standing in with a
//! German notice when the plugin fails or its document cannot be rendered. Never
//! published: it is the centre's internal view.

use quartier_documents::Comparison;
use quartier_documents::comparison::{KIND, LABEL_DE};

use super::produce::{self, Asked, Material, Rendered, StandIn};
use super::render::{self, Cover};
use super::shape::{self, Shaped, Source};
use crate::db::Id;
use crate::error::Result;
use crate::rules::Rules;

/// A comparison shaped and ready to render.
#[derive(Debug)]
pub struct Compared {
    pub material: Comparing,
    pub shaped: Shaped,
}

/// The comparison and the centre's tenant it is made for.
#[derive(Debug)]
pub struct Comparing {
    /// The centre's tenant.
    pub municipality: Id,
    /// Its slug.
    pub slug: String,
    pub comparison: Comparison,
}

/// The comparison shaped by the plugin of the centre's tenant, or the base report.
pub async fn make(rules: &Rules, material: Comparing) -> Compared {
    let document = serde_json::to_value(&material.comparison).ok();
    let shaped = match shape::ask(rules, material.municipality, &material.slug, document).await {
        Ok(shaped) => shaped,
        Err(notice) => material.base_report(rules, notice).await,
    };
    Compared { material, shaped }
}

impl Comparing {
    /// The base report, with `notice` saying why it stands in.
    async fn base_report(&self, rules: &Rules, notice: Option<String>) -> Shaped {
        let labels = shape::labels(rules, self.municipality, &self.slug).await;
        let base = super::base::standortvergleich::build(&self.comparison, &labels);
        Shaped {
            title: base.title,
            sections: base.sections,
            source: Source::Host,
            notice,
        }
    }
}

impl Compared {
    /// The report as `asked` (see `produce::Made::render`).
    pub async fn render(self, rules: &Rules, asked: Asked<'_>) -> Result<Rendered> {
        produce::render_shaped(&self.material, rules, self.shaped, false, asked).await
    }
}

impl Material for Comparing {
    fn slug(&self) -> &str {
        &self.slug
    }

    /// `standortvergleich-2026-h1`.
    fn file_stem(&self) -> String {
        let period = render::csv::slug(&self.comparison.exchange_period);
        format!("{KIND}-{period}")
    }

    /// The centre, no area, the period's days.
    fn cover(&self, shaped: &Shaped) -> Cover {
        let comparison = &self.comparison;
        let period = comparison
            .period
            .from
            .parse()
            .ok()
            .zip(comparison.period.to.parse().ok())
            .and_then(|(from, to)| super::Period::new(from, to).ok())
            .map(produce::period_de)
            .unwrap_or_else(|| comparison.exchange_period.clone());
        Cover {
            title: shaped.title.clone(),
            kind: LABEL_DE.to_owned(),
            municipality: comparison.centre_name.clone(),
            area: None,
            period,
            created: produce::created_de(),
            notice: shaped.notice.clone(),
        }
    }

    fn base<'a>(&'a self, rules: &'a Rules, notice: String) -> StandIn<'a> {
        Box::pin(self.base_report(rules, Some(notice)))
    }
}
