//! Dates with honest precision: a FRUS document may be dated to the day, the month or the year.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How precisely a document is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// Year only.
    Year,
    /// Year and month.
    Month,
    /// A day.
    Day,
}

/// A date known to the day, the month or only the year. Ordered chronologically, with a
/// less precise date before the more precise dates it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year, e.g. 1938.
    pub year: i32,
    /// Month 1-12, if known.
    pub month: Option<u8>,
    /// Day 1-31, if known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` is ignored), checking that
    /// the month and day exist.
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let s = s.trim();
        let date_part = s.split(['T', ' ']).next().unwrap_or("");
        let parts: Vec<&str> = date_part.split('-').collect();
        let bad = || format!("bad date \"{s}\" (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        let num = |p: &str, width: usize| -> Result<u32, String> {
            if p.len() != width || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u32>().map_err(|_| bad())
        };
        let (year, month, day) = match parts.as_slice() {
            [y] => (num(y, 4)?, None, None),
            [y, m] => (num(y, 4)?, Some(num(m, 2)?), None),
            [y, m, d] => (num(y, 4)?, Some(num(m, 2)?), Some(num(d, 2)?)),
            _ => return Err(bad()),
        };
        let year = year as i32;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("bad date \"{s}\": month {m} does not exist"));
            }
            if let Some(d) = day {
                let max = days_in_month(year, m as u8);
                if d == 0 || d > max as u32 {
                    return Err(format!(
                        "bad date \"{s}\": day {d} does not exist in {year}-{m:02}"
                    ));
                }
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// A date to the day.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// A date to the month.
    pub fn ym(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// Days since 1970-01-01 of the first day the date covers (for plotting and binning).
    pub fn start_day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days since 1970-01-01 of the middle of the period the date covers: a month-precision date
    /// is drawn at mid-month, not silently on the 1st.
    pub fn mid_day_number(&self) -> f64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d) as f64,
            (Some(m), None) => {
                days_from_civil(self.year, m, 1) as f64
                    + (days_in_month(self.year, m) as f64 - 1.0) / 2.0
            }
            _ => {
                let start = days_from_civil(self.year, 1, 1);
                let end = days_from_civil(self.year + 1, 1, 1);
                (start + end - 1) as f64 / 2.0
            }
        }
    }
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = year as i64 - if month <= 2 { 1 } else { 0 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The (year, month, day) of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + if m <= 2 { 1 } else { 0 }) as i32, m, d)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("1938").unwrap().precision(),
            DatePrecision::Year
        );
        assert_eq!(
            PartialDate::parse("1941-03").unwrap(),
            PartialDate::ym(1941, 3)
        );
        assert_eq!(
            PartialDate::parse("1938-07-16T19:00:00Z").unwrap(),
            PartialDate::ymd(1938, 7, 16)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(
            PartialDate::parse("1938-13-40")
                .unwrap_err()
                .contains("month 13")
        );
        assert!(
            PartialDate::parse("1938-02-30")
                .unwrap_err()
                .contains("day 30")
        );
        assert!(PartialDate::parse("1940-02-29").is_ok());
        assert!(PartialDate::parse("38-01-01").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        for z in [-20000, -1, 0, 1, 25000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        let aug = PartialDate::ym(1938, 8);
        assert_eq!(
            aug.mid_day_number(),
            days_from_civil(1938, 8, 1) as f64 + 15.0
        );
    }

    #[test]
    fn orders_chronologically() {
        let mut v = [
            PartialDate::ymd(1938, 8, 5),
            PartialDate::ym(1938, 8),
            PartialDate::parse("1937").unwrap(),
        ];
        v.sort();
        assert_eq!(v[0].to_string(), "1937");
        assert_eq!(v[1].to_string(), "1938-08");
    }
}
