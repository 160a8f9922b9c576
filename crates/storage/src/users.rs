//! Organisations and their users (accounts with a role and an argon2 hash).

use sqlx::Row;

use crate::{OrganisationId, StorageError, Store, now};

/// An organisation as shown in the app.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationRow {
    /// Its id.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
    /// True for a demo with fictional data.
    pub fictional: bool,
}

/// A user account.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    /// Its id.
    pub id: String,
    /// The organisation it belongs to.
    pub organisation_id: OrganisationId,
    /// Login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// beheerder, strateeg or lezer.
    pub role: String,
    /// PHC string of the argon2 hash.
    pub password_hash: String,
}

/// A new user.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Login name (stored lower-case).
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// beheerder, strateeg or lezer.
    pub role: &'a str,
    /// PHC string of the argon2 hash.
    pub password_hash: &'a str,
}

const USER_COLUMNS: &str = "id, organisation_id, email, name, role, password_hash";

impl Store {
    /// How many organisations there are (0 on a fresh database).
    pub async fn organisation_count(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
            .fetch_one(&self.pool)
            .await?)
    }

    /// The names of all organisations, oldest first.
    pub async fn organisation_names(&self) -> Result<Vec<String>, StorageError> {
        Ok(
            sqlx::query_scalar("SELECT name FROM organisations ORDER BY created_at, id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// One organisation.
    pub async fn organisation(
        &self,
        org: &OrganisationId,
    ) -> Result<Option<OrganisationRow>, StorageError> {
        let row = sqlx::query("SELECT id, name, fictional FROM organisations WHERE id = $1")
            .bind(&org.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(OrganisationRow {
                id: OrganisationId(r.try_get(0)?),
                name: r.try_get(1)?,
                fictional: r.try_get::<i32, _>(2)? != 0,
            })
        })
        .transpose()
    }

    /// Marks an organisation's data as fictional (the demo).
    pub async fn mark_fictional(&self, org: &OrganisationId) -> Result<(), StorageError> {
        sqlx::query("UPDATE organisations SET fictional = 1 WHERE id = $1")
            .bind(&org.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Adds a user to an organisation. `Ok(None)` when the e-mail address
    /// is taken.
    pub async fn create_user(
        &self,
        org: &OrganisationId,
        user: &NewUser<'_>,
    ) -> Result<Option<UserRow>, StorageError> {
        let email = user.email.trim().to_lowercase();
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&self.pool)
            .await?;
        if taken > 0 {
            return Ok(None);
        }
        let row = UserRow {
            id: uuid::Uuid::new_v4().to_string(),
            organisation_id: org.clone(),
            email,
            name: user.name.trim().to_string(),
            role: user.role.to_string(),
            password_hash: user.password_hash.to_string(),
        };
        sqlx::query(&format!(
            "INSERT INTO users ({USER_COLUMNS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind(&row.id)
        .bind(&org.0)
        .bind(&row.email)
        .bind(&row.name)
        .bind(&row.role)
        .bind(&row.password_hash)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(Some(row))
    }

    /// The user with this e-mail address (any organisation: for logging in).
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, StorageError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_row).transpose()
    }

    /// The user with this id (for sessions).
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRow>, StorageError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_row).transpose()
    }

    /// The users of one organisation, by name.
    pub async fn users(&self, org: &OrganisationId) -> Result<Vec<UserRow>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE organisation_id = $1 ORDER BY name, email"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_row).collect()
    }
}

fn user_row(r: &sqlx::any::AnyRow) -> Result<UserRow, StorageError> {
    Ok(UserRow {
        id: r.try_get(0)?,
        organisation_id: OrganisationId(r.try_get(1)?),
        email: r.try_get(2)?,
        name: r.try_get(3)?,
        role: r.try_get(4)?,
        password_hash: r.try_get(5)?,
    })
}
