//! The organisation's interventiecatalogus: templates stored as JSON (one
//! row per key), and every change kept in `catalogue_events` (who, when,
//! what, with the template before and after) in the same transaction.

use sqlx::{Any, FromRow, Transaction};
use wikken_core::case::catalogue::Template;

use crate::{EventUser, OrganisationId, StorageError, Store, now};

/// The user the default catalogue is recorded under.
pub const SEED_USER: &str = "wikken";

/// One change of the catalogue.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct CatalogueEventRow {
    /// Its id (time-ordered).
    pub id: String,
    /// The template it concerns.
    pub template_key: String,
    /// Who: the user's id (`wikken` for the default catalogue).
    pub user_id: String,
    /// Who: the user's name at the time.
    pub user_name: String,
    /// When (Unix seconds).
    pub at: i64,
    /// What, in Dutch ("Sjabloon Buurtbeheerder gewijzigd").
    pub action: String,
    /// JSON `{"before": template or null, "after": template or null}`.
    pub detail: Option<String>,
}

/// The columns of a [`CatalogueEventRow`], named as its fields.
const EVENT_COLUMNS: &str = "id, template_key, user_id, user_name, at, action, detail";

fn parse(body: &str) -> Result<Template, StorageError> {
    Ok(serde_json::from_str(body)?)
}

