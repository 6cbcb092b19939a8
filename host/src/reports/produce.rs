//! Making a report: the request resolved (`request.rs`), the dataset assembled (`dataset/`),
//! the report shaped by the plugin or the base (`shape.rs`), suppressed for publication
//! when it will be public (`publish.rs`), and rendered in one format (`render/`). When the
//! plugin's document cannot be shown in the format asked for — too large for a page or a
//! PDF, or refused by the typesetter — the base report is rendered instead, with a German
//! notice that says so, never an error.

use chrono::Utc;
use quartier_documents::{Dataset, Section};

use super::format::ReportFormat;
use super::render::html::Download;
use super::render::view::View;
use super::render::{self, Cover, RenderError};
use super::shape::{self, Shaped, Source};
use super::{ReportScope, dataset, publish};
use crate::auth::Scope;
use crate::error::{Error, Result};
use crate::messages::Code;
use crate::rules::Rules;
use crate::state::AppState;

/// A report shaped and ready to render.
#[derive(Debug)]
pub struct Made {
    pub scope: ReportScope,
    pub dataset: Dataset,
    pub shaped: Shaped,
    /// Whether small counts were suppressed for a public audience.
    pub published: bool,
}

/// A rendered report: its bytes in `format`, a file name to save them under, and the title
/// of the report rendered (the base report's when it stood in for the plugin's).
#[derive(Debug)]
pub struct Rendered {
    pub format: ReportFormat,
    pub title: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl Rendered {
    /// An HTML `<article>` as a whole page of its own (the API's and the CLI's answer; the
    /// staff pages put the article in their frame). Other formats are unchanged.
    pub fn as_document(mut self) -> std::result::Result<Rendered, RenderError> {
        if self.format == ReportFormat::Html {
            let article = String::from_utf8_lossy(&self.bytes).into_owned();
            self.bytes = render::html::document(&self.title, article)?.into_bytes();
        }
        Ok(self)
    }
}

/// The links a rendered page offers: the PDF, the workbook and the JSON of the same report,
/// and each table's CSV, all at `base` (an address ending in the report's query) plus
/// `&format=…`. No links when `base` is `None`.
fn links(base: Option<&str>) -> (Vec<Download>, impl Fn(usize) -> Option<String> + Sync) {
    let downloads = base
        .map(|base| {
            [ReportFormat::Pdf, ReportFormat::Xlsx, ReportFormat::Json]
                .into_iter()
                .map(|f| Download {
                    label: f.label_de().to_owned(),
                    href: format!("{base}&format={}", f.as_str()),
                })
                .collect()
        })
        .unwrap_or_default();
    let base = base.map(str::to_owned);
    let csv = move |n: usize| base.as_ref().map(|b| format!("{b}&format=csv&table={n}"));
    (downloads, csv)
}

/// The report of `report` for the municipality of `caller`. Checks no rights.
pub async fn make(state: &AppState, caller: &Scope, report: ReportScope) -> Result<Made> {
    let matrix = crate::task_matrix::effective(state, caller).await?.matrix;
    let dataset = dataset::assemble_with_matrix(&state.db, &report, &matrix).await?;
    let shaped = shape::shape(&state.rules, &report, &dataset).await;
    Ok(Made {
        scope: report,
        dataset,
        shaped,
        published: false,
    })
}

impl Made {
    /// The report with counts below the threshold suppressed, also secondarily.
    pub fn for_publication(mut self) -> Made {
        self.shaped.sections = publish::for_publication(std::mem::take(&mut self.shaped.sections));
        self.published = true;
        self
    }

    /// What its title page says.
    pub fn cover(&self) -> Cover {
        Of(&self.scope, &self.dataset).cover(&self.shaped)
    }

    /// The stem of its file names: `jahresbericht-2026-stadt-aachen`.
    pub fn file_stem(&self) -> String {
        Of(&self.scope, &self.dataset).file_stem()
    }

