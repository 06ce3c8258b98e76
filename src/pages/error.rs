//! Errors on pages: the application error, answered as an HTML page in the
//! visitor's language with the same status the JSON API would give.

use std::fmt;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::context::{Ctx, Layout};
use crate::error::AppError;

#[derive(Template)]
#[template(path = "pages/message.html")]
pub struct MessagePage {
    pub l: Layout,
    pub title: String,
    pub text: String,
}

#[derive(Debug)]
pub struct PageError {
    ctx: Ctx,
    err: AppError,
    /// Message keys chosen by the caller instead of the error's own.
    key: Option<&'static str>,
}

impl PageError {
    pub fn new(ctx: &Ctx, err: impl Into<AppError>) -> Self {
        Self {
            ctx: ctx.clone(),
            err: err.into(),
            key: None,
        }
    }

    /// The error shown with the messages `{key}-title` and `{key}-text`
    /// (e.g. a staff page's own "not for your role").
    pub fn keyed(ctx: &Ctx, err: impl Into<AppError>, key: &'static str) -> Self {
        Self {
            key: Some(key),
            ..Self::new(ctx, err)
        }
    }

    /// The message keys (`…-title`, `…-text`) for this error.
    fn key(&self) -> &'static str {
        if let Some(key) = self.key {
            return key;
        }
        match &self.err {
            AppError::NotFound(_) | AppError::MethodNotAllowed => "page-error-not-found",
            AppError::Unauthorized(_) | AppError::Forbidden(_) | AppError::Refused { .. } => {
                "page-error-link"
            }
            AppError::Conflict {
                code: "session_closed",
                ..
            } => "page-error-closed",
            AppError::RateLimited { .. } => "page-error-busy",
            AppError::Unavailable(_) => "page-error-unavailable",
            AppError::Internal(_) => "page-error-internal",
            AppError::Validation(_)
            | AppError::BadRequest(_)
            | AppError::Conflict { .. }
            | AppError::PayloadTooLarge { .. }
            | AppError::UnsupportedMediaType(_) => "page-error-bad-request",
        }
    }
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.err.fmt(f)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        // A bad manage link is "forbidden" to a browser: it cannot answer
        // a WWW-Authenticate challenge.
        match self.err {
            AppError::Unauthorized(_) => StatusCode::FORBIDDEN,
            _ => self.err.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = &self.err {
            tracing::error!(error = %cause, "internal error on a page");
        }
        let key = self.key();
        let page = MessagePage {
            l: self.ctx.layout(),
            title: self.ctx.t(&format!("{key}-title")),
            text: self.ctx.t(&format!("{key}-text")),
        };
        let mut res = self.ctx.render(self.status_code(), &page);
        if let AppError::RateLimited { retry_after } = self.err
            && let Ok(value) = header::HeaderValue::from_str(&retry_after.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, value);
        }
        res
    }
}

/// `result.page(&ctx)?` in a page handler.
pub trait OrPage<T> {
    fn page(self, ctx: &Ctx) -> Result<T, PageError>;
}

impl<T, E: Into<AppError>> OrPage<T> for Result<T, E> {
    fn page(self, ctx: &Ctx) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(ctx, e))
    }
}
