//! Invitations of partner organisations: a corporation invites someone by
//! e-mail address to something it shares (an afweging, prestatieafspraken)
//! as a party. There is no mail server: the corporation passes on a link
//! with a random token, of which only the SHA-256 is stored. The link is
//! valid [`INVITATION_DAYS`] days and can be revoked or renewed.
//! Accepting is one transaction: it makes the partner organisation and its
//! first user, or attaches the share to the accepting partner's own
//! organisation (so one partner can work with several corporations).

use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, FromRow};

use crate::partners::{About, Subject, checked_subject, partner_kind, put_share, quoted, record};
use crate::types::stored;
use crate::users::{NewUser, UserRow, insert_user, new_row};
use crate::{
    EventUser, InvitationId, OrganisationId, OrganisationKind, ShareError, ShareRow, StorageError,
    Store, UserRole, now,
};

/// How long an invitation link is valid.
pub const INVITATION_DAYS: i64 = 14;
const INVITATION_SECONDS: i64 = INVITATION_DAYS * 24 * 3600;

/// A new invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    /// Whom (the e-mail address of the person who will log in).
    pub email: String,
    /// The partner organisation's name.
    pub organisation_name: String,
    /// What it is (not a corporatie).
    pub organisation_kind: OrganisationKind,
    /// What is shared, and as whom.
    pub subject: Subject,
}

/// An invitation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRow {
    /// Its id.
    pub id: InvitationId,
    /// The corporation that invites.
    pub owner: OrganisationId,
    /// Its name.
    pub owner_name: String,
    /// Whom.
    pub email: String,
    /// The partner organisation's name.
    pub organisation_name: String,
    /// What it is.
    pub organisation_kind: OrganisationKind,
    /// What is shared, and as whom.
    pub subject: Subject,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// By whom (a user's name).
    pub created_by: String,
    /// Until when the link works (Unix seconds).
    pub expires_at: i64,
    /// When it was accepted, if it was.
    pub accepted_at: Option<i64>,
    /// The partner organisation it was accepted for.
    pub partner: Option<OrganisationId>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

impl InvitationRow {
    /// Whether it can still be accepted at `now`.
    pub fn is_open(&self, now: i64) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && now < self.expires_at
    }
}

/// Why an invitation could not be accepted.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// No invitation has this token.
    #[error("deze uitnodiging bestaat niet")]
    Unknown,
    /// The link is older than 14 days.
    #[error("deze uitnodiging is verlopen")]
    Expired,
    /// It was accepted already.
    #[error("deze uitnodiging is al gebruikt")]
    Used,
    /// The corporation revoked it.
    #[error("deze uitnodiging is ingetrokken")]
    Revoked,
    /// The accepting user's organisation is a corporatie (or the inviting
    /// corporation itself), not a partner.
    #[error("uw organisatie is geen partnerorganisatie")]
    NotAPartner,
    /// What it shares is gone (the party or title no longer fits).
    #[error("wat gedeeld zou worden is er niet meer")]
    SubjectGone,
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for AcceptError {
    fn from(e: sqlx::Error) -> Self {
        AcceptError::Storage(e.into())
    }
}

impl From<ShareError> for AcceptError {
    fn from(e: ShareError) -> Self {
        match e {
            ShareError::Storage(e) => AcceptError::Storage(e),
            ShareError::NotAPartner => AcceptError::NotAPartner,
            ShareError::SubjectNotFound | ShareError::BadName => AcceptError::SubjectGone,
        }
    }
}

/// What is stored of a token.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new random token: 244 bits from the operating system (two v4 UUIDs),
/// 64 hexadecimal characters.
fn new_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

