//! The marketing pages: `/marketing` (registrations and attendance rate
//! per topic and week, as SVG charts with their tables), `/marketing/attendees`
//! (the API's attendee list with its filters, a page at a time) and
//! `/marketing/attendees.csv` (the API's streamed export as a download).
//! Marketing and admins; the figures, list and export are the API's
//! ([`webinar_figures`], [`attendee_page`], [`csv_export`]).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::chart::{self, Chart, Series};
use super::marketing_topics::{self, TopicSection};
use super::nav::StaffChrome;
use super::session::StaffPage;
use crate::db::attendees::webinar_figures;
use crate::db::{Db, clock, utc};
use crate::domain::stats::{Tally, TopicSeries, per_topic_per_week, week_start, weeks};
use crate::domain::user::Role;
use crate::error::AppError;
use crate::i18n::dates::{day_month, long_datetime, medium_date};
use crate::i18n::numbers::{integer, one_decimal, percent};
use crate::pages::context::{Ctx, Layout};
use crate::pages::error::{OrPage, PageError};
use crate::pages::format::kind_label;
use crate::routes::marketing::{
    AttendeeOut, AttendeeQuery, attendee_page, csv_export, topic_interest,
};

const ROLES: [Role; 2] = [Role::Marketing, Role::Admin];
/// The charts' default period: this many weeks up to today.
const DEFAULT_WEEKS: i64 = 12;
/// The longest period the charts show.
const MAX_WEEKS: usize = 104;
/// Attendees per page.
const PER_PAGE: u32 = 50;

type Errors = Vec<(&'static str, String)>;

fn error_of(errors: &Errors, field: &str) -> Option<String> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, e)| e.clone())
}

/// A date typed in a form (`2027-03-09`); empty is `None`.
fn date_field(ctx: &Ctx, errors: &mut Errors, field: &'static str, raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push((field, ctx.t("marketing-error-date")));
            None
        }
    }
}

