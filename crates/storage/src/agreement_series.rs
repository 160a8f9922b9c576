//! The figures behind the goals of prestatieafspraken: an indicator's
//! values for an area per year, or the dwelling-weighted mean over the
//! corporation's complexes in an area.

use std::collections::BTreeMap;

use sqlx::FromRow;

use crate::{OrganisationId, StorageError, Store};

/// The series of one (area, indicator): (year, value), oldest first.
pub type Series = Vec<(i32, f64)>;

#[derive(FromRow)]
struct SeriesValue {
    area_code: String,
    indicator_code: String,
    year: i64,
    value: f64,
}

impl Store {
    /// The series of every `(area, indicator)` asked for within one
    /// gemeente, in one query; a pair without figures is absent.
    pub async fn area_series(
        &self,
        org: &OrganisationId,
        gemeente_code: &str,
        wanted: &[(String, String)],
    ) -> Result<BTreeMap<(String, String), Series>, StorageError> {
        let mut out: BTreeMap<(String, String), Series> = BTreeMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let (indicators, marks) = indicator_params(wanted);
        let sql = format!(
            "SELECT o.area_code AS area_code, o.indicator_code AS indicator_code, o.year AS year, o.value AS value \
             FROM observations o JOIN areas a ON a.organisation_id = o.organisation_id AND a.code = o.area_code \
             WHERE o.organisation_id = $1 AND a.gemeente_code = $2 AND o.indicator_code IN ({}) \
             ORDER BY o.area_code, o.indicator_code, o.year",
            marks
        );
        let mut query = sqlx::query_as::<_, SeriesValue>(&sql)
            .bind(&org.0)
            .bind(gemeente_code);
        for i in &indicators {
            query = query.bind(*i);
        }
        let wanted: std::collections::BTreeSet<&(String, String)> = wanted.iter().collect();
        for row in query.fetch_all(&self.pool).await? {
            let key = (row.area_code, row.indicator_code);
            if wanted.contains(&key) {
                out.entry(key)
                    .or_default()
                    .push((i32::try_from(row.year).unwrap_or(i32::MAX), row.value));
            }
        }
        Ok(out)
    }

    /// The dwelling-weighted mean of an own indicator over the
    /// corporation's complexes in an area (a buurt, a wijk or a gemeente),
    /// per year.
    pub async fn complexes_series(
        &self,
        org: &OrganisationId,
        area_code: &str,
        indicator_code: &str,
    ) -> Result<Series, StorageError> {
        #[derive(FromRow)]
        struct Row {
            year: i64,
            value: f64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT co.year AS year, SUM(co.value * c.dwellings) / SUM(c.dwellings) AS value \
             FROM complex_observations co \
             JOIN complexes c ON c.organisation_id = co.organisation_id AND c.code = co.complex_code \
             JOIN areas b ON b.organisation_id = c.organisation_id AND b.code = c.buurt_code \
             WHERE co.organisation_id = $1 AND co.indicator_code = $2 AND c.dwellings > 0 \
             AND (b.code = $3 OR b.parent_code = $3 OR b.gemeente_code = $3) \
             GROUP BY co.year ORDER BY co.year",
        )
        .bind(&org.0)
        .bind(indicator_code)
        .bind(area_code)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (i32::try_from(r.year).unwrap_or(i32::MAX), r.value))
            .collect())
    }
    /// The dwelling-weighted mean over the corporation's complexes of
    /// every `(area, own indicator)` asked for within one gemeente (an
    /// area being a buurt, a wijk or the gemeente), per year, in one
    /// query: the same figures as [`Store::complexes_series`] for each.
    /// A pair without figures is absent.
    pub async fn complexes_series_many(
        &self,
        org: &OrganisationId,
        gemeente_code: &str,
        wanted: &[(String, String)],
    ) -> Result<BTreeMap<(String, String), Series>, StorageError> {
        #[derive(FromRow)]
        struct Row {
            indicator_code: String,
            year: i64,
            value: f64,
            dwellings: i64,
            buurt_code: String,
            wijk_code: Option<String>,
        }
        let mut out: BTreeMap<(String, String), Series> = BTreeMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let (indicators, marks) = indicator_params(wanted);
        let sql = format!(
            "SELECT co.indicator_code AS indicator_code, co.year AS year, co.value AS value, \
             c.dwellings AS dwellings, b.code AS buurt_code, b.parent_code AS wijk_code \
             FROM complex_observations co \
             JOIN complexes c ON c.organisation_id = co.organisation_id AND c.code = co.complex_code \
             JOIN areas b ON b.organisation_id = c.organisation_id AND b.code = c.buurt_code \
             WHERE co.organisation_id = $1 AND b.gemeente_code = $2 AND c.dwellings > 0 \
             AND co.indicator_code IN ({}) ORDER BY co.year",
            marks
        );
        let mut query = sqlx::query_as::<_, Row>(&sql)
            .bind(&org.0)
            .bind(gemeente_code);
        for i in &indicators {
            query = query.bind(*i);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut by_indicator: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
        for r in &rows {
            by_indicator
                .entry(r.indicator_code.as_str())
                .or_default()
                .push(r);
        }
        for (area, indicator) in wanted {
            // Per year: (Σ value·dwellings, Σ dwellings).
            let mut sums: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
            let mine = by_indicator.get(indicator.as_str()).map_or(&[][..], |v| v);
            for r in mine.iter().filter(|r| {
                r.buurt_code == *area
                    || r.wijk_code.as_deref() == Some(area.as_str())
                    || gemeente_code == area
            }) {
                let w = r.dwellings as f64;
                let e = sums.entry(r.year).or_default();
                e.0 += r.value * w;
                e.1 += w;
            }
            if !sums.is_empty() {
                out.insert(
                    (area.clone(), indicator.clone()),
                    sums.into_iter()
                        .map(|(y, (vw, w))| (i32::try_from(y).unwrap_or(i32::MAX), vw / w))
                        .collect(),
                );
            }
        }
        Ok(out)
    }
}

/// The distinct indicators of `wanted` and their placeholders in a query
/// whose first two parameters are taken (`$3, $4, …`), joined by commas.
fn indicator_params(wanted: &[(String, String)]) -> (std::collections::BTreeSet<&str>, String) {
    let indicators: std::collections::BTreeSet<&str> =
        wanted.iter().map(|(_, i)| i.as_str()).collect();
    let marks = (0..indicators.len())
        .map(|i| format!("${}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    (indicators, marks)
}
