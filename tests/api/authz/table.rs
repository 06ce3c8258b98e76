//! The table: one row per endpoint, one cell per kind of caller.

use reqwest::Method;

pub(super) const MATRIX: &str = include_str!("matrix.txt");

/// The callers, in the table's column order.
pub(super) const CALLERS: [&str; 7] = ["anon", "other", "owner", "csm", "csm2", "mkt", "admin"];

/// Routes outside the OpenAPI document (it does not describe itself).
pub(super) const NOT_IN_OPENAPI: &[(&str, &str)] = &[
    ("GET", "/api/openapi.json"),
    ("GET", "/api/docs"),
    ("GET", "/api/docs/"),
    // The HTML pages.
    ("GET", "/"),
    ("GET", "/webinars/{id}"),
    ("POST", "/webinars/{id}"),
    ("GET", "/manage/registration/{id}"),
    ("POST", "/manage/registration/{id}/cancel"),
    ("POST", "/manage/registration/{id}/claim"),
    ("GET", "/office-hours"),
    ("POST", "/office-hours"),
    ("GET", "/manage/queue/{id}"),
    ("POST", "/manage/queue/{id}/cancel"),
    ("POST", "/manage/queue/{id}/reschedule"),
    ("GET", "/manage/queue/{id}/confirm"),
    ("POST", "/manage/queue/{id}/confirm"),
    ("GET", "/manage/registration/{id}/rate"),
    ("POST", "/manage/registration/{id}/rate"),
    ("GET", "/static/{file}"),
];

/// The staff pages (HTML, not in the OpenAPI document): staff callers
/// send their token as the `staff_session` cookie, and forms with the
/// session's CSRF token.
pub(super) fn is_staff_page(path: &str) -> bool {
    ["/login", "/logout", "/staff", "/marketing", "/admin"]
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

pub(super) fn is_page(path: &str) -> bool {
    is_staff_page(path) || NOT_IN_OPENAPI.iter().any(|(_, p)| *p == path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expect {
    Allowed,
    Refused(u16),
    /// 303 to the sign-in form (a staff page without a session).
    SignIn,
}

pub(super) struct Row {
    pub(super) line: usize,
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) expect: [Expect; 7],
}

pub(super) fn table() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, raw) in MATRIX.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            cells.len(),
            2 + CALLERS.len(),
            "tests/api/authz/matrix.txt line {}: method, path and {} cells",
            i + 1,
            CALLERS.len()
        );
        let expect = cells[2..]
            .iter()
            .map(|c| match *c {
                "ok" => Expect::Allowed,
                "401" => Expect::Refused(401),
                "403" => Expect::Refused(403),
                "303" => Expect::SignIn,
                other => panic!(
                    "tests/api/authz/matrix.txt line {}: unknown cell {other:?}",
                    i + 1
                ),
            })
            .collect::<Vec<_>>()
            .try_into()
            .expect("seven cells");
        rows.push(Row {
            line: i + 1,
            method: cells[0].parse().expect("an HTTP method"),
            path: cells[1].to_owned(),
            expect,
        });
    }
    rows
}
