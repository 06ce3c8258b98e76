//! Storage: one schema and one set of diesel queries over SQLite or PostgreSQL,
//! chosen at run time by the URL. Handlers reach the database only through
//! [`Db::run`], which runs the closure on the blocking pool.

pub mod accounts;
pub mod attendees;
pub mod audit;
pub mod availability;
pub mod booking;
pub mod busy_calendar;
pub mod calendar_feed;
pub mod chance;
pub mod error;
pub mod followup;
pub mod mail;
mod manager;
pub mod migrations;
pub mod minimum;
pub mod outbox;
pub mod people;
pub mod queue;
pub mod registrations;
pub mod reminders;
pub mod rollover;
pub mod schema;
pub mod topics;
pub mod users;
pub mod webhooks;
pub mod webinars;
mod writer;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};

use crate::config::{DatabaseSettings, DatabaseUrl};
pub use error::DbError;
pub use manager::Manager;

/// A connection to whichever backend the URL chose.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type Pool = r2d2::Pool<Manager>;

/// Why the database could not be opened at start.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("could not create the directory for the SQLite file {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the {backend} database: {source}")]
    Connect {
        backend: &'static str,
        source: diesel::r2d2::Error,
    },
    #[error("could not build the connection pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("migrations failed: {0}")]
    Migrate(String),
    #[error("the database start-up task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("could not start the SQLite writer thread: {0}")]
    Writer(std::io::Error),
}

/// The shared handle to the pool: cheap to clone, one per application.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: &'static str,
    /// SQLite has one writer at a time: this process's writes queue for one
    /// writer thread (first come, first served) instead of in SQLite's busy
    /// handler, and those that wait together commit together
    /// ([`writer`]). Only an optimisation: every write transaction takes
    /// SQLite's write lock itself ([`write_transaction`]), which is what
    /// keeps several processes on one file correct. `None` on PostgreSQL.
    sqlite_writer: Option<writer::Writer>,
    /// Counts the calls that may have written ([`Db::run`], [`Db::write`])
    /// in this process, so a cache of what was read can tell it is stale.
    changes: Arc<AtomicU64>,
}

impl Db {
    /// Opens the pool (creating the SQLite file and its folder if needed) on
    /// the blocking pool.
    pub async fn open(settings: &DatabaseSettings) -> Result<Self, OpenError> {
        let settings = settings.clone();
        tokio::task::spawn_blocking(move || Self::open_blocking(&settings)).await?
    }

