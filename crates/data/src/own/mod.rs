//! The corporation's own data: its complexes and its own indicators per
//! buurt or complex per year, from CSV, XLSX or ODS in Wikken's template.

mod cells;
mod filled;
mod parse;
mod sheets;
mod table;
mod template;
mod upload;
mod workbook;

use crate::area::AreaCode;

pub use parse::{OwnFileKind, file_kind, parse_own, parse_own_with};
pub use template::{
    COMPLEX_COLUMNS, DEFINITION_COLUMNS, FIGURE_KEY_COLUMNS, TemplateColumn, template_csv,
    template_xlsx,
};
pub use upload::{OwnFile, UploadIssues, parse_own_upload};

/// The source stored with own indicators.
pub const OWN_SOURCE: &str = "Eigen gegevens";

/// A sheet of the template (in a CSV upload: one file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnSheet {
    /// The complexes, one per row.
    Complexen,
    /// Figures per buurt or complex and year, one indicator per column.
    Kengetallen,
    /// Own indicators beyond the catalogue.
    Definities,
}

impl OwnSheet {
    /// Every sheet that holds data, in the template's order.
    pub const ALL: [OwnSheet; 3] = [
        OwnSheet::Complexen,
        OwnSheet::Kengetallen,
        OwnSheet::Definities,
    ];

    /// The sheet's name in the template (lower case; files may use any case).
    pub fn name(self) -> &'static str {
        match self {
            OwnSheet::Complexen => "complexen",
            OwnSheet::Kengetallen => "kengetallen",
            OwnSheet::Definities => "definities",
        }
    }

    /// How a problem names a column of this sheet: "bouwjaar (blad complexen)".
    pub fn column(self, column: &str) -> String {
        format!("{column} (blad {})", self.name())
    }
}

/// A complex (a group of the corporation's dwellings under one number).
#[derive(Debug, Clone, PartialEq)]
pub struct Complex {
    /// Complexnummer, the corporation's own code.
    pub code: String,
    /// Naam.
    pub name: String,
    /// The buurt it stands in.
    pub buurt: AreaCode,
    /// Aantal woningen.
    pub dwellings: u32,
    /// Bouwjaar.
    pub build_year: Option<i32>,
    /// Energielabel (A++++ … G).
    pub energy_label: Option<String>,
    /// Gemiddelde huur in euros per month.
    pub average_rent: Option<f64>,
}

/// An indicator of the corporation's own.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnIndicator {
    /// Code (stored, in URLs).
    pub code: String,
    /// Dutch name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Direction: `Some(true)` when higher is better.
    pub higher_is_better: Option<bool>,
}

/// What an own figure describes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A buurt (or wijk, gemeente).
    Area(AreaCode),
    /// A complex, by complexnummer.
    Complex(String),
}

/// One own figure.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnValue {
    /// The buurt or complex.
    pub subject: Subject,
    /// The indicator's code.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// Value in the indicator's unit.
    pub value: f64,
}

/// What one own-data file holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnData {
    /// Complexes, in file order.
    pub complexes: Vec<Complex>,
    /// The indicators the values use.
    pub indicators: Vec<OwnIndicator>,
    /// Figures.
    pub values: Vec<OwnValue>,
    /// Where the complexes and figures stood in the file, so that storage
    /// can name the row of a problem it finds (an unknown buurt). Empty for
    /// data made in code; then such problems name no row.
    pub rows: SourceRows,
}

/// The file rows (the header is row 1) of an [`OwnData`]'s records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceRows {
    /// Row on the complexen sheet of each complex, parallel to `complexes`.
    pub complexes: Vec<usize>,
    /// Row on the kengetallen sheet of each value, parallel to `values`.
    pub values: Vec<usize>,
}

/// The own indicators Wikken knows by name, with unit and direction; a
/// file may bring others (see the template).
pub const OWN_CATALOGUE: &[(&str, &str, &str, Option<bool>)] = &[
    (
        "overlastmeldingen",
        "Overlastmeldingen per 100 woningen",
        "per 100 woningen",
        Some(false),
    ),
    ("mutatiegraad", "Mutatiegraad", "%", Some(false)),
    (
        "huurachterstand",
        "Huishoudens met huurachterstand",
        "%",
        Some(false),
    ),
    (
        "bewonersoordeel",
        "Bewonersoordeel buurt",
        "rapportcijfer 1-10",
        Some(true),
    ),
    (
        "kwetsbare_instroom",
        "Aandeel kwetsbare huishoudens in de instroom",
        "%",
        Some(false),
    ),
    (
        "lage_inkomens",
        "Huishoudens met een laag inkomen",
        "%",
        Some(false),
    ),
];

/// The own indicator with this code, from [`OWN_CATALOGUE`].
pub fn own_indicator(code: &str) -> Option<OwnIndicator> {
    OWN_CATALOGUE
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|&(code, name, unit, better)| OwnIndicator {
            code: code.to_string(),
            name: name.to_string(),
            unit: unit.to_string(),
            higher_is_better: better,
        })
}
