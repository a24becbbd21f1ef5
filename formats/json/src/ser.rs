//! A serde serializer into a byte buffer, laid out by a serde_json
//! `Formatter`, with a string escaper that skips clean text a word (eight
//! bytes) at a time.
//!
//! Why not `serde_json::Serializer`: it escapes strings one byte at a time,
//! and a report is mostly strings (Chinese text, check messages); that loop
//! was the largest single cost of converting a plain-text report. Layout and
//! numbers still come from serde_json's `Formatter`, so the bytes are the
//! same as serde_json's (tested below).

use serde::ser::{self, Serialize};
use serde_json::ser::{CharEscape, Formatter};
use std::fmt::Display;

/// Why a value could not be serialized.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e.to_string())
    }
}

/// Serializes `value` as JSON onto `out`, laid out by `formatter`.
pub fn to_vec_with<T, F>(out: &mut Vec<u8>, formatter: F, value: &T) -> Result<(), Error>
where
    T: ?Sized + Serialize,
    F: Formatter,
{
    let mut ser = Serializer {
        out,
        fmt: formatter,
    };
    value.serialize(&mut ser)
}

/// The serializer: a buffer and the formatter that lays it out.
pub struct Serializer<'a, F> {
    out: &'a mut Vec<u8>,
    fmt: F,
}

/// The lanes of `w` (high bit of each byte) that need escaping. The lowest
/// marked lane is exact (the bit tricks may mark wrong lanes only above a
/// true one), so a clean word gives 0 and `trailing_zeros / 8` is the first
/// byte to escape.
fn escape_lanes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let s = w ^ (ONES * u64::from(b'\\'));
    let backslash = s.wrapping_sub(ONES) & !s;
    (below_space | quote | backslash) & HIGH
}

/// The byte offset of the first marked lane of a non-zero `escape_lanes`.
fn first_lane(lanes: u64) -> usize {
    (lanes.trailing_zeros() / 8) as usize
}

/// Length of the leading run of `bytes` that needs no escaping, read as
/// eight-byte words. The last partial word is read as the string's last
/// eight bytes (the overlap is known clean), not copied to a padded buffer:
/// a load right after a short copy stalls on store forwarding.
fn clean_prefix(bytes: &[u8]) -> usize {
    // Sixteen bytes a round while the text is long (section text, check
    // messages): one test and one branch for two words.
    let mut pairs = bytes.chunks_exact(16);
    let mut done = 0;
    for pair in &mut pairs {
        let (a, b) = pair.split_at(8);
        let (la, lb) = (escape_lanes(word_at(a)), escape_lanes(word_at(b)));
        if la | lb != 0 {
            return done
                + if la != 0 {
                    first_lane(la)
                } else {
                    8 + first_lane(lb)
                };
        }
        done += 16;
    }
    // At most one whole word left, then the partial one.
    if let Some(word) = bytes.get(done..done + 8) {
        let lanes = escape_lanes(word_at(word));
        if lanes != 0 {
            return done + first_lane(lanes);
        }
        done += 8;
    }
    if done == bytes.len() {
        return done;
    }
    match bytes
        .len()
        .checked_sub(8)
        .and_then(|start| Some((start, bytes.get(start..)?)))
    {
        // Everything before `done` is clean, so the overlap is too.
        Some((start, last)) => {
            let lanes = escape_lanes(word_at(last));
            if lanes == 0 {
                bytes.len()
            } else {
                start + first_lane(lanes)
            }
        }
        // Shorter than a word: a few bytes, one at a time.
        None => bytes
            .iter()
            .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
            .unwrap_or(bytes.len()),
    }
}

/// The first eight bytes of `chunk` (at least eight long) as a word.
fn word_at(chunk: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    if let Some(head) = chunk.get(..8) {
        word.copy_from_slice(head);
    }
    u64::from_le_bytes(word)
}

