//! Shares: one thing of a corporation (an afweging, a gemeente's
//! prestatieafspraken) shared with one partner organisation, as one party.
//! A partner sees only what a share row names: [`Store::share_for`] is the
//! check every query for a partner goes through. Sharing, changing the
//! party and revoking each write a line of history (`share_events`).

use sqlx::{AnyConnection, FromRow};

use crate::types::stored;
use crate::{
    EventUser, OrganisationId, OrganisationKind, ShareId, ShareKind, StorageError, Store, now,
};

/// Longest subject id accepted (an afspraken record's id is given as a
/// form value; letters, digits, `-` and `_` only).
const MAX_SUBJECT_ID: usize = 100;
/// Longest party name and title.
const MAX_NAME: usize = 200;

/// What is shared, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// An afweging or prestatieafspraken.
    pub kind: ShareKind,
    /// The afweging's case id, or the afspraken record's id.
    pub id: String,
    /// The party the partner acts as there (for an afweging: the name of
    /// one of its participants).
    pub party: String,
    /// What lists show. For an afweging its question is shown instead
    /// (kept up to date); this is what it was when shared.
    pub title: String,
}

/// One share, with the names of both organisations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRow {
    /// Its id.
    pub id: ShareId,
    /// The corporation that shared.
    pub owner: OrganisationId,
    /// That corporation's name.
    pub owner_name: String,
    /// The partner organisation it is shared with.
    pub partner: OrganisationId,
    /// The partner's name.
    pub partner_name: String,
    /// What the partner is.
    pub partner_kind: OrganisationKind,
    /// What is shared, and as whom.
    pub subject: Subject,
    /// When (Unix seconds).
    pub created_at: i64,
    /// Who shared it (a user's name).
    pub created_by: String,
}

/// How a [`Store::share`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareOutcome {
    /// Shared now.
    Shared(ShareRow),
    /// It was shared already; now as another party.
    PartyChanged(ShareRow),
    /// It was shared already, as this party.
    Unchanged(ShareRow),
}

impl ShareOutcome {
    /// The share as it is now.
    pub fn row(&self) -> &ShareRow {
        match self {
            ShareOutcome::Shared(r)
            | ShareOutcome::PartyChanged(r)
            | ShareOutcome::Unchanged(r) => r,
        }
    }
}

/// Why something could not be shared (or an invitation made).
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// No such afweging of this corporation, or an id that is empty, longer
    /// than 100 characters or has other characters than letters, digits,
    /// `-` and `_`.
    #[error("dit is niet gevonden bij uw organisatie")]
    SubjectNotFound,
    /// The partner is no partner organisation (a corporatie, this
    /// corporation itself, or none at all).
    #[error("dit is geen partnerorganisatie")]
    NotAPartner,
    /// The party or title is empty or longer than 200 characters.
    #[error("de partij en de titel zijn 1 tot 200 tekens")]
    BadName,
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ShareError {
    fn from(e: sqlx::Error) -> Self {
        ShareError::Storage(e.into())
    }
}

/// A partner organisation a corporation works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerOrganisation {
    /// Its id.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: OrganisationKind,
    /// How many things this corporation shares with it now.
    pub shares: i64,
}

/// One line of the history of sharing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareEventRow {
    /// When (Unix seconds).
    pub at: i64,
    /// Who.
    pub user_name: String,
    /// The partner organisation's name, once there is one.
    pub partner_name: Option<String>,
    /// What, in Dutch.
    pub action: String,
}

/// The columns of a [`StoredShare`]. For an afweging the title is its
/// current question.
const SHARE_COLUMNS: &str = "s.id AS id, s.owner_id AS owner_id, ow.name AS owner_name, \
     s.partner_id AS partner_id, pa.name AS partner_name, pa.kind AS partner_kind, \
     s.subject_kind AS subject_kind, s.subject_id AS subject_id, s.party AS party, \
     COALESCE(c.title, s.title) AS title, s.created_at AS created_at, s.created_by AS created_by \
     FROM shares s \
     JOIN organisations ow ON ow.id = s.owner_id \
     JOIN organisations pa ON pa.id = s.partner_id \
     LEFT JOIN cases c ON s.subject_kind = 'afweging' AND c.id = s.subject_id \
     AND c.organisation_id = s.owner_id";

