//! Compact JSON, byte for byte what `serde_json::to_writer` writes, for the
//! records `parse` streams. serde_json looks every byte of a string up in a
//! table and escapes every struct key again for every value; here strings
//! are scanned and stored eight bytes at a time, and each struct key is
//! worked out when the program is compiled.
//!
//! Same escaping as serde_json: `"`, `\` and control characters only, with
//! the short forms `\b \f \n \r \t` and `\u00xx` (lowercase hex) for the rest;
//! everything else, non-ASCII included, is copied as is. Floats are handed to
//! serde_json itself so that they cannot format differently.

use std::fmt::{self, Display};
use std::io;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::text::swar::{ONES, TOP_BITS};

/// Append `value` to `out` as compact JSON.
pub fn append<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    // The writer holds the buffer itself, one pointer nearer than a borrow.
    let mut writer = Writer { out: std::mem::take(out) };
    let written = value.serialize(&mut writer);
    *out = writer.out;
    written
}

/// Why a value could not be written: a `Serialize` impl failed, or a map had
/// keys JSON cannot hold. Boxed, so that every `Result` on the way is
/// returned in registers.
#[derive(Debug)]
pub struct Error(Box<str>);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string().into())
    }
}

impl From<Error> for io::Error {
    fn from(e: Error) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, e)
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

/// The high bit of every byte of `word` that is below `limit` (at most 0x80).
/// Borrows may also mark bytes above a true match, never below one, so the
/// lowest marked byte is exact: the only one the scanner uses.
fn bytes_below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & TOP_BITS
}

/// Marks the bytes of `word`, loaded little-endian, that JSON must escape;
/// as with [`bytes_below`], only the lowest mark is exact.
fn escape_marks(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    bytes_below(word, 0x20) | bytes_below(quote, 1) | bytes_below(backslash, 1)
}

/// `s` between quotes, escaped. Inlined where it is called, so that the
/// common case (see [`write_short_clean`]) costs no call.
#[inline(always)]
fn write_str(out: &mut Vec<u8>, s: &str) {
    if !write_short_clean(out, s.as_bytes()) {
        write_long_str(out, s);
    }
}

/// [`write_str`] for a string longer than sixteen bytes or one with an escape.
#[inline(never)]
fn write_long_str(out: &mut Vec<u8>, s: &str) {
    let written = match s.len() {
        ..=32 => write_medium_clean::<16>(out, s.as_bytes()),
        33..=64 => write_medium_clean::<32>(out, s.as_bytes()),
        _ => false,
    };
    if written {
        return;
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    write_str_contents(out, s.as_bytes());
    out.push(b'"');
}

/// Append `bytes` between quotes if there are at most sixteen and none
/// needs an escape, as most of a record's strings (ids, names, values) are;
/// false, and nothing written, if not (or if `out` has no room left for
/// them). The text goes in as two words, the
/// first eight bytes and the last eight (one padded word when shorter), into
/// room made with fixed-size stores and then cut after the closing quote:
/// no call to `memcpy`, and no shifting of the text into place.
#[inline(always)]
fn write_short_clean(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    const ROOM: usize = 18;
    let len = bytes.len();
    let (first, last) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(first), Some(last)) if len <= 16 => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
        (Some(_), Some(_)) => return false,
        _ => {
            // Padded with spaces, which the closing quote and the cut remove.
            let (word, _) = word_at(bytes, 0);
            (word, word)
        }
    };
    // Short of room, the long way makes it: a store here would call the
    // allocator, and a function that may call out saves registers every time.
    if escape_marks(first) | escape_marks(last) != 0 || out.capacity() - out.len() < ROOM {
        return false;
    }
    let at = out.len();
    out.extend_from_slice(&[b'"'; ROOM]);
    let room = &mut out[at..at + ROOM];
    // The last word ends where the text does, over the first one's tail.
    let last_at = 1 + len.saturating_sub(8);
    room[1..9].copy_from_slice(&first.to_le_bytes());
    room[last_at..last_at + 8].copy_from_slice(&last.to_le_bytes());
    room[1 + len] = b'"';
    out.truncate(at + len + 2);
    true
}

