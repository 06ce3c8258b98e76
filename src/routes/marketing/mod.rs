//! Marketing: attendee lists (JSON pages and a streamed CSV), figures per
//! webinar and topic, webhooks, erasure on request, and the audit log.

mod attendee_csv;
mod attendee_list;
mod figures;
mod people;
mod topics;
mod webhooks;

pub use attendee_csv::*;
pub use attendee_list::*;
pub use figures::*;
pub use people::*;
pub use topics::*;
pub use webhooks::*;

use crate::auth::Staff;
use crate::db::{Db, audit, clock};
use crate::error::AppError;

/// Notes in the audit log who read or changed what.
async fn record(
    db: &Db,
    staff: &Staff,
    action: &'static str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let actor = staff.id.clone();
    db.run(move |conn| audit::record(conn, &actor, action, &details, clock()))
        .await
        .map_err(AppError::from)
}
