//! Why an action was refused although the person may do it in general: the thing is not in a
//! state that allows it (a published journey is not edited, a finished walkthrough not changed).
//! One enum, so every reason has a translation (the translation test walks `Refusal::ALL`) and
//! the browser receives a known value, never free text.

use serde::{Deserialize, Serialize};

/// On the wire a refusal is its translation key, e.g. `{"Refused":"journey-error-not-draft"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Only a draft journey version can be edited or published.
    #[serde(rename = "journey-error-not-draft")]
    JourneyNotDraft,
    /// A journey needs at least one step before it is published.
    #[serde(rename = "journey-error-no-steps")]
    JourneyNoSteps,
    /// A journey family has at most one draft at a time.
    #[serde(rename = "journey-error-draft-exists")]
    JourneyDraftExists,
    /// Only the live version of a journey can be retired or copied into a new draft.
    #[serde(rename = "journey-error-not-live")]
    JourneyNotLive,
    /// A walkthrough starts only on a live journey.
    #[serde(rename = "walk-error-journey-not-live")]
    WalkJourneyNotLive,
    /// One walkthrough in progress per person and cycle.
    #[serde(rename = "walk-error-already-in-progress")]
    WalkAlreadyInProgress,
    /// A finished walkthrough is no longer changed.
    #[serde(rename = "walk-error-not-editable")]
    WalkNotEditable,
    /// A presentation is made from a completed walkthrough only.
    #[serde(rename = "presentation-error-walk-not-completed")]
    PresentationWalkNotCompleted,
    /// Once the reviewer confirmed a presentation it is no longer changed.
    #[serde(rename = "presentation-error-confirmed")]
    PresentationConfirmed,
    /// A recorded meeting waits for the reviewer: it is not replaced until they decide.
    #[serde(rename = "presentation-error-awaiting-review")]
    PresentationAwaitingReview,
    /// There is no recorded meeting waiting for a decision.
    #[serde(rename = "presentation-error-nothing-to-review")]
    PresentationNothingToReview,
    /// The reviewer already decided on this meeting (another tab, a second click).
    #[serde(rename = "presentation-error-already-reviewed")]
    PresentationAlreadyReviewed,
    /// A sign-off needs a completed walkthrough of this cycle with a confirmed presentation.
    #[serde(rename = "licence-error-not-ready")]
    LicenceNotReady,
    /// The licence is valid and its renewal window has not opened yet.
    #[serde(rename = "licence-error-window-not-open")]
    LicenceWindowNotOpen,
    /// The licence was already revoked (another tab, a second click).
    #[serde(rename = "licence-error-already-revoked")]
    LicenceAlreadyRevoked,
    /// The person has no licence to revoke.
    #[serde(rename = "licence-error-nothing-to-revoke")]
    LicenceNothingToRevoke,
    /// A manual certification with a start date is for people without a valid licence.
    #[serde(rename = "licence-error-still-valid")]
    LicenceStillValid,
    // Getting in (`crate::access`). Server-only: no island ever calls these server functions, and
    // the browser bundle's first-load budget has no room for their names.
    /// An invitation or reset link that was used, has expired or never existed.
    #[serde(rename = "access-error-link-invalid")]
    #[cfg(feature = "ssr")]
    AccessLinkInvalid,
    /// A password an admin typed is temporary: nothing works until the person chose their own.
    #[serde(rename = "access-error-change-password")]
    #[cfg(feature = "ssr")]
    AccessPasswordChangeRequired,
    /// An invitation went out less than a day ago.
    #[serde(rename = "access-error-invited-today")]
    #[cfg(feature = "ssr")]
    AccessInvitedToday,
    /// The person already set a password: there is nothing to invite them to.
    #[serde(rename = "access-error-has-password")]
    #[cfg(feature = "ssr")]
    AccessHasPassword,
    /// No mail server is configured, so no invitation can be sent.
    #[serde(rename = "access-error-mail-off")]
    #[cfg(feature = "ssr")]
    AccessMailOff,
    /// Another lead or CX member triaged one of these frictions first (server-rendered inbox).
    #[serde(rename = "inbox-error-already-triaged")]
    #[cfg(feature = "ssr")]
    InboxAlreadyTriaged,
}

