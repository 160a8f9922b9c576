//! Organisations and their users (accounts with a role and an argon2 hash)
//! through their whole life: added, given another role, disabled and
//! enabled, a new password (or a temporary one that must be changed).

use sqlx::FromRow;

use crate::types::stored;
use crate::{OrganisationId, OrganisationKind, StorageError, Store, UserId, UserRole, now};

/// An organisation as shown in the app.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationRow {
    /// Its id.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
    /// True for a demo with fictional data.
    pub fictional: bool,
    /// A corporatie, or a partner of one.
    pub kind: OrganisationKind,
}

/// A user account.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    /// Its id.
    pub id: UserId,
    /// The organisation it belongs to.
    pub organisation_id: OrganisationId,
    /// What that organisation is (a corporatie, or a partner of one).
    pub organisation_kind: OrganisationKind,
    /// Login name.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What it may do.
    pub role: UserRole,
    /// PHC string of the argon2 hash.
    pub password_hash: String,
    /// A disabled account cannot log in, and its sessions have ended.
    pub disabled: bool,
    /// The password is temporary: the user must choose a new one first.
    pub must_change_password: bool,
}

/// A new user.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Login name (stored lower-case).
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// What it may do.
    pub role: UserRole,
    /// PHC string of the argon2 hash.
    pub password_hash: &'a str,
    /// The password is temporary (given by someone else).
    pub must_change_password: bool,
}

/// A change a beheerder makes to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    /// Another role.
    Role(UserRole),
    /// Disabled (`true`) or enabled again.
    Disabled(bool),
}

/// The answer to an [`AccountChange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChangeOutcome {
    /// Done.
    Done,
    /// No such user in this organisation.
    NotFound,
    /// Refused: the organisation would have no enabled beheerder left.
    LastBeheerder,
}

const USER_COLUMNS: &str = "id, organisation_id, email, name, role, password_hash, disabled, must_change_password, \
     (SELECT o.kind FROM organisations o WHERE o.id = users.organisation_id) AS organisation_kind";

/// A `users` row as stored: [`USER_COLUMNS`], read by name.
#[derive(FromRow)]
struct StoredUser {
    id: UserId,
    organisation_id: OrganisationId,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    disabled: i32,
    must_change_password: i32,
    organisation_kind: String,
}

impl TryFrom<StoredUser> for UserRow {
    type Error = StorageError;

    fn try_from(r: StoredUser) -> Result<UserRow, StorageError> {
        Ok(UserRow {
            role: stored("users", "role", r.role)?,
            organisation_kind: stored("organisations", "kind", r.organisation_kind)?,
            id: r.id,
            organisation_id: r.organisation_id,
            email: r.email,
            name: r.name,
            password_hash: r.password_hash,
            disabled: r.disabled != 0,
            must_change_password: r.must_change_password != 0,
        })
    }
}

/// An `organisations` row as stored.
#[derive(FromRow)]
struct StoredOrganisation {
    id: OrganisationId,
    name: String,
    fictional: i32,
    kind: String,
}

/// The role and state of an account, as [`Store::change_account`] checks them.
#[derive(FromRow)]
struct StoredAccount {
    role: String,
    disabled: i32,
}

/// A subject's failed logins: how many, and the oldest.
#[derive(FromRow)]
struct StoredFailures {
    failures: i64,
    oldest: Option<i64>,
}

