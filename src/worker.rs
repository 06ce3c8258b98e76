//! Background loops: the outbox delivery, and the reminder scan with an
//! allocator pass for the queue. Both are
//! also plain functions ([`deliver_due`], [`queue_reminders`]) so tests can
//! run them once instead of waiting for a timer. Several instances may run
//! them at once: claims are leased, reminders recorded once.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::QueueSettings;
use crate::db::{Db, outbox, reminders, webhooks};
use crate::email::Composer;
use crate::email::transport::Transport;
use crate::error::AppError;

/// How long a claimed message is reserved for its worker. A batch must be
/// sent well within it: at most BATCH × the 20 s SMTP timeout = 100 s.
const LEASE: i64 = 120;
const BATCH: i64 = 5;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub failed: usize,
}

/// Delivers every message due at `now`, batch after batch.
pub async fn deliver_due(
    db: &Db,
    transport: &Transport,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<Delivery, AppError> {
    let mut report = Delivery::default();
    loop {
        let owner = worker.to_owned();
        let batch = db
            .write(move |conn| {
                outbox::claim_due(conn, &owner, now, Duration::seconds(LEASE), BATCH)
            })
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
        for row in batch {
            let secret = row
                .webhook_id
                .as_ref()
                .and_then(|id| secrets.get(id))
                .map(String::as_str);
            let result = transport
                .deliver(&row, secret, now.max(crate::db::clock()))
                .await;
            match &result {
                Ok(()) => report.sent += 1,
                Err(error) => {
                    report.failed += 1;
                    tracing::warn!(outbox_id = %row.id, error = %redact(error), "delivery failed; will retry");
                }
            }
            let owner = worker.to_owned();
            let at = crate::db::clock().max(now);
            db.run(move |conn| outbox::record_attempt(conn, &row, &owner, result, at))
                .await?;
        }
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
    composer: &Arc<Composer>,
    offsets: &[u32],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let composer = Arc::clone(composer);
    let offsets = offsets.to_vec();
    db.write(move |conn| reminders::enqueue_due(conn, &composer, &offsets, now))
        .await
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
                            if let Err(e) = deliver_due(&db, &transport, &worker_id, crate::db::clock()).await {
                                tracing::warn!(error = %e, "outbox pass failed");
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
                            if let Err(e) = queue_reminders(&db, &composer, &reminder_offsets, crate::db::clock()).await {
                                tracing::warn!(error = %e, "reminder pass failed");
                            }
                            // Hours come into the horizon as time passes.
                            let (c, q) = (Arc::clone(&composer), queue_settings.clone());
                            if let Err(e) = db.write(move |conn| crate::db::queue::allocate(conn, &c, &q, crate::db::clock())).await {
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

    /// Lets the current pass finish, then stops.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
    }
}
