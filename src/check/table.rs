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
//! table's size follows the input's up to a cap of 48 MiB, reached at 4 MiB of input, so
//! memory stays flat beyond that.
//!
//! The slots are atomics, so that the threads reading the chunks of one large file fill one
//! table side by side. Relaxed ordering is enough: a thread only ever adds to a slot, a lookup
//! that misses a node another thread is adding defers its check, and the checks that settle
//! run after the threads are joined.

use super::schema::Classes;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};

/// 2^22 slots of 12 bytes: 48 MiB at most, whatever the size of the input.
const MAX_SLOTS: usize = 1 << 22;
/// The fewest slots: 48 KiB.
const MIN_SLOTS: usize = 1 << 12;
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
    /// Buckets minus one: the bits of a hash that pick a bucket.
    mask: usize,
    fingerprints: Vec<AtomicU32>,
    classes: Vec<AtomicU64>,
    overflowed: Vec<AtomicBool>,
}

impl NodeTable {
    /// A table for inputs of `bytes` bytes in all. A node takes a statement of a few bytes at
    /// least, so half a slot a byte leaves room to spare; a small input gets a small table,
    /// which is quick to clear when the allocator hands back memory already used.
    pub fn for_input(bytes: u64) -> Self {
        let wanted = usize::try_from(bytes / 2).unwrap_or(usize::MAX);
        let slots = wanted.clamp(MIN_SLOTS, MAX_SLOTS).next_power_of_two();
        Self::with_slots(slots)
    }

    fn with_slots(slots: usize) -> Self {
        // Zeroed allocations: the OS hands out fresh pages on first touch.
        Self {
            mask: slots / BUCKET - 1,
            fingerprints: bytemuck::zeroed_vec(slots),
            classes: bytemuck::zeroed_vec(slots),
            overflowed: bytemuck::zeroed_vec(slots / BUCKET),
        }
    }

    /// The node's bucket, and its fingerprint from the other half of the hash (never 0, which
    /// marks an empty slot).
    fn place(&self, hash: u64) -> (usize, u32) {
        let bucket = (hash as usize) & self.mask;
        let fingerprint = ((hash >> 32) as u32).max(1);
        (bucket, fingerprint)
    }

    /// Records that the node with this hash is described, with these classes. False when its
    /// bucket is full and the node could not be recorded.
    pub fn describe(&self, hash: u64, classes: Classes) -> bool {
        let (bucket, fingerprint) = self.place(hash);
        let classes = classes | DEFINED;
        for slot in bucket * BUCKET..(bucket + 1) * BUCKET {
            let found = match self.fingerprints[slot].load(Relaxed) {
                0 => {
                    match self.fingerprints[slot].compare_exchange(0, fingerprint, Relaxed, Relaxed)
                    {
                        Ok(_) => fingerprint,
                        // Another thread took the slot first, perhaps for this very node.
                        Err(other) => other,
                    }
                }
                other => other,
            };
            if found == fingerprint {
                // Most triples add no class: skip the locked write when there is nothing new.
                if self.classes[slot].load(Relaxed) & classes != classes {
                    self.classes[slot].fetch_or(classes, Relaxed);
                }
                return true;
            }
        }
        self.overflowed[bucket].store(true, Relaxed);
        false
    }

    /// What the table knows about the node with this hash.
    pub fn get(&self, hash: u64) -> Known {
        let (bucket, fingerprint) = self.place(hash);
        for slot in bucket * BUCKET..(bucket + 1) * BUCKET {
            match self.fingerprints[slot].load(Relaxed) {
                0 => break,
                f if f == fingerprint => {
                    return Known::Described(self.classes[slot].load(Relaxed) & !DEFINED);
                }
                _ => {}
            }
        }
        if self.overflowed[bucket].load(Relaxed) {
            Known::Unknown
        } else {
            Known::Absent
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
        let table = NodeTable::for_input(0);
        let a = hash(&[b"https://w3id.org/pacta/id/A"]);
        assert_eq!(table.get(a), Known::Absent);
        assert!(table.describe(a, 0b10));
        assert!(table.describe(a, 0b01));
        assert_eq!(table.get(a), Known::Described(0b11));
        // Eight more nodes in the same bucket, with other fingerprints: the seven that fit
        // are remembered, the last is lost, and from then on a miss there is "unknown".
        let others: Vec<u64> = (1..=8u64).map(|i| a ^ (i << 40)).collect();
        let absent = a ^ (99 << 40);
        assert_eq!(table.get(absent), Known::Absent);
        let fitted: Vec<bool> = others.iter().map(|&o| table.describe(o, 0b100)).collect();
        assert_eq!(fitted, [true, true, true, true, true, true, true, false]);
        assert_eq!(table.get(a), Known::Described(0b11));
        assert_eq!(table.get(others[6]), Known::Described(0b100));
        assert_eq!(table.get(others[7]), Known::Unknown);
        assert_eq!(table.get(absent), Known::Unknown);
        // Another bucket is untouched.
        assert_eq!(table.get(a ^ 1), Known::Absent);
    }

    #[test]
    fn the_table_grows_with_the_input_up_to_its_cap() {
        assert_eq!(NodeTable::for_input(0).fingerprints.len(), MIN_SLOTS);
        assert_eq!(NodeTable::for_input(1 << 20).fingerprints.len(), 1 << 19);
        assert_eq!(NodeTable::for_input(1 << 40).fingerprints.len(), MAX_SLOTS);
    }
}
