//! The gazetteer: actors and places with their aliases, loaded from the
//! embedded data files (`data/gazetteer/`, format in `data/README.md`) and any
//! the user adds, and matched against a text in one Aho-Corasick pass.
//!
//! Transliterations are normalised rather than listed one by one: each alias
//! is expanded into the spellings the Arabic article and hyphenation produce
//! (`al-Raqqa`, `Ar Raqqah`, `Deir ez-Zor`, `Deir Ezzor`), and every place also
//! gets a consonant skeleton (`Deir al-Zour` and `Dayr az-Zawr` are both
//! `dr zr`) that discovery looks capitalised names up by.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::error::GazetteerError;
use crate::model::EntityType;
use crate::text::swar;
use crate::words::{FastMap, FastSet, KEY_BYTES, KeyMap, folded_word_key, word_key};

/// The embedded data files, in priority order: when two entries claim the
/// same alias, the earlier file wins (hand-written before generated).
const EMBEDDED: &[(&str, &str)] = &[
    ("data/gazetteer/actors.txt", include_str!("../data/gazetteer/actors.txt")),
    ("data/gazetteer/peoples.txt", include_str!("../data/gazetteer/peoples.txt")),
    ("data/gazetteer/regions.txt", include_str!("../data/gazetteer/regions.txt")),
    ("data/gazetteer/places.txt", include_str!("../data/gazetteer/places.txt")),
];

/// Parsed and compiled once per process; `embedded()` hands out cheap clones.
/// Descriptions that name a state's forces without the state (`government
/// forces`), with each country's reading.
const GENERIC: &str = include_str!("../data/gazetteer/generic.txt");

static EMBEDDED_GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer { entries: Vec::new(), by_id: HashMap::new(), user_entries: 0, matcher: Arc::default() };
    for (file, contents) in EMBEDDED {
        // The embedded files are checked by the tests; a bad line cannot ship.
        if let Err(e) = g.add_entries(file, contents, false) {
            panic!("embedded gazetteer: {e}");
        }
    }
    g.rebuild();
    g
});

/// One actor or place.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub subtype: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    /// Every name it goes by, the canonical one included.
    pub aliases: Vec<String>,
}

impl Entry {
    /// Whether this is a country, the place (not its people or state).
    pub fn is_country(&self) -> bool {
        self.kind == EntityType::Location && self.subtype.as_deref() == Some("country")
    }
}

/// The loaded gazetteer, built once and shared by every worker.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// How many entries (at the end of `entries`) came from user files: they
    /// win alias conflicts.
    user_entries: usize,
    matcher: Arc<Matcher>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer::embedded()
    }
}

/// How a matched stretch of text must be capitalised for the alias to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Acronyms (`IS`, `US`, `SDF`): exactly as written, so `is` and `us` never match.
    Exact,
    /// Names (`Raqqa`, `Syrian army`): the text must start with a capital,
    /// or with a lower-case Arabic article before one (`al-Raqqa`).
    Capitalised,
    /// Descriptions written in lower case (`pro-government forces`): any case.
    Any,
}

#[derive(Debug, Clone)]
struct Pattern {
    entry: usize,
    rule: CaseRule,
    /// The variant as generated, for the exact-case check.
    text: String,
}

/// One byte trie, and the patterns its nodes end. Names are only ever
/// matched anchored at word starts, so a plain trie does what an
/// Aho-Corasick automaton would, without the failure links that cost most of
/// its building time. Keys are lower case, and the text's ASCII letters are
/// folded to match: the case rules are checked on the matched text after.
#[derive(Debug)]
struct Automaton {
    /// The nodes, each node's children consecutive (see `build` for the order).
    nodes: Vec<TrieNode>,
    /// The byte that leads to each node: a chain of only children (see
    /// `TrieNode::run`) is one slice of it.
    bytes: Vec<u8>,
    /// For each node with more than `INLINE_CHILDREN` children, the child
    /// each byte leads to, as its place among them plus one (0 for none).
    /// Such nodes are few and near the root, where most steps are taken,
    /// and a search of their many children cost some ten compares a step.
    child_tables: Vec<[u8; 256]>,
    /// The children of the root, by byte: most walks end within a step or two.
    root: Box<[u32; 256]>,
    /// The patterns, those a node ends consecutive, in the order they were given.
    patterns: Vec<Pattern>,
    /// Which words can start a key, read before the walk: most word starts
    /// start no key, and a walk that fails two or three nodes down loads
    /// nodes from all over the trie, where these few kilobytes stay cached.
    starts: StartFilter,
}

/// What the first bytes of a text must be for some key to match there: a
/// key's one byte, a two-byte key, or (hashed, so a false yes only costs a
/// walk) the first three bytes of a longer key; and the first two bytes of
/// any key, for the lower-case gate (`lower_starts`).
#[derive(Debug, Default)]
struct StartFilter {
    one: [u64; 4],
    pairs: Bits16,
    two: Bits16,
    three: Bits16,
}

/// A set of 16-bit numbers (two bytes, or a hash), a bit each: 8 KiB, and
/// a look-up needs no bounds check.
#[derive(Debug)]
struct Bits16(Box<[u64; 1024]>);

impl Default for Bits16 {
    fn default() -> Self {
        Bits16(Box::new([0; 1024]))
    }
}

impl Bits16 {
    fn insert(&mut self, i: u16) {
        self.0[usize::from(i / 64)] |= 1 << (i % 64);
    }

    fn contains(&self, i: u16) -> bool {
        self.0[usize::from(i / 64)] & (1 << (i % 64)) != 0
    }
}

impl StartFilter {
    fn two_bit(b0: u8, b1: u8) -> u16 {
        u16::from_be_bytes([b0, b1])
    }

    fn three_bit(b0: u8, b1: u8, b2: u8) -> u16 {
        let packed = u32::from(b0) << 16 | u32::from(b1) << 8 | u32::from(b2);
        // Fibonacci hashing to 16 bits: with some 6,000 keys, few words
        // that start none pass (at 14 bits, a third of them did).
        (packed.wrapping_mul(0x9E37_79B1) >> 16) as u16
    }

    fn has_one(&self, b0: u8) -> bool {
        self.one[usize::from(b0 / 64)] & (1 << (b0 % 64)) != 0
    }

    fn add(&mut self, key: &[u8]) {
        match *key {
            [] => {}
            [b0] => self.one[usize::from(b0 / 64)] |= 1 << (b0 % 64),
            [b0, b1, ref rest @ ..] => {
                self.pairs.insert(Self::two_bit(b0, b1));
                match *rest {
                    [] => self.two.insert(Self::two_bit(b0, b1)),
                    [b2, ..] => self.three.insert(Self::three_bit(b0, b1, b2)),
                }
            }
        }
    }

    /// Whether some key may start with the (folded) bytes `b0` and `b1`, the
    /// text ending after `b0` when `b1` is 0; false only when none does.
    fn may_start_pair(&self, b0: u8, b1: u8) -> bool {
        self.has_one(b0) || self.pairs.contains(Self::two_bit(b0, b1))
    }

    /// Whether some key may start the (folded) bytes `b`; false only when none does.
    fn may_start(&self, b: [Option<u8>; 3]) -> bool {
        match b {
            // Most words that pass start a longer key: its hashed bytes
            // are looked up first, and alone (`pairs` would only turn
            // away a few of the hash's false yeses).
            [Some(b0), Some(b1), Some(b2)] => {
                self.three.contains(Self::three_bit(b0, b1, b2))
                    || self.two.contains(Self::two_bit(b0, b1))
                    || self.has_one(b0)
            }
            // Near the end of the text: the walk is short anyway.
            _ => true,
        }
    }
}

/// A trie node: the patterns whose key ends here, `patterns..patterns +
/// ends`, and its children, the nodes `first_child..first_child + children`.
#[derive(Debug, Clone, Copy)]
struct TrieNode {
    patterns: u32,
    first_child: u32,
    /// At most 256, one per byte.
    children: u16,
    /// Several patterns share a key when their case tells them apart
    /// (`US` and `Us`), or when one is a name and another a description.
    ends: u16,
    /// How many nodes from `first_child` on are a chain of only children
    /// that end no pattern but (maybe) the last: most of a long name. They
    /// are consecutive, so a walk compares their bytes with the text's at
    /// once rather than stepping node by node. 0 unless the node has one child.
    run: u8,
    /// The children's bytes when there are at most `INLINE_CHILDREN`: a step
    /// of a walk then reads one node, not the node and, elsewhere in memory,
    /// its children's bytes. Otherwise the number of the node's table in
    /// `Automaton::child_tables`, little-endian (see `ChildTable`).
    child_bytes: [u8; INLINE_CHILDREN],
}

const INLINE_CHILDREN: usize = 3;

/// The number of a node's child table, kept in the node's `child_bytes`
/// (which it has no use for) so that a node stays 16 bytes, four a cache line.
struct ChildTable;

impl ChildTable {
    fn to_bytes(number: usize) -> Option<[u8; INLINE_CHILDREN]> {
        let number = u32::try_from(number).ok().filter(|&n| n < 1 << 24)?;
        let [b0, b1, b2, _] = number.to_le_bytes();
        Some([b0, b1, b2])
    }

    fn from_bytes([b0, b1, b2]: [u8; INLINE_CHILDREN]) -> usize {
        u32::from_le_bytes([b0, b1, b2, 0]) as usize
    }
}

/// A node while the trie is built: its children form a list through `next_sibling`.
#[derive(Debug, Clone, Copy)]
struct BuildNode {
    byte: u8,
    first_child: u32,
    next_sibling: u32,
}

const NONE: u32 = u32::MAX;