    /// The report in `format`; CSV is one table (`table`, from 1). HTML is the report's
    /// `<article>` (see `render::html`) with links to its other formats at `links`
    /// ([`links`]). Typesetting runs on a blocking thread.
    pub async fn render(
        self,
        rules: &Rules,
        format: ReportFormat,
        table: Option<usize>,
        links: Option<&str>,
    ) -> Result<Rendered> {
        let asked = Asked {
            format,
            table,
            links,
        };
        let material = Of(&self.scope, &self.dataset);
        render_shaped(&material, rules, self.shaped, self.published, asked).await
    }
}

/// What a report is made of, as the one rendering path needs it: whose it is, its file
/// names, its title page, and the base report that stands in for the plugin's.
pub(crate) trait Material: Sync {
    /// The municipality's slug, for the log.
    fn slug(&self) -> &str;
    /// The stem of its file names.
    fn file_stem(&self) -> String;
    /// The title page of the report as `shaped`.
    fn cover(&self, shaped: &Shaped) -> Cover;
    /// The base report, with `notice` saying why it stands in.
    fn base<'a>(&'a self, rules: &'a Rules, notice: String) -> StandIn<'a>;
}

/// The base report being made to stand in for the plugin's.
pub(crate) type StandIn<'a> = std::pin::Pin<Box<dyn Future<Output = Shaped> + Send + 'a>>;

/// A municipality's report: what it is about and its dataset.
struct Of<'a>(&'a ReportScope, &'a Dataset);

impl Material for Of<'_> {
    fn slug(&self) -> &str {
        &self.0.slug
    }

    fn file_stem(&self) -> String {
        let scope = self.0;
        let period = scope.period;
        let years: Vec<i32> = period.calendar_years().collect();
        let when = match (years.first(), years.last()) {
            (Some(first), Some(last)) if first == last => first.to_string(),
            (Some(first), Some(last)) => format!("{first}-{last}"),
            _ => period.from().to_string(),
        };
        let area = scope.area.as_ref().map(|a| a.name.as_str());
        let place = area.unwrap_or(&scope.name);
        format!("{}-{when}-{}", scope.kind.key(), render::csv::slug(place))
    }

    fn cover(&self, shaped: &Shaped) -> Cover {
        let scope = self.0;
        Cover {
            title: shaped.title.clone(),
            kind: scope.kind.label_de().to_owned(),
            municipality: scope.name.clone(),
            area: scope.area.as_ref().map(|a| a.name.clone()),
            period: period_de(scope.period),
            created: created_de(),
            notice: shaped.notice.clone(),
        }
    }

    fn base<'a>(&'a self, rules: &'a Rules, notice: String) -> StandIn<'a> {
        Box::pin(shape::base_report(rules, self.0, self.1, Some(notice)))
    }
}

/// What a report is rendered as: the format, for CSV the table, and where its other
/// formats are linked from.
pub struct Asked<'a> {
    pub format: ReportFormat,
    pub table: Option<usize>,
    pub links: Option<&'a str>,
}

/// Renders `shaped` of `material` (suppressed for publication when `published`) as
/// `asked`; when the plugin's document cannot be rendered, the material's base report
/// stands in, with a notice. The one rendering path of every report kind.
pub(crate) async fn render_shaped(
    material: &impl Material,
    rules: &Rules,
    mut shaped: Shaped,
    published: bool,
    asked: Asked<'_>,
) -> Result<Rendered> {
    let Asked {
        format,
        table,
        links,
    } = asked;
    let (downloads, csv_href) = self::links(links);
    let (downloads, csv_href) = (&downloads[..], &csv_href);
    let stem = material.file_stem();
    let file_name = format!("{stem}.{}", format.extension());
    let cover = material.cover(&shaped);
    let first = render_sections(
        &shaped, cover, published, format, table, downloads, csv_href,
    )
    .await;
    let bytes = match first {
        Ok(bytes) => bytes,
        Err(Failure::Request(e)) => return Err(e),
        Err(Failure::Render(e)) if shaped.source == Source::Plugin => {
            tracing::warn!(error = %e, municipality = %material.slug(),
                "the plugin's report cannot be rendered; the base report stands in");
            let notice = format!("{NOTICE_UNRENDERABLE} ({})", e.reason_de());
            shaped = material.base(rules, notice).await;
            if published {
                shaped.sections = publish::for_publication(std::mem::take(&mut shaped.sections));
            }
            let cover = material.cover(&shaped);
            match render_sections(
                &shaped, cover, published, format, table, downloads, csv_href,
            )
            .await
            {
                Ok(bytes) => bytes,
                Err(Failure::Request(e)) => return Err(e),
                Err(Failure::Render(e)) => return Err(unrenderable(e)),
            }
        }
        Err(Failure::Render(e)) => return Err(unrenderable(e)),
    };
    let file_name = match (format, table) {
        (ReportFormat::Csv, Some(n)) => {
            let title = tables(&shaped).nth(n - 1).map(|t| t.title.clone());
            render::csv::file_name(&stem, n, &title.unwrap_or_default())
        }
        _ => file_name,
    };
    Ok(Rendered {
        format,
        title: shaped.title,
        file_name,
        bytes,
    })
}

