//! Registration queries. Seat changes happen only in `booking.rs`, under
//! the webinar's lock.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::AnyConnection;
use super::schema::registrations;
use crate::db::DbError;
use crate::domain::registration::{NewRegistration, RegistrationStatus};

#[derive(Debug, Clone, Queryable)]
pub struct RegistrationRow {
    pub id: String,
    pub webinar_id: String,
    pub email: String,
    pub name: String,
    pub company: Option<String>,
    pub timezone: String,
    pub locale: String,
    pub situation: Option<String>,
    pub questions: String,
    pub marketing_consent: bool,
    pub status: String,
    pub attended: Option<bool>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cancelled_at: Option<NaiveDateTime>,
    pub erased_at: Option<NaiveDateTime>,
    /// Place in the webinar's arrival order, handed out under its lock.
    pub arrival: i32,
    /// When a repeated registration last re-sent the confirmation.
    pub resent_at: Option<NaiveDateTime>,
    /// Until when an offered seat is held.
    pub offer_expires_at: Option<NaiveDateTime>,
    /// The person has held a seat at some time (the seat chance learns
    /// from how many such people cancel).
    pub seated: bool,
    /// Moves to the next occurrence of the series when left without a seat.
    pub rollover: bool,
    pub followed_up_at: Option<NaiveDateTime>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<NaiveDateTime>,
}

impl RegistrationRow {
    pub fn status(&self) -> Result<RegistrationStatus, DbError> {
        self.status.parse().map_err(DbError::corrupt)
    }

    pub fn questions(&self) -> Vec<String> {
        serde_json::from_str(&self.questions).unwrap_or_default()
    }
}

#[derive(Insertable)]
#[diesel(table_name = registrations)]
struct NewRegistrationRow<'a> {
    id: &'a str,
    webinar_id: &'a str,
    email: &'a str,
    name: &'a str,
    company: Option<&'a str>,
    timezone: &'a str,
    locale: &'a str,
    situation: Option<&'a str>,
    questions: String,
    marketing_consent: bool,
    status: &'a str,
    arrival: i32,
    seated: bool,
    rollover: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Where a new registration lands: its status and its place in the
/// webinar's arrival order, both decided under the webinar's lock.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub status: RegistrationStatus,
    pub arrival: i32,
}