#[derive(Debug, Default)]
struct Matcher {
    /// Every name, walked from words that start with a capital or an
    /// Arabic article: acronyms (`IS`, whose case is checked after), names
    /// and descriptions, so that such a word is walked once.
    capitalised: Option<Automaton>,
    /// Names that start in lower case (`pro-government forces`, `anti-IS
    /// coalition`): few, walked from every other word.
    descriptions: Option<Automaton>,
    /// The first two bytes, as written, of the lower-case and digit word
    /// starts that may open a name: an Arabic article's (`al-Raqqa`) or a
    /// description's. Three words in four start in lower case and almost
    /// none of them opens one: this one look-up turns them away before any
    /// article check or walk.
    lower_starts: Bits16,
    /// The first three bytes (the second and third folded) of those that
    /// may, hashed: an article and its hyphen or space (`al-`, `ash`), or a
    /// description's first three bytes. The pairs of common words pass
    /// `lower_starts` (`al` of `also`, `re` of `rebels`): this turns them away.
    lower_triples: Bits16,
    /// Lower-cased alias (no variants) → entry, for looking up discovered names.
    names: FastMap<String, usize>,
    /// Consonant skeleton → place entry.
    skeletons: FastMap<String, usize>,
    /// The first words of `names`' and `skeletons`' keys: most capitalised
    /// runs discovery looks up start with none of them, and are turned
    /// away once their first word is folded, not all their words.
    name_first_words: WordSet,
    skeleton_first_words: WordSet,
    /// `names` and `skeletons` by packed key, for their keys short enough:
    /// one short word, which most look-ups from discovery are, is found
    /// with no key string built.
    packed_names: KeyMap<usize>,
    packed_skeletons: KeyMap<usize>,
    /// ISO code → the country's entry, and its nationality's.
    countries: FastMap<String, usize>,
    nationalities: FastMap<String, usize>,
    /// A description without its state (`government forces`) → each
    /// country's reading of it, as (ISO code, entry).
    generic: FastMap<String, Vec<(String, usize)>>,
    /// The lengths of `generic`'s keys, as `length_bit`s.
    generic_lengths: u64,
}

/// `Matcher::lower_starts` for these descriptions: a pair of bytes is in
/// it when an article starts with it, or a description may (the text ending
/// after the first byte when the second is 0).
fn lower_starts(descriptions: Option<&Automaton>) -> Bits16 {
    let mut pairs = Bits16::default();
    for b0 in (b'0'..=b'9').chain(b'a'..=b'z') {
        for b1 in 0..=u8::MAX {
            let article = ARTICLES.iter().any(|a| a.as_bytes()[..2] == [b0, b1]);
            let description = descriptions.is_some_and(|d| d.starts.may_start_pair(b0, b1.to_ascii_lowercase()));
            if article || description {
                pairs.insert(StartFilter::two_bit(b0, b1));
            }
        }
    }
    pairs
}

impl Matcher {
    /// Whether a word start not in capitals, `rest` the text from it on, may
    /// open a name (after an article, or a description); false only when
    /// it opens none.
    fn lower_may_open(&self, rest: &[u8]) -> bool {
        match *rest {
            [b0, b1, b2, ..] => {
                self.lower_starts.contains(StartFilter::two_bit(b0, b1))
                    && self.lower_triples.contains(StartFilter::three_bit(
                        b0,
                        b1.to_ascii_lowercase(),
                        b2.to_ascii_lowercase(),
                    ))
            }
            [b0, b1] => self.lower_starts.contains(StartFilter::two_bit(b0, b1)),
            [b0] => self.lower_starts.contains(StartFilter::two_bit(b0, 0)),
            [] => false,
        }
    }
}

/// `Matcher::lower_triples` for these description keys.
fn lower_triples<'a>(description_keys: impl IntoIterator<Item = &'a str>) -> Bits16 {
    let mut triples = Bits16::default();
    let articles = ARTICLES.iter().flat_map(|a| match *a.as_bytes() {
        [b0, b1] => vec![[b0, b1, b'-'], [b0, b1, b' ']],
        [b0, b1, b2, ..] => vec![[b0, b1, b2]],
        _ => Vec::new(),
    });
    for [b0, b1, b2] in articles {
        triples.insert(StartFilter::three_bit(b0, b1, b2));
    }
    for key in description_keys {
        // A key shorter than three bytes starts every text that starts with it.
        match *key.as_bytes() {
            [] => {}
            [b0] => (0..=u8::MAX)
                .for_each(|b1| (0..=u8::MAX).for_each(|b2| triples.insert(StartFilter::three_bit(b0, b1, b2)))),
            [b0, b1] => (0..=u8::MAX).for_each(|b2| triples.insert(StartFilter::three_bit(b0, b1, b2))),
            [b0, b1, b2, ..] => triples.insert(StartFilter::three_bit(b0, b1, b2)),
        }
    }
    triples
}

/// A length's bit in a set of lengths; lengths from 63 on share one.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// A gazetteer hit in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub bytes: Range<usize>,
    pub entry: usize,
}

/// The hits of `Gazetteer::find_from` in one stretch, with its working
/// space: one serves every stretch of a report, so that finding names
/// allocates once a report, not for every stretch.
#[derive(Debug, Default)]
pub(crate) struct Hits {
    pub found: Vec<Hit>,
    /// The patterns whose keys the text has at a word start, by key.
    candidates: Vec<(Range<u32>, usize)>,
}

impl Hits {
    /// Room for `hits` hits in a stretch, and for a few keys at a start.
    pub(crate) fn with_capacity(hits: usize) -> Self {
        Self { found: Vec::with_capacity(hits), candidates: Vec::with_capacity(4) }
    }
}

impl Automaton {
    /// The trie of `keyed`'s keys; a node ends its keys' patterns in the
    /// order given.
    fn build(keyed: Vec<(String, Pattern)>) -> Option<Automaton> {
        let mut starts = StartFilter::default();
        for (key, _) in &keyed {
            starts.add(key.as_bytes());
        }
        let mut nodes: Vec<BuildNode> = Vec::new();
        let mut roots = [NONE; 256];
        let new_node = |nodes: &mut Vec<BuildNode>, byte: u8| -> Option<u32> {
            let id = u32::try_from(nodes.len()).ok().filter(|&id| id != NONE)?;
            nodes.push(BuildNode { byte, first_child: NONE, next_sibling: NONE });
            Some(id)
        };
        // The node (old numbering) each pattern ends at.
        let mut ends: Vec<u32> = Vec::with_capacity(keyed.len());
        for (key, _) in &keyed {
            let bytes = key.as_bytes();
            let Some((&first, rest)) = bytes.split_first() else {
                ends.push(NONE);
                continue;
            };
            let mut node = match roots[usize::from(first)] {
                NONE => {
                    let id = new_node(&mut nodes, first)?;
                    roots[usize::from(first)] = id;
                    id
                }
                id => id,
            };
            for &b in rest {
                let mut child = nodes[node as usize].first_child;
                while child != NONE && nodes[child as usize].byte != b {
                    child = nodes[child as usize].next_sibling;
                }
                if child == NONE {
                    child = new_node(&mut nodes, b)?;
                    nodes[child as usize].next_sibling = nodes[node as usize].first_child;
                    nodes[node as usize].first_child = child;
                }
                node = child;
            }
            ends.push(node);
        }
        // Renumber so that each node's children are one block, in byte order,
        // and a node's block comes as soon after it as the blocks of the
        // subtrees before it allow: depth first by blocks. The chain of only
        // children that the rest of a long name makes is then consecutive in
        // memory, and a walk down it reads one cache line after another.
        let mut order: Vec<u32> = roots.iter().copied().filter(|&id| id != NONE).collect();
        let root_count = order.len();
        let placeholder = TrieNode {
            patterns: 0,
            first_child: NONE,
            children: 0,
            ends: 0,
            run: 0,
            child_bytes: [0; INLINE_CHILDREN],
        };
        let mut laid_out = vec![placeholder; nodes.len()];
        let mut child_tables = Vec::new();
        let mut renumbered = vec![NONE; nodes.len()];
        // New indices whose children are still to be placed, the next on top.
        let mut pending: Vec<u32> = (0..u32::try_from(root_count).ok()?).rev().collect();
        while let Some(new) = pending.pop() {
            let old_id = order[new as usize];
            renumbered[old_id as usize] = new;
            let old = &nodes[old_id as usize];
            let first_child = u32::try_from(order.len()).ok()?;
            let from = order.len();
            let mut child = old.first_child;
            while child != NONE {
                order.push(child);
                child = nodes[child as usize].next_sibling;
            }
            order[from..].sort_by_key(|&id| nodes[id as usize].byte);
            let children = u16::try_from(order.len() - from).ok()?;
            let mut child_bytes = [0; INLINE_CHILDREN];
            if usize::from(children) <= INLINE_CHILDREN {
                for (slot, &id) in child_bytes.iter_mut().zip(&order[from..]) {
                    *slot = nodes[id as usize].byte;
                }
            } else {
                child_bytes = ChildTable::to_bytes(child_tables.len())?;
                let mut table = [0; 256];
                for (k, &id) in order[from..].iter().enumerate() {
                    // Keys are UTF-8, which never uses some bytes: a node has
                    // fewer than 256 children, and `k + 1` fits.
                    table[usize::from(nodes[id as usize].byte)] = u8::try_from(k + 1).ok()?;
                }
                child_tables.push(table);
            }
            laid_out[new as usize] = TrieNode { first_child, children, child_bytes, ..placeholder };
            pending.extend((first_child..first_child + u32::from(children)).rev());
        }
        // The patterns in node order, each node's in the order given (a
        // stable sort), so that a node holds a range of them.
        let mut ending: Vec<(u32, Pattern)> = ends
            .into_iter()
            .zip(keyed)
            .filter(|&(node, _)| node != NONE)
            .map(|(node, (_, pattern))| (renumbered[node as usize], pattern))
            .collect();
        ending.sort_by_key(|&(node, _)| node);
        let mut patterns = Vec::with_capacity(ending.len());
        for (node, pattern) in ending {
            let n = &mut laid_out[node as usize];
            if n.ends == 0 {
                n.patterns = u32::try_from(patterns.len()).ok()?;
            }
            n.ends = n.ends.checked_add(1)?;
            patterns.push(pattern);
        }
        // A node's children come after it: its child's run is known first.
        for k in (0..laid_out.len()).rev() {
            let n = laid_out[k];
            if n.children == 1 {
                let child = &laid_out[n.first_child as usize];
                let chained = if child.ends == 0 { child.run } else { 0 };
                laid_out[k].run = chained.saturating_add(1);
            }
        }
        let bytes: Vec<u8> = order.iter().map(|&old| nodes[old as usize].byte).collect();
        let mut root = Box::new([NONE; 256]);
        for (new, &old) in order[..root_count].iter().enumerate() {
            root[usize::from(nodes[old as usize].byte)] = u32::try_from(new).ok()?;
        }
        Some(Automaton { nodes: laid_out, bytes, child_tables, root, patterns, starts })
    }

