//! Group commit for SQLite: one thread runs every [`super::Db::write`] of the
//! process. A job alone runs in its own transaction, as before; when several
//! wait, the thread runs them back to back in ONE transaction, each in its own
//! savepoint, and answers them only once the shared COMMIT succeeded. One WAL
//! write and no hand-over between threads per batch instead of per write.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::result::Error as DieselError;
use tokio::sync::oneshot;

use super::{AnyConnection, DbError, Failed, Pool, write_transaction};

/// A batch takes at most this many jobs…
const MAX_JOBS: usize = 64;
/// …and no new job once it has run this long, so that the first caller of a
/// batch does not wait for an unbounded tail of later ones.
const MAX_BATCH_TIME: Duration = Duration::from_millis(5);

/// Hands a job's outcome to its caller once its transaction is over: `Ok`
/// when it committed, the COMMIT's (or the batch's) error otherwise.
type Deliver = Box<dyn FnOnce(Result<(), &DieselError>) + Send>;

/// A write with its types erased: it runs on the writer's connection (or is
/// given the error that kept the writer from getting one) inside
/// [`write_transaction`] (a savepoint when a batch is open) and says how to
/// deliver its outcome.
type Job = Box<dyn FnOnce(Result<&mut AnyConnection, DbError>) -> Deliver + Send>;

/// The handle to the writer thread. The thread ends when the last handle is
/// dropped.
#[derive(Clone)]
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    pub(super) fn start(pool: Pool) -> std::io::Result<Self> {
        let (jobs, queue) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || serve(&pool, &queue))?;
        Ok(Self { jobs })
    }

    /// Queues `f` at once (not on first poll: the queue order is the call
    /// order) and resolves to its outcome after its transaction committed.
    pub(super) fn write<F, T, E>(&self, f: F) -> impl Future<Output = Result<T, E>> + use<F, T, E>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let (answer, outcome) = oneshot::channel::<Result<T, E>>();
        let span = tracing::Span::current();
        let job: Job = Box::new(move |conn| {
            let ran = {
                let _entered = span.enter();
                match conn {
                    Ok(conn) => write_transaction(conn, |conn| f(conn).map_err(Failed::Caller)),
                    Err(e) => Err(Failed::Caller(e.into())),
                }
            };
            Box::new(move |committed| {
                let result = match (ran, committed) {
                    (Ok(value), Ok(())) => Ok(value),
                    (Ok(_), Err(e)) => Err(DbError::from(copy(e)).into()),
                    (Err(Failed::Caller(e)), _) => Err(e),
                    (Err(Failed::Storage(e)), _) => Err(DbError::from(e).into()),
                };
                // The caller may have gone away; the write stands all the same.
                let _ = answer.send(result);
            })
        });
        let queued = self.jobs.send(job).is_ok();
        async move {
            if !queued {
                return Err(DbError::from(lost()).into());
            }
            // A dropped sender means the job panicked (its batch rolled back).
            outcome
                .await
                .unwrap_or_else(|_| Err(DbError::from(lost()).into()))
        }
    }
}

/// The writer thread: waits for a job, then runs jobs on one pooled
/// connection for as long as they keep coming, and gives the connection
/// back when the queue is empty.
fn serve(pool: &Pool, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut conn = match pool.get() {
            Ok(conn) => conn,
            Err(e) => {
                first(Err(e.into()))(Ok(()));
                continue;
            }
        };
        let mut next = Some(first);
        while let Some(job) = next.take() {
            match queue.try_recv() {
                Ok(second) => batch(&mut conn, job, second, queue),
                Err(_) => alone(&mut conn, job),
            }
            // Left inside a transaction (a panic): the pool discards it
            // when it comes back, which rolls back; the next job waits for a
            // fresh one.
            if !matches!(depth(&mut conn), Ok(None)) {
                break;
            }
            next = queue.try_recv().ok();
        }
    }
}

/// Nobody else waits: the job's own transaction, exactly as without batching.
fn alone(conn: &mut AnyConnection, job: Job) {
    if let Ok(deliver) = catch_unwind(AssertUnwindSafe(|| job(Ok(conn)))) {
        deliver(Ok(()));
    }
}

/// Runs `first`, `second` and whatever else queues meanwhile (up to the
/// caps) in one transaction, each job in its savepoint: a job that fails is
/// rolled back to it and answered with its own error, the others stay. The
/// answers go out after the COMMIT; if anything fails beyond one job's
/// savepoint (the COMMIT, a savepoint that does not roll back, a panic), the
/// whole batch rolls back and every job gets the error.
fn batch(conn: &mut AnyConnection, first: Job, second: Job, queue: &mpsc::Receiver<Job>) {
    let started = Instant::now();
    let mut delivers: Vec<Deliver> = Vec::with_capacity(MAX_JOBS);
    let mut second = Some(second);
    let committed = write_transaction(conn, |conn| {
        let mut next = Some(first);
        while let Some(job) = next.take() {
            let deliver =
                catch_unwind(AssertUnwindSafe(|| job(Ok(&mut *conn)))).map_err(|_| lost())?;
            delivers.push(deliver);
            if depth(conn)? != Some(1) {
                return Err(DieselError::BrokenTransactionManager);
            }
            next = second.take().or_else(|| {
                (delivers.len() < MAX_JOBS && started.elapsed() < MAX_BATCH_TIME)
                    .then(|| queue.try_recv().ok())
                    .flatten()
            });
        }
        Ok(())
    });
    let committed = committed.as_ref().copied();
    for deliver in delivers {
        deliver(committed);
    }
}