/// A share as stored, read by name.
#[derive(FromRow)]
struct StoredShare {
    id: ShareId,
    owner_id: OrganisationId,
    owner_name: String,
    partner_id: OrganisationId,
    partner_name: String,
    partner_kind: String,
    subject_kind: String,
    subject_id: String,
    party: String,
    title: String,
    created_at: i64,
    created_by: String,
}

impl TryFrom<StoredShare> for ShareRow {
    type Error = StorageError;

    fn try_from(r: StoredShare) -> Result<ShareRow, StorageError> {
        Ok(ShareRow {
            partner_kind: stored("organisations", "kind", r.partner_kind)?,
            subject: Subject {
                kind: stored("shares", "subject_kind", r.subject_kind)?,
                id: r.subject_id,
                party: r.party,
                title: r.title,
            },
            id: r.id,
            owner: r.owner_id,
            owner_name: r.owner_name,
            partner: r.partner_id,
            partner_name: r.partner_name,
            created_at: r.created_at,
            created_by: r.created_by,
        })
    }
}

#[derive(FromRow)]
struct StoredPartner {
    id: OrganisationId,
    name: String,
    kind: String,
    shares: i64,
}

#[derive(FromRow)]
struct StoredEvent {
    at: i64,
    user_name: String,
    partner_name: Option<String>,
    action: String,
}

/// Who a line of history is about.
pub(crate) struct About<'a> {
    pub owner: &'a OrganisationId,
    pub partner: Option<&'a OrganisationId>,
    pub invitation: Option<&'a str>,
    pub kind: ShareKind,
    pub subject_id: &'a str,
}

/// Writes a line of the history of sharing.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    about: &About<'_>,
    user: &EventUser,
    action: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO share_events (id, owner_id, partner_id, invitation_id, subject_kind, \
         subject_id, user_id, user_name, at, action) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&about.owner.0)
    .bind(about.partner.map(|p| p.0.as_str()))
    .bind(about.invitation)
    .bind(about.kind.as_str())
    .bind(about.subject_id)
    .bind(&user.id)
    .bind(&user.name)
    .bind(now())
    .bind(action)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The subject cleaned and checked against the owner's data: an afweging
/// must be one of the owner's (its question becomes the title); an
/// afspraken record is taken by its id. Party and title: 1 to 200
/// characters.
pub(crate) async fn checked_subject(
    conn: &mut AnyConnection,
    owner: &OrganisationId,
    subject: &Subject,
) -> Result<Subject, ShareError> {
    let id = subject.id.trim();
    let id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.is_empty() || id.chars().count() > MAX_SUBJECT_ID || !id.chars().all(id_char) {
        return Err(ShareError::SubjectNotFound);
    }
    let party = subject.party.trim();
    let table = match subject.kind {
        ShareKind::Afweging => "cases",
        ShareKind::Afspraken => "agreements",
    };
    let found: Option<String> = sqlx::query_scalar(&format!(
        "SELECT title FROM {table} WHERE id = $1 AND organisation_id = $2"
    ))
    .bind(id)
    .bind(&owner.0)
    .fetch_optional(&mut *conn)
    .await?;
    let title = found.ok_or(ShareError::SubjectNotFound)?;
    let fits = |s: &str| !s.is_empty() && s.chars().count() <= MAX_NAME;
    if !fits(party) || title.is_empty() {
        return Err(ShareError::BadName);
    }
    Ok(Subject {
        kind: subject.kind,
        id: id.to_string(),
        party: party.to_string(),
        title: title.chars().take(MAX_NAME * 5).collect(),
    })
}

/// The kind of a partner organisation; `NotAPartner` for a corporatie, the
/// owner itself, or an organisation that does not exist.
pub(crate) async fn partner_kind(
    conn: &mut AnyConnection,
    owner: &OrganisationId,
    partner: &OrganisationId,
) -> Result<OrganisationKind, ShareError> {
    let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organisations WHERE id = $1")
        .bind(&partner.0)
        .fetch_optional(&mut *conn)
        .await?;
    let kind: OrganisationKind = match kind {
        Some(k) => stored("organisations", "kind", k)?,
        None => return Err(ShareError::NotAPartner),
    };
    if !kind.is_partner() || owner == partner {
        return Err(ShareError::NotAPartner);
    }
    Ok(kind)
}

