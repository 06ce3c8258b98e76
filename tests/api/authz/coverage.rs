//! Every route has a row, and every row a route.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use reqwest::{Method, StatusCode};

use crate::helpers::TestApp;

use super::requests::call;
use super::table::{NOT_IN_OPENAPI, Row, is_page, is_staff_page};

/// Every route has a row: the table against the OpenAPI document, against
/// the paths registered in the source, and (for each path in the table)
/// against the methods the service answers.
pub(super) async fn assert_table_covers_every_route(app: &TestApp, rows: &[Row]) {
    let in_table: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.path.clone()))
        .collect();
    assert_eq!(in_table.len(), rows.len(), "a row appears twice");

    let doc = app.get("/api/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    let mut documented = BTreeSet::new();
    for (path, ops) in doc.json["paths"].as_object().expect("paths") {
        for method in ops.as_object().expect("operations").keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(documented.len() > 40, "the document lists the API");
    let extra: BTreeSet<(String, String)> = NOT_IN_OPENAPI
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = documented.difference(&in_table).collect();
    assert!(
        missing.is_empty(),
        "documented endpoints without a row in tests/api/authz/matrix.txt: {missing:?}"
    );
    let unknown: Vec<_> = in_table
        .iter()
        .filter(|r| !documented.contains(*r) && !extra.contains(*r) && !is_staff_page(&r.1))
        .collect();
    assert!(
        unknown.is_empty(),
        "rows for endpoints the service does not document: {unknown:?}"
    );

    let paths: BTreeSet<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let registered = registered_paths(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(registered.contains("/api/v1/queue/{id}/cancel"));
    let unlisted: Vec<_> = registered
        .iter()
        .filter(|p| !paths.contains(p.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "routes registered in src/ without a row in tests/api/authz/matrix.txt: {unlisted:?}"
    );

    // A method the table does not list must be one the service refuses.
    let mut listed: HashMap<&str, Vec<&Method>> = HashMap::new();
    for r in rows {
        listed.entry(r.path.as_str()).or_default().push(&r.method);
    }
    for (path, methods) in listed {
        if is_page(path) {
            continue;
        }
        let concrete = path
            .replace("{id}", "00000000-0000-0000-0000-000000000000")
            .replace("{email}", "nobody@example.com");
        for m in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            if methods.contains(&&m) {
                continue;
            }
            let reply = call(app, &m, &concrete, None, None, None).await;
            assert_eq!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{m} {path} is answered but has no row in tests/api/authz/matrix.txt"
            );
        }
    }
}

/// Every path the source registers: route attributes, resources, redirects.
pub(super) fn registered_paths(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(registered_paths(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source is readable");
            // A handler's route attribute, `#[get("/path", ...)]` (perhaps
            // broken over lines), or a resource or redirect registered by hand.
            for marker in [
                "#[get(",
                "#[post(",
                "#[put(",
                "#[patch(",
                "#[delete(",
                "resource(",
                "redirect(",
            ] {
                for (at, _) in text.match_indices(marker) {
                    let rest = text[at + marker.len()..].trim_start();
                    if let Some(rest) = rest.strip_prefix('"')
                        && let Some(end) = rest.find('"')
                    {
                        found.insert(rest[..end].to_owned());
                    }
                }
            }
        }
    }
    found
}
