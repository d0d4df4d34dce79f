//! Inline SVG charts rendered on the server: no chart library, no CDN.
//! Colours come from CSS classes, so they follow the light or dark theme.
use crate::i18n::Tr;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::message::Message;
use habitflow_domain::stats::{Bucket, Compared, ValueSeries};
use jiff::civil::Date;
use std::collections::HashMap;
use std::fmt::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The plot area of the bar charts inside their 640-wide view box: room on
/// the left for the value axis, above for the focused bar's read-out and
/// below for the date axis (phones draw the words larger, app.css).
const WIDTH: f64 = 640.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 36.0;
const PLOT: f64 = 160.0;
const BOTTOM: f64 = TOP + PLOT;
const HEIGHT: f64 = BOTTOM + 30.0;
/// The baseline of the read-out line above the plot.
const READOUT: f64 = 24.0;

/// Axis ticks from 0 to a round top at or above `max`: about four steps of
/// 1, 2, 2.5 or 5 times a power of ten (whole steps for counts).
fn ticks(max: f64, whole: bool) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= rough && (!whole || step.fract() == 0.0))
        .unwrap_or(10.0 * power)
        .max(if whole { 1.0 } else { f64::MIN_POSITIVE });
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// The value axis and its dashed grid lines, the date axis and its first,
/// middle and last dates.
fn axes(svg: &mut String, ticks: &[f64], tr: Tr, dates: &[(Date, Date)]) {
    let top = ticks.last().copied().unwrap_or(1.0);
    let decimals = usize::from(ticks.iter().any(|t| t.fract() != 0.0));
    for tick in ticks {
        let y = BOTTOM - tick / top * PLOT;
        let _ = write!(
            svg,
            r#"<line class="gridline" x1="{LEFT}" y1="{y:.1}" x2="{WIDTH}" y2="{y:.1}"/><text class="axis-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            tr.decimal(*tick, decimals)
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH}" y2="{BOTTOM}"/><line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}"/>"#
    );
    let slot = (WIDTH - LEFT) / dates.len().max(1) as f64;
    let mut shown: Vec<usize> = vec![0, dates.len() / 2, dates.len().saturating_sub(1)];
    shown.dedup();
    for index in shown {
        let Some((from, _)) = dates.get(index) else {
            continue;
        };
        let x = LEFT + (index as f64 + 0.5) * slot;
        let anchor = anchor_at(x);
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            BOTTOM + 22.0,
            escape(&tr.date(*from))
        );
    }
}

/// Labels near the edges grow inwards so they stay inside the picture.
fn anchor_at(x: f64) -> &'static str {
    if x < LEFT + (WIDTH - LEFT) / 4.0 {
        "start"
    } else if x > WIDTH - (WIDTH - LEFT) / 4.0 {
        "end"
    } else {
        "middle"
    }
}

/// A bucket's dates as a label: one day, or a range.
fn bucket_label(from: Date, to: Date, tr: Tr) -> String {
    if from == to {
        tr.date(from)
    } else {
        format!("{} – {}", tr.date(from), tr.date(to))
    }
}

/// One focusable column of a bar chart: its bars, a hover/focus target as
/// tall as the plot, the `<title>` tooltip and the read-out shown above the
/// plot on focus or hover (docs/decisions.md, #18).
fn point(svg: &mut String, x: f64, slot: f64, words: &str, bars: &str) {
    let words = escape(words);
    let _ = write!(
        svg,
        r#"<g class="point" tabindex="0" role="img" aria-label="{words}"><title>{words}</title><rect class="point-hit" x="{x:.1}" y="{TOP}" width="{slot:.1}" height="{PLOT}"/>{bars}<text class="point-value" x="{LEFT}" y="{READOUT}">{words}</text></g>"#
    );
}

