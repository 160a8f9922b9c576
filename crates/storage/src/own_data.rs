//! The corporation's own data: complexes, their figures and own figures per
//! buurt, imported all-or-nothing and read per organisation.

use sha2::{Digest, Sha256};
use sqlx::FromRow;
use wikken_data::own::{OWN_SOURCE, OwnData, OwnIndicator, Subject};
use wikken_data::{AreaCode, ImportIssue};

use crate::monitor::OBSERVATION_COLUMNS;
use crate::monitor::{BATCH, insert_sql};
use crate::own_checks::own_problems;
use crate::{
    ComplexCode, ImportKind, ImportSummary, ObservationRow, OrganisationId, StorageError, Store,
};

/// Why own data was not imported.
#[derive(Debug, thiserror::Error)]
pub enum OwnImportError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The data does not fit what is stored (unknown buurten or complexes);
    /// nothing was written.
    #[error("{} probleem/problemen; niets geïmporteerd", .0.len())]
    Invalid(Vec<ImportIssue>),
}

impl From<sqlx::Error> for OwnImportError {
    fn from(e: sqlx::Error) -> Self {
        OwnImportError::Storage(e.into())
    }
}

/// A complex as stored.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ComplexRow {
    /// Complexnummer.
    pub code: ComplexCode,
    /// Naam.
    pub name: String,
    /// The buurt's CBS code.
    pub buurt_code: String,
    /// Aantal woningen.
    pub dwellings: i32,
    /// Bouwjaar.
    pub build_year: Option<i32>,
    /// Energielabel.
    pub energy_label: Option<String>,
    /// Gemiddelde huur, euros per month.
    pub average_rent: Option<f64>,
}

const COMPLEX_COLUMNS: &str =
    "code, name, buurt_code, dwellings, build_year, energy_label, average_rent";

impl Store {
    /// Imports own data for an organisation in one transaction: indicators
    /// (source "Eigen gegevens"), complexes, figures per buurt (into the
    /// observations) and per complex, or nothing. Complexes and values
    /// already there under the same keys are replaced; others stay. Every
    /// buurt must be stored for the organisation and every complex named by
    /// a figure must be in the file or stored, else
    /// [`OwnImportError::Invalid`] names each row. A file imported before
    /// (same bytes) changes nothing. In the summary, `areas` counts the
    /// complexes and `observations` the values.
    pub async fn import_own_data(
        &self,
        org: &OrganisationId,
        file_name: &str,
        bytes: &[u8],
        data: &OwnData,
    ) -> Result<ImportSummary, OwnImportError> {
        const KIND: ImportKind = ImportKind::Own;
        let sha = format!("{:x}", Sha256::digest(bytes));
        let summary = |applied| ImportSummary {
            applied,
            areas: data.complexes.len(),
            observations: data.values.len(),
        };
        let mut tx = self.write_tx().await?;
        if crate::imports::already_imported(&mut tx, org, KIND, &sha).await? {
            return Ok(summary(false));
        }
        let problems = own_problems(&mut tx, org, data, &[]).await?;
        if !problems.is_empty() {
            return Err(OwnImportError::Invalid(problems));
        }

        for chunk in data.indicators.chunks(BATCH) {
            let sql = insert_sql(
                "indicators (organisation_id, code, name, unit, higher_is_better, source)",
                6,
                chunk.len(),
                "(organisation_id, code) DO UPDATE SET name = excluded.name, \
                 unit = excluded.unit, higher_is_better = excluded.higher_is_better, \
                 source = excluded.source",
            );
            let mut q = sqlx::query(&sql);
            for d in chunk {
                q = q
                    .bind(&org.0)
                    .bind(&d.code)
                    .bind(&d.name)
                    .bind(&d.unit)
                    .bind(d.higher_is_better.map(i32::from))
                    .bind(OWN_SOURCE);
            }
            q.execute(&mut *tx).await?;
        }

        for chunk in data.complexes.chunks(BATCH) {
            let sql = insert_sql(
                &format!("complexes (organisation_id, {COMPLEX_COLUMNS})"),
                8,
                chunk.len(),
                "(organisation_id, code) DO UPDATE SET name = excluded.name, \
                 buurt_code = excluded.buurt_code, dwellings = excluded.dwellings, \
                 build_year = excluded.build_year, energy_label = excluded.energy_label, \
                 average_rent = excluded.average_rent",
            );
            let mut q = sqlx::query(&sql);
            for c in chunk {
                q = q
                    .bind(&org.0)
                    .bind(&c.code)
                    .bind(&c.name)
                    .bind(c.buurt.as_str())
                    .bind(i32::try_from(c.dwellings).unwrap_or(i32::MAX))
                    .bind(c.build_year)
                    .bind(c.energy_label.as_deref())
                    .bind(c.average_rent);
            }
            q.execute(&mut *tx).await?;
        }

        for (table, subject) in [
            (
                "observations (organisation_id, area_code, indicator_code, year, value)",
                "area_code",
            ),
            (
                "complex_observations (organisation_id, complex_code, indicator_code, year, value)",
                "complex_code",
            ),
        ] {
            let values: Vec<(&str, &str, i32, f64)> = data
                .values
                .iter()
                .filter_map(|v| {
                    match (&v.subject, subject) {
                        (Subject::Area(a), "area_code") => Some(a.as_str()),
                        (Subject::Complex(c), "complex_code") => Some(c.as_str()),
                        _ => None,
                    }
                    .map(|s| (s, v.indicator.as_str(), v.year, v.value))
                })
                .collect();
            for chunk in values.chunks(BATCH) {
                let sql = insert_sql(
                    table,
                    5,
                    chunk.len(),
                    &format!(
                        "(organisation_id, {subject}, indicator_code, year) DO UPDATE SET value = excluded.value"
                    ),
                );
                let mut q = sqlx::query(&sql);
                for (s, indicator, year, value) in chunk {
                    q = q
                        .bind(&org.0)
                        .bind(*s)
                        .bind(*indicator)
                        .bind(*year)
                        .bind(*value);
                }
                q.execute(&mut *tx).await?;
            }
        }

        crate::imports::record_import(
            &mut tx,
            org,
            (KIND, file_name, &sha),
            data.complexes.len(),
            data.values.len(),
        )
        .await?;
        tx.commit().await?;
        Ok(summary(true))
    }

