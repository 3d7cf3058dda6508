//! The tables words are looked up in, every word of every sentence: maps
//! keyed by strings with a fast hasher ([`FastMap`], [`FastSet`]), and short
//! lower-case words packed into one integer ([`WordKey`], [`WordMap`]), the
//! key by which the word lists of attribution, events and times are looked
//! up, as hashing or comparing one `u128` costs less than a string.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::text::swar;

/// A fast hasher for the look-up tables. Their keys are the project's own
/// data; reports' words are only looked up, never inserted, so SipHash's
/// protection against crafted collisions buys nothing here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut word = [0u8; 8];
        let rest = chunks.remainder();
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ (rest.len() as u64) << 56);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// A lower-case word of at most [`KEY_BYTES`] bytes packed into one number,
/// its length in the top byte: the list look-up made for every token then
/// hashes and compares one integer instead of a string.
pub type WordKey = u128;
pub const KEY_BYTES: usize = 15;

/// The key of `lower`, a word already in lower case, if it is short enough.
///
/// The word is copied out with room for a whole key and read in one load:
/// this is the key of every word too near the end of its text for
/// [`word_key_at`]'s load (a sentence's last words, a speaker's phrase),
/// where packing it a byte at a time costs more.
pub fn word_key(lower: &[u8]) -> Option<WordKey> {
    if lower.len() > KEY_BYTES {
        return None;
    }
    let mut bytes = [0; size_of::<WordKey>()];
    bytes[..lower.len()].copy_from_slice(lower);
    Some(WordKey::from_le_bytes(bytes) | (lower.len() as WordKey) << (8 * KEY_BYTES))
}

/// For each word length, the mask that keeps that many low bytes of a key:
/// a shift of a `u128` by a variable amount costs several instructions.
const KEY_MASKS: [WordKey; KEY_BYTES + 1] = {
    let mut masks = [0; KEY_BYTES + 1];
    let mut len = 1;
    while len <= KEY_BYTES {
        masks[len] = (1 << (8 * len)) - 1;
        len += 1;
    }
    masks
};

/// The [`word_key`] of the bytes `range` of `text`, read as one 16-byte load
/// and a mask where the text runs on far enough, rather than byte by byte.
pub fn word_key_at(text: &[u8], range: Range<usize>) -> Option<WordKey> {
    let len = range.len();
    if len > KEY_BYTES {
        return None;
    }
    let Some(chunk) = text.get(range.start..range.start + size_of::<WordKey>()) else {
        return text.get(range).and_then(word_key);
    };
    let chunk: [u8; size_of::<WordKey>()] = chunk.try_into().expect("the chunk is a key's size");
    Some(WordKey::from_le_bytes(chunk) & KEY_MASKS[len] | (len as WordKey) << (8 * KEY_BYTES))
}

/// The [`word_key`] of a word of `len` bytes, fewer than eight, that are
/// the low bytes of `block` (read little-endian): a scan that loaded them to
/// find the word's end gives them here rather than have them loaded again.
pub fn short_word_key(block: u64, len: usize) -> WordKey {
    debug_assert!(len < size_of::<u64>());
    // A mask from the table, as for the longer keys: a variable shift and
    // a subtraction cost more than the load, for every token of a text.
    let word = block & KEY_MASKS[len] as u64;
    WordKey::from(word) | (len as WordKey) << (8 * KEY_BYTES)
}

/// The key of `word` with its ASCII letters lowered, if it is short enough.
///
/// All its capitals are lowered at once in the key, for this is called for
/// words of the text, where lowering byte by byte costs more than the
/// look-up the key is for. The length byte is no capital, at most
/// [`KEY_BYTES`], and stays as it is.
pub fn folded_word_key(word: &[u8]) -> Option<WordKey> {
    word_key(word).map(swar::lower_ascii_16)
}

/// A key's two halves in one `u64`, for one multiply to hash: the high
/// half holds the length and any bytes past the eighth, rotated clear of
/// the low one's.
pub fn fold_halves(key: WordKey) -> u64 {
    key as u64 ^ ((key >> 64) as u64).rotate_left(32)
}

/// The slot of `folded` (a key folded into one `u64`, as by [`fold_halves`])
/// in an open-addressed table of `slots` slots, a power of two: Fibonacci
/// hashing, whose product's top bits depend on all of the key's. With
/// `slots` a constant, the slot is known to lie in the table.
#[inline]
pub fn fibonacci_slot(folded: u64, slots: usize) -> usize {
    debug_assert!(slots.is_power_of_two() && slots > 1);
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (u64::BITS - slots.trailing_zeros())) as usize
}