    /// Every pattern whose key is the text from `at` on, ASCII case folded,
    /// as (patterns, length), the patterns of a key being a range of them:
    /// shortest first, and those of one key in the order given.
    fn matches_at(&self, bytes: &[u8], at: usize, out: &mut Vec<(Range<u32>, usize)>) {
        let Some(rest) = bytes.get(at..) else { return };
        let fold = |k: usize| rest.get(k).map(|&b| FOLDED[usize::from(b)]);
        let Some(first) = fold(0) else { return };
        if !self.starts.may_start([Some(first), fold(1), fold(2)]) {
            return;
        }
        let mut node = self.root[usize::from(first)];
        let mut len = 1;
        while node != NONE {
            let n = &self.nodes[node as usize];
            if n.ends != 0 {
                out.push((n.patterns..n.patterns + u32::from(n.ends), len));
            }
            if n.run != 0 {
                let (first, run) = (n.first_child as usize, usize::from(n.run));
                let Some(text) = rest.get(len..len + run) else { return };
                if !text.iter().zip(&self.bytes[first..first + run]).all(|(t, k)| FOLDED[usize::from(*t)] == *k) {
                    return;
                }
                node = (first + run - 1) as u32;
                len += run;
                continue;
            }
            let Some(b) = fold(len) else { return };
            node = self.child(n, b);
            len += 1;
        }
    }

    /// The child of node `n` that byte `b` (folded) leads to, or `NONE`.
    #[inline]
    fn child(&self, n: &TrieNode, b: u8) -> u32 {
        let children = usize::from(n.children);
        let k = if children <= INLINE_CHILDREN {
            n.child_bytes[..children].iter().position(|&c| c == b)
        } else {
            let table = &self.child_tables[ChildTable::from_bytes(n.child_bytes)];
            usize::from(table[usize::from(b)]).checked_sub(1)
        };
        // Node numbers fit a u32 (`build` checks it).
        k.map_or(NONE, |k| n.first_child + k as u32)
    }
}

impl Gazetteer {
    /// The gazetteer embedded in the binary.
    pub fn embedded() -> Self {
        EMBEDDED_GAZETTEER.clone()
    }

    /// Add or override entries from a user's file in the same format. An entry
    /// whose id exists already updates it: fields given replace the old ones,
    /// empty fields keep them, aliases are added; its aliases then win over
    /// any other entry's.
    pub fn extend_from_str(&mut self, file: &str, contents: &str) -> Result<(), GazetteerError> {
        self.add_entries(file, contents, true)?;
        self.rebuild();
        Ok(())
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every gazetteer name in `text[range]`, leftmost-longest, not overlapping,
    /// in order. Byte offsets are into `text`.
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<Hit> {
        let Some(slice) = text.get(range.clone()) else { return Vec::new() };
        let from = range.start;
        let mut hits = Hits::default();
        let may_open = |&i: &usize| self.may_open_name(&slice.as_bytes()[i..]);
        self.find_from(text, range, NameStarts::new(slice).filter(may_open).map(|i| from + i), &mut hits);
        hits.found
    }

    /// `find` into `hits`, given where a name can start in `text[range]`, in
    /// order, as byte offsets into `text`: the offsets `NameStarts` gives for
    /// the range that `may_open_name` lets through, no more and no fewer. A
    /// caller that has split the range into words knows them from its words,
    /// and saves this a scan of every byte; it turns away the starts that
    /// open no name as it meets them, most of the lower-case words, which
    /// are then never kept and read back.
    pub(crate) fn find_from(
        &self,
        text: &str,
        range: Range<usize>,
        starts: impl IntoIterator<Item = usize>,
        hits: &mut Hits,
    ) {
        let Hits { found: out, candidates } = hits;
        out.clear();
        let Some(slice) = text.get(range.clone()) else { return };
        let bytes = slice.as_bytes();
        let m = &*self.matcher;
        let mut resume = 0;
        for start in starts {
            let i = start - range.start;
            if i < resume {
                continue;
            }
            let first = bytes[i];
            // Acronyms and names start with a capital (or an article: `al-Raqqa`).
            let capital = first.is_ascii_uppercase() || article_at(&bytes[i..]);
            let Some(automaton) = (if capital { &m.capitalised } else { &m.descriptions }) else { continue };
            candidates.clear();
            automaton.matches_at(bytes, i, candidates);
            // After a letter, a digit or `_`, no key is a name: asked once
            // of the start, not of each key found there.
            if candidates.is_empty() || !opens_word(text, range.start + i) {
                continue;
            }
            // The longest that passes the checks (`Syrian armymen` falls back
            // to `Syrian`); of one key, the last given (a description, then
            // a name, then an acronym).
            let hit = candidates.iter().rev().find_map(|(pids, len)| {
                let (start, end) = (range.start + i, range.start + i + len);
                pids.clone().rev().find_map(|pid| {
                    let pattern = &automaton.patterns[pid as usize];
                    accept(text, start, end, pattern).map(|end| Hit { bytes: start..end, entry: pattern.entry })
                })
            });
            if let Some(hit) = hit {
                resume = hit.bytes.end - range.start;
                out.push(hit);
            }
        }
    }

    /// Whether a name may start at the first byte of `rest`, the text of a
    /// stretch from a start `NameStarts` gives: false only when none does.
    #[inline]
    pub(crate) fn may_open_name(&self, rest: &[u8]) -> bool {
        rest.first().is_some_and(u8::is_ascii_uppercase) || self.matcher.lower_may_open(rest)
    }

    /// The country with this ISO code.
    pub fn country(&self, code: &str) -> Option<usize> {
        self.matcher.countries.get(code).copied()
    }

    /// The nationality (`Syrian`) of the country with this ISO code.
    pub fn nationality(&self, code: &str) -> Option<usize> {
        self.matcher.nationalities.get(code).copied()
    }

    /// Each country's reading of a description that names no state
    /// (`government forces`), when the gazetteer knows it as one.
    pub fn generic_readings(&self, description: &str) -> Option<&[(String, usize)]> {
        self.matcher.generic.get(description).map(Vec::as_slice)
    }

    /// Whether a mention, in any case, may be a description that
    /// `generic_readings` knows: false when its length rules it out, as it
    /// does for almost every mention.
    pub fn may_be_generic(&self, mention: &str) -> bool {
        // Lower-casing keeps an ASCII mention's length.
        !mention.is_ascii() || self.matcher.generic_lengths & length_bit(mention.len()) != 0
    }

    /// The entry one of whose names this is, in any case and spacing.
    pub fn lookup_name(&self, name: &str) -> Option<usize> {
        let m = &*self.matcher;
        // No space, dash or apostrophe: `fold_key` only lowers the word.
        let plain = |b: u8| b.is_ascii_graphic() && !matches!(b, b'\'' | b'`' | b'-');
        if name.bytes().all(plain)
            && let Some(key) = folded_word_key(name.as_bytes())
        {
            return m.packed_names.get(&key).copied();
        }
        // A short ASCII name's key, never longer, is folded on the stack.
        let mut on_stack = [0; 64];
        if name.is_ascii()
            && let Some(out) = on_stack.get_mut(..name.len())
        {
            let len = fold_ascii_key(name, out, |first| m.name_first_words.contains(first))?;
            // An ASCII name's key is ASCII.
            return m.names.get(std::str::from_utf8(&out[..len]).ok()?).copied();
        }
        let mut key = String::with_capacity(name.len());
        let known_start = |first: &str| m.name_first_words.contains(first.as_bytes());
        fold_key_into(name, &mut key, known_start).then(|| m.names.get(&key).copied()).flatten()
    }

    /// Whether a name that opens with `text`'s first `len` bytes as a whole
    /// word, any `text[..k]` with `k >= len`, may be one that `lookup_name`,
    /// `lookup_skeleton` or `lookup_place_skeleton` finds. False only when
    /// that word, of ASCII letters, ends `text` or is followed by a space,
    /// dash, tab or newline, and neither opens a name's key nor its skeleton
    /// a place's: one fold and two set look-ups turn away all the prefixes
    /// of a run that most headline runs' first words open, where each
    /// look-up would fold again.
    pub fn may_know_names_opening(&self, text: &str, len: usize) -> bool {
        let m = &*self.matcher;
        // No verdict on a word past the text's end.
        let Some(word) = text.as_bytes().get(..len) else { return true };
        let whole = text.as_bytes().get(len).is_none_or(|b| matches!(b, b' ' | b'-' | b'\t' | b'\n'));
        // `The` is stripped from a name and an article dropped from its
        // skeleton: the key then opens with another word.
        if !whole || !word.iter().all(u8::is_ascii_alphabetic) || word.eq_ignore_ascii_case(b"the") {
            return true;
        }
        let Some(unarticled) = without_article(word) else { return true };
        // Folded on the stack: a longer word is let through.
        let mut folded = [0; 32];
        if len > folded.len() {
            return true;
        }
        folded[..len].copy_from_slice(word);
        folded[..len].make_ascii_lowercase();
        let mut skeleton = [0; 32];
        let mut skeleton_len = 0;
        word_skeleton(unarticled, true, |b| {
            skeleton[skeleton_len] = b;
            skeleton_len += 1;
        });
        m.name_first_words.contains(&folded[..len])
            // An empty skeleton leaves the next word to open the key.
            || skeleton_len == 0
            || m.skeleton_first_words.contains(&skeleton[..skeleton_len])
    }

    /// The place whose consonant skeleton a name shares (`Deyr ez-Zawr`).
    pub fn lookup_skeleton(&self, name: &str) -> Option<usize> {
        self.find_skeleton(name, distinctive)
    }

    /// Like `lookup_skeleton`, for a name the context already marks as a
    /// place (`in Efrin`), where a shorter skeleton is safe enough.
    pub fn lookup_place_skeleton(&self, name: &str) -> Option<usize> {
        self.find_skeleton(name, |s| skeleton_letters(s) >= 4)
    }

    /// The place whose skeleton a name shares, when that skeleton is
    /// `long_enough`.
    fn find_skeleton(&self, name: &str, long_enough: impl Fn(&[u8]) -> bool) -> Option<usize> {
        let m = &*self.matcher;
        // One short word of letters, no article: its skeleton is made on
        // the stack and looked up by its packed key.
        if name.len() <= KEY_BYTES
            && name.bytes().all(|b| b.is_ascii_alphabetic())
            && let Some(word) = without_article(name.as_bytes())
        {
            let mut skeleton = [0; KEY_BYTES];
            let mut len = 0;
            word_skeleton(word, true, |b| {
                skeleton[len] = b;
                len += 1;
            });
            let skeleton = &skeleton[..len];
            if !long_enough(skeleton) {
                return None;
            }
            return word_key(skeleton).and_then(|key| m.packed_skeletons.get(&key).copied());
        }
        let known_start = |first: &[u8]| m.skeleton_first_words.contains(first);
        with_skeleton(name, known_start, |key| long_enough(key.as_bytes()).then(|| m.skeletons.get(key).copied()))
            .flatten()
            .flatten()
    }

    /// The entry a name found in the text denotes: one of its names, or a
    /// place whose consonant skeleton it shares.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.lookup_name(name).or_else(|| self.lookup_skeleton(name))
    }

