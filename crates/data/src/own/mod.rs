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