impl Refusal {
    pub const ALL: [Refusal; 17] = [
        Refusal::JourneyNotDraft,
        Refusal::JourneyNoSteps,
        Refusal::JourneyDraftExists,
        Refusal::JourneyNotLive,
        Refusal::WalkJourneyNotLive,
        Refusal::WalkAlreadyInProgress,
        Refusal::WalkNotEditable,
        Refusal::PresentationWalkNotCompleted,
        Refusal::PresentationConfirmed,
        Refusal::PresentationAwaitingReview,
        Refusal::PresentationNothingToReview,
        Refusal::PresentationAlreadyReviewed,
        Refusal::LicenceNotReady,
        Refusal::LicenceWindowNotOpen,
        Refusal::LicenceAlreadyRevoked,
        Refusal::LicenceNothingToRevoke,
        Refusal::LicenceStillValid,
    ];

    /// The refusals only the server knows (see the enum).
    #[cfg(feature = "ssr")]
    pub const SERVER_ONLY: [Refusal; 6] = [
        Refusal::AccessLinkInvalid,
        Refusal::AccessPasswordChangeRequired,
        Refusal::AccessInvitedToday,
        Refusal::AccessHasPassword,
        Refusal::AccessMailOff,
        Refusal::InboxAlreadyTriaged,
    ];

    /// Every refusal this build knows.
    pub fn every() -> impl Iterator<Item = Refusal> {
        let all = Refusal::ALL.into_iter();
        #[cfg(feature = "ssr")]
        let all = all.chain(Refusal::SERVER_ONLY);
        all
    }

    /// The translation key of the message shown to the person.
    pub fn key(self) -> &'static str {
        match self {
            Refusal::JourneyNotDraft => "journey-error-not-draft",
            Refusal::JourneyNoSteps => "journey-error-no-steps",
            Refusal::JourneyDraftExists => "journey-error-draft-exists",
            Refusal::JourneyNotLive => "journey-error-not-live",
            Refusal::WalkJourneyNotLive => "walk-error-journey-not-live",
            Refusal::WalkAlreadyInProgress => "walk-error-already-in-progress",
            Refusal::WalkNotEditable => "walk-error-not-editable",
            Refusal::PresentationWalkNotCompleted => "presentation-error-walk-not-completed",
            Refusal::PresentationConfirmed => "presentation-error-confirmed",
            Refusal::PresentationAwaitingReview => "presentation-error-awaiting-review",
            Refusal::PresentationNothingToReview => "presentation-error-nothing-to-review",
            Refusal::PresentationAlreadyReviewed => "presentation-error-already-reviewed",
            Refusal::LicenceNotReady => "licence-error-not-ready",
            Refusal::LicenceWindowNotOpen => "licence-error-window-not-open",
            Refusal::LicenceAlreadyRevoked => "licence-error-already-revoked",
            Refusal::LicenceNothingToRevoke => "licence-error-nothing-to-revoke",
            Refusal::LicenceStillValid => "licence-error-still-valid",
            #[cfg(feature = "ssr")]
            Refusal::AccessLinkInvalid => "access-error-link-invalid",
            #[cfg(feature = "ssr")]
            Refusal::AccessPasswordChangeRequired => "access-error-change-password",
            #[cfg(feature = "ssr")]
            Refusal::AccessInvitedToday => "access-error-invited-today",
            #[cfg(feature = "ssr")]
            Refusal::AccessHasPassword => "access-error-has-password",
            #[cfg(feature = "ssr")]
            Refusal::AccessMailOff => "access-error-mail-off",
            #[cfg(feature = "ssr")]
            Refusal::InboxAlreadyTriaged => "inbox-error-already-triaged",
        }
    }

    /// The refusal a key stands for (a key read back from a URL, say); unknown keys give `None`.
    pub fn from_key(key: &str) -> Option<Refusal> {
        Refusal::every().find(|r| r.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_read_back() {
        for r in Refusal::every() {
            assert_eq!(Refusal::from_key(r.key()), Some(r));
        }
        let mut keys: Vec<_> = Refusal::every().map(|r| r.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Refusal::every().count());
        assert_eq!(Refusal::from_key("<script>"), None);
        for r in Refusal::every() {
            let json = serde_json::to_string(&r).expect("serialise");
            assert_eq!(json, format!("\"{}\"", r.key()));
        }
    }
}
