//! Step 5: criteria that are not in euros, and their weights: shared and
//! per party, directly, by dividing 100 points, or by AHP pairwise
//! comparison with the consistency ratio shown live (`/api/ahp`) and the
//! most inconsistent pair pointed out.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use serde::{Deserialize, Serialize};
use wikken_core::case::command::{CaseCommand, WeightHolder};
use wikken_core::case::merge::Change;
use wikken_core::case::weights::{check_ahp, matrix_from_upper};
use wikken_core::case::{CaseDoc, WeightMethod, Weighting};
use wikken_core::format;
use wikken_core::model::{Direction, McaMethod};
use wikken_core::validate::AHP_MAX_CRITERIA;

use super::form::{Fields, FormState, input_number, text_input};
use super::kit::{
    CaseForm, Step, Submitted, base, base_field, capitalised, form_fields, refused, saved, submit,
};
use super::start::area_aside;
use super::{Loaded, action_button, case_header, submit_button};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// Saaty's scale as offered per pair: (value, label). Positive: the left
/// criterion is more important; negative: the right one.
const SCALE: [(i32, &str); 9] = [
    (9, "links extreem belangrijker (9)"),
    (7, "links veel belangrijker (7)"),
    (5, "links belangrijker (5)"),
    (3, "links iets belangrijker (3)"),
    (1, "even belangrijk (1)"),
    (-3, "rechts iets belangrijker (3)"),
    (-5, "rechts belangrijker (5)"),
    (-7, "rechts veel belangrijker (7)"),
    (-9, "rechts extreem belangrijker (9)"),
];

fn scale_value(m: f64) -> i32 {
    let v = if m >= 1.0 { m } else { -1.0 / m };
    SCALE
        .iter()
        .map(|(s, _)| *s)
        .min_by(|a, b| {
            (f64::from(*a) - v)
                .abs()
                .total_cmp(&(f64::from(*b) - v).abs())
        })
        .unwrap_or(1)
}

fn matrix_value(v: i32) -> f64 {
    match v {
        v if v >= 1 => f64::from(v),
        // negated as a float: -i32::MIN does not fit an i32
        v if v <= -1 => 1.0 / -f64::from(v),
        _ => 1.0,
    }
}

/// A weighing's form: the prefix of its fields and the path it posts to
/// (under the case's URL). A party's fields and path are apart from the
/// shared ones, whatever the party is called.
fn holder_form(holder: &WeightHolder) -> (String, String) {
    match holder {
        WeightHolder::Shared => ("gedeeld".into(), "weging".into()),
        WeightHolder::Party(id) => (format!("partij.{id}"), format!("weging/partij/{id}")),
    }
}

