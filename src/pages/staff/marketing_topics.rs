//! The "what customers ask about" section of `/marketing`: the API's
//! figures per topic ([`topic_interest`]) for the page's period, as a bar
//! chart of registrations and queue requests with the full table beside it.

use chrono::NaiveDate;

use super::chart::bars::{self, BarChart};
use crate::i18n::numbers::{integer, percent};
use crate::pages::context::Ctx;
use crate::routes::marketing::TopicInterestOut;

/// The chart shows the busiest topics only; the table has them all.
const CHART_TOPICS: usize = 12;

pub struct TopicLine {
    pub topic: String,
    pub registrations: String,
    pub rate: String,
    pub queue_requests: String,
    pub questions: String,
    pub recent_questions: Vec<String>,
}

pub struct TopicSection {
    pub chart: BarChart,
    pub lines: Vec<TopicLine>,
}

/// The section for `items` over the days `from` to `to` (the page's
/// period); `None` when nothing was asked about.
pub fn section(
    ctx: &Ctx,
    items: &[TopicInterestOut],
    (from, to): (String, String),
) -> Option<TopicSection> {
    if items.is_empty() {
        return None;
    }
    let lang = ctx.lang;
    let name = |t: &TopicInterestOut| {
        t.topic
            .clone()
            .unwrap_or_else(|| ctx.t("marketing-no-topic"))
    };
    let series = [
        ctx.t("marketing-topics-col-registrations"),
        ctx.t("marketing-topics-col-queue"),
    ];
    let rows: Vec<(String, Vec<(f64, String)>)> = items
        .iter()
        .take(CHART_TOPICS)
        .map(|t| {
            (
                name(t),
                vec![
                    (t.registrations as f64, integer(lang, t.registrations)),
                    (t.queue_requests as f64, integer(lang, t.queue_requests)),
                ],
            )
        })
        .collect();
    let desc_key = if items.len() > CHART_TOPICS {
        "marketing-topics-chart-desc-top"
    } else {
        "marketing-topics-chart-desc"
    };
    let chart = bars::chart(
        "chart-topics",
        ctx.t("marketing-topics-chart"),
        ctx.text(
            desc_key,
            &[
                ("from", from.into()),
                ("to", to.into()),
                ("count", (CHART_TOPICS as i64).into()),
            ],
        ),
        &series,
        &rows,
    );
    let lines = items
        .iter()
        .map(|t| TopicLine {
            topic: name(t),
            registrations: integer(lang, t.registrations),
            rate: t
                .attendance_rate
                .map_or_else(|| "–".to_owned(), |r| percent(lang, r)),
            queue_requests: integer(lang, t.queue_requests),
            questions: integer(lang, t.questions),
            recent_questions: t.recent_questions.clone(),
        })
        .collect();
    Some(TopicSection { chart, lines })
}

/// The day range as the section's description writes it.
pub fn range_text(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> (String, String) {
    let text = |d: NaiveDate| {
        crate::i18n::dates::medium_date(ctx.lang, d).unwrap_or_else(|_| d.to_string())
    };
    (text(from), text(to))
}
