//! The wijkmonitor's data: areas, indicators and observations, imported
//! all-or-nothing and read per organisation.

use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{AnyConnection, FromRow};
use wikken_data::{Area, AreaCode, AreaLevel, Dataset, IndicatorDef, Observation};

use crate::types::stored;
use crate::{ImportKind, OrganisationId, StorageError, Store};

/// Rows per INSERT statement: measured best for SQLite through sqlx (larger
/// statements get slower per row; 50 rows import ~110,000 rows per second).
pub(crate) const BATCH: usize = 50;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// False when the same file had been imported before: nothing changed.
    pub applied: bool,
    /// Areas in the file.
    pub areas: usize,
    /// Values in the file.
    pub observations: usize,
}

/// An area as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    /// CBS code.
    pub code: String,
    /// Gemeente, wijk or buurt.
    pub level: AreaLevel,
    /// Name.
    pub name: String,
    /// The wijk of a buurt, the gemeente of a wijk.
    pub parent_code: Option<String>,
}

/// An indicator as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Code.
    pub code: String,
    /// Dutch name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Direction: Some(true) higher is better.
    pub higher_is_better: Option<bool>,
    /// Source.
    pub source: String,
}

/// One stored value.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ObservationRow {
    /// Indicator code.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

impl Store {
    /// Imports a KWB dataset for an organisation in one transaction: every
    /// area, indicator and value, or nothing. Values already there for the
    /// same area, indicator and year are replaced; a file imported before
    /// (same bytes, same kind) changes nothing.
    pub async fn import_dataset(
        &self,
        org: &OrganisationId,
        kind: ImportKind,
        file_name: &str,
        bytes: &[u8],
        data: &Dataset,
    ) -> Result<ImportSummary, StorageError> {
        let sha = format!("{:x}", Sha256::digest(bytes));
        let summary = |applied| ImportSummary {
            applied,
            areas: data.areas.len(),
            observations: data.observations.len(),
        };
        let mut tx = self.write_tx().await?;
        if crate::imports::already_imported(&mut tx, org, kind, &sha).await? {
            return Ok(summary(false));
        }

        insert_areas(&mut tx, org, &data.areas, AREA_UPSERT).await?;
        upsert_indicators(&mut tx, org, &data.indicators).await?;
        upsert_observations(&mut tx, org, &data.observations).await?;

        for chunk in data.national.chunks(BATCH) {
            let sql = insert_sql(
                "national_observations (organisation_id, indicator_code, year, value)",
                4,
                chunk.len(),
                "(organisation_id, indicator_code, year) DO UPDATE SET value = excluded.value",
            );
            let mut q: Query<'_, sqlx::Any, AnyArguments<'_>> = sqlx::query(&sql);
            for v in chunk {
                q = q.bind(&org.0).bind(v.indicator).bind(v.year).bind(v.value);
            }
            q.execute(&mut *tx).await?;
        }

        crate::imports::record_import(
            &mut tx,
            org,
            (kind, file_name, &sha),
            data.areas.len(),
            data.observations.len(),
        )
        .await?;
        tx.commit().await?;
        Ok(summary(true))
    }

    /// One area of the organisation, if it has it.
    pub async fn area(
        &self,
        org: &OrganisationId,
        code: &AreaCode,
    ) -> Result<Option<AreaRow>, StorageError> {
        let row: Option<StoredArea> = sqlx::query_as(&format!(
            "SELECT {AREA_COLUMNS} FROM areas WHERE organisation_id = $1 AND code = $2"
        ))
        .bind(&org.0)
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(AreaRow::try_from).transpose()
    }

    /// The areas of one level within a gemeente, by code.
    pub async fn areas_in_gemeente(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Vec<AreaRow>, StorageError> {
        let rows: Vec<StoredArea> = sqlx::query_as(&format!(
            "SELECT {AREA_COLUMNS} FROM areas \
             WHERE organisation_id = $1 AND gemeente_code = $2 AND level = $3 ORDER BY code"
        ))
        .bind(&org.0)
        .bind(gemeente.gemeente().as_str())
        .bind(level.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AreaRow::try_from).collect()
    }

    /// Every stored value of one area, by indicator and year.
    pub async fn observations(
        &self,
        org: &OrganisationId,
        area: &AreaCode,
    ) -> Result<Vec<ObservationRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OBSERVATION_COLUMNS} FROM observations \
             WHERE organisation_id = $1 AND area_code = $2 ORDER BY indicator_code, year"
        ))
        .bind(&org.0)
        .bind(area.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// The organisation's values for Nederland (where a file had them), by
    /// indicator and year.
    pub async fn national_values(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<ObservationRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OBSERVATION_COLUMNS} FROM national_observations \
             WHERE organisation_id = $1 ORDER BY indicator_code, year"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The organisation's indicators, by code.
    pub async fn indicators(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<IndicatorRow>, StorageError> {
        let rows: Vec<StoredIndicator> = sqlx::query_as(
            "SELECT code, name, unit, higher_is_better, source FROM indicators \
             WHERE organisation_id = $1 ORDER BY code",
        )
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| IndicatorRow {
                code: r.code,
                name: r.name,
                unit: r.unit,
                higher_is_better: r.higher_is_better.map(|b| b != 0),
                source: r.source,
            })
            .collect())
    }

    /// How many areas and values the organisation has (for summaries).
    pub async fn counts(&self, org: &OrganisationId) -> Result<(i64, i64), StorageError> {
        let areas: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM areas WHERE organisation_id = $1")
                .bind(&org.0)
                .fetch_one(&self.pool)
                .await?;
        let values: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM observations WHERE organisation_id = $1")
                .bind(&org.0)
                .fetch_one(&self.pool)
                .await?;
        Ok((areas, values))
    }
}

