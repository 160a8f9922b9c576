//! The template form as the user typed it (text, so a refused form shows
//! it again unchanged), and reading it into a [`Template`]: every problem
//! is named by the id of its field, in Dutch. Numbers follow the core's
//! rules: the parsed template is checked with `wikken_core::validate` on a
//! one-option model, and each problem is mapped back to its row.

use wikken_core::case::catalogue::{
    PrimaryProcess, Role, Route, STANDARD_ACTORS, Template, Unit, standard_actor_name,
};
use wikken_core::case::{CaseArea, CaseDoc, DecisionLevel};
use wikken_core::format;
use wikken_core::model::{Adjust, Category, Distribution, Flow, FlowKind, PmItem, PmSign};

use super::CATEGORIES;

/// InputErrors as (field id, Dutch message), in form order.
pub type Errors = Vec<(String, String)>;

/// Most rows a form may have: the flows and PM-posten an option may have
/// (more is refused as tampering).
const MAX_ROWS: usize = {
    let (flows, pm) = (
        wikken_core::limits::FLOWS_PER_OPTION.max,
        wikken_core::limits::PM_PER_OPTION.max,
    );
    if flows > pm { flows } else { pm }
};
/// Latest year index a template may use (the last of the longest horizon).
const LAST_YEAR: i64 = wikken_core::limits::HORIZON_YEARS.max as i64 - 1;

/// One row of the flows table, as typed.
#[derive(Debug, Clone, Default)]
pub struct FlowRow {
    pub partij: String,
    pub soort: String,
    pub omschrijving: String,
    pub bedrag: String,
    pub van: String,
    pub tot: String,
    pub groei: String,
    pub deadweight: String,
    pub attributie: String,
    pub verplaatsing: String,
    pub dropoff: String,
    pub verdeling: String,
    pub laag: String,
    pub hoog: String,
    pub sd: String,
}

impl FlowRow {
    /// The text fields, for deciding whether a row is left empty.
    fn texts(&self) -> [&str; 12] {
        [
            &self.omschrijving,
            &self.bedrag,
            &self.van,
            &self.tot,
            &self.groei,
            &self.deadweight,
            &self.attributie,
            &self.verplaatsing,
            &self.dropoff,
            &self.laag,
            &self.hoog,
            &self.sd,
        ]
    }

    fn is_blank(&self) -> bool {
        self.texts().iter().all(|s| s.trim().is_empty())
    }
}

/// One PM-post row, as typed.
#[derive(Debug, Clone, Default)]
pub struct PmRow {
    pub omschrijving: String,
    pub partij: String,
    pub teken: String,
    pub toelichting: String,
}

impl PmRow {
    fn is_blank(&self) -> bool {
        self.omschrijving.trim().is_empty() && self.toelichting.trim().is_empty()
    }
}

/// The whole form, as typed.
#[derive(Debug, Clone, Default)]
pub struct TemplateForm {
    pub naam: String,
    pub categorie: String,
    pub beschrijving: String,
    pub eenheid: String,
    pub aantal: String,
    pub bron: String,
    pub processen: Vec<String>,
    pub rollen: Vec<String>,
    pub routes: Vec<String>,
    pub stromen: Vec<FlowRow>,
    pub pm: Vec<PmRow>,
    /// The user asked for more empty rows (nothing is saved).
    pub more_rows: bool,
}

/// A row index and field from `stroom-3-bedrag`.
fn row_field<'a>(key: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let (i, field) = key.strip_prefix(prefix)?.split_once('-')?;
    let i: usize = i.parse().ok()?;
    (i < MAX_ROWS).then_some((i, field))
}

fn row<T: Default>(rows: &mut Vec<T>, i: usize) -> &mut T {
    if rows.len() <= i {
        rows.resize_with(i + 1, T::default);
    }
    &mut rows[i]
}