/// The form of one weighing (shared or a party's), posting under the
/// case's URL.
pub(crate) fn weighting_form(
    ctx: &Ctx,
    case: &Loaded,
    holder: &WeightHolder,
    state: &FormState,
) -> Markup {
    let doc = case.doc();
    let default = Weighting::equal(&doc.criteria);
    let w = holder.weighting(doc).unwrap_or(&default);
    let (who, path) = holder_form(holder);
    let p = |k: &str| format!("{who}.{k}");
    let css = super::form::css_id(&who);
    let prefix = format!("{who}.");
    let mine = state.typed("_which") == Some(who.as_str())
        || state.values.keys().any(|k| k.starts_with(&prefix));
    let state = if mine { state } else { &FormState::default() };
    let method = state.value(&p("method"), || w.method.as_str().to_string());
    let result = w.weights(&doc.criteria);
    let n = doc.criteria.len();
    let matrix = w
        .ahp
        .clone()
        .filter(|m| m.len() == n && m.iter().all(|row| row.len() == n))
        .unwrap_or_else(|| matrix_from_upper(n, |_, _| 1.0));
    let check = (2..=AHP_MAX_CRITERIA)
        .contains(&n)
        .then(|| check_ahp(&matrix));
    html! {
        form.weighting method="post" action=(format!("{}/{path}", case.url())) data-ahp=(n) data-warn-unsaved {
            (form_fields(ctx, state, &who))
            (base_field(state, w))
            (state.message(""))
            h3 { (holder.name(doc)) }
            fieldset {
                legend { "Methode" }
                @for m in WeightMethod::ALL {
                    div.check {
                        input type="radio" name=(p("method")) value=(m.as_str()) id=(format!("{css}-{}", m.as_str())) checked[method == m.as_str()];
                        label for=(format!("{css}-{}", m.as_str())) { (m.label()) }
                    }
                }
            }
            div.method-direct {
                p.hint { "Direct gewicht: alleen de verhoudingen tellen. 100 punten: hele getallen die samen 100 zijn." }
                @for c in &doc.criteria {
                    @let name = p(&format!("w.{}", c.id));
                    (text_input(state, &name, &c.name, &w.values.get(&c.id).map_or(String::new(), |v| input_number(*v)), ""))
                }
                (state.message(&p("values")))
            }
            @if (2..=AHP_MAX_CRITERIA).contains(&n) {
                div.method-ahp {
                    p.hint { "Vergelijk steeds twee criteria: welke weegt zwaarder, en hoeveel?" }
                    @for i in 0..n { @for j in (i + 1)..n {
                        @let name = p(&format!("ahp.{i}.{j}"));
                        @let current: i32 = state.typed(&name).and_then(|v| v.parse().ok()).unwrap_or_else(|| scale_value(matrix[i][j]));
                        @let worst = check.as_ref().and_then(|c| c.worst_pair) == Some((i, j)) || check.as_ref().and_then(|c| c.worst_pair) == Some((j, i));
                        div.field.pair.worst-pair[worst] data-i=(i) data-j=(j) {
                            label for=(super::form::css_id(&name)) { (doc.criteria[i].name) " ↔ " (doc.criteria[j].name) }
                            select id=(super::form::css_id(&name)) name=(name) {
                                @for (v, l) in SCALE { option value=(v) selected[v == current] { (l) } }
                            }
                        }
                    } }
                    @if let Some(c) = &check {
                        p.ahp-check aria-live="polite" {
                            "Consistentieratio: " output.cr { (format::number(c.cr, 2)) }
                            @if c.cr > 0.1 {
                                " — " span.warning { "boven 0,10: de vergelijkingen spreken elkaar tegen." }
                                @if let Some((i, j)) = c.worst_pair { " Kijk eerst naar " strong { (doc.criteria[i].name) " ↔ " (doc.criteria[j].name) } "." }
                            } @else { " — voldoende consistent." }
                        }
                    }
                }
            }
            @match &result {
                Ok(weights) => p { "Gewichten nu: " @for ((k, c), share) in doc.criteria.iter().enumerate().zip(format::whole_percent_texts(weights)) { @if k > 0 { ", " } (c.name) " " (share) } },
                Err(e) => p.warning { "Deze weging telt nog niet mee: " (e) "." },
            }
            (submit_button(case, ctx, "Weging opslaan"))
            @if holder != &WeightHolder::Shared && holder.weighting(doc).is_some() && case.editable() && ctx.user.role.can_edit() {
                " " button.link-button type="submit" formaction=(format!("{}/{path}/verwijderen", case.url())) data-confirm="Deze eigen weging verwijderen?" { "Eigen weging verwijderen" }
            }
        }
    }
}