    /// The organisation's complexes, by complexnummer.
    pub async fn complexes(&self, org: &OrganisationId) -> Result<Vec<ComplexRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMPLEX_COLUMNS} FROM complexes WHERE organisation_id = $1 ORDER BY code"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The organisation's complexes in one buurt, by complexnummer.
    pub async fn complexes_in_buurt(
        &self,
        org: &OrganisationId,
        buurt: &AreaCode,
    ) -> Result<Vec<ComplexRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMPLEX_COLUMNS} FROM complexes \
             WHERE organisation_id = $1 AND buurt_code = $2 ORDER BY code"
        ))
        .bind(&org.0)
        .bind(buurt.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// One complex of the organisation, if it has it.
    pub async fn complex(
        &self,
        org: &OrganisationId,
        code: &ComplexCode,
    ) -> Result<Option<ComplexRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMPLEX_COLUMNS} FROM complexes WHERE organisation_id = $1 AND code = $2"
        ))
        .bind(&org.0)
        .bind(code)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Every stored figure of one complex, by indicator and year.
    pub async fn complex_observations(
        &self,
        org: &OrganisationId,
        code: &ComplexCode,
    ) -> Result<Vec<ObservationRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {OBSERVATION_COLUMNS} FROM complex_observations \
             WHERE organisation_id = $1 AND complex_code = $2 ORDER BY indicator_code, year"
        ))
        .bind(&org.0)
        .bind(code)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The organisation's own indicators (source "Eigen gegevens"), by
    /// code: a later file may use them without declaring them again.
    pub async fn own_indicators(
        &self,
        org: &OrganisationId,
    ) -> Result<Vec<OwnIndicator>, StorageError> {
        Ok(self
            .indicators(org)
            .await?
            .into_iter()
            .filter(|d| d.source == OWN_SOURCE)
            .map(|d| OwnIndicator {
                code: d.code,
                name: d.name,
                unit: d.unit,
                higher_is_better: d.higher_is_better,
            })
            .collect())
    }
}
