//! The figures of a run, written into `docs/reliability.md` between the
//! markers of each scenario.
use crate::workload::{Class, Event, Verification, WorkerRun, percentile};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

fn document() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/reliability.md")
}

/// Replaces the text between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`.
pub fn write_figures(name: &str, figures: &str) {
    let path = document();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let open = format!("<!-- figures:{name} -->");
    let close = format!("<!-- /figures:{name} -->");
    let block = format!("{open}\n{}\n{close}", figures.trim_end());
    let updated = match (text.find(&open), text.find(&close)) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{block}{}", &text[..start], &text[end + close.len()..])
        }
        _ => format!("{text}\n{block}\n"),
    };
    std::fs::write(&path, updated).expect("write docs/reliability.md");
}

pub fn events(runs: &[WorkerRun]) -> Vec<&Event> {
    runs.iter().flat_map(|r| r.events.iter()).collect()
}

fn count(events: &[&Event], class: impl Fn(Class) -> bool) -> usize {
    events.iter().filter(|e| class(e.class)).count()
}

/// Requests, outcomes and latency as a Markdown table.
pub fn summary(runs: &[WorkerRun], duration: Duration) -> String {
    let all = events(runs);
    let writes: Vec<&Event> = all.iter().copied().filter(|e| e.write).collect();
    let mut text = String::new();
    let _ = writeln!(text, "| figure | value |\n|---|---|");
    let _ = writeln!(
        text,
        "| load | {} connections for {} s |",
        runs.len(),
        duration.as_secs()
    );
    let _ = writeln!(
        text,
        "| requests | {} ({:.0}/s), of which writes {} |",
        all.len(),
        all.len() as f64 / duration.as_secs_f64(),
        writes.len()
    );
    let _ = writeln!(
        text,
        "| answered 2xx | {} |",
        count(&all, |c| c == Class::Ok)
    );
    let _ = writeln!(
        text,
        "| 503 with a JSON body | {} |",
        count(&all, |c| c == Class::Unavailable)
    );
    let _ = writeln!(
        text,
        "| other statuses (500, 502, 4xx, 503 without JSON) | {} |",
        count(&all, |c| matches!(c, Class::OtherStatus(_)))
    );
    let _ = writeln!(
        text,
        "| no answer within 5 s / connection failed | {} |",
        count(&all, |c| c == Class::NoAnswer)
    );
    let _ = writeln!(
        text,
        "| latency p50 / p99 / max | {:.1} / {:.1} / {:.1} ms |",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        percentile(&all, 1.0)
    );
    text
}

pub fn verification(v: &Verification) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "| writes acknowledged / refused (503) / without a clear answer | {} / {} / {} |",
        v.writes_acked, v.writes_refused, v.writes_unanswered
    );
    let _ = writeln!(
        text,
        "| task creates acknowledged → stored | {} → {} |",
        v.creates_acked, v.creates_acked_stored
    );
    let _ = writeln!(
        text,
        "| task creates refused → stored | {} → {} |",
        v.creates_refused, v.creates_refused_stored
    );
    let _ = writeln!(
        text,
        "| check-in days compared with the last acknowledged write | {} (mismatches: {}) |",
        v.days_checked,
        v.mismatches
            .iter()
            .filter(|m| m.contains("expected"))
            .count()
    );
    let _ = writeln!(
        text,
        "| edited tasks compared with the last acknowledged edit (refused edits: {}) | {} |",
        v.edits_refused, v.edits_checked
    );
    let _ = writeln!(text, "| mismatches in all | {} |", v.mismatches.len());
    text
}

/// The first few unexpected events, for failure messages.
pub fn examples(events: &[&Event], limit: usize) -> String {
    events
        .iter()
        .take(limit)
        .map(|e| {
            format!(
                "{} at {:.2}–{:.2} s: {:?} {}",
                e.what,
                e.started.as_secs_f64(),
                e.ended.as_secs_f64(),
                e.class,
                e.detail
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
