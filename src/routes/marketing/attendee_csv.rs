//! The attendee list as CSV, streamed from the database in batches, with
//! cells a spreadsheet would run as formulas made harmless.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::get;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};

use super::{AttendeeQuery, record};
use crate::auth::Staff;
use crate::db::attendees::{self, Attendee};
use crate::db::{Db, utc};
use crate::domain::user::Role;
use crate::error::{AppError, Problem};

/// Rows read from the database per step of a CSV export.
const CSV_BATCH: i64 = 2000;

pub const CSV_HEADER: [&str; 12] = [
    "email",
    "name",
    "company",
    "webinar_id",
    "webinar_title",
    "kind",
    "topic",
    "starts_at",
    "status",
    "attended",
    "marketing_consent",
    "registered_at",
];

/// A cell that a spreadsheet would run as a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// CSV bytes (RFC 4180, CRLF) of `rows`, every cell through [`neutralise`];
/// with the header (and a byte-order mark if `bom`) when `with_header`.
pub fn write_csv<R, C>(rows: R, with_header: bool, bom: bool) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = [C; CSV_HEADER.len()]>,
    C: AsRef<str>,
{
    let rows = rows.into_iter();
    let mut out = Vec::with_capacity(rows.size_hint().0 * 160 + 200);
    if with_header && bom {
        // A byte-order mark makes spreadsheet programs read UTF-8.
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    if with_header {
        w.write_record(CSV_HEADER)?;
    }
    for row in rows {
        for cell in &row {
            w.write_field(neutralise(cell.as_ref()).as_bytes())?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

fn csv_chunk(rows: &[Attendee], with_header: bool, bom: bool) -> Result<Vec<u8>, csv::Error> {
    let bool_cell = |b: bool| Cow::Borrowed(if b { "true" } else { "false" });
    let cells = rows.iter().map(|a| {
        [
            Cow::Borrowed(a.reg.email.as_str()),
            Cow::Borrowed(a.reg.name.as_str()),
            Cow::Borrowed(a.reg.company.as_deref().unwrap_or("")),
            Cow::Borrowed(a.reg.webinar_id.as_str()),
            Cow::Borrowed(a.webinar_title.as_str()),
            Cow::Borrowed(a.kind.as_str()),
            Cow::Borrowed(a.topic.as_deref().unwrap_or("")),
            Cow::Owned(crate::domain::time::format(utc(a.starts_at))),
            Cow::Borrowed(a.reg.status.as_str()),
            a.reg.attended.map_or(Cow::Borrowed(""), bool_cell),
            bool_cell(a.reg.marketing_consent),
            Cow::Owned(crate::domain::time::format(utc(a.reg.created_at))),
        ]
    });
    write_csv(cells, with_header, bom)
}

/// The same attendees as CSV, streamed from the database in batches
/// (marketing, admin).
#[utoipa::path(tag = "marketing", operation_id = "exportAttendeesCsv",
    security(("bearer" = [])), params(AttendeeQuery), responses(
    (status = 200, content_type = "text/csv", body = String),
    (status = 403, description = "Not marketing or an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/api/v1/attendees.csv")]
pub async fn attendees_csv(
    db: web::Data<Db>,
    staff: Staff,
    query: web::Query<AttendeeQuery>,
) -> Result<HttpResponse, AppError> {
    csv_export(db, &staff, &query).await
}

/// The streamed CSV download of the attendees `query` selects, the access
/// noted in the audit log (marketing, admin): the API's export and the
/// staff pages' download.
pub async fn csv_export(
    db: web::Data<Db>,
    staff: &Staff,
    query: &AttendeeQuery,
) -> Result<HttpResponse, AppError> {
    staff.require(&[Role::Marketing, Role::Admin])?;
    let filter = query.filter()?;
    let page = crate::routes::page_request(query.cursor.as_deref(), query.limit)?;
    record(
        &db,
        staff,
        "attendees.csv",
        serde_json::json!({"filter": filter}),
    )
    .await?;
    let bom = query.bom.unwrap_or(true);
    let db = db.into_inner();
    struct State {
        after: Option<String>,
        first: bool,
        done: bool,
    }
    let start = State {
        after: page.after,
        first: true,
        done: false,
    };
    let stream = futures_util::stream::unfold(start, move |state| {
        let (db, filter) = (Arc::clone(&db), filter.clone());
        async move {
            if state.done {
                return None;
            }
            let after = state.after.clone();
            let rows = match db
                .run(move |conn| attendees::page(conn, &filter, after.as_deref(), CSV_BATCH))
                .await
            {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::error!(error = %e, "CSV export stopped");
                    let err = actix_web::error::ErrorInternalServerError("export failed");
                    return Some((
                        Err(err),
                        State {
                            done: true,
                            ..state
                        },
                    ));
                }
            };
            let next = State {
                after: rows.last().map(|a| a.reg.id.clone()),
                first: false,
                done: (rows.len() as i64) < CSV_BATCH,
            };
            match csv_chunk(&rows, state.first, bom) {
                Ok(bytes) => Some((Ok::<_, actix_web::Error>(Bytes::from(bytes)), next)),
                Err(e) => Some((
                    Err(actix_web::error::ErrorInternalServerError(e.to_string())),
                    State { done: true, ..next },
                )),
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"attendees.csv\"",
        ))
        .streaming(stream))
}
