//! Reading many values at once: every figure of one level in a gemeente
//! (maps, signals, exports), the gemeenten an organisation has, and the
//! weights of its "onder druk" signal.

use sqlx::FromRow;
use wikken_data::{AreaCode, AreaLevel};

use crate::monitor::{AREA_COLUMNS, StoredArea};
use crate::{AreaRow, OrganisationId, SignalSubject, StorageError, Store};

/// One value of one area.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AreaValue {
    /// The area's code.
    pub area: String,
    /// The indicator's code.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

/// An indicator with values in a year (see [`Store::level_indicator_years`]).
#[derive(FromRow)]
struct StoredIndicatorYear {
    indicator_code: String,
    year: i32,
}

/// One area's value (see [`Store::level_values_in_year`]).
#[derive(FromRow)]
struct StoredAreaValue {
    area_code: String,
    value: f64,
}

/// A weight in the "onder druk" signal.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct SignalWeight {
    /// The indicator's code.
    pub indicator: String,
    /// Its weight (> 0).
    pub weight: f64,
}

/// The gemeente-digits prefix of the codes at one level (`BU0855%`).
pub(crate) fn level_prefix(gemeente: &AreaCode, level: AreaLevel) -> String {
    let gemeente = gemeente.gemeente();
    let digits = &gemeente.as_str()[2..];
    let tag = match level {
        AreaLevel::Gemeente => "GM",
        AreaLevel::Wijk => "WK",
        AreaLevel::Buurt => "BU",
    };
    format!("{tag}{digits}%")
}

impl Store {
    /// The organisation's gemeenten, by name.
    pub async fn gemeenten(&self, org: &OrganisationId) -> Result<Vec<AreaRow>, StorageError> {
        let rows: Vec<StoredArea> = sqlx::query_as(&format!(
            "SELECT {AREA_COLUMNS} FROM areas \
             WHERE organisation_id = $1 AND level = $2 ORDER BY name, code"
        ))
        .bind(&org.0)
        .bind(AreaLevel::Gemeente.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AreaRow::try_from).collect()
    }

    /// Every value of every area of one level in a gemeente, optionally of
    /// one indicator only, ordered by area, indicator and year.
    pub async fn level_values(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
        indicator: Option<&str>,
    ) -> Result<Vec<AreaValue>, StorageError> {
        let mut sql = String::from(
            "SELECT area_code AS area, indicator_code AS indicator, year, value FROM observations \
             WHERE organisation_id = $1 AND area_code LIKE $2",
        );
        if indicator.is_some() {
            sql.push_str(" AND indicator_code = $3");
        }
        sql.push_str(" ORDER BY area_code, indicator_code, year");
        let mut q = sqlx::query_as(&sql)
            .bind(&org.0)
            .bind(level_prefix(gemeente, level));
        if let Some(code) = indicator {
            q = q.bind(code);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// Which indicators have values at one level in a gemeente, and in
    /// which years: (indicator, year) pairs, by indicator and year. Much
    /// less to read than [`Store::level_values`] when a page shows one
    /// indicator.
    pub async fn level_indicator_years(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Vec<(String, i32)>, StorageError> {
        let rows: Vec<StoredIndicatorYear> = sqlx::query_as(
            "SELECT DISTINCT indicator_code, year FROM observations \
             WHERE organisation_id = $1 AND area_code LIKE $2 ORDER BY indicator_code, year",
        )
        .bind(&org.0)
        .bind(level_prefix(gemeente, level))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.indicator_code, r.year))
            .collect())
    }

    /// The values of one indicator in one year of every area of one level
    /// in a gemeente, by area.
    pub async fn level_values_in_year(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
        indicator: &str,
        year: i32,
    ) -> Result<Vec<AreaValue>, StorageError> {
        let rows: Vec<StoredAreaValue> = sqlx::query_as(
            "SELECT area_code, value FROM observations \
             WHERE organisation_id = $1 AND area_code LIKE $2 AND indicator_code = $3 AND year = $4 \
             ORDER BY area_code",
        )
        .bind(&org.0)
        .bind(level_prefix(gemeente, level))
        .bind(indicator)
        .bind(year)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AreaValue {
                area: r.area_code,
                indicator: indicator.to_string(),
                year,
                value: r.value,
            })
            .collect())
    }

    /// The values of each of `indicators` in its latest year at one level
    /// in a gemeente (the latest year in which any area there has a value),
    /// ordered by area and indicator: what the signal compares.
    pub async fn latest_level_values(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
        indicators: &[&str],
    ) -> Result<Vec<AreaValue>, StorageError> {
        if indicators.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = (0..indicators.len())
            .map(|k| format!("${}", k + 3))
            .collect();
        let sql = format!(
            "SELECT o.area_code AS area, o.indicator_code AS indicator, o.year AS year, \
             o.value AS value FROM observations o \
             JOIN (SELECT indicator_code, MAX(year) AS latest FROM observations \
                   WHERE organisation_id = $1 AND area_code LIKE $2 AND indicator_code IN ({list}) \
                   GROUP BY indicator_code) l \
             ON l.indicator_code = o.indicator_code AND l.latest = o.year \
             WHERE o.organisation_id = $1 AND o.area_code LIKE $2 \
             ORDER BY o.area_code, o.indicator_code",
            list = list.join(", ")
        );
        let mut q = sqlx::query_as(&sql)
            .bind(&org.0)
            .bind(level_prefix(gemeente, level));
        for code in indicators {
            q = q.bind(*code);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// Every value of each of `indicators` in every area of the
    /// organisation, whatever its gemeente (all of the Netherlands when
    /// the national KWB file was imported), ordered by indicator, year
    /// and area: what a goal's figure is compared with.
    pub async fn indicator_values_everywhere(
        &self,
        org: &OrganisationId,
        indicators: &[&str],
    ) -> Result<Vec<AreaValue>, StorageError> {
        if indicators.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = (0..indicators.len())
            .map(|k| format!("${}", k + 2))
            .collect();
        let sql = format!(
            "SELECT area_code AS area, indicator_code AS indicator, year, value FROM observations \
             WHERE organisation_id = $1 AND indicator_code IN ({}) \
             ORDER BY indicator_code, year, area_code",
            list.join(", ")
        );
        let mut q = sqlx::query_as(&sql).bind(&org.0);
        for code in indicators {
            q = q.bind(*code);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// The organisation's weights for the signal of `subject`; empty when
    /// it has not chosen any.
    pub async fn signal_weights(
        &self,
        org: &OrganisationId,
        subject: SignalSubject,
    ) -> Result<Vec<SignalWeight>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT indicator_code AS indicator, weight FROM signal_weights \
             WHERE organisation_id = $1 AND subject = $2 ORDER BY indicator_code",
        )
        .bind(&org.0)
        .bind(subject.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the organisation's weights for each given subject, all in
    /// one transaction.
    pub async fn set_signal_weights(
        &self,
        org: &OrganisationId,
        subjects: &[(SignalSubject, Vec<SignalWeight>)],
    ) -> Result<(), StorageError> {
        let mut tx = self.write_tx().await?;
        for (subject, weights) in subjects {
            sqlx::query("DELETE FROM signal_weights WHERE organisation_id = $1 AND subject = $2")
                .bind(&org.0)
                .bind(subject.as_str())
                .execute(&mut *tx)
                .await?;
            for w in weights {
                sqlx::query(
                    "INSERT INTO signal_weights (organisation_id, subject, indicator_code, weight) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&org.0)
                .bind(subject.as_str())
                .bind(&w.indicator)
                .bind(w.weight)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
