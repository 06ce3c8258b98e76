//! Background loops: the outbox delivery, and the reminder scan with an
//! allocator pass for the queue. Both are
//! also plain functions ([`deliver_due`], [`queue_reminders`]) so tests can
//! run them once instead of waiting for a timer. Several instances may run
//! them at once: claims are leased, reminders recorded once. A delivery pass
//! stops between messages, and mid-send, as soon as shutdown is asked for.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::QueueSettings;
use crate::db::DbError;
use crate::db::mail::{self as intents, Loaded};
use crate::db::outbox::OutboxRow;
use crate::db::{
    Db, booking, followup, minimum, outbox, registrations, reminders, rollover, webhooks,
};
use crate::email::Composer;
use crate::email::transport::Transport;

/// Messages claimed at once; the lease covers the whole batch.
const BATCH: u32 = 5;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
    /// Intents whose occasion had passed (not sent, marked cancelled).
    pub superseded: usize,
}

/// Delivers every message due at `now`, batch after batch.
pub async fn deliver_due(
    db: &Db,
    composer: &Composer,
    transport: &Transport,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<Delivery, DbError> {
    let (_never, stop) = watch::channel(false);
    deliver_due_until(db, composer, transport, worker, now, stop).await
}

/// What one outbox row comes to just before it is sent.
enum Ready {
    Mail(String),
    Webhook {
        body: String,
        secret: String,
    },
    Superseded(&'static str),
    /// It cannot be written or sent now; logged as a failed attempt.
    Broken(String),
}

/// Writes an e-mail intent in its reader's language, from the rows as they
/// stand now. A row written before intents (with its message inside) is
/// sent as it is.
async fn prepare(
    db: &Db,
    composer: &Composer,
    row: &OutboxRow,
    secrets: &std::collections::HashMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Ready, DbError> {
    if row.channel == "webhook" {
        let secret = row.webhook_id.as_ref().and_then(|id| secrets.get(id));
        return Ok(match secret {
            Some(secret) => Ready::Webhook {
                body: row.message.clone(),
                secret: secret.clone(),
            },
            None => Ready::Broken("the webhook was removed".into()),
        });
    }
    if !row.message.is_empty() {
        return Ok(Ready::Mail(row.message.clone()));
    }
    let intent = row.clone();
    let loaded = db.run(move |conn| intents::load(conn, &intent)).await?;
    Ok(match loaded {
        Loaded::Superseded(reason) => Ready::Superseded(reason),
        Loaded::Mail(job) => match composer.compose(&job, &row.id, now) {
            Ok(message) => Ready::Mail(message),
            Err(e) => Ready::Broken(format!("the mail could not be written: {e}")),
        },
    })
}

/// Like [`deliver_due`], but returns as soon as `stop` turns true: between
/// messages, or in the middle of one (which is then not sent; its claim and
/// those of the rest of the batch are released for the next run).
pub async fn deliver_due_until(
    db: &Db,
    composer: &Composer,
    transport: &Transport,
    worker: &str,
    now: DateTime<Utc>,
    mut stop: watch::Receiver<bool>,
) -> Result<Delivery, DbError> {
    // How long a claimed message is reserved for its worker: the whole batch
    // must fit, each message within the transport's own bound.
    let lease = Duration::from_std(transport.bound() * BATCH).unwrap_or(Duration::hours(1))
        + Duration::seconds(30);
    let mut report = Delivery::default();
    while !*stop.borrow() {
        let owner = worker.to_owned();
        // A long pass must not hand out leases that have already run out:
        // each batch is claimed as of the current time.
        let at = crate::db::clock().max(now);
        let batch = db
            .write(move |conn| outbox::claim_due(conn, &owner, at, lease, i64::from(BATCH)))
            .await?;
        if batch.is_empty() {
            return Ok(report);
        }
        let hook_ids: Vec<String> = batch.iter().filter_map(|r| r.webhook_id.clone()).collect();
        let secrets = if hook_ids.is_empty() {
            std::collections::HashMap::new()
        } else {
            db.run(move |conn| webhooks::secrets(conn, &hook_ids))
                .await?
        };
        let mut rows = batch.into_iter();
        while let Some(row) = rows.next() {
            let at = now.max(crate::db::clock());
            let send = async {
                match prepare(db, composer, &row, &secrets, at).await? {
                    Ready::Mail(message) => Ok(Some(
                        transport
                            .deliver_mail(&row.id, &row.recipient, &message)
                            .await,
                    )),
                    Ready::Webhook { body, secret } => Ok(Some(
                        transport
                            .deliver_webhook(&row.id, &row.recipient, &secret, &body, at)
                            .await,
                    )),
                    Ready::Superseded(reason) => {
                        let (owner, stale) = (worker.to_owned(), row.clone());
                        db.write(move |conn| outbox::supersede(conn, &stale, &owner, reason))
                            .await?;
                        Ok::<_, DbError>(None)
                    }
                    Ready::Broken(error) => Ok(Some(Err(error))),
                }
            };
            let result = tokio::select! {
                biased;
                () = stopped(&mut stop) => {
                    let unsent: Vec<String> =
                        std::iter::once(row.id.clone()).chain(rows.map(|r| r.id)).collect();
                    let owner = worker.to_owned();
                    db.write(move |conn| outbox::release(conn, &unsent, &owner)).await?;
                    return Ok(report);
                }
                result = send => result?,
            };
            let Some(result) = result else {
                report.superseded += 1;
                continue;
            };
            match &result {
                Ok(()) => report.sent += 1,
                Err(error) => {
                    report.failed += 1;
                    tracing::warn!(outbox_id = %row.id, error = %redact(error), "delivery failed; will retry");
                }
            }
            let at = crate::db::clock().max(now);
            record(db, &row, worker, result, at).await?;
        }
    }
    Ok(report)
}

/// Records one attempt. If the database is away for a moment (a restart),
/// it tries again while the lease still holds the row: a message the server
/// has accepted must not be sent again by the next claimer.
async fn record(
    db: &Db,
    row: &OutboxRow,
    worker: &str,
    result: Result<(), String>,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let lease_end = row.locked_until.map(crate::db::utc);
    loop {
        let (owner, claimed, outcome) = (worker.to_owned(), row.clone(), result.clone());
        let error = match db
            .write(move |conn| outbox::record_attempt(conn, &claimed, &owner, outcome, at))
            .await
        {
            Ok(()) => return Ok(()),
            Err(
                e @ (DbError::Storage(_) | DbError::PoolTimeout(_) | DbError::ConnectionLost(_)),
            ) => e,
            Err(e) => return Err(e),
        };
        let held = lease_end.is_some_and(|end| crate::db::clock() + Duration::seconds(2) < end);
        if !held {
            return Err(error);
        }
        tracing::warn!(outbox_id = %row.id, error = %error, "recording a delivery failed; trying again");
        tokio::time::sleep(StdDuration::from_secs(1)).await;
    }
}

/// Resolves once `stop` is true; never if its sender is gone without
/// asking (a pass run by hand).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    if stop.wait_for(|s| *s).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// A delivery error for the log, without addresses (servers echo them).
fn redact(error: &str) -> String {
    error
        .split_whitespace()
        .map(|w| if w.contains('@') { "<address>" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Queues the reminders due at `now`.
pub async fn queue_reminders(
    db: &Db,
    offsets: &[u32],
    now: DateTime<Utc>,
) -> Result<usize, DbError> {
    let offsets = offsets.to_vec();
    db.write(move |conn| reminders::enqueue_due(conn, &offsets, now))
        .await
}

/// What one pass of the timed steps did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Timed {
    /// Offers that ran out (each seat passed on).
    pub offers_expired: usize,
    /// Hosts warned that too few are confirmed.
    pub minimum_warnings: usize,
    /// Sessions cancelled for too few registrations.
    pub cancelled_too_few: usize,
    /// Registrations moved to the next occurrence of their series.
    pub rolled_over: usize,
    /// Follow-up mails queued after sessions.
    pub followed_up: usize,
}

/// Offers expired per batch read.
const TIMED_BATCH: i64 = 100;

/// Runs the steps due at `now` whose time is stored in the database, so
/// they happen once and on time across restarts and instances: expired
/// seat offers pass on, and minimum-attendee warnings and decisions are
/// made, each in its own transaction under its webinar's lock (an
/// instance that comes second finds nothing left to do).
pub async fn run_timed(db: &Db, now: DateTime<Utc>) -> Result<Timed, DbError> {
    let mut report = Timed::default();
    loop {
        let due = db
            .read(move |conn| registrations::expired_offers(conn, now, TIMED_BATCH))
            .await?;
        let batch = due.len();
        for (registration_id, webinar_id) in due {
            let expired = db
                .write(move |conn| booking::expire_offer(conn, &registration_id, &webinar_id, now))
                .await?;
            report.offers_expired += usize::from(expired);
        }
        if batch < usize::try_from(TIMED_BATCH).unwrap_or(usize::MAX) {
            break;
        }
    }
    let due = db.read(move |conn| minimum::due(conn, now)).await?;
    for (webinar_id, step) in due {
        let acted = db
            .write(move |conn| minimum::run(conn, &webinar_id, step, now))
            .await?;
        match step {
            minimum::Step::Warn => report.minimum_warnings += usize::from(acted),
            minimum::Step::Decide => report.cancelled_too_few += usize::from(acted),
        }
    }
    // After the decisions: a session the minimum just cancelled rolls over.
    let due = db.read(move |conn| rollover::due(conn, now)).await?;
    for webinar_id in due {
        report.rolled_over += db
            .write(move |conn| rollover::run(conn, &webinar_id, now))
            .await?;
    }
    let due = db.read(move |conn| followup::due(conn, now)).await?;
    for webinar_id in due {
        report.followed_up += db
            .write(move |conn| followup::run(conn, &webinar_id, now))
            .await?;
    }
    Ok(report)
}

/// How the busy-calendar loop fetches: `webhooks.allow_private_targets`
/// and `calendars.fetch_interval_secs`.
#[derive(Debug, Clone, Copy)]
pub struct CalendarFetch {
    pub allow_private: bool,
    pub interval_secs: u32,
}

/// The running loops and the switch that stops them.
pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

impl Workers {
    pub fn spawn(
        db: Db,
        composer: Arc<Composer>,
        transport: Arc<Transport>,
        every: StdDuration,
        reminder_offsets: Vec<u32>,
        queue_settings: QueueSettings,
        calendars: CalendarFetch,
    ) -> Self {
        let (stop, stopped) = watch::channel(false);
        let worker_id = format!("{}-{}", std::process::id(), crate::db::new_id());
        let mut handles = Vec::new();
        {
            let (db, mut stopped) = (db.clone(), stopped.clone());
            handles.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                loop {
                    tokio::select! {
                        _ = tick.tick() => {
                            let stop = stopped.clone();
                            if let Err(e) = deliver_due_until(&db, &composer, &transport, &worker_id, crate::db::clock(), stop).await {
                                tracing::warn!(error = %e, "outbox pass failed");
                            }
                        }
                        _ = stopped.changed() => break,
                    }
                }
            }));
        }
        {
            let (db, mut stopped) = (db.clone(), stopped.clone());
            handles.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(every.max(StdDuration::from_secs(30)));
                let interval = Duration::seconds(i64::from(calendars.interval_secs));
                loop {
                    tokio::select! {
                        _ = tick.tick() => {
                            if let Err(e) = crate::busy_fetch::fetch_due(&db, calendars.allow_private, interval, crate::db::clock()).await {
                                tracing::warn!(error = %e, "busy calendar pass failed");
                            }
                        }
                        _ = stopped.changed() => break,
                    }
                }
            }));
        }
        {
            let mut stopped = stopped;
            handles.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(every.max(StdDuration::from_secs(30)));
                loop {
                    tokio::select! {
                        _ = tick.tick() => {
                            if let Err(e) = run_timed(&db, crate::db::clock()).await {
                                tracing::warn!(error = %e, "timed steps failed");
                            }
                            if let Err(e) = queue_reminders(&db, &reminder_offsets, crate::db::clock()).await {
                                tracing::warn!(error = %e, "reminder pass failed");
                            }
                            // Hours come into the horizon as time passes.
                            let q = queue_settings.clone();
                            if let Err(e) = db.write(move |conn| crate::db::queue::allocate(conn, &q, crate::db::clock())).await {
                                tracing::warn!(error = %e, "allocator pass failed");
                            }
                        }
                        _ = stopped.changed() => break,
                    }
                }
            }));
        }
        Self { stop, handles }
    }

    /// Stops the loops: a delivery pass returns before its next message (or
    /// drops the one in flight), other passes finish their current step.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}