/// [`write_short_clean`] for sixteen to sixty-four bytes, as many names,
/// paths and short sentences are: the first `HALF` bytes and the last
/// `HALF` (`bytes` holds at most twice as many) are tested and stored as
/// two chunks, overlapping, with no call to `memcpy` or to the long scan.
#[inline(always)]
fn write_medium_clean<const HALF: usize>(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    const ROOM: usize = 66;
    let len = bytes.len();
    let (Some(first), Some(last)) = (bytes.first_chunk::<HALF>(), bytes.last_chunk::<HALF>()) else {
        return false;
    };
    debug_assert!(2 * HALF + 2 <= ROOM && len <= 2 * HALF);
    if needs_escape(first) | needs_escape(last) {
        return false;
    }
    let at = out.len();
    out.extend_from_slice(&[b'"'; ROOM]);
    let room = &mut out[at..at + ROOM];
    room[1..1 + HALF].copy_from_slice(first);
    room[1 + len - HALF..1 + len].copy_from_slice(last);
    room[1 + len] = b'"';
    out.truncate(at + len + 2);
    true
}

/// `bytes` of a string escaped, without the quotes. Most strings need no
/// escape: they are copied whole first and checked after. Past an escape,
/// each clean stretch is found first and then copied, so that each byte is
/// copied at most twice however many escapes there are.
fn write_str_contents(out: &mut Vec<u8>, bytes: &[u8]) {
    let at = out.len();
    out.extend_from_slice(bytes);
    let mut clean = clean_prefix_len(bytes);
    if clean == bytes.len() {
        return;
    }
    out.truncate(at + clean);
    let mut rest = bytes;
    loop {
        write_escape(out, rest[clean]);
        rest = &rest[clean + 1..];
        clean = clean_prefix_len(rest);
        out.extend_from_slice(&rest[..clean]);
        if clean == rest.len() {
            return;
        }
    }
}

/// How many bytes at the start of `bytes` need no escape, found without
/// storing them. A string of sixteen bytes or more is read in the widest
/// chunks it holds, up to [`WIDEST_CHUNK`], each tested whole.
fn clean_prefix_len(bytes: &[u8]) -> usize {
    match bytes.len() {
        0..16 => clean_prefix_len_by_words(bytes),
        16..32 => clean_prefix_len_by_chunks::<16>(bytes),
        32..WIDEST_CHUNK => clean_prefix_len_by_chunks::<32>(bytes),
        _ => clean_prefix_len_by_chunks::<WIDEST_CHUNK>(bytes),
    }
}

/// The widest chunk [`clean_prefix_len`] tests at once: four vector
/// registers' worth, whose tests are combined before one branch.
const WIDEST_CHUNK: usize = 64;

/// [`clean_prefix_len`] for at least `N` bytes, `N` at a time. The last few
/// are read as the last `N`, whose bytes before them were found clean, so
/// that the first byte needing an escape, if any, is theirs.
fn clean_prefix_len_by_chunks<const N: usize>(bytes: &[u8]) -> usize {
    let (chunks, tail) = bytes.as_chunks::<N>();
    for (n, chunk) in chunks.iter().enumerate() {
        if needs_escape(chunk) {
            return N * n + first_escape(chunk);
        }
    }
    match bytes.last_chunk::<N>() {
        Some(last) if !tail.is_empty() && needs_escape(last) => bytes.len() - N + first_escape(last),
        _ => bytes.len(),
    }
}

/// Whether any byte of `chunk` needs an escape. Written byte by byte and
/// without an early exit, so that the compiler tests all of them at once
/// in vectors.
fn needs_escape<const N: usize>(chunk: &[u8; N]) -> bool {
    chunk.iter().fold(false, |any, &b| any | (b < 0x20) | (b == b'"') | (b == b'\\'))
}

