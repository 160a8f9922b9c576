//! The demo's prestatieafspraken: made through the same commands and
//! approvals as a user's, on the demo's own series (see
//! `wikken_core::agreement::demo`).

use std::collections::BTreeMap;

use wikken_core::agreement::demo::{DemoInput, demo_agreement};
use wikken_core::agreement::{Actor, Agreement, AgreementCommand, PartyKind};
use wikken_core::goals::Point;
use wikken_storage::{
    AgreementId, AgreementSave, EventUser, NewInvitation, OrganisationId, OrganisationKind,
    ShareKind, Store, Subject,
};

use crate::seed::SeedError;

/// The indicators the demo's goals are on.
const INDICATORS: [&str; 5] = [
    "bewonersoordeel",
    "overlastmeldingen",
    "mutatiegraad",
    "huurachterstand",
    "kwetsbare_instroom",
];

/// The demo's partner users: (e-mail, name, the party they act for).
pub const DEMO_PARTNERS: [(&str, &str, PartyKind); 2] = [
    (
        "gemeente@demo.wikken.nl",
        "Gerda Jansen",
        PartyKind::Gemeente,
    ),
    (
        "huurders@demo.wikken.nl",
        "Henk Bakker",
        PartyKind::Huurdersorganisatie,
    ),
];

/// The buurten with corporation dwellings, most first.
fn buurten(demo: &wikken_data::demo::Demo) -> Vec<(String, String)> {
    let mut per_buurt: BTreeMap<&str, u32> = BTreeMap::new();
    for c in &demo.own.complexes {
        *per_buurt.entry(c.buurt.as_str()).or_default() += c.dwellings;
    }
    let mut ranked: Vec<(&str, u32)> = per_buurt.into_iter().collect();
    ranked.sort_by_key(|(code, n)| (std::cmp::Reverse(*n), *code));
    ranked
        .into_iter()
        .map(|(code, _)| {
            let name = demo
                .dataset
                .areas
                .iter()
                .find(|a| a.code.as_str() == code)
                .map_or(code, |a| a.name.as_str());
            (code.to_string(), name.to_string())
        })
        .collect()
}

fn to_points(s: &[(i32, f64)]) -> Vec<Point> {
    s.iter()
        .map(|&(year, value)| Point { year, value })
        .collect()
}

/// The demo afspraken as a draft: made and filled with their goals and
/// actions by `staff`, not yet shared or approved. Returns the id, the
/// afspraken as stored, and the progress the demo reports once approved.
pub async fn draft_demo_agreement(
    store: &Store,
    org: &OrganisationId,
    demo: &wikken_data::demo::Demo,
    staff: &EventUser,
) -> Result<(AgreementId, Agreement, Vec<(Actor, AgreementCommand)>), SeedError> {
    let gemeente_code = demo
        .dataset
        .areas
        .iter()
        .find(|a| a.code.level() == wikken_data::AreaLevel::Gemeente)
        .map(|a| a.code.as_str().to_string())
        .ok_or_else(|| SeedError::Demo("the demo has no gemeente".into()))?;
    let buurten = buurten(demo);
    if buurten.len() < 2 {
        return Err(SeedError::Demo(
            "the demo has fewer than two buurten with complexes".into(),
        ));
    }
    let wanted: Vec<(String, String)> = buurten
        .iter()
        .flat_map(|(code, _)| {
            INDICATORS
                .iter()
                .map(move |i| (code.clone(), i.to_string()))
        })
        .collect();
    let mut series: BTreeMap<(String, String), Vec<Point>> = store
        .area_series(org, &gemeente_code, &wanted)
        .await?
        .into_iter()
        .map(|(k, s)| (k, to_points(&s)))
        .collect();
    for i in INDICATORS {
        let s = store.complexes_series(org, &gemeente_code, i).await?;
        series.insert((gemeente_code.clone(), i.to_string()), to_points(&s));
    }
    let input = DemoInput {
        corporation: &demo.corporation_name,
        gemeente_code: &gemeente_code,
        gemeente_name: &demo.gemeente_name,
        tenants: "Huurdersvereniging De Linde (fictief)",
        welfare: "Welzijn Lindeveen (fictief)",
        buurten: &buurten,
        series: &series,
    };
    let (doc, terms, progress) =
        demo_agreement(&input).map_err(|r| SeedError::Demo(r.to_string()))?;
    let id = store.create_agreement(org, staff, &doc).await?;
    let save = |user| AgreementSave {
        user,
        revision: None,
        form_token: None,
    };
    let actor = Actor::Corporation {
        name: staff.name.clone(),
    };
    for c in &terms {
        store
            .change_agreement(org, &id, &save(staff), &actor, c)
            .await
            .map_err(fail)?;
    }
    let doc = store
        .agreement_version(org, &id, None)
        .await?
        .map_or(doc, |v| v.doc);
    Ok((id, doc, progress))
}

