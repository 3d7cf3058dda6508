//! The decoded text of one report, and the turning of byte ranges into the
//! contract's character-offset spans.

use std::ops::Range;

use crate::model::Span;

/// The char boundary at or before byte `i` of `s` (its end, past it).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after byte `i` of `s` (its end, past it).
pub fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The character at byte `i` of `s` (`None` past the end or inside a
/// character): ASCII, most of any text, is read as a byte, only the rest is
/// decoded. The tokenisers read text a character at a time with it.
pub fn char_at(s: &str, i: usize) -> Option<char> {
    match *s.as_bytes().get(i)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => s.get(i..)?.chars().next(),
    }
}

/// `u8::is_ascii_alphanumeric` as a table: one load where its range tests
/// cost several. The word splitters test most bytes of a report with it.
pub(crate) static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < table.len() {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Eight bytes at a time, read little-endian: the byte `b` repeated is
/// `b * ONES`, and a byte's flag is its top bit. Scans that look at every
/// byte of a report (word starts, JSON escapes) classify a block in a few
/// steps.
pub(crate) mod swar {
    pub const ONES: u64 = 0x0101_0101_0101_0101;
    pub const TOP_BITS: u64 = 0x80 * ONES;

    /// The flags of the bytes of `x` that lie in `lo..=hi`, both ASCII.
    /// Each byte is compared in its seven low bits, so that no sum carries
    /// into the next; bytes from 0x80 up, parts of wider characters, are
    /// never flagged.
    pub const fn bytes_within(x: u64, lo: u8, hi: u8) -> u64 {
        let low = x & !TOP_BITS;
        let at_least_lo = low + (0x80 - lo as u64) * ONES;
        let above_hi = low + (0x7F - hi as u64) * ONES;
        at_least_lo & !above_hi & !x & TOP_BITS
    }

    /// [`bytes_within`] for the sixteen bytes of `x`, as its two halves.
    pub const fn bytes_within_16(x: u128, lo: u8, hi: u8) -> u128 {
        let low = bytes_within(x as u64, lo, hi) as u128;
        let high = bytes_within((x >> 64) as u64, lo, hi) as u128;
        low | high << 64
    }

    /// `x` with its ASCII capitals lowered: a capital's flag (`0x80`)
    /// shifted to its case bit (`0x20`).
    pub const fn lower_ascii_16(x: u128) -> u128 {
        x | bytes_within_16(x, b'A', b'Z') >> 2
    }

    /// The flags of the ASCII letters and digits of `x`.
    pub const fn alphanumeric(x: u64) -> u64 {
        bytes_within(x | (0x20 * ONES), b'a', b'z') | bytes_within(x, b'0', b'9')
    }

    /// The flags of `x` (a byte's top bit) gathered into its low eight
    /// bits, the first byte's lowest: one multiply moves each flag to its
    /// place in the top byte, and no two products meet, so none carries.
    pub const fn flag_bits(flags: u64) -> u64 {
        (flags & TOP_BITS).wrapping_mul(0x0002_0408_1020_4081) >> 56
    }
}

/// Where the first byte of `bytes` from `at` on that `is` is, or the end:
/// eight bytes at a time by their `flags` (as `swar` makes them, the top
/// bits of the same bytes as `is`), the last few one at a time. Text is
/// searched so for the end of a word or a phrase's word, where a byte at a
/// time cost several times as much.
#[inline]
pub(crate) fn first_from(bytes: &[u8], mut at: usize, flags: impl Fn(u64) -> u64, is: impl Fn(u8) -> bool) -> usize {
    while let Some(block) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let found = flags(u64::from_le_bytes(*block));
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(|&b| !is(b)) {
        at += 1;
    }
    at
}

/// Where the run of ASCII letters and digits from `i` ends: eight bytes at
/// a time, as the words of a report mostly fill one block or more.
#[inline]
pub(crate) fn alphanumeric_end(bytes: &[u8], mut i: usize) -> usize {
    // Not a call of `first_from`, the same search made general: so written,
    // the word splitters that call it cost 5.5M instructions a copy more.
    while let Some(block) = bytes.get(i..i + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
        let others = !swar::alphanumeric(u64::from_le_bytes(block)) & swar::TOP_BITS;
        if others != 0 {
            return i + others.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)]) {
        i += 1;
    }
    i
}