/// The first instant of `day` in `zone`.
fn day_start(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

fn date_text(ctx: &Ctx, day: NaiveDate) -> String {
    medium_date(ctx.lang, day).unwrap_or_else(|e| {
        tracing::error!(error = %e, "date not written");
        day.to_string()
    })
}

// ---------------------------------------------------------------- charts

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RangeForm {
    pub from: String,
    pub to: String,
}

#[derive(Template)]
#[template(path = "pages/staff/marketing.html")]
struct ChartsPage {
    l: Layout,
    chrome: StaffChrome,
    zone_note: String,
    form: RangeForm,
    errors: Errors,
    charts: Vec<Chart>,
    legend: Vec<(String, &'static str, &'static str)>,
    rate_note: bool,
    topics: Option<TopicSection>,
    /// Rated webinars of the period, in start order.
    ratings: Vec<RatingLine>,
}

/// How the attendees of one webinar rated it in the follow-up mail.
pub struct RatingLine {
    pub title: String,
    pub topic: String,
    pub date: String,
    pub iso: String,
    pub count: String,
    pub average: String,
}

impl ChartsPage {
    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }

    /// The two date fields: (name, label, value).
    fn dates(&self) -> [(&'static str, String, String); 2] {
        [
            (
                "from",
                self.l.t("marketing-field-from"),
                self.form.from.clone(),
            ),
            ("to", self.l.t("marketing-field-to"), self.form.to.clone()),
        ]
    }
}

pub async fn charts(
    db: web::Data<Db>,
    page: StaffPage,
    query: web::Query<RangeForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let ctx = &page.ctx;
    let zone = page.zone_or_utc();
    let today = clock().with_timezone(&zone).date_naive();
    let mut form = query.into_inner();
    let mut errors = Errors::new();
    let from = date_field(ctx, &mut errors, "from", &form.from)
        .unwrap_or_else(|| week_start(today) - Duration::weeks(DEFAULT_WEEKS - 1));
    let to = date_field(ctx, &mut errors, "to", &form.to).unwrap_or(today);
    if errors.is_empty() && to < from {
        errors.push(("to", ctx.t("marketing-error-order")));
    }
    let week_list = weeks(from, to);
    if errors.is_empty() && week_list.len() > MAX_WEEKS {
        errors.push(("from", ctx.t("marketing-error-too-long")));
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    if form.from.trim().is_empty() {
        form.from = from.to_string();
    }
    if form.to.trim().is_empty() {
        form.to = to.to_string();
    }
    let mut charts = Vec::new();
    let mut legend = Vec::new();
    let mut rate_note = false;
    let mut topics = None;
    let mut ratings = Vec::new();
    if errors.is_empty() {
        let (start, end) = (
            day_start(from, zone),
            day_start(to + Duration::days(1), zone),
        );
        let interest = topic_interest(&db, &page.staff, start, end)
            .await
            .page(ctx)?;
        topics =
            marketing_topics::section(ctx, &interest, marketing_topics::range_text(ctx, from, to));
        let rows = db
            .run(move |conn| webinar_figures(conn, start, end))
            .await
            .page(ctx)?;
        let series = per_topic_per_week(
            &week_list,
            rows.iter().map(|(w, f)| {
                (
                    w.topic.clone(),
                    utc(w.starts_at).with_timezone(&zone).date_naive(),
                    Tally {
                        registered: f.registered,
                        confirmed: f.confirmed,
                        attended: f.attended,
                    },
                )
            }),
        );
        ratings = rows
            .iter()
            .filter_map(|(w, f)| {
                let average = f.rating_avg()?;
                let starts = utc(w.starts_at);
                Some(RatingLine {
                    title: w.title.clone(),
                    topic: w
                        .topic
                        .clone()
                        .unwrap_or_else(|| ctx.t("marketing-no-topic")),
                    date: date_text(ctx, starts.with_timezone(&zone).date_naive()),
                    iso: crate::domain::time::format(starts),
                    count: integer(ctx.lang, f.ratings),
                    average: one_decimal(ctx.lang, average),
                })
            })
            .collect();
        if !series.is_empty() {
            let built = build_charts(ctx, &week_list, &series, from, to);
            legend = built[0]
                .lines
                .iter()
                .map(|l| (l.name.clone(), l.colour, l.dash))
                .collect();
            rate_note = series
                .iter()
                .any(|s| s.weekly.iter().any(|t| t.confirmed == 0));
            charts = built;
        }
    }
    let view = ChartsPage {
        l: ctx.layout(),
        chrome: page.chrome("/marketing"),
        zone_note: ctx.text("staff-zone-note", &[("zone", zone.name().into())]),
        form,
        errors,
        charts,
        legend,
        rate_note,
        topics,
        ratings,
    };
    Ok(ctx.render(status, &view))
}

fn topic_name(ctx: &Ctx, s: &TopicSeries) -> String {
    s.topic
        .clone()
        .unwrap_or_else(|| ctx.t("marketing-no-topic"))
}

fn build_charts(
    ctx: &Ctx,
    week_list: &[NaiveDate],
    series: &[TopicSeries],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Chart> {
    let lang = ctx.lang;
    let ticks: Vec<String> = week_list
        .iter()
        .map(|w| day_month(lang, *w).unwrap_or_else(|_| w.to_string()))
        .collect();
    let row_heads: Vec<String> = week_list.iter().map(|w| date_text(ctx, *w)).collect();
    let columns: Vec<String> = series.iter().map(|s| topic_name(ctx, s)).collect();
    let range = [
        ("from", date_text(ctx, from).into()),
        ("to", date_text(ctx, to).into()),
    ];
    let (left, right, _, bottom) = chart::frame();

    // Registrations.
    let max = series
        .iter()
        .flat_map(|s| s.weekly.iter().map(|t| t.registered))
        .max()
        .unwrap_or(0);
    let y_top = chart::nice_max(max as f64);
    let y_labels = (0..=4)
        .map(|i| {
            let v = y_top * f64::from(i) / 4.0;
            (v, integer(lang, v.round() as i64))
        })
        .filter(|(v, _)| y_top >= 4.0 || v.fract() == 0.0)
        .collect();
    let lines_in = |value: &dyn Fn(&Tally) -> Option<f64>| -> Vec<Series> {
        series
            .iter()
            .map(|s| Series {
                name: topic_name(ctx, s),
                values: s.weekly.iter().map(value).collect(),
            })
            .collect()
    };
    let (x_ticks, y_ticks, lines) = chart::lines(
        &ticks,
        &lines_in(&|t| Some(t.registered as f64)),
        y_top,
        y_labels,
    );
    let mut rows: Vec<(String, Vec<String>)> = row_heads
        .iter()
        .enumerate()
        .map(|(i, head)| {
            (
                head.clone(),
                series
                    .iter()
                    .map(|s| integer(lang, s.weekly[i].registered))
                    .collect(),
            )
        })
        .collect();
    rows.push((
        ctx.t("marketing-total"),
        series
            .iter()
            .map(|s| integer(lang, s.total().registered))
            .collect(),
    ));
    let registrations = Chart {
        id: "chart-registrations",
        title: ctx.t("marketing-chart-registrations"),
        desc: ctx.text("marketing-chart-registrations-desc", &range),
        y_ticks,
        x_ticks,
        lines,
        axis_left: left,
        axis_right: right,
        axis_bottom: bottom,
        caption: ctx.t("marketing-table-registrations"),
        columns: columns.clone(),
        rows,
    };

    // Attendance rate.
    let y_labels = (0..=4)
        .map(|i| {
            let v = f64::from(i) / 4.0;
            (v, percent(lang, v))
        })
        .collect();
    let (x_ticks, y_ticks, lines) =
        chart::lines(&ticks, &lines_in(&|t| t.attendance_rate()), 1.0, y_labels);
    let rate_cell = |t: Tally| match t.attendance_rate() {
        Some(r) => ctx.text(
            "marketing-rate-of",
            &[
                ("rate", percent(lang, r).into()),
                ("attended", integer(lang, t.attended).into()),
                ("confirmed", integer(lang, t.confirmed).into()),
            ],
        ),
        None => "–".to_owned(),
    };
    let mut rows: Vec<(String, Vec<String>)> = row_heads
        .iter()
        .enumerate()
        .map(|(i, head)| {
            (
                head.clone(),
                series.iter().map(|s| rate_cell(s.weekly[i])).collect(),
            )
        })
        .collect();
    rows.push((
        ctx.t("marketing-total"),
        series.iter().map(|s| rate_cell(s.total())).collect(),
    ));
    let attendance = Chart {
        id: "chart-attendance",
        title: ctx.t("marketing-chart-attendance"),
        desc: ctx.text("marketing-chart-attendance-desc", &range),
        y_ticks,
        x_ticks,
        lines,
        axis_left: left,
        axis_right: right,
        axis_bottom: bottom,
        caption: ctx.t("marketing-table-attendance"),
        columns,
        rows,
    };
    vec![registrations, attendance]
}

// ------------------------------------------------------------- attendees

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AttendeeForm {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub topic: String,
    pub status: String,
    pub attended: String,
    pub consent: String,
    pub cursor: String,
}

impl AttendeeForm {
    /// The filters as a query string (without the cursor).
    fn query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("from", &self.from),
            ("to", &self.to),
            ("kind", &self.kind),
            ("topic", &self.topic),
            ("status", &self.status),
            ("attended", &self.attended),
            ("consent", &self.consent),
        ] {
            if !v.trim().is_empty() {
                q.append_pair(k, v.trim());
            }
        }
        q.finish()
    }

    /// The API's query for these filters, or the fields' errors.
    fn api_query(&self, ctx: &Ctx, zone: Tz) -> Result<AttendeeQuery, Errors> {
        let mut errors = Errors::new();
        let from = date_field(ctx, &mut errors, "from", &self.from);
        let to = date_field(ctx, &mut errors, "to", &self.to);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            errors.push(("to", ctx.t("marketing-error-order")));
        }
        let mut choice = |field: &'static str, raw: &str, allowed: &[&str]| {
            let raw = raw.trim();
            if raw.is_empty() {
                None
            } else if allowed.contains(&raw) {
                Some(raw.to_owned())
            } else {
                errors.push((field, ctx.t("marketing-error-choice")));
                None
            }
        };
        let kind = choice("kind", &self.kind, &["regular", "expert"]);
        let status = choice(
            "status",
            &self.status,
            &["confirmed", "waitlisted", "cancelled"],
        );
        let attended = choice("attended", &self.attended, &["yes", "no"]).map(|a| a == "yes");
        let consent = choice("consent", &self.consent, &["only", "all"]);
        let topic = self.topic.trim();
        if topic.chars().count() > crate::domain::webinar::TOPIC_MAX {
            errors.push(("topic", ctx.t("marketing-error-topic")));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let instant = |d: Option<NaiveDate>, days: i64| {
            d.map(|d| crate::domain::time::format(day_start(d + Duration::days(days), zone)))
        };
        Ok(AttendeeQuery {
            from: instant(from, 0),
            to: instant(to, 1),
            kind,
            topic: (!topic.is_empty()).then(|| topic.to_owned()),
            status,
            attended,
            consent,
            bom: None,
            cursor: (!self.cursor.is_empty()).then(|| self.cursor.clone()),
            limit: Some(PER_PAGE),
        })
    }
}

