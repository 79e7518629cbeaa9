//! A stable hash for seeds and file names: the same on every platform and version (unlike
//! `DefaultHasher`), so that derived seeds and names never change between runs.

/// FNV-1a 64-bit hash: small, stable across platforms and versions (unlike `DefaultHasher`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