/// Shares a checked subject inside a transaction, with its line of
/// history: new, another party, or as it was.
pub(crate) async fn put_share(
    conn: &mut AnyConnection,
    owner: &OrganisationId,
    partner: &OrganisationId,
    subject: &Subject,
    by: &EventUser,
) -> Result<ShareOutcome, ShareError> {
    let inserted = sqlx::query(
        "INSERT INTO shares (id, owner_id, partner_id, subject_kind, subject_id, party, title, \
         created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (owner_id, partner_id, subject_kind, subject_id) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&owner.0)
    .bind(&partner.0)
    .bind(subject.kind.as_str())
    .bind(&subject.id)
    .bind(&subject.party)
    .bind(&subject.title)
    .bind(now())
    .bind(&by.name)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let about = About {
        owner,
        partner: Some(partner),
        invitation: None,
        kind: subject.kind,
        subject_id: &subject.id,
    };
    if inserted == 1 {
        let row = read_share(conn, owner, partner, subject).await?;
        let line = format!(
            "{} {} gedeeld met {}, als partij {}",
            subject.kind.label(),
            quoted(&row.subject.title),
            row.partner_name,
            subject.party
        );
        record(conn, &about, by, &line).await?;
        return Ok(ShareOutcome::Shared(row));
    }
    let row = read_share(conn, owner, partner, subject).await?;
    if row.subject.party == subject.party {
        return Ok(ShareOutcome::Unchanged(row));
    }
    sqlx::query("UPDATE shares SET party = $1 WHERE id = $2")
        .bind(&subject.party)
        .bind(&row.id)
        .execute(&mut *conn)
        .await?;
    let line = format!(
        "{} {} voor {}: partij gewijzigd van {} in {}",
        subject.kind.label(),
        quoted(&row.subject.title),
        row.partner_name,
        row.subject.party,
        subject.party
    );
    record(conn, &about, by, &line).await?;
    Ok(ShareOutcome::PartyChanged(ShareRow {
        subject: Subject {
            party: subject.party.clone(),
            ..row.subject
        },
        ..row
    }))
}

/// The share of `subject` by `owner` with `partner`.
async fn read_share(
    conn: &mut AnyConnection,
    owner: &OrganisationId,
    partner: &OrganisationId,
    subject: &Subject,
) -> Result<ShareRow, ShareError> {
    let row: StoredShare = sqlx::query_as(&format!(
        "SELECT {SHARE_COLUMNS} WHERE s.owner_id = $1 AND s.partner_id = $2 \
         AND s.subject_kind = $3 AND s.subject_id = $4"
    ))
    .bind(&owner.0)
    .bind(&partner.0)
    .bind(subject.kind.as_str())
    .bind(&subject.id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(ShareRow::try_from(row)?)
}

/// A title in Dutch quotes, cut at 80 characters.
pub(crate) fn quoted(title: &str) -> String {
    let mut short: String = title.chars().take(80).collect();
    if title.chars().nth(80).is_some() {
        short.push('…');
    }
    format!("‘{short}’")
}

impl Store {
    /// Shares `subject` of the corporation `owner` with the partner
    /// organisation `partner`, as its party, with a line of history. An
    /// afweging must be one of the owner's. Sharing again as another
    /// party changes the party; as the same party, nothing.
    pub async fn share(
        &self,
        owner: &OrganisationId,
        partner: &OrganisationId,
        subject: &Subject,
        by: &EventUser,
    ) -> Result<ShareOutcome, ShareError> {
        let mut tx = self.write_tx().await?;
        partner_kind(&mut tx, owner, partner).await?;
        let subject = checked_subject(&mut tx, owner, subject).await?;
        let outcome = put_share(&mut tx, owner, partner, &subject, by).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Revokes one of the owner's shares, with a line of history; the
    /// share as it was, or `None` when the owner has no such share.
    pub async fn revoke_share(
        &self,
        owner: &OrganisationId,
        share: &ShareId,
        by: &EventUser,
    ) -> Result<Option<ShareRow>, StorageError> {
        let mut tx = self.write_tx().await?;
        let row: Option<StoredShare> = sqlx::query_as(&format!(
            "SELECT {SHARE_COLUMNS} WHERE s.owner_id = $1 AND s.id = $2"
        ))
        .bind(&owner.0)
        .bind(share)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row.map(ShareRow::try_from).transpose()? else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM shares WHERE owner_id = $1 AND id = $2")
            .bind(&owner.0)
            .bind(share)
            .execute(&mut *tx)
            .await?;
        let about = About {
            owner,
            partner: Some(&row.partner),
            invitation: None,
            kind: row.subject.kind,
            subject_id: &row.subject.id,
        };
        let line = format!(
            "{} {} niet meer gedeeld met {}",
            row.subject.kind.label(),
            quoted(&row.subject.title),
            row.partner_name
        );
        record(&mut tx, &about, by, &line).await?;
        tx.commit().await?;
        Ok(Some(row))
    }

    /// Everything shared with a partner organisation, by corporation.
    pub async fn shares_of_partner(
        &self,
        partner: &OrganisationId,
    ) -> Result<Vec<ShareRow>, StorageError> {
        let rows: Vec<StoredShare> = sqlx::query_as(&format!(
            "SELECT {SHARE_COLUMNS} WHERE s.partner_id = $1 \
             ORDER BY ow.name, s.owner_id, s.subject_kind, COALESCE(c.title, s.title), s.id"
        ))
        .bind(&partner.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ShareRow::try_from).collect()
    }

    /// Everything a corporation shares, by partner organisation.
    pub async fn shares_of_owner(
        &self,
        owner: &OrganisationId,
    ) -> Result<Vec<ShareRow>, StorageError> {
        let rows: Vec<StoredShare> = sqlx::query_as(&format!(
            "SELECT {SHARE_COLUMNS} WHERE s.owner_id = $1 \
             ORDER BY pa.name, s.partner_id, s.subject_kind, COALESCE(c.title, s.title), s.id"
        ))
        .bind(&owner.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ShareRow::try_from).collect()
    }

    /// THE check of every partner query: the share that gives the partner
    /// organisation this subject (with the owner that shared it and the
    /// party the partner acts as), or `None`: then the partner may not
    /// know the subject exists.
    pub async fn share_for(
        &self,
        partner: &OrganisationId,
        kind: ShareKind,
        subject_id: &str,
    ) -> Result<Option<ShareRow>, StorageError> {
        let row: Option<StoredShare> = sqlx::query_as(&format!(
            "SELECT {SHARE_COLUMNS} WHERE s.partner_id = $1 AND s.subject_kind = $2 \
             AND s.subject_id = $3 ORDER BY s.created_at, s.id"
        ))
        .bind(&partner.0)
        .bind(kind.as_str())
        .bind(subject_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(ShareRow::try_from).transpose()
    }

    /// The partner organisations a corporation works with: those it shares
    /// something with, and those that accepted one of its invitations.
    pub async fn partner_organisations(
        &self,
        owner: &OrganisationId,
    ) -> Result<Vec<PartnerOrganisation>, StorageError> {
        let rows: Vec<StoredPartner> = sqlx::query_as(
            "SELECT o.id AS id, o.name AS name, o.kind AS kind, \
             (SELECT COUNT(*) FROM shares s WHERE s.owner_id = $1 AND s.partner_id = o.id) AS shares \
             FROM organisations o WHERE o.id IN \
             (SELECT partner_id FROM shares WHERE owner_id = $1 \
              UNION SELECT partner_id FROM invitations WHERE owner_id = $1 AND partner_id IS NOT NULL) \
             ORDER BY o.name, o.id",
        )
        .bind(&owner.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(PartnerOrganisation {
                    kind: stored("organisations", "kind", r.kind)?,
                    id: r.id,
                    name: r.name,
                    shares: r.shares,
                })
            })
            .collect()
    }

    /// The history of a corporation's sharing and invitations, newest
    /// first, at most `limit` lines.
    pub async fn share_events(
        &self,
        owner: &OrganisationId,
        limit: i64,
    ) -> Result<Vec<ShareEventRow>, StorageError> {
        let rows: Vec<StoredEvent> = sqlx::query_as(
            "SELECT e.at AS at, e.user_name AS user_name, o.name AS partner_name, e.action AS action \
             FROM share_events e LEFT JOIN organisations o ON o.id = e.partner_id \
             WHERE e.owner_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT $2",
        )
        .bind(&owner.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| ShareEventRow {
                at: r.at,
                user_name: r.user_name,
                partner_name: r.partner_name,
                action: r.action,
            })
            .collect())
    }
}
