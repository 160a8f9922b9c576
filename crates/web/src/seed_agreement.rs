//! The demo's prestatieafspraken: made through the same commands and
//! approvals as a user's, on the demo's own series (see
//! `wikken_core::agreement::demo`).

use std::collections::BTreeMap;

use wikken_core::agreement::demo::{DemoInput, demo_agreement};
use wikken_core::agreement::{Actor, PartyKind};
use wikken_core::goals::Point;
use wikken_storage::{AgreementId, AgreementSave, EventUser, OrganisationId, Store};

use crate::seed::SeedError;

/// The indicators the demo's goals are on.
const INDICATORS: [&str; 5] = [
    "bewonersoordeel",
    "overlastmeldingen",
    "mutatiegraad",
    "huurachterstand",
    "kwetsbare_instroom",
];

/// Who approves the demo afspraken for the gemeente and the huurders.
pub struct DemoSigners {
    /// The gemeente's user.
    pub gemeente: EventUser,
    /// The huurdersvereniging's user.
    pub tenants: EventUser,
}

/// The two buurten with most corporation dwellings, most first.
fn buurten(demo: &wikken_data::demo::Demo) -> Vec<(String, String)> {
    let mut per_buurt: BTreeMap<&str, u32> = BTreeMap::new();
    for c in &demo.own.complexes {
        *per_buurt.entry(c.buurt.as_str()).or_default() += c.dwellings;
    }
    let mut ranked: Vec<(&str, u32)> = per_buurt.into_iter().collect();
    ranked.sort_by_key(|(code, n)| (std::cmp::Reverse(*n), *code));
    ranked
        .into_iter()
        .take(2)
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

/// Makes, fills, approves and reports on the demo afspraken; their id.
pub async fn seed_demo_agreement(
    store: &Store,
    org: &OrganisationId,
    demo: &wikken_data::demo::Demo,
    staff: &EventUser,
    signers: &DemoSigners,
) -> Result<AgreementId, SeedError> {
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
        buurten: [
            (&buurten[0].0, &buurten[0].1),
            (&buurten[1].0, &buurten[1].1),
        ],
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
    let fail = |e: wikken_storage::AgreementSaveError| SeedError::Demo(e.to_string());
    for c in &terms {
        store
            .change_agreement(org, &id, &save(staff), &actor, c)
            .await
            .map_err(fail)?;
    }
    let party = |kind| {
        doc.parties
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.name.clone())
            .expect("the demo has every signatory")
    };
    for (user, kind) in [
        (staff, PartyKind::Corporatie),
        (&signers.gemeente, PartyKind::Gemeente),
        (&signers.tenants, PartyKind::Huurdersorganisatie),
    ] {
        store
            .approve_agreement(org, &id, &save(user), &party(kind))
            .await
            .map_err(fail)?;
    }
    for (actor, c) in &progress {
        let user = match actor {
            Actor::Corporation { .. } => staff,
            Actor::Partner { .. } => &signers.gemeente,
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