/// Where the run of ASCII letters and digits from `start` in `text` ends, at
/// `end` at the latest, with the sixteen bytes from `start` (little-endian,
/// zeros past the end of `text`) it classes at once to find it: a run is
/// mostly one word, and a word is mostly shorter than sixteen bytes. They
/// are loaded past `end`, the sentence's, where the text goes on, so that
/// only the last words of a report, not of each sentence, are copied out.
/// The word splitters of events and attribution start every word with it.
#[inline]
pub(crate) fn letters_run(text: &[u8], start: usize, end: usize) -> (usize, u128) {
    let loaded = match text.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => u128::from_le_bytes(*chunk),
        None => {
            let mut chunk = [0; 16];
            let rest = text.get(start..).unwrap_or_default();
            chunk[..rest.len()].copy_from_slice(rest);
            u128::from_le_bytes(chunk)
        }
    };
    // A bit past the sixteen ends the run at the latest there.
    let run = start + (!u32::from(alphanumeric_bits(loaded))).trailing_zeros() as usize;
    let letters_end = match run {
        run if run >= end => end,
        run if run == start + 16 => alphanumeric_end(&text[..end], run),
        run => run,
    };
    (letters_end, loaded)
}

/// The ASCII letters and digits of the sixteen bytes of `x` (little-endian)
/// as bits, bit `k` byte `k`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn alphanumeric_bits(x: u128) -> u16 {
    // SAFETY: the build enables SSE2, which every x86_64 processor has.
    unsafe { alphanumeric_bits_sse2(x) }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn alphanumeric_bits(x: u128) -> u16 {
    alphanumeric_bits_swar(x)
}

/// `alphanumeric_bits` with one compare of all sixteen bytes for each range
/// and the bits gathered by one `movemask`, where the eight-byte blocks took
/// some twice the instructions.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn alphanumeric_bits_sse2(x: u128) -> u16 {
    use std::arch::x86_64::_mm_movemask_epi8;
    _mm_movemask_epi8(sse2::alphanumeric(sse2::load(x))) as u16
}

/// `alphanumeric_bits` eight bytes at a time, in a `u64`.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2"),
    allow(dead_code, reason = "here only the tests' reference for the SSE2 bits")
)]
fn alphanumeric_bits_swar(x: u128) -> u16 {
    let half = |h: u64| swar::flag_bits(swar::alphanumeric(h)) as u16;
    half(x as u64) | half((x >> 64) as u64) << 8
}

/// Where the next byte from `at` that starts a multi-byte character
/// (0b11xx_xxxx) is: eight bytes at a time, as even a text with some such
/// characters is mostly ASCII.
fn next_wide_start(bytes: &[u8], at: usize) -> Option<usize> {
    // A byte's top bit, where the bit below it is set too.
    let starts = |block: u64| block & block << 1 & swar::TOP_BITS;
    Some(first_from(bytes, at, starts, |b| b >= 0xC0)).filter(|&i| i < bytes.len())
}

/// A report's decoded text with a byte-to-character index.
///
/// The pipeline works in byte offsets (what Rust slices take); the contract
/// counts characters. Pure-ASCII text, by far the commonest, needs no table.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    /// The text in ASCII lower case, at the same byte offsets: the later
    /// stages compare words case-blind there, and lowering it once spares
    /// each of them a copy of its own.
    lower: String,
    /// Byte offsets just past each multi-byte character, in order; the number
    /// of characters before byte `b` is `b` minus the extra bytes of the
    /// multi-byte characters that end at or before `b`.
    wide_ends: Vec<(usize, usize)>,
}

impl Text {
    pub fn new(text: String) -> Self {
        let mut wide_ends = Vec::new();
        if !text.is_ascii() {
            // The first byte of a multi-byte character (0b11xx_xxxx) gives
            // its length: a walk over bytes, without decoding characters.
            let bytes = text.as_bytes();
            let mut extra = 0;
            let mut at = 0;
            while let Some(i) = next_wide_start(bytes, at) {
                let b = bytes[i];
                let len = if b < 0xE0 {
                    2
                } else if b < 0xF0 {
                    3
                } else {
                    4
                };
                extra += len - 1;
                wide_ends.push((i + len, extra));
                at = i + 1;
            }
        }
        let lower = text.to_ascii_lowercase();
        Text { text, lower, wide_ends }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text in ASCII lower case (other characters as they are), at the
    /// same byte offsets as [`Text::as_str`].
    pub fn ascii_lowercase(&self) -> &str {
        &self.lower
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether the text is all ASCII: a character is then a byte, and the
    /// searches for wide characters can be skipped.
    pub fn is_ascii(&self) -> bool {
        self.wide_ends.is_empty()
    }

    /// The character offset of byte offset `byte` (which must be on a
    /// character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.wide_ends.is_empty() {
            return byte;
        }
        let n = self.wide_ends.partition_point(|&(end, _)| end <= byte);
        let extra = if n == 0 { 0 } else { self.wide_ends[n - 1].1 };
        byte - extra
    }

