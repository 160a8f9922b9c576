//! The first start as one unit: the organisation it makes is marked
//! `seeding` until its last step is done, and an organisation still
//! marked (a first start that failed or was killed) is deleted with every
//! row it has, so the database is empty again and the next start seeds.

use crate::{OrganisationId, StorageError, Store, now};

/// Every table with the organisation's rows, children before parents (the
/// order the foreign keys allow deleting in). `case_versions` and
/// `case_events` hang off `cases` and are deleted through them.
const ORGANISATION_TABLES: [&str; 15] = [
    "agreements",
    "signal_weights",
    "complex_observations",
    "complexes",
    "national_observations",
    "observations",
    "boundaries",
    "imports",
    "catalogue_events",
    "catalogue_templates",
    "cases",
    "users",
    "indicators",
    "areas",
    "organisations",
];

impl Store {
    /// Creates the first start's (fictional) organisation, marked as being
    /// seeded until [`Store::finish_seeding`].
    pub async fn create_seeding_organisation(
        &self,
        name: &str,
    ) -> Result<OrganisationId, StorageError> {
        let id = OrganisationId(uuid::Uuid::new_v4().to_string());
        sqlx::query(
            "INSERT INTO organisations (id, name, created_at, fictional, seeding) \
             VALUES ($1, $2, $3, 1, 1)",
        )
        .bind(&id.0)
        .bind(name)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// Marks a seeded organisation as complete, with the partner
    /// organisations seeded for it ([`Store::mark_seeding`]).
    pub async fn finish_seeding(&self, org: &OrganisationId) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE organisations SET seeding = 0 WHERE id = $1 OR (seeding = 1 AND id IN \
             (SELECT partner_id FROM shares WHERE owner_id = $1))",
        )
        .bind(&org.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks an organisation made during the first start (a demo partner)
    /// as being seeded, and fictional: it goes when the seeding fails.
    pub async fn mark_seeding(&self, org: &OrganisationId) -> Result<(), StorageError> {
        sqlx::query("UPDATE organisations SET seeding = 1, fictional = 1 WHERE id = $1")
            .bind(&org.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes every organisation still marked as being seeded, with all
    /// its rows, in one transaction. Returns how many there were.
    pub async fn discard_unfinished_seeding(&self) -> Result<usize, StorageError> {
        let mut tx = self.write_tx().await?;
        let orgs: Vec<String> =
            sqlx::query_scalar("SELECT id FROM organisations WHERE seeding = 1 ORDER BY id")
                .fetch_all(&mut *tx)
                .await?;
        for org in &orgs {
            for table in ["share_events", "shares", "invitations"] {
                sqlx::query(&format!(
                    "DELETE FROM {table} WHERE owner_id = $1 OR partner_id = $1"
                ))
                .bind(org)
                .execute(&mut *tx)
                .await?;
            }
            for child in [
                "agreement_events",
                "agreement_approvals",
                "agreement_versions",
            ] {
                sqlx::query(&format!(
                    "DELETE FROM {child} WHERE agreement_id IN \
                     (SELECT id FROM agreements WHERE organisation_id = $1)"
                ))
                .bind(org)
                .execute(&mut *tx)
                .await?;
            }
            for child in ["case_events", "case_versions"] {
                sqlx::query(&format!(
                    "DELETE FROM {child} WHERE case_id IN \
                     (SELECT id FROM cases WHERE organisation_id = $1)"
                ))
                .bind(org)
                .execute(&mut *tx)
                .await?;
            }
            for table in ORGANISATION_TABLES {
                let key = if table == "organisations" {
                    "id"
                } else {
                    "organisation_id"
                };
                sqlx::query(&format!("DELETE FROM {table} WHERE {key} = $1"))
                    .bind(org)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(orgs.len())
    }
}
