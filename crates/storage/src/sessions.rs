//! Web sessions: opaque records (JSON) with an expiry, for the web crate's
//! session store.

use crate::{StorageError, Store, now};

impl Store {
    /// Stores a session record, replacing one with the same id.
    pub async fn session_save(
        &self,
        id: &str,
        data: &str,
        expires_at: i64,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores a new session record; false when the id is taken.
    pub async fn session_create(
        &self,
        id: &str,
        data: &str,
        expires_at: i64,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A session record that has not expired.
    pub async fn session_load(&self, id: &str) -> Result<Option<String>, StorageError> {
        Ok(
            sqlx::query_scalar("SELECT data FROM sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(now())
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Removes a session record.
    pub async fn session_delete(&self, id: &str) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// How many session records are stored (for operators and tests).
    pub async fn session_count(&self) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Removes every expired session record.
    pub async fn sessions_delete_expired(&self) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
