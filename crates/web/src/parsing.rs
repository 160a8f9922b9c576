//! Parsing uploads off the async threads, a few at a time: reading a large
//! import holds a core and up to a few hundred MB for seconds, so at most
//! [`AT_ONCE`] run together and [`WAITING`] wait their turn; beyond that
//! the upload is answered "probeer het zo opnieuw" (503) at once.

use std::sync::LazyLock;

use crate::error::AppError;
use crate::gate::Gate;

/// Uploads parsed at once.
const AT_ONCE: usize = 2;
/// Uploads waiting to be parsed before more are turned away.
const WAITING: usize = 16;

static UPLOADS: LazyLock<Gate> = LazyLock::new(|| Gate::new(AT_ONCE, WAITING));

/// Runs `work` (parsing an upload) on the blocking threads, within the gate.
pub(crate) async fn parse<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    UPLOADS.run(work).await.map_err(|_| AppError::Unavailable {
        message: "Er worden nu veel bestanden tegelijk ingelezen. Probeer het over een minuut \
                  opnieuw; er is niets opgeslagen."
            .into(),
        retry_after: 60,
    })
}
