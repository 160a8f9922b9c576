//! Typst markup to PDF with the `typst` library: a small [`World`] that
//! holds one main source, a few virtual files (pictures the markup reads
//! with `image("…")`) and the fonts that `typst-assets` embeds in the
//! binary. It reads no system fonts, no disk and no network: importing a
//! package (`@preview/…`) is an error.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::FrameItem;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// Why no PDF was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The markup has errors (or reads a file that is not there).
    #[error("de opmaak van de PDF bevat fouten: {}", join(.0))]
    Markup(Vec<MarkupError>),
    /// A virtual file's name is not a valid path.
    #[error("ongeldige bestandsnaam {0:?}")]
    FileName(String),
    /// The laid-out document could not be written as PDF.
    #[error("de PDF kon niet worden geschreven: {}", join(.0))]
    Export(Vec<MarkupError>),
}

/// One error Typst reported, with its place in the markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// The file it is in ("/main.typ" for the markup itself), if known.
    pub file: Option<String>,
    /// Line (1-based), if known.
    pub line: Option<usize>,
    /// Column (1-based, in characters), if known.
    pub column: Option<usize>,
    /// Typst's message.
    pub message: String,
    /// Typst's hints, if any.
    pub hints: Vec<String>,
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "regel {line}, kolom {column}: ")?;
        }
        f.write_str(&self.message)?;
        for h in &self.hints {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

fn join(problems: &[MarkupError]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The path of the markup itself.
const MAIN: &str = "/main.typ";

/// Renders Typst markup to a PDF. `files` are virtual files (name, bytes)
/// the markup can read, e.g. `image("npv.svg")` for `("npv.svg", svg)`.
pub fn render(source: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>, PdfError> {
    let world = MemoryWorld::new(source, files)?;
    let document = world.compile();
    let result = document.and_then(|doc| {
        typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
            .map_err(|e| PdfError::Export(world.problems(&e)))
    });
    // Keep memoised results of recent renders (fonts, layout of shared
    // parts) but let older ones go, so a long-running server stays small.
    typst::comemo::evict(10);
    result
}

/// The text of each page the markup lays out to, runs and lines
/// separated by single spaces (pictures not included): for tests and
/// previews.
pub fn page_texts(source: &str, files: &[(&str, Vec<u8>)]) -> Result<Vec<String>, PdfError> {
    let world = MemoryWorld::new(source, files)?;
    let pages = world.compile().map(|d| {
        d.pages()
            .iter()
            .map(|p| {
                let mut runs = Vec::new();
                collect_text(&p.frame, &mut runs);
                runs.join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    });
    typst::comemo::evict(10);
    pages
}

fn collect_text(frame: &typst::layout::Frame, runs: &mut Vec<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => collect_text(&g.frame, runs),
            FrameItem::Text(t) => runs.push(t.text.to_string()),
            _ => {}
        }
    }
}

fn path_id(name: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(name).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The standard library, built once.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The embedded fonts and their book, parsed once.
fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    static FONTS: OnceLock<(Vec<Font>, LazyHash<FontBook>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

/// The world one render sees.
struct MemoryWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl MemoryWorld {
    fn new(source: &str, files: &[(&str, Vec<u8>)]) -> Result<MemoryWorld, PdfError> {
        let main_id = path_id(MAIN).ok_or_else(|| PdfError::FileName(MAIN.into()))?;
        let mut map = HashMap::new();
        for (name, bytes) in files {
            let id = path_id(name).ok_or_else(|| PdfError::FileName((*name).to_string()))?;
            if id == main_id {
                return Err(PdfError::FileName((*name).to_string()));
            }
            map.insert(id, Bytes::new(bytes.clone()));
        }
        Ok(MemoryWorld {
            main: Source::new(main_id, source.to_string()),
            files: map,
        })
    }

    fn compile(&self) -> Result<PagedDocument, PdfError> {
        typst::compile::<PagedDocument>(self)
            .output
            .map_err(|errors| PdfError::Markup(self.problems(&errors)))
    }

    fn problems(&self, diagnostics: &[SourceDiagnostic]) -> Vec<MarkupError> {
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| self.problem(d))
            .collect()
    }

    fn problem(&self, d: &SourceDiagnostic) -> MarkupError {
        let id = d.span.id();
        let place = id.zip(self.range(d.span)).and_then(|(id, range)| {
            let source = self.source(id).ok()?;
            let (line, column) = source.lines().byte_to_line_column(range.start)?;
            Some((line + 1, column + 1))
        });
        MarkupError {
            file: id.map(|id| id.vpath().get_with_slash().to_string()),
            line: place.map(|p| p.0),
            column: place.map(|p| p.1),
            message: d.message.to_string(),
            hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
        }
    }

    fn not_here(id: FileId) -> FileError {
        match id.root() {
            VirtualRoot::Package(spec) => FileError::Package(PackageError::Other(Some(
                format!("pakketten zoals {spec} worden niet geladen: er is geen netwerk").into(),
            ))),
            VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
        }
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().1
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.files.get(&id).ok_or_else(|| Self::not_here(id))?;
        let text = std::str::from_utf8(bytes.as_slice())?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| Self::not_here(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().0.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Reports carry their own date as text; a render depends on nothing
        // but its input.
        None
    }
}

#[cfg(test)]
mod tests;