/// A number as shown in the form: "75.000", "0,5", "-7".
pub fn number_text(x: f64) -> String {
    let s = format::number(x, 4);
    let s = s.trim_end_matches('0').trim_end_matches(',');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A number as typed: "75.000", "75000", "1.234,5", "0,25" or "0.25", with
/// or without "€" and "%".
pub fn parse_number(raw: &str) -> Option<f64> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '%'))
        .collect();
    let s = s.replace('−', "-");
    let normal = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else {
        let groups: Vec<&str> = s.trim_start_matches('-').split('.').collect();
        let thousands = groups.len() > 1
            && !groups[0].is_empty()
            && !groups[0].starts_with('0')
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if thousands { s.replace('.', "") } else { s }
    };
    normal.parse::<f64>().ok().filter(|x| x.is_finite())
}

impl TemplateForm {
    /// The form from posted fields.
    pub fn from_fields(fields: &[(String, String)]) -> TemplateForm {
        let mut f = TemplateForm::default();
        for (k, v) in fields {
            let v = v.clone();
            match k.as_str() {
                "naam" => f.naam = v,
                "categorie" => f.categorie = v,
                "beschrijving" => f.beschrijving = v,
                "eenheid" => f.eenheid = v,
                "aantal" => f.aantal = v,
                "bron" => f.bron = v,
                "proces" => f.processen.push(v),
                "rol" => f.rollen.push(v),
                "route" => f.routes.push(v),
                "actie" => f.more_rows = v == "meer-rijen",
                _ => {
                    if let Some((i, field)) = row_field(k, "stroom-") {
                        let r = row(&mut f.stromen, i);
                        let slot = match field {
                            "partij" => &mut r.partij,
                            "soort" => &mut r.soort,
                            "omschrijving" => &mut r.omschrijving,
                            "bedrag" => &mut r.bedrag,
                            "van" => &mut r.van,
                            "tot" => &mut r.tot,
                            "groei" => &mut r.groei,
                            "deadweight" => &mut r.deadweight,
                            "attributie" => &mut r.attributie,
                            "verplaatsing" => &mut r.verplaatsing,
                            "dropoff" => &mut r.dropoff,
                            "verdeling" => &mut r.verdeling,
                            "laag" => &mut r.laag,
                            "hoog" => &mut r.hoog,
                            "sd" => &mut r.sd,
                            _ => continue,
                        };
                        *slot = v;
                    } else if let Some((i, field)) = row_field(k, "pm-") {
                        let r = row(&mut f.pm, i);
                        let slot = match field {
                            "omschrijving" => &mut r.omschrijving,
                            "partij" => &mut r.partij,
                            "teken" => &mut r.teken,
                            "toelichting" => &mut r.toelichting,
                            _ => continue,
                        };
                        *slot = v;
                    }
                }
            }
        }
        f
    }