fn tables(shaped: &Shaped) -> impl Iterator<Item = &quartier_documents::Table> {
    shaped.sections.iter().flat_map(|s| &s.tables)
}

/// A period on a title page: "01.01.2026 – 31.12.2026".
pub(crate) fn period_de(period: super::Period) -> String {
    format!(
        "{} – {}",
        render::number::date(&period.from().to_string()).unwrap_or_default(),
        render::number::date(&period.to().to_string()).unwrap_or_default()
    )
}

/// Today on a title page.
pub(crate) fn created_de() -> String {
    Utc::now().format("%d.%m.%Y").to_string()
}

/// Put before the renderer's reason when the plugin's report cannot be shown.
const NOTICE_UNRENDERABLE: &str = "Der Bericht des Plugins der Kommune kann in diesem Format \
     nicht dargestellt werden. Angezeigt wird der Grundbericht.";

enum Failure {
    /// The request asks for something the report does not have (a CSV table).
    Request(Error),
    /// The renderer refused the document.
    Render(RenderError),
}

fn unrenderable(e: RenderError) -> Error {
    match e {
        RenderError::TooLarge { .. } => Error::client(Code::ReportTooLarge),
        other => Error::Internal(anyhow::anyhow!("rendering the base report: {other}")),
    }
}

async fn render_sections(
    shaped: &Shaped,
    cover: Cover,
    published: bool,
    format: ReportFormat,
    table: Option<usize>,
    downloads: &[Download],
    csv_href: &(dyn Fn(usize) -> Option<String> + Sync),
) -> std::result::Result<Vec<u8>, Failure> {
    let sections: &[Section] = &shaped.sections;
    match format {
        ReportFormat::Json => {
            let document = serde_json::json!({
                "report": "document",
                "title": shaped.title,
                "sections": sections,
                "source": shaped.source,
                "notice": shaped.notice,
                "published": published,
            });
            serde_json::to_vec(&document).map_err(|e| Failure::Request(Error::Internal(e.into())))
        }
        ReportFormat::Csv => {
            let count = tables(shaped).count();
            let n = match table {
                Some(n) => n,
                None if count == 1 => 1,
                None => return Err(Failure::Request(Error::client(Code::ReportTableMissing))),
            };
            let table = n
                .checked_sub(1)
                .and_then(|i| tables(shaped).nth(i))
                .ok_or(Failure::Request(Error::client(Code::ReportTableUnknown)))?;
            Ok(render::csv::table(table))
        }
        ReportFormat::Xlsx => {
            let (cover, sections) = (cover, sections.to_vec());
            blocking(move || render::xlsx::workbook(&cover, &sections)).await
        }
        ReportFormat::Html => {
            render::check_size(sections).map_err(Failure::Render)?;
            let view = View::new(sections, csv_href);
            render::html::article(&cover, &view, downloads)
                .map(String::into_bytes)
                .map_err(Failure::Render)
        }
        ReportFormat::Pdf => {
            render::check_size(sections).map_err(Failure::Render)?;
            let view = View::new(sections, &|_| None);
            blocking(move || render::pdf::document(&cover, &view)).await
        }
    }
}

async fn blocking(
    work: impl FnOnce() -> std::result::Result<Vec<u8>, RenderError> + Send + 'static,
) -> std::result::Result<Vec<u8>, Failure> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(Failure::Render),
        Err(e) => Err(Failure::Request(Error::Internal(anyhow::anyhow!(
            "rendering a report panicked: {e}"
        )))),
    }
}