/// Where the first byte needing an escape is in `chunk`, which has one,
/// found a word at a time. Out of line: few strings have one.
#[cold]
#[inline(never)]
fn first_escape(chunk: &[u8]) -> usize {
    let (words, _) = chunk.as_chunks::<8>();
    let (n, marks) = words
        .iter()
        .map(|word| escape_marks(u64::from_le_bytes(*word)))
        .enumerate()
        .find(|&(_, marks)| marks != 0)
        .expect("the chunk needs an escape");
    8 * n + marks.trailing_zeros() as usize / 8
}

/// [`clean_prefix_len`] for fewer than sixteen bytes, a word at a time.
#[inline(never)]
fn clean_prefix_len_by_words(bytes: &[u8]) -> usize {
    let mut at = 0;
    while at < bytes.len() {
        let (word, len) = word_at(bytes, at);
        let marks = escape_marks(word);
        if marks != 0 {
            return at + marks.trailing_zeros() as usize / 8;
        }
        at += len;
    }
    bytes.len()
}

/// The little-endian word of `bytes` from `at`, and how many of its bytes
/// are the string's: eight, or at the end fewer, padded with spaces (which
/// need no escape). The end is read with whole loads, not byte by byte.
fn word_at(bytes: &[u8], at: usize) -> (u64, usize) {
    let rest = &bytes[at..];
    if let Some(word) = rest.first_chunk::<8>() {
        return (u64::from_le_bytes(*word), 8);
    }
    let len = rest.len();
    let unread = 8 * (8 - len as u32);
    let word = if let Some(last) = bytes.last_chunk::<8>() {
        // The string's last eight bytes, shifted past those already done.
        u64::from_le_bytes(*last) >> unread
    } else if let (Some(low), Some(high)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        // Two overlapping halves, the second shifted past the overlap.
        u64::from(u32::from_le_bytes(*low)) | (u64::from(u32::from_le_bytes(*high)) >> unread) << 32
    } else {
        rest.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b))
    };
    (word | SPACES << (8 * len), len)
}

const SPACES: u64 = ONES * b' ' as u64;

/// What `value` displays as, as a string, escaped as it comes.
fn write_display<T: ?Sized + Display>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    struct Escaping<'a>(&'a mut Vec<u8>);

    impl fmt::Write for Escaping<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            write_str_contents(self.0, s.as_bytes());
            Ok(())
        }

        /// Dates come a digit or a dash at a time: those are pushed as they are.
        fn write_char(&mut self, c: char) -> fmt::Result {
            let byte = c as u8;
            if c.is_ascii() && byte >= 0x20 && byte != b'"' && byte != b'\\' {
                self.0.push(byte);
                Ok(())
            } else {
                self.write_str(c.encode_utf8(&mut [0; 4]))
            }
        }
    }

    out.push(b'"');
    fmt::write(&mut Escaping(out), format_args!("{value}"))
        .map_err(|_| Error("a Display implementation returned an error".into()))?;
    out.push(b'"');
    Ok(())
}

fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\t' => b't',
        b'\r' => b'r',
        0x08 => b'b',
        0x0c => b'f',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Out of line: rare in records, and the callers' fast paths stay small
/// enough to inline.
#[inline(never)]
fn write_integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `n` in decimal. Below 10^8, which every offset and count in a record is,
/// the digits are worked out in one register and stored as one word, cut
/// after the last digit: no call to `memcpy`.
#[inline(always)]
fn write_unsigned(out: &mut Vec<u8>, n: impl Into<u64>) {
    let n = n.into();
    match u32::try_from(n) {
        Ok(n) if n < 100_000_000 => {
            let (digits, len) = decimal_digits(n);
            out.extend_from_slice(&digits.to_le_bytes());
            out.truncate(out.len() - 8 + len);
        }
        _ => write_integer(out, n),
    }
}

