//! A fixed-size table of the nodes a file describes, for the vocabulary pass.
//!
//! The pass must know, for any IRI it meets, whether the file defines it and with which pacta
//! types, even when the definition comes later in the file. Remembering every node would make
//! memory grow with the file; this table never grows. Slots hold a 32-bit fingerprint and a set
//! of classes, in buckets of eight that a node's hash picks; a node takes the first free slot of
//! its bucket. When a bucket is full, the node is not recorded and the bucket is marked
//! overflowed: a lookup there that finds nothing answers "unknown" rather than "absent", so a
//! full table checks fewer links but never reports a false problem. Two nodes with the same
//! bucket and fingerprint (one chance in 2^29 per pair in a bucket) share a slot's classes. The
//! table is zeroed memory, so a small file touches only a few pages of it.

use super::schema::Classes;

/// 2^22 slots of 12 bytes: 48 MiB at most, whatever the size of the input.
const SLOTS: usize = 1 << 22;
/// Slots per bucket: eight fingerprints are one 32-byte read.
const BUCKET: usize = 8;
/// The class bit that means "described as a subject".
const DEFINED: Classes = 1 << 63;

/// What the table knows about a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// The file never describes it.
    Absent,
    /// The file describes it, with these pacta classes (possibly none).
    Described(Classes),
    /// Its bucket overflowed: the table cannot tell.
    Unknown,
}

/// The table; see the module comment.
pub(super) struct NodeTable {
    fingerprints: Vec<u32>,
    classes: Vec<Classes>,
    overflowed: Vec<bool>,
    /// Calls to [`describe`](Self::describe), and those whose node found no slot.
    described: usize,
    lost: usize,
}

impl NodeTable {
    pub fn new() -> Self {
        Self {
            fingerprints: vec![0; SLOTS],
            classes: vec![0; SLOTS],
            overflowed: vec![false; SLOTS / BUCKET],
            described: 0,
            lost: 0,
        }
    }

    /// The node's bucket, and its fingerprint from the other half of the hash (never 0, which
    /// marks an empty slot).
    fn place(hash: u64) -> (usize, u32) {
        let bucket = (hash as usize) & (SLOTS / BUCKET - 1);
        let fingerprint = ((hash >> 32) as u32).max(1);
        (bucket, fingerprint)
    }

    /// Records that the node with this hash is described, with these classes.
    pub fn describe(&mut self, hash: u64, classes: Classes) {
        self.described += 1;
        let (bucket, fingerprint) = Self::place(hash);
        let slots = bucket * BUCKET..(bucket + 1) * BUCKET;
        for slot in slots {
            match self.fingerprints[slot] {
                0 => {
                    self.fingerprints[slot] = fingerprint;
                    self.classes[slot] = classes | DEFINED;
                    return;
                }
                f if f == fingerprint => {
                    self.classes[slot] |= classes | DEFINED;
                    return;
                }
                _ => {}
            }
        }
        self.overflowed[bucket] = true;
        self.lost += 1;
    }

    /// What the table knows about the node with this hash.
    pub fn get(&self, hash: u64) -> Known {
        let (bucket, fingerprint) = Self::place(hash);
        let slots = bucket * BUCKET..(bucket + 1) * BUCKET;
        for slot in slots {
            match self.fingerprints[slot] {
                0 => break,
                f if f == fingerprint => return Known::Described(self.classes[slot] & !DEFINED),
                _ => {}
            }
        }
        if self.overflowed[bucket] {
            Known::Unknown
        } else {
            Known::Absent
        }
    }

    /// The share of triples whose subject the table could not hold, for the report.
    pub fn lost_fraction(&self) -> f64 {
        if self.lost == 0 {
            0.0
        } else {
            self.lost as f64 / self.described as f64
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
    fn remembers_classes_and_answers_unknown_when_a_bucket_overflows() {
        let mut table = NodeTable::new();
        let a = hash(&[b"https://w3id.org/pacta/id/A"]);
        assert_eq!(table.get(a), Known::Absent);
        table.describe(a, 0b10);
        table.describe(a, 0b01);
        assert_eq!(table.get(a), Known::Described(0b11));
        // Eight more nodes in the same bucket, with other fingerprints: the seven that fit
        // are remembered, the last is lost, and from then on a miss there is "unknown".
        let others: Vec<u64> = (1..=8u64).map(|i| a ^ (i << 40)).collect();
        let absent = a ^ (99 << 40);
        assert_eq!(table.get(absent), Known::Absent);
        for &other in &others {
            table.describe(other, 0b100);
        }
        assert_eq!(table.get(a), Known::Described(0b11));
        assert_eq!(table.get(others[6]), Known::Described(0b100));
        assert_eq!(table.get(others[7]), Known::Unknown);
        assert_eq!(table.get(absent), Known::Unknown);
        assert!(table.lost_fraction() > 0.0);
        // Another bucket is untouched.
        assert_eq!(table.get(a ^ 1), Known::Absent);
    }
}