    fn add_entries(&mut self, file: &str, contents: &str, user: bool) -> Result<(), GazetteerError> {
        for (n, line) in contents.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| GazetteerError { file: file.to_string(), line: n + 1, message };
            let entry = parse_line(line).map_err(err)?;
            match self.by_id.get(&entry.id) {
                Some(&i) => merge(&mut self.entries[i], entry),
                None => {
                    if entry.name.is_empty() {
                        return Err(err(format!("`{}` is a new id, so it needs a name (field 4)", entry.id)));
                    }
                    self.by_id.insert(entry.id.clone(), self.entries.len());
                    self.entries.push(entry);
                }
            }
            if user {
                let i = self.by_id[&line_id(line)];
                self.promote(i);
            }
        }
        Ok(())
    }

    /// Move a user's entry to the user block at the end, so it wins conflicts.
    fn promote(&mut self, i: usize) {
        let user_start = self.entries.len() - self.user_entries;
        if i >= user_start {
            return;
        }
        let entry = self.entries.remove(i);
        self.entries.push(entry);
        self.user_entries += 1;
        self.by_id = self.entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    }

    /// Compile the automaton and the lookup tables from the entries.
    fn rebuild(&mut self) {
        // User entries first, then the embedded ones in file order: the first claim to a key wins.
        let user_start = self.entries.len() - self.user_entries;
        let order = (user_start..self.entries.len()).rev().chain(0..user_start);
        // Acronyms, names and descriptions, as (key, pattern).
        let (mut acronym_keys, mut name_keys, mut description_keys) = (Vec::new(), Vec::new(), Vec::new());
        let mut seen: HashSet<(String, bool)> = HashSet::new();
        let mut names: FastMap<String, usize> = FastMap::default();
        let mut skeletons: FastMap<String, usize> = FastMap::default();
        let mut countries: FastMap<String, usize> = FastMap::default();
        let mut nationalities: FastMap<String, usize> = FastMap::default();
        for i in order {
            let entry = &self.entries[i];
            if let Some(code) = &entry.country {
                if entry.kind == EntityType::Nationality {
                    nationalities.entry(code.clone()).or_insert(i);
                } else if entry.subtype.as_deref() == Some("country") {
                    countries.entry(code.clone()).or_insert(i);
                }
            }
            for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                let alias = strip_the(alias);
                if alias.is_empty() {
                    continue;
                }
                names.entry(fold_key(alias)).or_insert(i);
                if entry.kind == EntityType::Location {
                    let sk = skeleton(alias);
                    if sk.chars().filter(|c| *c != ' ').count() >= 4 {
                        skeletons.entry(sk).or_insert(i);
                    }
                }
                let rule = case_rule(alias);
                for variant in variants(alias, entry.kind == EntityType::Location) {
                    let key = if rule == CaseRule::Exact { variant.clone() } else { variant.to_lowercase() };
                    let capital =
                        variant.starts_with(|c: char| c.is_ascii_uppercase()) || article_at(variant.as_bytes());
                    // `Government of Iraq` and `government of Iraq` share a key but
                    // not an automaton: the second must still match in lower case.
                    if !seen.insert((key.clone(), capital)) {
                        continue;
                    }
                    let pattern = Pattern { entry: i, rule, text: variant };
                    if rule == CaseRule::Exact {
                        // The trie folds case; `accept` checks it after.
                        acronym_keys.push((key.to_ascii_lowercase(), pattern));
                    } else if !capital {
                        description_keys.push((key, pattern));
                    } else {
                        name_keys.push((key, pattern));
                    }
                }
            }
        }
        // A capitalised word is walked for every kind: of one key, the
        // description is tried first, then the name, then the acronym.
        let every_key = acronym_keys.into_iter().chain(name_keys).chain(description_keys.iter().cloned()).collect();
        let capitalised = Automaton::build(every_key);
        let lower_triples = lower_triples(description_keys.iter().map(|(key, _)| key.as_str()));
        let descriptions = Automaton::build(description_keys);
        let lower_starts = lower_starts(descriptions.as_ref());
        let generic = self.generic_readings_table();
        let generic_lengths = generic.keys().fold(0, |lengths, key| lengths | length_bit(key.len()));
        self.matcher = Arc::new(Matcher {
            capitalised,
            descriptions,
            lower_starts,
            lower_triples,
            name_first_words: first_words(names.keys()),
            skeleton_first_words: first_words(skeletons.keys()),
            packed_names: packed(&names),
            packed_skeletons: packed(&skeletons),
            names,
            skeletons,
            countries,
            nationalities,
            generic,
            generic_lengths,
        });
    }

    /// `generic.txt`, with its ids resolved (a reading whose entry is gone is skipped).
    fn generic_readings_table(&self) -> FastMap<String, Vec<(String, usize)>> {
        let mut table: FastMap<String, Vec<(String, usize)>> = FastMap::default();
        for line in GENERIC.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if let [description, code, id] = fields[..]
                && let Some(&entry) = self.by_id.get(id)
            {
                table.entry(description.to_string()).or_default().push((code.to_string(), entry));
            }
        }
        table
    }
}

/// The entries of `keys` whose key packs into a [`WordKey`](crate::words::WordKey), by that key.
fn packed(keys: &FastMap<String, usize>) -> KeyMap<usize> {
    keys.iter().filter_map(|(key, &entry)| Some((word_key(key.as_bytes())?, entry))).collect()
}

/// The first word of each key, the words being split by single spaces.
fn first_words<'k>(keys: impl Iterator<Item = &'k String>) -> WordSet {
    let mut words = WordSet::default();
    keys.filter_map(|key| key.split(' ').next()).for_each(|word| words.insert(word.as_bytes()));
    words
}

/// A set of words, by packed key those short enough, as nearly all are: a
/// word is added with no string made, and looked up with one multiply to
/// hash it and no bytes to compare.
#[derive(Debug, Default)]
struct WordSet {
    short: KeyMap<()>,
    long: FastSet<Box<[u8]>>,
}

impl WordSet {
    fn insert(&mut self, word: &[u8]) {
        match word_key(word) {
            Some(key) => self.short.insert(key, ()),
            None => self.long.insert(word.into()).then_some(()),
        };
    }

    fn contains(&self, word: &[u8]) -> bool {
        match word_key(word) {
            Some(key) => self.short.contains_key(&key),
            None => self.long.contains(word),
        }
    }
}

/// Whether a skeleton is long enough to look a name up by: short ones
/// collide with ordinary words (`Rick` and `Raqqa` are both `rk`, `Ensure`
/// and `Ansar` both `ansr`), so one word needs five letters, two or more four.
fn distinctive(skeleton: &[u8]) -> bool {
    let letters = skeleton_letters(skeleton);
    letters >= 5 || (letters < skeleton.len() && letters >= 4)
}

/// The letters of a skeleton, all its bytes but the spaces between words
/// (a skeleton is ASCII).
fn skeleton_letters(skeleton: &[u8]) -> usize {
    skeleton.iter().filter(|&&b| b != b' ').count()
}

fn line_id(line: &str) -> String {
    line.split('|').next().unwrap_or("").trim().to_string()
}

/// Parse `id | type | subtype | name | aliases | country | admin1 | lat | lon | geonames_id`.
fn parse_line(line: &str) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    if fields.len() > 10 {
        return Err(format!("{} fields; an entry has at most 10, separated by `|`", fields.len()));
    }
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let id = field(0);
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(format!("the id {id:?} must be lower-case letters, digits and `_`"));
    }
    let kind = match field(1) {
        "organization" | "organisation" => EntityType::Organization,
        "location" => EntityType::Location,
        "person" => EntityType::Person,
        "nationality" => EntityType::Nationality,
        "other" => EntityType::Other,
        other => {
            return Err(format!("type {other:?} is not one of organization, location, person, nationality, other"));
        }
    };
    let text = |i: usize| Some(field(i).to_string()).filter(|s| !s.is_empty());
    let number = |i: usize, what: &str, lo: f64, hi: f64| -> Result<Option<f64>, String> {
        match field(i) {
            "" => Ok(None),
            s => match s.parse::<f64>() {
                Ok(v) if (lo..=hi).contains(&v) => Ok(Some(v)),
                _ => Err(format!("{what} {s:?} is not a number between {lo} and {hi}")),
            },
        }
    };
    let country = text(5);
    if let Some(c) = &country
        && !(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        return Err(format!("country {c:?} must be an ISO 3166-1 alpha-2 code such as SY or IQ"));
    }
    let geonames_id = match field(9) {
        "" => None,
        s => Some(s.parse::<u64>().map_err(|_| format!("geonames_id {s:?} is not a whole number"))?),
    };
    Ok(Entry {
        id: id.to_string(),
        name: field(3).to_string(),
        kind,
        subtype: text(2),
        aliases: field(4).split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
        country,
        admin1: text(6),
        lat: number(7, "latitude", -90.0, 90.0)?,
        lon: number(8, "longitude", -180.0, 180.0)?,
        geonames_id,
    })
}

/// A later line for an existing id: given fields replace, aliases add up.
fn merge(old: &mut Entry, new: Entry) {
    if !new.name.is_empty() {
        old.name = new.name;
    }
    old.kind = new.kind;
    macro_rules! keep {
        ($($f:ident),*) => { $( if new.$f.is_some() { old.$f = new.$f; } )* };
    }
    keep!(subtype, country, admin1, lat, lon, geonames_id);
    for a in new.aliases {
        if !old.aliases.contains(&a) {
            old.aliases.push(a);
        }
    }
}

/// An alias without the spaces around it or a `the` before it.
pub(crate) fn strip_the(alias: &str) -> &str {
    let a = alias.trim();
    for the in ["the ", "The "] {
        if let Some(rest) = a.strip_prefix(the) {
            return rest.trim();
        }
    }
    a
}