/// The decimal digits of `n`, below 10^8, as ASCII from the lowest byte up,
/// and how many there are. The number is split into two four-digit halves,
/// one per 32-bit lane; each lane into two two-digit quarters, one per
/// 16-bit lane; each of those into two digits, one per byte. The divisions
/// are multiplications by reciprocals, exact for these ranges, and no lane
/// spills into the next.
fn decimal_digits(n: u32) -> (u64, usize) {
    let halves = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    let hundreds = ((halves * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let quarters = (halves - hundreds * 100) << 16 | hundreds;
    let tens = ((quarters * 103) >> 10) & 0x000f_000f_000f_000f;
    let digits = (quarters - tens * 10) << 8 | tens;
    // Leading zeros are the lowest bytes; zero itself keeps one digit.
    let leading_zeros = (digits.trailing_zeros() / 8).min(7);
    ((digits >> (8 * leading_zeros)) + ONES * u64::from(b'0'), 8 - leading_zeros as usize)
}

/// A float exactly as serde_json writes it (`null` when not finite).
fn write_float<F: Serialize>(out: &mut Vec<u8>, f: F) -> Result<(), Error> {
    serde_json::to_writer(out, &f).map_err(ser::Error::custom)
}

struct Writer {
    out: Vec<u8>,
}

/// Longest key whose JSON, with its opening byte and quotes and colon, is
/// at most two 16-byte words for [`write_key`].
const SHORT_KEY: usize = 28;

/// The bytes of a key that share the first word with the opening `{"`.
const KEY_HEAD: usize = 14;

/// Append `{"key":` for an object's first key, `,"key":` for the others.
///
/// Inlined into each type's `serialize`, where serde hands the key over as
/// a literal: the key's words, whether they need an escape, and the JSON
/// made of them are then constants, and what is left is one or two
/// fixed-size stores. Hence the arithmetic on words rather than bytes in a
/// buffer, which the compiler folds only sometimes.
#[inline(always)]
fn write_key(out: &mut Vec<u8>, key: &'static str, first: bool) {
    let bytes = key.as_bytes();
    let len = bytes.len();
    if len == 0 || len > SHORT_KEY {
        return write_long_key(out, key, first);
    }
    let (head, tail) = bytes.split_at(len.min(KEY_HEAD));
    let (Some(head), Some(tail)) = (key_bits(head), key_bits(tail)) else {
        return write_long_key(out, key, first);
    };
    let opening = if first { b'{' } else { b',' };
    let (quote_low, quote_high) = byte_at(b'"', len + 2);
    let (colon_low, colon_high) = byte_at(b':', len + 3);
    let low = u128::from(opening) | u128::from(b'"') << 8 | head << 16 | quote_low | colon_low;
    let high = tail | quote_high | colon_high;
    if len + 4 <= 16 {
        out.extend_from_slice(&low.to_le_bytes()[..len + 4]);
    } else {
        let mut json = [0; 32];
        json[..16].copy_from_slice(&low.to_le_bytes());
        json[16..].copy_from_slice(&high.to_le_bytes());
        out.extend_from_slice(&json[..len + 4]);
    }
}

/// The bytes of a key's part of at most sixteen bytes as one word, zeros
/// past them; `None` if one needs an escape.
#[inline(always)]
fn key_bits(bytes: &[u8]) -> Option<u128> {
    let len = bytes.len();
    if len == 0 {
        return Some(0);
    }
    let (low, _) = word_at(bytes, 0);
    let high = if len > 8 { word_at(bytes, 8).0 } else { SPACES };
    // The padding past the key is cleared for what follows it.
    let bits = (u128::from(low) | u128::from(high) << 64) & (u128::MAX >> (128 - 8 * len));
    (escape_marks(low) | escape_marks(high) == 0).then_some(bits)
}

/// `byte` at byte `at` of a pair of words, as the low word's part and the
/// high word's.
#[inline(always)]
fn byte_at(byte: u8, at: usize) -> (u128, u128) {
    if at < 16 { (u128::from(byte) << (8 * at), 0) } else { (0, u128::from(byte) << (8 * (at - 16))) }
}

/// [`write_key`] for a key too long for its constant path, or one that
/// needs an escape.
#[cold]
#[inline(never)]
fn write_long_key(out: &mut Vec<u8>, key: &str, first: bool) {
    out.push(if first { b'{' } else { b',' });
    write_str(out, key);
    out.push(b':');
}

impl Writer {
    fn open(&mut self, bracket: u8) -> Compound<'_> {
        self.out.push(bracket);
        Compound { writer: self, first: true }
    }

    /// A struct's object, whose `{` is written with its first key.
    fn open_fields(&mut self) -> Compound<'_> {
        Compound { writer: self, first: true }
    }

    /// `{"variant":`, the start of an enum's variant that holds data.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
    }
}

