//! Straight through diesel: the bare registration transaction (the ceiling),
//! the waiting-list pre-fill, and the check that counters equal rows.

use super::*;

/// A `registrations` row with only what the bare transaction fills in.
#[derive(Insertable)]
#[diesel(table_name = registrations)]
struct BareRow<'a> {
    id: String,
    webinar_id: &'a str,
    email: String,
    name: &'a str,
    timezone: &'a str,
    locale: &'a str,
    questions: &'a str,
    marketing_consent: bool,
    status: &'a str,
    arrival: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// (capacity, seats_taken, waitlist_length, arrivals)
pub(super) type Counters = (Option<i32>, i32, i32, i32);

fn now() -> NaiveDateTime {
    Utc::now().trunc_subsecs(6).naive_utc()
}

/// The row to insert and the counters after it, from the counters read
/// under the lock.
fn place<'a>(webinar_id: &'a str, email: String, c: Counters) -> (BareRow<'a>, Counters) {
    let (capacity, mut seats, mut waiting, arrivals) = c;
    let status = if capacity.is_none_or(|cap| seats < cap) {
        seats += 1;
        "confirmed"
    } else {
        waiting += 1;
        "waitlisted"
    };
    let at = now();
    let row = BareRow {
        id: new_id(),
        webinar_id,
        email,
        name: "Bench Person",
        timezone: "UTC",
        locale: "en",
        questions: "[]",
        marketing_consent: false,
        status,
        arrival: arrivals + 1,
        created_at: at,
        updated_at: at,
    };
    (row, (capacity, seats, waiting, arrivals + 1))
}

pub(super) const COUNTERS: (
    webinars::capacity,
    webinars::seats_taken,
    webinars::waitlist_length,
    webinars::arrivals,
) = (
    webinars::capacity,
    webinars::seats_taken,
    webinars::waitlist_length,
    webinars::arrivals,
);

fn bare_sqlite(c: &mut SqliteConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    // BEGIN IMMEDIATE takes the database's write lock before the first read.
    c.immediate_transaction(|c| {
        let counters: Counters = webinars::table.find(webinar_id).select(COUNTERS).first(c)?;
        let (row, (_, seats, waiting, arrivals)) = place(webinar_id, email, counters);
        diesel::insert_into(registrations::table)
            .values(&row)
            .execute(c)?;
        diesel::update(webinars::table.find(webinar_id))
            .set((
                webinars::seats_taken.eq(seats),
                webinars::waitlist_length.eq(waiting),
                webinars::arrivals.eq(arrivals),
                webinars::updated_at.eq(row.updated_at),
            ))
            .execute(c)?;
        Ok(())
    })
}

fn bare_postgres(c: &mut PgConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    c.transaction(|c| {
        let counters: Counters = webinars::table
            .find(webinar_id)
            .select(COUNTERS)
            .for_update()
            .first(c)?;
        let (row, (_, seats, waiting, arrivals)) = place(webinar_id, email, counters);
        diesel::insert_into(registrations::table)
            .values(&row)
            .execute(c)?;
        diesel::update(webinars::table.find(webinar_id))
            .set((
                webinars::seats_taken.eq(seats),
                webinars::waitlist_length.eq(waiting),
                webinars::arrivals.eq(arrivals),
                webinars::updated_at.eq(row.updated_at),
            ))
            .execute(c)?;
        Ok(())
    })
}

fn bare_register(conn: &mut AnyConnection, webinar_id: &str, email: String) -> QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(c) => bare_sqlite(c, webinar_id, email),
        AnyConnection::Postgresql(c) => bare_postgres(c, webinar_id, email),
    }
}

