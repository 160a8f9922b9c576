//! Area boundaries: imported all-or-nothing (one shape per area, replaced
//! by a later file) and read per organisation, as WGS84 multipolygons.

use sha2::{Digest, Sha256};
use sqlx::FromRow;
use wikken_data::geo::{BoundarySet, MultiPolygon, bbox};
use wikken_data::{AreaCode, AreaLevel};

use crate::monitor::{BATCH, insert_sql};
use crate::{ImportKind, ImportSummary, OrganisationId, StorageError, Store};

/// The `imports.kind` of a boundary file.
const KIND: ImportKind = ImportKind::Boundaries;

/// A `boundaries` row as stored, read by name.
#[derive(FromRow)]
struct StoredBoundary {
    area_code: String,
    geometry: String,
}

impl Store {
    /// Imports the boundaries of one file for an organisation in one
    /// transaction: every shape (replacing the one an area had), or
    /// nothing. A file imported before (same bytes) changes nothing. The
    /// summary counts boundaries as `areas`.
    pub async fn import_boundaries(
        &self,
        org: &OrganisationId,
        file_name: &str,
        bytes: &[u8],
        set: &BoundarySet,
    ) -> Result<ImportSummary, StorageError> {
        let sha = format!("{:x}", Sha256::digest(bytes));
        let summary = |applied| ImportSummary {
            applied,
            areas: set.boundaries.len(),
            observations: 0,
        };
        let mut tx = self.write_tx().await?;
        if crate::imports::already_imported(&mut tx, org, KIND, &sha).await? {
            return Ok(summary(false));
        }

        for chunk in set.boundaries.chunks(BATCH) {
            let sql = insert_sql(
                "boundaries (organisation_id, area_code, geometry, min_lon, min_lat, max_lon, max_lat)",
                7,
                chunk.len(),
                "(organisation_id, area_code) DO UPDATE SET geometry = excluded.geometry, \
                 min_lon = excluded.min_lon, min_lat = excluded.min_lat, \
                 max_lon = excluded.max_lon, max_lat = excluded.max_lat",
            );
            let mut q = sqlx::query(&sql);
            for b in chunk {
                let [min_lon, min_lat, max_lon, max_lat] = bbox(&b.shape);
                let geometry = serde_json::to_string(&b.shape)
                    .map_err(|e| StorageError::Database(sqlx::Error::Encode(Box::new(e))))?;
                q = q
                    .bind(&org.0)
                    .bind(b.code.as_str())
                    .bind(geometry)
                    .bind(min_lon)
                    .bind(min_lat)
                    .bind(max_lon)
                    .bind(max_lat);
            }
            q.execute(&mut *tx).await?;
        }

        crate::imports::record_import(
            &mut tx,
            org,
            (KIND, file_name, &sha),
            set.boundaries.len(),
            0,
        )
        .await?;
        tx.commit().await?;
        Ok(summary(true))
    }

    /// The shapes of one level within a gemeente, by code: the areas whose
    /// code carries the gemeente's digits (buurten of GM0855: BU0855...).
    pub async fn boundaries_in_gemeente(
        &self,
        org: &OrganisationId,
        gemeente: &AreaCode,
        level: AreaLevel,
    ) -> Result<Vec<(String, MultiPolygon)>, StorageError> {
        let gemeente = gemeente.gemeente();
        let digits = &gemeente.as_str()[2..];
        let pattern = match level {
            AreaLevel::Gemeente => format!("GM{digits}"),
            AreaLevel::Wijk => format!("WK{digits}%"),
            AreaLevel::Buurt => format!("BU{digits}%"),
        };
        let rows: Vec<StoredBoundary> = sqlx::query_as(
            "SELECT area_code, geometry FROM boundaries \
             WHERE organisation_id = $1 AND area_code LIKE $2 ORDER BY area_code",
        )
        .bind(&org.0)
        .bind(pattern)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| Ok((r.area_code, shape(&r.geometry)?)))
            .collect()
    }

    /// The shape of one area, if the organisation has one.
    pub async fn boundary(
        &self,
        org: &OrganisationId,
        code: &AreaCode,
    ) -> Result<Option<MultiPolygon>, StorageError> {
        let text: Option<String> = sqlx::query_scalar(
            "SELECT geometry FROM boundaries WHERE organisation_id = $1 AND area_code = $2",
        )
        .bind(&org.0)
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        text.as_deref().map(shape).transpose()
    }
}

/// A stored geometry read back.
fn shape(text: &str) -> Result<MultiPolygon, StorageError> {
    serde_json::from_str(text).map_err(|e| StorageError::Database(sqlx::Error::Decode(Box::new(e))))
}