    /// The form filled with a template.
    pub fn from_template(t: &Template) -> TemplateForm {
        let pct = |x: f64| number_text(x * 100.0);
        let stromen = t
            .flows
            .iter()
            .map(|f| {
                let a = f.adjust.unwrap_or_default();
                let adj = |x: f64| {
                    if f.adjust.is_some() {
                        pct(x)
                    } else {
                        String::new()
                    }
                };
                let (verdeling, laag, hoog, sd) = match f.uncertainty {
                    None => ("", None, None, None),
                    Some(Distribution::Triangular { low, high }) => {
                        ("driehoek", Some(low), Some(high), None)
                    }
                    Some(Distribution::Pert { low, high }) => ("pert", Some(low), Some(high), None),
                    Some(Distribution::Uniform { low, high }) => {
                        ("uniform", Some(low), Some(high), None)
                    }
                    Some(Distribution::Normal { sd }) => ("normaal", None, None, Some(sd)),
                };
                let opt = |x: Option<f64>| x.map(number_text).unwrap_or_default();
                FlowRow {
                    partij: f.actor.clone(),
                    soort: kind_value(f.kind).into(),
                    omschrijving: f.label.clone(),
                    bedrag: number_text(f.amount),
                    van: f.from_year.to_string(),
                    tot: f.last_year().to_string(),
                    groei: if f.growth == 0.0 {
                        String::new()
                    } else {
                        pct(f.growth)
                    },
                    deadweight: adj(a.deadweight),
                    attributie: adj(a.attribution),
                    verplaatsing: adj(a.displacement),
                    dropoff: adj(a.drop_off),
                    verdeling: verdeling.into(),
                    laag: opt(laag),
                    hoog: opt(hoog),
                    sd: opt(sd),
                }
            })
            .collect();
        TemplateForm {
            naam: t.name.clone(),
            categorie: t.category.as_str().into(),
            beschrijving: t.description.clone(),
            eenheid: t.unit.as_str().into(),
            aantal: number_text(t.typical_quantity),
            bron: t.source.clone(),
            processen: t.processes.iter().map(|p| p.as_str().into()).collect(),
            rollen: t.roles.iter().map(|r| r.as_str().into()).collect(),
            routes: t.routes.iter().map(|r| r.as_str().into()).collect(),
            stromen,
            pm: t
                .pm
                .iter()
                .map(|p| PmRow {
                    omschrijving: p.label.clone(),
                    partij: p.actor.clone().unwrap_or_default(),
                    teken: p.sign.as_str().into(),
                    toelichting: p.note.clone().unwrap_or_default(),
                })
                .collect(),
            more_rows: false,
        }
    }

    /// Adds empty rows so that at least `flows` and `pm` empty ones end
    /// the tables.
    pub fn with_blank_rows(mut self, flows: usize, pm: usize) -> TemplateForm {
        let blank_flows = self
            .stromen
            .iter()
            .rev()
            .take_while(|r| r.is_blank())
            .count();
        let blank_pm = self.pm.iter().rev().take_while(|r| r.is_blank()).count();
        let n = (self.stromen.len() + flows.saturating_sub(blank_flows)).min(MAX_ROWS);
        self.stromen.resize_with(n, FlowRow::default);
        let n = (self.pm.len() + pm.saturating_sub(blank_pm)).min(MAX_ROWS);
        self.pm.resize_with(n, PmRow::default);
        self
    }

    /// The template this form describes, under `key`, or every problem.
    pub fn read(&self, key: &str) -> Result<Template, Errors> {
        let mut e = Errors::new();
        let mut err = |field: String, msg: String| e.push((field, msg));
        let name = text(&self.naam, "naam", "de naam", 100, &mut err);
        let category = CATEGORIES
            .into_iter()
            .find(|c| c.as_str() == self.categorie);
        if category.is_none() {
            err("categorie".into(), "Kies stenen, sociaal of beleid.".into());
        }
        let description = text(
            &self.beschrijving,
            "beschrijving",
            "een beschrijving",
            4000,
            &mut err,
        );
        let unit = Unit::parse(&self.eenheid);
        if unit.is_none() {
            err("eenheid".into(), "Kies een eenheid.".into());
        }
        let quantity = match parse_number(&self.aantal) {
            Some(q) if q > 0.0 && q <= 1_000_000.0 => q,
            _ => {
                err(
                    "aantal".into(),
                    format!(
                        "\"{}\" is geen aantal: een getal groter dan 0, bijvoorbeeld 40.",
                        self.aantal.trim()
                    ),
                );
                1.0
            }
        };
        let routes: Vec<Route> = self.routes.iter().filter_map(|r| Route::parse(r)).collect();
        if !routes.is_empty() && category.is_some_and(|c| c != Category::Sociaal) {
            err(
                "route".into(),
                "Een stijgingsroute hoort alleen bij een sociale interventie.".into(),
            );
        }
        let source = text(
            &self.bron,
            "bron",
            "de bron en hoe zeker de cijfers zijn",
            6000,
            &mut err,
        );

        let mut flows = Vec::new();
        let mut flow_rows = Vec::new();
        for (i, r) in self
            .stromen
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.is_blank())
        {
            if let Some(f) = read_flow(i, r, &mut err) {
                flows.push(f);
                flow_rows.push(i);
            }
        }
        if self.stromen.iter().all(FlowRow::is_blank) {
            err(
                "stromen".into(),
                "Geef ten minste één regel met kosten of baten.".into(),
            );
        }
        let mut pm = Vec::new();
        let mut pm_rows = Vec::new();
        for (i, r) in self.pm.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
            if let Some(p) = read_pm(i, r, &mut err) {
                pm.push(p);
                pm_rows.push(i);
            }
        }
        let template = Template {
            key: key.to_string(),
            name,
            category: category.unwrap_or(Category::Stenen),
            description,
            unit: unit.unwrap_or_default(),
            typical_quantity: quantity,
            processes: self
                .processen
                .iter()
                .filter_map(|p| PrimaryProcess::parse(p))
                .collect(),
            roles: self.rollen.iter().filter_map(|r| Role::parse(r)).collect(),
            routes,
            flows,
            pm,
            source,
            basis: Default::default(),
        };
        for (field, msg) in core_problems(&template, &flow_rows, &pm_rows) {
            if !e.iter().any(|(f, _)| *f == field) {
                e.push((field, msg));
            }
        }
        if e.is_empty() { Ok(template) } else { Err(e) }
    }
}

