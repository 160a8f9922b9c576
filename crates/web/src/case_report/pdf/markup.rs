//! Pieces of Typst markup: user text escaped so it always reads as plain
//! text, Dutch numbers, tables and headings.

use wikken_core::format;

/// Characters that start markup in Typst's markup mode (or could, at the
/// start of a line) and are therefore escaped with a backslash.
fn special(c: char) -> bool {
    matches!(
        c,
        '\\' | '#'
            | '*'
            | '_'
            | '$'
            | '['
            | ']'
            | '<'
            | '>'
            | '@'
            | '='
            | '-'
            | '+'
            | '/'
            | '~'
            | '`'
            | '.'
            | ':'
            | '{'
            | '}'
            | '^'
            | '|'
    )
}

/// One line of user text as markup: every special character escaped,
/// line breaks and tabs made spaces.
pub(super) fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.trim().chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if special(c) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// User text of several lines as markup: blank lines separate
/// paragraphs, single line breaks are kept.
pub(super) fn text(s: &str) -> String {
    let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
    normalised
        .split("\n\n")
        .map(|para| {
            para.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(inline)
                .collect::<Vec<_>>()
                .join(" \\\n")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A Typst string literal (for `set document(title: …)`).
pub(super) fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Euros as markup, kept on one line: `€ 1.234.567`.
pub(super) fn euro(x: f64) -> String {
    format!("€~{}", inline(&format::number(x, 0)))
}

/// A share as a percentage, kept on one line: `6,5 %`.
pub(super) fn percent(share: f64, decimals: usize) -> String {
    format!("{}~%", inline(&format::number(share * 100.0, decimals)))
}

/// A discount rate as a percentage with only the decimals it needs:
/// 0 → `0 %`, 0.0225 → `2,25 %`, 0.04 → `4 %`.
pub(super) fn rate(r: f64) -> String {
    let p = r * 100.0;
    let decimals = (0..=2)
        .find(|d| ((p * 10f64.powi(*d)).round() - p * 10f64.powi(*d)).abs() < 1e-6)
        .unwrap_or(2) as usize;
    percent(r, decimals)
}

/// A plain number as markup.
pub(super) fn number(x: f64, decimals: usize) -> String {
    inline(&format::number(x, decimals))
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    /// Text.
    Left,
    /// Figures.
    Right,
}

/// A table: `columns` are (header markup, Typst width, alignment), `rows`
/// hold cell markup. Headers repeat on a new page.
pub(super) fn table(columns: &[(&str, &str, Align)], rows: &[Vec<String>]) -> String {
    let widths: Vec<&str> = columns.iter().map(|c| c.1).collect();
    let aligns: Vec<&str> = columns
        .iter()
        .map(|c| match c.2 {
            Align::Left => "left",
            Align::Right => "right",
        })
        .collect();
    let mut out = format!(
        "#table(\n  columns: ({},),\n  align: ({},),\n  table.header({}),\n",
        widths.join(", "),
        aligns.join(", "),
        columns
            .iter()
            .map(|c| format!("[{}]", c.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| format!("[{c}]")).collect();
        out.push_str("  ");
        out.push_str(&cells.join(", "));
        out.push_str(",\n");
    }
    out.push_str(")\n\n");
    out
}

/// A heading of `level` (1 = section) with escaped text.
pub(super) fn heading(level: usize, title: &str) -> String {
    format!("{} {}\n\n", "=".repeat(level), inline(title))
}

/// A bulleted list of markup items.
pub(super) fn list(items: &[String]) -> String {
    let mut out: String = items.iter().map(|i| format!("- {i}\n")).collect();
    out.push('\n');
    out
}

/// A Dutch date of Unix seconds: "24 november 2026".
pub(super) fn date(unix: i64) -> String {
    crate::dates::day(unix)
}

/// An ISO date ("2026-12-15") as markup in Dutch ("15 december 2026");
/// any other text as it is.
pub(super) fn iso_date(s: &str) -> String {
    crate::dates::iso_date(s).unwrap_or_else(|| inline(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(
            inline("a #b *c* $d$ _e_ [f]"),
            r"a \#b \*c\* \$d\$ \_e\_ \[f\]"
        );
        assert_eq!(inline("= Kop\n- punt"), r"\= Kop \- punt");
        assert_eq!(inline(r"\u{41} // x"), r"\\u\{41\} \/\/ x");
        assert_eq!(
            text("Eerste regel\nTweede\n\n\nNieuwe alinea"),
            "Eerste regel \\\nTweede\n\nNieuwe alinea"
        );
        assert_eq!(string("Wat \"nu\"? \\"), r#""Wat \"nu\"? \\""#);
    }

    #[test]
    fn dutch_numbers_stay_on_one_line() {
        assert_eq!(euro(-1_234_567.4), r"€~\-1\.234\.567");
        assert_eq!(percent(0.065, 1), "6,5~%");
        assert_eq!(rate(0.0225), "2,25~%");
        assert_eq!(rate(0.04), "4~%");
        assert_eq!(rate(0.0), "0~%");
        assert_eq!(date(1_795_000_000), "18 november 2026");
        assert_eq!(iso_date("2026-12-05"), "5 december 2026");
        assert_eq!(iso_date("eind 2026"), "eind 2026");
    }
}