/// Keys (`u128`: a [`WordKey`], or a word's bytes as discovery loads them),
/// each found by its position among them, by open addressing: a look-up is a
/// multiply, and a load and a compare for each slot probed, where a
/// [`WordMap`]'s, hashed and probed by groups of slots, costs some fifty
/// instructions more. A [`KeyTable`] keeps a value beside each key.
#[derive(Debug)]
pub struct KeyIndex {
    keys: Vec<u128>,
    /// One more than the position of the key whose probe ends there; zero
    /// for a free slot. Positions rather than keys, so that the table zeroed
    /// when made is small.
    slots: [u16; KeyIndex::SLOTS],
}

impl Default for KeyIndex {
    fn default() -> Self {
        Self { keys: Vec::with_capacity(Self::MOST), slots: [0; Self::SLOTS] }
    }
}

impl KeyIndex {
    /// Some four times the words of a lexicon: a probe seldom goes past a
    /// slot or two. Fixed, so that a slot is its hash's top bits, and a
    /// probe's index needs no bounds check.
    pub const SLOTS: usize = 1 << 12;
    /// The most keys it takes: at most half full, as probes stay short; and
    /// never full, where a probe for an absent key would not end.
    pub const MOST: usize = Self::SLOTS / 2;

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The slot that holds `key`'s position, or the free one where it would go.
    #[inline]
    fn slot(&self, key: u128) -> usize {
        let mut at = fibonacci_slot(fold_halves(key), Self::SLOTS);
        while let Some(position) = usize::from(self.slots[at]).checked_sub(1)
            && self.keys[position] != key
        {
            at = (at + 1) % Self::SLOTS;
        }
        at
    }

    /// Where among the keys `key` is.
    #[inline]
    pub fn position(&self, key: u128) -> Option<usize> {
        usize::from(self.slots[self.slot(key)]).checked_sub(1)
    }

    /// Where among the keys `key` is, added last if new.
    pub fn insert(&mut self, key: u128) -> usize {
        let at = self.slot(key);
        if let Some(position) = usize::from(self.slots[at]).checked_sub(1) {
            return position;
        }
        assert!(self.keys.len() < Self::MOST, "more keys than KeyIndex::MOST");
        self.keys.push(key);
        self.slots[at] = u16::try_from(self.keys.len()).expect("SLOTS fit a u16");
        self.keys.len() - 1
    }
}

/// A value for each key of a [`KeyIndex`], kept beside it by the key's
/// position: the word lists of discovery, attribution and times, looked up
/// for most words of the sentences they read.
#[derive(Debug)]
pub struct KeyTable<V> {
    index: KeyIndex,
    values: Vec<V>,
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        // Room for as many as the index takes: no copy as they grow.
        Self { index: KeyIndex::default(), values: Vec::with_capacity(KeyIndex::MOST) }
    }
}

impl<V> KeyTable<V> {
    /// The number of keys.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value of `key`, made by `new` if the key is new.
    pub fn entry_or_insert_with(&mut self, key: u128, new: impl FnOnce() -> V) -> &mut V {
        let at = self.index.insert(key);
        if at == self.values.len() {
            self.values.push(new());
        }
        &mut self.values[at]
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: u128) -> Option<&V> {
        self.index.position(key).map(|at| &self.values[at])
    }
}

/// Hashes a [`WordKey`] with one multiply: its bytes are the word's own, and
/// SipHash or a byte-wise hash would cost more than the look-up.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // A folded multiply (as in FxHash and foldhash) spreads every input bit
        // over the high and low bits that hashbrown reads.
        let wide = u128::from(self.0 ^ n) * 0x9e37_79b9_7f4a_7c15;
        self.0 = (wide as u64) ^ ((wide >> 64) as u64);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(fold_halves(n));
    }
}

pub type KeyMap<V> = HashMap<WordKey, V, BuildHasherDefault<KeyHasher>>;

/// Values by lower-case word, found with the packed keys of the word lists;
/// the few words too long for a key are kept aside and compared as bytes.
#[derive(Debug)]
pub struct WordMap<V> {
    keyed: KeyMap<V>,
    long: Vec<(String, V)>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap { keyed: KeyMap::default(), long: Vec::new() }
    }
}

impl<V: Default> WordMap<V> {
    /// The value of `word` (in lower case), made if new.
    pub fn entry(&mut self, word: &str) -> &mut V {
        if let Some(key) = word_key(word.as_bytes()) {
            return self.keyed.entry(key).or_default();
        }
        let at = match self.long.iter().position(|(w, _)| w == word) {
            Some(at) => at,
            None => {
                self.long.push((word.to_string(), V::default()));
                self.long.len() - 1
            }
        };
        &mut self.long[at].1
    }
}