/// "kosten" or "baten".
pub fn kind_value(k: FlowKind) -> &'static str {
    match k {
        FlowKind::Cost => "kosten",
        FlowKind::Benefit => "baten",
    }
}

fn text(
    raw: &str,
    field: &str,
    what: &str,
    max: usize,
    err: &mut impl FnMut(String, String),
) -> String {
    let v = raw.trim();
    if v.is_empty() {
        err(field.into(), format!("Vul {what} in."));
    } else if v.chars().count() > max {
        err(field.into(), format!("Te lang: ten hoogste {max} tekens."));
    }
    v.to_string()
}

fn read_flow(i: usize, r: &FlowRow, err: &mut impl FnMut(String, String)) -> Option<Flow> {
    let id = |f: &str| format!("stroom-{i}-{f}");
    let mut ok = true;
    let mut fail = |f: &str, msg: String| {
        ok = false;
        err(id(f), msg);
    };
    if standard_actor_name(&r.partij).is_none() {
        fail("partij", "Kies een partij.".into());
    }
    let kind = match r.soort.as_str() {
        "kosten" => Some(FlowKind::Cost),
        "baten" => Some(FlowKind::Benefit),
        _ => None,
    };
    if kind.is_none() {
        fail("soort", "Kies kosten of baten.".into());
    }
    let mut number = |f: &str, raw: &str, required: Option<&str>| -> Option<f64> {
        if raw.trim().is_empty() {
            if let Some(what) = required {
                fail(f, format!("Vul {what} in."));
            }
            return None;
        }
        let x = parse_number(raw);
        if x.is_none() {
            fail(f, format!("\"{}\" is geen getal.", raw.trim()));
        }
        x
    };
    let amount = number("bedrag", &r.bedrag, Some("een bedrag in euro per jaar"));
    let from = number("van", &r.van, None);
    let to = number("tot", &r.tot, None);
    let growth = number("groei", &r.groei, None);
    let shares = [
        number("deadweight", &r.deadweight, None),
        number("attributie", &r.attributie, None),
        number("verplaatsing", &r.verplaatsing, None),
        number("dropoff", &r.dropoff, None),
    ];
    let (low, high, sd) = match r.verdeling.as_str() {
        "driehoek" | "pert" | "uniform" => (
            number("laag", &r.laag, Some("een ondergrens")),
            number("hoog", &r.hoog, Some("een bovengrens")),
            None,
        ),
        "normaal" => (
            None,
            None,
            number("sd", &r.sd, Some("een standaardafwijking")),
        ),
        _ => (None, None, None),
    };
    let mut year = |f: &str, x: Option<f64>, default: i64| -> i64 {
        match x {
            None => default,
            Some(y) if y.fract() == 0.0 && (0.0..=LAST_YEAR as f64).contains(&y) => y as i64,
            Some(_) => {
                fail(
                    f,
                    format!(
                        "Een jaar is een geheel getal van 0 (het startjaar) tot en met {LAST_YEAR}."
                    ),
                );
                default
            }
        }
    };
    let from_year = year("van", from, 0);
    let to_year = year("tot", to, from_year);
    let uncertainty = match (r.verdeling.as_str(), low, high, sd) {
        ("driehoek", Some(low), Some(high), _) => Some(Distribution::Triangular { low, high }),
        ("pert", Some(low), Some(high), _) => Some(Distribution::Pert { low, high }),
        ("uniform", Some(low), Some(high), _) => Some(Distribution::Uniform { low, high }),
        ("normaal", _, _, Some(sd)) => Some(Distribution::Normal { sd }),
        _ => None,
    };
    if !ok {
        return None;
    }
    let share = |x: Option<f64>| x.unwrap_or(0.0) / 100.0;
    Some(Flow {
        actor: r.partij.clone(),
        kind: kind?,
        label: r.omschrijving.trim().to_string(),
        amount: amount?,
        from_year,
        to_year: Some(to_year),
        growth: share(growth),
        adjust: shares.iter().any(Option::is_some).then(|| Adjust {
            deadweight: share(shares[0]),
            attribution: share(shares[1]),
            displacement: share(shares[2]),
            drop_off: share(shares[3]),
        }),
        uncertainty,
    })
}

