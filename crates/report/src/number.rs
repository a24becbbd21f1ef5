//! A cell value as printed: integers stay integers, decimals keep their digits.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A printed number. Stored as `f64`, which holds every count and every
/// decimal a report prints exactly enough to write it back as printed
/// (`96171.6` stays `96171.6`); whole numbers serialize as JSON integers.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Num(pub f64);

/// Largest integer an `f64` holds exactly.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

impl Num {
    /// The value as an integer, if it is whole.
    pub fn as_integer(self) -> Option<i64> {
        if self.is_whole() {
            Some(self.0 as i64)
        } else {
            None
        }
    }

    /// True for whole numbers within the exact range of `f64`.
    pub fn is_whole(self) -> bool {
        // A round trip through i64, not `fract()`: that is a libm call on
        // baseline x86-64, and every number of every report asks this.
        self.0.abs() <= EXACT_INT && (self.0 as i64) as f64 == self.0
    }

    /// True when two sums agree (decimal sums may differ in the last bits).
    pub fn same_as(self, other: Num) -> bool {
        let scale = self.0.abs().max(other.0.abs()).max(1.0);
        (self.0 - other.0).abs() <= scale * 1e-9
    }
}

impl Num {
    /// Appends the number as printed (what `Display` gives), without the
    /// formatting machinery: check messages print hundreds of numbers.
    pub fn push_to(self, out: &mut String) {
        match self.as_integer() {
            Some(i) => out.push_str(itoa::Buffer::new().format(i)),
            None => {
                use std::fmt::Write;
                let _ = write!(out, "{}", self.0);
            }
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_integer() {
            Some(i) => f.write_str(itoa::Buffer::new().format(i)),
            None => write!(f, "{}", self.0),
        }
    }
}

impl From<i64> for Num {
    fn from(v: i64) -> Self {
        Num(v as f64)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_integer() {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(Num(v))
        } else {
            Err(serde::de::Error::custom("a value must be a finite number"))
        }
    }
}

impl schemars::JsonSchema for Num {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Num".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_stay_integers_and_decimals_keep_digits() {
        assert_eq!(serde_json::to_string(&Num(3.0)).ok().as_deref(), Some("3"));
        assert_eq!(
            serde_json::to_string(&Num(96171.6)).ok().as_deref(),
            Some("96171.6")
        );
        assert_eq!(
            serde_json::to_string(&Num(-3.0)).ok().as_deref(),
            Some("-3")
        );
        assert_eq!(Num(7730.28).to_string(), "7730.28");
        for n in [0.0, -3.0, 7730.28, 96171.6, 1e300] {
            let mut s = String::new();
            Num(n).push_to(&mut s);
            assert_eq!(s, Num(n).to_string());
        }
    }

    #[test]
    fn whole_numbers_are_told_from_the_rest() {
        for v in [0.0, -0.0, 1.0, -7.0, 9_007_199_254_740_992.0] {
            assert!(Num(v).is_whole(), "{v}");
        }
        for v in [
            0.5,
            -2.25,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert!(!Num(v).is_whole(), "{v}");
        }
    }

    #[test]
    fn sums_compare() {
        assert!(Num(0.1 + 0.2).same_as(Num(0.3)));
        assert!(!Num(11.0).same_as(Num(0.0)));
    }
}
