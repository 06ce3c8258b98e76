//! The frame of every staff page (`templates/pages/staff/layout.html`):
//! the navigation of the user's role, who is signed in, and the sign-out
//! button. A new staff page adds its link to [`items`].

use super::session::StaffPage;
use crate::domain::user::Role;
use crate::pages::assets;

/// Each role's links: (path, message key), in menu order.
fn items(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Csm => &[
            ("/staff", "staff-nav-dashboard"),
            ("/staff/webinars/new", "staff-nav-new-webinar"),
            ("/staff/availability", "csm-nav-availability"),
            ("/staff/queue", "csm-nav-queue"),
            ("/staff/appointments", "csm-nav-appointments"),
        ],
        Role::Marketing => &[
            ("/marketing", "marketing-nav-reports"),
            ("/marketing/attendees", "marketing-nav-attendees"),
        ],
        Role::Admin => &[
            ("/admin", "staff-nav-admin"),
            ("/admin/users", "admin-nav-users"),
            ("/admin/accounts", "admin-nav-accounts"),
            ("/admin/outbox", "admin-nav-outbox"),
            ("/staff", "staff-nav-dashboard"),
            ("/staff/webinars/new", "staff-nav-new-webinar"),
            ("/staff/availability", "csm-nav-availability"),
            ("/staff/queue", "csm-nav-queue"),
            ("/staff/appointments", "csm-nav-appointments"),
            ("/marketing", "marketing-nav-reports"),
            ("/marketing/attendees", "marketing-nav-attendees"),
        ],
    }
}

/// Where each role lands after signing in.
pub fn landing(role: Role) -> &'static str {
    match role {
        Role::Csm => "/staff",
        Role::Marketing => "/marketing",
        Role::Admin => "/admin",
    }
}

pub struct NavLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// The staff part of a page's frame; templates name it `s`.
pub struct StaffChrome {
    pub nav: Vec<NavLink>,
    /// The sign-out form's (and every other form's) CSRF token.
    pub csrf: String,
    /// "Signed in as Jonas Weber".
    pub signed_in_as: String,
    pub css: &'static str,
    /// Where the site name leads: the role's landing page.
    pub home: &'static str,
}

pub(super) fn chrome(page: &StaffPage, current: &str) -> StaffChrome {
    let nav = items(page.role())
        .iter()
        .map(|&(href, key)| NavLink {
            href,
            label: page.ctx.t(key),
            current: href == current,
        })
        .collect();
    StaffChrome {
        nav,
        csrf: page.csrf.clone(),
        signed_in_as: page
            .ctx
            .text("staff-signed-in-as", &[("name", page.name.clone().into())]),
        css: assets::staff_css_url(),
        home: landing(page.role()),
    }
}
