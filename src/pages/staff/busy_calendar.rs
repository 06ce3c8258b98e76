//! The CSM's own calendar in, on the dashboard: which calendar's busy times
//! are kept out of their office hours, when it was last read, why the last
//! reading failed, and a form to set or replace its address.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use chrono_tz::Tz;
use serde::Deserialize;

use super::dashboard::{self, Extra};
use super::session::StaffPage;
use crate::busy_fetch::Problem;
use crate::config::Settings;
use crate::db::busy_calendar::BusyCalendarRow;
use crate::db::{Db, utc};
use crate::domain::user::Role;
use crate::error::AppError;
use crate::pages::context::Ctx;
use crate::pages::error::PageError;
use crate::pages::format::long_datetime_text;

/// Where the dashboard sends the CSM after a save.
const SAVED: &str = "/staff?calendar=saved#busy-heading";

pub struct BusySection {
    pub intro: String,
    /// The host the feed is read from; the address itself is a secret and is
    /// not shown again.
    pub from: Option<String>,
    /// When it was last read, in the CSM's words and as ISO 8601.
    pub read: Option<(String, String)>,
    /// Why the last reading failed, as a sentence.
    pub problem: Option<String>,
    pub saved: bool,
    /// What was typed, and why it was refused.
    pub value: String,
    pub error: Option<String>,
}

/// A refused address, shown again in the form.
pub struct Refused {
    pub value: String,
}

pub fn section(
    ctx: &Ctx,
    zone: Tz,
    settings: &Settings,
    row: Option<BusyCalendarRow>,
    saved: bool,
    refused: Option<Refused>,
) -> BusySection {
    let minutes = settings.calendars.fetch_interval_secs.div_ceil(60).max(1);
    let from = row.as_ref().map(|r| {
        url::Url::parse(&r.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default()
    });
    let read = row.as_ref().and_then(|r| r.last_success_at).map(|at| {
        let at = utc(at);
        (
            long_datetime_text(ctx, at, zone),
            crate::domain::time::format(at),
        )
    });
    let problem = row.as_ref().and_then(|r| r.last_error.as_deref()).map(|e| {
        let reason = match Problem::of(e) {
            Problem::Refused => ctx.t("staff-busy-problem-refused"),
            Problem::Http(status) => {
                ctx.text("staff-busy-problem-http", &[("status", status.into())])
            }
            Problem::TooLarge => ctx.t("staff-busy-problem-too-large"),
            Problem::NotCalendar => ctx.t("staff-busy-problem-not-calendar"),
            Problem::Unreachable => ctx.t("staff-busy-problem-unreachable"),
        };
        let keeps = if read.is_some() {
            "staff-busy-failed-keeps"
        } else {
            "staff-busy-failed-none"
        };
        format!("{} {}", reason, ctx.t(keeps))
    });
    BusySection {
        intro: ctx.text("staff-busy-intro", &[("minutes", minutes.into())]),
        from,
        read,
        problem,
        saved,
        error: refused.as_ref().map(|_| ctx.t("staff-busy-error-url")),
        value: refused.map(|r| r.value).unwrap_or_default(),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BusyForm {
    pub csrf: String,
    pub url: String,
}

/// `POST /staff/busy-calendar`: the signed-in CSM sets the address of their
/// own calendar; it is read at once, and the dashboard shows how that went.
pub async fn save(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    page: StaffPage,
    form: web::Form<BusyForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&[Role::Csm])?;
    page.check_csrf(&form.csrf)?;
    let form = form.into_inner();
    match crate::routes::busy_calendar::save(&db, &settings, page.id(), &form.url).await {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, SAVED))
            .finish()),
        Err(AppError::Validation(_)) => {
            let extra = Extra {
                refused: Some(Refused { value: form.url }),
                ..Extra::default()
            };
            dashboard::render(
                &db,
                &settings,
                &page,
                extra,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(PageError::new(&page.ctx, e)),
    }
}