/// On a known area, an import of CBS figures takes the file's name.
const AREA_UPSERT: &str = "(organisation_id, code) DO UPDATE SET name = excluded.name, \
     level = excluded.level, parent_code = excluded.parent_code";

/// Adds areas (their level, parent and gemeente from their code);
/// `conflict` says what happens to one the organisation has.
pub(crate) async fn insert_areas(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    areas: &[Area],
    conflict: &str,
) -> Result<(), StorageError> {
    for chunk in areas.chunks(BATCH) {
        let sql = insert_sql(
            "areas (organisation_id, code, level, name, parent_code, gemeente_code)",
            6,
            chunk.len(),
            conflict,
        );
        let mut q = sqlx::query(&sql);
        for a in chunk {
            q = q
                .bind(&org.0)
                .bind(a.code.as_str())
                .bind(a.code.level().as_str())
                .bind(&a.name)
                .bind(a.code.parent().map(|p| p.as_str().to_string()))
                .bind(a.code.gemeente().as_str().to_string());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Adds indicators, or updates their name, unit, direction and source.
pub(crate) async fn upsert_indicators(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    indicators: &[&IndicatorDef],
) -> Result<(), StorageError> {
    if indicators.is_empty() {
        return Ok(());
    }
    let sql = insert_sql(
        "indicators (organisation_id, code, name, unit, higher_is_better, source)",
        6,
        indicators.len(),
        "(organisation_id, code) DO UPDATE SET name = excluded.name, \
         unit = excluded.unit, higher_is_better = excluded.higher_is_better, \
         source = excluded.source",
    );
    let mut q = sqlx::query(&sql);
    for d in indicators {
        q = q
            .bind(&org.0)
            .bind(d.code)
            .bind(d.name)
            .bind(d.unit)
            .bind(d.higher_is_better.map(i32::from))
            .bind(d.source);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// Adds values; one already there (same area, indicator and year) is
/// replaced.
pub(crate) async fn upsert_observations(
    conn: &mut AnyConnection,
    org: &OrganisationId,
    observations: &[Observation],
) -> Result<(), StorageError> {
    for chunk in observations.chunks(BATCH) {
        let sql = insert_sql(
            "observations (organisation_id, area_code, indicator_code, year, value)",
            5,
            chunk.len(),
            "(organisation_id, area_code, indicator_code, year) DO UPDATE SET value = excluded.value",
        );
        let mut q: Query<'_, sqlx::Any, AnyArguments<'_>> = sqlx::query(&sql);
        for o in chunk {
            q = q
                .bind(&org.0)
                .bind(o.area.as_str())
                .bind(o.indicator)
                .bind(o.year)
                .bind(o.value);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// `INSERT INTO {table} VALUES ($1, ..), (..) ON CONFLICT {conflict}` for
/// `rows` rows of `columns` values: numbered placeholders, which both
/// SQLite and PostgreSQL read.
pub(crate) fn insert_sql(table: &str, columns: usize, rows: usize, conflict: &str) -> String {
    let mut sql = format!("INSERT INTO {table} VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * columns + c + 1));
        }
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT ");
    sql.push_str(conflict);
    sql
}

/// The columns of an [`ObservationRow`], named as its fields.
pub(crate) const OBSERVATION_COLUMNS: &str = "indicator_code AS indicator, year, value";

/// The columns of an area, as [`StoredArea`] reads them.
pub(crate) const AREA_COLUMNS: &str = "code, level, name, parent_code";

/// An `areas` row as stored ([`AREA_COLUMNS`]), read by name.
#[derive(FromRow)]
pub(crate) struct StoredArea {
    code: String,
    level: String,
    name: String,
    parent_code: Option<String>,
}

impl TryFrom<StoredArea> for AreaRow {
    type Error = StorageError;

    fn try_from(r: StoredArea) -> Result<AreaRow, StorageError> {
        Ok(AreaRow {
            level: stored("areas", "level", r.level)?,
            code: r.code,
            name: r.name,
            parent_code: r.parent_code,
        })
    }
}

/// An `indicators` row as stored, read by name.
#[derive(FromRow)]
struct StoredIndicator {
    code: String,
    name: String,
    unit: String,
    higher_is_better: Option<i32>,
    source: String,
}
