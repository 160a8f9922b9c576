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

/// Shares (any non-negative weights) as whole percentages that add up to
/// exactly 100 (largest remainder: each share is rounded down, and the
/// points left go to the largest remainders, ties to the first). Empty when
/// the weights sum to 0. Weight columns show these, so that a column of
/// 33 %, 33 % and 33 % never adds up to 99 %.
pub fn whole_percents(weights: &[f64]) -> Vec<u32> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if sum <= 0.0 {
        return Vec::new();
    }
    let exact: Vec<f64> = weights
        .iter()
        .map(|w| {
            if w.is_finite() && *w > 0.0 {
                w / sum * 100.0
            } else {
                0.0
            }
        })
        .collect();
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let left = 100u32.saturating_sub(out.iter().sum());
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(left as usize) {
        out[i] += 1;
    }
    out
}

/// [`whole_percents`] as text: "33 %".
pub fn whole_percent_texts(weights: &[f64]) -> Vec<String> {
    whole_percents(weights)
        .into_iter()
        .map(|p| format!("{p} %"))
        .collect()
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

/// Reads a date as it is typed in the Netherlands (`1-3-2027`,
/// `01-03-2027`, `1/3/2027`, `1.3.2027`) or as ISO (`2027-03-01`); the ISO
/// date, or `None` when it is no date of the calendar (years 1900–2200).
pub fn parse_date(text: &str) -> Option<String> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// An ISO date as the Dutch type it (`2027-03-01` → `1-3-2027`); the
/// text itself when it is no ISO date.
pub fn dutch_numeric_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match (
        p.as_slice(),
        p.get(1).and_then(|m| m.parse::<u32>().ok()),
        p.get(2).and_then(|d| d.parse::<u32>().ok()),
    ) {
        ([y, _, _], Some(m), Some(d)) if y.len() == 4 => format!("{d}-{m}-{y}"),
        _ => iso.to_string(),
    }
}

/// A message with its first letter a capital, whatever that letter is
/// ("é", "€": a byte slice would split it).
pub fn capitalised(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The Dutch months, for dates in words.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// An ISO date in Dutch words (`2027-03-01` → `1 maart 2027`); the text
/// itself when it is no ISO date.
pub fn dutch_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    match (
        p.first(),
        p.get(1).and_then(|m| m.parse::<usize>().ok()),
        p.get(2).and_then(|d| d.parse::<u32>().ok()),
    ) {
        (Some(y), Some(m @ 1..=12), Some(d)) if p.len() == 3 => {
            format!("{d} {} {y}", MONTHS[m - 1])
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn weight_columns_add_up_to_exactly_100() {
        assert_eq!(whole_percents(&[1.0, 1.0, 1.0]), [34, 33, 33]);
        assert_eq!(whole_percents(&[0.5, 0.2, 0.3]), [50, 20, 30]);
        // 14,6 + 42,9 + 42,5 → naive rounding gives 15 + 43 + 43 = 101.
        assert_eq!(whole_percents(&[0.146, 0.429, 0.425]), [15, 43, 42]);
        assert_eq!(whole_percents(&[0.0, 0.0]), Vec::<u32>::new());
        for n in 1..12 {
            let w: Vec<f64> = (0..n).map(|k| 1.0 + f64::from(k) * 0.37).collect();
            assert_eq!(whole_percents(&w).iter().sum::<u32>(), 100, "{w:?}");
        }
        assert_eq!(whole_percent_texts(&[2.0, 1.0]), ["67 %", "33 %"]);
    }

    use super::*;

    #[test]
    fn dates_as_typed_in_the_netherlands() {
        assert_eq!(parse_date("1-3-2027").as_deref(), Some("2027-03-01"));
        assert_eq!(parse_date(" 01-03-2027 ").as_deref(), Some("2027-03-01"));
        assert_eq!(parse_date("2027-03-01").as_deref(), Some("2027-03-01"));
        assert_eq!(parse_date("29/2/2028").as_deref(), Some("2028-02-29"));
        assert_eq!(parse_date("29-2-2027"), None);
        assert_eq!(parse_date("31-4-2027"), None);
        assert_eq!(parse_date("1-13-2027"), None);
        assert_eq!(parse_date("2027-3"), None);
        assert_eq!(parse_date("1-3-27"), None);
        assert_eq!(parse_date("volgende week"), None);
        assert_eq!(dutch_date("2027-03-01"), "1 maart 2027");
        assert_eq!(dutch_numeric_date("2027-03-01"), "1-3-2027");
        assert_eq!(
            parse_date(&dutch_numeric_date("2027-12-31")).as_deref(),
            Some("2027-12-31")
        );
    }

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