impl<V> WordMap<V> {
    /// The value of the word at `range` of `lower` (a text in lower case).
    pub fn get(&self, lower: &[u8], range: Range<usize>) -> Option<&V> {
        match word_key_at(lower, range.clone()) {
            Some(key) => self.keyed.get(&key),
            None => {
                let word = lower.get(range)?;
                self.long.iter().find(|(w, _)| w.as_bytes() == word).map(|(_, v)| v)
            }
        }
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.keyed.values_mut().chain(self.long.iter_mut().map(|(_, v)| v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The table finds what a map of the same keys does, full to its bound.
        #[test]
        fn a_key_index_finds_what_a_map_does(
            keys in proptest::collection::vec(proptest::num::u128::ANY, 0..KeyIndex::MOST - 64),
            low in proptest::collection::vec(0..64u128, 0..64),
            absent in proptest::collection::vec(proptest::num::u128::ANY, 0..64),
        ) {
            let mut index = KeyIndex::default();
            let mut map = std::collections::HashMap::new();
            for &key in keys.iter().chain(&low) {
                let next = map.len();
                proptest::prop_assert_eq!(index.insert(key), *map.entry(key).or_insert(next));
            }
            for key in keys.iter().chain(&low).chain(&absent) {
                proptest::prop_assert_eq!(index.position(*key), map.get(key).copied());
            }
        }

        /// The first value given a key is the one kept, as a map's `entry` keeps it.
        #[test]
        fn a_key_table_keeps_what_a_map_does(
            pairs in proptest::collection::vec((0..64u128, proptest::num::u8::ANY), 0..200),
            absent in proptest::collection::vec(64..u128::MAX, 0..16),
        ) {
            let mut table = KeyTable::default();
            let mut map = std::collections::HashMap::new();
            for &(key, value) in &pairs {
                proptest::prop_assert_eq!(*table.entry_or_insert_with(key, || value), *map.entry(key).or_insert(value));
            }
            proptest::prop_assert_eq!(table.len(), map.len());
            for key in pairs.iter().map(|&(key, _)| key).chain(absent) {
                proptest::prop_assert_eq!(table.get(key), map.get(&key));
            }
        }
    }

    #[test]
    fn folded_keys_are_the_lowered_words_keys() {
        assert_eq!(folded_word_key(b"Said"), word_key(b"said"));
        assert_eq!(folded_word_key(b"FIFTEEN-LETTERS"), word_key(b"fifteen-letters"));
        assert_eq!(folded_word_key(b"sixteen-letters!"), None);
        assert_ne!(word_key(b"a"), word_key(b"a\0"));
    }

    /// `word_key` as the word's bytes packed one by one, the first lowest.
    fn word_key_bytewise(lower: &[u8]) -> Option<WordKey> {
        let packed = lower.iter().rev().fold(0, |key: WordKey, &b| key << 8 | WordKey::from(b));
        (lower.len() <= KEY_BYTES).then_some(packed | (lower.len() as WordKey) << (8 * KEY_BYTES))
    }

    /// `folded_word_key` as the byte-by-byte lowering of the word, then its key.
    fn folded_word_key_bytewise(word: &[u8]) -> Option<WordKey> {
        word_key(&word.to_ascii_lowercase())
    }

    proptest::proptest! {
        #[test]
        fn a_key_is_the_words_bytes_packed_one_by_one(word in proptest::collection::vec(proptest::num::u8::ANY, 0..18)) {
            proptest::prop_assert_eq!(word_key(&word), word_key_bytewise(&word));
        }

        #[test]
        fn a_folded_key_is_the_bytewise_one(word in proptest::collection::vec(proptest::num::u8::ANY, 0..18)) {
            proptest::prop_assert_eq!(folded_word_key(&word), folded_word_key_bytewise(&word));
        }

        #[test]
        fn a_folded_key_is_the_bytewise_one_in_text(word in "[@A-Z\\[`a-z{\\x7f\\x00 .'é İK\u{212a}ſ]{0,17}") {
            proptest::prop_assert_eq!(folded_word_key(word.as_bytes()), folded_word_key_bytewise(word.as_bytes()));
        }
    }

    proptest::proptest! {
        #[test]
        fn short_keys_are_the_words_keys(block in proptest::num::u64::ANY, len in 0usize..8) {
            let bytes = block.to_le_bytes();
            proptest::prop_assert_eq!(Some(short_word_key(block, len)), word_key(&bytes[..len]));
        }

        #[test]
        fn loaded_keys_are_the_folded_ones(s in "[a-z ,'-]{0,40}", from in 0usize..40, len in 0usize..20) {
            let (from, to) = (from.min(s.len()), (from + len).min(s.len()));
            proptest::prop_assert_eq!(word_key_at(s.as_bytes(), from..to), word_key(&s.as_bytes()[from..to]));
        }
    }
}
