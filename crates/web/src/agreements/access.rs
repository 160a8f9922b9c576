//! Who may see and change which afspraken: the corporation that keeps them
//! (its staff change the terms; a lezer only reads), and a partner
//! organisation they are shared with, acting for its own party.

use wikken_core::agreement::Actor;
use wikken_storage::{AgreementId, EventUser, OrganisationId};

use super::Loaded;
use crate::AppState;
use crate::error::AppError;
use crate::layout::Ctx;

/// Who looks at afspraken, for whom.
#[derive(Debug, Clone)]
pub struct Access {
    /// The corporation that keeps them (every query goes to its rows).
    pub owner: OrganisationId,
    /// Who acts, for the rules of core.
    pub actor: Actor,
    /// A partner's party (`None` for the corporation's staff).
    pub party: Option<String>,
    /// Whether the user may change anything (a lezer may not).
    pub may_change: bool,
}

impl Access {
    /// Whether this user changes the terms (corporation staff who edit).
    pub fn edits_terms(&self) -> bool {
        self.may_change && matches!(self.actor, Actor::Corporation { .. })
    }

    /// The party this user approves for: a partner's own, or the
    /// corporation's party for its staff.
    pub fn approving_party(&self, doc: &wikken_core::agreement::Agreement) -> Option<String> {
        match &self.party {
            Some(p) => Some(p.clone()),
            None => doc
                .parties
                .iter()
                .find(|p| p.kind == wikken_core::agreement::PartyKind::Corporatie)
                .map(|p| p.name.clone()),
        }
    }

    /// The history's "who": a partner's name says their organisation.
    pub fn event_user(&self, ctx: &Ctx) -> EventUser {
        let name = match &self.party {
            Some(p) => format!("{} ({p})", ctx.user.name),
            None => ctx.user.name.clone(),
        };
        EventUser {
            id: ctx.user.id.to_string(),
            name,
        }
    }
}

/// The access of the signed-in user to afspraken `id`: their own
/// organisation's, or shared with their partner organisation. 404 for
/// anything else, so nobody learns that unshared afspraken exist.
pub async fn access(app: &AppState, ctx: &Ctx, id: &AgreementId) -> Result<Access, AppError> {
    let name = ctx.user.name.clone();
    if ctx.user.is_partner() {
        let share = crate::partner_access::PartnerAccess::check(
            &app.store,
            &ctx.user,
            wikken_storage::ShareKind::Afspraken,
            id.as_str(),
        )
        .await?
        .share;
        return Ok(Access {
            owner: share.owner,
            actor: Actor::Partner {
                party: share.subject.party.clone(),
                name,
            },
            party: Some(share.subject.party),
            may_change: ctx.user.role.can_edit(),
        });
    }
    if app.store.agreement(&ctx.user.org, id).await?.is_some() {
        return Ok(Access {
            owner: ctx.user.org.clone(),
            actor: Actor::Corporation { name },
            party: None,
            may_change: ctx.user.role.can_edit(),
        });
    }
    Err(AppError::NotFound)
}

/// Loads afspraken `id` (version `version`, else the newest) for the
/// signed-in user.
pub async fn load(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    version: Option<i64>,
) -> Result<Loaded, AppError> {
    let id = AgreementId::from(id);
    let access = access(app, ctx, &id).await?;
    let row = app
        .store
        .agreement(&access.owner, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .agreement_version(&access.owner, &id, version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Loaded {
        id,
        row,
        version,
        access,
    })
}