const INVITATION_COLUMNS: &str = "i.id AS id, i.owner_id AS owner_id, o.name AS owner_name, \
     i.email AS email, i.organisation_name AS organisation_name, \
     i.organisation_kind AS organisation_kind, i.subject_kind AS subject_kind, \
     i.subject_id AS subject_id, i.party AS party, COALESCE(c.title, i.title) AS title, \
     i.created_at AS created_at, i.created_by AS created_by, i.expires_at AS expires_at, \
     i.accepted_at AS accepted_at, i.partner_id AS partner_id, i.revoked_at AS revoked_at \
     FROM invitations i JOIN organisations o ON o.id = i.owner_id \
     LEFT JOIN cases c ON i.subject_kind = 'afweging' AND c.id = i.subject_id \
     AND c.organisation_id = i.owner_id";

#[derive(FromRow)]
struct StoredInvitation {
    id: InvitationId,
    owner_id: OrganisationId,
    owner_name: String,
    email: String,
    organisation_name: String,
    organisation_kind: String,
    subject_kind: String,
    subject_id: String,
    party: String,
    title: String,
    created_at: i64,
    created_by: String,
    expires_at: i64,
    accepted_at: Option<i64>,
    partner_id: Option<OrganisationId>,
    revoked_at: Option<i64>,
}

impl TryFrom<StoredInvitation> for InvitationRow {
    type Error = StorageError;

    fn try_from(r: StoredInvitation) -> Result<InvitationRow, StorageError> {
        Ok(InvitationRow {
            organisation_kind: stored("invitations", "organisation_kind", r.organisation_kind)?,
            subject: Subject {
                kind: stored("invitations", "subject_kind", r.subject_kind)?,
                id: r.subject_id,
                party: r.party,
                title: r.title,
            },
            id: r.id,
            owner: r.owner_id,
            owner_name: r.owner_name,
            email: r.email,
            organisation_name: r.organisation_name,
            created_at: r.created_at,
            created_by: r.created_by,
            expires_at: r.expires_at,
            accepted_at: r.accepted_at,
            partner: r.partner_id,
            revoked_at: r.revoked_at,
        })
    }
}

async fn by_hash(
    conn: &mut AnyConnection,
    hash: &str,
) -> Result<Option<InvitationRow>, StorageError> {
    let row: Option<StoredInvitation> = sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} WHERE i.token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(InvitationRow::try_from).transpose()
}

