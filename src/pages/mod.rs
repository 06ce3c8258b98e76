//! Server-rendered HTML pages beside the JSON API: thin handlers that call
//! the same domain and db functions as `crate::routes`, render askama
//! templates in the visitor's language, and work without JavaScript.
//! Every page answers in HTML, errors included, with a strict
//! Content-Security-Policy.

mod assets;
mod catalog;
mod confirmation;
mod context;
mod error;
mod format;
mod manage;
mod office_hours;
mod queue_confirm;
mod queue_manage;
mod rating;
mod staff;
mod token;
mod webinar;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{Next, from_fn};
use actix_web::{ResponseError, web};

use crate::error::AppError;
use crate::rate_limit::{ClientIp, RateLimiter};
pub use catalog::CatalogCache;
use context::Ctx;
use error::PageError;

/// Scripts and styles only from our own `/static/`: no inline script can
/// run, even if some text slipped through unescaped.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Largest form accepted: the situation may hold 4000 characters, which
/// percent-encode to up to 9 bytes each.
const FORM_LIMIT: usize = 64 * 1024;

/// Registers the pages (one resource per path, each with its headers).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/")
            .route(web::get().to(catalog::show))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/webinars/{id}")
            .app_data(form_config())
            .route(web::get().to(webinar::show))
            .route(web::post().to(webinar::register))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/registration/{id}")
            .route(web::get().to(manage::show))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/registration/{id}/cancel")
            .app_data(form_config())
            .route(web::post().to(manage::cancel))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/registration/{id}/rate")
            .app_data(form_config())
            .route(web::get().to(rating::show))
            .route(web::post().to(rating::rate))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/registration/{id}/claim")
            .app_data(form_config())
            .route(web::post().to(manage::claim))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/office-hours")
            .app_data(form_config())
            .route(web::get().to(office_hours::show))
            .route(web::post().to(office_hours::join))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/queue/{id}")
            .route(web::get().to(queue_manage::show))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/queue/{id}/cancel")
            .app_data(form_config())
            .route(web::post().to(queue_manage::cancel))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        web::resource("/manage/queue/{id}/reschedule")
            .app_data(form_config())
            .route(web::post().to(queue_manage::reschedule))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .service(
        // The confirmation mail's link: GET shows, only the button's POST
        // confirms.
        web::resource("/manage/queue/{id}/confirm")
            .app_data(form_config())
            .route(web::get().to(queue_confirm::show))
            .route(web::post().to(queue_confirm::confirm))
            .wrap(from_fn(limit_posts))
            .wrap(from_fn(page_headers)),
    )
    .configure(staff::configure)
    .service(
        web::resource("/static/{file}")
            .route(web::get().to(assets::serve))
            .wrap(from_fn(page_headers)),
    );
}

/// A form that does not parse (or is too large) re-shows nothing it could
/// not read: an HTML error page, never JSON.
fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(FORM_LIMIT)
        .error_handler(|err, req| {
            let app = match err {
                actix_web::error::UrlencodedError::Overflow { .. } => {
                    AppError::PayloadTooLarge { limit: FORM_LIMIT }
                }
                other => AppError::BadRequest(other.to_string()),
            };
            PageError::new(&Ctx::new(req, None), app).into()
        })
}

/// Headers every page carries. A page that holds a manage token sets its
/// own stricter `Referrer-Policy` (`no-referrer`), which is kept.
async fn page_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
    }
    Ok(res)
}

/// The public POST limit of the JSON API, answered with a page.
async fn limit_posts(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.method() == actix_web::http::Method::POST
        && let Some(limiter) = req.app_data::<web::Data<RateLimiter>>()
        && let Err(retry_after) = limiter.check(ClientIp::of(req.request()))
    {
        let page = PageError::new(
            &Ctx::new(req.request(), None),
            AppError::RateLimited { retry_after },
        );
        let response = page.error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}
