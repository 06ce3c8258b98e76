//! Line charts drawn on the server as SVG (one line per topic, a dot per
//! week with a figure), with their figures as a table for those who do not
//! see the chart. Geometry only; the markup is in
//! `templates/pages/staff/marketing.html`.

/// The drawing's coordinate system (the SVG `viewBox`); it scales to the
/// page's width.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;
/// At most this many week labels under the axis, so they do not overlap.
const X_LABELS: usize = 6;

/// Line colours (at least 4.5:1 against white) and dash patterns, so the
/// lines differ without colour too.
const COLOURS: [&str; 6] = [
    "#0b5cad", "#b4400b", "#15803d", "#7e22ce", "#b91c1c", "#0f766e",
];
const DASHES: [&str; 3] = ["", "6 4", "2 3"];

pub struct Tick {
    pub at: f64,
    pub label: String,
}

pub struct Line {
    pub name: String,
    pub colour: &'static str,
    pub dash: &'static str,
    /// `points` of each unbroken stretch of the line.
    pub segments: Vec<String>,
    pub dots: Vec<(f64, f64)>,
}

pub struct Chart {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`).
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub lines: Vec<Line>,
    pub axis_left: f64,
    pub axis_right: f64,
    pub axis_bottom: f64,
    /// The table of the same figures: column heads (topics) and one row per week.
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

/// One line's figures per week; `None` where it has no figure.
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// The smallest of 1, 2, 5 × 10ⁿ at or above `max` (at least 1).
pub fn nice_max(max: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

/// Where `weeks` points and `series` lines go, for values from 0 to
/// `top`; `y_labels` are (value, label) on the vertical axis.
pub fn lines(
    weeks: &[String],
    series: &[Series],
    top: f64,
    y_labels: Vec<(f64, String)>,
) -> (Vec<Tick>, Vec<Tick>, Vec<Line>) {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = weeks.len().max(1) as f64;
    let x = |i: usize| LEFT + (i as f64 + 0.5) * plot_w / n;
    let y = |v: f64| TOP + plot_h - (v / top.max(f64::MIN_POSITIVE)) * plot_h;
    let every = weeks.len().div_ceil(X_LABELS).max(1);
    let x_ticks = weeks
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, label)| Tick {
            at: round(x(i)),
            label: label.clone(),
        })
        .collect();
    let y_ticks = y_labels
        .into_iter()
        .map(|(v, label)| Tick {
            at: round(y(v)),
            label,
        })
        .collect();
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut segments = Vec::new();
            let mut current: Vec<String> = Vec::new();
            let mut dots = Vec::new();
            for (i, v) in s.values.iter().enumerate() {
                match v {
                    Some(v) => {
                        let (px, py) = (round(x(i)), round(y(*v)));
                        current.push(format!("{px},{py}"));
                        dots.push((px, py));
                    }
                    None if !current.is_empty() => segments.push(current.split_off(0).join(" ")),
                    None => {}
                }
            }
            if !current.is_empty() {
                segments.push(current.join(" "));
            }
            Line {
                name: s.name.clone(),
                colour: COLOURS[k % COLOURS.len()],
                dash: DASHES[(k / COLOURS.len()) % DASHES.len()],
                segments,
                dots,
            }
        })
        .collect();
    (x_ticks, y_ticks, lines)
}

/// Horizontal bar charts (one group of bars per row, its label above
/// them): the rows' figures side by side, for comparing topics.
pub mod bars {
    use super::{COLOURS, WIDTH, round};

    const SIDE: f64 = 16.0;
    /// Room right of the longest bar for its figure.
    const FIGURE: f64 = 56.0;
    const LABEL: f64 = 18.0;
    const BAR: f64 = 12.0;
    const GAP: f64 = 4.0;
    const AFTER: f64 = 14.0;

    pub struct Bar {
        pub y: f64,
        pub width: f64,
        pub colour: &'static str,
        /// Solid, or a light fill inside an outline, so that the bars of
        /// a group differ without colour too.
        pub solid: bool,
        pub figure_x: f64,
        pub figure: String,
    }

    pub struct Group {
        pub label: String,
        pub label_y: f64,
        pub bars: Vec<Bar>,
    }

    pub struct BarChart {
        /// Prefix of the element ids (`{id}-title`, `{id}-desc`).
        pub id: &'static str,
        pub title: String,
        pub desc: String,
        pub height: f64,
        pub left: f64,
        pub bar_height: f64,
        pub groups: Vec<Group>,
        /// (name, colour, solid) of each bar in a group.
        pub legend: Vec<(String, &'static str, bool)>,
    }

    /// The geometry of `rows` (label, one (value, figure text) per series)
    /// for the series named `series`.
    pub fn chart(
        id: &'static str,
        title: String,
        desc: String,
        series: &[String],
        rows: &[(String, Vec<(f64, String)>)],
    ) -> BarChart {
        let max = rows
            .iter()
            .flat_map(|(_, v)| v.iter().map(|(x, _)| *x))
            .fold(0.0_f64, f64::max);
        let top = super::nice_max(max);
        let plot = WIDTH - 2.0 * SIDE - FIGURE;
        let per_group = LABEL + series.len() as f64 * (BAR + GAP) + AFTER;
        let style = |k: usize| (COLOURS[k % COLOURS.len()], k.is_multiple_of(2));
        let groups = rows
            .iter()
            .enumerate()
            .map(|(i, (label, values))| {
                let y0 = SIDE + i as f64 * per_group;
                Group {
                    label: label.clone(),
                    label_y: round(y0 + LABEL - 5.0),
                    bars: values
                        .iter()
                        .enumerate()
                        .map(|(k, (v, figure))| {
                            let (colour, solid) = style(k);
                            let width = round(plot * v / top);
                            Bar {
                                y: round(y0 + LABEL + k as f64 * (BAR + GAP)),
                                width,
                                colour,
                                solid,
                                figure_x: round(SIDE + width + 6.0),
                                figure: figure.clone(),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        BarChart {
            id,
            title,
            desc,
            height: round(2.0 * SIDE + rows.len() as f64 * per_group),
            left: SIDE,
            bar_height: BAR,
            groups,
            legend: series
                .iter()
                .enumerate()
                .map(|(k, name)| {
                    let (colour, solid) = style(k);
                    (name.clone(), colour, solid)
                })
                .collect(),
        }
    }
}

pub fn frame() -> (f64, f64, f64, f64) {
    (LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM)
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_at_a_round_number() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(50.0), 50.0);
    }

    #[test]
    fn the_longest_bar_fits_and_the_others_scale() {
        let series = ["a".to_owned(), "b".to_owned()];
        let rows = vec![
            (
                "one".to_owned(),
                vec![(10.0, "10".into()), (5.0, "5".into())],
            ),
            ("two".to_owned(), vec![(0.0, "0".into()), (2.0, "2".into())]),
        ];
        let c = bars::chart("c", "t".into(), "d".into(), &series, &rows);
        let widths: Vec<f64> = c
            .groups
            .iter()
            .flat_map(|g| g.bars.iter().map(|b| b.width))
            .collect();
        assert!(widths[0] <= WIDTH && widths[0] > 0.0);
        assert_eq!(widths[0], 2.0 * widths[1]);
        assert_eq!(widths[2], 0.0);
        assert!(c.groups[1].label_y > c.groups[0].bars[1].y);
        assert!(c.height > c.groups[1].bars[1].y);
        assert!(c.legend[0].2 && !c.legend[1].2);
    }

    #[test]
    fn a_week_without_a_figure_breaks_the_line() {
        let weeks: Vec<String> = (1..=4).map(|i| format!("w{i}")).collect();
        let series = [Series {
            name: "reporting".into(),
            values: vec![Some(1.0), None, Some(0.5), Some(0.0)],
        }];
        let (x, _, lines) = lines(&weeks, &series, 1.0, vec![]);
        assert_eq!(x.len(), 4);
        assert_eq!(lines[0].segments.len(), 2);
        assert_eq!(lines[0].dots.len(), 3);
        // Higher values are higher up (smaller y); 0 sits on the axis.
        let (_, bottom_y) = (frame().2, frame().3);
        assert!(lines[0].dots[0].1 < lines[0].dots[1].1);
        assert_eq!(lines[0].dots[2].1, bottom_y);
    }
}
