//! Reading many values at once: every figure of one level in a gemeente
//! (maps, signals, exports), the gemeenten an organisation has, and the
//! weights of its "onder druk" signal.

use sqlx::Row;
use wikken_data::{AreaCode, AreaLevel};

use crate::{AreaRow, OrganisationId, StorageError, Store};

/// One value of one area.
#[derive(Debug, Clone, PartialEq)]
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

/// An [`AreaValue`] from a row of (area, indicator, year, value).
pub(crate) fn area_value(r: &sqlx::any::AnyRow) -> Result<AreaValue, StorageError> {
    Ok(AreaValue {
        area: r.try_get(0)?,
        indicator: r.try_get(1)?,
        year: r.try_get(2)?,
        value: r.try_get(3)?,
    })
}

/// A weight in the "onder druk" signal.
#[derive(Debug, Clone, PartialEq)]
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
        let rows = sqlx::query(
            "SELECT code, level, name, parent_code FROM areas \
             WHERE organisation_id = $1 AND level = 'gemeente' ORDER BY name, code",
        )
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AreaRow {
                    code: r.try_get(0)?,
                    level: r.try_get(1)?,
                    name: r.try_get(2)?,
                    parent_code: r.try_get(3)?,
                })
            })
            .collect()
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
            "SELECT area_code, indicator_code, year, value FROM observations \
             WHERE organisation_id = $1 AND area_code LIKE $2",
        );
        if indicator.is_some() {
            sql.push_str(" AND indicator_code = $3");
        }
        sql.push_str(" ORDER BY area_code, indicator_code, year");
        let mut q = sqlx::query(&sql)
            .bind(&org.0)
            .bind(level_prefix(gemeente, level));
        if let Some(code) = indicator {
            q = q.bind(code);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(crate::area_values::area_value).collect()
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
        let rows = sqlx::query(
            "SELECT DISTINCT indicator_code, year FROM observations \
             WHERE organisation_id = $1 AND area_code LIKE $2 ORDER BY indicator_code, year",
        )
        .bind(&org.0)
        .bind(level_prefix(gemeente, level))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
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
        let rows = sqlx::query(
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
        rows.iter()
            .map(|r| {
                Ok(AreaValue {
                    area: r.try_get(0)?,
                    indicator: indicator.to_string(),
                    year,
                    value: r.try_get(1)?,
                })
            })
            .collect()
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
            "SELECT o.area_code, o.indicator_code, o.year, o.value FROM observations o \
             JOIN (SELECT indicator_code, MAX(year) AS latest FROM observations \
                   WHERE organisation_id = $1 AND area_code LIKE $2 AND indicator_code IN ({list}) \
                   GROUP BY indicator_code) l \
             ON l.indicator_code = o.indicator_code AND l.latest = o.year \
             WHERE o.organisation_id = $1 AND o.area_code LIKE $2 \
             ORDER BY o.area_code, o.indicator_code",
            list = list.join(", ")
        );
        let mut q = sqlx::query(&sql)
            .bind(&org.0)
            .bind(level_prefix(gemeente, level));
        for code in indicators {
            q = q.bind(*code);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(crate::area_values::area_value).collect()
    }

    /// The organisation's weights for the signal of `subject` (`buurt` or
    /// `complex`); empty when it has not chosen any.
    pub async fn signal_weights(
        &self,
        org: &OrganisationId,
        subject: &str,
    ) -> Result<Vec<SignalWeight>, StorageError> {
        let rows = sqlx::query(
            "SELECT indicator_code, weight FROM signal_weights \
             WHERE organisation_id = $1 AND subject = $2 ORDER BY indicator_code",
        )
        .bind(&org.0)
        .bind(subject)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SignalWeight {
                    indicator: r.try_get(0)?,
                    weight: r.try_get(1)?,
                })
            })
            .collect()
    }

    /// Replaces the organisation's weights for each given subject, all in
    /// one transaction.
    pub async fn set_signal_weights(
        &self,
        org: &OrganisationId,
        subjects: &[(&str, Vec<SignalWeight>)],
    ) -> Result<(), StorageError> {
        let mut tx = self.write_tx().await?;
        for (subject, weights) in subjects {
            sqlx::query("DELETE FROM signal_weights WHERE organisation_id = $1 AND subject = $2")
                .bind(&org.0)
                .bind(*subject)
                .execute(&mut *tx)
                .await?;
            for w in weights {
                sqlx::query(
                    "INSERT INTO signal_weights (organisation_id, subject, indicator_code, weight) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(&org.0)
                .bind(*subject)
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