/// Inserts a registration unless the address already has an active one for
/// this webinar (the partial unique index `registrations_active_email`
/// decides, with `ON CONFLICT DO NOTHING`, so a repeat costs no SELECT
/// beforehand and no aborted statement on PostgreSQL): `None` then.
pub fn insert(
    conn: &mut AnyConnection,
    id: &str,
    webinar_id: &str,
    new: &NewRegistration,
    placement: Placement,
    now: DateTime<Utc>,
) -> Result<Option<RegistrationRow>, DbError> {
    let row = NewRegistrationRow {
        id,
        webinar_id,
        email: new.email.as_str(),
        name: &new.name,
        company: new.company.as_deref(),
        timezone: new.timezone.name(),
        locale: new.locale.code(),
        situation: new.situation.as_deref(),
        questions: serde_json::to_string(&new.questions).map_err(DbError::corrupt)?,
        marketing_consent: new.marketing_consent,
        status: placement.status.as_str(),
        arrival: placement.arrival,
        seated: placement.status == RegistrationStatus::Confirmed,
        rollover: new.rollover,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
    };
    let query = diesel::insert_into(registrations::table)
        .values(&row)
        .on_conflict_do_nothing()
        .returning(registrations::all_columns);
    // The multi-backend connection has no ON CONFLICT clause; both backends do.
    let inserted = match conn {
        AnyConnection::Sqlite(c) => query.get_result(c).optional()?,
        AnyConnection::Postgresql(c) => query.get_result(c).optional()?,
    };
    Ok(inserted)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<RegistrationRow>, DbError> {
    Ok(registrations::table.find(id).first(conn).optional()?)
}

/// The active (not cancelled) registration of an address for a webinar.
pub fn find_active(
    conn: &mut AnyConnection,
    webinar_id: &str,
    email: &str,
) -> Result<Option<RegistrationRow>, DbError> {
    Ok(registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .filter(registrations::email.eq(email))
        .filter(registrations::status.ne(RegistrationStatus::Cancelled.as_str()))
        .first(conn)
        .optional()?)
}

/// 1-based place on the waiting list: those still waiting who arrived
/// earlier, plus one. It falls as people ahead are promoted or leave. (A
/// count: for reads, not for the registration transaction, which knows a
/// newcomer's place from the webinar's counters.)
pub fn waitlist_position(conn: &mut AnyConnection, row: &RegistrationRow) -> Result<i64, DbError> {
    let ahead: i64 = registrations::table
        .filter(registrations::webinar_id.eq(&row.webinar_id))
        .filter(registrations::status.eq(RegistrationStatus::Waitlisted.as_str()))
        .filter(registrations::arrival.lt(row.arrival))
        .count()
        .get_result(conn)?;
    Ok(ahead + 1)
}

/// The position to show: only waitlisted registrations have one.
pub fn position_of(
    conn: &mut AnyConnection,
    row: &RegistrationRow,
) -> Result<Option<i64>, DbError> {
    if row.status == RegistrationStatus::Waitlisted.as_str() {
        waitlist_position(conn, row).map(Some)
    } else {
        Ok(None)
    }
}

/// Registrations of a webinar in one status, in arrival order.
pub fn with_status(
    conn: &mut AnyConnection,
    webinar_id: &str,
    status: RegistrationStatus,
    limit: Option<i64>,
) -> Result<Vec<RegistrationRow>, DbError> {
    let mut query = registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .filter(registrations::status.eq(status.as_str()))
        .order((registrations::arrival.asc(), registrations::id.asc()))
        .into_boxed();
    if let Some(n) = limit {
        query = query.limit(n);
    }
    Ok(query.load(conn)?)
}

/// Moves a registration to `status` (an offer is made with [`offer`]).
/// A confirmed one is marked as having held a seat.
pub fn set_status(
    conn: &mut AnyConnection,
    id: &str,
    status: RegistrationStatus,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let cancelled_at = (status == RegistrationStatus::Cancelled).then(|| now.naive_utc());
    let target = registrations::table.find(id);
    let common = (
        registrations::status.eq(status.as_str()),
        registrations::updated_at.eq(now.naive_utc()),
        registrations::cancelled_at.eq(cancelled_at),
        registrations::offer_expires_at.eq(None::<NaiveDateTime>),
    );
    if status == RegistrationStatus::Confirmed {
        diesel::update(target)
            .set((common, registrations::seated.eq(true)))
            .execute(conn)?;
    } else {
        diesel::update(target).set(common).execute(conn)?;
    }
    Ok(())
}

/// Holds a seat for a waiting registration until `expires_at`.
pub fn offer(
    conn: &mut AnyConnection,
    id: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq(RegistrationStatus::Offered.as_str()),
            registrations::offer_expires_at.eq(Some(expires_at.naive_utc())),
            registrations::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Offers that ran out by `now`, oldest first: (registration, webinar) ids.
pub fn expired_offers(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(String, String)>, DbError> {
    Ok(registrations::table
        .filter(registrations::status.eq(RegistrationStatus::Offered.as_str()))
        .filter(registrations::offer_expires_at.le(now.naive_utc()))
        .order(registrations::offer_expires_at.asc())
        .select((registrations::id, registrations::webinar_id))
        .limit(limit)
        .load(conn)?)
}

/// Records that a repeated registration re-sent the confirmation.
pub fn mark_resent(conn: &mut AnyConnection, id: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    diesel::update(registrations::table.find(id))
        .set(registrations::resent_at.eq(Some(now.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// All registrations of a webinar in the order they were made (ids are
/// time-ordered), a page at a time.
pub fn list_for_webinar(
    conn: &mut AnyConnection,
    webinar_id: &str,
    consent_only: bool,
    after: Option<&str>,
    fetch: i64,
) -> Result<Vec<RegistrationRow>, DbError> {
    let mut query = registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .order(registrations::id.asc())
        .limit(fetch)
        .into_boxed();
    if consent_only {
        query = query.filter(registrations::marketing_consent.eq(true));
    }
    if let Some(after) = after {
        query = query.filter(registrations::id.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

/// Marks attendance of a confirmed registration; false if it is not one.
pub fn set_attended(
    conn: &mut AnyConnection,
    webinar_id: &str,
    id: &str,
    attended: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = diesel::update(
        registrations::table
            .filter(registrations::id.eq(id))
            .filter(registrations::webinar_id.eq(webinar_id))
            .filter(registrations::status.eq(RegistrationStatus::Confirmed.as_str())),
    )
    .set((
        registrations::attended.eq(Some(attended)),
        registrations::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Forgets which reminders went out for a webinar's registrations (after
/// the session moved, they are due again).
pub fn forget_reminders(conn: &mut AnyConnection, webinar_id: &str) -> Result<(), DbError> {
    use super::schema::sent_reminders;
    let ids = registrations::table
        .filter(registrations::webinar_id.eq(webinar_id))
        .select(registrations::id);
    diesel::delete(sent_reminders::table.filter(sent_reminders::registration_id.eq_any(ids)))
        .execute(conn)?;
    Ok(())
}
