//! What went wrong in storage: a row that is not there, a business rule a
//! transaction refused, or the database itself. The HTTP layer maps these to
//! status and contract `code` in the HTTP layer; nothing here knows about HTTP.

use crate::domain::validation::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The row asked for does not exist.
    #[error("{0}")]
    NotFound(&'static str),
    /// A transaction refused on the state it found, with the contract code
    /// (e.g. `already_registered`, `session_closed`, `quota_exceeded`).
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// The caller may not have this, whatever the state (e.g. `not_eligible`).
    #[error("{detail}")]
    Refused { code: &'static str, detail: String },
    /// Input the query cannot use (e.g. a cursor this list did not return).
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
    /// A stored value that no longer parses, or a value that cannot be stored.
    #[error("{0}")]
    Corrupt(String),
    #[error("database: {0}")]
    Storage(diesel::result::Error),
    /// No connection became free in time, or the database is unreachable.
    #[error("no database connection available: {0}")]
    PoolTimeout(#[from] r2d2::Error),
    /// The connection broke while the work ran (the server restarted or went
    /// away): nothing was committed, and the same request may succeed later.
    #[error("the database connection broke: {0}")]
    ConnectionLost(String),
    #[error("blocking task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl DbError {
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(ValidationErrors::single(field, message))
    }

    pub fn corrupt(err: impl std::fmt::Display) -> Self {
        Self::Corrupt(err.to_string())
    }
}

impl From<diesel::result::Error> for DbError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => Self::NotFound("not found"),
            other => Self::Storage(other),
        }
    }
}

/// True when the connection to the database broke during the work (the
/// server restarted or went away): nothing was committed, and the same
/// request may succeed once the database is back.
pub fn is_connection_lost(err: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    // PostgreSQL's texts for a server that is stopping, starting or gone
    // (SQLSTATE classes 08 and 57P), which diesel reports as `Unknown`.
    const LOST: [&str; 8] = [
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "connection to server",
        "the database system is shutting down",
        "the database system is starting up",
    ];
    match err {
        // `UnableToSendCommand`: libpq could not send the statement or
        // returned no result at all, as on a socket the server has closed.
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        )
        | Error::BrokenTransactionManager => true,
        Error::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            LOST.iter().any(|l| message.contains(l))
        }
        Error::RollbackErrorOnCommit { commit_error, .. } => is_connection_lost(commit_error),
        _ => false,
    }
}

/// True when a diesel error is a unique-constraint violation.
pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(
        err,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use diesel::result::{DatabaseErrorKind, Error};

    use super::*;

    fn database(kind: DatabaseErrorKind, message: &str) -> Error {
        Error::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn a_connection_the_server_dropped_is_lost_and_a_refusal_is_not() {
        let lost = [
            database(DatabaseErrorKind::UnableToSendCommand, ""),
            database(DatabaseErrorKind::ClosedConnection, "connection closed"),
            database(
                DatabaseErrorKind::Unknown,
                "terminating connection due to administrator command",
            ),
            database(
                DatabaseErrorKind::Unknown,
                "server closed the connection unexpectedly",
            ),
        ];
        for err in &lost {
            assert!(is_connection_lost(err), "{err:?}");
        }
        let kept = [
            database(DatabaseErrorKind::UniqueViolation, "duplicate key value"),
            database(DatabaseErrorKind::Unknown, "syntax error at or near"),
            Error::NotFound,
        ];
        for err in &kept {
            assert!(!is_connection_lost(err), "{err:?}");
        }
    }
}