/// The stored body of a template, if there is one.
async fn body(
    tx: &mut Transaction<'static, Any>,
    org: &OrganisationId,
    key: &str,
) -> Result<Option<String>, StorageError> {
    Ok(sqlx::query_scalar(
        "SELECT body FROM catalogue_templates WHERE organisation_id = $1 AND template_key = $2",
    )
    .bind(&org.0)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Records a change; `before` is the stored body, `after` the new template.
async fn record(
    tx: &mut Transaction<'static, Any>,
    org: &OrganisationId,
    user: &EventUser,
    key: &str,
    action: &str,
    before: Option<&str>,
    after: Option<&Template>,
) -> Result<(), StorageError> {
    let before: serde_json::Value = match before {
        Some(b) => serde_json::from_str(b)?,
        None => serde_json::Value::Null,
    };
    let detail = serde_json::json!({ "before": before, "after": after });
    sqlx::query(&format!(
        "INSERT INTO catalogue_events (organisation_id, {EVENT_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    ))
    .bind(&org.0)
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(key)
    .bind(&user.id)
    .bind(&user.name)
    .bind(now())
    .bind(action)
    .bind(detail.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The organisation's templates, by name.
    pub async fn catalogue(&self, org: &OrganisationId) -> Result<Vec<Template>, StorageError> {
        let bodies: Vec<String> =
            sqlx::query_scalar("SELECT body FROM catalogue_templates WHERE organisation_id = $1")
                .bind(&org.0)
                .fetch_all(&self.pool)
                .await?;
        let mut all = bodies
            .iter()
            .map(|b| parse(b))
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here, not in SQL: the databases' collations differ.
        all.sort_by_cached_key(|t| (t.name.to_lowercase(), t.key.clone()));
        Ok(all)
    }

    /// One template of the organisation.
    pub async fn template(
        &self,
        org: &OrganisationId,
        key: &str,
    ) -> Result<Option<Template>, StorageError> {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM catalogue_templates WHERE organisation_id = $1 AND template_key = $2",
        )
        .bind(&org.0)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        body.as_deref().map(parse).transpose()
    }

    /// Adds a template, or replaces the one with the same key, and records
    /// who did it, in one transaction.
    pub async fn save_template(
        &self,
        org: &OrganisationId,
        user: &EventUser,
        template: &Template,
    ) -> Result<(), StorageError> {
        let json = serde_json::to_string(template)?;
        let mut tx = self.write_tx().await?;
        let before = body(&mut tx, org, &template.key).await?;
        let q = if before.is_some() {
            "UPDATE catalogue_templates SET name = $3, category = $4, body = $5, updated_at = $6 \
             WHERE organisation_id = $1 AND template_key = $2"
        } else {
            "INSERT INTO catalogue_templates \
             (organisation_id, template_key, name, category, body, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)"
        };
        sqlx::query(q)
            .bind(&org.0)
            .bind(&template.key)
            .bind(&template.name)
            .bind(template.category.as_str())
            .bind(&json)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        let verb = if before.is_some() {
            "gewijzigd"
        } else {
            "toegevoegd"
        };
        let action = format!("Sjabloon {} {verb}", template.name);
        record(
            &mut tx,
            org,
            user,
            &template.key,
            &action,
            before.as_deref(),
            Some(template),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a template and records who did it; false when the
    /// organisation has no template with this key (nothing is recorded).
    pub async fn delete_template(
        &self,
        org: &OrganisationId,
        user: &EventUser,
        key: &str,
    ) -> Result<bool, StorageError> {
        let mut tx = self.write_tx().await?;
        let Some(before) = body(&mut tx, org, key).await? else {
            return Ok(false);
        };
        sqlx::query(
            "DELETE FROM catalogue_templates WHERE organisation_id = $1 AND template_key = $2",
        )
        .bind(&org.0)
        .bind(key)
        .execute(&mut *tx)
        .await?;
        let name = parse(&before).map_or_else(|_| key.to_string(), |t| t.name);
        let action = format!("Sjabloon {name} verwijderd");
        record(&mut tx, org, user, key, &action, Some(&before), None).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Fills a catalogue that never had anything in it (no templates and
    /// no history) with `templates`, in one transaction, recorded as added
    /// by Wikken. False when the catalogue was not empty (nothing changes):
    /// an organisation that deleted its templates does not get them back.
    pub async fn seed_catalogue(
        &self,
        org: &OrganisationId,
        templates: &[Template],
    ) -> Result<bool, StorageError> {
        let mut tx = self.write_tx().await?;
        // A write first: it serialises concurrent seeds of one organisation
        // (a row lock on PostgreSQL, the write lock on SQLite), so the
        // counts below cannot be stale.
        sqlx::query("UPDATE organisations SET name = name WHERE id = $1")
            .bind(&org.0)
            .execute(&mut *tx)
            .await?;
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM catalogue_templates WHERE organisation_id = $1) \
             + (SELECT COUNT(*) FROM catalogue_events WHERE organisation_id = $1)",
        )
        .bind(&org.0)
        .fetch_one(&mut *tx)
        .await?;
        if used > 0 || templates.is_empty() {
            return Ok(false);
        }
        let wikken = EventUser {
            id: SEED_USER.to_string(),
            name: "Wikken".to_string(),
        };
        let at = now();
        for t in templates {
            sqlx::query(
                "INSERT INTO catalogue_templates \
                 (organisation_id, template_key, name, category, body, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&org.0)
            .bind(&t.key)
            .bind(&t.name)
            .bind(t.category.as_str())
            .bind(serde_json::to_string(t)?)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            let action = format!("Sjabloon {} toegevoegd uit de standaardcatalogus", t.name);
            record(&mut tx, org, &wikken, &t.key, &action, None, Some(t)).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The latest changes of the whole catalogue, newest first.
    pub async fn catalogue_events(
        &self,
        org: &OrganisationId,
        limit: i64,
    ) -> Result<Vec<CatalogueEventRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM catalogue_events WHERE organisation_id = $1 \
             ORDER BY at DESC, id DESC LIMIT $2"
        ))
        .bind(&org.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest changes of one template, newest first.
    pub async fn template_events(
        &self,
        org: &OrganisationId,
        key: &str,
        limit: i64,
    ) -> Result<Vec<CatalogueEventRow>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM catalogue_events \
             WHERE organisation_id = $1 AND template_key = $2 \
             ORDER BY at DESC, id DESC LIMIT $3"
        ))
        .bind(&org.0)
        .bind(key)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
