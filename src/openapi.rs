//! The OpenAPI document, generated from the handlers' annotations and the
//! request/response types.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "onetomany",
        description = "Webinars, expert webinars with waiting lists and a one-hour CSM queue for Customer Success one-to-many teams. Errors are RFC 9457 problem details with a `code`."
    ),
    paths(
        routes::ops::healthz,
        routes::ops::readyz,
        routes::ops::metrics,
        routes::auth::login,
        routes::auth::logout,
        routes::auth::me,
        routes::users::create,
        routes::users::list,
        routes::users::get,
        routes::users::update,
        routes::accounts::create,
        routes::accounts::list,
        routes::accounts::get,
        routes::webinars::create,
        routes::webinars::list,
        routes::webinars::get,
        routes::webinars::update,
        routes::webinars::cancel,
        routes::webinars::ics,
        routes::registrations::create,
        routes::registrations::list,
        routes::registrations::get,
        routes::registrations::cancel,
        routes::registrations::attendance,
        routes::office_hours::put_availability,
        routes::office_hours::get_availability,
        routes::office_hours::slots,
        routes::queue::create,
        routes::queue::list,
        routes::queue::get,
        routes::queue::confirm,
        routes::queue::cancel,
        routes::queue::reschedule,
        routes::queue::appointments,
        routes::queue::complete,
        routes::marketing::attendees,
        routes::marketing::attendees_csv,
        routes::marketing::stats,
        routes::marketing::create_webhook,
        routes::marketing::list_webhooks,
        routes::marketing::delete_webhook,
        routes::marketing::erase_person,
        routes::marketing::audit_log,
        routes::outbox::list,
        routes::outbox::get,
        routes::outbox::retry,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Staff sign-in"),
        (name = "users", description = "Staff users (admin)"),
        (name = "accounts", description = "Customer companies, their domains and segment"),
        (name = "webinars", description = "Regular and expert webinars, series"),
        (name = "registrations", description = "Public registration, waiting list, attendance"),
        (name = "office hours", description = "CSM availability and free one-hour slots"),
        (name = "queue", description = "The one-hour customer queue and its appointments"),
        (name = "marketing", description = "Attendee lists, figures, webhooks, erasure, audit"),
        (name = "outbox", description = "E-mail and webhook delivery (admin)"),
        (name = "operations", description = "Health, readiness and metrics"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}