/// The escape of one byte that needs it, as serde_json writes it.
fn char_escape(b: u8) -> CharEscape {
    match b {
        b'"' => CharEscape::Quote,
        b'\\' => CharEscape::ReverseSolidus,
        b'\n' => CharEscape::LineFeed,
        b'\r' => CharEscape::CarriageReturn,
        b'\t' => CharEscape::Tab,
        0x08 => CharEscape::Backspace,
        0x0c => CharEscape::FormFeed,
        other => CharEscape::AsciiControl(other),
    }
}

/// The `serialize_i8` … `serialize_u128` methods, each handing the
/// formatter's writer for its type to `$how`.
macro_rules! integers {
    ($how:ident) => {
        integers!($how:
            serialize_i8 write_i8 i8, serialize_i16 write_i16 i16,
            serialize_i32 write_i32 i32, serialize_i64 write_i64 i64,
            serialize_i128 write_i128 i128, serialize_u8 write_u8 u8,
            serialize_u16 write_u16 u16, serialize_u32 write_u32 u32,
            serialize_u64 write_u64 u64, serialize_u128 write_u128 u128);
    };
    ($how:ident: $($name:ident $write:ident $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<(), Error> {
            self.$how(|f, w| f.$write(w, v))
        }
    )*};
}

impl<F: Formatter> Serializer<'_, F> {
    /// Writes what `write` writes with the formatter.
    fn plain(
        &mut self,
        write: impl FnOnce(&mut F, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        Ok(write(&mut self.fmt, self.out)?)
    }

    /// Writes `s` quoted and escaped.
    fn string(&mut self, s: &str) -> Result<(), Error> {
        self.fmt.begin_string(self.out)?;
        let mut rest = s.as_bytes();
        loop {
            let run = clean_prefix(rest);
            let (clean, tail) = rest.split_at(run);
            self.out.extend_from_slice(clean);
            let Some((&b, tail)) = tail.split_first() else {
                break;
            };
            self.fmt.write_char_escape(self.out, char_escape(b))?;
            rest = tail;
        }
        self.fmt.end_string(self.out)?;
        Ok(())
    }

    /// Opens `{"variant": ` around an enum variant's content.
    fn begin_variant(&mut self, variant: &str) -> Result<(), Error> {
        self.fmt.begin_object(self.out)?;
        self.fmt.begin_object_key(self.out, true)?;
        self.string(variant)?;
        self.fmt.end_object_key(self.out)?;
        self.fmt.begin_object_value(self.out)?;
        Ok(())
    }

    /// Closes what `begin_variant` opened.
    fn end_variant(&mut self) -> Result<(), Error> {
        self.fmt.end_object_value(self.out)?;
        self.fmt.end_object(self.out)?;
        Ok(())
    }
}

/// A sequence or map being written; `variant` when it sits inside
/// `{"variant": …}`.
pub struct Compound<'s, 'a, F> {
    ser: &'s mut Serializer<'a, F>,
    first: bool,
    variant: bool,
}

impl<'s, 'a, F: Formatter> Compound<'s, 'a, F> {
    fn array(ser: &'s mut Serializer<'a, F>, variant: bool) -> Result<Self, Error> {
        ser.fmt.begin_array(ser.out)?;
        Ok(Compound {
            ser,
            first: true,
            variant,
        })
    }

    fn object(ser: &'s mut Serializer<'a, F>, variant: bool) -> Result<Self, Error> {
        ser.fmt.begin_object(ser.out)?;
        Ok(Compound {
            ser,
            first: true,
            variant,
        })
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.fmt.begin_array_value(self.ser.out, self.first)?;
        self.first = false;
        value.serialize(&mut *self.ser)?;
        self.ser.fmt.end_array_value(self.ser.out)?;
        Ok(())
    }

    fn end_array(self) -> Result<(), Error> {
        self.ser.fmt.end_array(self.ser.out)?;
        if self.variant {
            self.ser.end_variant()?;
        }
        Ok(())
    }