pub(crate) fn step5(ctx: &Ctx, case: &Loaded, state: &FormState, aside: &Markup) -> Markup {
    let doc = case.doc();
    let url = case.url();
    let edit = case.editable() && ctx.user.role.can_edit();
    html! {
        (case_header(case, Step::Weighing, aside))
        h1 { "Criteria en weging" }
        p.lead { "Niet alles is in euro's uit te drukken. Leg de criteria vast waarop de opties verder verschillen, en laat iedere partij haar eigen gewichten geven: zo ziet u waar de partijen het over eens zijn en waar niet." }
        p.notice { "Samen wegen met partners en bewoners, live vanaf hun telefoon? "
            a href=(case.sub_url("werkateliers")) { "Werkateliers bij deze afweging" }
            @if !doc.workshops.is_empty() { " (" (doc.workshops.len()) " afgesloten, " (doc.workshop_weightings().count()) " wegingen overgenomen)" } }
        (state.summary())
        h2 { "Criteria" }
        p.hint { "Een nieuw criterium geeft elke optie dezelfde neutrale score. Hoe elke optie er echt op scoort, vult u per optie in bij " a href=(case.sub_url("effecten")) { "stap 4 Effecten" } " (onder \"Scores op de criteria\"); zolang alle scores gelijk zijn, staan de opties in de MCA gelijk. Geld telt in de MCA alleen mee als u er een criterium van maakt." }
        @if doc.criteria.is_empty() { p { "Nog geen criteria. Denk aan leefbaarheid, veiligheid, betaalbaarheid, duurzaamheid, draagvlak en uitvoerbaarheid." } }
        @else {
            ul { @for c in &doc.criteria {
                li { (c.name) " " span.muted { "(" (if c.direction == Direction::Max { "meer is beter" } else { "minder is beter" }) ")" }
                    @if edit { " " (action_button(ctx, &format!("{url}/criteria/{}/verwijderen", c.id), "Verwijderen", "link-button", Some(&format!("Criterium {} verwijderen? De scores en gewichten erop gaan ook weg.", c.name)))) } }
            } }
        }
        @if edit {
            form.inline-form method="post" action=(format!("{url}/criteria")) data-warn-unsaved {
                (form_fields(ctx, state, "criteria"))
                (text_input(state, "criterion_name", "Nieuw criterium", "", ""))
                div.field {
                    label for="criterion_direction" { "Richting" }
                    select #criterion_direction name="criterion_direction" { option value="max" { "meer is beter" } option value="min" selected[state.typed("criterion_direction") == Some("min")] { "minder is beter" } }
                }
                button type="submit" { "Criterium toevoegen" }
            }
            form.inline-form method="post" action=(format!("{url}/mca")) {
                (form_fields(ctx, state, "mca"))
                div.field {
                    label for="mca_method" { "Rekenmethode MCA" }
                    select #mca_method name="mca_method" {
                        @for (m, l) in [(McaMethod::WeightedSum, "gewogen som"), (McaMethod::Topsis, "TOPSIS"), (McaMethod::Promethee2, "PROMETHEE II")] {
                            option value=(m.as_str()) selected[doc.mca_method == m] { (l) }
                        }
                    }
                }
                button type="submit" { "Methode opslaan" }
            }
        }
        @if !doc.criteria.is_empty() {
            h2 { "Gewichten" }
            div.weightings {
                (weighting_form(ctx, case, &WeightHolder::Shared, state))
                @for p in &doc.participants { (weighting_form(ctx, case, &WeightHolder::Party(p.id.clone()), state)) }
            }
            @if doc.participants.is_empty() { p { "Voeg bij stap 1 partijen toe om ieder een eigen weging te laten geven." } }
        }
        p { a.button href=(case.step_url(Step::Results)) { "Verder: resultaten" } }
    }
}

/// GET /afwegingen/{id}/weging
pub async fn page(State(app): State<AppState>, ctx: Ctx, case: Loaded) -> Result<Markup, AppError> {
    show_step5(&app, &ctx, &case, &FormState::default()).await
}

async fn show_step5(
    app: &AppState,
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
) -> Result<Markup, AppError> {
    let aside = area_aside(app, ctx, case).await?;
    Ok(layout::page(
        ctx,
        Section::Cases,
        "Criteria en weging",
        step5(ctx, case, state, &aside),
    ))
}

/// Submits a step-5 command: back to the page, or the page again with the
/// refusal next to its field.
async fn answer(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    form: &CaseForm,
    command: &CaseCommand,
    field: impl Fn(&str) -> String,
) -> Result<Response, AppError> {
    match submit(app, ctx, id, form, command, field).await? {
        Submitted::Saved => Ok(saved(&format!("/afwegingen/{id}/weging"))),
        Submitted::Refused(case, state) => Ok(refused(show_step5(app, ctx, &case, &state).await?)),
    }
}

/// The command the form adding a criterion asks for.
pub(crate) fn criterion_command(f: &Fields) -> CaseCommand {
    CaseCommand::AddCriterion {
        name: f.get("criterion_name").to_string(),
        direction: if f.get("criterion_direction") == "min" {
            Direction::Min
        } else {
            Direction::Max
        },
    }
}

