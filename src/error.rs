//! The HTTP error of the handlers. Every variant has its HTTP status and its
//! contract `code`, and is answered as RFC 9457 problem details
//! (`application/problem+json`). The errors of the layers below (storage,
//! authentication) are mapped to it here and nowhere else.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{AuthError, Refusal};
use crate::db::DbError;
use crate::domain::validation::{FieldError, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Validation(#[from] ValidationErrors),
    /// Syntactically broken input (e.g. JSON that does not parse).
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("this method is not allowed on this resource")]
    MethodNotAllowed,
    /// A 409 with a contract code such as `already_registered`.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// A 403 with a code other than `forbidden` (e.g. `not_eligible`).
    #[error("{detail}")]
    Refused { code: &'static str, detail: String },
    #[error("the request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many requests; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

/// RFC 9457 problem details plus the contract's `code`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`.
    pub code: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict { code, .. } | Self::Refused { code, .. } => code,
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal",
        }
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(ValidationErrors::single(field, message))
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
        }
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        Self::Internal(err.to_string())
    }

    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        let detail = match self {
            // The cause of an internal error is logged, never shown.
            Self::Internal(_) => "An unexpected error occurred; it has been logged.".to_owned(),
            other => other.to_string(),
        };
        Problem {
            type_: "about:blank".to_owned(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail,
            code: self.code().to_owned(),
            errors: match self {
                Self::Validation(v) => v.0.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::Refused { .. } => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Internal(cause) = self {
            tracing::error!(error = %cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/problem+json");
        match self {
            Self::Unauthorized(_) => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::RateLimited { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound(what) => Self::NotFound(what),
            DbError::Conflict { code, detail } => Self::Conflict { code, detail },
            DbError::Refused { code, detail } => Self::Refused { code, detail },
            DbError::Invalid(errors) => Self::Validation(errors),
            DbError::PoolTimeout(err) => {
                tracing::warn!(error = %err, "no database connection available");
                Self::Unavailable("the database is busy or unreachable; try again shortly".into())
            }
            DbError::Storage(err) if crate::db::error::is_connection_lost(&err) => {
                tracing::warn!(error = %err, "the database connection broke");
                Self::Unavailable("the database is busy or unreachable; try again shortly".into())
            }
            DbError::ConnectionLost(err) => {
                tracing::warn!(error = %err, "the database connection broke");
                Self::Unavailable("the database is busy or unreachable; try again shortly".into())
            }
            DbError::Corrupt(_) | DbError::Storage(_) | DbError::Task(_) => {
                Self::Internal(err.to_string())
            }
        }
    }
}

impl From<AuthError> for AppError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Refused(Refusal::Role) => Self::Forbidden(Refusal::Role.detail()),
            AuthError::Refused(refusal) => Self::Unauthorized(refusal.detail()),
            AuthError::Storage(err) => err.into(),
            AuthError::Signing(_)
            | AuthError::Hashing(_)
            | AuthError::Unwired(_)
            | AuthError::Task(_) => Self::Internal(err.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(err: tokio::task::JoinError) -> Self {
        Self::Internal(format!("blocking task failed: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(err: impl Into<AppError>) -> (u16, String, String) {
        let err = err.into();
        let problem = err.problem();
        (problem.status, problem.code, problem.detail)
    }

    #[test]
    fn storage_errors_keep_their_status_code_and_detail() {
        assert_eq!(
            answer(DbError::conflict("session_closed", "the session is over")),
            (409, "session_closed".into(), "the session is over".into())
        );
        assert_eq!(
            answer(DbError::NotFound("no webinar with this id")),
            (404, "not_found".into(), "no webinar with this id".into())
        );
        assert_eq!(
            answer(DbError::from(diesel::result::Error::NotFound)),
            (404, "not_found".into(), "not found".into())
        );
        assert_eq!(answer(DbError::invalid("cursor", "is not a cursor")).0, 422);
        let (status, code, detail) = answer(DbError::corrupt("unknown status"));
        assert_eq!((status, code.as_str()), (500, "internal"));
        assert!(!detail.contains("unknown status"), "causes are not shown");
    }

    #[test]
    fn refused_credentials_are_401_and_a_role_is_403() {
        let unauthorized = AppError::from(AuthError::from(Refusal::SignedOut));
        assert_eq!(
            answer(unauthorized),
            (
                401,
                "unauthorized".into(),
                "this token was signed out".into()
            )
        );
        let response = AppError::from(AuthError::from(Refusal::InvalidToken)).error_response();
        assert_eq!(
            response
                .headers()
                .get(header::WWW_AUTHENTICATE)
                .map(|v| v.as_bytes()),
            Some(&b"Bearer"[..])
        );
        assert_eq!(
            answer(AuthError::from(Refusal::Role)),
            (403, "forbidden".into(), "your role may not do this".into())
        );
        assert_eq!(answer(AuthError::Storage(DbError::NotFound("gone"))).0, 404);
    }
}
