//! The admin pages: `/admin` (what needs attention), `/admin/users` (staff
//! users: add, role, deactivate), `/admin/accounts` (customer accounts and
//! their segments) and `/admin/outbox` (messages, their attempt logs, and
//! sending failed ones again). Admins only; each page acts through the
//! same functions as the API.

pub mod accounts;
pub mod outbox;
pub mod users;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::nav::StaffChrome;
use super::session::StaffPage;
use crate::db::{Db, DbError, accounts as accounts_db, outbox as outbox_db, users as users_db};
use crate::domain::user::Role;
use crate::pages::context::{Ctx, Layout};
use crate::pages::error::{OrPage, PageError};

const ROLES: [Role; 1] = [Role::Admin];

/// Messages next to the fields of a form: (field, text).
type Errors = Vec<(&'static str, String)>;

fn error_of(errors: &Errors, field: &str) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, e)| e.clone())
}

/// A moment in the reader's language and zone.
fn when(ctx: &Ctx, at: DateTime<Utc>, zone: Tz) -> String {
    crate::i18n::dates::long_datetime(ctx.lang, at, zone)
        .unwrap_or_else(|_| crate::domain::time::format(at))
}

/// After a form did what it said: back to a page that shows it.
fn see_other(location: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A number shown on the overview, with where it leads.
pub struct Figure {
    pub label: String,
    pub value: String,
    pub href: &'static str,
    pub link: String,
    /// Failed messages: shown as needing attention.
    pub alert: bool,
}

#[derive(Template)]
#[template(path = "pages/staff/admin_overview.html")]
struct OverviewPage {
    l: Layout,
    chrome: StaffChrome,
    figures: Vec<Figure>,
}

pub async fn overview(db: web::Data<Db>, page: StaffPage) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let ((active, all), accounts, by_status) = db
        .run(|conn| {
            Ok::<_, DbError>((
                users_db::counts(conn)?,
                accounts_db::count(conn)?,
                outbox_db::counts_by_status(conn)?,
            ))
        })
        .await
        .page(&page.ctx)?;
    let ctx = &page.ctx;
    let of = |status: &str| {
        by_status
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n)
    };
    let failed = of("failed");
    let figures = vec![
        Figure {
            label: ctx.t("admin-overview-users"),
            value: ctx.text(
                "admin-overview-users-value",
                &[("count", active.into()), ("all", all.into())],
            ),
            href: "/admin/users",
            link: ctx.t("admin-overview-users-link"),
            alert: false,
        },
        Figure {
            label: ctx.t("admin-overview-accounts"),
            value: ctx.text(
                "admin-overview-accounts-value",
                &[("count", accounts.into())],
            ),
            href: "/admin/accounts",
            link: ctx.t("admin-overview-accounts-link"),
            alert: false,
        },
        Figure {
            label: ctx.t("admin-overview-failed"),
            value: ctx.text("admin-overview-failed-value", &[("count", failed.into())]),
            href: "/admin/outbox?status=failed",
            link: ctx.t("admin-overview-failed-link"),
            alert: failed > 0,
        },
        Figure {
            label: ctx.t("admin-overview-pending"),
            value: ctx.text(
                "admin-overview-pending-value",
                &[("count", of("pending").into())],
            ),
            href: "/admin/outbox?status=pending",
            link: ctx.t("admin-overview-pending-link"),
            alert: false,
        },
    ];
    let view = OverviewPage {
        l: ctx.layout(),
        chrome: page.chrome("/admin"),
        figures,
    };
    Ok(ctx.render(StatusCode::OK, &view))
}