    pub fn open_blocking(settings: &DatabaseSettings) -> Result<Self, OpenError> {
        let manager = Manager::new(settings.url.clone());
        if let DatabaseUrl::Sqlite(path) = &settings.url
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::Directory {
                path: path.display().to_string(),
                source,
            })?;
        }
        // Connect once outside the pool: this reports the real error (r2d2
        // only says "timed out"), and on SQLite switches the file to WAL, which
        // must happen once, before the pool opens more connections.
        let mut first = manager.establish().map_err(|source| OpenError::Connect {
            backend: settings.url.backend_name(),
            source,
        })?;
        if let AnyConnection::Sqlite(conn) = &mut first {
            conn.batch_execute("PRAGMA journal_mode=WAL;")
                .map_err(|e| OpenError::Connect {
                    backend: "sqlite",
                    source: diesel::r2d2::Error::QueryError(e),
                })?;
        }
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(settings.pool_size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(settings.connect_timeout_seconds))
            .build(manager)?;
        let sqlite_writer = match settings.url {
            DatabaseUrl::Sqlite(_) => {
                Some(writer::Writer::start(pool.clone()).map_err(OpenError::Writer)?)
            }
            DatabaseUrl::Postgres(_) => None,
        };
        Ok(Self {
            pool,
            backend: settings.url.backend_name(),
            sqlite_writer,
            changes: Arc::default(),
        })
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Runs `f` with a pooled connection on the blocking pool, inside the
    /// caller's tracing span. `f` fails with a [`DbError`], or with the
    /// caller's own error when it checks more than storage. `f` may write:
    /// the change counter moves on ([`Db::changes`]).
    pub async fn run<F, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let result = self.read(f).await;
        self.changed();
        result
    }

    /// [`Db::run`] for a closure that only reads: the change counter stays.
    pub async fn read<F, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn).map_err(|e| lost_or(&mut conn, e))
        })
        .await
        .map_err(DbError::from)?
    }

    /// How many calls that may write this process has finished. Read it
    /// before reading the data a cache keeps: when it moved on, the data may
    /// have changed. Writes by other processes are not counted.
    pub fn changes(&self) -> u64 {
        self.changes.load(Ordering::Acquire)
    }

    fn changed(&self) {
        self.changes.fetch_add(1, Ordering::Release);
    }

    /// Runs `f` inside one write transaction ([`write_transaction`]) off the
    /// async runtime: on SQLite on the writer thread, where it may share the
    /// transaction with other writes waiting at the same time (in its own
    /// savepoint: an error rolls back `f`'s work only), and is answered only
    /// once that transaction committed; on PostgreSQL on the blocking pool.
    pub async fn write<F, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let result = self.write_inner(f).await;
        self.changed();
        result
    }

    async fn write_inner<F, T, E>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        if let Some(writer) = &self.sqlite_writer {
            return writer.write(f).await;
        }
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut pooled = pool.get().map_err(DbError::from)?;
            write_transaction(&mut pooled, |conn| f(conn).map_err(Failed::Caller)).map_err(
                |failed| {
                    let error = match failed {
                        Failed::Storage(e) => DbError::from(e).into(),
                        Failed::Caller(e) => e,
                    };
                    lost_or(&mut pooled, error)
                },
            )
        })
        .await
        .map_err(DbError::from)?
    }

    /// Applies pending migrations; returns the names of those applied.
    pub async fn migrate(&self) -> Result<Vec<String>, OpenError> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            migrations::run_pending(&mut conn).map_err(OpenError::Migrate)
        })
        .await?
    }

    /// Connections open and idle, for /metrics.
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let state = self.pool.state();
        (
            state.connections,
            state.idle_connections,
            self.pool.max_size(),
        )
    }
}

/// Why a [`Db::write`] transaction failed: the caller's closure, or the
/// transaction itself (begin, commit), whose error is diesel's.
/// `error`, unless the connection it came from no longer answers: then the
/// database went away during the work (whatever error that caused, its text
/// differs by where the break fell), nothing was committed, and the caller
/// hears that the database is unavailable. Only failures pay for the check.
fn lost_or<E: From<DbError>>(conn: &mut AnyConnection, error: E) -> E {
    if matches!(conn, AnyConnection::Sqlite(_)) {
        return error;
    }
    match conn.batch_execute("SELECT 1") {
        Err(e) => DbError::ConnectionLost(e.to_string()).into(),
        Ok(()) => error,
    }
}

enum Failed<E> {
    Caller(E),
    Storage(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for Failed<E> {
    fn from(err: diesel::result::Error) -> Self {
        Self::Storage(err)
    }
}

/// Runs `f` in a transaction that may write. On SQLite it begins with
/// `BEGIN IMMEDIATE`, taking the write lock (waiting for it up to the busy
/// timeout) before the first read: a deferred transaction that reads and
/// then writes fails with SQLITE_BUSY_SNAPSHOT when another connection or
/// process committed in between. Inside an open transaction it is a
/// savepoint, as the outer transaction already holds the lock.
pub fn write_transaction<T, E, F>(conn: &mut AnyConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let AnyConnection::Sqlite(sqlite) = conn else {
        return conn.transaction(f);
    };
    // diesel's `immediate_transaction` needs the SqliteConnection itself,
    // while `f` wants the AnyConnection: begin on the inner connection (its
    // transaction state is the one AnyConnection reports), run `f` on the
    // outer one, and end through the outer one's transaction manager.
    match AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE") {
        Ok(()) => {}
        Err(diesel::result::Error::AlreadyInTransaction) => return conn.transaction(f),
        Err(e) => return Err(e.into()),
    }
    match f(conn) {
        Ok(value) => {
            AnyConnection::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => match AnyConnection::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}

/// A new time-ordered id (UUIDv7), so ordering by id is ordering by creation.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, at the microsecond precision both backends store.
pub fn now() -> NaiveDateTime {
    clock().naive_utc()
}

/// The current instant at stored precision: what handlers pass down as "now".
pub fn clock() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A stored UTC timestamp as an aware time for the API.
pub fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}
