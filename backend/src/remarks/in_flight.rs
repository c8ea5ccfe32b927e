//! Captures being written in this process now, by key.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Keys being captured right now in this process: a second send of one while the first is still
/// working gets 409 at once instead of queueing behind it.
#[derive(Default)]
pub struct InFlight(Mutex<HashSet<String>>);

pub struct InFlightGuard {
    set: Arc<InFlight>,
    key: String,
}

impl InFlight {
    pub fn enter(set: &Arc<InFlight>, key: &str) -> Option<InFlightGuard> {
        let mut keys = set.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.insert(key.to_owned()).then(|| InFlightGuard { set: Arc::clone(set), key: key.to_owned() })
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        self.set.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&self.key);
    }
}
