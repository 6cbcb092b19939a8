//! The report as HTML: an `<article>` the signed-in pages place in their frame, or a whole
//! document of its own (the API's `text/html`). Charts are inline SVG with a title and a
//! description, followed by their numbers as a table; no script is needed.

use askama::Template;

use super::view::View;
use super::{Cover, DE, RenderError, RenderTexts};

/// A link to the same report in another format.
#[derive(Debug, Clone)]
pub struct Download {
    pub label: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "report_article.html")]
struct Article<'a> {
    t: &'static RenderTexts,
    cover: &'a Cover,
    view: &'a View,
    downloads: &'a [Download],
}

#[derive(Template)]
#[template(path = "report_document.html")]
struct Document<'a> {
    t: &'static RenderTexts,
    title: &'a str,
    style: String,
    article: String,
}

/// The report as an `<article>` element.
pub fn article(cover: &Cover, view: &View, downloads: &[Download]) -> Result<String, RenderError> {
    let article = Article {
        t: &DE,
        cover,
        view,
        downloads,
    };
    Ok(article.render()?)
}

/// A report's `article` as a whole HTML document titled `title`, styled by the pages'
/// stylesheet.
pub fn document(title: &str, article: String) -> Result<String, RenderError> {
    let page = Document {
        t: &DE,
        title,
        style: crate::assets::style_url(),
        article,
    };
    Ok(page.render()?)
}
