//! CBS area codes: `GM0855` (gemeente), `WK085501` (wijk), `BU08550110` (buurt).

use std::fmt;

/// The level of a CBS area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AreaLevel {
    /// Gemeente (`GM` + 4 digits).
    Gemeente,
    /// Wijk (`WK` + 6 digits).
    Wijk,
    /// Buurt (`BU` + 8 digits).
    Buurt,
}

impl AreaLevel {
    /// The Dutch name, as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            AreaLevel::Gemeente => "gemeente",
            AreaLevel::Wijk => "wijk",
            AreaLevel::Buurt => "buurt",
        }
    }

    /// The level with this Dutch name (as [`AreaLevel::as_str`] gives it);
    /// `None` for any other text.
    pub fn parse(name: &str) -> Option<AreaLevel> {
        [AreaLevel::Gemeente, AreaLevel::Wijk, AreaLevel::Buurt]
            .into_iter()
            .find(|l| l.as_str() == name)
    }
}

/// A valid CBS area code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AreaCode(String);

impl AreaCode {
    /// Parses a code, trimming CBS's padding; `None` when it is not one.
    /// The gemeente part is 4 digits; the wijk and buurt parts are usually
    /// digits too, but Amsterdam's carry letters (`WK0363SE`, `BU0363SE03`).
    pub fn parse(text: &str) -> Option<AreaCode> {
        let code = text.trim().to_ascii_uppercase();
        let len = match code.get(..2)? {
            "GM" => 4,
            "WK" => 6,
            "BU" => 8,
            _ => return None,
        };
        let rest = code.as_bytes().get(2..)?;
        let valid = rest.len() == len
            && rest[..4].iter().all(u8::is_ascii_digit)
            && rest[4..].iter().all(u8::is_ascii_alphanumeric);
        valid.then_some(AreaCode(code))
    }

    /// The level the code belongs to.
    pub fn level(&self) -> AreaLevel {
        match &self.0[..2] {
            "GM" => AreaLevel::Gemeente,
            "WK" => AreaLevel::Wijk,
            _ => AreaLevel::Buurt,
        }
    }

    /// The wijk of a buurt, the gemeente of a wijk; `None` for a gemeente.
    pub fn parent(&self) -> Option<AreaCode> {
        match self.level() {
            AreaLevel::Gemeente => None,
            AreaLevel::Wijk => Some(AreaCode(format!("GM{}", &self.0[2..6]))),
            AreaLevel::Buurt => Some(AreaCode(format!("WK{}", &self.0[2..8]))),
        }
    }

    /// The gemeente the area lies in (itself for a gemeente).
    pub fn gemeente(&self) -> AreaCode {
        AreaCode(format!("GM{}", &self.0[2..6]))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_levels_and_parents() {
        let bu = AreaCode::parse(" BU08550110 ").unwrap();
        assert_eq!(bu.level(), AreaLevel::Buurt);
        assert_eq!(bu.parent().unwrap().as_str(), "WK085501");
        assert_eq!(bu.gemeente().as_str(), "GM0855");
        let wk = bu.parent().unwrap();
        assert_eq!(wk.parent().unwrap().as_str(), "GM0855");
        assert_eq!(wk.gemeente().parent(), None);
        let amsterdam = AreaCode::parse("BU0363SE03").unwrap();
        assert_eq!(amsterdam.parent().unwrap().as_str(), "WK0363SE");
        for bad in [
            "",
            "GM855",
            "GM08A5",
            "XX0855",
            "BU0855011",
            "WK0855011",
            "BU0855-110",
        ] {
            assert_eq!(AreaCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn level_names_round_trip() {
        for level in [AreaLevel::Gemeente, AreaLevel::Wijk, AreaLevel::Buurt] {
            assert_eq!(AreaLevel::parse(level.as_str()), Some(level));
        }
        for other in ["", "land", "Buurt", "buurt "] {
            assert_eq!(AreaLevel::parse(other), None, "{other:?}");
        }
    }
}