fn fail(e: wikken_storage::AgreementSaveError) -> SeedError {
    SeedError::Demo(e.to_string())
}

/// Makes and fills the demo afspraken ([`draft_demo_agreement`]), invites
/// the gemeente's and the huurdersvereniging's user (accepted with
/// `password_hash`, their organisations seeded with the demo), has the
/// three parties approve, and reports progress; the afspraken's id.
pub async fn seed_demo_agreement(
    store: &Store,
    org: &OrganisationId,
    demo: &wikken_data::demo::Demo,
    staff: &EventUser,
    password_hash: &str,
) -> Result<AgreementId, SeedError> {
    let (id, doc, progress) = draft_demo_agreement(store, org, demo, staff).await?;
    let save = |user| AgreementSave {
        user,
        revision: None,
        form_token: None,
    };
    let party = |kind| {
        doc.parties
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.name.clone())
            .expect("the demo has every signatory")
    };
    let mut signers = Vec::new();
    for (email, name, kind) in DEMO_PARTNERS {
        let organisation_kind = match kind {
            PartyKind::Gemeente => OrganisationKind::Gemeente,
            _ => OrganisationKind::Huurdersorganisatie,
        };
        let invitation = NewInvitation {
            email: email.to_string(),
            organisation_name: party(kind),
            organisation_kind,
            subject: Subject {
                kind: ShareKind::Afspraken,
                id: id.to_string(),
                party: party(kind),
                title: doc.title.clone(),
            },
        };
        let (_, token) = store
            .create_invitation(org, &invitation, staff)
            .await
            .map_err(|e| SeedError::Demo(e.to_string()))?;
        let (user, _) = store
            .accept_invitation_as_new(&token, name, password_hash)
            .await
            .map_err(|e| SeedError::Demo(e.to_string()))?;
        store.mark_seeding(&user.organisation_id).await?;
        signers.push(EventUser {
            id: user.id.to_string(),
            name: format!("{name} ({})", party(kind)),
        });
    }
    for (user, kind) in [
        (staff, PartyKind::Corporatie),
        (&signers[0], PartyKind::Gemeente),
        (&signers[1], PartyKind::Huurdersorganisatie),
    ] {
        store
            .approve_agreement(org, &id, &save(user), &party(kind), None)
            .await
            .map_err(fail)?;
    }
    for (actor, c) in &progress {
        let user = match actor {
            Actor::Corporation { .. } => staff,
            Actor::Partner { .. } => &signers[0],
        };
        let actor = match actor {
            Actor::Corporation { .. } => Actor::Corporation {
                name: user.name.clone(),
            },
            Actor::Partner { party, .. } => Actor::Partner {
                party: party.clone(),
                name: user.name.clone(),
            },
        };
        store
            .change_agreement(org, &id, &save(user), &actor, c)
            .await
            .map_err(fail)?;
    }
    Ok(id)
}