fn case_rule(alias: &str) -> CaseRule {
    let letters = || alias.chars().filter(|c| c.is_alphabetic());
    if letters().all(char::is_uppercase) && letters().count() >= 2 {
        CaseRule::Exact
    } else if letters().any(char::is_uppercase) {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

/// What the word-start scan needs to know of a byte.
const STARTS_NAME: u8 = 1;
/// An ASCII letter, digit or `_`: a letter or digit after it is no word start.
const GOES_ON_WORD: u8 = 2;
/// Part of a character that may be a letter: decoded where it matters.
const NON_ASCII: u8 = 4;

const BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() {
            STARTS_NAME | GOES_ON_WORD
        } else if byte == b'_' {
            GOES_ON_WORD
        } else if !byte.is_ascii() {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Where a name can start in a text: at an ASCII letter or digit that goes
/// on no word (after no letter, digit or `_`). Every byte of the text is
/// looked at, so it is read eight at a time: a block of ASCII gives its
/// letters, digits and word starts in a few arithmetic steps.
pub(crate) struct NameStarts<'a> {
    text: &'a str,
    /// Where the block being given out starts, and the next.
    block: usize,
    next_block: usize,
    /// The flags of the block's starts not given out yet.
    starts: u64,
    /// The class of the block's last byte.
    last: u8,
}

impl<'a> NameStarts<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        NameStarts { text, block: 0, next_block: 0, starts: 0, last: 0 }
    }

    /// The starts of the block at `at`, the byte before it of class `before`.
    fn block_starts(&self, at: usize, before: u8) -> u64 {
        let bytes = self.text.as_bytes();
        let Some(block) = bytes.get(at..at + 8).and_then(|b| b.try_into().ok()) else {
            // The text's last few bytes.
            return self.bytewise_starts(at, before);
        };
        let x = u64::from_le_bytes(block);
        if x & swar::TOP_BITS != 0 {
            return self.bytewise_starts(at, before);
        }
        let alnum = swar::alphanumeric(x);
        let goes_on = alnum | swar::bytes_within(x, b'_', b'_');
        let goes_on_before = (goes_on << 8) | if before & GOES_ON_WORD != 0 { 0x80 } else { 0 };
        let starts = alnum & !goes_on_before;
        if before & NON_ASCII != 0 && starts & 0x80 != 0 && self.letter_before(at) {
            return starts & !0x80;
        }
        starts
    }

    /// `block_starts` a byte at a time, for blocks with other than ASCII.
    fn bytewise_starts(&self, at: usize, mut before: u8) -> u64 {
        let bytes = self.text.as_bytes();
        let mut starts = 0;
        for (k, &b) in bytes[at..].iter().take(8).enumerate() {
            let class = BYTE_CLASS[usize::from(b)];
            if class & STARTS_NAME != 0
                && before & GOES_ON_WORD == 0
                && (before & NON_ASCII == 0 || !self.letter_before(at + k))
            {
                starts |= 0x80 << (8 * k);
            }
            before = class;
        }
        starts
    }

    /// Whether the character before `at` is a letter or digit.
    fn letter_before(&self, at: usize) -> bool {
        self.text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
    }
}

impl Iterator for NameStarts<'_> {
    type Item = usize;

    // Inlined into `find`'s loop, which calls it for every word.
    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.starts == 0 {
            let (at, bytes) = (self.next_block, self.text.as_bytes());
            if at >= bytes.len() {
                return None;
            }
            self.starts = self.block_starts(at, self.last);
            (self.block, self.next_block) = (at, at + 8);
            self.last = BYTE_CLASS[usize::from(bytes[bytes.len().min(at + 8) - 1])];
        }
        let k = self.starts.trailing_zeros() as usize / 8;
        self.starts &= self.starts - 1;
        Some(self.block + k)
    }
}

/// The forms of the Arabic article, which transliterations write every way.
const ARTICLES: &[&str] =
    &["al", "el", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "an", "en", "at", "et", "az", "ez", "ath", "adh"];

/// The letters the article's forms start with, one bit each (`a` the lowest).
const ARTICLE_INITIALS: u32 = {
    let mut initials = 0;
    let mut k = 0;
    while k < ARTICLES.len() {
        initials |= 1 << (ARTICLES[k].as_bytes()[0] - b'a');
        k += 1;
    }
    initials
};

/// Whether a byte is the first letter, in lower case, of a form of the article.
fn article_initial(a: u8) -> bool {
    a.is_ascii_lowercase() && ARTICLE_INITIALS & (1 << (a - b'a')) != 0
}

/// Whether bytes start with a lower-case Arabic article and its hyphen or
/// space (`al-`, `ar `, `ash-`).
#[inline]
fn article_at(bytes: &[u8]) -> bool {
    // Read for every lower-case word: the first letter rules out most
    // (`of`, `the`), and the hyphen or space most of the rest.
    if !bytes.first().is_some_and(|&a| article_initial(a)) {
        return false;
    }
    let word = match bytes {
        [a, b, b'-' | b' ', ..] if a.is_ascii_lowercase() && b.is_ascii_lowercase() => &bytes[..2],
        [a, b, c, b'-' | b' ', ..] if [a, b, c].iter().all(|x| x.is_ascii_lowercase()) => &bytes[..3],
        _ => return false,
    };
    ARTICLES.iter().any(|a| a.as_bytes() == word)
}

fn is_article(word: impl AsRef<[u8]>) -> bool {
    let word = word.as_ref();
    // Most words are turned away by their first letter.
    word.len() <= 3
        && word.first().is_some_and(|a| article_initial(a.to_ascii_lowercase()))
        && ARTICLES.iter().any(|a| a.as_bytes().eq_ignore_ascii_case(word))
}

/// Letters the article assimilates to (`ar-Raqqa`, `ez-Zor`).
fn is_sun_letter(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 't' | 'd' | 'r' | 'z' | 's' | 'n')
}

