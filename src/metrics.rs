//! Prometheus metrics kept in-process: request counts by route and status,
//! latency histograms by route, and database pool usage. Every label comes
//! from a fixed set (the standard methods or `other`, a route pattern or
//! `unmatched`, a status code), so no request can add series at will.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Instant;

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, web};
use tracing_actix_web::RequestId;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

#[derive(Default)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut routes) = self.routes.lock() else {
            return;
        };
        let stats = routes
            .entry((method.to_owned(), route.to_owned()))
            .or_default();
        *stats.by_status.entry(status).or_default() += 1;
        if let Some(i) = BUCKETS.iter().position(|le| seconds <= *le) {
            stats.buckets[i] += 1;
        }
        stats.sum_seconds += seconds;
        stats.count += 1;
    }

    /// The text exposition format, with the pool figures passed in.
    pub fn render(&self, pool_open: u32, pool_idle: u32, pool_max: u32) -> String {
        let mut out = String::new();
        let routes = match self.routes.lock() {
            Ok(r) => r,
            Err(poisoned) => poisoned.into_inner(),
        };
        out.push_str("# HELP onetomany_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE onetomany_http_requests_total counter\n");
        for ((method, route), stats) in routes.iter() {
            for (status, n) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "onetomany_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str(
            "# HELP onetomany_http_request_duration_seconds HTTP request latency by route.\n",
        );
        out.push_str("# TYPE onetomany_http_request_duration_seconds histogram\n");
        for ((method, route), stats) in routes.iter() {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            let mut cumulative = 0;
            for (le, n) in BUCKETS.iter().zip(stats.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "onetomany_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "onetomany_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                stats.count
            );
            let _ = writeln!(
                out,
                "onetomany_http_request_duration_seconds_sum{{{labels}}} {}",
                stats.sum_seconds
            );
            let _ = writeln!(
                out,
                "onetomany_http_request_duration_seconds_count{{{labels}}} {}",
                stats.count
            );
        }
        out.push_str("# HELP onetomany_db_pool_connections Database pool connections by state.\n");
        out.push_str("# TYPE onetomany_db_pool_connections gauge\n");
        let _ = writeln!(
            out,
            "onetomany_db_pool_connections{{state=\"idle\"}} {pool_idle}"
        );
        let _ = writeln!(
            out,
            "onetomany_db_pool_connections{{state=\"in_use\"}} {}",
            pool_open.saturating_sub(pool_idle)
        );
        out.push_str("# HELP onetomany_db_pool_max_connections Configured pool size.\n");
        out.push_str("# TYPE onetomany_db_pool_max_connections gauge\n");
        let _ = writeln!(out, "onetomany_db_pool_max_connections {pool_max}");
        out
    }
}

/// The method as a label: any method outside the standard ones (a client
/// may send `FOOA`, `FOOB`, …) counts as `other`.
fn method_label(method: &Method) -> &'static str {
    match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        _ => "other",
    }
}

/// What is recorded of one request once its body is done.
struct Pending {
    metrics: web::Data<Metrics>,
    method: &'static str,
    route: String,
    status: u16,
    started: Instant,
}

/// A response body that records its request when the server is done with
/// it: after the last chunk of a streamed answer (a CSV export of many
/// rows), or when the client went away, not when the headers were ready.
pub struct Timed<B> {
    body: B,
    pending: Option<Pending>,
}

impl<B> Drop for Timed<B> {
    fn drop(&mut self) {
        if let Some(p) = self.pending.take() {
            let seconds = p.started.elapsed().as_secs_f64();
            p.metrics.observe(p.method, &p.route, p.status, seconds);
        }
    }
}

impl<B: MessageBody + Unpin> MessageBody for Timed<B> {
    type Error = B::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_next(cx)
    }
}

/// Middleware: times each request to the end of its body ([`Timed`]),
/// counts it under its route pattern (never the raw path, which may hold
/// ids or tokens) and echoes the request id.
pub async fn track<B: MessageBody + Unpin>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<Timed<B>>, actix_web::Error> {
    let started = Instant::now();
    let method = method_label(req.method());
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let request_id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let pending = metrics.map(|metrics| Pending {
        metrics,
        method,
        route,
        status: res.status().as_u16(),
        started,
    });
    if let Some(id) = request_id
        && let Ok(value) = HeaderValue::from_str(&id.to_string())
    {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res.map_body(|_, body| Timed { body, pending }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_methods_share_one_label() {
        let foo = Method::from_bytes(b"FOOA").expect("a method");
        assert_eq!(method_label(&foo), "other");
        assert_eq!(method_label(&Method::PATCH), "PATCH");
    }
}
