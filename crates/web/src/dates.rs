//! Dates and times as Dutch readers expect them: "24 november 2026, 14:05"
//! in Dutch local time.

/// The months in Dutch.
pub use wikken_core::format::MONTHS;

/// Whether Dutch summer time applies at a UTC instant (from the last Sunday
/// of March, 01:00 UTC, to the last Sunday of October, 01:00 UTC).
fn summer_time(t: time::OffsetDateTime) -> bool {
    let last_sunday = |month: time::Month| {
        let days = time::util::days_in_month(month, t.year());
        let last = time::Date::from_calendar_date(t.year(), month, days).expect("a valid date");
        let back = last.weekday().number_days_from_sunday();
        last.saturating_sub(time::Duration::days(i64::from(back)))
            .with_hms(1, 0, 0)
            .expect("a valid time")
            .assume_utc()
    };
    t >= last_sunday(time::Month::March) && t < last_sunday(time::Month::October)
}

/// A Unix time as Dutch local time: "24 november 2026, 14:05".
pub fn when(unix: i64) -> String {
    let Ok(utc) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return "–".into();
    };
    // Checked: the last hour that `time` can hold has no local time after it.
    let Some(local) = utc.checked_add(time::Duration::hours(if summer_time(utc) { 2 } else { 1 }))
    else {
        return "–".into();
    };
    format!(
        "{} {} {}, {:02}:{:02}",
        local.day(),
        MONTHS[usize::from(u8::from(local.month())) - 1],
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A Unix time as a Dutch date only: "24 november 2026".
pub fn day(unix: i64) -> String {
    let w = when(unix);
    w.split(',').next().unwrap_or(&w).to_string()
}

/// An ISO date ("2026-12-15") in Dutch ("15 december 2026"); `None` for
/// any other text.
pub fn iso_date(s: &str) -> Option<String> {
    let iso = wikken_core::format::parse_date(s).filter(|d| d == s.trim())?;
    Some(wikken_core::format::dutch_date(&iso))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_timestamps_never_panic() {
        // The last second `time` holds (9999-12-31 23:59:59 UTC) has no
        // Dutch local time: adding the hour used to panic.
        let last = time::PrimitiveDateTime::MAX.assume_utc().unix_timestamp();
        let first = time::PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
        for t in [
            i64::MIN,
            i64::MAX,
            last,
            last - 3600,
            first,
            first - 1,
            0,
            -1,
        ] {
            let _ = when(t);
            let _ = day(t);
        }
        assert_eq!(when(last), "–");
        assert_eq!(when(i64::MAX), "–");
        assert_eq!(when(i64::MIN), "–");
        assert_eq!(when(0), "1 januari 1970, 01:00");
    }
}