/// `clients` threads loop the bare transaction on `webinar_id` through a
/// pool of `pool_size`; calls that start inside the window are measured.
pub(super) fn ceiling(
    cfg: &Config,
    url: &DatabaseUrl,
    webinar_id: &str,
) -> Result<Stats, BoxError> {
    let pool = r2d2::Pool::builder()
        .max_size(cfg.pool_size)
        .connection_timeout(Duration::from_secs(30))
        .build(Manager::new(url.clone()))?;
    let sqlite = matches!(url, DatabaseUrl::Sqlite(_));
    // The application's Db::write queues SQLite writers in the process too,
    // in the same fair lock.
    let writer = parking_lot::FairMutex::new(());
    let seq = AtomicU64::new(0);
    let measure_from = Instant::now() + Duration::from_secs(cfg.warmup_seconds);
    let window = Duration::from_secs(cfg.seconds);
    let end = measure_from + window;
    let logs: Vec<(usize, Vec<Duration>, Option<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..cfg.clients)
            .map(|_| {
                s.spawn(|| {
                    let (mut errors, mut latencies, mut first_error) = (0, Vec::new(), None);
                    loop {
                        let started = Instant::now();
                        if started >= end {
                            break;
                        }
                        let n = seq.fetch_add(1, Ordering::Relaxed);
                        let result = (|| -> Result<(), BoxError> {
                            let _turn = sqlite.then(|| writer.lock());
                            let mut conn = pool.get()?;
                            bare_register(&mut conn, webinar_id, format!("bare-{n}@example.com"))?;
                            Ok(())
                        })();
                        if started < measure_from {
                            continue;
                        }
                        latencies.push(started.elapsed());
                        if let Err(e) = result {
                            errors += 1;
                            first_error.get_or_insert_with(|| e.to_string());
                        }
                    }
                    (errors, latencies, first_error)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| (1, Vec::new(), Some("panic".into())))
            })
            .collect()
    });
    let mut stats = Stats {
        ok: 0,
        errors: 0,
        first_error: None,
        window,
        latencies: Vec::new(),
    };
    for (errors, latencies, first_error) in logs {
        stats.errors += errors;
        stats.ok += latencies.len() - errors.min(latencies.len());
        stats.latencies.extend(latencies);
        if stats.first_error.is_none() {
            stats.first_error = first_error;
        }
    }
    stats.latencies.sort_unstable();
    Ok(stats)
}

// --------------------------------------------------------------- pre-fill

/// Puts `CAPACITY` confirmed people and `waitlist` waiting ones on the
/// capped webinar, with its counters equal to the rows.
pub(super) fn prefill(url: &DatabaseUrl, webinar_id: &str, waitlist: i32) -> Result<(), BoxError> {
    let mut conn = Manager::new(url.clone()).establish()?;
    let total = CAPACITY + waitlist;
    let at = now();
    let rows: Vec<BareRow> = (1..=total)
        .map(|arrival| BareRow {
            id: new_id(),
            webinar_id,
            email: format!("prefill-{arrival}@example.com"),
            name: "Bench Person",
            timezone: "UTC",
            locale: "en",
            questions: "[]",
            marketing_consent: false,
            status: if arrival <= CAPACITY {
                "confirmed"
            } else {
                "waitlisted"
            },
            arrival,
            created_at: at,
            updated_at: at,
        })
        .collect();
    let counters = (
        webinars::seats_taken.eq(CAPACITY),
        webinars::waitlist_length.eq(waitlist),
        webinars::arrivals.eq(total),
    );
    // 12 columns a row: 1 000 rows stay under both backends' bind limits.
    match &mut conn {
        AnyConnection::Sqlite(c) => c.immediate_transaction(|c| {
            for chunk in rows.chunks(1000) {
                diesel::insert_into(registrations::table)
                    .values(chunk)
                    .execute(c)?;
            }
            diesel::update(webinars::table.find(webinar_id))
                .set(counters)
                .execute(c)
        })?,
        AnyConnection::Postgresql(c) => c.transaction(|c| {
            for chunk in rows.chunks(1000) {
                diesel::insert_into(registrations::table)
                    .values(chunk)
                    .execute(c)?;
            }
            diesel::update(webinars::table.find(webinar_id))
                .set(counters)
                .execute(c)
        })?,
    };
    Ok(())
}

/// Whether the webinar's counters equal its rows.
pub(super) fn consistent(conn: &mut AnyConnection, webinar_id: &str) -> Result<String, BoxError> {
    let (_, seats, waiting, arrivals): Counters = webinars::table
        .find(webinar_id)
        .select(COUNTERS)
        .first(conn)?;
    let count = |conn: &mut AnyConnection, status: &str| -> QueryResult<i64> {
        registrations::table
            .filter(registrations::webinar_id.eq(webinar_id))
            .filter(registrations::status.eq(status))
            .count()
            .get_result(conn)
    };
    let confirmed = count(conn, "confirmed")?;
    let waitlisted = count(conn, "waitlisted")?;
    let all: i64 = registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .count()
        .get_result(conn)?;
    let ok = i64::from(seats) == confirmed
        && i64::from(waiting) == waitlisted
        && i64::from(arrivals) == all;
    Ok(format!(
        "{}: seats_taken {seats}/{confirmed} rows, waitlist_length {waiting}/{waitlisted} rows, \
         arrivals {arrivals}/{all} rows",
        if ok { "consistent" } else { "INCONSISTENT" }
    ))
}

// ---------------------------------------------------------------- sampler
