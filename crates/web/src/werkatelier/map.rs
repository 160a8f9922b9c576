//! The map a werkatelier pins on: the buurten of its area (a buurt, the
//! buurten of a wijk, or those of a gemeente), with their names.

use std::sync::Arc;

use wikken_data::AreaLevel;
use wikken_data::area::AreaCode;
use wikken_data::geo::MultiPolygon;
use wikken_storage::{OrganisationId, WorkshopRow};

use crate::AppState;
use crate::error::AppError;

/// A buurt of the map: code, name, shape.
pub type MapBuurt = (String, String, MultiPolygon);

/// Whether a buurt code lies in an area code (itself, its wijk, its gemeente).
pub fn within(buurt: &str, area: &str) -> bool {
    let digits = |c: &str| c.get(2..).unwrap_or("").to_string();
    match area.get(..2) {
        Some("BU") => buurt == area,
        Some("WK") | Some("GM") => {
            buurt.starts_with("BU") && digits(buurt).starts_with(&digits(area))
        }
        _ => false,
    }
}

/// The buurten of the werkatelier's area, with shapes; empty when it has
/// no area or no boundaries were imported. Read once per werkatelier and
/// process (boundaries do not change during a session).
pub async fn area_map(
    app: &AppState,
    org: &OrganisationId,
    w: &WorkshopRow,
) -> Result<Arc<Vec<MapBuurt>>, AppError> {
    if let Some(m) = app.werkateliers.maps.lock().expect("maps lock").get(&w.id) {
        return Ok(m.clone());
    }
    let m = Arc::new(read_map(app, org, w).await?);
    let mut maps = app.werkateliers.maps.lock().expect("maps lock");
    if maps.len() >= super::session::KEPT {
        maps.clear();
    }
    maps.insert(w.id.clone(), m.clone());
    Ok(m)
}

async fn read_map(
    app: &AppState,
    org: &OrganisationId,
    w: &WorkshopRow,
) -> Result<Vec<MapBuurt>, AppError> {
    let Some(code) = w.area_code.as_deref().and_then(AreaCode::parse) else {
        return Ok(Vec::new());
    };
    let shapes = app
        .store
        .boundaries_in_gemeente(org, &code, AreaLevel::Buurt)
        .await?;
    let names = app
        .store
        .areas_in_gemeente(org, &code, AreaLevel::Buurt)
        .await?;
    Ok(shapes
        .into_iter()
        .filter(|(c, _)| within(c, code.as_str()))
        .map(|(c, shape)| {
            let name = names
                .iter()
                .find(|a| a.code == c)
                .map_or_else(|| c.clone(), |a| a.name.clone());
            (c, name, shape)
        })
        .collect())
}

/// A buurt's signal as the big screen of a gebiedsatelier shows it: name,
/// level ("sterk onder druk") and score, strongest first.
pub type BuurtPressure = (String, &'static str, Option<f64>);

/// The signal of the werkatelier area's buurten (empty without an area or
/// without figures).
pub async fn area_signal(
    app: &AppState,
    org: &OrganisationId,
    w: &WorkshopRow,
) -> Result<Vec<BuurtPressure>, AppError> {
    let Some(code) = w.area_code.as_deref().and_then(AreaCode::parse) else {
        return Ok(Vec::new());
    };
    let reads = app.cache.reads(&app.store, org).await?;
    let indicators = reads.indicators().await?;
    let (scored, _) = crate::signals::buurten(&reads, &code.gemeente(), &indicators).await?;
    let names = app
        .store
        .areas_in_gemeente(org, &code, AreaLevel::Buurt)
        .await?;
    let mut out: Vec<BuurtPressure> = scored
        .iter()
        .filter(|s| within(&s.code, code.as_str()))
        .map(|s| {
            let name = names
                .iter()
                .find(|a| a.code == s.code)
                .map_or_else(|| s.code.clone(), |a| a.name.clone());
            let level = s.level().map_or("geen gegevens", |l| l.label());
            (name, level, s.score.score)
        })
        .collect();
    out.sort_by(|a, b| b.2.unwrap_or(f64::MIN).total_cmp(&a.2.unwrap_or(f64::MIN)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn buurten_lie_in_their_wijk_and_gemeente() {
        assert!(within("BU08550101", "WK085501"));
        assert!(!within("BU08550201", "WK085501"));
        assert!(within("BU08550201", "GM0855"));
        assert!(within("BU08550201", "BU08550201"));
        assert!(!within("BU08550202", "BU08550201"));
    }
}
