//! The afweging as an Excel workbook: the question and its context, the
//! options with every flow, the flows per calendar year, the results
//! (MKBA, MCA, Monte Carlo), the EffectenArena with the cost-sharing
//! proposal, the weighing per party, the portfolio under moving budgets
//! and the tornado. Sheet names and headers are Dutch; euros are whole
//! euros, shares are percentages.

mod case;
mod results;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use wikken_core::case::CaseDoc;
use wikken_core::model::{Category, Flow, FlowKind};

use super::ReportInput;
use case::{afweging, opties, stromen_per_jaar};
use results::{effectenarena, gevoeligheid, portefeuille, resultaten, weging};

/// Excel number format of euro amounts.
pub const EURO_FORMAT: &str = "€ #,##0;€ -#,##0";
/// Excel number format of shares.
pub const PERCENT_FORMAT: &str = "0.0%";

/// The workbook of an afweging, as bytes of an .xlsx file.
pub fn workbook(input: ReportInput<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let st = Styles::new();
    let sheets: [(&str, SheetFn); 8] = [
        ("Afweging", afweging),
        ("Opties", opties),
        ("Stromen per jaar", stromen_per_jaar),
        ("Resultaten", resultaten),
        ("Effectenarena", effectenarena),
        ("Weging", weging),
        ("Portefeuille", portefeuille),
        ("Gevoeligheid", gevoeligheid),
    ];
    for (name, fill) in sheets {
        let ws = book.add_worksheet().set_name(name)?;
        let mut out = Out {
            ws,
            st: &st,
            row: 0,
        };
        fill(&mut out, &input)?;
        out.ws.autofit();
    }
    book.save_to_buffer()
}

type SheetFn = fn(&mut Out<'_>, &ReportInput<'_>) -> Result<(), XlsxError>;

/// The cell formats of a workbook.
pub(crate) struct Styles {
    pub(crate) title: Format,
    pub(crate) header: Format,
    pub(crate) bold: Format,
    pub(crate) euro: Format,
    pub(crate) percent: Format,
    pub(crate) ratio: Format,
    pub(crate) score: Format,
    pub(crate) date: Format,
    pub(crate) warning: Format,
}

impl Styles {
    pub(crate) fn new() -> Styles {
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new().set_bold().set_background_color("#DDE6F0"),
            bold: Format::new().set_bold(),
            euro: Format::new().set_num_format(EURO_FORMAT),
            percent: Format::new().set_num_format(PERCENT_FORMAT),
            ratio: Format::new().set_num_format("0.00"),
            score: Format::new().set_num_format("0.000"),
            date: Format::new().set_num_format("d-m-yyyy hh:mm"),
            warning: Format::new().set_bold().set_font_color("#B00020"),
        }
    }
}

/// A sheet being written, row by row.
pub(crate) struct Out<'a> {
    pub(crate) ws: &'a mut Worksheet,
    pub(crate) st: &'a Styles,
    pub(crate) row: u32,
}

impl Out<'_> {
    pub(crate) fn next(&mut self) {
        self.row += 1;
    }

    pub(crate) fn header(&mut self, titles: &[&str]) -> Result<(), XlsxError> {
        for (c, t) in titles.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, c as u16, *t, &self.st.header)?;
        }
        self.next();
        Ok(())
    }

    pub(crate) fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.st.bold)?;
        self.next();
        Ok(())
    }

    pub(crate) fn text(&mut self, col: u16, text: &str) -> Result<(), XlsxError> {
        if !text.is_empty() {
            self.ws.write_string(self.row, col, text)?;
        }
        Ok(())
    }

    pub(crate) fn num(&mut self, col: u16, v: f64, format: &Format) -> Result<(), XlsxError> {
        if v.is_finite() {
            self.ws.write_number_with_format(self.row, col, v, format)?;
        }
        Ok(())
    }

    pub(crate) fn euro(&mut self, col: u16, v: f64) -> Result<(), XlsxError> {
        self.num(col, v, &self.st.euro)
    }

    pub(crate) fn percent(&mut self, col: u16, v: f64) -> Result<(), XlsxError> {
        self.num(col, v, &self.st.percent)
    }

    pub(crate) fn plain(&mut self, col: u16, v: impl Into<f64>) -> Result<(), XlsxError> {
        self.ws.write_number(self.row, col, v.into())?;
        Ok(())
    }

    /// A label in the first column and a text in the second, then the next row.
    pub(crate) fn pair(&mut self, label: &str, value: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, label, &self.st.bold)?;
        self.text(1, value)?;
        self.next();
        Ok(())
    }
}

fn category(c: Category) -> &'static str {
    match c {
        Category::Stenen => "Stenen",
        Category::Sociaal => "Sociaal",
        Category::Beleid => "Beleid",
        Category::Combinatie => "Combinatie",
    }
}

fn kind(k: FlowKind) -> &'static str {
    match k {
        FlowKind::Cost => "kosten",
        FlowKind::Benefit => "baten",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nee" }
}

/// A discount rate for a header: 0.0225 → "2,25 %".
fn rate_label(r: f64) -> String {
    let n = wikken_core::format::number(r * 100.0, 2);
    let n = n.trim_end_matches('0').trim_end_matches(',');
    format!("{n} %")
}

fn option_name<'a>(doc: &'a CaseDoc, id: &'a str) -> &'a str {
    doc.option(id).map_or(id, |o| o.spec.name.as_str())
}

fn actor_name<'a>(doc: &'a CaseDoc, id: &'a str) -> &'a str {
    doc.actors
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.name.as_str())
}

/// value(t) of the spec: the undiscounted amount of a flow in year index
/// `t`, with growth and (for benefits) the SROI adjustments; 0 outside its
/// years or the horizon.
pub fn value_in_year(flow: &Flow, horizon_years: i64, t: i64) -> f64 {
    if t < flow.from_year || t > flow.last_year() || t >= horizon_years {
        return 0.0;
    }
    let k = (t - flow.from_year) as i32;
    let adjust = match (&flow.adjust, flow.kind) {
        (Some(a), FlowKind::Benefit) => {
            (1.0 - a.deadweight)
                * (1.0 - a.attribution)
                * (1.0 - a.displacement)
                * (1.0 - a.drop_off).powi(k)
        }
        _ => 1.0,
    };
    flow.amount * (1.0 + flow.growth).powi(k) * adjust
}
#[cfg(test)]
mod tests;