pub struct AttendeeLine {
    pub name: String,
    pub email: String,
    pub company: String,
    pub webinar: String,
    pub kind: String,
    pub when: String,
    pub starts_iso: String,
    pub status: String,
    pub attended: String,
    pub consent: String,
}

#[derive(Template)]
#[template(path = "pages/staff/marketing_attendees.html")]
struct AttendeesPage {
    l: Layout,
    chrome: StaffChrome,
    zone_note: String,
    form: AttendeeForm,
    errors: Errors,
    attendees: Vec<AttendeeLine>,
    csv: String,
    next: Option<String>,
}

impl AttendeesPage {
    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }

    /// The two date fields: (name, label, value).
    fn dates(&self) -> [(&'static str, String, String); 2] {
        [
            (
                "from",
                self.l.t("marketing-field-from"),
                self.form.from.clone(),
            ),
            ("to", self.l.t("marketing-field-to"), self.form.to.clone()),
        ]
    }
}

fn line(ctx: &Ctx, a: &AttendeeOut, zone: Tz) -> AttendeeLine {
    let status = match a.status.as_str() {
        "confirmed" => ctx.t("marketing-status-confirmed"),
        "waitlisted" => ctx.t("marketing-status-waitlisted"),
        _ => ctx.t("marketing-status-cancelled"),
    };
    let attended = ctx.t(match a.attended {
        Some(true) => "staff-attendance-attended",
        Some(false) => "staff-attendance-no-show",
        None => "staff-attendance-unmarked",
    });
    AttendeeLine {
        name: a.name.clone(),
        email: a.email.clone(),
        company: a.company.clone().unwrap_or_default(),
        webinar: a.webinar_title.clone(),
        kind: kind_label(ctx, a.kind == "expert"),
        when: long_datetime(ctx.lang, a.starts_at, zone)
            .unwrap_or_else(|_| crate::domain::time::format(a.starts_at)),
        starts_iso: crate::domain::time::format(a.starts_at),
        status,
        attended,
        consent: ctx.t(if a.marketing_consent {
            "marketing-consent-yes"
        } else {
            "marketing-consent-no"
        }),
    }
}

