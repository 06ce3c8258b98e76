//! The staff pages: sign-in (`/login`), sign-out, and the pages behind the
//! session cookie, each role under its own prefix (`/staff` for CSMs,
//! `/marketing`, `/admin`). Handlers take a [`StaffPage`], check the role
//! with [`StaffPage::require`] and every form's token with
//! [`StaffPage::check_csrf`], and render templates extending
//! `pages/staff/layout.html`.

mod admin;
mod appointments;
mod availability;
mod busy_calendar;
mod chart;
mod dashboard;
mod login;
mod marketing;
mod marketing_topics;
pub mod nav;
mod queue;
mod registrants;
pub mod session;
mod webinar_form;
mod webinar_input;

use actix_web::body::MessageBody;
use actix_web::dev::{HttpServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::web;

/// Registers the sign-in and sign-out routes and the CSM pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/login")
            .app_data(super::form_config())
            .route(web::get().to(login::show))
            .route(web::post().to(login::submit))
            .wrap(from_fn(no_store))
            .wrap(from_fn(super::limit_posts))
            .wrap(from_fn(super::page_headers)),
    )
    .service(staff_resource(
        web::resource("/logout").route(web::post().to(login::logout)),
    ))
    .service(staff_resource(
        web::resource("/staff").route(web::get().to(dashboard::show)),
    ))
    .service(staff_resource(
        web::resource("/staff/webinars/new")
            .route(web::get().to(webinar_form::new_form))
            .route(web::post().to(webinar_form::create)),
    ))
    .service(staff_resource(
        web::resource("/staff/webinars/{id}/edit")
            .route(web::get().to(webinar_form::edit_form))
            .route(web::post().to(webinar_form::update)),
    ))
    .service(staff_resource(
        web::resource("/staff/webinars/{id}/cancel").route(web::post().to(webinar_form::cancel)),
    ))
    .service(staff_resource(
        web::resource("/staff/webinars/{id}/registrants").route(web::get().to(registrants::show)),
    ))
    .service(staff_resource(
        web::resource("/staff/webinars/{id}/attendance").route(web::post().to(registrants::mark)),
    ))
    .service(staff_resource(
        web::resource("/staff/calendar-token").route(web::post().to(dashboard::new_feed)),
    ))
    .service(staff_resource(
        web::resource("/staff/busy-calendar").route(web::post().to(busy_calendar::save)),
    ))
    .service(staff_resource(
        web::resource("/staff/availability")
            .route(web::get().to(availability::show))
            .route(web::post().to(availability::save)),
    ))
    .service(staff_resource(
        web::resource("/staff/queue").route(web::get().to(queue::show)),
    ))
    .service(staff_resource(
        web::resource("/staff/appointments").route(web::get().to(appointments::show)),
    ))
    .service(staff_resource(
        web::resource("/staff/appointments/{id}/complete")
            .route(web::post().to(appointments::complete)),
    ))
    .service(staff_resource(
        web::resource("/marketing").route(web::get().to(marketing::charts)),
    ))
    .service(staff_resource(
        web::resource("/marketing/attendees").route(web::get().to(marketing::attendees)),
    ))
    .service(staff_resource(
        web::resource("/marketing/attendees.csv").route(web::get().to(marketing::attendees_csv)),
    ))
    .service(staff_resource(
        web::resource("/admin").route(web::get().to(admin::overview)),
    ))
    .service(staff_resource(
        web::resource("/admin/users")
            .route(web::get().to(admin::users::show))
            .route(web::post().to(admin::users::add)),
    ))
    .service(staff_resource(
        web::resource("/admin/users/{id}").route(web::post().to(admin::users::change)),
    ))
    .service(staff_resource(
        web::resource("/admin/accounts")
            .route(web::get().to(admin::accounts::show))
            .route(web::post().to(admin::accounts::add)),
    ))
    .service(staff_resource(
        web::resource("/admin/accounts/{id}")
            .route(web::post().to(admin::accounts::change_segment)),
    ))
    .service(staff_resource(
        web::resource("/admin/outbox").route(web::get().to(admin::outbox::list)),
    ))
    .service(staff_resource(
        web::resource("/admin/outbox/retry").route(web::post().to(admin::outbox::retry_all)),
    ))
    .service(staff_resource(
        web::resource("/admin/outbox/{id}").route(web::get().to(admin::outbox::show)),
    ))
    .service(staff_resource(
        web::resource("/admin/outbox/{id}/retry").route(web::post().to(admin::outbox::retry)),
    ));
}

/// A staff page's resource with what every staff page has: HTML errors
/// for unreadable forms, `Cache-Control: no-store`, the page headers
/// (CSP etc.). Wrap each staff resource in it (see `configure`).
pub fn staff_resource(resource: actix_web::Resource) -> impl HttpServiceFactory {
    resource
        .app_data(super::form_config())
        .wrap(from_fn(no_store))
        .wrap(from_fn(super::page_headers))
}

/// A staff page is personal: no shared cache may keep it.
async fn no_store(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
