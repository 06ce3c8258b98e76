//! An r2d2 connection manager that picks the backend from the URL scheme
//! itself: diesel's derived `establish` tries each backend in turn and hides
//! the real error.

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::Error;

use super::AnyConnection;
use crate::config::DatabaseUrl;

#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }

    pub fn establish(&self) -> Result<AnyConnection, Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(Error::ConnectionError)?;
                // Timestamps are stored as UTC wall-clock time.
                conn.batch_execute("SET TIME ZONE 'UTC'")
                    .map_err(Error::QueryError)?;
                Ok(AnyConnection::Postgresql(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_string_lossy();
                let mut conn =
                    diesel::SqliteConnection::establish(&path).map_err(Error::ConnectionError)?;
                // busy_timeout first, so the other pragmas already wait for locks.
                conn.batch_execute(
                    "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                )
                .map_err(Error::QueryError)?;
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = Error;

    fn connect(&self) -> Result<AnyConnection, Error> {
        self.establish()
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Error> {
        conn.batch_execute("SELECT 1").map_err(Error::QueryError)
    }

    /// A connection left inside a transaction (a panic in a closure, a
    /// failed rollback) must not serve the next caller.
    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking()
            || match conn {
                AnyConnection::Postgresql(c) => c.is_broken(),
                AnyConnection::Sqlite(c) => c.is_broken(),
            }
    }
}
