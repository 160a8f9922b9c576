//! The rules a change to prestatieafspraken is checked against before
//! it is applied, each broken rule an [`Objection`] naming its field.

use super::command::{ActionValues, GoalValues};
use super::{
    Agreement, IndicatorSource, MAX_NAME, MAX_PARTIES, MAX_YEARS, Objection, Party, PartyKind,
    Refusal,
};
use crate::goals::Direction;

pub(super) fn objection(field: impl Into<String>, message: impl Into<String>) -> Objection {
    Objection {
        field: field.into(),
        message: message.into(),
        theirs: None,
    }
}

pub(super) fn refuse(objections: Vec<Objection>) -> Result<(), Refusal> {
    if objections.is_empty() {
        Ok(())
    } else {
        Err(Refusal { objections })
    }
}

pub(super) fn text_objections(
    field: &str,
    label: &str,
    text: &str,
    required: bool,
    max: usize,
) -> Vec<Objection> {
    let mut out = Vec::new();
    if required && text.trim().is_empty() {
        out.push(objection(field, format!("Vul {label} in.")));
    }
    if text.chars().count() > max {
        out.push(objection(
            field,
            format!(
                "{} is langer dan {max} tekens.",
                crate::format::capitalised(label)
            ),
        ));
    }
    out
}

/// The rules for title and years.
pub(super) fn basics_objections(title: &str, first_year: i32, last_year: i32) -> Vec<Objection> {
    let mut out = text_objections("titel", "een titel", title, true, MAX_NAME);
    if !(2000..=2100).contains(&first_year) {
        out.push(objection(
            "eerste_jaar",
            "Kies een eerste jaar tussen 2000 en 2100.",
        ));
    }
    if last_year < first_year {
        out.push(objection(
            "laatste_jaar",
            "Het laatste jaar ligt vóór het eerste jaar.",
        ));
    } else if last_year - first_year + 1 > MAX_YEARS {
        out.push(objection(
            "laatste_jaar",
            format!("Prestatieafspraken lopen hoogstens {MAX_YEARS} jaar."),
        ));
    }
    out
}

/// The rules for the parties as a whole.
pub(super) fn parties_objections(parties: &[Party]) -> Vec<Objection> {
    let mut out = Vec::new();
    if parties.len() > MAX_PARTIES {
        out.push(objection(
            "partijen",
            format!("Hoogstens {MAX_PARTIES} partijen."),
        ));
    }
    for (i, p) in parties.iter().enumerate() {
        out.extend(text_objections(
            &format!("partijen[{i}].naam"),
            "de naam van de partij",
            &p.name,
            true,
            MAX_NAME,
        ));
        if parties[..i]
            .iter()
            .any(|q| q.name.trim().eq_ignore_ascii_case(p.name.trim()))
        {
            out.push(objection(
                format!("partijen[{i}].naam"),
                format!("Er is al een partij \"{}\".", p.name.trim()),
            ));
        }
    }
    for kind in [
        PartyKind::Corporatie,
        PartyKind::Gemeente,
        PartyKind::Huurdersorganisatie,
    ] {
        if !parties.iter().any(|p| p.kind == kind && p.signs) {
            out.push(objection(
                "partijen",
                format!(
                    "Prestatieafspraken hebben een ondertekenende {} nodig.",
                    kind.label()
                ),
            ));
        }
    }
    out
}

/// Whether a value lies strictly on the better side of another.
fn better(direction: Direction, value: f64, than: f64) -> bool {
    match direction {
        Direction::Up => value > than,
        Direction::Down => value < than,
    }
}