/// E-mail addresses are compared without case and surrounding spaces.
fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

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

    /// The names of the corporations (not partner organisations), oldest
    /// first: what imports and the corporation's accounts are for.
    pub async fn corporation_names(&self) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT name FROM organisations WHERE kind = 'corporatie' ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// One organisation.
    pub async fn organisation(
        &self,
        org: &OrganisationId,
    ) -> Result<Option<OrganisationRow>, StorageError> {
        let row: Option<StoredOrganisation> =
            sqlx::query_as("SELECT id, name, fictional, kind FROM organisations WHERE id = $1")
                .bind(&org.0)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(OrganisationRow {
                kind: stored("organisations", "kind", r.kind)?,
                id: r.id,
                name: r.name,
                fictional: r.fictional != 0,
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

    /// Adds a user to an organisation. `Ok(None)` when the organisation
    /// has a user with this e-mail address already (other organisations'
    /// users do not matter: one person may have an account in each).
    pub async fn create_user(
        &self,
        org: &OrganisationId,
        user: &NewUser<'_>,
    ) -> Result<Option<UserRow>, StorageError> {
        let kind: String = sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
            .bind(&org.0)
            .fetch_one(&self.pool)
            .await?;
        let row = new_row(org, stored("organisations", "kind", kind)?, user);
        // The unique (organisation, e-mail) key decides, so two beheerders
        // adding the same address at once cannot both succeed.
        let done = insert_user(&row).execute(&self.pool).await?;
        Ok((done.rows_affected() == 1).then_some(row))
    }

    /// Creates an organisation and its first user in one transaction (a
    /// failure leaves neither).
    pub async fn create_organisation_with_user(
        &self,
        name: &str,
        user: &NewUser<'_>,
    ) -> Result<(OrganisationId, UserRow), StorageError> {
        let org = OrganisationId(uuid::Uuid::new_v4().to_string());
        let row = new_row(&org, OrganisationKind::Corporatie, user);
        let mut tx = self.write_tx().await?;
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(&org.0)
            .bind(name)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        insert_user(&row).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok((org, row))
    }

    /// Every account with this e-mail address, in any organisation (for
    /// logging in), oldest first.
    pub async fn users_by_email(&self, email: &str) -> Result<Vec<UserRow>, StorageError> {
        let rows: Vec<StoredUser> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1 ORDER BY created_at, id"
        ))
        .bind(normalise_email(email))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(UserRow::try_from).collect()
    }

    /// The account with this e-mail address in one organisation.
    pub async fn user_in_organisation_by_email(
        &self,
        org: &OrganisationId,
        email: &str,
    ) -> Result<Option<UserRow>, StorageError> {
        let row: Option<StoredUser> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE organisation_id = $1 AND email = $2"
        ))
        .bind(&org.0)
        .bind(normalise_email(email))
        .fetch_optional(&self.pool)
        .await?;
        row.map(UserRow::try_from).transpose()
    }

    /// The user with this id (for sessions).
    pub async fn user_by_id(&self, id: &UserId) -> Result<Option<UserRow>, StorageError> {
        let row: Option<StoredUser> =
            sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(UserRow::try_from).transpose()
    }

    /// The users of one organisation, by name.
    pub async fn users(&self, org: &OrganisationId) -> Result<Vec<UserRow>, StorageError> {
        let rows: Vec<StoredUser> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE organisation_id = $1 ORDER BY name, email"
        ))
        .bind(&org.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(UserRow::try_from).collect()
    }

    /// Changes a user's role or disables/enables them, refusing a change
    /// that leaves the organisation without an enabled beheerder. One
    /// transaction, so two beheerders demoting each other at once cannot
    /// both succeed.
    pub async fn change_account(
        &self,
        org: &OrganisationId,
        user_id: &UserId,
        change: AccountChange,
    ) -> Result<AccountChangeOutcome, StorageError> {
        let mut tx = self.write_tx().await?;
        let found: Option<StoredAccount> = sqlx::query_as(
            "SELECT role, disabled FROM users WHERE organisation_id = $1 AND id = $2",
        )
        .bind(&org.0)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(found) = found else {
            return Ok(AccountChangeOutcome::NotFound);
        };
        let role: UserRole = stored("users", "role", found.role)?;
        let enabled = found.disabled == 0;
        let was_active_beheerder = role == UserRole::Admin && enabled;
        let stays_active_beheerder = match change {
            AccountChange::Role(r) => r == UserRole::Admin && enabled,
            AccountChange::Disabled(d) => role == UserRole::Admin && !d,
        };
        if was_active_beheerder && !stays_active_beheerder {
            // Taking the row lock first (an UPDATE that changes nothing)
            // makes concurrent demotions wait for each other on PostgreSQL;
            // SQLite serialises writers anyway.
            sqlx::query("UPDATE organisations SET name = name WHERE id = $1")
                .bind(&org.0)
                .execute(&mut *tx)
                .await?;
            let others: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM users WHERE organisation_id = $1 AND id <> $2 \
                 AND role = 'beheerder' AND disabled = 0",
            )
            .bind(&org.0)
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
            if others == 0 {
                return Ok(AccountChangeOutcome::LastBeheerder);
            }
        }
        let query = match change {
            AccountChange::Role(r) => {
                sqlx::query("UPDATE users SET role = $1 WHERE organisation_id = $2 AND id = $3")
                    .bind(r.as_str())
            }
            AccountChange::Disabled(d) => {
                sqlx::query("UPDATE users SET disabled = $1 WHERE organisation_id = $2 AND id = $3")
                    .bind(i32::from(d))
            }
        };
        query.bind(&org.0).bind(user_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(AccountChangeOutcome::Done)
    }

    /// Sets a user's password hash; `temporary` makes them choose a new one
    /// at their next login. False when there is no such user.
    pub async fn set_password(
        &self,
        user_id: &UserId,
        password_hash: &str,
        temporary: bool,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(i32::from(temporary))
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Notes a failed login for each subject (an account, a client address).
    pub async fn record_login_failure(&self, subjects: &[&str]) -> Result<(), StorageError> {
        let at = now();
        let mut tx = self.write_tx().await?;
        for subject in subjects {
            sqlx::query("INSERT INTO login_failures (subject, at) VALUES ($1, $2)")
                .bind(*subject)
                .bind(at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Failed logins of a subject since a moment (Unix seconds): how many,
    /// and when the oldest of them was.
    pub async fn login_failures_since(
        &self,
        subject: &str,
        since: i64,
    ) -> Result<(i64, Option<i64>), StorageError> {
        let row: StoredFailures = sqlx::query_as(
            "SELECT COUNT(*) AS failures, MIN(at) AS oldest FROM login_failures \
             WHERE subject = $1 AND at >= $2",
        )
        .bind(subject)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.failures, row.oldest))
    }

    /// Forgets a subject's failed logins (after a successful one).
    pub async fn clear_login_failures(&self, subject: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM login_failures WHERE subject = $1")
            .bind(subject)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets failed logins older than a moment (Unix seconds).
    pub async fn delete_login_failures_before(&self, before: i64) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// A new user of an organisation of `kind`, as [`insert_user`] stores it.
pub(crate) fn new_row(org: &OrganisationId, kind: OrganisationKind, user: &NewUser<'_>) -> UserRow {
    UserRow {
        id: UserId(uuid::Uuid::new_v4().to_string()),
        organisation_id: org.clone(),
        organisation_kind: kind,
        email: normalise_email(user.email),
        name: user.name.trim().to_string(),
        role: user.role,
        password_hash: user.password_hash.to_string(),
        disabled: false,
        must_change_password: user.must_change_password,
    }
}

/// The insert of a new user; nothing happens when the organisation has
/// the e-mail address already.
pub(crate) fn insert_user(
    row: &UserRow,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query(INSERT_USER)
        .bind(&row.id)
        .bind(&row.organisation_id.0)
        .bind(&row.email)
        .bind(&row.name)
        .bind(row.role.as_str())
        .bind(&row.password_hash)
        .bind(i32::from(row.must_change_password))
        .bind(now())
}

const INSERT_USER: &str = "INSERT INTO users \
     (id, organisation_id, email, name, role, password_hash, disabled, must_change_password, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8) ON CONFLICT (organisation_id, email) DO NOTHING";
