//! Thin HTTP handlers, one file per resource: parse the request, call the
//! domain and db layers, shape the response. Every route is registered here.

pub mod accounts;
pub mod auth;
pub mod marketing;
pub mod office_hours;
pub mod ops;
pub mod outbox;
pub mod queue;
pub mod registrations;
pub mod users;
pub mod webinars;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpRequest, HttpResponse, ResponseError, Route, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::page::PageRequest;
use crate::error::AppError;
use crate::rate_limit;

/// Largest JSON body accepted (413 above).
pub const JSON_LIMIT: usize = 64 * 1024;

/// Registers every route with its methods; other methods on a known path
/// get 405, unknown paths 404, both as problem+json.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(json_config())
        .app_data(query_config())
        .app_data(path_config())
        .service(resource("/healthz").route(web::get().to(ops::healthz)))
        .service(resource("/readyz").route(web::get().to(ops::readyz)))
        .service(resource("/metrics").route(web::get().to(ops::metrics)))
        .service(
            resource("/api/v1/auth/login")
                .route(web::post().to(auth::login))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(resource("/api/v1/auth/logout").route(web::post().to(auth::logout)))
        .service(resource("/api/v1/me").route(web::get().to(auth::me)))
        .service(
            resource("/api/v1/users")
                .route(web::post().to(users::create))
                .route(web::get().to(users::list)),
        )
        .service(
            resource("/api/v1/users/{id}")
                .route(web::get().to(users::get))
                .route(web::patch().to(users::update)),
        )
        .service(
            resource("/api/v1/accounts")
                .route(web::post().to(accounts::create))
                .route(web::get().to(accounts::list)),
        )
        .service(resource("/api/v1/accounts/{id}").route(web::get().to(accounts::get)))
        .service(
            resource("/api/v1/webinars")
                .route(web::post().to(webinars::create))
                .route(web::get().to(webinars::list)),
        )
        .service(
            resource("/api/v1/webinars/{id}")
                .route(web::get().to(webinars::get))
                .route(web::patch().to(webinars::update)),
        )
        .service(resource("/api/v1/webinars/{id}/cancel").route(web::post().to(webinars::cancel)))
        .service(resource("/api/v1/webinars/{id}/ics").route(web::get().to(webinars::ics)))
        .service(
            resource("/api/v1/webinars/{id}/registrations")
                .route(web::post().to(registrations::create))
                .route(web::get().to(registrations::list))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(
            resource("/api/v1/webinars/{id}/attendance")
                .route(web::post().to(registrations::attendance)),
        )
        .service(resource("/api/v1/registrations/{id}").route(web::get().to(registrations::get)))
        .service(
            resource("/api/v1/registrations/{id}/cancel")
                .route(web::post().to(registrations::cancel))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(
            resource("/api/v1/users/{id}/availability")
                .route(web::put().to(office_hours::put_availability))
                .route(web::get().to(office_hours::get_availability)),
        )
        .service(resource("/api/v1/office-hours/slots").route(web::get().to(office_hours::slots)))
        .service(
            resource("/api/v1/queue")
                .route(web::post().to(queue::create))
                .route(web::get().to(queue::list))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(resource("/api/v1/queue/{id}").route(web::get().to(queue::get)))
        .service(
            resource("/api/v1/queue/{id}/cancel")
                .route(web::post().to(queue::cancel))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(
            resource("/api/v1/queue/{id}/confirm")
                .route(web::post().to(queue::confirm))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(
            resource("/api/v1/queue/{id}/reschedule")
                .route(web::post().to(queue::reschedule))
                .wrap(from_fn(rate_limit::public_posts)),
        )
        .service(resource("/api/v1/appointments").route(web::get().to(queue::appointments)))
        .service(
            resource("/api/v1/appointments/{id}/complete").route(web::post().to(queue::complete)),
        )
        .service(resource("/api/v1/attendees").route(web::get().to(marketing::attendees)))
        .service(resource("/api/v1/attendees.csv").route(web::get().to(marketing::attendees_csv)))
        .service(resource("/api/v1/stats/webinars").route(web::get().to(marketing::stats)))
        .service(
            resource("/api/v1/webhooks")
                .route(web::post().to(marketing::create_webhook))
                .route(web::get().to(marketing::list_webhooks)),
        )
        .service(
            resource("/api/v1/webhooks/{id}").route(web::delete().to(marketing::delete_webhook)),
        )
        .service(
            resource("/api/v1/people/{email}").route(web::delete().to(marketing::erase_person)),
        )
        .service(resource("/api/v1/audit").route(web::get().to(marketing::audit_log)))
        .service(resource("/api/v1/outbox").route(web::get().to(outbox::list)))
        .service(resource("/api/v1/outbox/retry").route(web::post().to(outbox::retry_many)))
        .service(resource("/api/v1/outbox/{id}").route(web::get().to(outbox::get)))
        .service(resource("/api/v1/outbox/{id}/retry").route(web::post().to(outbox::retry)))
        .service(web::redirect("/api/docs", "/api/docs/"));
}

/// A resource whose other methods get 405 with an `Allow` header, and whose
/// `{id}` segment must be a UUID (422 otherwise, before any handler runs).
fn resource(
    path: &str,
) -> actix_web::Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::resource(path)
        .default_service(web::to(method_not_allowed))
        .wrap(from_fn(ids_are_uuids))
}

/// The methods served at the request's route, as the OpenAPI document lists
/// them (the document is the one list of what is served where).
fn allowed(req: &HttpRequest) -> &'static str {
    req.match_pattern()
        .and_then(|pattern| crate::openapi::allowed_methods(&pattern))
        .unwrap_or("")
}

async fn method_not_allowed(req: HttpRequest) -> HttpResponse {
    let mut response = AppError::MethodNotAllowed.error_response();
    response.headers_mut().insert(
        header::ALLOW,
        header::HeaderValue::from_static(allowed(&req)),
    );
    response
}

/// Refuses a malformed `{id}` with 422, so that no text that cannot be an
/// id (a NUL byte, say) reaches a query; a well-formed unknown id is the
/// handler's 404. A method the route does not serve stays a 405.
async fn ids_are_uuids(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let listed = allowed(req.request());
    let served = listed.is_empty() || listed.split(", ").any(|m| m == req.method().as_str());
    let bad_id = req
        .match_info()
        .iter()
        .find(|(name, _)| *name == "id")
        .and_then(|(_, raw)| match crate::domain::text::uuid(raw) {
            Ok(canonical) if canonical == raw => None,
            // Tokens and rows name ids as the service wrote them.
            Ok(_) => Some(format!(
                "{raw:?}: write the id in lower case, as the service gave it"
            )),
            Err(message) => Some(message),
        });
    if let (true, Some(message)) = (served, bad_id) {
        let response = AppError::validation("id", message).error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The answer for a path that matches no route.
pub fn not_found_route() -> Route {
    web::to(|| async { Err::<HttpResponse, _>(AppError::NotFound("no such resource")) })
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|err, _req| json_error(err).into())
}

fn json_error(err: JsonPayloadError) -> AppError {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            AppError::PayloadTooLarge { limit: JSON_LIMIT }
        }
        JsonPayloadError::ContentType => {
            AppError::UnsupportedMediaType("send the body as Content-Type: application/json".into())
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            AppError::validation("body", e.to_string())
        }
        JsonPayloadError::Deserialize(e) => AppError::BadRequest(format!("malformed JSON: {e}")),
        JsonPayloadError::Payload(actix_web::error::PayloadError::Overflow) => {
            AppError::PayloadTooLarge { limit: JSON_LIMIT }
        }
        other => AppError::BadRequest(format!("could not read the body: {other}")),
    }
}

fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req: &HttpRequest| {
        AppError::validation("query", err.to_string()).into()
    })
}

fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req: &HttpRequest| {
        AppError::NotFound("no such resource").into()
    })
}

/// The language for a customer's mails when the body names none: the first
/// supported one in Accept-Language, else the configured default.
pub(crate) fn request_locale(
    req: &HttpRequest,
    settings: &crate::config::Settings,
) -> crate::domain::locale::Locale {
    req.headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::domain::locale::Locale::from_accept_language)
        .unwrap_or(settings.defaults.locale)
}

/// `?cursor=&limit=` on every list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<u32>,
}

impl ListQuery {
    pub fn page(&self) -> Result<PageRequest, AppError> {
        page_request(self.cursor.as_deref(), self.limit)
    }
}

/// `cursor` and `limit` of any list, checked.
pub fn page_request(cursor: Option<&str>, limit: Option<u32>) -> Result<PageRequest, AppError> {
    PageRequest::parse(cursor, limit)
        .map_err(|(field, message)| AppError::validation(&field, message))
}

/// An optional RFC 3339 time from the query string.
pub fn query_instant(
    field: &str,
    raw: &Option<String>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    raw.as_deref()
        .map(crate::domain::webinar::parse_instant)
        .transpose()
        .map_err(|m| AppError::validation(field, m))
}

/// `{"items": [...], "next_cursor": "…" | null}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}