/// An array, object or variant being written: knows whether a comma is due.
struct Compound<'w> {
    writer: &'w mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    #[inline(always)]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        write_key(&mut self.writer.out, key, self.first);
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    fn close(self, closing: &[u8]) -> Result<(), Error> {
        self.writer.out.extend_from_slice(closing);
        Ok(())
    }

    /// The end of a struct's object, and its start too if it had no fields.
    fn close_fields(self, closing: &[u8]) -> Result<(), Error> {
        if self.first {
            self.writer.out.push(b'{');
        }
        self.close(closing)
    }
}

macro_rules! serialize_integers {
    ($($method:ident: $ty:ty => $write:ident),*) => {
        $(#[inline]
        fn $method(self, v: $ty) -> Result<(), Error> {
            $write(&mut self.out, v);
            Ok(())
        })*
    };
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    serialize_integers!(
        serialize_i8: i8 => write_integer, serialize_i16: i16 => write_integer, serialize_i32: i32 => write_integer,
        serialize_i64: i64 => write_integer, serialize_i128: i128 => write_integer,
        serialize_u8: u8 => write_unsigned, serialize_u16: u16 => write_unsigned, serialize_u32: u32 => write_unsigned,
        serialize_u64: u64 => write_unsigned, serialize_u128: u128 => write_integer
    );

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        write_float(&mut self.out, v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_float(&mut self.out, v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(&mut self.out, v);
        Ok(())
    }

    /// An array of numbers, as serde_json writes bytes.
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ser::Serializer::collect_seq(self, v)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.open_variant(variant);
        Ok(self.open(b'['))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(self.open(b'{'))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(self.open_fields())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.open_variant(variant);
        Ok(self.open_fields())
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<(), Error> {
        write_display(&mut self.out, value)
    }
}

/// serde's four kinds of sequence are all a JSON array; a tuple variant's is
/// also the value of its one-key object.
macro_rules! serialize_arrays {
    ($($kind:ident::$method:ident => $closing:literal),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Error> {
                self.close($closing)
            }
        }
    )*};
}

serialize_arrays!(
    SerializeSeq::serialize_element => b"]",
    SerializeTuple::serialize_element => b"]",
    SerializeTupleStruct::serialize_field => b"]",
    SerializeTupleVariant::serialize_field => b"]}"
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey { out: &mut self.writer.out })
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.close(b"}")
    }
}

/// A struct is a JSON object; a struct variant's is also the value of its
/// one-key object.
macro_rules! serialize_objects {
    ($($kind:ident => $closing:literal),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Error;

            #[inline(always)]
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                self.close_fields($closing)
            }
        }
    )*};
}

serialize_objects!(SerializeStruct => b"}", SerializeStructVariant => b"}}");

