//! Who may call what: the table in `matrix.txt` checked over HTTP for
//! every endpoint and every kind of caller, a check that no route is missing
//! from the table, and the ownership rules the table cannot show alone.
//!
//! `table` reads the table, `world` makes the staff and bookings the rows
//! act on, `requests` fills a row into a request, `coverage` checks that
//! every route has a row, `ownership` holds the rules about whose booking.

mod coverage;
mod ownership;
mod requests;
mod table;
mod world;

use reqwest::StatusCode;

use crate::both_backends;
use crate::helpers::{Backend, Reply};

use coverage::assert_table_covers_every_route;
use requests::{body_for, call, fill};
use table::{CALLERS, Expect, table};
use world::{spawn, targets, world};

both_backends!(every_endpoint_answers_each_caller_as_the_table_says);

async fn every_endpoint_answers_each_caller_as_the_table_says(backend: Backend) {
    let app = spawn(backend).await;
    let rows = table();
    assert_table_covers_every_route(&app, &rows).await;

    let w = world(&app).await;
    let mut wrong = Vec::new();
    for row in &rows {
        let (webinar, queued) = targets(&app, &w, &row.path).await;
        let (path, owner, other) = fill(&w, &row.path, webinar.as_ref(), queued.as_ref());
        let body = body_for(&w, &row.method, &row.path);
        // Refusals first, the owner last: a caller who is let in may change
        // what the others find (a request its owner cancelled has no host).
        let mut order: Vec<usize> = (0..CALLERS.len()).collect();
        order.sort_by_key(|&i| (row.expect[i] == Expect::Allowed, CALLERS[i] == "owner"));
        for i in order {
            let signs_out = row.path == "/api/v1/auth/logout" || row.path == "/logout";
            let (query, bearer) = match CALLERS[i] {
                "anon" => (None, None),
                "other" => (Some(other.clone()), None),
                "owner" => (Some(owner.clone()), None),
                who => {
                    let s = match who {
                        "csm" => &w.csm,
                        "csm2" => &w.csm2,
                        "mkt" => &w.mkt,
                        _ => &w.admin,
                    };
                    // Signing out ends the token: use one of its own.
                    let token = if signs_out {
                        app.login_token_of(&s.id).await
                    } else {
                        s.token.clone()
                    };
                    (None, Some(token))
                }
            };
            let reply = call(
                &app,
                &row.method,
                &path,
                query.as_deref(),
                bearer.as_deref(),
                body.as_ref(),
            )
            .await;
            let status = reply.status.as_u16();
            let fits = match row.expect[i] {
                Expect::Allowed => {
                    status != 401 && status != 403 && status < 500 && !sent_to_sign_in(&reply)
                }
                Expect::Refused(s) => status == s,
                Expect::SignIn => sent_to_sign_in(&reply),
            };
            if !fits {
                wrong.push(format!(
                    "line {}: {} {} as {}: expected {:?}, got {status} {}",
                    row.line, row.method, row.path, CALLERS[i], row.expect[i], reply.text
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// A 303 to the sign-in form.
fn sent_to_sign_in(reply: &Reply) -> bool {
    reply.status == StatusCode::SEE_OTHER
        && reply
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| l == "/login" || l.starts_with("/login?next="))
}
