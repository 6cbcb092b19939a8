//! The report as a PDF, typeset by Typst as a library: an A4 title page with the
//! municipality, area and period, a table of contents, page numbers, tables whose header
//! rows repeat on every page (a table of more than six columns on landscape pages of its
//! own, its columns shares of the line), and charts as vector graphics with their numbers
//! beneath.
//! Typst writes a tagged PDF (headings, tables and the charts' text alternatives reach
//! screen readers). Fonts come from `typst-assets`, compiled into the binary; nothing is
//! read from the file system.
//!
//! The layout is `report.typ`; it reads the report as JSON data, so no text of a report is
//! ever parsed as Typst markup. Typesetting is CPU work of up to a second or two: callers
//! run it on a blocking thread.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::view::View;
use super::{Cover, DE, RenderError, RenderTexts};

const LAYOUT: &str = include_str!("report.typ");

/// The standard library and the embedded fonts, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    data: FileId,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let file = |path: &str| {
        let vpath = VirtualPath::new(path).expect("a fixed, valid path");
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    };
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: file("/report.typ"),
        data: file("/report.json"),
    }
});

/// One report's world: the fixed layout and the report's data.
struct ReportWorld {
    layout: Source,
    data: Bytes,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        SHARED.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == SHARED.main {
            Ok(self.layout.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The layout shows the cover's date; Typst's own clock stays unused.
        None
    }
}

#[derive(serde::Serialize)]
struct Data<'a> {
    cover: &'a Cover,
    texts: &'a RenderTexts,
    view: &'a View,
}

/// The report as PDF bytes. Blocking (see the module's doc).
pub fn document(cover: &Cover, view: &View) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_vec(&Data {
        cover,
        texts: &DE,
        view,
    })
    .map_err(|e| RenderError::Pdf(e.to_string()))?;
    let world = ReportWorld {
        layout: Source::new(SHARED.main, LAYOUT.to_owned()),
        data: Bytes::new(data),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // Typst memoises across compilations; keep only what the last few reports used.
    typst::comemo::evict(4);
    let document = compiled.map_err(|errors| RenderError::Pdf(messages(&errors[..])))?;
    let options = typst_pdf::PdfOptions {
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
            .map_err(|e| RenderError::Pdf(e.message().to_string()))?,
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| RenderError::Pdf(messages(&errors[..])))
}

fn messages(errors: &[typst::diag::SourceDiagnostic]) -> String {
    let texts: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    texts.join("; ")
}
