//! Thin HTTP handlers, one file per resource: parse the request, call the
//! domain and db layers, shape the response. Every route is registered here,
//! which also puts it in the OpenAPI document.

pub mod accounts;
pub mod auth;
pub mod busy_calendar;
pub mod calendar;
pub mod marketing;
pub mod office_hours;
pub mod ops;
pub mod outbox;
pub mod queue;
pub mod registrations;
pub mod users;
pub mod webinars;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, Route, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::domain::page::PageRequest;
use crate::error::AppError;

/// Largest JSON body accepted (413 above).
pub const JSON_LIMIT: usize = 64 * 1024;

/// Registers every handler. A handler's `#[utoipa::path]` and
/// `#[actix_web::get(...)]` attributes give its method, path, middleware and
/// documentation, so registering it here also lists it in the OpenAPI
/// document (see `openapi`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.app_data(json_config())
        .app_data(query_config())
        .app_data(path_config())
        .service(ops::healthz)
        .service(ops::readyz)
        .service(ops::metrics)
        .service(auth::login)
        .service(auth::logout)
        .service(auth::me)
        .service(users::create)
        .service(users::list)
        .service(users::get)
        .service(users::update)
        .service(calendar::rotate_token)
        .service(calendar::feed)
        .service(busy_calendar::set)
        .service(busy_calendar::get)
        .service(accounts::create)
        .service(accounts::list)
        .service(accounts::get)
        .service(webinars::create)
        .service(webinars::list)
        .service(webinars::get)
        .service(webinars::update)
        .service(webinars::cancel)
        .service(webinars::ics)
        .service(registrations::create)
        .service(registrations::list)
        .service(registrations::attendance)
        .service(registrations::get)
        .service(registrations::cancel)
        .service(registrations::claim)
        .service(office_hours::put_availability)
        .service(office_hours::get_availability)
        .service(office_hours::slots)
        .service(queue::create)
        .service(queue::list)
        .service(queue::get)
        .service(queue::cancel)
        .service(queue::confirm)
        .service(queue::reschedule)
        .service(queue::appointments)
        .service(queue::complete)
        .service(marketing::attendees)
        .service(marketing::attendees_csv)
        .service(marketing::stats)
        .service(marketing::topic_stats)
        .service(marketing::create_webhook)
        .service(marketing::list_webhooks)
        .service(marketing::delete_webhook)
        .service(marketing::erase_person)
        .service(marketing::audit_log)
        .service(outbox::list)
        .service(outbox::retry_many)
        // `retry` is also a shape `{id}` could take: other methods on it
        // get their 405 here, before `GET /api/v1/outbox/{id}` is tried.
        .map(|cfg| cfg.service(web::resource("/api/v1/outbox/retry").to(method_not_allowed_answer)))
        .service(outbox::get)
        .service(outbox::retry)
        .map(|cfg| cfg.service(web::redirect("/api/docs", "/api/docs/")));
}

/// After the handlers: every documented path answers the methods it does not
/// serve with 405 and an `Allow` header (unknown paths stay 404).
pub fn method_not_allowed(cfg: &mut web::ServiceConfig) {
    for path in crate::openapi::paths() {
        cfg.service(web::resource(path).to(method_not_allowed_answer));
    }
}

/// The methods served at the request's route, as the OpenAPI document lists
/// them (the document is the one list of what is served where).
fn allowed(req: &HttpRequest) -> &'static str {
    req.match_pattern()
        .and_then(|pattern| crate::openapi::allowed_methods(&pattern))
        .unwrap_or("")
}

async fn method_not_allowed_answer(req: HttpRequest) -> HttpResponse {
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
pub(crate) async fn ids_are_uuids(
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
