//! The licence: periods issued at sign-off, the organisation's rules for their dates, where a
//! person stands on a day, what is needed for renewal, and the public verification code. Pure
//! and wasm-safe; every date is a calendar date in Europe/Amsterdam.

mod code;
mod dates;
mod decision;
mod period;
mod progress;
mod record;
pub mod reminder;
mod settings;
mod status;

pub use code::{
    CODE_LEN, display as display_code, encode as encode_code, normalize as normalize_code,
};
pub use dates::{amsterdam_date, anniversary, first_day_of_term, last_day_of_term, shift};
pub use decision::{Certify, CertifyInput, REASON_MAX, parse_reason};
pub use period::{Current, IssueRefusal, NewPeriod, next_period, period_from, window_opens};
pub use progress::{RenewalProgress, Step};
pub use record::{DecisionRecord, PeriodRecord, TeamMember, Verification};
pub use settings::{ExpiryAnchor, LicenceSettings, SettingsInput};
pub use status::{LicenceStatus, Standing, cycle_start, standing};
