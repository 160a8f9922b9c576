//! Dutch number formatting for what users read: `€ 1.234.567`, `6,5`, `12 %`.

/// Groups the digits of a non-negative whole number with dots: 1234567 → "1.234.567".
fn group(whole: u128) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` decimals, Dutch style: dots between thousands,
/// a comma before the decimals: `number(-1234.5, 1)` is "-1.234,5".
pub fn number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let grouped = group(whole.parse().unwrap_or(0));
    let negative = x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = if negative { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Euros rounded to whole euros: `€ 1.234.567`, `€ -2.500`.
pub fn euro(x: f64) -> String {
    format!("€ {}", number(x, 0))
}

/// A share 0..=1 as a percentage with `decimals` decimals: `0.125` → "12,5 %".
pub fn percent(share: f64, decimals: usize) -> String {
    format!("{} %", number(share * 100.0, decimals))
}

/// How a portfolio the solver did not prove optimal (its time limit was
/// reached) is named on every page, report and table:
/// "beste gevonden, niet bewezen optimaal (gap 1,5 %)".
pub fn not_proven(gap: f64) -> String {
    let decimals = if gap < 0.001 { 2 } else { 1 };
    format!(
        "beste gevonden, niet bewezen optimaal (gap {})",
        percent(gap, decimals)
    )
}

/// Reads a number as a Dutch user types it: `1.234.567,50`, `1234,5`,
/// `€ 2.500`, `12,5 %` (the percent sign is dropped, not divided by 100), or
/// with a decimal point when there is no comma and the point is not
/// followed by exactly three digits (`0.25`). `None` when it is no number.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_start_matches('€')
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() {
        return None;
    }
    let plain = if t.contains(',') {
        t.replace('.', "").replacen(',', ".", 1)
    } else {
        let groups: Vec<&str> = t.trim_start_matches('-').split('.').collect();
        let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
        if thousands { t.replace('.', "") } else { t }
    };
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(euro(1_234_567.4), "€ 1.234.567");
        assert_eq!(euro(-2500.0), "€ -2.500");
        assert_eq!(euro(999.5), "€ 1.000");
        assert_eq!(euro(-0.2), "€ 0");
        assert_eq!(number(6.5, 1), "6,5");
        assert_eq!(number(1234.0, 2), "1.234,00");
        assert_eq!(number(0.0, 0), "0");
        assert_eq!(percent(0.125, 1), "12,5 %");
        assert_eq!(number(f64::NAN, 1), "–");
        assert_eq!(
            not_proven(0.0321),
            "beste gevonden, niet bewezen optimaal (gap 3,2 %)"
        );
        assert_eq!(
            not_proven(0.00004),
            "beste gevonden, niet bewezen optimaal (gap 0,00 %)"
        );
    }

    #[test]
    fn dutch_input() {
        assert_eq!(parse_number("1.234.567,50"), Some(1_234_567.5));
        assert_eq!(parse_number("€ 2.500"), Some(2500.0));
        assert_eq!(parse_number(" 12,5 % "), Some(12.5));
        assert_eq!(parse_number("0.25"), Some(0.25));
        assert_eq!(parse_number("-1.000"), Some(-1000.0));
        assert_eq!(parse_number("85000"), Some(85000.0));
        assert_eq!(parse_number("twaalf"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1,2,3"), None);
    }
}