fn read_pm(i: usize, r: &PmRow, err: &mut impl FnMut(String, String)) -> Option<PmItem> {
    let id = |f: &str| format!("pm-{i}-{f}");
    let sign = match r.teken.as_str() {
        "+" => Some(PmSign::Plus),
        "-" => Some(PmSign::Minus),
        "0" => Some(PmSign::Zero),
        _ => None,
    };
    if sign.is_none() {
        err(id("teken"), "Kies positief, negatief of onbekend.".into());
    }
    let actor = (!r.partij.is_empty()).then(|| r.partij.clone());
    if actor
        .as_deref()
        .is_some_and(|a| standard_actor_name(a).is_none())
    {
        err(id("partij"), "Kies een partij uit de lijst.".into());
        return None;
    }
    let note = r.toelichting.trim();
    Some(PmItem {
        label: r.omschrijving.trim().to_string(),
        actor,
        sign: sign?,
        note: (!note.is_empty()).then(|| note.to_string()),
    })
}

/// The core's rules on the template as a one-option model, each problem
/// as (field id, Dutch message).
fn core_problems(t: &Template, flow_rows: &[usize], pm_rows: &[usize]) -> Errors {
    let mut doc = CaseDoc::new("Sjabloon", DecisionLevel::Wijk, CaseArea::default(), 2026);
    doc.horizon_years = LAST_YEAR + 1;
    for (id, _) in STANDARD_ACTORS {
        doc.ensure_actor(id);
    }
    if doc.add_from_template(t, 1.0).is_err() {
        return Errors::new();
    }
    let problems = wikken_core::validate::validate(&doc.to_model());
    let mut out = Errors::new();
    for p in problems.iter() {
        let Some(rest) = p.path.strip_prefix("options[0].") else {
            continue;
        };
        let place = |list: &str| -> Option<(usize, String)> {
            let rest = rest.strip_prefix(list)?.strip_prefix('[')?;
            let (j, field) = rest.split_once(']')?;
            Some((j.parse().ok()?, field.trim_start_matches('.').to_string()))
        };
        if let Some((j, field)) = place("flows") {
            let Some(i) = flow_rows.get(j) else { continue };
            let (name, msg) = flow_message(&field, &p.message);
            out.push((format!("stroom-{i}-{name}"), msg.to_string()));
        } else if let Some((j, field)) = place("pm") {
            let Some(i) = pm_rows.get(j) else { continue };
            let name = if field == "actor" {
                "partij"
            } else {
                "omschrijving"
            };
            let msg = if field == "actor" {
                "Kies een partij uit de lijst."
            } else {
                "Vul een omschrijving in."
            };
            out.push((format!("pm-{i}-{name}"), msg.to_string()));
        }
    }
    out
}

