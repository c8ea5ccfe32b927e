//! The feedback owner's desk (issue 19, in parts): when a remark's answer is due
//! ([`promise`]) and in which order the inbox shows what is undecided ([`urgency`]). The rules
//! are written out in docs/triage.md; these modules are them, tested as tables. The inbox, the
//! acknowledgement and the status page build on them.

pub mod promise;
pub mod urgency;
