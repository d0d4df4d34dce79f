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

/// Stacked bars of done and skipped check-ins per bucket.
pub fn checkins_bars(buckets: &[Bucket], tr: Tr) -> String {
    let (width, height, top) = (640.0, 180.0, 10.0);
    let max = buckets
        .iter()
        .map(|b| b.done + b.skipped)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = width / buckets.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {}" role="img" aria-labelledby="checkins-title"><title id="checkins-title">{}</title>"#,
        height + 20.0,
        escape(&tr.t("chart-checkins-title"))
    );
    for (index, bucket) in buckets.iter().enumerate() {
        let x = index as f64 * slot + (slot - bar) / 2.0;
        let done_h = bucket.done as f64 / max * (height - top);
        let skipped_h = bucket.skipped as f64 / max * (height - top);
        let label = if bucket.from == bucket.to {
            tr.date(bucket.from)
        } else {
            format!("{} – {}", tr.date(bucket.from), tr.date(bucket.to))
        };
        let counts = tr.t2(
            "chart-checkins-bar",
            "done",
            bucket.done,
            "skipped",
            bucket.skipped,
        );
        let _ = write!(
            svg,
            r#"<g><title>{}: {}</title><rect class="bar-done" x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{done_h:.1}"/><rect class="bar-skipped" x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{skipped_h:.1}"/></g>"#,
            escape(&label),
            escape(&counts),
            height - done_h,
            height - done_h - skipped_h,
        );
    }
    let _ = write!(
        svg,
        r#"<line class="axis" x1="0" y1="{height}" x2="{width}" y2="{height}"/>"#
    );
    if let (Some(first), Some(last)) = (buckets.first(), buckets.last()) {
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="0" y="{}">{}</text><text class="axis-label" x="{width}" y="{}" text-anchor="end">{}</text>"#,
            height + 16.0,
            escape(&tr.date(first.from)),
            height + 16.0,
            escape(&tr.date(last.to))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A measurable habit's bars: the figure the target compares with (the
/// average of the logged values, or a period's sum), and the target as a
/// dashed line. A bar without values is left empty.
pub fn value_bars(series: &ValueSeries, index: usize, tr: Tr) -> String {
    let (width, height, top) = (640.0, 180.0, 10.0);
    let shown: Vec<Option<f64>> = series
        .buckets
        .iter()
        .map(|b| b.compared(series.compared).map(|amount| amount.as_f64()))
        .collect();
    let target = series.target.as_f64();
    let max = shown
        .iter()
        .flatten()
        .fold(target, |max, value| max.max(*value))
        .max(f64::MIN_POSITIVE);
    let scale = |value: f64| value / max * (height - top);
    let slot = width / series.buckets.len().max(1) as f64;
    let bar = (slot * 0.7).max(1.0);
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {width} {}" role="img" aria-labelledby="values-title-{index}"><title id="values-title-{index}">{}</title>"#,
        height + 20.0,
        escape(&tr.t1("chart-values-title", "name", series.name.as_str()))
    );
    let key = match series.compared {
        Compared::Average => "chart-values-bar-average",
        Compared::Sum => "chart-values-bar-sum",
    };
    for (position, (bucket, value)) in series.buckets.iter().zip(&shown).enumerate() {
        let Some(value) = value else { continue };
        let x = position as f64 * slot + (slot - bar) / 2.0;
        let h = scale(*value);
        let label = if bucket.from == bucket.to {
            tr.date(bucket.from)
        } else {
            format!("{} – {}", tr.date(bucket.from), tr.date(bucket.to))
        };
        let words = tr.message(
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
        let _ = write!(
            svg,
            r#"<g><title>{}: {}</title><rect class="bar-done" x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}"/></g>"#,
            escape(&label),
            escape(&words),
            height - h,
        );
    }
    let target_y = height - scale(target);
    let _ = write!(
        svg,
        r#"<line class="axis" x1="0" y1="{height}" x2="{width}" y2="{height}"/><g><title>{}</title><line class="axis" x1="0" y1="{target_y:.1}" x2="{width}" y2="{target_y:.1}" stroke-dasharray="6 4"/></g>"#,
        escape(&tr.t2(
            "chart-values-target",
            "target",
            series.target.to_string(),
            "unit",
            series.unit.as_str()
        ))
    );
    if let (Some(first), Some(last)) = (series.buckets.first(), series.buckets.last()) {
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="0" y="{}">{}</text><text class="axis-label" x="{width}" y="{}" text-anchor="end">{}</text>"#,
            height + 16.0,
            escape(&tr.date(first.from)),
            height + 16.0,
            escape(&tr.date(last.to))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars: each habit's completion rate in the period.
pub fn rate_bars(rates: &[(String, Option<f64>)], tr: Tr) -> String {
    let row = 26.0;
    let (label_width, bar_width) = (180.0, 400.0);
    let height = row * rates.len().max(1) as f64;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {} {height}" role="img" aria-labelledby="rates-title"><title id="rates-title">{}</title>"#,
        label_width + bar_width + 60.0,
        escape(&tr.t("stats-rate-per-habit"))
    );
    for (index, (name, rate)) in rates.iter().enumerate() {
        let y = index as f64 * row;
        let value = rate.unwrap_or(0.0);
        let shown = rate.map_or_else(|| "—".to_owned(), |r| tr.percent(r, 0));
        let short: String = name.chars().take(24).collect();
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

/// A year of check-ins, one square a day, weeks as columns (Monday on top).
pub fn year_heatmap(
    last_day: Date,
    checkins: &HashMap<Date, CheckinKind>,
    scheduled: &dyn Fn(Date) -> bool,
    tr: Tr,
) -> String {
    let cell = 12.0;
    let first = last_day
        .checked_sub(jiff::Span::new().days(364))
        .unwrap_or(last_day);
    let start = first
        .checked_sub(jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset())))
        .unwrap_or(first);
    let mut svg = format!(
        r#"<svg class="chart heatmap" viewBox="0 0 {} {}" role="img" aria-labelledby="heatmap-title"><title id="heatmap-title">{}</title>"#,
        54.0 * cell,
        7.0 * cell,
        escape(&tr.t2(
            "chart-heatmap-title",
            "from",
            tr.date(first),
            "to",
            tr.date(last_day),
        ))
    );
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
        let (class, word) = match checkins.get(&day) {
            Some(CheckinKind::Done) => ("cell-done", &words[0]),
            Some(CheckinKind::Skipped) => ("cell-skipped", &words[1]),
            None if scheduled(day) => ("cell-missed", &words[2]),
            None => ("cell-off", &words[3]),
        };
        let _ = write!(
            svg,
            r#"<rect class="{class}" x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}" rx="2"><title>{}: {}</title></rect>"#,
            column as f64 * cell,
            row as f64 * cell,
            cell - 2.0,
            cell - 2.0,
            escape(&tr.date(day)),
            escape(word)
        );
    }
    svg.push_str("</svg>");
    svg
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
        assert_eq!(svg.matches("<rect").count(), 2, "no bar without values");
        assert!(svg.contains("1 Mar 2026: average 8 glasses over 2 logged"));
        assert!(svg.contains("3 Mar 2026: average 4.5 glasses over 1 logged"));
        assert!(svg.contains("Target: 8 glasses"));
        // The target is the highest figure here: its line is at the top.
        assert!(
            svg.contains(r#"y1="10.0" x2="640" y2="10.0" stroke-dasharray="6 4""#),
            "{svg}"
        );
        let sums = ValueSeries {
            compared: Compared::Sum,
            ..series
        };
        let svg = value_bars(&sums, 0, Tr(Language::Ru));
        assert!(svg.contains("всего 16 glasses, записей: 2"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3, "a sum of 0 is a bar");
    }
}
