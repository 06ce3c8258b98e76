//! Operations endpoints: liveness, readiness (the database answers) and
//! Prometheus metrics.

use actix_web::get;
use actix_web::{HttpResponse, web};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::metrics::Metrics;

#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(pattern = "^ok$")]
    status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Ready {
    #[schema(pattern = "^ok$")]
    status: &'static str,
    /// `sqlite` or `postgres`.
    #[schema(pattern = "^(sqlite|postgres)$")]
    database: &'static str,
}

/// The process is up.
#[utoipa::path(tag = "operations", operation_id = "health", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health { status: "ok" })
}

/// The database answers a query.
#[utoipa::path(tag = "operations", operation_id = "readiness", responses(
    (status = 200, body = Ready),
    (status = 503, description = "The database does not answer (`unavailable`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/readyz")]
pub async fn readyz(db: web::Data<Db>) -> Result<web::Json<Ready>, AppError> {
    db.run(|conn| {
        conn.batch_execute("SELECT 1")
            .map_err(|e| AppError::Unavailable(format!("database check failed: {e}")))
    })
    .await?;
    Ok(web::Json(Ready {
        status: "ok",
        database: db.backend(),
    }))
}

/// Request counts and latencies by route, and pool usage, in Prometheus text format.
#[utoipa::path(tag = "operations", operation_id = "metrics", responses((status = 200, content_type = "text/plain", body = String)))]
#[get("/metrics")]
pub async fn metrics(metrics: web::Data<Metrics>, db: web::Data<Db>) -> HttpResponse {
    let (open, idle, max) = db.pool_state();
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render(open, idle, max))
}
