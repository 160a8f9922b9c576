//! The corporation's own data: its complexes and its own indicators per
//! buurt or complex per year, from CSV or XLSX in Wikken's template.

use crate::area::AreaCode;

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