    /// The contract span of a byte range.
    pub fn span(&self, bytes: Range<usize>) -> Span {
        Span {
            text: self.text[bytes.clone()].to_string(),
            start: self.char_offset(bytes.start),
            end: self.char_offset(bytes.end),
            bytes,
        }
    }
}

/// Narrow a byte range so that it starts and ends on non-whitespace.
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start >= end { start..start } else { start..end }
}

/// The leftmost-longest matches of `words` in `haystack` that `whole`
/// accepts (it is given a match's byte range), in order, not overlapping. A
/// match that `whole` turns away, one inside a word, does not hide the
/// matches that start within it: the search goes on from the byte after its
/// start, not from its end (`gchemical attack` still holds `attack`).
pub fn whole_matches<'h, W>(
    words: &'h aho_corasick::AhoCorasick,
    haystack: &'h str,
    whole: W,
) -> impl Iterator<Item = aho_corasick::Match> + 'h
where
    W: Fn(Range<usize>) -> bool + 'h,
{
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= haystack.len() {
            let m = words.find(aho_corasick::Input::new(haystack).range(at..))?;
            if whole(m.range()) {
                at = m.end().max(m.start() + 1);
                return Some(m);
            }
            at = m.start() + 1;
        }
        None
    })
}

/// SSE2 byte-class tests of sixteen bytes at once, for the tokenizers'
/// reads: each byte of a result is all ones where the byte is in the class.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod sse2 {
    use std::arch::x86_64::{__m128i, _mm_add_epi8, _mm_cmplt_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8};

    /// The sixteen bytes of `x`, little-endian, in a register.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn load(x: u128) -> __m128i {
        _mm_set_epi64x((x >> 64) as i64, x as i64)
    }

    /// The bytes of `x` in `lo..=hi`: moved so that the range starts at
    /// `i8::MIN`, one signed compare finds them.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn within(x: __m128i, lo: u8, hi: u8) -> __m128i {
        let moved = _mm_add_epi8(x, _mm_set1_epi8(0x80_u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(moved, _mm_set1_epi8(i8::MIN + (hi - lo + 1) as i8))
    }

    /// The ASCII letters and digits of `x`.
    #[inline]
    #[target_feature(enable = "sse2")]
    pub(crate) fn alphanumeric(x: __m128i) -> __m128i {
        let letters = within(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z');
        _mm_or_si128(letters, within(x, b'0', b'9'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_boundaries_are_met_either_way_and_clamped_to_the_end() {
        let s = "aé’b";
        // `é` is bytes 1..3 and `’` bytes 3..6.
        assert_eq!((0..=8).map(|i| floor_char_boundary(s, i)).collect::<Vec<_>>(), [0, 1, 1, 3, 3, 3, 6, 7, 7]);
        assert_eq!((0..=8).map(|i| ceil_char_boundary(s, i)).collect::<Vec<_>>(), [0, 1, 3, 3, 6, 6, 6, 7, 7]);
    }

    proptest::proptest! {
        #[test]
        fn wide_starts_are_the_bytes_from_0xc0_up(s in "[a-z é’\u{10348}\u{7f}\u{80}]{0,40}", at in 0usize..44) {
            let bytes = s.as_bytes();
            let at = at.min(bytes.len());
            let expected = bytes[at..].iter().position(|&b| b >= 0xC0).map(|i| at + i);
            proptest::prop_assert_eq!(next_wide_start(bytes, at), expected);
        }
    }

    #[test]
    fn swar_alphanumeric_flags_what_the_table_says() {
        for b in 0..=u8::MAX {
            for filler in [0, b' ', b'a', b'Z', b'9', b'@', b'[', b'`', b'{', 0x80, 0xff] {
                for k in 0..8 {
                    let mut block = [filler; 8];
                    block[k] = b;
                    let flags = swar::alphanumeric(u64::from_le_bytes(block));
                    for (j, &c) in block.iter().enumerate() {
                        assert_eq!(
                            flags >> (8 * j + 7) & 1 == 1,
                            ASCII_ALPHANUMERIC[usize::from(c)],
                            "{block:?} at {j}"
                        );
                        assert_eq!(ASCII_ALPHANUMERIC[usize::from(c)], c.is_ascii_alphanumeric());
                    }
                    assert_eq!(flags & !swar::TOP_BITS, 0);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn flag_bits_are_the_top_bits_in_byte_order(block in proptest::num::u64::ANY) {
            let expected = (0..8).filter(|k| block >> (8 * k + 7) & 1 == 1).fold(0, |bits, k| bits | 1 << k);
            proptest::prop_assert_eq!(swar::flag_bits(block), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn sse2_alphanumeric_bits_are_the_swar_ones(x in proptest::num::u128::ANY, byte in proptest::num::u8::ANY, at in 0u32..16) {
            // A byte set at random among random ones, so that every byte is met.
            let x = x & !(0xFF << (8 * at)) | u128::from(byte) << (8 * at);
            proptest::prop_assert_eq!(alphanumeric_bits(x), alphanumeric_bits_swar(x));
        }

        /// A run stops where the one of the text cut at its end does, and
        /// its loaded bytes are the text's from its start.
        #[test]
        fn a_run_stops_where_the_cut_texts_does(
            s in r"[a-zA-Z09 ,.\-'\x00\u{e9}]{0,40}",
            start in 0usize..44,
            end in 0usize..44,
        ) {
            let bytes = s.as_bytes();
            let end = end.min(bytes.len());
            let start = start.min(end);
            let (letters_end, loaded) = letters_run(bytes, start, end);
            proptest::prop_assert_eq!(letters_end, alphanumeric_end(&bytes[..end], start));
            let mut first = [0; 16];
            for (to, from) in first.iter_mut().zip(&bytes[start..]) {
                *to = *from;
            }
            proptest::prop_assert_eq!(loaded, u128::from_le_bytes(first));
        }

    }

    #[test]
    fn ascii_offsets_are_byte_offsets() {
        let t = Text::new("SDF took Raqqa".into());
        let s = t.span(9..14);
        assert_eq!((s.text.as_str(), s.start, s.end), ("Raqqa", 9, 14));
        assert!(t.is_ascii());
        assert!(!Text::new("Caf\u{e9}".into()).is_ascii());
    }

    #[test]
    fn the_lowered_text_keeps_every_offset() {
        let t = Text::new("Ar-RAQQA \u{c9}TAT Café".into());
        assert_eq!(t.ascii_lowercase(), "ar-raqqa \u{c9}tat café");
        assert_eq!(t.ascii_lowercase().len(), t.len());
    }

    #[test]
    fn offsets_count_characters_after_wide_ones() {
        // BOM (3 bytes), 'é' (2 bytes), '—' (3 bytes)
        let t = Text::new("\u{feff}Café — Raqqa".into());
        let start = t.as_str().find("Raqqa").unwrap();
        let s = t.span(start..start + 5);
        let chars: Vec<char> = t.as_str().chars().collect();
        let expect: String = chars[s.start..s.end].iter().collect();
        assert_eq!(expect, "Raqqa");
        assert_eq!(s.start, 8);
    }

    proptest::proptest! {
        #[test]
        fn char_offsets_count_characters(s in "\\PC*") {
            let t = Text::new(s.clone());
            for (chars, (byte, _)) in s.char_indices().enumerate() {
                proptest::prop_assert_eq!(t.char_offset(byte), chars);
            }
            proptest::prop_assert_eq!(t.char_offset(s.len()), s.chars().count());
        }
    }

    #[test]
    fn trim_range_drops_outer_whitespace() {
        let text = "  a b \n";
        assert_eq!(trim_range(text, 0..text.len()), 2..5);
        assert_eq!(trim_range(text, 0..2), 2..2);
    }

    #[test]
    fn a_match_turned_away_inside_a_word_hides_nothing_after_it() {
        let words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(["chemical attack", "attack", "attacks"])
            .expect("the words build");
        let text = "the gchemical attack, two attacks, counterattacks";
        let bytes = text.as_bytes();
        let in_word = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_alphanumeric);
        let whole = |r: Range<usize>| !in_word(r.start.checked_sub(1)) && !in_word(Some(r.end));
        let found: Vec<&str> = whole_matches(&words, text, whole).map(|m| &text[m.range()]).collect();
        assert_eq!(found, ["attack", "attacks"]);
    }
}
