//! What a partner may see of one shared thing. Every page for partners
//! goes through [`PartnerAccess::check`] before it reads anything: the
//! share that names the partner's organisation and the thing gives the
//! corporation that owns it (whose data is then read) and the party the
//! partner acts as. Without that share the answer is 404, the same as for
//! a thing that does not exist: a partner never learns what was not
//! shared with it.
//!
//! For a page of prestatieafspraken:
//!
//! ```ignore
//! let access = PartnerAccess::check(&app.store, &ctx.user, ShareKind::Afspraken, &id).await?;
//! // read the afspraken of access.owner(), act as access.party()
//! ```

use wikken_storage::{OrganisationId, ShareKind, ShareRow, Store};

use crate::auth::User;
use crate::error::AppError;

/// A partner user's access to one shared thing.
#[derive(Debug, Clone)]
pub struct PartnerAccess {
    /// The share that gives it.
    pub share: ShareRow,
}

impl PartnerAccess {
    /// The access of `user` to the `kind` with `subject_id`: only for a
    /// partner's user whose organisation it was shared with;
    /// [`AppError::NotFound`] otherwise (a corporation's staff included:
    /// they use their own pages).
    pub async fn check(
        store: &Store,
        user: &User,
        kind: ShareKind,
        subject_id: &str,
    ) -> Result<PartnerAccess, AppError> {
        if !user.is_partner() {
            return Err(AppError::NotFound);
        }
        store
            .share_for(&user.org, kind, subject_id)
            .await?
            .map(|share| PartnerAccess { share })
            .ok_or(AppError::NotFound)
    }

    /// The corporation that shared it: whose data the page reads.
    pub fn owner(&self) -> &OrganisationId {
        &self.share.owner
    }

    /// That corporation's name.
    pub fn owner_name(&self) -> &str {
        &self.share.owner_name
    }

    /// The party the partner acts as.
    pub fn party(&self) -> &str {
        &self.share.subject.party
    }
}