pub(super) fn goal_objections(a: &Agreement, v: &GoalValues) -> Vec<Objection> {
    let mut out = text_objections("titel", "het doel in woorden", &v.title, true, MAX_NAME);
    out.extend(text_objections(
        "indicator.naam",
        "de naam van de indicator",
        &v.indicator.name,
        true,
        MAX_NAME,
    ));
    out.extend(text_objections(
        "indicator.eenheid",
        "de eenheid",
        &v.indicator.unit,
        false,
        40,
    ));
    if let IndicatorSource::Monitor { code } = &v.indicator.source
        && code.trim().is_empty()
    {
        out.push(objection(
            "indicator",
            "Kies een indicator uit de wijkmonitor, of een indicator die u zelf invult.",
        ));
    }
    if v.area.code.trim().is_empty() {
        out.push(objection(
            "gebied",
            "Kies het gebied waar het doel over gaat.",
        ));
    }
    for (field, p) in [("nulmeting", &v.baseline), ("streefwaarde", &v.target)] {
        if !p.value.is_finite() {
            out.push(objection(format!("{field}.waarde"), "Vul een getal in."));
        }
        if !(1990..=2100).contains(&p.year) {
            out.push(objection(
                format!("{field}.jaar"),
                "Kies een jaar tussen 1990 en 2100.",
            ));
        }
    }
    if v.target.year <= v.baseline.year {
        out.push(objection(
            "streefwaarde.jaar",
            "Het streefjaar moet na het jaar van de nulmeting liggen.",
        ));
    } else if v.target.year > a.last_year + MAX_YEARS {
        out.push(objection(
            "streefwaarde.jaar",
            "Het streefjaar ligt te ver na de looptijd van de afspraken.",
        ));
    }
    if v.baseline.value.is_finite()
        && v.target.value.is_finite()
        && !better(v.direction, v.target.value, v.baseline.value)
    {
        let side = match v.direction {
            Direction::Up => "hoger dan",
            Direction::Down => "lager dan",
        };
        out.push(objection(
            "streefwaarde.waarde",
            format!("Bij deze richting moet de streefwaarde {side} de nulmeting zijn; anders is het doel niet meetbaar."),
        ));
    }
    if !(1..=10).contains(&v.interval_years) {
        out.push(objection(
            "interval",
            "Een nieuw cijfer verschijnt elke 1 tot 10 jaar.",
        ));
    }
    for (i, c) in v.contributions.iter().enumerate() {
        out.extend(unknown_party(a, format!("bijdragen[{i}].partij"), &c.party));
        if !c.amount.is_finite() || c.amount < 0.0 {
            out.push(objection(
                format!("bijdragen[{i}].bedrag"),
                "Een bijdrage is een bedrag van € 0 of meer.",
            ));
        }
    }
    out
}

/// The objection to `party` at `field` when it is not a party to `a`.
fn unknown_party(a: &Agreement, field: String, party: &str) -> Option<Objection> {
    a.party(party).is_none().then(|| {
        objection(
            field,
            format!("\"{party}\" is geen partij bij deze afspraken."),
        )
    })
}

pub(super) fn action_objections(a: &Agreement, v: &ActionValues) -> Vec<Objection> {
    let mut out = text_objections("titel", "wat er gebeurt", &v.title, true, MAX_NAME);
    out.extend(text_objections(
        "prestatie",
        "de prestatie (hoeveel, hoe goed)",
        &v.measure,
        true,
        MAX_NAME,
    ));
    out.extend(text_objections(
        "contactpersoon",
        "de contactpersoon",
        &v.lead_person,
        false,
        MAX_NAME,
    ));
    if !a.years().contains(&v.year) {
        out.push(objection(
            "jaar",
            format!(
                "Kies een jaar van de afspraken: {} tot en met {}.",
                a.first_year, a.last_year
            ),
        ));
    }
    if a.party(&v.lead).is_none() {
        out.push(objection(
            "kartrekker",
            "Kies de kartrekker uit de partijen.",
        ));
    }
    for (i, r) in v.roles.iter().enumerate() {
        out.extend(unknown_party(a, format!("rollen[{i}].partij"), &r.party));
        if v.roles[..i].iter().any(|q| q.party == r.party) {
            out.push(objection(
                format!("rollen[{i}].partij"),
                format!("{} staat er twee keer in.", r.party),
            ));
        }
        out.extend(text_objections(
            &format!("rollen[{i}].taak"),
            "de taak",
            &r.task,
            true,
            MAX_NAME,
        ));
        if !r.budget.is_finite() || r.budget < 0.0 {
            out.push(objection(
                format!("rollen[{i}].budget"),
                "Een budget is een bedrag van € 0 of meer.",
            ));
        }
    }
    if !v.roles.iter().any(|r| r.party == v.lead) {
        out.push(objection(
            "rollen",
            "Geef ook de rol en taak van de kartrekker.",
        ));
    }
    for g in &v.goals {
        if a.goal(g).is_none() {
            out.push(objection(
                "doelen",
                format!("Doel {g} bestaat niet (meer)."),
            ));
        }
    }
    out
}