/// The command the form choosing the MCA method asks for.
pub(crate) fn method_command(f: &Fields) -> CaseCommand {
    let method = match f.get("mca_method") {
        "topsis" => McaMethod::Topsis,
        "promethee2" => McaMethod::Promethee2,
        _ => McaMethod::WeightedSum,
    };
    CaseCommand::SetMethod { method }
}

/// POST /afwegingen/{id}/criteria
pub async fn add_criterion(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = criterion_command(&form.fields);
    answer(&app, &ctx, &id, &form, &command, |f| f.replace('.', "_")).await
}

/// POST /afwegingen/{id}/criteria/{criterion}/verwijderen
pub async fn remove_criterion(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, criterion)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = CaseCommand::RemoveCriterion { id: criterion };
    answer(&app, &ctx, &id, &form, &command, |_| {
        "criterion_name".into()
    })
    .await
}

/// POST /afwegingen/{id}/mca
pub async fn save_method(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    answer(&app, &ctx, &id, &form, &method_command(&form.fields), |f| {
        f.to_string()
    })
    .await
}

/// Reads a weighing form with field prefix `who`; errors land in `state`.
fn read_weighting(
    doc: &CaseDoc,
    who: &str,
    fields: &Fields,
    state: &mut FormState,
) -> Option<Weighting> {
    let p = |k: &str| format!("{who}.{k}");
    let Some(method) = WeightMethod::parse(fields.get(&p("method"))) else {
        let methods: Vec<&str> = WeightMethod::ALL.iter().map(|m| m.label()).collect();
        state.error(
            p("method"),
            format!("Kies een methode uit de lijst: {}.", methods.join(", ")),
        );
        return None;
    };
    let n = doc.criteria.len();
    let mut w = Weighting {
        method,
        values: Default::default(),
        ahp: None,
    };
    match method {
        WeightMethod::Direct | WeightMethod::Points => {
            for c in &doc.criteria {
                if let Some(v) = state.number(fields, &p(&format!("w.{}", c.id)), 0.0, 1e6) {
                    w.values.insert(c.id.clone(), v);
                }
            }
        }
        WeightMethod::Ahp => {
            w.ahp = Some(matrix_from_upper(n, |i, j| {
                matrix_value(fields.get(&p(&format!("ahp.{i}.{j}"))).parse().unwrap_or(1))
            }));
        }
    }
    if state.has_errors() {
        return None;
    }
    if let Err(e) = w.weights(&doc.criteria) {
        state.error(p("values"), format!("{}.", capitalised(&e.to_string())));
        return None;
    }
    Some(w)
}

/// The command a weighing form of `holder` asks for; the problems of
/// typing land in `state`.
pub(crate) fn weighting_command(
    doc: &CaseDoc,
    holder: WeightHolder,
    fields: &Fields,
    state: &mut FormState,
) -> Option<CaseCommand> {
    let (who, _) = holder_form(&holder);
    let now = read_weighting(doc, &who, fields, state)?;
    Some(CaseCommand::SetWeighting {
        holder,
        weighting: Change::from(base(fields), now),
    })
}

/// Saves the weighing of `holder` from its form.
async fn save(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    holder: WeightHolder,
    form: &CaseForm,
) -> Result<Response, AppError> {
    let case = super::load(app, ctx, id, None).await?;
    let (who, _) = holder_form(&holder);
    let mut state = FormState::from_fields(&form.fields);
    let Some(command) = weighting_command(case.doc(), holder, &form.fields, &mut state) else {
        return Ok(refused(show_step5(app, ctx, &case, &state).await?));
    };
    answer(app, ctx, id, form, &command, |_| format!("{who}.values")).await
}

/// POST /afwegingen/{id}/weging: the shared weighing.
pub async fn save_shared(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CaseForm,
) -> Result<Response, AppError> {
    save(&app, &ctx, &id, WeightHolder::Shared, &form).await
}

/// POST /afwegingen/{id}/weging/partij/{pid}: a party's own weighing.
pub async fn save_party(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    save(&app, &ctx, &id, WeightHolder::Party(pid), &form).await
}

