//! String interning: every distinct activity name, resource, case id and text attribute value is stored
//! once, and events hold small integer ids.
//!
//! A [`Symbols`] table keeps all its strings in one growing `String` (one allocation for the whole table,
//! not one per string, like arrow's dictionary values buffer) and finds them again through a hash table of
//! ids, so interning a value already seen allocates nothing.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Identifies an activity name within one [`EventLog`](crate::EventLog).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityId(pub u32);

/// Identifies a resource (who performed an event) within one log. [`ResourceId::NONE`] marks events
/// without a resource.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceId(pub u32);

impl ResourceId {
    /// The event has no resource.
    pub const NONE: ResourceId = ResourceId(u32::MAX);

    /// Whether the event had a resource.
    pub fn is_some(self) -> bool {
        self != Self::NONE
    }
}

impl ActivityId {
    /// The id as an index into per-activity arrays.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An allocation failed: the import stops with a clear error instead of aborting in the allocator
/// (a wasm worker that traps loses everything, a native process dies with no word on the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRoom;

impl From<std::collections::TryReserveError> for NoRoom {
    fn from(_: std::collections::TryReserveError) -> Self {
        NoRoom
    }
}

impl From<hashbrown::TryReserveError> for NoRoom {
    fn from(_: hashbrown::TryReserveError) -> Self {
        NoRoom
    }
}

/// An append-only table of distinct strings, each with a dense `u32` id in insertion order.
#[derive(Clone, Default)]
pub struct Symbols {
    text: String,
    /// `ends[i]` is the end offset of string `i` in `text`; string `i` starts at `ends[i - 1]` (or 0).
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: rustc_hash::FxBuildHasher,
}

impl std::fmt::Debug for Symbols {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Byte equality without a call for the short strings most values are (codes, names, amounts,
/// dates): an import compares every cell with the one before and every changed value with its
/// dictionary's, and a call to `memcmp` per compare is a measurable part of reading a file.
#[inline]
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(w)
    };
    match n {
        // Two words that overlap in the middle cover every byte.
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        0..=7 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

#[inline]
fn str_at<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

impl Symbols {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        match self.find(hash, s) {
            Some(id) => id,
            None => self.insert_new(hash, s),
        }
    }

    /// [`intern`](Self::intern) for tables that grow with the input (case ids, values read from a
    /// file): the room a new string needs is reserved first, so a failed allocation is an error.
    pub fn try_intern(&mut self, s: &str) -> Result<u32, NoRoom> {
        let hash = self.hasher.hash_one(s);
        if let Some(id) = self.find(hash, s) {
            return Ok(id);
        }
        self.text.try_reserve(s.len())?;
        self.ends.try_reserve(1)?;
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table
            .try_reserve(1, |&id| hasher.hash_one(str_at(text, ends, id)))?;
        Ok(self.insert_new(hash, s))
    }

    #[inline]
    fn find(&self, hash: u64, s: &str) -> Option<u32> {
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .find(hash, |&id| same(str_at(text, ends, id), s))
            .copied()
    }

    fn insert_new(&mut self, hash: u64, s: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table
            .insert_unique(hash, id, |&id| hasher.hash_one(str_at(text, ends, id)));
        id
    }

    /// The id of `s` if it was interned.
    pub fn lookup(&self, s: &str) -> Option<u32> {
        self.find(self.hasher.hash_one(s), s)
    }

    /// The string with this id. Panics on an id this table did not hand out (a programming error, not an
    /// input error: ids only come from `intern`).
    #[inline]
    pub fn get(&self, id: u32) -> &str {
        str_at(&self.text, &self.ends, id)
    }

    /// Whether string `id` is `s` (cheaper than comparing [`get`](Self::get)'s answer for short
    /// strings).
    #[inline]
    pub fn is(&self, id: u32, s: &str) -> bool {
        same(str_at(&self.text, &self.ends, id), s)
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// All strings in id order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |id| self.get(id))
    }

    /// Bytes held by the table (strings plus index), for memory reports.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.table.capacity() * (std::mem::size_of::<u32>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_strings_compare_byte_for_byte() {
        // Every length around the word sizes, every position of a differing byte.
        for n in 0..40usize {
            let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same(&a, &a.clone()), "{n}");
            assert!(!same(&a, &format!("{a}x")), "{n}: longer");
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'#';
                let b = String::from_utf8(b).unwrap();
                assert!(!same(&a, &b), "{n}: byte {at}");
            }
        }
        let mut s = Symbols::new();
        let id = s.intern("Relance envoyée");
        assert!(s.is(id, "Relance envoyée"));
        assert!(!s.is(id, "Relance envoyee"));
    }

    #[test]
    fn interning_gives_dense_stable_ids() {
        let mut s = Symbols::new();
        assert_eq!(s.intern("Send Fine"), 0);
        assert_eq!(s.intern("Payment"), 1);
        assert_eq!(s.intern("Send Fine"), 0);
        assert_eq!(s.intern(""), 2);
        assert_eq!(s.get(1), "Payment");
        assert_eq!(s.get(2), "");
        assert_eq!(s.lookup("Payment"), Some(1));
        assert_eq!(s.lookup("payment"), None);
        assert_eq!(s.iter().collect::<Vec<_>>(), ["Send Fine", "Payment", ""]);
    }

    #[test]
    fn many_strings_survive_rehashing() {
        let mut s = Symbols::new();
        for i in 0..10_000 {
            assert_eq!(s.intern(&format!("case {i}")), i);
        }
        for i in (0..10_000).rev() {
            assert_eq!(s.lookup(&format!("case {i}")), Some(i));
            assert_eq!(s.get(i), format!("case {i}"));
        }
    }
}
