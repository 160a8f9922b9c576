//! What the fuzz targets (`fuzz/`) need of the web app, and no more: the
//! import of a whole afweging, and the forms of an afweging's steps applied
//! to a document with the same parsing and the same edits the handlers
//! use, then shown on the step pages the way a handler shows the result
//! (with the errors next to the fields). No database, no HTTP: only the
//! pure parts a visitor's bytes reach. Nothing here may panic.

use std::sync::LazyLock;

use maud::{Markup, html};
use wikken_core::case::CaseDoc;
use wikken_core::case::catalogue::Template;
use wikken_core::case::catalogue::default_templates;
use wikken_core::case::command::{CaseCommand, Refusal, WeightHolder};
use wikken_core::case::demo::{DemoSubject, demo_case as build_demo};
use wikken_storage::{CaseVersion, OrganisationId, UserRole, UserRow};

use crate::auth::User;
use crate::layout::Ctx;
use crate::pages::case::form::{Fields, FormState};
use crate::pages::case::{Loaded, decision, effects, list, options, start, weighing};

/// The catalogue's templates, made once.
static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(default_templates);

/// The demo afweging (every step filled in), made once.
static DEMO: LazyLock<CaseDoc> = LazyLock::new(|| {
    build_demo(
        &DemoSubject {
            buurt: "BU08550101",
            buurt_name: "Lindehof",
            gemeente_name: "Lindeveen",
            corporation_name: "Woonstichting Lindeveen",
            complexes: &[("C-1001".to_string(), 120.0), ("C-1002".to_string(), 64.0)],
            start_year: 2027,
        },
        &TEMPLATES,
    )
});

/// The demo afweging, as the forms start from.
pub fn demo_case() -> CaseDoc {
    DEMO.clone()
}

/// Reads an uploaded afweging or model file as `POST /afwegingen/import`
/// does and, when it is accepted, shows it on every step page that needs
/// no database.
pub fn import_case(bytes: &[u8]) {
    if let Ok(doc) = list::read_upload(&String::from_utf8_lossy(bytes)) {
        pages(&doc, &FormState::default());
    }
}

/// The forms [`submit_form`] knows, by the number that picks them
/// (modulo their count).
const FORMS: usize = 19;

/// Submits one step form, picked by `form` (modulo the number of forms),
/// with the fields of its body, to `doc`, as its handler does: the same
/// parsing into the same command, applied by [`CaseDoc::apply`]; a refused
/// command leaves `doc` as it was. Path parameters (an option, a
/// participant, a criterion) are taken from the field `_pad`. Then the
/// step pages are shown with what was typed and the errors.
pub fn submit_form(doc: &mut CaseDoc, form: u8, fields: Vec<(String, String)>) {
    let fields = Fields::new(fields);
    let path = fields.get("_pad").to_string();
    let mut state = FormState::from_fields(&fields);
    let units = options::Units {
        complex_dwellings: Some(184.0),
        dwellings: Some(567.0),
        households: Some(540.0),
    };
    let command: Option<Result<CaseCommand, Refusal>> = match usize::from(form) % FORMS {
        0 => Some(Ok(start::question_command(&fields))),
        1 => Some(Ok(start::participant_command(&fields))),
        2 => Some(Ok(CaseCommand::RemoveParticipant { id: path })),
        3 => Some(Ok(start::problem_command(&fields))),
        4 => Some(Ok(CaseCommand::RemoveProblem { id: path })),
        5 => Some(Ok(start::baseline_command(&fields))),
        6 => TEMPLATES
            .iter()
            .find(|t| t.key == fields.get("template"))
            .map(|t| options::template_command(t, &fields, &units)),
        7 => Some(Ok(options::blank_command(&fields))),
        8 => Some(Ok(options::package_command(&fields))),
        9 => Some(Ok(CaseCommand::RemoveOption { id: path })),
        10 => Some(Ok(options::preselect_command(doc, &fields))),
        11 => effects::effects_form_command(doc, &path, &fields, &mut state).map(Ok),
        12 => Some(Ok(weighing::criterion_command(&fields))),
        13 => Some(Ok(CaseCommand::RemoveCriterion { id: path })),
        14 => Some(Ok(weighing::method_command(&fields))),
        15 => {
            let holder = if path.is_empty() {
                WeightHolder::Shared
            } else {
                WeightHolder::Party(path)
            };
            weighing::weighting_command(doc, holder, &fields, &mut state).map(Ok)
        }
        16 => Some(Ok(CaseCommand::RemoveWeighting { participant: path })),
        17 => Some(Ok(decision::decision_command(
            &fields,
            "Fuzzer",
            1_800_000_000,
        ))),
        _ => {
            let _ = weighing::ahp_answer(fields.get("v"));
            None
        }
    };
    if let Some(Err(refusal) | Ok(Err(refusal))) =
        command.map(|c| c.map(|c| doc.apply(&c).map(drop)))
    {
        for o in refusal.objections {
            state.error(o.field, o.message);
        }
    }
    pages(doc, &state);
}

/// Shows `doc` on the step pages that need no database: the question and
/// parties, the nulalternatief, the options, the effects of each option,
/// the criteria and weighings, and the besluit.
fn pages(doc: &CaseDoc, state: &FormState) {
    let ctx = ctx();
    let case = Loaded {
        id: "fuzz".into(),
        version: CaseVersion {
            version: 1,
            doc: doc.clone(),
            revision: 1,
            frozen_at: None,
            created_at: 1_800_000_000,
            created_by: "fuzz".into(),
        },
        current_version: 1,
        saved: false,
        base: crate::pages::case::OWN_BASE,
    };
    let aside: Markup = html! {};
    let _ = start::step1(&ctx, &case, state, &aside).into_string();
    let _ = start::step2(&ctx, &case, state, &aside).into_string();
    let _ = options::step3(
        &ctx,
        &case,
        state,
        &aside,
        &TEMPLATES,
        &options::Filter::default(),
        options::Units::default(),
    )
    .into_string();
    for option in &doc.options {
        let _ = effects::editor(&ctx, &case, option, state, &aside).into_string();
    }
    let _ = weighing::step5(&ctx, &case, state, &aside).into_string();
    let _ = decision::step7(&ctx, &case, state, &aside, &[], &[]).into_string();
}

/// A signed-in strateeg.
fn ctx() -> Ctx {
    let user = User::from_enabled_row(UserRow {
        id: "fuzz".into(),
        organisation_id: OrganisationId("fuzz".into()),
        organisation_kind: wikken_storage::OrganisationKind::Corporatie,
        email: "fuzz@example.org".into(),
        name: "Fuzzer".into(),
        role: UserRole::Strategist,
        password_hash: String::new(),
        disabled: false,
        must_change_password: false,
    })
    .expect("an enabled strateeg");
    Ctx {
        user,
        org_name: "Fuzz".into(),
        fictional: true,
        csrf: "fuzz".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_case_shows_on_every_page() {
        let mut doc = demo_case();
        assert!(!doc.options.is_empty() && doc.criteria.len() >= 2);
        submit_form(
            &mut doc,
            12,
            vec![("criterion_name".into(), "Groen".into())],
        );
        assert!(doc.criteria.iter().any(|c| c.name == "Groen"));
    }
}