/// POST /afwegingen/{id}/weging/partij/{pid}/verwijderen
pub async fn remove_weighting(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, pid)): Path<(String, String)>,
    form: CaseForm,
) -> Result<Response, AppError> {
    let command = CaseCommand::RemoveWeighting {
        participant: pid.clone(),
    };
    answer(&app, &ctx, &id, &form, &command, |_| {
        format!("partij.{pid}.values")
    })
    .await
}

/// `?v=5,3,-3`: the upper triangle of a pairwise matrix, row by row, on
/// the form's scale.
#[derive(Debug, Deserialize)]
pub struct AhpQuery {
    v: String,
}

/// The live consistency check.
#[derive(Debug, Serialize)]
pub struct AhpAnswer {
    /// Weights in criterion order.
    pub weights: Vec<f64>,
    /// Consistency ratio.
    pub cr: f64,
    /// Dutch text of the ratio ("0,08").
    pub cr_text: String,
    /// The pair to look at again, when the ratio is above 0.10.
    pub worst: Option<(usize, usize)>,
}

/// GET /api/ahp?v=...: weights, consistency ratio and the worst pair, for
/// the live check while comparing.
pub async fn ahp_check(
    _user: CurrentUser,
    Query(q): Query<AhpQuery>,
) -> Result<Json<AhpAnswer>, AppError> {
    ahp_answer(&q.v).map(Json)
}

/// The live check of `v`, the upper triangle of a pairwise matrix on the
/// form's scale (`5,3,-3`).
pub(crate) fn ahp_answer(v: &str) -> Result<AhpAnswer, AppError> {
    let values: Vec<i32> = v
        .split(',')
        .map(|s| s.trim().parse::<i32>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            AppError::Status(StatusCode::BAD_REQUEST, "ongeldige vergelijkingen".into())
        })?;
    let pairs = values.len();
    let n = (1..=10)
        .find(|n| n * (n - 1) / 2 == pairs)
        .filter(|n| *n >= 2)
        .ok_or(AppError::Status(
            StatusCode::BAD_REQUEST,
            "het aantal vergelijkingen past niet bij 2 tot 10 criteria".into(),
        ))?;
    let mut k = 0;
    let mut upper = vec![vec![1.0; n]; n];
    for (i, row) in upper.iter_mut().enumerate() {
        for cell in row.iter_mut().skip(i + 1) {
            *cell = matrix_value(values[k]);
            k += 1;
        }
    }
    let c = check_ahp(&matrix_from_upper(n, |i, j| upper[i][j]));
    Ok(AhpAnswer {
        cr_text: format::number(c.cr, 2),
        weights: c.weights,
        cr: c.cr,
        worst: c.worst_pair,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_round_trips() {
        for (v, _) in SCALE {
            assert_eq!(scale_value(matrix_value(v)), v);
        }
    }

    #[test]
    fn the_most_negative_matrix_value_does_not_overflow() {
        assert_eq!(matrix_value(i32::MIN), 1.0 / 2_147_483_648.0);
        assert_eq!(matrix_value(-3), 1.0 / 3.0);
        assert_eq!(matrix_value(0), 1.0);
    }

    #[test]
    fn a_message_starting_with_a_multibyte_letter_is_capitalised() {
        assert_eq!(capitalised("één gewicht"), "Één gewicht");
        assert_eq!(capitalised("€-waarde: punten"), "€-waarde: punten");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn a_weighing_of_criteria_with_multibyte_names_does_not_panic() {
        use wikken_core::case::{CaseArea, DecisionLevel};
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2026);
        let euro = d.add_criterion("€ per woning", Direction::Max).unwrap();
        let e = d.add_criterion("Énergie", Direction::Min).unwrap();
        let fields = Fields::new(vec![
            ("gezamenlijk.method".into(), "points".into()),
            (format!("gezamenlijk.w.{euro}"), "2,5".into()),
            (format!("gezamenlijk.w.{e}"), "97,5".into()),
        ]);
        let mut state = FormState::default();
        assert!(read_weighting(&d, "gezamenlijk", &fields, &mut state).is_none());
        assert_eq!(
            state.errors["gezamenlijk.values"],
            "€ per woning: punten zijn hele getallen."
        );
    }
}
