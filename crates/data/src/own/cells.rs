//! Cell values as the template's sheets hold them, read the same way from
//! CSV (text) and XLSX (text or numbers): decimal comma or point, euro
//! signs, whole numbers, codes.

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing (or only spaces).
    Empty,
    /// Text, as typed.
    Text(String),
    /// A number (XLSX only).
    Number(f64),
}

impl Cell {
    /// Is there nothing in it?
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }

    /// The cell as text, trimmed; a whole number without decimals (so
    /// complexnummer 1001 typed as a number reads "1001"), others with a
    /// decimal comma, as Dutch users read them.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string().replace('.', ","),
        }
    }

    /// A number in text or a number cell, or the message naming the text.
    pub(crate) fn number(&self) -> Result<f64, String> {
        match self {
            Cell::Number(n) if n.is_finite() => Ok(*n),
            _ => parse_decimal(&self.text(), false)
                .ok_or_else(|| format!("geen getal: \"{}\"", self.text())),
        }
    }

    /// An amount in euros: like [`Cell::number`], but a separator followed
    /// by exactly three digits groups thousands ("€ 1.100" is 1100).
    pub(crate) fn money(&self) -> Result<f64, String> {
        match self {
            Cell::Number(n) if n.is_finite() => Ok(*n),
            _ => parse_decimal(&self.text(), true)
                .ok_or_else(|| format!("geen bedrag: \"{}\"", self.text())),
        }
    }

    /// A whole number, or the message naming the text.
    pub(crate) fn whole(&self) -> Result<i64, String> {
        let bad = || format!("geen geheel getal: \"{}\"", self.text());
        match self {
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(*n as i64),
            Cell::Number(_) => Err(bad()),
            _ => self.text().parse::<i64>().map_err(|_| bad()),
        }
    }
}

/// Reads "612,50", "612.5", "€ 612,50", "1.234,5", "1,234.5", "-3", "12%".
/// With one kind of separator appearing once, it is the decimal mark,
/// except for `money`, where it groups thousands when exactly three digits
/// follow (cents have two).
pub(crate) fn parse_decimal(raw: &str, money: bool) -> Option<f64> {
    let text: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    let text = text.strip_suffix('%').unwrap_or(&text);
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let last_digits = |sep: char| body.rsplit(sep).next().map_or(0, str::len);
    let (decimal, thousands) = match (dots, commas) {
        (0, 0) => (None, None),
        (1, 0) if !(money && last_digits('.') == 3) => (Some('.'), None),
        (0, 1) if !(money && last_digits(',') == 3) => (Some(','), None),
        (_, 0) => (None, Some('.')),
        (0, _) => (None, Some(',')),
        _ => {
            let last = if body.rfind('.') > body.rfind(',') {
                '.'
            } else {
                ','
            };
            let other = if last == '.' { ',' } else { '.' };
            (Some(last), Some(other))
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            let (i, f) = body.rsplit_once(d)?;
            if f.contains(d)
                || i.contains(d)
                || f.is_empty()
                || !f.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            (i, Some(f))
        }
        None => (body, None),
    };
    let digits = match thousands {
        Some(t) => {
            let mut groups = int_part.split(t);
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 {
                return None;
            }
            let mut all = first.to_string();
            for g in groups {
                if g.len() != 3 {
                    return None;
                }
                all.push_str(g);
            }
            all
        }
        None => int_part.to_string(),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let normal = match frac_part {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The current calendar year (UTC), from the system clock.
pub(crate) fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    // Howard Hinnant's days-to-civil: exact, also around New Year.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_in_dutch_and_english_notation() {
        for (raw, want) in [
            ("612,50", 612.5),
            ("612.5", 612.5),
            ("€ 612,50", 612.5),
            ("€612", 612.0),
            ("1.234,5", 1234.5),
            ("1,234.5", 1234.5),
            ("1.234.567", 1_234_567.0),
            ("-3", -3.0),
            ("12,5%", 12.5),
            ("3.125", 3.125),
            (" 7 ", 7.0),
        ] {
            assert_eq!(parse_decimal(raw, false), Some(want), "{raw}");
        }
        for bad in [
            "",
            "12x",
            "1,2,3,4.5.6",
            "1.23,4.5",
            ",",
            "1.",
            "--3",
            "1 2a",
            "12.34.5",
        ] {
            assert_eq!(parse_decimal(bad, false), None, "{bad}");
        }
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(parse_decimal("€ 1.100", true), Some(1100.0));
        assert_eq!(parse_decimal("1,100", true), Some(1100.0));
        assert_eq!(parse_decimal("612,50", true), Some(612.5));
        assert_eq!(parse_decimal("1.100", false), Some(1.1));
    }

    #[test]
    fn cells() {
        assert_eq!(Cell::Number(1001.0).text(), "1001");
        assert_eq!(Cell::Number(1960.0).whole(), Ok(1960));
        assert_eq!(
            Cell::Text("19x0".into()).whole(),
            Err("geen geheel getal: \"19x0\"".into())
        );
        assert!(Cell::Number(19.5).whole().is_err());
        assert!(Cell::Text("  ".into()).is_empty());
        assert_eq!(Cell::Text("12,5".into()).number(), Ok(12.5));
    }

    #[test]
    fn the_year_is_plausible() {
        let y = current_year();
        assert!((2025..2200).contains(&y), "{y}");
    }
}