/// Stacked bars of done and skipped check-ins per bucket, with a count axis
/// and dates below; each bucket can be focused to read its figures.
pub fn checkins_bars(buckets: &[Bucket], tr: Tr) -> String {
    let max = buckets
        .iter()
        .map(|b| b.done + b.skipped)
        .max()
        .unwrap_or(0);
    let ticks = ticks(f64::from(max), true);
    let top = ticks.last().copied().unwrap_or(1.0);
    let slot = (WIDTH - LEFT) / buckets.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="checkins-title"><title id="checkins-title">{}</title>"#,
        escape(&tr.t("chart-checkins-title"))
    );
    let dates: Vec<(Date, Date)> = buckets.iter().map(|b| (b.from, b.to)).collect();
    axes(&mut svg, &ticks, tr, &dates);
    for (index, bucket) in buckets.iter().enumerate() {
        let x = LEFT + index as f64 * slot;
        let bar_x = x + (slot - bar) / 2.0;
        let done_h = f64::from(bucket.done) / top * PLOT;
        let skipped_h = f64::from(bucket.skipped) / top * PLOT;
        let counts = tr.t2(
            "chart-checkins-bar",
            "done",
            bucket.done,
            "skipped",
            bucket.skipped,
        );
        let words = format!("{}: {counts}", bucket_label(bucket.from, bucket.to, tr));
        let bars = format!(
            r#"<rect class="bar-done" x="{bar_x:.1}" y="{:.1}" width="{bar:.1}" height="{done_h:.1}"/><rect class="bar-skipped" x="{bar_x:.1}" y="{:.1}" width="{bar:.1}" height="{skipped_h:.1}"/>"#,
            BOTTOM - done_h,
            BOTTOM - done_h - skipped_h,
        );
        point(&mut svg, x, slot, &words, &bars);
    }
    svg.push_str("</svg>");
    svg
}