/// How many transactions and savepoints are open on the connection.
fn depth(conn: &mut AnyConnection) -> Result<Option<u32>, DieselError> {
    let AnyConnection::Sqlite(sqlite) = conn else {
        return Ok(None);
    };
    let depth =
        AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()?;
    Ok(depth.map(std::num::NonZeroU32::get))
}

/// The error of a write whose job panicked or whose writer is gone.
fn lost() -> DieselError {
    DieselError::QueryBuilderError(
        "the write was lost: its job panicked or the writer stopped".into(),
    )
}

/// The batch's error once more, for each job (diesel's error is not `Clone`).
fn copy(err: &DieselError) -> DieselError {
    match err {
        DieselError::DatabaseError(kind, info) => {
            DieselError::DatabaseError(*kind, Box::new(info.message().to_owned()))
        }
        DieselError::NotFound => DieselError::NotFound,
        DieselError::RollbackTransaction => DieselError::RollbackTransaction,
        DieselError::BrokenTransactionManager => DieselError::BrokenTransactionManager,
        other => DieselError::QueryBuilderError(other.to_string().into()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    use diesel::RunQueryDsl;
    use diesel::connection::SimpleConnection;
    use diesel::sql_types::Text;

    use super::{Writer, depth};
    use crate::config::{DatabaseSettings, DatabaseUrl};
    use crate::db::{AnyConnection, Db, DbError};

    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }

    /// Writes `name` and says how deep in transactions it ran (1: its own
    /// transaction, 2: a savepoint in a batch).
    fn insert(conn: &mut AnyConnection, name: &str) -> Result<Option<u32>, DbError> {
        conn.batch_execute(&format!("INSERT INTO t (name) VALUES ('{name}')"))?;
        Ok(depth(conn)?)
    }

    /// The names committed, read on another connection of the pool.
    async fn committed(db: &Db) -> Vec<String> {
        db.run(|conn| {
            let rows: Vec<Name> =
                diesel::sql_query("SELECT name FROM t ORDER BY name").load(conn)?;
            Ok::<_, DbError>(rows.into_iter().map(|row| row.name).collect())
        })
        .await
        .expect("read back")
    }

    async fn open(dir: &tempfile::TempDir) -> (Db, Writer) {
        let db = Db::open_blocking(&DatabaseSettings {
            url: DatabaseUrl::Sqlite(dir.path().join("writer.db")),
            pool_size: 4,
            connect_timeout_seconds: 5,
        })
        .expect("open");
        db.run(|conn| {
            conn.batch_execute("CREATE TABLE t (name TEXT PRIMARY KEY)")
                .map_err(DbError::from)
        })
        .await
        .expect("create table");
        let writer = db.sqlite_writer.clone().expect("SQLite has a writer");
        (db, writer)
    }

    /// Queues a write that holds the writer until the returned sender
    /// sends, so that the writes queued meanwhile form one batch.
    fn hold(
        writer: &Writer,
    ) -> (
        mpsc::Sender<()>,
        tokio::task::JoinHandle<Result<Option<u32>, DbError>>,
    ) {
        let (started, has_started) = mpsc::channel();
        let (release, released) = mpsc::channel::<()>();
        let held = tokio::spawn(writer.write(move |conn| {
            started.send(()).ok();
            released.recv().ok();
            insert(conn, "a")
        }));
        has_started
            .recv_timeout(Duration::from_secs(10))
            .expect("the writer starts the first job");
        (release, held)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_in_a_batch_keeps_the_others_which_are_answered_after_the_commit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (db, writer) = open(&dir).await;
        let (release, a) = hold(&writer);

        let b_answered = Arc::new(AtomicBool::new(false));
        let b = tokio::spawn({
            let write = writer.write(|conn| insert(conn, "b"));
            let answered = Arc::clone(&b_answered);
            async move {
                let result = write.await;
                answered.store(true, Ordering::SeqCst);
                result
            }
        });
        let b_answered_before_commit = Arc::new(AtomicBool::new(false));
        let c = writer.write({
            let answered = Arc::clone(&b_answered);
            let early = Arc::clone(&b_answered_before_commit);
            move |conn| {
                // B ran before C in this batch; its caller would see an
                // answer given before the COMMIT well within this pause.
                std::thread::sleep(Duration::from_millis(200));
                early.store(answered.load(Ordering::SeqCst), Ordering::SeqCst);
                insert(conn, "c")?;
                Err::<Option<u32>, _>(DbError::conflict("refused", "c fails after writing"))
            }
        });
        let d = writer.write(|conn| insert(conn, "d"));
        release.send(()).expect("release the first job");

        assert_eq!(a.await.expect("join").expect("a alone"), Some(1));
        assert_eq!(b.await.expect("join").expect("b in the batch"), Some(2));
        assert!(matches!(
            c.await,
            Err(DbError::Conflict {
                code: "refused",
                ..
            })
        ));
        d.await.expect("d");
        assert!(!b_answered_before_commit.load(Ordering::SeqCst));
        assert_eq!(committed(&db).await, ["a", "b", "d"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_job_fails_its_whole_batch_and_the_writer_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (db, writer) = open(&dir).await;
        let (release, a) = hold(&writer);

        let b = writer.write(|conn| insert(conn, "b"));
        let c = writer.write(|conn| -> Result<Option<u32>, DbError> {
            insert(conn, "c")?;
            panic!("a bug in a write");
        });
        release.send(()).expect("release the first job");

        a.await.expect("join").expect("a alone");
        assert!(matches!(b.await, Err(DbError::Storage(_))));
        assert!(matches!(c.await, Err(DbError::Storage(_))));
        writer
            .write(|conn| insert(conn, "e"))
            .await
            .expect("e after the panic");
        assert_eq!(committed(&db).await, ["a", "e"]);
    }
}
