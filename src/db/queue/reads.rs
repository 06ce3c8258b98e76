//! Reading the queue: where a request stands, appointments, serving order.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::{Appointment, AppointmentRow, RequestRow};
use crate::db::AnyConnection;
use crate::db::DbError;
use crate::db::schema::{appointments, queue_requests, users};
use crate::domain::queue::{AppointmentStatus, RequestStatus};

/// A request with where it stands.
#[derive(Debug, Clone)]
pub struct Queued {
    pub request: RequestRow,
    pub position: Option<i64>,
    pub appointment: Option<Appointment>,
}

/// 1-based place among waiting requests, in arrival order.
pub fn position(conn: &mut AnyConnection, req: &RequestRow) -> Result<Option<i64>, DbError> {
    if req.status != RequestStatus::Waiting.as_str() {
        return Ok(None);
    }
    let ahead: i64 = queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .filter(
            queue_requests::created_at
                .lt(req.created_at)
                .or(queue_requests::created_at
                    .eq(req.created_at)
                    .and(queue_requests::id.lt(&req.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(Some(ahead + 1))
}

/// The live (scheduled) appointment of a request.
pub fn live_appointment(
    conn: &mut AnyConnection,
    request_id: &str,
) -> Result<Option<Appointment>, DbError> {
    let row: Option<(AppointmentRow, (String, String))> = appointments::table
        .inner_join(users::table)
        .filter(appointments::request_id.eq(request_id))
        .filter(appointments::status.eq(AppointmentStatus::Scheduled.as_str()))
        .select((appointments::all_columns, (users::name, users::email)))
        .first(conn)
        .optional()?;
    Ok(row.map(|(row, (host_name, host_email))| Appointment {
        row,
        host_name,
        host_email,
    }))
}

pub fn find_request(conn: &mut AnyConnection, id: &str) -> Result<Option<RequestRow>, DbError> {
    Ok(queue_requests::table.find(id).first(conn).optional()?)
}

/// Where a request stands now.
pub fn status_of(conn: &mut AnyConnection, id: &str) -> Result<Queued, DbError> {
    let request =
        find_request(conn, id)?.ok_or(DbError::NotFound("no queue request with this id"))?;
    let position = position(conn, &request)?;
    let appointment = live_appointment(conn, id)?;
    Ok(Queued {
        request,
        position,
        appointment,
    })
}

pub fn find_appointment(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<Appointment>, DbError> {
    let row: Option<(AppointmentRow, (String, String))> = appointments::table
        .inner_join(users::table)
        .filter(appointments::id.eq(id))
        .select((appointments::all_columns, (users::name, users::email)))
        .first(conn)
        .optional()?;
    Ok(row.map(|(row, (host_name, host_email))| Appointment {
        row,
        host_name,
        host_email,
    }))
}

/// Waiting requests in serving order.
pub fn waiting(conn: &mut AnyConnection) -> Result<Vec<RequestRow>, DbError> {
    Ok(queue_requests::table
        .filter(queue_requests::status.eq(RequestStatus::Waiting.as_str()))
        .order((queue_requests::created_at.asc(), queue_requests::id.asc()))
        .load(conn)?)
}

/// Appointments (with their requests) in a range, optionally of one CSM.
pub fn appointments_between(
    conn: &mut AnyConnection,
    host_id: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Appointment, RequestRow)>, DbError> {
    let mut query = appointments::table
        .inner_join(users::table)
        .inner_join(queue_requests::table)
        .filter(appointments::starts_at.ge(from.naive_utc()))
        .filter(appointments::starts_at.lt(to.naive_utc()))
        .select((
            appointments::all_columns,
            (users::name, users::email),
            queue_requests::all_columns,
        ))
        .order((appointments::starts_at.asc(), appointments::id.asc()))
        .limit(5000)
        .into_boxed();
    if let Some(h) = host_id {
        query = query.filter(appointments::host_id.eq(h.to_owned()));
    }
    let rows: Vec<(AppointmentRow, (String, String), RequestRow)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, (host_name, host_email), req)| {
            (
                Appointment {
                    row,
                    host_name,
                    host_email,
                },
                req,
            )
        })
        .collect())
}