/// Claims the open invitation of `token` for `partner` (accepted by
/// `user`): why not, when it is not open. Two acceptances at once cannot
/// both claim it.
async fn claim(
    conn: &mut AnyConnection,
    token: &str,
    partner: &OrganisationId,
    user: &EventUser,
) -> Result<InvitationRow, AcceptError> {
    let hash = token_hash(token);
    let t = now();
    let found = by_hash(conn, &hash).await?.ok_or(AcceptError::Unknown)?;
    if found.revoked_at.is_some() {
        return Err(AcceptError::Revoked);
    }
    if found.accepted_at.is_some() {
        return Err(AcceptError::Used);
    }
    if t >= found.expires_at {
        return Err(AcceptError::Expired);
    }
    let claimed = sqlx::query(
        "UPDATE invitations SET accepted_at = $1, accepted_by = $2, partner_id = $3 \
         WHERE id = $4 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(t)
    .bind(&user.id)
    .bind(&partner.0)
    .bind(&found.id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Err(AcceptError::Used);
    }
    Ok(found)
}

/// The share an accepted invitation gives, with its lines of history.
async fn share_accepted(
    conn: &mut AnyConnection,
    invitation: &InvitationRow,
    partner: &OrganisationId,
    partner_name: &str,
    user: &EventUser,
) -> Result<ShareRow, AcceptError> {
    let about = About {
        owner: &invitation.owner,
        partner: Some(partner),
        invitation: Some(invitation.id.as_str()),
        kind: invitation.subject.kind,
        subject_id: &invitation.subject.id,
    };
    let line = format!(
        "Uitnodiging voor {} aanvaard door {} voor {partner_name}",
        invitation.email, user.name
    );
    record(conn, &about, user, &line).await?;
    partner_kind(conn, &invitation.owner, partner).await?;
    let subject = checked_subject(conn, &invitation.owner, &invitation.subject).await?;
    Ok(put_share(conn, &invitation.owner, partner, &subject, user)
        .await?
        .row()
        .clone())
}

impl Store {
    /// Makes an invitation (with a line of history) and returns it with
    /// its token: the only time the token is known. An afweging must be
    /// one of the owner's; the partner kind may not be corporatie.
    pub async fn create_invitation(
        &self,
        owner: &OrganisationId,
        new: &NewInvitation,
        by: &EventUser,
    ) -> Result<(InvitationRow, String), ShareError> {
        if !new.organisation_kind.is_partner() {
            return Err(ShareError::NotAPartner);
        }
        let mut tx = self.write_tx().await?;
        let subject = checked_subject(&mut tx, owner, &new.subject).await?;
        let token = new_token();
        let id = InvitationId(uuid::Uuid::new_v4().to_string());
        let t = now();
        sqlx::query(
            "INSERT INTO invitations (id, owner_id, email, organisation_name, organisation_kind, \
             subject_kind, subject_id, party, title, token_hash, created_at, created_by, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&id)
        .bind(&owner.0)
        .bind(new.email.trim().to_lowercase())
        .bind(new.organisation_name.trim())
        .bind(new.organisation_kind.as_str())
        .bind(subject.kind.as_str())
        .bind(&subject.id)
        .bind(&subject.party)
        .bind(&subject.title)
        .bind(token_hash(&token))
        .bind(t)
        .bind(&by.name)
        .bind(t + INVITATION_SECONDS)
        .execute(&mut *tx)
        .await?;
        let about = About {
            owner,
            partner: None,
            invitation: Some(id.as_str()),
            kind: subject.kind,
            subject_id: &subject.id,
        };
        let line = format!(
            "{} ({}) uitgenodigd voor {} {}, als partij {}",
            new.email.trim().to_lowercase(),
            new.organisation_name.trim(),
            subject.kind.label().to_lowercase(),
            quoted(&subject.title),
            subject.party
        );
        record(&mut tx, &about, by, &line).await?;
        let row = by_hash(&mut tx, &token_hash(&token))
            .await?
            .expect("the invitation just made");
        tx.commit().await?;
        Ok((row, token))
    }

    /// The invitation with this token, in whatever state.
    pub async fn invitation_by_token(
        &self,
        token: &str,
    ) -> Result<Option<InvitationRow>, StorageError> {
        let mut conn = self.pool.acquire().await?;
        by_hash(&mut conn, &token_hash(token)).await
    }

    /// A corporation's invitations that were neither accepted nor revoked
    /// (expired ones too), newest first.
    pub async fn pending_invitations(
        &self,
        owner: &OrganisationId,
    ) -> Result<Vec<InvitationRow>, StorageError> {
        let rows: Vec<StoredInvitation> = sqlx::query_as(&format!(
            "SELECT {INVITATION_COLUMNS} WHERE i.owner_id = $1 AND i.accepted_at IS NULL \
             AND i.revoked_at IS NULL ORDER BY i.created_at DESC, i.id"
        ))
        .bind(&owner.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(InvitationRow::try_from).collect()
    }

    /// Revokes a pending invitation of the owner, with a line of history;
    /// false when it has none such (or it was accepted already).
    pub async fn revoke_invitation(
        &self,
        owner: &OrganisationId,
        id: &InvitationId,
        by: &EventUser,
    ) -> Result<bool, StorageError> {
        self.change_pending(owner, id, by, None)
            .await
            .map(|r| r.is_some())
    }

    /// A new link (token) for a pending invitation of the owner, valid 14
    /// days from now, with a line of history; the old link stops working.
    /// `None` when the owner has no such pending invitation.
    pub async fn renew_invitation(
        &self,
        owner: &OrganisationId,
        id: &InvitationId,
        by: &EventUser,
    ) -> Result<Option<String>, StorageError> {
        self.change_pending(owner, id, by, Some(new_token())).await
    }

    /// Revokes (`token` None) or renews a pending invitation.
    async fn change_pending(
        &self,
        owner: &OrganisationId,
        id: &InvitationId,
        by: &EventUser,
        token: Option<String>,
    ) -> Result<Option<String>, StorageError> {
        let mut tx = self.write_tx().await?;
        let row: Option<StoredInvitation> = sqlx::query_as(&format!(
            "SELECT {INVITATION_COLUMNS} WHERE i.owner_id = $1 AND i.id = $2 \
             AND i.accepted_at IS NULL AND i.revoked_at IS NULL"
        ))
        .bind(&owner.0)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row.map(InvitationRow::try_from).transpose()? else {
            return Ok(None);
        };
        let t = now();
        let line = match &token {
            Some(token) => {
                sqlx::query(
                    "UPDATE invitations SET token_hash = $1, expires_at = $2 WHERE id = $3",
                )
                .bind(token_hash(token))
                .bind(t + INVITATION_SECONDS)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                format!("Nieuwe uitnodigingslink voor {} gemaakt", row.email)
            }
            None => {
                sqlx::query(
                    "UPDATE invitations SET revoked_at = $1, revoked_by = $2 WHERE id = $3",
                )
                .bind(t)
                .bind(&by.id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                format!("Uitnodiging voor {} ingetrokken", row.email)
            }
        };
        let about = About {
            owner,
            partner: None,
            invitation: Some(id.as_str()),
            kind: row.subject.kind,
            subject_id: &row.subject.id,
        };
        record(&mut tx, &about, by, &line).await?;
        tx.commit().await?;
        Ok(Some(token.unwrap_or_default()))
    }

    /// Accepts an invitation as someone new: one transaction makes the
    /// partner organisation (named and kinded as invited), its first user
    /// (the invited address, role strateeg) and the share. Returns the
    /// user and the share.
    pub async fn accept_invitation_as_new(
        &self,
        token: &str,
        name: &str,
        password_hash: &str,
    ) -> Result<(UserRow, ShareRow), AcceptError> {
        let mut tx = self.write_tx().await?;
        let org = OrganisationId(uuid::Uuid::new_v4().to_string());
        // Read first for the organisation's name and kind; claimed below
        // (a refusal there rolls everything back).
        let found = by_hash(&mut tx, &token_hash(token))
            .await?
            .ok_or(AcceptError::Unknown)?;
        sqlx::query(
            "INSERT INTO organisations (id, name, created_at, kind) VALUES ($1, $2, $3, $4)",
        )
        .bind(&org.0)
        .bind(&found.organisation_name)
        .bind(now())
        .bind(found.organisation_kind.as_str())
        .execute(&mut *tx)
        .await?;
        let user = new_row(
            &org,
            found.organisation_kind,
            &NewUser {
                email: &found.email,
                name,
                role: UserRole::Strategist,
                password_hash,
                must_change_password: false,
            },
        );
        insert_user(&user).execute(&mut *tx).await?;
        let who = EventUser {
            id: user.id.to_string(),
            name: user.name.clone(),
        };
        let invitation = claim(&mut tx, token, &org, &who).await?;
        let share = share_accepted(
            &mut tx,
            &invitation,
            &org,
            &invitation.organisation_name,
            &who,
        )
        .await?;
        tx.commit().await?;
        Ok((user, share))
    }

    /// Accepts an invitation for the organisation of a partner user who is
    /// logged in (a partner working with several corporations): the share
    /// is added to their organisation, in one transaction.
    pub async fn accept_invitation_for(
        &self,
        token: &str,
        user: &UserRow,
    ) -> Result<ShareRow, AcceptError> {
        if !user.organisation_kind.is_partner() {
            return Err(AcceptError::NotAPartner);
        }
        let mut tx = self.write_tx().await?;
        let who = EventUser {
            id: user.id.to_string(),
            name: user.name.clone(),
        };
        let org = &user.organisation_id;
        let invitation = claim(&mut tx, token, org, &who).await?;
        let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1")
            .bind(&org.0)
            .fetch_one(&mut *tx)
            .await?;
        let share = share_accepted(&mut tx, &invitation, org, &name, &who).await?;
        tx.commit().await?;
        Ok(share)
    }
}