/// A measurable habit's bars: the figure the target compares with (the
/// average of the logged values, or a period's sum), on a value axis, and the
/// target as a labelled line. A bar without values is left empty.
pub fn value_bars(series: &ValueSeries, index: usize, tr: Tr) -> String {
    let shown: Vec<Option<f64>> = series
        .buckets
        .iter()
        .map(|b| b.compared(series.compared).map(|amount| amount.as_f64()))
        .collect();
    let target = series.target.as_f64();
    let max = shown
        .iter()
        .flatten()
        .fold(target, |max, value| max.max(*value));
    let ticks = ticks(max, false);
    let top = ticks.last().copied().unwrap_or(1.0);
    let scale = |value: f64| value / top * PLOT;
    let slot = (WIDTH - LEFT) / series.buckets.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="values-title-{index}"><title id="values-title-{index}">{}</title>"#,
        escape(&tr.t1("chart-values-title", "name", series.name.as_str()))
    );
    let dates: Vec<(Date, Date)> = series.buckets.iter().map(|b| (b.from, b.to)).collect();
    axes(&mut svg, &ticks, tr, &dates);
    let key = match series.compared {
        Compared::Average => "chart-values-bar-average",
        Compared::Sum => "chart-values-bar-sum",
    };
    for (position, (bucket, value)) in series.buckets.iter().zip(&shown).enumerate() {
        let Some(value) = value else { continue };
        let x = LEFT + position as f64 * slot;
        let h = scale(*value);
        let amount = tr.message(
            &Message::new(key)
                .with(
                    "value",
                    bucket
                        .compared(series.compared)
                        .unwrap_or_default()
                        .to_string(),
                )
                .with("unit", series.unit.as_str())
                .with("count", bucket.logged),
        );
        let words = format!("{}: {amount}", bucket_label(bucket.from, bucket.to, tr));
        let bars = format!(
            r#"<rect class="bar-done" x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}"/>"#,
            x + (slot - bar) / 2.0,
            BOTTOM - h,
        );
        point(&mut svg, x, slot, &words, &bars);
    }
    let target_y = BOTTOM - scale(target);
    let target_words = escape(&tr.t2(
        "chart-values-target",
        "target",
        series.target.to_string(),
        "unit",
        series.unit.as_str(),
    ));
    let _ = write!(
        svg,
        r#"<g><title>{target_words}</title><line class="target-line" x1="{LEFT}" y1="{target_y:.1}" x2="{WIDTH}" y2="{target_y:.1}" stroke-dasharray="6 4"/><text class="target-label" x="{WIDTH}" y="{READOUT}" text-anchor="end">{target_words}</text></g>"#
    );
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars: each habit's completion rate in the period.
pub fn rate_bars(rates: &[(String, Option<f64>)], tr: Tr) -> String {
    let row = 26.0;
    // A narrow view box keeps the names readable on a phone (docs/decisions.md, #18).
    let (label_width, bar_width) = (150.0, 190.0);
    let height = row * rates.len().max(1) as f64;
    let mut svg = format!(
        r#"<svg class="chart rates" viewBox="0 0 {} {height}" role="img" aria-labelledby="rates-title"><title id="rates-title">{}</title>"#,
        label_width + bar_width + 50.0,
        escape(&tr.t("stats-rate-per-habit"))
    );
    for (index, (name, rate)) in rates.iter().enumerate() {
        let y = index as f64 * row;
        let value = rate.unwrap_or(0.0);
        let shown = rate.map_or_else(|| "—".to_owned(), |r| tr.percent(r, 0));
        let short: String = name.chars().take(20).collect();
        let _ = write!(
            svg,
            r#"<g><title>{}: {shown}</title><text class="axis-label" x="0" y="{:.1}">{}</text><rect class="bar-track" x="{label_width}" y="{:.1}" width="{bar_width}" height="14" rx="4"/><rect class="bar-done" x="{label_width}" y="{:.1}" width="{:.1}" height="14" rx="4"/><text class="axis-label" x="{:.1}" y="{:.1}">{shown}</text></g>"#,
            escape(name),
            y + 16.0,
            escape(&short),
            y + 5.0,
            y + 5.0,
            bar_width * value / 100.0,
            label_width + bar_width + 8.0,
            y + 16.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// What a day of the heat-map shows.
#[derive(Clone, Copy, PartialEq)]
enum DayMark {
    Done,
    Skipped,
    Missed,
    Off,
}

fn mark(
    day: Date,
    checkins: &HashMap<Date, CheckinKind>,
    scheduled: &dyn Fn(Date) -> bool,
) -> DayMark {
    match checkins.get(&day) {
        Some(CheckinKind::Done) => DayMark::Done,
        Some(CheckinKind::Skipped) => DayMark::Skipped,
        None if scheduled(day) => DayMark::Missed,
        None => DayMark::Off,
    }
}

/// The first day the heat-map ending on `last_day` shows: a year back.
fn year_start(last_day: Date) -> Date {
    last_day
        .checked_sub(jiff::Span::new().days(364))
        .unwrap_or(last_day)
}

/// A year of check-ins, one square a day, weeks as columns (Monday on top),
/// the months named above their first week and Mon/Wed/Fri on the left.
pub fn year_heatmap(
    last_day: Date,
    checkins: &HashMap<Date, CheckinKind>,
    scheduled: &dyn Fn(Date) -> bool,
    tr: Tr,
) -> String {
    let (cell, left, top) = (12.0, 24.0, 14.0);
    let first = year_start(last_day);
    let start = first
        .checked_sub(jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset())))
        .unwrap_or(first);
    let mut svg = format!(
        r#"<svg class="chart heatmap" viewBox="0 0 {} {}" role="img" aria-labelledby="heatmap-title"><title id="heatmap-title">{}</title>"#,
        left + 54.0 * cell,
        top + 7.0 * cell,
        escape(&tr.t2(
            "chart-heatmap-title",
            "from",
            tr.date(first),
            "to",
            tr.date(last_day),
        ))
    );
    for (row, code) in [(0.0, "mon"), (2.0, "wed"), (4.0, "fri")] {
        let _ = write!(
            svg,
            r#"<text class="weekday-label" x="0" y="{:.0}">{}</text>"#,
            top + row * cell + 9.0,
            escape(&tr.weekday_short(code))
        );
    }
    let words = [
        tr.t("checkin-done"),
        tr.t("checkin-skipped"),
        tr.t("checkin-missing"),
        tr.t("checkin-not-scheduled"),
    ];
    for (index, day) in std::iter::successors(Some(start), |day| day.tomorrow().ok())
        .take_while(|day| *day <= last_day)
        .enumerate()
    {
        if day < first {
            continue;
        }
        let (column, row) = (index / 7, index % 7);
        // A month is named above the week holding its first day, when that
        // leaves room for the name before the next one.
        if day.day() == 1 && column < 52 {
            let _ = write!(
                svg,
                r#"<text class="month-label" x="{:.0}" y="10">{}</text>"#,
                left + column as f64 * cell,
                escape(&tr.t(format!("month-short-{}", day.month())))
            );
        }
        let (class, word) = match mark(day, checkins, scheduled) {
            DayMark::Done => ("cell-done", &words[0]),
            DayMark::Skipped => ("cell-skipped", &words[1]),
            DayMark::Missed => ("cell-missed", &words[2]),
            DayMark::Off => ("cell-off", &words[3]),
        };
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}" rx="2"><title>{}: {}</title></rect>"#,
            left + column as f64 * cell,
            top + row as f64 * cell,
            cell - 2.0,
            cell - 2.0,
            escape(&tr.date(day)),
            escape(word)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One month of the heat-map in figures (its table alternative).
pub struct MonthTally {
    /// The month's first day.
    pub month: Date,
    pub done: u32,
    pub skipped: u32,
    pub missed: u32,
}

/// The heat-map's days counted month by month, oldest first.
pub fn year_months(
    last_day: Date,
    checkins: &HashMap<Date, CheckinKind>,
    scheduled: &dyn Fn(Date) -> bool,
) -> Vec<MonthTally> {
    let mut months: Vec<MonthTally> = Vec::new();
    for day in std::iter::successors(Some(year_start(last_day)), |day| day.tomorrow().ok())
        .take_while(|day| *day <= last_day)
    {
        let month = day.first_of_month();
        if months.last().is_none_or(|tally| tally.month != month) {
            months.push(MonthTally {
                month,
                done: 0,
                skipped: 0,
                missed: 0,
            });
        }
        if let Some(tally) = months.last_mut() {
            match mark(day, checkins, scheduled) {
                DayMark::Done => tally.done += 1,
                DayMark::Skipped => tally.skipped += 1,
                DayMark::Missed => tally.missed += 1,
                DayMark::Off => {}
            }
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;
    use jiff::civil::date;

    #[test]
    fn charts_escape_names_and_describe_themselves() {
        let tr = Tr(Language::En);
        let svg = rate_bars(&[("<script>".into(), Some(50.0))], tr);
        assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains("<title"));
        let bars = checkins_bars(
            &[Bucket {
                from: date(2026, 3, 1),
                to: date(2026, 3, 1),
                done: 2,
                skipped: 1,
            }],
            tr,
        );
        assert!(bars.contains("2 done, 1 skipped"));
        let mut kinds = HashMap::new();
        kinds.insert(date(2026, 3, 1), CheckinKind::Done);
        let heatmap = year_heatmap(date(2026, 3, 10), &kinds, &|_| true, tr);
        assert_eq!(heatmap.matches("<rect").count(), 365);
        assert!(heatmap.contains("1 Mar 2026: done"));
        let russian = year_heatmap(date(2026, 3, 10), &kinds, &|_| true, Tr(Language::Ru));
        assert!(russian.contains("1 мар. 2026 г.: выполнено"), "{russian}");
    }

    #[test]
    fn value_bars_draw_the_compared_figure_and_the_target() {
        use habitflow_domain::measure::Amount;
        use habitflow_domain::stats::ValueBucket;
        let amount = |thousandths| Amount::from_thousandths(thousandths).unwrap();
        let bucket = |day: i8, sum: i64, logged: u32, average: Option<i64>| ValueBucket {
            from: date(2026, 3, day),
            to: date(2026, 3, day),
            sum: amount(sum),
            logged,
            average: average.map(amount),
        };
        let series = ValueSeries {
            habit_id: uuid::Uuid::nil(),
            name: "<Water>".into(),
            unit: "glasses".into(),
            target: amount(8_000),
            target_type: "at_least",
            compared: Compared::Average,
            buckets: vec![
                bucket(1, 16_000, 2, Some(8_000)),
                bucket(2, 0, 0, None),
                bucket(3, 4_500, 1, Some(4_500)),
            ],
        };
        let svg = value_bars(&series, 3, Tr(Language::En));
        assert!(svg.contains("Values of &lt;Water&gt;") && !svg.contains("<Water>"));
        assert!(svg.contains(r#"id="values-title-3""#));
        assert_eq!(
            svg.matches(r#"class="bar-done""#).count(),
            2,
            "no bar without values"
        );
        assert!(svg.contains("1 Mar 2026: average 8 glasses over 2 logged"));
        assert!(svg.contains("3 Mar 2026: average 4.5 glasses over 1 logged"));
        assert!(svg.contains("Target: 8 glasses"));
        // The target is the highest figure here: its line is at the top of
        // the value axis (8 on ticks of 2), and it is labelled.
        assert!(
            svg.contains(r#"y1="36.0" x2="640" y2="36.0" stroke-dasharray="6 4""#),
            "{svg}"
        );
        assert!(svg.contains(r#"class="target-label""#));
        assert!(svg.contains(r#"text-anchor="end">8</text>"#), "{svg}");
        let sums = ValueSeries {
            compared: Compared::Sum,
            ..series
        };
        let svg = value_bars(&sums, 0, Tr(Language::Ru));
        assert!(svg.contains("всего 16 glasses, записей: 2"), "{svg}");
        assert_eq!(
            svg.matches(r#"class="bar-done""#).count(),
            3,
            "a sum of 0 is a bar"
        );
    }
    #[test]
    fn axes_have_round_ticks() {
        assert_eq!(ticks(0.0, true), [0.0, 1.0]);
        assert_eq!(ticks(3.0, true), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks(7.0, true), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(38.0, true), [0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(ticks(8.0, false), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.9, false), [0.0, 0.25, 0.5, 0.75, 1.0]);
    }

    #[test]
    fn each_bar_is_focusable_and_shows_what_it_says() {
        let tr = Tr(Language::En);
        let bucket = |day: i8, done: u32| Bucket {
            from: date(2026, 3, day),
            to: date(2026, 3, day),
            done,
            skipped: 0,
        };
        let svg = checkins_bars(&[bucket(1, 3), bucket(2, 0), bucket(3, 1)], tr);
        assert_eq!(svg.matches(r#"class="point" tabindex="0""#).count(), 3);
        assert!(
            svg.contains(r#"role="group""#),
            "focusable parts: not one image"
        );
        assert!(svg.contains(
            r#"aria-label="2 Mar 2026: 0 done, 0 skipped"><title>2 Mar 2026: 0 done, 0 skipped</title>"#
        ));
        assert!(
            svg.contains(r#"class="point-value""#)
                && svg.contains(">1 Mar 2026: 3 done, 0 skipped</text>")
        );
        // A count axis 0–3 and the first, middle and last dates below.
        for tick in ["0", "1", "2", "3"] {
            assert!(
                svg.contains(&format!(r#"text-anchor="end">{tick}</text>"#)),
                "{tick}"
            );
        }
        for day in ["1 Mar 2026", "2 Mar 2026", "3 Mar 2026"] {
            assert!(svg.contains(&format!(">{day}</text>")), "{day}");
        }
    }

    #[test]
    fn the_heatmap_names_its_months_and_counts_them_for_its_table() {
        let tr = Tr(Language::En);
        let mut kinds = HashMap::new();
        kinds.insert(date(2026, 3, 1), CheckinKind::Done);
        kinds.insert(date(2026, 3, 2), CheckinKind::Skipped);
        let every_other = |day: Date| day.day() % 2 == 1;
        let heatmap = year_heatmap(date(2026, 3, 10), &kinds, &every_other, tr);
        for month in ["Apr", "Jan", "Mar"] {
            assert!(
                heatmap.contains(&format!(r#"y="10">{month}</text>"#)),
                "{month}"
            );
        }
        assert!(heatmap.contains(">Mon</text>") && heatmap.contains(">Fri</text>"));
        let months = year_months(date(2026, 3, 10), &kinds, &every_other);
        assert_eq!(months.len(), 13, "11 Mar 2025 to 10 Mar 2026");
        assert_eq!(months[0].month, date(2025, 3, 1));
        let march = months.last().unwrap();
        assert_eq!(march.month, date(2026, 3, 1));
        // Odd days are due: 1 done, 3, 5, 7, 9 missed; the 2nd is skipped.
        assert_eq!((march.done, march.skipped, march.missed), (1, 1, 4));
        let days: u32 = months.iter().map(|m| m.done + m.skipped + m.missed).sum();
        let due = std::iter::successors(Some(date(2025, 3, 11)), |d| d.tomorrow().ok())
            .take_while(|d| *d <= date(2026, 3, 10))
            .filter(|d| every_other(*d) || kinds.contains_key(d))
            .count();
        assert_eq!(days as usize, due);
    }
}
