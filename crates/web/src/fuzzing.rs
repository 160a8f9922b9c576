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
use wikken_core::case::demo::{DemoSubject, demo_case as build_demo};
use wikken_core::case::edit::EditError;
use wikken_storage::{CaseVersion, OrganisationId, UserRow};

use crate::auth::User;
use crate::layout::Ctx;
use crate::pages::case::form::{Fields, FormState};
use crate::pages::case::{EditResult, Loaded, decision, effects, list, options, start, weighing};

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
/// parsing and the same edit; a refused edit leaves `doc` as it was. Path
/// parameters (an option, a participant, a criterion) are taken from the
/// field `_pad`. Then the step pages are shown with what was typed and
/// the errors.
pub fn submit_form(doc: &mut CaseDoc, form: u8, fields: Vec<(String, String)>) {
    let fields = Fields::new(fields);
    let path = fields.get("_pad").to_string();
    let mut state = FormState::from_fields(&fields);
    let result = match usize::from(form) % FORMS {
        0 => apply(doc, start::question_edit(&fields)),
        1 => apply(doc, start::participant_edit(&fields)),
        2 => apply(doc, |d| d.remove_participant(&path).map(|p| p.name)),
        3 => apply(doc, start::problem_edit(&fields)),
        4 => apply(doc, |d| d.remove_problem(&path).map(|p| p.text)),
        5 => apply(doc, start::baseline_edit(&fields)),
        6 => {
            let key = fields.get("template");
            match TEMPLATES.iter().find(|t| t.key == key) {
                Some(t) => apply(doc, options::template_edit(t.clone(), &fields)),
                None => Ok(()),
            }
        }
        7 => apply(doc, options::blank_edit(&fields)),
        8 => apply(doc, options::package_edit(&fields)),
        9 => apply(doc, |d| d.remove_option(&path).map(|o| o.spec.name)),
        10 => apply(doc, options::preselect_edit(&fields)),
        11 => apply(doc, effects::effects_edit(&path, &fields, &mut state)),
        12 => apply(doc, weighing::criterion_edit(&fields)),
        13 => apply(doc, |d| d.remove_criterion(&path).map(|c| c.name)),
        14 => apply(doc, weighing::method_edit(&fields)),
        15 => apply(doc, weighing::weighting_edit(&path, &fields, &mut state)),
        16 => apply(doc, weighing::remove_weighting_edit(&path)),
        17 => apply(
            doc,
            decision::decision_edit(&fields, "Fuzzer", 1_800_000_000),
        ),
        _ => {
            let _ = weighing::ahp_answer(fields.get("v"));
            Ok(())
        }
    };
    if let Err(e) = result
        && !(e.field.is_empty() && e.message.is_empty())
    {
        state.error(e.field, e.message);
    }
    pages(doc, &state);
}

/// Applies one edit to a copy of `doc`, keeping it only when accepted (as
/// [`crate::pages::case::change`] does with the stored version).
fn apply(
    doc: &mut CaseDoc,
    mut edit: impl FnMut(&mut CaseDoc) -> EditResult,
) -> Result<(), EditError> {
    let mut changed = doc.clone();
    edit(&mut changed)?;
    *doc = changed;
    Ok(())
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
        Some(184.0),
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
        email: "fuzz@example.org".into(),
        name: "Fuzzer".into(),
        role: "strateeg".into(),
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
