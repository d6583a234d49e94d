//! Time as the core sees it: two readings taken together by the shell.

use serde::{Deserialize, Serialize};

/// One moment, read from two clocks at once.
///
/// `mono` (milliseconds from `performance.now()`) decides when phases end:
/// it never jumps, but restarts with every page load. `wall` (milliseconds
/// since the Unix epoch, `Date.now()`) stamps records and survives reloads,
/// but the patient's clock may move. Deadlines use `mono`; records use
/// `wall`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Now {
    pub mono: u64,
    pub wall: u64,
}

impl Now {
    pub fn new(mono: u64, wall: u64) -> Self {
        Self { mono, wall }
    }

    /// The wall-clock time of an earlier (or equal) monotonic instant, e.g.
    /// the deadline at which a set really ended when a throttled tab only
    /// notices it later.
    pub fn wall_at(self, mono: u64) -> u64 {
        self.wall.saturating_sub(self.mono.saturating_sub(mono))
    }

    /// The same moment `ms` later on both clocks (used by tests and by the
    /// catch-up logic).
    pub fn plus(self, ms: u64) -> Self {
        Self::new(self.mono + ms, self.wall + ms)
    }
}
