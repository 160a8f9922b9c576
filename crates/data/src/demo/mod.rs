//! A deterministic, fictional but plausible demo gemeente for the
//! wijkmonitor: "Lindeveen" (code GM9999, which CBS does not use), with
//! its wijken and buurten, their boundaries, CBS-style figures for
//! 2019..=2024 calibrated on the real national data, and the own data of a
//! fictional corporation for 2021..=2024.
//!
//! Pure: no I/O, the same result on every run and every machine (seeded
//! random numbers, `libm` for the few transcendental functions, ordered
//! maps only).

mod calibration;
mod figures;
mod leefbaarometer;
mod map;
mod national;
mod own_data;
mod plan;
mod profiles;
mod rng;
mod shapes;
mod wijken;

use crate::area::AreaCode;
use crate::geo::{Boundary, BoundarySet, MultiPolygon};
use crate::indicators::by_code;
use crate::kwb::{Area, Dataset, Observation};
use crate::own::OwnData;

use figures::{FIRST_YEAR, Figures, INDICATORS, aggregate};
use own_data::OwnBuurt;
use plan::{CORPORATION_NAME, GEMEENTE_CODE, GEMEENTE_NAME};
use shapes::{Xy, area_ha, ring_to_wgs84};

/// The demo: a fictional gemeente with its figures and a fictional
/// corporation's own data. Everything in it is made up.
#[derive(Debug, Clone, PartialEq)]
pub struct Demo {
    /// The gemeente's (fictional) name.
    pub gemeente_name: String,
    /// The (fictional) corporation whose own data this is.
    pub corporation_name: String,
    /// Areas (the gemeente, then each wijk followed by its buurten) and
    /// their CBS-style figures for 2019..=2024.
    pub dataset: Dataset,
    /// Leefbaarometer figures (total score and its five dimensions) of
    /// the buurten, wijken and the gemeente for 2020, 2022 and 2024,
    /// agreeing with the CBS-style figures.
    pub leefbaarometer: Dataset,
    /// The boundary of the gemeente, every wijk and every buurt (WGS84), in
    /// the order of the areas.
    pub boundaries: BoundarySet,
    /// The corporation's complexes and own figures per complex and per
    /// buurt for 2021..=2024.
    pub own: OwnData,
    /// The corporation's own figures per buurt a year later (2025), a
    /// second import as a corporation makes every year.
    pub own_update: OwnData,
}

fn code(text: String) -> AreaCode {
    AreaCode::parse(&text).expect("the demo's codes are valid CBS codes")
}

fn to_shape(polygons: &[Vec<Vec<Xy>>]) -> MultiPolygon {
    polygons
        .iter()
        .map(|rings| rings.iter().map(|r| ring_to_wgs84(r)).collect())
        .collect()
}

