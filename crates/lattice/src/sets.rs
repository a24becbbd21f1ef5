//! Union-find over indices (rules into tables, cells into regions); a set's
//! root is its smallest index.

/// Disjoint sets of `0..n`.
pub struct Sets(Vec<usize>);

impl Sets {
    /// Every index its own set.
    pub fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    /// The smallest index of `i`'s set.
    pub fn root(&mut self, mut i: usize) -> usize {
        while let Some(&parent) = self.0.get(i) {
            if parent == i {
                break;
            }
            let grand = self.0.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }

    /// One set of `a`'s and `b`'s.
    pub fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
}
