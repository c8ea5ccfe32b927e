//! "My remarks", in memory: which remarks each (reporter, epoch) sealed. Built at start by
//! opening every seal, kept current on capture, by PostgreSQL notifications from other replicas
//! and by a periodic reconciliation. The seals are the truth; this is a cache of them.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

pub type Id = [u8; 16];

#[derive(Default)]
pub struct Index {
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    by_remark: HashMap<Id, (Id, i64)>,
    by_reporter: HashMap<(Id, i64), HashSet<Id>>,
}

impl Index {
    pub fn insert(&self, remark: Id, reporter: Id, epoch: i64) {
        let mut inner = self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(previous) = inner.by_remark.insert(remark, (reporter, epoch)) {
            if previous != (reporter, epoch) {
                if let Some(set) = inner.by_reporter.get_mut(&previous) {
                    set.remove(&remark);
                }
            }
        }
        inner.by_reporter.entry((reporter, epoch)).or_default().insert(remark);
    }

    pub fn remove(&self, remark: &Id) {
        let mut inner = self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(owner) = inner.by_remark.remove(remark) {
            if let Some(set) = inner.by_reporter.get_mut(&owner) {
                set.remove(remark);
                if set.is_empty() {
                    inner.by_reporter.remove(&owner);
                }
            }
        }
    }

    /// The remarks this reporter sealed in this epoch.
    pub fn remarks_of(&self, reporter: Id, epoch: i64) -> Vec<Id> {
        let inner = self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.by_reporter.get(&(reporter, epoch)).map(|set| set.iter().copied().collect()).unwrap_or_default()
    }

    /// Whether this reporter sealed this remark in this epoch.
    pub fn is_of(&self, remark: &Id, reporter: Id, epoch: i64) -> bool {
        let inner = self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.by_remark.get(remark) == Some(&(reporter, epoch))
    }

    pub fn known(&self) -> HashSet<Id> {
        let inner = self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.by_remark.keys().copied().collect()
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner).by_remark.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_per_reporter_and_epoch_and_forgets() {
        let index = Index::default();
        let (a, b) = ([1; 16], [2; 16]);
        index.insert([10; 16], a, 0);
        index.insert([11; 16], a, 1);
        index.insert([12; 16], b, 0);
        assert_eq!(index.remarks_of(a, 0), vec![[10; 16]]);
        assert_eq!(index.remarks_of(a, 1), vec![[11; 16]]);
        assert!(index.is_of(&[12; 16], b, 0) && !index.is_of(&[12; 16], a, 0));
        index.remove(&[10; 16]);
        assert!(index.remarks_of(a, 0).is_empty());
        assert_eq!(index.len(), 2);
    }
}
