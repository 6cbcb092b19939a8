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
        let period = self.scope.period;
        Cover {
            title: self.shaped.title.clone(),
            kind: self.scope.kind.label_de().to_owned(),
            municipality: self.scope.name.clone(),
            area: self.scope.area.as_ref().map(|a| a.name.clone()),
            period: format!(
                "{} – {}",
                render::number::date(&period.from().to_string()).unwrap_or_default(),
                render::number::date(&period.to().to_string()).unwrap_or_default()
            ),
            created: Utc::now().format("%d.%m.%Y").to_string(),
            notice: self.shaped.notice.clone(),
        }
    }

    /// The stem of its file names: `jahresbericht-2026-stadt-aachen`.
    pub fn file_stem(&self) -> String {
        let period = self.scope.period;
        let years: Vec<i32> = period.calendar_years().collect();
        let when = match (years.first(), years.last()) {
            (Some(first), Some(last)) if first == last => first.to_string(),
            (Some(first), Some(last)) => format!("{first}-{last}"),
            _ => period.from().to_string(),
        };
        let area = self.scope.area.as_ref().map(|a| a.name.as_str());
        let place = area.unwrap_or(&self.scope.name);
        format!(
            "{}-{when}-{}",
            self.scope.kind.key(),
            render::csv::slug(place)
        )
    }

    /// The report in `format`; CSV is one table (`table`, from 1). HTML is the report's
    /// `<article>` (see `render::html`) with links to its other formats at `links`
    /// ([`links`]). Typesetting runs on a blocking thread.
    pub async fn render(
        mut self,
        rules: &Rules,
        format: ReportFormat,
        table: Option<usize>,
        links: Option<&str>,
    ) -> Result<Rendered> {
        let (downloads, csv_href) = self::links(links);
        let (downloads, csv_href) = (&downloads[..], &csv_href);
        let stem = self.file_stem();
        let file_name = format!("{stem}.{}", format.extension());
        let first = render_sections(&self, format, table, downloads, csv_href).await;
        let bytes = match first {
            Ok(bytes) => bytes,
            Err(Failure::Request(e)) => return Err(e),
            Err(Failure::Render(e)) if self.shaped.source == Source::Plugin => {
                tracing::warn!(error = %e, municipality = %self.scope.slug,
                    "the plugin's report cannot be rendered; the base report stands in");
                let notice = format!("{NOTICE_UNRENDERABLE} ({})", e.reason_de());
                self.shaped =
                    shape::base_report(rules, &self.scope, &self.dataset, Some(notice)).await;
                if self.published {
                    self.shaped.sections =
                        publish::for_publication(std::mem::take(&mut self.shaped.sections));
                }
                match render_sections(&self, format, table, downloads, csv_href).await {
                    Ok(bytes) => bytes,
                    Err(Failure::Request(e)) => return Err(e),
                    Err(Failure::Render(e)) => return Err(unrenderable(e)),
                }
            }
            Err(Failure::Render(e)) => return Err(unrenderable(e)),
        };
        let file_name = match (format, table) {
            (ReportFormat::Csv, Some(n)) => {
                let title = self.tables().nth(n - 1).map(|t| t.title.clone());
                render::csv::file_name(&stem, n, &title.unwrap_or_default())
            }
            _ => file_name,
        };
        Ok(Rendered {
            format,
            title: self.shaped.title,
            file_name,
            bytes,
        })
    }

    fn tables(&self) -> impl Iterator<Item = &quartier_documents::Table> {
        self.shaped.sections.iter().flat_map(|s| &s.tables)
    }
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
    made: &Made,
    format: ReportFormat,
    table: Option<usize>,
    downloads: &[Download],
    csv_href: &(dyn Fn(usize) -> Option<String> + Sync),
) -> std::result::Result<Vec<u8>, Failure> {
    let sections: &[Section] = &made.shaped.sections;
    let cover = made.cover();
    match format {
        ReportFormat::Json => {
            let document = serde_json::json!({
                "report": "document",
                "title": made.shaped.title,
                "sections": sections,
                "source": made.shaped.source,
                "notice": made.shaped.notice,
                "published": made.published,
            });
            serde_json::to_vec(&document).map_err(|e| Failure::Request(Error::Internal(e.into())))
        }
        ReportFormat::Csv => {
            let count = made.tables().count();
            let n = match table {
                Some(n) => n,
                None if count == 1 => 1,
                None => return Err(Failure::Request(Error::client(Code::ReportTableMissing))),
            };
            let table = n
                .checked_sub(1)
                .and_then(|i| made.tables().nth(i))
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
