//! Limits kept in this instance's memory (behind several instances each
//! counts on its own): public POSTs per client (`server.rate_limit_per_minute`,
//! 0 = off) and failed sign-ins per account and per client
//! ([`logins`]). Refusals are 429 `rate_limited` with `Retry-After`.
//! [`ClientIp`] says who the client is; [`store`] bounds the memory a flood
//! of distinct addresses can take.

mod client;
pub mod logins;
mod store;

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};
use governor::Quota;
use governor::clock::{Clock, MonotonicClock};

pub use client::ClientIp;
pub use logins::FailedLogins;
pub use store::MAX_KEYS;

use crate::error::AppError;

/// How often keys whose bucket has refilled are dropped.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

type Keyed = governor::RateLimiter<IpAddr, store::Recent<IpAddr>, MonotonicClock>;

/// Public POSTs per client and minute, as a GCRA: the whole minute's
/// allowance at once, then one more every 60 s / limit.
pub struct RateLimiter {
    keyed: Option<Keyed>,
    next_sweep: Mutex<Instant>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        let keyed = NonZeroU32::new(per_minute).map(|n| {
            governor::RateLimiter::new(
                Quota::per_minute(n),
                store::Recent::default(),
                MonotonicClock,
            )
        });
        Self {
            keyed,
            next_sweep: Mutex::new(Instant::now() + SWEEP_EVERY),
        }
    }

    /// Counts one request; `Err(seconds)` when over the limit.
    pub fn check(&self, client: ClientIp) -> Result<(), u64> {
        let Some(keyed) = &self.keyed else {
            return Ok(());
        };
        self.sweep(keyed);
        keyed.check_key(&client.bucket()).map_err(|not_until| {
            let wait = not_until.wait_time_from(keyed.clock().now());
            wait.as_secs_f64().ceil().max(1.0) as u64
        })
    }

    /// Keys held now.
    pub fn len(&self) -> usize {
        self.keyed.as_ref().map_or(0, Keyed::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Once a minute, forgets clients whose allowance has refilled, so an
    /// idle instance holds nothing.
    fn sweep(&self, keyed: &Keyed) {
        let now = Instant::now();
        let Ok(mut next) = self.next_sweep.try_lock() else {
            return;
        };
        if now >= *next {
            *next = now + SWEEP_EVERY;
            drop(next);
            keyed.retain_recent();
        }
    }
}

/// Middleware for public resources: limits their POSTs.
pub async fn public_posts(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.method() == Method::POST
        && let Some(limiter) = req.app_data::<web::Data<RateLimiter>>()
        && let Err(retry_after) = limiter.check(ClientIp::of(req.request()))
    {
        let response = AppError::RateLimited { retry_after }.error_response();
        return Ok(req.into_response(response).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// The 429 that every operation behind [`public_posts`] may answer, for its
/// `#[utoipa::path(responses(..., RateLimited))]`: one description, the
/// problem body and its `Retry-After` header.
pub struct RateLimited;

impl utoipa::IntoResponses for RateLimited {
    fn responses() -> std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    > {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, ResponseBuilder};
        let retry_after = HeaderBuilder::new()
            .schema(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .minimum(Some(0)),
            )
            .description(Some("Seconds until a request is accepted again"))
            .build();
        let response = ResponseBuilder::new()
            .description("Too many requests from this address (`rate_limited`)")
            .header("Retry-After", retry_after)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build();
        [("429".to_owned(), response.into())].into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(s: &str) -> ClientIp {
        ClientIp(s.parse().expect("ip"))
    }

    #[test]
    fn the_limit_is_per_client() {
        let limiter = RateLimiter::new(2);
        let (a, b) = (client("10.0.0.1"), client("10.0.0.2"));
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        let wait = limiter.check(a).expect_err("third in a minute");
        assert!((1..=30).contains(&wait), "{wait}");
        assert!(limiter.check(b).is_ok());
        assert!(RateLimiter::new(0).check(a).is_ok());
    }

    #[test]
    fn addresses_in_one_ipv6_64_share_a_bucket() {
        let limiter = RateLimiter::new(1);
        assert!(limiter.check(client("2001:db8:5:6::1")).is_ok());
        assert!(limiter.check(client("2001:db8:5:6:ffff::9")).is_err());
        assert!(limiter.check(client("2001:db8:5:7::1")).is_ok());
    }

    #[test]
    fn a_flood_of_distinct_addresses_keeps_the_keys_bounded() {
        let limiter = RateLimiter::new(1);
        let regular = client("192.0.2.1");
        assert!(limiter.check(regular).is_ok());
        for n in 0..100_000_u32 {
            let flood = ClientIp(IpAddr::V4((0x0a00_0000 + n).into()));
            assert!(limiter.check(flood).is_ok());
            if n % 1_000 == 0 {
                // A client that keeps coming stays counted through the flood.
                assert!(limiter.check(regular).is_err(), "after {n}");
            }
        }
        assert!(limiter.len() <= MAX_KEYS, "{} keys", limiter.len());
    }
}