    fn key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.ser.fmt.begin_object_key(self.ser.out, self.first)?;
        self.first = false;
        key.serialize(KeySerializer {
            ser: &mut *self.ser,
        })?;
        self.ser.fmt.end_object_key(self.ser.out)?;
        Ok(())
    }

    fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.fmt.begin_object_value(self.ser.out)?;
        value.serialize(&mut *self.ser)?;
        self.ser.fmt.end_object_value(self.ser.out)?;
        Ok(())
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.ser.fmt.begin_object_key(self.ser.out, self.first)?;
        self.first = false;
        self.ser.string(key)?;
        self.ser.fmt.end_object_key(self.ser.out)?;
        self.value(value)
    }

    fn end_object(self) -> Result<(), Error> {
        self.ser.fmt.end_object(self.ser.out)?;
        if self.variant {
            self.ser.end_variant()?;
        }
        Ok(())
    }
}

impl<'s, 'a, F: Formatter> ser::Serializer for &'s mut Serializer<'a, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a, F>;
    type SerializeTuple = Compound<'s, 'a, F>;
    type SerializeTupleStruct = Compound<'s, 'a, F>;
    type SerializeTupleVariant = Compound<'s, 'a, F>;
    type SerializeMap = Compound<'s, 'a, F>;
    type SerializeStruct = Compound<'s, 'a, F>;
    type SerializeStructVariant = Compound<'s, 'a, F>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        Ok(self.fmt.write_bool(self.out, v)?)
    }

    integers!(plain);

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // As serde_json: a number that JSON cannot hold is null.
        if v.is_finite() {
            Ok(self.fmt.write_f32(self.out, v)?)
        } else {
            Ok(self.fmt.write_null(self.out)?)
        }
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            Ok(self.fmt.write_f64(self.out, v)?)
        } else {
            Ok(self.fmt.write_null(self.out)?)
        }
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        Ok(self.fmt.write_byte_array(self.out, v)?)
    }

    fn serialize_none(self) -> Result<(), Error> {
        Ok(self.fmt.write_null(self.out)?)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Ok(self.fmt.write_null(self.out)?)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.begin_variant(variant)?;
        value.serialize(&mut *self)?;
        self.end_variant()
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Compound::array(self, false)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Compound::array(self, false)
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Compound::array(self, false)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.begin_variant(variant)?;
        Compound::array(self, true)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Compound::object(self, false)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Compound::object(self, false)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.begin_variant(variant)?;
        Compound::object(self, true)
    }
}

/// Sequences, tuples and tuple variants: JSON arrays.
macro_rules! array_like {
    ($($kind:ident :: $add:ident),*) => {$(
        impl<F: Formatter> ser::$kind for Compound<'_, '_, F> {
            type Ok = ();
            type Error = Error;

            fn $add<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Error> {
                self.end_array()
            }
        }
    )*};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<F: Formatter> ser::SerializeMap for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }

    fn end(self) -> Result<(), Error> {
        self.end_object()
    }
}

/// Structs and struct variants: JSON objects.
macro_rules! object_like {
    ($($kind:ident),*) => {$(
        impl<F: Formatter> ser::$kind for Compound<'_, '_, F> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                self.end_object()
            }
        }
    )*};
}

object_like!(SerializeStruct, SerializeStructVariant);

/// Map keys: JSON keys are strings, so strings, characters, unit variants,
/// integers and booleans (quoted), as serde_json takes them.
struct KeySerializer<'s, 'a, F> {
    ser: &'s mut Serializer<'a, F>,
}