/// Words that begin many Arabic place names (hill, spring, gate, monastery,
/// village, mountain, valley, cape, inn, castle, well): a place named by one
/// of them and the article is not named by the word alone.
fn is_generic_head(word: &str) -> bool {
    const HEADS: [&str; 17] = [
        "tal", "tall", "tel", "tell", "ain", "ayn", "bab", "deir", "kafr", "jabal", "jebel", "wadi", "ras", "khan",
        "qasr", "bir", "sheikh",
    ];
    HEADS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// At most this many spellings per alias, to bound the automaton.
const MAX_VARIANTS: usize = 48;

/// The spellings an alias is written in: apostrophes straight, curly or
/// dropped; for places, the Arabic article as `al-`, `el-`, `ar-`..., joined
/// by a hyphen, a space or nothing, or left off at the start.
fn variants(alias: &str, place: bool) -> Vec<String> {
    let words: Vec<&str> = alias.split_whitespace().collect();
    let mut alternatives: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let (article, rest) = match word.split_once('-') {
            Some((a, r)) if is_article(a) && !r.is_empty() => (Some(a), r.to_string()),
            _ if is_article(word) && i + 1 < words.len() && place => {
                i += 1;
                (Some(word), words[i].to_string())
            }
            _ => (None, String::new()),
        };
        let mut alts = Vec::new();
        match article {
            Some(a) if place => {
                let capital = a.chars().next().is_some_and(char::is_uppercase);
                let first = rest.chars().next().unwrap_or('a');
                let mut forms: Vec<String> = vec!["al".into(), "el".into()];
                if is_sun_letter(first) {
                    let c = first.to_ascii_lowercase();
                    forms.push(format!("a{c}"));
                    forms.push(format!("e{c}"));
                }
                // Run together, the article opens a word of its own: `Deir
                // Ezzor` inside a name, `Arraqqa` only capitalised.
                let at_start = alternatives.is_empty();
                for form in forms {
                    let joined = format!("{form}{}", rest.to_lowercase());
                    let form = if capital { capitalise(&form) } else { form };
                    for join in ["-", " "] {
                        alts.push(format!("{form}{join}{rest}"));
                    }
                    alts.push(if at_start || capital { capitalise(&joined) } else { joined });
                }
                // `Raqqa` for `al-Raqqa`; but not `Tal` for `Al-Tal` or `Bab`
                // for `al-Bab`, which alone open other names (`Tal Samin`,
                // `Bab al-Salameh`).
                let generic_alone = i + 1 == words.len() && is_generic_head(&rest);
                if (i == 0 || (i == 1 && article.is_some() && words.len() > 2)) && !generic_alone {
                    alts.push(rest.clone());
                }
                // `Al-Raqqa` is also written `al-Raqqa`.
                let lower = a.to_ascii_lowercase();
                alts.push(format!("{lower}-{rest}"));
            }
            Some(a) => {
                alts.push(format!("{a}-{rest}"));
                alts.push(format!("{a} {rest}"));
            }
            None => {
                alts.push(word.to_string());
                if word.contains('-') && place {
                    alts.push(word.replace('-', " "));
                }
            }
        }
        alternatives.push(alts);
        i += 1;
    }
    let mut out: Vec<String> = vec![String::new()];
    for alts in &alternatives {
        let mut next = Vec::new();
        for prefix in &out {
            for alt in alts {
                if next.len() >= MAX_VARIANTS {
                    break;
                }
                next.push(if prefix.is_empty() { alt.clone() } else { format!("{prefix} {alt}") });
            }
        }
        out = next;
    }
    if !out.iter().any(|v| v == alias) {
        out.insert(0, alias.to_string());
    }
    let mut with_apostrophes = Vec::new();
    for v in out {
        if v.contains(['\'', '’']) {
            with_apostrophes.push(v.replace('\'', "’"));
            with_apostrophes.push(v.replace('’', "'"));
            with_apostrophes.push(v.replace(['\'', '’'], ""));
        }
        with_apostrophes.push(v);
    }
    with_apostrophes.retain(|v| !v.trim().is_empty());
    with_apostrophes.dedup();
    with_apostrophes
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Each byte with its ASCII capitals lowered: a walk folds every byte it
/// reads, and a look-up is one step where the arithmetic takes five.
const FOLDED: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

/// Whether a match at `start` opens a word: no letter, digit or `_` before it.
fn opens_word(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Whether a raw automaton match that `opens_word` is a real mention;
/// returns its end, which may stop before a possessive `s` run into the
/// name (`Aleppos`).
fn accept(text: &str, start: usize, end: usize, pattern: &Pattern) -> Option<usize> {
    // `U.S.` must not be read out of `U.S.-backed`'s neighbour letters, but a
    // dotted alias may end the sentence: its own dot then ends it.
    let mut after = text[end..].chars();
    let next = after.next();
    let matched = &text[start..end];
    let stop = end;
    if next.is_some_and(|c| c.is_alphanumeric()) {
        // FA-KES drops apostrophes: `Aleppos`, `Syrias`, `Assads`.
        let possessive = next == Some('s')
            && !after.next().is_some_and(char::is_alphanumeric)
            && pattern.rule == CaseRule::Capitalised
            && matched.len() >= 4;
        if !possessive {
            return None;
        }
    }
    let ok = match pattern.rule {
        CaseRule::Exact => matched == pattern.text,
        CaseRule::Capitalised => capitalised_like(matched, &pattern.text),
        CaseRule::Any => true,
    };
    ok.then_some(stop)
}

/// The text is capitalised like a name: its first letter is upper case
/// (after a lower-case article, `al-Raqqa`); `Syrian army` may be written
/// `Syrian Army`, but `free Syrian army` is no Free Syrian Army.
fn capitalised_like(matched: &str, alias: &str) -> bool {
    // Most open with an ASCII capital and no article: the first word's end
    // is all that is looked for, a byte, with no split into words.
    let bytes = matched.as_bytes();
    // An article is two or three letters: the first word is one only if a
    // space or dash (or the end) comes after two or three bytes.
    let word_ends_at = |k: usize| bytes.get(k).is_none_or(|&b| b == b' ' || b == b'-');
    let opens_with_article = || (2..=3).any(|k| k <= bytes.len() && word_ends_at(k) && is_article(&bytes[..k]));
    (bytes.first().is_some_and(u8::is_ascii_uppercase) && !opens_with_article())
        || capitalised_like_by_words(matched, alias)
}

/// `capitalised_like`, word by word.
fn capitalised_like_by_words(matched: &str, alias: &str) -> bool {
    let words = || matched.split([' ', '-']).filter(|w| !w.is_empty());
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // The first word that is no article; failing that (`al`), the first.
    let first = words().find(|w| !is_article(w)).or_else(|| words().next());
    if first.is_some_and(capital) {
        return true;
    }
    // `Syrian army` may be written `Syrian Army`, never `syrian army`;
    // but a name starting lower case by design (`al-Qaeda`) is fine.
    let alias_first = alias.split([' ', '-']).find(|w| !w.is_empty());
    alias_first.is_some_and(|w| !capital(w)) && words().any(capital)
}

/// Case-folded, apostrophe-free, single-spaced: how discovered names are looked up.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, &mut out, |_| true);
    out
}

/// `fold_key_into` of an ASCII name, written to the front of `out`, as long
/// as `s` at least (its key is no longer): its length, or none as soon as
/// its first word is whole and `known_start` turns it away.
fn fold_ascii_key(s: &str, out: &mut [u8], known_start: impl Fn(&[u8]) -> bool) -> Option<usize> {
    let mut len = 0;
    let mut first_word_read = false;
    for &b in strip_the(s).as_bytes() {
        match b {
            b'\'' | b'`' => {}
            b'-' | b' ' | b'\t' | b'\n' => {
                if len > 0 && out[len - 1] != b' ' {
                    // `char`'s whitespace, which takes in `\x0b` as ASCII's does not.
                    if !first_word_read && !char::from(out[len - 1]).is_whitespace() && !known_start(&out[..len]) {
                        return None;
                    }
                    first_word_read = true;
                    out[len] = b' ';
                    len += 1;
                }
            }
            b => {
                out[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
    }
    while len > 0 && char::from(out[len - 1]).is_whitespace() {
        len -= 1;
    }
    Some(len)
}

/// `fold_key` into `out`, given up as soon as its first word is whole and
/// `known_start` turns it away: false then, and `out` holds part of the key.
fn fold_key_into(s: &str, out: &mut String, known_start: impl Fn(&str) -> bool) -> bool {
    let s = strip_the(s);
    let mut first_word_read = false;
    for c in s.chars() {
        match c {
            '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' => {}
            '-' | ' ' | '\t' | '\n' => {
                if !out.ends_with(' ') && !out.is_empty() {
                    // The key's first word is `out` now, unless the key
                    // ends here and the final trim shortens it.
                    if !first_word_read && !out.ends_with(char::is_whitespace) && !known_start(out) {
                        return false;
                    }
                    first_word_read = true;
                    out.push(' ');
                }
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    let len = out.trim_end().len();
    out.truncate(len);
    true
}

/// The consonant skeleton of a transliterated name: articles dropped, vowels
/// and the weak letters `w`, `y` and a lone `h` dropped, `q`/`c` read as `k`,
/// doubled letters single, one skeleton per word. `Deir al-Zour`, `Deir
/// ez-Zor`, `Deir Ezzor` and `Dayr az-Zawr` all give `dr zr`; `Idlib` and
/// `Idleb` give `adlb`.
pub fn skeleton(name: &str) -> String {
    with_skeleton(name, |_| true, str::to_owned).unwrap_or_default()
}

/// `f` of `name`'s skeleton, none when `skeleton_of_words` turns its first
/// word away by `known_start`.
fn with_skeleton<R>(name: &str, known_start: impl Fn(&[u8]) -> bool, f: impl FnOnce(&str) -> R) -> Option<R> {
    let lower;
    let text = if name.is_ascii() {
        name.as_bytes()
    } else {
        lower = plain_lower_copy(name);
        lower.as_bytes()
    };
    // Most names are short: their skeleton, never longer, is made on the
    // stack rather than in a string of its own.
    let mut on_stack = [0; 64];
    let mut on_heap;
    let out = match on_stack.get_mut(..text.len()) {
        Some(out) => out,
        None => {
            on_heap = vec![0; text.len()];
            &mut on_heap[..]
        }
    };
    let len = skeleton_of_words(text, out, known_start)?;
    // A skeleton is ASCII.
    std::str::from_utf8(&out[..len]).ok().map(f)
}

/// `name` with its letters as `plain_lower` reads them, for a name with a
/// wider character (an ASCII one's words are read in any case as they are).
fn plain_lower_copy(name: &str) -> String {
    name.chars().map(plain_lower).collect()
}

/// A letter of a transliteration without its accent, ASCII in lower case.
fn plain_lower(c: char) -> char {
    match c {
        'é' | 'è' | 'ê' => 'e',
        'á' | 'à' | 'â' | 'ā' => 'a',
        'í' | 'ī' => 'i',
        'ó' | 'ô' | 'ö' => 'o',
        'ú' | 'ū' | 'ü' => 'u',
        'ş' | 'ṣ' => 's',
        'ḥ' | 'ḩ' => 'h',
        'ţ' | 'ṭ' => 't',
        c => c.to_ascii_lowercase(),
    }
}

/// `skeleton`'s work on its words, the runs of ASCII letters in `text`, of
/// any case (the bytes of other characters are never letters), written to
/// the front of `out`, as long as `text` at least (no skeleton is longer:
/// a word's is no longer than it, and one space stands for the one byte
/// at least between two words). Its length, or none as soon as its first
/// word is whole and `known_start` turns it away.
fn skeleton_of_words(text: &[u8], out: &mut [u8], known_start: impl Fn(&[u8]) -> bool) -> Option<usize> {
    let mut len = 0;
    let mut first_word_read = false;
    for word in text.split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        let Some(word) = without_article(word) else { continue };
        let first_word = len == 0;
        if !first_word {
            // `out[..len]` is the skeleton's first word, whole.
            if !first_word_read && !known_start(&out[..len]) {
                return None;
            }
            first_word_read = true;
            out[len] = b' ';
            len += 1;
        }
        word_skeleton(word, first_word, |b| {
            out[len] = b;
            len += 1;
        });
    }
    Some(len)
}

/// A word of ASCII letters without the article it is or that is run into
/// it (`ezzor`, `arraqqa`): none when it is an article.
fn without_article(word: &[u8]) -> Option<&[u8]> {
    if is_article(word) {
        return None;
    }
    Some(match word {
        [a, b, c, _, _, ..]
            if matches!(a.to_ascii_lowercase(), b'a' | b'e')
                && b.eq_ignore_ascii_case(c)
                && is_sun_letter(char::from(*b)) =>
        {
            &word[2..]
        }
        _ => word,
    })
}

/// The skeleton of one word of ASCII letters, a byte at a time to `push`
/// (never more bytes than the word has).
fn word_skeleton(word: &[u8], first_word: bool, mut push: impl FnMut(u8)) {
    let mut prev = None;
    let mut last = None;
    for (k, c) in word.iter().map(u8::to_ascii_lowercase).enumerate() {
        let mapped = match c {
            // A later word's opening vowel is often the article's
            // remnant (`Deir Ezour`, `Deir Ez-Zour`): drop it.
            b'a' | b'e' | b'i' | b'o' | b'u' if k == 0 && first_word => Some(b'a'),
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' => None,
            b'h' if !matches!(prev, Some(b's' | b'k' | b'g' | b't' | b'd' | b'z')) => None,
            b'q' | b'c' => Some(b'k'),
            c => Some(c),
        };
        prev = Some(c);
        if let Some(m) = mapped
            && last != Some(m)
        {
            last = Some(m);
            push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::floor_char_boundary;

    proptest::proptest! {
        #[test]
        fn the_start_filter_never_turns_away_a_key(
            keys in proptest::collection::vec("[a-zA-Z .-]{1,12}", 1..40),
            tail in "[a-z ]{0,3}",
        ) {
            let mut filter = StartFilter::default();
            for key in &keys {
                filter.add(key.as_bytes());
            }
            for key in &keys {
                let text = format!("{key}{tail}");
                let b = text.as_bytes();
                proptest::prop_assert!(filter.may_start([b.first().copied(), b.get(1).copied(), b.get(2).copied()]));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn name_starts_are_letters_and_digits_after_no_word(text in "[a-zA-Z0-9_ .,'éΣ’-]{0,80}") {
            let simple: Vec<usize> = text
                .char_indices()
                .filter(|&(i, c)| {
                    c.is_ascii_alphanumeric()
                        && !text[..i].chars().next_back().is_some_and(|b| b.is_alphanumeric() || b == '_')
                })
                .map(|(i, _)| i)
                .collect();
            proptest::prop_assert_eq!(NameStarts::new(&text).collect::<Vec<_>>(), simple);
        }
    }

    /// `skeleton` as it was first written, a character at a time on a
    /// lower-cased copy: what the byte-wise one must give.
    fn skeleton_by_chars(name: &str) -> String {
        let lower: String = name.chars().map(plain_lower).collect();
        let mut out = String::new();
        for word in lower.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
            if ARTICLES.contains(&word) {
                continue;
            }
            let b = word.as_bytes();
            let assimilated = b.len() > 4 && matches!(b[0], b'a' | b'e') && b[1] == b[2] && is_sun_letter(b[1] as char);
            let word = if assimilated { &word[2..] } else { word };
            let first_word = out.is_empty();
            if !first_word {
                out.push(' ');
            }
            let mut prev = None;
            for (k, c) in word.chars().enumerate() {
                let mapped = match c {
                    'a' | 'e' | 'i' | 'o' | 'u' if k == 0 && first_word => Some('a'),
                    'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' => None,
                    'h' if !matches!(prev, Some('s' | 'k' | 'g' | 't' | 'd' | 'z')) => None,
                    'q' | 'c' => Some('k'),
                    c => Some(c),
                };
                prev = Some(c);
                if let Some(m) = mapped
                    && !out.ends_with(m)
                {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Names made of a gazetteer alias, cut anywhere, with words, spaces,
    /// hyphens and apostrophes of any kind around it: many start as keys do.
    static ALIASES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let g = Gazetteer::embedded();
        g.entries().iter().flat_map(|e| std::iter::once(&e.name).chain(&e.aliases)).cloned().collect()
    });

    fn names_like_aliases() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let around = "(the |The |al-|Al )?";
        let tail = "[a-zA-Zé’' \u{a0}\t-]{0,12}";
        (proptest::sample::select(ALIASES.as_slice()), 0..40usize, around, tail).prop_map(
            |(alias, cut, before, after)| {
                let cut = floor_char_boundary(&alias, cut);
                format!("{before}{}{after}", &alias[..cut])
            },
        )
    }

    /// Single words, which the look-ups read by their packed keys: the
    /// aliases' words, whole or cut, in upper case or not, and made-up ones.
    fn one_words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        static WORDS: LazyLock<Vec<String>> =
            LazyLock::new(|| ALIASES.iter().flat_map(|a| a.split([' ', '-'])).map(str::to_string).collect());
        let word = (proptest::sample::select(WORDS.as_slice()), 0..20usize, proptest::bool::ANY).prop_map(
            |(word, cut, upper)| {
                let cut = floor_char_boundary(&word, cut);
                if upper { word[..cut].to_uppercase() } else { word[..cut].to_string() }
            },
        );
        proptest::prop_oneof![word, "[a-zA-Z0-9.`'’\u{a0}-]{0,17}"]
    }

    proptest::proptest! {
        #[test]
        fn the_skeleton_is_the_one_read_a_character_at_a_time(
            name in proptest::prop_oneof![names_like_aliases(), "[a-zA-Z éḥşāÉ’'.-]{0,30}"],
        ) {
            proptest::prop_assert_eq!(skeleton(&name), skeleton_by_chars(&name));
        }

        #[test]
        fn a_word_set_holds_what_a_set_of_strings_does(
            words in proptest::collection::vec("[a-z' -]{0,20}", 0..40),
            others in proptest::collection::vec("[a-z' -]{0,20}", 0..40),
        ) {
            let mut set = WordSet::default();
            words.iter().for_each(|w| set.insert(w.as_bytes()));
            let strings: HashSet<&String> = words.iter().collect();
            for w in words.iter().chain(&others) {
                proptest::prop_assert_eq!(set.contains(w.as_bytes()), strings.contains(w), "{:?}", w);
            }
        }

        #[test]
        fn an_ascii_name_folds_on_the_stack_as_in_a_string(name in "[a-zA-Z '`\t\n\r\x0b-]{0,24}", known in "[a-z]{0,2}") {
            let known_start = |first: &str| first.len().is_multiple_of(2) || first.starts_with(known.as_str());
            let mut key = String::new();
            let by_string = fold_key_into(&name, &mut key, known_start).then_some(key);
            let mut out = [0; 24];
            let on_stack = fold_ascii_key(&name, &mut out[..name.len()], |first| {
                known_start(std::str::from_utf8(first).unwrap())
            });
            let on_stack = on_stack.map(|len| String::from_utf8(out[..len].to_vec()).unwrap());
            proptest::prop_assert_eq!(on_stack, by_string);
        }

        #[test]
        fn a_name_is_found_by_its_whole_folded_key_and_skeleton(
            name in proptest::prop_oneof![names_like_aliases(), one_words(), "[a-zA-Z éḥ’'\u{a0}-]{0,30}"],
        ) {
            let g = Gazetteer::embedded();
            let m = &*g.matcher;
            proptest::prop_assert_eq!(g.lookup_name(&name), m.names.get(&fold_key(&name)).copied());
            let sk = skeleton(&name);
            let by_skeleton = |long_enough: bool| long_enough.then(|| m.skeletons.get(&sk).copied()).flatten();
            proptest::prop_assert_eq!(g.lookup_skeleton(&name), by_skeleton(distinctive(sk.as_bytes())));
            let letters = sk.chars().filter(|c| *c != ' ').count();
            proptest::prop_assert_eq!(g.lookup_place_skeleton(&name), by_skeleton(letters >= 4));
        }
    }

    /// A word, whole or cut, then an alias-like name: a gate on the first
    /// word must let through those that open a key.
    fn word_then_alias() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        (one_words(), "[ -]?", names_like_aliases()).prop_map(|(word, sep, rest)| format!("{word}{sep}{rest}"))
    }

    proptest::proptest! {
        #[test]
        fn a_name_opening_gate_turns_away_only_names_no_look_up_finds(
            name in proptest::prop_oneof![
                names_like_aliases(),
                word_then_alias(),
                "[a-zA-Z éḥ’'\u{a0}\t-]{0,30}",
            ],
            cut in 0..20usize,
        ) {
            let g = Gazetteer::embedded();
            let len = floor_char_boundary(&name, cut.min(name.len()));
            if !g.may_know_names_opening(&name, len) {
                for k in (len..=name.len()).filter(|&k| name.is_char_boundary(k)) {
                    let prefix = &name[..k];
                    proptest::prop_assert_eq!(g.lookup_name(prefix), None, "{:?}", prefix);
                    proptest::prop_assert_eq!(g.lookup_skeleton(prefix), None, "{:?}", prefix);
                    proptest::prop_assert_eq!(g.lookup_place_skeleton(prefix), None, "{:?}", prefix);
                }
            }
        }
    }

    #[test]
    fn a_name_opening_gate_lets_known_openings_through() {
        let g = Gazetteer::embedded();
        let name = "Deir Ezour Advances";
        assert!(g.may_know_names_opening(name, 4));
        assert!(!g.may_know_names_opening("Zzyzx Advances", 5));
        // Not a whole word, or `The`, which a key drops: no verdict.
        assert!(g.may_know_names_opening("Zzyzx's Advances", 5));
        assert!(g.may_know_names_opening("The Zzyzx", 3));
        assert!(g.may_know_names_opening("Zzyzx", 9), "a word past the end");
    }

    /// Descriptions and articles, cut anywhere, in any case, with words
    /// after them: the lower-case word starts that open or nearly open names.
    fn lower_case_openings() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        static OPENINGS: LazyLock<Vec<String>> = LazyLock::new(|| {
            let g = Gazetteer::embedded();
            let descriptions = g.matcher.descriptions.as_ref().map_or(&[][..], |d| &d.patterns[..]);
            let articles = ARTICLES.iter().flat_map(|a| [format!("{a}-Raqqa"), format!("{a} Bab")]);
            descriptions.iter().map(|p| p.text.clone()).chain(articles).collect()
        });
        let case = proptest::collection::vec(proptest::bool::ANY, 8);
        (proptest::sample::select(OPENINGS.as_slice()), 0..20usize, case, "[a-z4 -]{0,6}").prop_map(
            |(opening, cut, case, after)| {
                let cut = floor_char_boundary(&opening, cut);
                let cased: String = opening[..cut]
                    .chars()
                    .zip(case.iter().cycle())
                    .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                    .collect();
                format!("{cased}{after}")
            },
        )
    }

    proptest::proptest! {
        #[test]
        fn a_lower_case_start_turned_away_opens_no_name(
            text in proptest::prop_oneof![lower_case_openings(), "[a-zA-Z0-9 -]{0,12}"],
        ) {
            let g = Gazetteer::embedded();
            let m = &*g.matcher;
            let bytes = text.as_bytes();
            for i in NameStarts::new(&text) {
                if bytes[i].is_ascii_uppercase() || m.lower_may_open(&bytes[i..]) {
                    continue;
                }
                proptest::prop_assert!(!article_at(&bytes[i..]), "{text:?} at {i}");
                let mut candidates = Vec::new();
                if let Some(descriptions) = &m.descriptions {
                    descriptions.matches_at(bytes, i, &mut candidates);
                }
                proptest::prop_assert!(candidates.is_empty(), "{text:?} at {i}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_word_is_an_article_as_split_words_say(matched in "[aAeEltrhsd]{0,4}[ -]?[A-Za-z -]{0,5}") {
            let bytes = matched.as_bytes();
            let first_end = bytes.iter().position(|&b| b == b' ' || b == b'-').unwrap_or(bytes.len());
            let by_words = bytes.first().is_some_and(u8::is_ascii_uppercase) && !is_article(&bytes[..first_end]);
            proptest::prop_assert_eq!(
                capitalised_like(&matched, "x"),
                by_words || capitalised_like_by_words(&matched, "x")
            );
        }
    }

    /// The entries and lengths of a walk's matches, each key's in order.
    fn entries_found(automaton: &Automaton, found: &[(Range<u32>, usize)]) -> Vec<(usize, usize)> {
        found
            .iter()
            .flat_map(|(pids, len)| pids.clone().map(|p| (automaton.patterns[p as usize].entry, *len)))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn a_walk_finds_every_key_the_text_starts_with(
            // Six letters as well as a space and a dash, so that nodes have
            // both few children (inline) and many (a child table).
            keys in proptest::collection::vec("[abcd -]{1,9}|[a-f]{1,2}|[ab]{1,3}é", 1..40),
            text in "[aAbBcCdD -]{0,12}|[a-f]{1,3}|[ab]{1,3}[éÉ]",
        ) {
            let pattern = |entry: usize| Pattern { entry, rule: CaseRule::Any, text: String::new() };
            let keyed: Vec<(String, Pattern)> = keys.iter().cloned().enumerate().map(|(k, key)| (key, pattern(k))).collect();
            let automaton = Automaton::build(keyed).expect("a small trie");
            let folded = text.to_ascii_lowercase();
            // Shortest first, those of one key in the order given (a stable sort).
            let mut expected: Vec<(usize, usize)> =
                keys.iter().enumerate().filter(|(_, key)| folded.starts_with(key.as_str())).map(|(k, key)| (k, key.len())).collect();
            expected.sort_by_key(|&(_, len)| len);
            let mut found = Vec::new();
            automaton.matches_at(text.as_bytes(), 0, &mut found);
            let found = entries_found(&automaton, &found);
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_key_shared_by_several_patterns_gives_them_all_in_order() {
        let pattern = |entry: usize, text: &str| Pattern { entry, rule: CaseRule::Any, text: text.to_string() };
        let keyed = vec![
            ("us".to_string(), pattern(0, "US")),
            ("usa".to_string(), pattern(1, "USA")),
            ("us".to_string(), pattern(2, "Us")),
        ];
        let automaton = Automaton::build(keyed).expect("a small trie");
        let mut found = Vec::new();
        automaton.matches_at(b"the USA's", 4, &mut found);
        assert_eq!(entries_found(&automaton, &found), [(0, 2), (2, 2), (1, 3)]);
    }

    #[test]
    fn the_start_filter_turns_away_words_that_start_no_key() {
        let mut filter = StartFilter::default();
        for key in ["raqqa", "deir ez-zor", "us"] {
            filter.add(key.as_bytes());
        }
        let may = |s: &str| {
            let b = s.as_bytes();
            filter.may_start([b.first().copied(), b.get(1).copied(), b.get(2).copied()])
        };
        assert!(may("raqqah") && may("deir") && may("usa"));
        assert!(!may("the") && !may("fighters"));
    }

    #[test]
    fn an_article_is_lower_case_and_joined_by_a_hyphen_or_a_space() {
        for yes in ["al-Raqqa", "ash-Shaddadi", "ar Raqqa", "el-"] {
            assert!(article_at(yes.as_bytes()), "{yes}");
        }
        for no in ["alto", "Al-Raqqa", "al", "al.", "ab-Raqqa", "also-ran", "a-b", "of the", "the -"] {
            assert!(!article_at(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn a_name_is_capitalised_after_its_article() {
        assert!(capitalised_like("al-Raqqa", "Raqqa"));
        assert!(capitalised_like("Syrian army", "Syrian Army"));
        assert!(!capitalised_like("free Syrian army", "Free Syrian Army"));
        assert!(capitalised_like("al-Qaeda", "al-Qaeda"));
        assert!(!capitalised_like("al-qaeda", "al-Qaeda"), "some word must be capitalised");
        assert!(!capitalised_like("raqqa", "Raqqa"));
    }

    proptest::proptest! {
        #[test]
        fn a_name_is_capitalised_as_its_words_say(
            matched in "((Al|al|AL|El|the|The|US|U\\.S\\.|Ér|é|[a-zA-Z]{1,6})[ -]{1,2}){0,3}[a-zA-Zé -]{0,8}",
            alias in "(al-|Al |[a-zA-Z]{1,6} )?[a-zA-Z]{1,6}",
        ) {
            proptest::prop_assert_eq!(capitalised_like(&matched, &alias), capitalised_like_by_words(&matched, &alias));
        }
    }

    fn names(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text, 0..text.len())
            .into_iter()
            .map(|h| (text[h.bytes.clone()].to_string(), g.entry(h.entry).id.clone()))
            .collect()
    }

    #[test]
    fn embedded_files_parse_and_hold_the_main_actors_and_places() {
        let g = Gazetteer::embedded();
        for id in ["isis", "sdf", "ypg", "pkk", "syrian_army", "coalition", "raqqa", "deir_ez_zor", "sohr", "xinhua"] {
            assert!(g.get(id).is_some(), "{id} missing");
        }
        let raqqa = g.get("raqqa").unwrap();
        assert_eq!(raqqa.admin1.as_deref(), Some("Raqqa"));
        assert_eq!(raqqa.country.as_deref(), Some("SY"));
        assert!(raqqa.lat.is_some() && raqqa.geonames_id.is_some());
    }

    #[test]
    fn world_regions_are_places_not_names() {
        // Without them, `North Africa told` made a person of `Africa`.
        let g = Gazetteer::embedded();
        let text = "fighters from the North Caucasus, North Africa and Asia; the Russian General Staff said";
        assert_eq!(
            names(&g, text),
            [
                ("Caucasus", "caucasus"),
                ("North Africa", "north_africa"),
                ("Asia", "asia"),
                ("Russian General Staff", "russian_forces")
            ]
            .map(|(n, id)| (n.to_string(), id.to_string()))
        );
    }

    #[test]
    fn embedded_ids_are_defined_once() {
        let mut seen = std::collections::HashSet::new();
        for (file, contents) in EMBEDDED {
            for line in contents.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
                assert!(seen.insert(line_id(line)), "{file}: {} is defined twice", line_id(line));
            }
        }
    }

    #[test]
    fn every_generic_reading_names_a_known_entry() {
        let g = Gazetteer::embedded();
        let listed = GENERIC.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let readings: usize = g.matcher.generic.values().map(Vec::len).sum();
        assert_eq!(readings, listed, "a line of generic.txt names an id the gazetteer lacks");
        let forces = g.generic_readings("government forces").expect("government forces");
        assert_eq!(forces[0], ("SY".to_string(), g.index_of("syrian_army").expect("syrian_army")));
        for key in g.matcher.generic.keys() {
            assert!(g.may_be_generic(&key.to_uppercase()), "{key}");
        }
        assert!(!g.may_be_generic("Raqqa") && g.may_be_generic("Raqqá"));
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let g = Gazetteer::embedded();
        let found = names(&g, "This is what the US told us about IS and is.");
        assert_eq!(found, vec![("US".into(), "us".into()), ("IS".into(), "isis".into())]);
    }

    #[test]
    fn hyphens_and_possessives_keep_the_name() {
        let g = Gazetteer::embedded();
        let quoted = names(&g, "“Raqqa” —Aleppo (IS) Café");
        assert_eq!(quoted.iter().map(|(_, id)| id.as_str()).collect::<Vec<_>>(), ["raqqa", "aleppo", "isis"]);
        let found = names(&g, "IS-held areas in Syria's north; US-backed fighters");
        let ids: Vec<&str> = found.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["isis", "syria", "us"]);
        assert_eq!(found[0].0, "IS");
    }

    #[test]
    fn transliterations_resolve_to_one_place() {
        let g = Gazetteer::embedded();
        for spelling in ["Deir al-Zour", "Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "Deir el-Zour"] {
            let found = names(&g, &format!("fighting in {spelling} city"));
            assert_eq!(found.first().map(|f| f.1.as_str()), Some("deir_ez_zor"), "{spelling}");
        }
        for spelling in ["Raqqa", "Raqqah", "al-Raqqa", "Ar-Raqqah", "Al Raqqa"] {
            let found = names(&g, &format!("near {spelling}, officials said"));
            assert_eq!(found.first().map(|f| (f.0.as_str(), f.1.as_str())), Some((spelling, "raqqa")), "{spelling}");
        }
    }

    /// The ids of the names found in `text`, in order.
    fn ids(g: &Gazetteer, text: &str) -> Vec<String> {
        names(g, text).into_iter().map(|(_, id)| id).collect()
    }

    /// Names alike in their words that are different things: `Tal` and
    /// `Bab` alone open other names and are not Al-Tal's or al-Bab's (which
    /// keep their article; other places lose theirs, `Qaim`); a city's two
    /// halves; the state broadcaster and the state news agency.
    #[test]
    fn names_alike_are_told_apart() {
        let g = Gazetteer::embedded();
        let cases: [(&str, &[&str]); 4] = [
            (
                "From Tal Samin to Bab al-Salameh, then al-Bab, Al-Tal, Tal Afar and Qaim.",
                &["al_bab", "at_tall", "tal_afar", "al_qaim"],
            ),
            (
                "from eastern Mosul to West Mosul and western Mosul, and East Aleppo",
                &["east_mosul", "west_mosul", "west_mosul", "east_aleppo"],
            ),
            ("Syrian state TV and the Syrian Arab News Agency (SANA) said", &["syrian_tv", "sana", "sana"]),
            ("the Syrian Democratic Forces and the Syrian government forces", &["sdf", "syrian_army"]),
        ];
        for (text, expected) in cases {
            assert_eq!(ids(&g, text), expected, "{text}");
        }
    }

    #[test]
    fn skeleton_lookup_finds_unlisted_spellings() {
        let g = Gazetteer::embedded();
        assert_eq!(skeleton("Deir al-Zour"), skeleton("Dayr az-Zawr"));
        assert_eq!(skeleton("Deir Ezzor"), skeleton("Deir ez-Zor"));
        assert_eq!(g.lookup("Deyr ez-Zawr").map(|i| g.entry(i).id.as_str()), Some("deir_ez_zor"));
        assert_eq!(g.lookup("Rick"), None);
        assert_eq!(g.lookup("Ensure"), None);
    }

    #[test]
    fn lower_case_words_do_not_match_names() {
        let g = Gazetteer::embedded();
        assert!(names(&g, "a turkey for the free syrian army").is_empty());
    }

    #[test]
    fn user_file_adds_and_overrides() {
        let mut g = Gazetteer::embedded();
        g.extend_from_str(
            "mine.txt",
            "# mine\nbeit_jinn | location | town | Beit Jinn | Beit Jin | SY | Rif Dimashq | 33.31 | 35.88\n\
             raqqa | location | city | | Rakkah City\n",
        )
        .unwrap();
        assert_eq!(names(&g, "in Beit Jin today")[0].1, "beit_jinn");
        assert_eq!(names(&g, "in Rakkah City today")[0].1, "raqqa");
        assert_eq!(g.get("raqqa").unwrap().admin1.as_deref(), Some("Raqqa"));
    }

    #[test]
    fn a_users_lower_case_alias_under_three_bytes_is_found() {
        // Its first three bytes are not a key's: the gate on them must let
        // every start through that the short key begins.
        let mut g = Gazetteer::embedded();
        g.extend_from_str("mine.txt", "qz_group | organization | armed_group | Qz Group | qz; q\n").unwrap();
        assert_eq!(names(&g, "fighters of qz took it"), [("qz".to_string(), "qz_group".to_string())]);
        assert_eq!(names(&g, "fighters of q took it"), [("q".to_string(), "qz_group".to_string())]);
    }

    #[test]
    fn malformed_user_file_names_the_line() {
        let mut g = Gazetteer::embedded();
        let err = g.extend_from_str("mine.txt", "# ok\n\nx | location | town | X | | Syria\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.to_string().starts_with("mine.txt, line 3: country \"Syria\""), "{err}");
        let err = g.extend_from_str("mine.txt", "new_place | place | town | X\n").unwrap_err();
        assert!(err.message.contains("type \"place\""), "{err}");
    }
}
