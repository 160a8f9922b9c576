//! Prestatieafspraken for tests: where each goal stands, computed from
//! the stored series with the goal maths, independently of the pages.

use wikken_core::agreement::{AreaScope, IndicatorSource, series_goal};
use wikken_core::goals::{self, GoalStatus, Point};
use wikken_storage::{AgreementId, OrganisationId, Store};

/// Every goal of the newest version with its status as of the current
/// year: (goal id, status).
pub async fn agreement_statuses(
    store: &Store,
    org: &OrganisationId,
    id: &AgreementId,
) -> Vec<(String, GoalStatus)> {
    let version = store
        .agreement_version(org, id, None)
        .await
        .unwrap()
        .expect("the afspraken");
    let doc = &version.doc;
    let year = wikken_web::agreements::this_year();
    let mut out = Vec::new();
    for g in &doc.goals {
        let points: Vec<(i32, f64)> = match (&g.indicator.source, g.area.scope) {
            (IndicatorSource::Manual, _) => Vec::new(),
            (IndicatorSource::Monitor { code }, AreaScope::Gebied) => store
                .area_series(
                    org,
                    &doc.gemeente_code,
                    &[(g.area.code.clone(), code.clone())],
                )
                .await
                .unwrap()
                .into_values()
                .next()
                .unwrap_or_default(),
            (IndicatorSource::Monitor { code }, AreaScope::Complexen) => store
                .complexes_series(org, &g.area.code, code)
                .await
                .unwrap(),
        };
        let points: Vec<Point> = points
            .into_iter()
            .map(|(year, value)| Point { year, value })
            .collect();
        let assessed = goals::assess_goal(&series_goal(g, &points), year);
        out.push((g.id.clone(), assessed.status));
    }
    out
}