/// The form field and Dutch message for a core problem at a flow's field.
fn flow_message(field: &str, english: &str) -> (&'static str, &'static str) {
    if english.contains("1e15") {
        let name = match field {
            "uncertainty.low" => "laag",
            "uncertainty.high" => "hoog",
            "uncertainty.sd" => "sd",
            _ => "bedrag",
        };
        return (name, "Dit getal is te groot.");
    }
    match field {
        "actor" => ("partij", "Kies een partij."),
        "amount" => (
            "bedrag",
            "Het bedrag is 0 of meer; een besparing is een baat.",
        ),
        "from_year" => ("van", "Het beginjaar is 0 of later."),
        "to_year" => ("tot", "Het eindjaar ligt niet vóór het beginjaar."),
        "growth" => ("groei", "De groei ligt tussen -50 % en 50 % per jaar."),
        "adjust" => (
            "deadweight",
            "Correcties (deadweight, attributie, verplaatsing, drop-off) horen alleen bij baten.",
        ),
        "adjust.deadweight" => ("deadweight", "Een percentage van 0 tot en met 100."),
        "adjust.attribution" => ("attributie", "Een percentage van 0 tot en met 100."),
        "adjust.displacement" => ("verplaatsing", "Een percentage van 0 tot en met 100."),
        "adjust.drop_off" => ("dropoff", "Een percentage van 0 tot en met 100."),
        "uncertainty.low" => ("laag", "De ondergrens ligt niet boven het bedrag."),
        "uncertainty.high" if english.contains("PERT") => (
            "hoog",
            "Bij PERT ligt de bovengrens boven de ondergrens; kies driehoek voor een vast bedrag.",
        ),
        "uncertainty.high" => ("hoog", "De bovengrens ligt niet onder het bedrag."),
        "uncertainty.sd" => ("sd", "De standaardafwijking is 0 of meer."),
        _ => ("bedrag", "Deze regel klopt niet."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wikken_core::case::catalogue::default_templates;

    #[test]
    fn numbers_read_the_dutch_way() {
        assert_eq!(parse_number("75.000"), Some(75_000.0));
        assert_eq!(parse_number("€ 1.234,5"), Some(1_234.5));
        assert_eq!(parse_number("0,25"), Some(0.25));
        assert_eq!(parse_number("0.225"), Some(0.225));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("-7 %"), Some(-7.0));
        assert_eq!(parse_number("veel"), None);
        assert_eq!(number_text(75_000.0), "75.000");
        assert_eq!(number_text(-7.000000000000001), "-7");
        assert_eq!(number_text(0.5), "0,5");
    }

    #[test]
    fn every_default_template_survives_the_form() {
        for t in default_templates() {
            let form = TemplateForm::from_template(&t).with_blank_rows(3, 2);
            let mut read = form.read(&t.key).unwrap();
            // the form does not show the basis; an edit keeps the stored one
            assert!(read.basis.is_empty());
            read.basis = t.basis.kept_for(&read);
            assert_eq!(read, t, "{}", t.key);
        }
    }

    #[test]
    fn problems_name_their_field() {
        let t = &default_templates()[0];
        let mut form = TemplateForm::from_template(t);
        form.naam = " ".into();
        form.stromen[0].bedrag = "veel".into();
        form.stromen[1].laag = "999999999".into();
        form.stromen[2].van = "3".into();
        form.stromen[2].tot = "1".into();
        form.stromen[3].deadweight = "20".into();
        form.stromen[3].soort = "kosten".into();
        let errors = form.read(&t.key).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        for f in [
            "naam",
            "stroom-0-bedrag",
            "stroom-1-laag",
            "stroom-2-tot",
            "stroom-3-deadweight",
        ] {
            assert!(fields.contains(&f), "{f} in {errors:?}");
        }
    }
}
