//! The pages, one module per part of the app.

pub mod account;
pub mod area;
pub mod case;
pub mod catalogue;
pub mod complex;
#[cfg(test)]
pub(crate) mod demo_rows;
pub mod import;
pub mod login;
pub mod monitor;
pub mod partners;
pub mod select_option;
pub mod signals;
pub mod users;

use axum::response::Redirect;
use maud::{Markup, html};
use wikken_core::format;
use wikken_core::signal::SignalLevel;
use wikken_data::{AreaCode, AreaLevel};
use wikken_storage::{AreaRow, IndicatorRow};

use crate::auth::AuthSession;
use crate::error::AppError;

/// `/`: the monitor (a partner: what was shared with it) when signed in,
/// the login page otherwise.
pub async fn home(session: AuthSession) -> Redirect {
    match &session.user {
        Some(user) => Redirect::to(user.home()),
        None => Redirect::to("/inloggen"),
    }
}

/// Parses a code from a URL; anything else is simply not found.
pub fn parse_code(code: &str, level: Option<AreaLevel>) -> Result<AreaCode, AppError> {
    AreaCode::parse(code)
        .filter(|c| level.is_none_or(|l| c.level() == l))
        .ok_or(AppError::NotFound)
}

/// Decimals to show for a unit.
pub fn decimals_for_unit(unit: &str, value: f64) -> usize {
    match unit {
        "aantal" | "woningen" | "inwoners per km²" | "adressen per km²" | "ha" => 0,
        "%" => 1,
        // The Leefbaarometer's dimensions: deviations of about ±0.3.
        "afwijking" => 3,
        _ if value.abs() >= 100.0 => 0,
        _ if value.abs() >= 10.0 => 1,
        _ => 2,
    }
}

/// A value with its unit, Dutch style ("6,5 %", "1.234").
pub fn fmt_value(value: f64, unit: &str) -> String {
    let n = format::number(value, decimals_for_unit(unit, value));
    match unit {
        "%" => format!("{n} %"),
        _ => n,
    }
}

/// An indicator's value as shown: [`fmt_value`], and for the
/// Leefbaarometer's total score its class ("4,33 (uitstekend)").
pub fn indicator_value(code: &str, value: f64, unit: &str) -> String {
    let text = fmt_value(value, unit);
    match wikken_data::LbmClass::of_score(value) {
        Some(class) if code == wikken_data::leefbaarometer::TOTAL => format!("{text} ({class})"),
        _ => text,
    }
}

/// A unit for a column header ("" for plain counts).
pub fn unit_suffix(ind: &IndicatorRow) -> String {
    unit_suffix_for(&ind.name, &ind.unit)
}

/// " (unit)" after an indicator's name, or nothing when the unit is a
/// plain count or the name already says it ("Misdrijven per 1.000
/// inwoners" does not get "(per 1.000 inwoners)" again).
pub fn unit_suffix_for(name: &str, unit: &str) -> String {
    if unit == "aantal" || unit.is_empty() || name.to_lowercase().contains(&unit.to_lowercase()) {
        String::new()
    } else {
        format!(" ({unit})")
    }
}

/// "Hoger is beter", "Lager is beter", or nothing.
pub fn direction_text(ind: &IndicatorRow) -> &'static str {
    match ind.higher_is_better {
        Some(true) => "hoger is beter",
        Some(false) => "lager is beter",
        None => "geen richting",
    }
}

/// The Dutch name of a level with the area's name ("buurt Molenhoek").
pub fn area_title(area: &AreaRow) -> String {
    format!("{} {}", level_name(area.level), area.name)
}

/// "Gemeente", "Wijk", "Buurt".
pub fn level_name(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Gemeente => "Gemeente",
        AreaLevel::Wijk => "Wijk",
        AreaLevel::Buurt => "Buurt",
    }
}

/// The signal of one buurt or complex: its level and score, and the
/// indicators that drive it with their value and how far from the average
/// of `compared_with` they lie.
pub fn signal_notice(
    s: &crate::signals::Scored,
    compared_with: &str,
    indicators: &[IndicatorRow],
    more: Markup,
) -> Markup {
    let class = match s.level() {
        Some(SignalLevel::StrongPressure) => "notice notice-error",
        Some(SignalLevel::Pressure) => "notice notice-warning",
        _ => "notice",
    };
    html! {
        section class=(class) aria-labelledby="signaal-kop" {
            h2 #signaal-kop { "Signaal: "
                @match (s.level(), s.score.score) {
                    (Some(l), Some(v)) => { (l.label()) " (score " (format::number(v, 2)) ")" },
                    _ => "geen gegevens",
                }
            }
            @if !s.score.contributions.is_empty() {
                p { "Vergeleken met " (compared_with) ". Wat de score bepaalt, grootste eerst. Een standaarddeviatie is de gewone afstand tot het gemiddelde: 1 betekent duidelijk anders dan de meeste, 2 of meer uitzonderlijk." }
                ul.drivers {
                    @for c in s.score.contributions.iter().take(4) {
                        @let ind = indicators.iter().find(|i| i.code == c.indicator);
                        li {
                            (ind.map_or(c.indicator.as_str(), |i| i.name.as_str())) ": "
                            (fmt_value(c.value, ind.map_or("", |i| i.unit.as_str())))
                            " (" (if c.pressure >= 0.0 { "ongunstiger" } else { "gunstiger" }) " dan gemiddeld, "
                            (format::number(c.pressure.abs(), 1)) (if format::number(c.pressure.abs(), 1) == "1,0" { " standaarddeviatie" } else { " standaarddeviaties" }) "; bijdrage " (format::number(c.share, 2)) ")"
                        }
                    }
                }
                (more)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use maud::html;

    use super::demo_rows::scored;

    #[test]
    fn a_unit_the_name_already_says_is_not_repeated() {
        let name = "Geregistreerde misdrijven per 1.000 inwoners";
        assert_eq!(super::unit_suffix_for(name, "per 1.000 inwoners"), "");
        assert_eq!(super::unit_suffix_for("Leegstand", "%"), " (%)");
        assert_eq!(super::unit_suffix_for("Inwoners", "aantal"), "");
    }

    #[test]
    fn a_signal_says_standaarddeviaties_and_what_they_mean() {
        let mut s = scored("BU1", Some(1.4), &[("misdrijven", 40.0, 1.0)]);
        s.score.contributions[0].pressure = 2.5;
        let page = super::signal_notice(&s, "de buurten", &[], html! {}).into_string();
        assert!(page.contains("2,5 standaarddeviaties"), "{page}");
        assert!(page.contains("Een standaarddeviatie is"), "{page}");
        s.score.contributions[0].pressure = 1.0;
        let page = super::signal_notice(&s, "de buurten", &[], html! {}).into_string();
        assert!(page.contains("1,0 standaarddeviatie;"), "{page}");
    }
}