impl<F: Formatter> KeySerializer<'_, '_, F> {
    fn quoted(
        self,
        write: impl FnOnce(&mut F, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let ser = self.ser;
        ser.fmt.begin_string(ser.out)?;
        write(&mut ser.fmt, ser.out)?;
        ser.fmt.end_string(ser.out)?;
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".to_string())
}

impl<F: Formatter> ser::Serializer for KeySerializer<'_, '_, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.ser.string(v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.ser.string(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.ser.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|f, w| f.write_bool(w, v))
    }

    integers!(quoted);

    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        Struct { a: f64, b: Vec<u8> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(String);

    #[derive(Serialize)]
    struct Pair(u8, char);

    #[derive(Serialize)]
    struct Everything {
        t: bool,
        i: (i8, i16, i32, i64, i128),
        u: (u8, u16, u32, u64, u128),
        f: (f32, f64, f64, f64),
        c: char,
        s: String,
        none: Option<u8>,
        some: Option<&'static str>,
        unit: (),
        unit_struct: Unit,
        wrapper: Wrapper,
        pair: Pair,
        shapes: Vec<Shape>,
        empty_vec: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        int_keys: BTreeMap<i32, Vec<()>>,
        bool_keys: BTreeMap<bool, u8>,
        #[serde(with = "serde_bytes_like")]
        bytes: Vec<u8>,
        #[serde(flatten)]
        flat: BTreeMap<String, String>,
    }

    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    fn every_escape() -> String {
        let mut s: String = (0u8..0x80).map(char::from).collect();
        s.push_str("政府信息公开\u{7f}\u{2028}é\"\\");
        s
    }

    fn everything() -> Everything {
        Everything {
            t: true,
            i: (i8::MIN, -300, -70_000, i64::MIN, i128::MIN),
            u: (u8::MAX, 300, 70_000, u64::MAX, u128::MAX),
            f: (1.5, 0.1, f64::NAN, -1e300),
            c: '"',
            s: every_escape(),
            none: None,
            some: Some("合计\n"),
            unit: (),
            unit_struct: Unit,
            wrapper: Wrapper("w".into()),
            pair: Pair(1, '\u{1}'),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-1, "x".into()),
                Shape::Struct { a: 2.0, b: vec![] },
            ],
            empty_vec: vec![],
            empty_map: BTreeMap::new(),
            int_keys: BTreeMap::from([(-5, vec![()]), (12, vec![])]),
            bool_keys: BTreeMap::from([(false, 0), (true, 1)]),
            bytes: vec![0, 255],
            flat: BTreeMap::from([("k\t".into(), "v".into())]),
        }
    }

    #[test]
    fn bytes_are_serde_jsons_pretty_and_compact() {
        let value = everything();
        let mut pretty = Vec::new();
        to_vec_with(&mut pretty, serde_json::ser::PrettyFormatter::new(), &value).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let mut compact = Vec::new();
        to_vec_with(&mut compact, serde_json::ser::CompactFormatter, &value).unwrap();
        assert_eq!(
            String::from_utf8(compact).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn strings_escape_at_every_offset_of_a_word() {
        // Each byte that needs escaping, at each position of an 8-byte word,
        // among clean ASCII and multi-byte text.
        let specials: Vec<char> = (0u8..0x20).chain([b'"', b'\\']).map(char::from).collect();
        for lead in ["", "a", "政", "abcdefg", "政府信息", "0123456789abcdef"] {
            for pad in 0..9 {
                for &c in &specials {
                    let s = format!("{lead}{}{c}{}政", "x".repeat(pad), "y".repeat(9 - pad));
                    let naive = s.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(Some(clean_prefix(s.as_bytes())), naive, "{s:?}");
                    let mut mine = Vec::new();
                    to_vec_with(&mut mine, serde_json::ser::CompactFormatter, &s).unwrap();
                    assert_eq!(mine, serde_json::to_vec(&s).unwrap(), "{s:?}");
                }
            }
        }
        for clean in [
            "",
            "a",
            "12345678",
            "政府信息公开工作年度报告",
            "\u{7f}\u{80}~ !#[]{}",
        ] {
            assert_eq!(clean_prefix(clean.as_bytes()), clean.len(), "{clean:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(
            s in "(\\PC|[\\x00-\\x1f\"\\\\])*"
        ) {
            let mut mine = Vec::new();
            to_vec_with(&mut mine, serde_json::ser::CompactFormatter, &s).unwrap();
            proptest::prop_assert_eq!(mine, serde_json::to_vec(&s).unwrap());
        }
    }

    #[test]
    fn keys_that_json_cannot_hold_are_errors() {
        let map = BTreeMap::from([(vec![1u8], 1u8)]);
        let mut out = Vec::new();
        let err = to_vec_with(&mut out, serde_json::ser::CompactFormatter, &map).unwrap_err();
        assert_eq!(err.to_string(), "key must be a string");
    }
}
