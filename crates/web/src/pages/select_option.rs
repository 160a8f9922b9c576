//! An option of a `<select>` as a page's view model holds it: the value
//! sent, the text shown, and whether it is the chosen one.

/// An option of a select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    /// The value sent.
    pub value: String,
    /// The text shown.
    pub label: String,
    /// Whether it is the one chosen.
    pub selected: bool,
}

impl SelectOption {
    /// An option with its value, text and whether it is chosen.
    pub fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> SelectOption {
        SelectOption {
            value: value.into(),
            label: label.into(),
            selected,
        }
    }
}