/// Builds the demo (well under 100 ms).
pub fn demo() -> Demo {
    let (cells, outline) = map::city();
    let wijken = wijken::group(&cells, &outline);
    let gemeente = code(GEMEENTE_CODE.to_string());
    let digits = &GEMEENTE_CODE[2..];

    let mut areas = vec![Area {
        code: gemeente.clone(),
        name: GEMEENTE_NAME.to_string(),
    }];
    let all: Vec<&map::Cell> = cells.iter().collect();
    let mut boundaries = vec![Boundary {
        code: gemeente.clone(),
        name: Some(GEMEENTE_NAME.to_string()),
        shape: to_shape(&map::union(&all)),
    }];
    // (area index, figures per year)
    let mut figures: Vec<(usize, [Figures; figures::YEARS])> = Vec::new();
    let mut own_buurten = Vec::new();
    let mut wijk_figures = Vec::new();
    // (area, Leefbaarometer measurements) and every buurt's measurements
    let mut lbm = Vec::new();
    let mut lbm_buurten = Vec::new();
    for (w, wijk) in wijken.iter().enumerate() {
        let wijk_code = code(format!("WK{digits}{:02}", w + 1));
        let members: Vec<&map::Cell> = wijk.buurten.iter().map(|b| &cells[b.cell]).collect();
        areas.push(Area {
            code: wijk_code.clone(),
            name: wijk.plan.name.to_string(),
        });
        boundaries.push(Boundary {
            code: wijk_code.clone(),
            name: Some(wijk.plan.name.to_string()),
            shape: to_shape(&map::union(&members)),
        });
        let wijk_index = areas.len() - 1;
        let mut parts = Vec::new();
        let mut lbm_parts = Vec::new();
        for (k, b) in wijk.buurten.iter().enumerate() {
            let buurt_code = code(format!("BU{digits}{:02}{:02}", w + 1, k + 1));
            let shape = to_shape(&[vec![cells[b.cell].ring()]]);
            let model = figures::buurt(b.kind, area_ha(&shape), buurt_code.as_str());
            let measured = leefbaarometer::buurt(b.kind, &buurt_code, &model.years);
            lbm.push((buurt_code.clone(), measured.clone()));
            lbm_parts.push(measured);
            let latest = &model.years[figures::YEARS - 1];
            own_buurten.push(OwnBuurt {
                code: buurt_code.clone(),
                name: b.name.clone(),
                kind: b.kind,
                corporation_dwellings: latest.woningvoorraad * latest.corp / 100.0,
                status: model.status,
            });
            areas.push(Area {
                code: buurt_code.clone(),
                name: b.name.clone(),
            });
            boundaries.push(Boundary {
                code: buurt_code,
                name: Some(b.name.clone()),
                shape,
            });
            figures.push((areas.len() - 1, model.years));
            parts.push(model.years);
        }
        let years =
            std::array::from_fn(|y| aggregate(&parts.iter().map(|p| p[y]).collect::<Vec<_>>()));
        figures.push((wijk_index, years));
        wijk_figures.push(years);
        lbm.push((wijk_code, leefbaarometer::aggregate(&lbm_parts)));
        lbm_buurten.extend(lbm_parts);
    }
    lbm.push((gemeente.clone(), leefbaarometer::aggregate(&lbm_buurten)));
    let gemeente_years =
        std::array::from_fn(|y| aggregate(&wijk_figures.iter().map(|p| p[y]).collect::<Vec<_>>()));
    figures.push((0, gemeente_years));
    figures.sort_by_key(|(area, _)| *area);

    let mut observations = Vec::new();
    for (area, years) in &figures {
        for (y, f) in years.iter().enumerate() {
            for code in INDICATORS {
                if let Some(value) = f.value(code) {
                    observations.push(Observation {
                        area: areas[*area].code.clone(),
                        indicator: by_code(code).map_or(code, |d| d.code),
                        year: FIRST_YEAR + y as i32,
                        value,
                    });
                }
            }
        }
    }
    let lbm_dataset = leefbaarometer::dataset(&areas, &lbm);
    let own = own_data::own_data(&own_buurten);
    Demo {
        gemeente_name: GEMEENTE_NAME.to_string(),
        corporation_name: CORPORATION_NAME.to_string(),
        dataset: Dataset {
            areas,
            indicators: INDICATORS.iter().filter_map(|c| by_code(c)).collect(),
            observations,
            ignored_columns: Vec::new(),
            national: national::values(),
        },
        leefbaarometer: lbm_dataset,
        boundaries: BoundarySet {
            boundaries,
            notes: Vec::new(),
        },
        own_update: own_data::update(&own),
        own,
    }
}

#[cfg(test)]
mod tests {
    use super::calibration::{CORP_GEMEENTE_P25_P75, LEEGSTAND_MEDIAN};
    use super::*;

    #[test]
    fn the_gemeente_lands_in_the_middle_of_urban_gemeenten() {
        let d = demo();
        let at = |ind: &str| {
            d.dataset
                .observations
                .iter()
                .find(|o| o.area.as_str() == GEMEENTE_CODE && o.indicator == ind && o.year == 2024)
                .map(|o| o.value)
        };
        let corp = at("pct_corporatiebezit").unwrap();
        let (p25, p75) = CORP_GEMEENTE_P25_P75;
        assert!((p25..=p75).contains(&corp), "{corp}");
        let leeg = at("pct_leegstand").unwrap();
        assert!((leeg - LEEGSTAND_MEDIAN).abs() <= 1.5, "{leeg}");
    }
}