/// A map's key, as serde_json takes it: a string as is; numbers and booleans
/// quoted; options and newtypes by what they hold; anything else is an error.
struct MapKey<'o> {
    out: &'o mut Vec<u8>,
}

impl MapKey<'_> {
    fn quoted(self, write: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>) -> Result<(), Error> {
        self.out.push(b'"');
        write(self.out)?;
        self.out.push(b'"');
        Ok(())
    }

    fn quoted_float<F: Serialize>(self, finite: bool, f: F) -> Result<(), Error> {
        if !finite {
            return Err(Error("float key must be finite (got NaN or +/-inf)".into()));
        }
        self.quoted(|out| write_float(out, f))
    }
}

macro_rules! serialize_integer_keys {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            self.quoted(|out| Ok(write_integer(out, v)))
        })*
    };
}

macro_rules! reject_keys {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, Error> {
            Err(key_must_be_a_string())
        })*
    };
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|out| {
            out.extend_from_slice(if v { b"true" } else { b"false" });
            Ok(())
        })
    }

    serialize_integer_keys!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.quoted_float(v.is_finite(), v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.quoted_float(v.is_finite(), v)
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<(), Error> {
        write_display(self.out, value)
    }

    reject_keys! {
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
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
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;
    use crate::Analyzer;
    use crate::gazetteer::Gazetteer;
    use crate::read::{Content, RawReport, ReadOptions};

    fn compact<T: ?Sized + Serialize>(value: &T) -> String {
        let mut out = Vec::new();
        append(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn assert_as_serde_json<T: ?Sized + Serialize>(value: &T) {
        assert_eq!(compact(value), serde_json::to_string(value).unwrap());
    }

    /// Strings thick with what must be escaped, and with what must not; and
    /// long clean ones with an escape or none somewhere after a block or more.
    fn tricky_string() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[\\x00-\\x1f\"\\\\\\x7f a-z0-9é’\u{2028}\u{10348}]{0,40}",
            "[a-z0-9 é’]{12,70}([\"\\\\\\x01][a-z ]{0,40})?",
        ]
    }

    #[derive(Debug, Clone, Serialize)]
    enum Shape {
        Unit,
        Newtype(String),
        Tuple(i8, Option<u16>),
        Struct { x: f32, tag: char },
    }

    #[derive(Debug, Serialize)]
    struct Everything {
        text: String,
        signed: i64,
        wide: i128,
        unsigned: u64,
        float: f64,
        small_float: f32,
        flag: bool,
        maybe: Option<String>,
        list: Vec<u32>,
        shapes: Vec<Shape>,
        by_name: BTreeMap<String, i32>,
        by_number: BTreeMap<i16, bool>,
        by_flag: BTreeMap<bool, ()>,
        pair: (u8, String),
        #[serde(with = "serde_bytes_as_slice")]
        bytes: Vec<u8>,
    }

    /// `Vec<u8>` through `serialize_bytes`, as `serde_bytes` would.
    mod serde_bytes_as_slice {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }

    fn shape() -> impl Strategy<Value = Shape> {
        prop_oneof![
            Just(Shape::Unit),
            tricky_string().prop_map(Shape::Newtype),
            (any::<i8>(), any::<Option<u16>>()).prop_map(|(a, b)| Shape::Tuple(a, b)),
            (any::<f32>(), any::<char>()).prop_map(|(x, tag)| Shape::Struct { x, tag }),
        ]
    }

    fn everything() -> impl Strategy<Value = Everything> {
        (
            (tricky_string(), any::<i64>(), any::<i128>(), any::<u64>(), any::<f64>(), any::<f32>(), any::<bool>()),
            (
                proptest::option::of(tricky_string()),
                proptest::collection::vec(any::<u32>(), 0..4),
                proptest::collection::vec(shape(), 0..4),
                proptest::collection::btree_map(tricky_string(), any::<i32>(), 0..4),
                proptest::collection::btree_map(any::<i16>(), any::<bool>(), 0..3),
                proptest::collection::btree_map(any::<bool>(), Just(()), 0..2),
                (any::<u8>(), tricky_string()),
                proptest::collection::vec(any::<u8>(), 0..5),
            ),
        )
            .prop_map(
                |(
                    (text, signed, wide, unsigned, float, small_float, flag),
                    (maybe, list, shapes, by_name, by_number, by_flag, pair, bytes),
                )| Everything {
                    text,
                    signed,
                    wide,
                    unsigned,
                    float,
                    small_float,
                    flag,
                    maybe,
                    list,
                    shapes,
                    by_name,
                    by_number,
                    by_flag,
                    pair,
                    bytes,
                },
            )
    }

    proptest! {
        #[test]
        fn the_lowest_mark_is_the_first_byte_needing_an_escape(word in any::<[u8; 8]>()) {
            let first = word.iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\');
            let marks = escape_marks(u64::from_le_bytes(word));
            prop_assert_eq!((marks != 0).then(|| marks.trailing_zeros() as usize / 8), first);
        }

        #[test]
        fn a_word_is_the_next_eight_bytes_or_the_last_few_then_spaces(
            bytes in proptest::collection::vec(any::<u8>(), 1..20),
            at in 0..20usize,
        ) {
            let at = at % bytes.len();
            let len = (bytes.len() - at).min(8);
            let mut expected = [b' '; 8];
            expected[..len].copy_from_slice(&bytes[at..at + len]);
            prop_assert_eq!(word_at(&bytes, at), (u64::from_le_bytes(expected), len));
        }

        #[test]
        fn digits_are_as_itoa_writes_them(n in prop_oneof![0..100_000_000u32, 0..1000u32]) {
            let (digits, len) = decimal_digits(n);
            let expected = itoa::Buffer::new().format(n).to_owned();
            prop_assert_eq!(&digits.to_le_bytes()[..len], expected.as_bytes());
        }

        #[test]
        fn the_clean_prefix_ends_at_the_first_byte_needing_an_escape(s in tricky_string()) {
            let first = s.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\').unwrap_or(s.len());
            prop_assert_eq!(clean_prefix_len(s.as_bytes()), first);
        }

        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in tricky_string()) {
            prop_assert_eq!(compact(&s), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn every_kind_of_value_is_written_as_serde_json_writes_it(value in everything()) {
            assert_as_serde_json(&value);
        }
    }

    #[test]
    fn strings_of_every_short_or_medium_length_with_an_escape_anywhere_or_none() {
        for len in 0..=70 {
            let clean: String = ('a'..='z').cycle().take(len).collect();
            assert_as_serde_json(&clean);
            for at in 0..len {
                for escaped in ['"', '\\', '\n', '\u{1}'] {
                    let mut s = clean.clone();
                    s.replace_range(at..=at, escaped.encode_utf8(&mut [0; 4]));
                    assert_as_serde_json(&s);
                }
            }
        }
    }

    /// Every chunk width and overlap of the long scan, with an escape in
    /// every place (and a second one after it), and none.
    #[test]
    fn the_clean_prefix_of_every_length_with_an_escape_anywhere_or_none() {
        for len in 0..=140 {
            let clean = vec![b'a'; len];
            assert_eq!(clean_prefix_len(&clean), len);
            for at in 0..len {
                for escaped in [b'"', b'\\', b'\n', 0x1f] {
                    let mut bytes = clean.clone();
                    bytes[at] = escaped;
                    bytes[len - 1 - (len - 1 - at) / 2] = escaped;
                    assert_eq!(clean_prefix_len(&bytes), at, "length {len}, escape at {at}");
                }
            }
        }
    }

    #[test]
    fn every_control_character_and_edge_float() {
        let controls: String = (0u8..0x20).map(char::from).chain(['"', '\\', '\u{7f}', '/']).collect();
        assert_as_serde_json(&controls);
        assert_as_serde_json(&[0u64, 9, 10, 99_999_999, 100_000_000, u64::MAX]);
        assert_as_serde_json(&[0.0, -0.0, 1e21, 1.5e-7, f64::MAX, f64::MIN_POSITIVE, f64::NAN, f64::NEG_INFINITY]);
        assert_as_serde_json(&serde_json::json!({"a": [1, -2, 3.5, null, true], "b\n": {"c": "d\u{1}"}}));
        assert_as_serde_json(&FloatKeys(vec![(1.5, 'x'), (-0.0, 'y'), (1e300, 'z')]));
    }

    /// Struct keys of every length around the constant path's limit, and
    /// keys that need an escape, which take the long way.
    #[derive(Serialize)]
    struct OddKeys {
        #[serde(rename = "")]
        empty: u8,
        a: u8,
        twelve_bytes: u8,
        thirteen_byte: u8,
        fourteen_bytes: u8,
        #[serde(rename = "fifteen_bytes_a")]
        fifteen: u8,
        #[serde(rename = "sixteen_bytes_ab")]
        sixteen: u8,
        #[serde(rename = "twenty_eight_bytes_abcdefghi")]
        twenty_eight: u8,
        #[serde(rename = "twenty_nine_bytes_abcdefghijk")]
        twenty_nine: u8,
        #[serde(rename = "escape_in_the_tail\"x")]
        escaped_tail: u8,
        #[serde(rename = "quote\"d")]
        quoted: u8,
        #[serde(rename = "new\nline")]
        new_line: u8,
        #[serde(rename = "é")]
        accented: u8,
        nested: Option<Box<OddKeys>>,
    }

    #[derive(Serialize)]
    struct NoFields {}

    #[derive(Serialize)]
    enum Variants {
        Empty {},
        Full { twelve_bytes: NoFields, thirteen_byte: u8 },
    }

    #[test]
    fn struct_keys_of_any_length_or_escape_and_structs_without_fields() {
        let odd = |nested| OddKeys {
            empty: 0,
            a: 1,
            twelve_bytes: 2,
            thirteen_byte: 3,
            fourteen_bytes: 4,
            fifteen: 4,
            sixteen: 4,
            twenty_eight: 4,
            twenty_nine: 4,
            escaped_tail: 4,
            quoted: 5,
            new_line: 6,
            accented: 7,
            nested,
        };
        assert_as_serde_json(&odd(Some(Box::new(odd(None)))));
        assert_as_serde_json(&(
            NoFields {},
            vec![Variants::Empty {}, Variants::Full { twelve_bytes: NoFields {}, thirteen_byte: 9 }],
        ));
    }

    /// A map keyed by floats, which serde_json quotes.
    struct FloatKeys(Vec<(f64, char)>);

    impl Serialize for FloatKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().copied())
        }
    }

    #[test]
    fn keys_that_are_not_strings_or_numbers_are_errors() {
        let by_list = BTreeMap::from([(vec![1], 2)]);
        assert!(serde_json::to_string(&by_list).is_err());
        assert_eq!(append(&mut Vec::new(), &by_list).unwrap_err().to_string(), "key must be a string");
        let by_nan = FloatKeys(vec![(f64::NAN, 'x')]);
        assert!(serde_json::to_string(&by_nan).is_err());
        assert!(append(&mut Vec::new(), &by_nan).is_err());
    }

    #[test]
    fn the_fixtures_documents_are_written_as_serde_json_writes_them() {
        let analyzer = Analyzer::new(Gazetteer::embedded(), ReadOptions::default());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let raw = RawReport { id: "f".into(), path: None, content: Content::Bytes(std::fs::read(&path).unwrap()) };
            let record = crate::model::Record::Document(Box::new(analyzer.analyze(raw).unwrap()));
            assert_as_serde_json(&record);
            seen += 1;
        }
        assert!(seen >= 5, "fixtures not found in {dir}");
    }
}
