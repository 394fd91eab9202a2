//! The perimeter every request passes: cross-site request refusal (`csrf`), security headers
//! with a per-page script nonce (`headers`), and sign-in throttling (`throttle`). Authorization
//! of what a person may read or change stays in the server functions; this module only decides
//! whether a request is let in at all and how answers are marked.

pub mod address_limit;
pub mod csrf;
pub mod headers;
pub mod throttle;