fn attendees_view(page: &StaffPage, form: AttendeeForm, errors: Errors) -> AttendeesPage {
    let ctx = &page.ctx;
    let zone = page.zone_or_utc();
    let query = form.query();
    AttendeesPage {
        l: ctx.layout(),
        chrome: page.chrome("/marketing/attendees"),
        zone_note: ctx.text("staff-zone-note", &[("zone", zone.name().into())]),
        csv: if query.is_empty() {
            "/marketing/attendees.csv".to_owned()
        } else {
            format!("/marketing/attendees.csv?{query}")
        },
        form,
        errors,
        attendees: Vec::new(),
        next: None,
    }
}

fn field_errors(page: &StaffPage, e: AppError) -> Result<Errors, PageError> {
    match e {
        AppError::Forbidden(_) => Err(page.forbidden()),
        AppError::Validation(_) => Ok(vec![("form", page.ctx.t("marketing-error-filters"))]),
        other => Err(PageError::new(&page.ctx, other)),
    }
}

pub async fn attendees(
    db: web::Data<Db>,
    page: StaffPage,
    query: web::Query<AttendeeForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let form = query.into_inner();
    let zone = page.zone_or_utc();
    let api = match form.api_query(&page.ctx, zone) {
        Ok(api) => api,
        Err(errors) => {
            let view = attendees_view(&page, form, errors);
            return Ok(page.ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &view));
        }
    };
    let found = match attendee_page(&db, &page.staff, &api).await {
        Ok(found) => found,
        Err(e) => {
            let errors = field_errors(&page, e)?;
            let view = attendees_view(&page, form, errors);
            return Ok(page.ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &view));
        }
    };
    let mut view = attendees_view(&page, form, Errors::new());
    view.attendees = found
        .items
        .iter()
        .map(|a| line(&page.ctx, a, zone))
        .collect();
    view.next = found.next_cursor.map(|c| {
        let q = view.form.query();
        let cursor: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("cursor", &c)
            .finish();
        if q.is_empty() {
            format!("/marketing/attendees?{cursor}")
        } else {
            format!("/marketing/attendees?{q}&{cursor}")
        }
    });
    Ok(page.ctx.render(StatusCode::OK, &view))
}

pub async fn attendees_csv(
    db: web::Data<Db>,
    page: StaffPage,
    query: web::Query<AttendeeForm>,
) -> Result<HttpResponse, PageError> {
    page.require(&ROLES)?;
    let mut form = query.into_inner();
    // The export holds every row the filters select.
    form.cursor.clear();
    let zone = page.zone_or_utc();
    let mut api = match form.api_query(&page.ctx, zone) {
        Ok(api) => api,
        Err(errors) => {
            let view = attendees_view(&page, form, errors);
            return Ok(page.ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &view));
        }
    };
    api.limit = None;
    match csv_export(db, &page.staff, &api).await {
        Ok(res) => Ok(res),
        Err(e) => {
            let errors = field_errors(&page, e)?;
            let view = attendees_view(&page, form, errors);
            Ok(page.ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &view))
        }
    }
}
