//! Collects every field problem of one request so the client sees them all at
//! once, as the `errors` list of a `validation_failed` problem.

use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The JSON field, e.g. `email` or `domains[1]`.
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct ValidationErrors(pub Vec<FieldError>);

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl ValidationErrors {
    pub fn single(field: &str, message: impl Into<String>) -> Self {
        Self(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

/// Usage: `let email = v.check("email", EmailAddress::parse(&raw));` for each
/// field, then `v.finish()?` before using the `Option`s.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.fail(field, message);
                None
            }
        }
    }

    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

/// Unwraps the values checked by a [`Validator`] after `finish()` succeeded.
pub fn checked<T>(value: Option<T>, field: &str) -> Result<T, ValidationErrors> {
    value.ok_or_else(|| ValidationErrors::single(field, "is invalid"))
}
