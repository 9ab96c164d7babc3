//! A fixed-size table of the nodes a file describes, for the vocabulary pass.
//!
//! The pass must know, for any IRI it meets, whether the file defines it and with which pacta
//! types, even when the definition comes later in the file. Remembering every node would make
//! memory grow with the file; this table never grows. Each slot holds a 32-bit fingerprint and
//! a set of classes. When two nodes land in one slot the slot is marked shared, and a lookup
//! there answers "unknown", so a full table checks fewer links but never reports a false
//! problem. The table is zeroed memory, so a small file touches only a few pages of it.

use super::schema::Classes;

/// 2^22 slots of 12 bytes: 48 MiB at most, whatever the size of the input.
const SLOTS: usize = 1 << 22;
/// Marks a slot two nodes share.
const SHARED: u32 = u32::MAX;
/// The class bit that means "described as a subject".
const DEFINED: Classes = 1 << 63;

/// What the table knows about a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// The file never describes it.
    Absent,
    /// The file describes it, with these pacta classes (possibly none).
    Described(Classes),
    /// The slot is shared: the table cannot tell.
    Unknown,
}

/// The table; see the module comment.
pub(super) struct NodeTable {
    fingerprints: Vec<u32>,
    classes: Vec<Classes>,
    shared: usize,
    used: usize,
}

impl NodeTable {
    pub fn new() -> Self {
        Self {
            fingerprints: vec![0; SLOTS],
            classes: vec![0; SLOTS],
            shared: 0,
            used: 0,
        }
    }

    fn slot(hash: u64) -> (usize, u32) {
        let slot = (hash as usize) & (SLOTS - 1);
        // The fingerprint comes from the other half of the hash; 0 means empty and SHARED is
        // reserved, so both are avoided.
        let fingerprint = ((hash >> 32) as u32).clamp(1, SHARED - 1);
        (slot, fingerprint)
    }

    /// Records that the node with this hash is described, with these classes.
    pub fn describe(&mut self, hash: u64, classes: Classes) {
        let (slot, fingerprint) = Self::slot(hash);
        match self.fingerprints[slot] {
            0 => {
                self.fingerprints[slot] = fingerprint;
                self.classes[slot] = classes | DEFINED;
                self.used += 1;
            }
            f if f == fingerprint => self.classes[slot] |= classes | DEFINED,
            SHARED => {}
            _ => {
                self.fingerprints[slot] = SHARED;
                self.shared += 1;
            }
        }
    }

    /// What the table knows about the node with this hash.
    pub fn get(&self, hash: u64) -> Known {
        let (slot, fingerprint) = Self::slot(hash);
        match self.fingerprints[slot] {
            0 => Known::Absent,
            SHARED => Known::Unknown,
            f if f == fingerprint => Known::Described(self.classes[slot] & !DEFINED),
            _ => Known::Absent,
        }
    }

    /// The share of used slots that two nodes share, for the report.
    pub fn shared_fraction(&self) -> f64 {
        if self.used == 0 {
            0.0
        } else {
            self.shared as f64 / self.used as f64
        }
    }
}

/// A fast 64-bit hash of bytes (FxHash's mixing eight bytes at a time, then a final avalanche).
/// Not for untrusted keys in a hash map; here a collision only makes a slot "unknown".
pub(super) fn hash(parts: &[&[u8]]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0;
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            h = (h.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
        h = (h.rotate_left(5) ^ 0xff).wrapping_mul(K);
    }
    // murmur3's finaliser spreads the bits, so both halves of the hash are usable.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_classes_and_marks_collisions_unknown() {
        let mut table = NodeTable::new();
        let a = hash(&[b"https://w3id.org/pacta/id/A"]);
        assert_eq!(table.get(a), Known::Absent);
        table.describe(a, 0b10);
        table.describe(a, 0b01);
        assert_eq!(table.get(a), Known::Described(0b11));
        // Same slot, different fingerprint: the slot becomes unknown, not wrong.
        let b = a ^ (1 << 40);
        table.describe(b, 0);
        assert_eq!(table.get(a), Known::Unknown);
        assert_eq!(table.get(b), Known::Unknown);
    }
}
