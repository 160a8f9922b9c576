//! The afweging's report as a PDF for bestuur and partners: Typst markup
//! written from the [`ReportInput`], with the SVG charts as virtual files,
//! typeset by `wikken-pdf`. It reads without the tool: every figure is
//! explained in Dutch, and every chart's figures are also printed in it or
//! in a table beside it.

mod markup;
mod options;
mod results;
#[cfg(test)]
mod tests;
mod uncertainty;
pub(crate) mod workshops;

use maud::Markup;
use wikken_core::case::CaseDoc;
use wikken_core::case::analysis::Analysis;
pub use wikken_pdf::PdfError;

use super::{ReportContext, ReportInput};
use markup::{inline, string};

/// The report as a PDF.
pub fn pdf(input: ReportInput<'_>) -> Result<Vec<u8>, PdfError> {
    let (source, files) = typst_source(input);
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    wikken_pdf::render(&source, &files)
}

/// The report's Typst markup and the pictures it reads (name, SVG bytes).
pub fn typst_source(input: ReportInput<'_>) -> (String, Vec<(String, Vec<u8>)>) {
    let mut w = Writer {
        doc: input.doc,
        analysis: input.analysis,
        context: input.context,
        out: String::with_capacity(32 * 1024),
        files: Vec::new(),
    };
    w.preamble();
    w.title_page();
    w.summary();
    w.question();
    w.participants();
    w.options();
    w.results();
    w.arena();
    w.weighing();
    w.workshops();
    w.uncertainty();
    w.portfolio();
    w.decision();
    (w.out, w.files)
}

/// Writes the markup section by section.
struct Writer<'a> {
    doc: &'a CaseDoc,
    analysis: &'a Analysis,
    context: &'a ReportContext,
    out: String,
    files: Vec<(String, Vec<u8>)>,
}

/// The report's dark blue (the site's `--wk-color-primary-dark`).
const BLUE: &str = "#0b2a4a";

impl Writer<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Adds a chart as a virtual file and places it, full width, with a
    /// caption, kept on one page with the markup `intro` before it.
    fn figure(&mut self, name: &str, svg: Markup, caption: &str, intro: &str) {
        self.files
            .push((name.to_string(), svg.into_string().into_bytes()));
        self.push(&format!(
            "#block(breakable: false)[\n{intro}\n\n#figure(image({}, width: 100%), caption: [{}])\n]\n\n",
            string(name),
            inline(caption)
        ));
    }

    /// The name of a model option (its id when unknown).
    fn option_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.analysis
            .model
            .options
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.as_str())
            .or_else(|| self.doc.option(id).map(|o| o.spec.name.as_str()))
            .unwrap_or(id)
    }

    /// The name of an actor (its id when unknown).
    fn actor_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.analysis
            .model
            .actors
            .iter()
            .chain(&self.doc.actors)
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
    }

    fn preamble(&mut self) {
        let c = self.context;
        let concept = if c.frozen { "" } else { "Concept" };
        let demo = if c.fictional {
            "Fictieve demogegevens"
        } else {
            ""
        };
        let setup = format!(
            r##"#set document(title: {title}, author: {author}, date: none)
#set text(lang: "nl", region: "nl", font: "Libertinus Serif", size: 10.5pt)
#set par(leading: 0.62em, spacing: 1em)
#set heading(numbering: "1.1")
#show heading: set text(fill: rgb("{BLUE}"))
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 1): set block(above: 2em, below: 1em)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 11pt)
#set table(inset: (x: 5pt, y: 4pt), stroke: (x, y) => if y == 0 {{ (bottom: 0.8pt + rgb("{BLUE}")) }} else {{ (bottom: 0.4pt + luma(200)) }})
#show table: set text(size: 9.5pt)
#show table.cell.where(y: 0): set text(weight: "bold")
#show figure: set block(breakable: false, above: 1.2em, below: 1.2em)
#show figure.caption: set text(size: 9.5pt, fill: luma(70))
#let mark(body, colour) = box(stroke: 1.2pt + colour, inset: (x: 8pt, y: 5pt), radius: 3pt, text(fill: colour, weight: "bold", body))
#let note(body) = block(fill: rgb("#e8f0f8"), inset: 8pt, radius: 3pt, width: 100%, body)
#set page(paper: "a4", margin: (x: 2.3cm, top: 2.6cm, bottom: 2.6cm),
  header: context {{ if here().page() > 1 {{
    set text(size: 8.5pt, fill: luma(90))
    [{question} #h(1fr) #text(fill: rgb("#b00020"), weight: "bold")[{concept}]]
  }} }},
  footer: context {{
    set text(size: 8.5pt, fill: luma(90))
    [{org} · versie {version} · {generated} #h(1fr) #text(fill: rgb("#b00020"), weight: "bold")[{demo}] #h(1fr) pagina #counter(page).display() van #counter(page).final().first()]
  }})

"##,
            title = string(&self.doc.question),
            author = string(&c.organisation),
            question = inline(&clip(&self.doc.question, 80)),
            org = inline(&c.organisation),
            version = c.version,
            generated = inline(&c.generated_at),
        );
        self.push(&setup);
    }

    fn title_page(&mut self) {
        let c = self.context;
        let d = self.doc;
        let area = c
            .area
            .clone()
            .or_else(|| d.area.code.clone())
            .or_else(|| {
                (!d.area.complexes.is_empty())
                    .then(|| format!("complexen {}", d.area.complexes.join(", ")))
            })
            .unwrap_or_else(|| "niet vastgelegd".into());
        let status = if c.frozen {
            "vastgesteld met een besluit"
        } else {
            "concept, nog niet vastgesteld"
        };
        let mut facts = vec![
            ("Gebied", inline(&area)),
            ("Organisatie", inline(&c.organisation)),
            ("Versie", format!("{} ({status})", c.version)),
            ("Datum", inline(&c.generated_at)),
            ("Niveau", d.level.label().to_string()),
        ];
        if let Some(m) = &d.decision_moment {
            facts.push(("Beslismoment", markup::iso_date(m)));
        }
        let grid: Vec<String> = facts
            .iter()
            .map(|(k, v)| format!("[*{k}*], [{v}]"))
            .collect();
        let mut marks = Vec::new();
        if c.fictional {
            marks.push("#mark([Fictieve demogegevens], rgb(\"#8a4b00\"))".to_string());
        }
        if !c.frozen {
            marks.push("#mark([Concept], rgb(\"#b00020\"))".to_string());
        }
        self.push(&format!(
            r##"#page(header: none)[
#v(2cm)
#text(size: 11pt, fill: luma(80), tracking: 0.08em)[AFWEGING]
#v(0.3cm)
#par(leading: 0.5em)[#text(size: 24pt, weight: "bold", fill: rgb("{BLUE}"))[{question}]]
#v(1cm)
#grid(columns: (auto, 1fr), column-gutter: 1.5em, row-gutter: 0.8em, {grid})
#v(1cm)
{marks}
#v(1fr)
#text(size: 9.5pt, fill: luma(70))[Dit rapport beschrijft de afweging zoals die in deze versie is vastgelegd: de vraag, de opties, hun maatschappelijke kosten en baten (MKBA), wie wat betaalt en wint, hoe de partijen wegen, de onzekerheid en het besluit. Alle bedragen zijn contante waarden in euro's, tenzij anders vermeld.]
]

"##,
            question = inline(&d.question),
            grid = grid.join(", "),
            marks = marks.join(" #h(1em) "),
        ));
    }
}

/// A text cut to `max` characters with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
