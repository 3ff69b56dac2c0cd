//! Readable (non-JSON) output.

use relance_engine::analysis::Summary;
use relance_engine::import::ImportReport;
use std::io::{Result, Write};

fn duration(s: f64) -> String {
    if !s.is_finite() {
        return "-".into();
    }
    let d = s / 86_400.0;
    if d >= 1.0 {
        format!("{d:.1} d")
    } else if s >= 3600.0 {
        format!("{:.1} h", s / 3600.0)
    } else if s >= 60.0 {
        format!("{:.1} min", s / 60.0)
    } else {
        format!("{s:.0} s")
    }
}

pub fn summary(out: &mut impl Write, s: &Summary, r: &ImportReport) -> Result<()> {
    let l = &s.log;
    writeln!(
        out,
        "{} cases, {} events, {} activities, {} variants, {} to {}",
        l.cases,
        l.events,
        l.activities,
        l.variants,
        l.first_event.as_deref().unwrap_or("-"),
        l.last_event.as_deref().unwrap_or("-")
    )?;
    write!(out, "import: {:?}, {}", r.format, r.encoding.name())?;
    if let Some(d) = r.delimiter {
        write!(out, ", delimiter {:?}", d)?;
    }
    writeln!(
        out,
        ", {} rows, {} skipped, timestamps {}",
        r.rows, r.skipped_rows, r.timestamp_format
    )?;
    for p in r.problems.iter().take(5) {
        writeln!(
            out,
            "  line {}, column {:?}: {} ({:?})",
            p.line, p.column, p.message, p.value
        )?;
    }
    for n in &r.notes {
        writeln!(out, "  note: {n}")?;
    }
    let cd = &s.case_duration_s;
    writeln!(
        out,
        "case duration: median {}, mean {}, p90 {}, max {}",
        duration(cd.median),
        duration(cd.mean),
        duration(cd.p90),
        duration(cd.max)
    )?;
    writeln!(out, "\nactivities (events, cases):")?;
    for a in &s.activities {
        writeln!(out, "  {:>9} {:>9}  {}", a.events, a.cases, a.name)?;
    }
    writeln!(out, "\ntop paths (count, median wait):")?;
    for e in s.dfg.iter().take(15) {
        writeln!(
            out,
            "  {:>9} {:>9}  {} -> {}",
            e.count,
            duration(e.median_s),
            e.from,
            e.to
        )?;
    }
    writeln!(out, "\ntop variants (cases, share, median duration):")?;
    for v in s.variants.iter().take(10) {
        writeln!(
            out,
            "  {:>9} {:>5.1}% {:>9}  {}",
            v.cases,
            v.share * 100.0,
            duration(v.median_duration_s),
            v.activities.join(" > ")
        )?;
    }
    Ok(())
}
