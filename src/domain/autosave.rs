//! The autosave rules of a form as a pure state machine: what to send and when, what to tell the
//! person, and when it is safe to leave. The browser feeds it events (typed, chose, answer came
//! back) and carries out the command it returns; the rules themselves are tested here.
//!
//! Invariants:
//! - every change gets a number (`edits`); the server has confirmed everything up to `confirmed`;
//!   "saved" is shown only when nothing is in flight and `confirmed == edits`;
//! - one save is in flight at a time; changes made meanwhile are sent as soon as it returns;
//! - leaving (next, previous, any link) waits until everything typed is confirmed;
//! - a version conflict is never retried on its own: the other tab's text must not be overwritten.

/// What the person is told about their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since the page was loaded.
    Idle,
    /// Changed, not yet sent.
    Unsaved,
    /// A save is on its way.
    Saving,
    /// Everything typed is on the server.
    Saved,
    /// The last save did not arrive; it is tried again shortly.
    Offline,
    /// Someone saved this step elsewhere first; nothing was overwritten.
    Conflict,
    /// The server refused a field; the form shows which.
    Invalid,
}

impl SaveStatus {
    /// A stable lower-case name, for the page's `data-state` (tests and styles read it).
    pub fn name(self) -> &'static str {
        match self {
            SaveStatus::Idle => "idle",
            SaveStatus::Unsaved => "unsaved",
            SaveStatus::Saving => "saving",
            SaveStatus::Saved => "saved",
            SaveStatus::Offline => "offline",
            SaveStatus::Conflict => "conflict",
            SaveStatus::Invalid => "invalid",
        }
    }

    /// Every status that shows a message (all but `Idle`).
    pub const SHOWN: [SaveStatus; 6] = [
        SaveStatus::Unsaved,
        SaveStatus::Saving,
        SaveStatus::Saved,
        SaveStatus::Offline,
        SaveStatus::Conflict,
        SaveStatus::Invalid,
    ];

    /// The translation key of the status line (`None`: show nothing).
    pub fn message_key(self) -> Option<&'static str> {
        match self {
            SaveStatus::Idle => None,
            SaveStatus::Unsaved => Some("walk-save-unsaved"),
            SaveStatus::Saving => Some("walk-save-saving"),
            SaveStatus::Saved => Some("walk-save-saved"),
            SaveStatus::Offline => Some("walk-save-offline"),
            SaveStatus::Conflict => Some("error-version-conflict"),
            SaveStatus::Invalid => Some("walk-save-invalid"),
        }
    }
}

/// What the browser should do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Nothing,
    /// Send the form as it is now, with this answer version.
    Send {
        version: i64,
    },
    /// Everything is saved: go to this address (a full page load).
    Leave(String),
}

/// Why the last save did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Offline,
    Conflict,
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    /// The server's version of the answer; sent with the next save.
    version: i64,
    /// Number of the latest change.
    edits: u64,
    /// Changes up to this number are on the server.
    confirmed: u64,
    /// The change number the save on its way carries.
    in_flight: Option<u64>,
    problem: Option<Problem>,
    /// Where to go once everything is saved.
    leave_to: Option<String>,
    /// An explicit save with nothing changed still confirms "saved" to the person.
    confirmed_once: bool,
}

impl Autosave {
    /// A form loaded with answer `version`.
    pub fn new(version: i64) -> Autosave {
        Autosave {
            version,
            edits: 0,
            confirmed: 0,
            in_flight: None,
            problem: None,
            leave_to: None,
            confirmed_once: false,
        }
    }

    pub fn status(&self) -> SaveStatus {
        match (self.problem, self.in_flight) {
            (Some(Problem::Conflict), _) => SaveStatus::Conflict,
            (_, Some(_)) => SaveStatus::Saving,
            (Some(Problem::Offline), None) => SaveStatus::Offline,
            (Some(Problem::Invalid), None) => SaveStatus::Invalid,
            _ if self.has_unsent() => SaveStatus::Unsaved,
            _ if self.confirmed > 0 || self.confirmed_once => SaveStatus::Saved,
            _ => SaveStatus::Idle,
        }
    }

    /// True while something typed is not yet confirmed by the server (leaving should warn).
    pub fn has_unsaved(&self) -> bool {
        self.edits > self.confirmed || self.in_flight.is_some()
    }

    /// The version the next save will carry.
    pub fn version(&self) -> i64 {
        self.version
    }

    /// The change number of the latest edit (the debounce timer remembers it).
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// Changes made after the last save was sent.
    fn has_unsent(&self) -> bool {
        self.edits > self.in_flight.unwrap_or(self.confirmed)
    }

    /// The person typed: mark it; the caller waits for a quiet moment (see [`Autosave::quiet`]).
    pub fn typed(&mut self) {
        self.edits += 1;
        if self.problem == Some(Problem::Invalid) {
            self.problem = None;
        }
    }

    /// The person made a choice (radio, select): saved at once.
    pub fn chose(&mut self) -> Command {
        self.typed();
        self.send_if_needed()
    }

    /// The typing pause after change `seen` has passed: save if nothing newer was typed since.
    pub fn quiet(&mut self, seen: u64) -> Command {
        if seen == self.edits {
            self.send_if_needed()
        } else {
            Command::Nothing
        }
    }

    /// The save button: send now, even when nothing changed (the person wants to see "saved").
    pub fn save_now(&mut self) -> Command {
        if self.problem == Some(Problem::Conflict) {
            return Command::Nothing;
        }
        if self.in_flight.is_some() {
            return Command::Nothing;
        }
        self.problem = None;
        self.in_flight = Some(self.edits);
        Command::Send {
            version: self.version,
        }
    }

    /// Go to `target` once everything typed is saved (save-and-next, previous, any link).
    pub fn leave(&mut self, target: String) -> Command {
        if !self.has_unsaved() {
            return Command::Leave(target);
        }
        self.leave_to = Some(target);
        self.send_if_needed()
    }

    /// The retry timer after an offline answer fired.
    pub fn retry(&mut self) -> Command {
        if self.problem == Some(Problem::Offline) {
            self.problem = None;
            self.send_if_needed()
        } else {
            Command::Nothing
        }
    }

    /// The person chose to drop what they typed (e.g. "load the latest version" after a conflict).
    pub fn discard(&mut self) {
        self.confirmed = self.edits;
        self.in_flight = None;
        self.problem = None;
        self.leave_to = None;
    }

    /// The server stored the save that was in flight and answered with the new version.
    pub fn saved(&mut self, version: i64) -> Command {
        let Some(sent) = self.in_flight.take() else {
            return Command::Nothing;
        };
        self.version = version;
        self.confirmed = self.confirmed.max(sent);
        self.confirmed_once = true;
        self.problem = None;
        if self.edits > self.confirmed {
            // Typed while the save was on its way: that goes out right away.
            return self.send_if_needed();
        }
        match self.leave_to.take() {
            Some(target) => Command::Leave(target),
            None => Command::Nothing,
        }
    }

    /// The save did not arrive or the server failed: keep everything, try again later.
    pub fn failed(&mut self) {
        self.in_flight = None;
        self.problem = Some(Problem::Offline);
        self.leave_to = None;
    }

    /// Someone else saved this answer first; nothing is sent again on its own.
    pub fn conflict(&mut self) {
        self.in_flight = None;
        self.problem = Some(Problem::Conflict);
        self.leave_to = None;
    }

    /// The server refused a field; the next change may be sent again.
    pub fn invalid(&mut self) {
        self.in_flight = None;
        self.problem = Some(Problem::Invalid);
        self.leave_to = None;
    }

    fn send_if_needed(&mut self) -> Command {
        if self.in_flight.is_some() || self.problem.is_some() || !self.has_unsent() {
            return Command::Nothing;
        }
        self.in_flight = Some(self.edits);
        Command::Send {
            version: self.version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(v: i64) -> Command {
        Command::Send { version: v }
    }

    #[test]
    fn a_fresh_form_is_idle_and_safe_to_leave() {
        let mut a = Autosave::new(3);
        assert_eq!(a.status(), SaveStatus::Idle);
        assert!(!a.has_unsaved());
        assert_eq!(a.leave("/next".into()), Command::Leave("/next".into()));
    }

    #[test]
    fn typing_waits_for_a_quiet_moment_and_then_saves_once() {
        let mut a = Autosave::new(0);
        a.typed();
        let first = a.edits();
        a.typed();
        assert_eq!(a.status(), SaveStatus::Unsaved);
        assert_eq!(a.quiet(first), Command::Nothing, "newer typing came after");
        assert_eq!(a.quiet(a.edits()), send(0));
        assert_eq!(a.status(), SaveStatus::Saving);
        assert_eq!(a.saved(1), Command::Nothing);
        assert_eq!(a.status(), SaveStatus::Saved);
        assert!(!a.has_unsaved());
        assert_eq!(a.version(), 1);
    }

    #[test]
    fn typing_during_a_save_is_sent_right_after_it_and_saved_is_shown_only_then() {
        let mut a = Autosave::new(0);
        assert_eq!(a.chose(), send(0));
        a.typed(); // while the first save is on its way
        let seen = a.edits();
        assert_eq!(a.quiet(seen), Command::Nothing, "one save at a time");
        assert_eq!(a.status(), SaveStatus::Saving);
        assert_eq!(a.saved(1), send(1), "the typing goes out at once");
        assert_ne!(a.status(), SaveStatus::Saved);
        assert!(a.has_unsaved());
        assert_eq!(a.saved(2), Command::Nothing);
        assert_eq!(a.status(), SaveStatus::Saved);
        assert!(!a.has_unsaved());
    }

    #[test]
    fn the_debounce_of_typing_done_during_a_save_does_not_send_twice() {
        let mut a = Autosave::new(0);
        a.chose();
        a.typed();
        let seen = a.edits();
        assert_eq!(a.saved(1), send(1));
        assert_eq!(a.quiet(seen), Command::Nothing, "already on its way");
        assert_eq!(a.saved(2), Command::Nothing);
        assert_eq!(a.quiet(seen), Command::Nothing, "nothing left to send");
    }

    #[test]
    fn leaving_waits_for_everything_typed_to_be_confirmed() {
        let mut a = Autosave::new(0);
        a.typed();
        assert_eq!(a.leave("/steps/2".into()), send(0));
        a.typed(); // a last letter while leaving
        assert_eq!(a.saved(1), send(1));
        assert_eq!(a.saved(2), Command::Leave("/steps/2".into()));
        assert!(!a.has_unsaved());
    }

    #[test]
    fn leaving_while_a_save_is_in_flight_goes_when_it_returns() {
        let mut a = Autosave::new(5);
        assert_eq!(a.chose(), send(5));
        assert_eq!(a.leave("/finish".into()), Command::Nothing);
        assert_eq!(a.saved(6), Command::Leave("/finish".into()));
    }

    #[test]
    fn offline_keeps_the_work_warns_and_retries_later() {
        let mut a = Autosave::new(0);
        a.typed();
        assert_eq!(a.leave("/next".into()), send(0));
        a.failed();
        assert_eq!(a.status(), SaveStatus::Offline);
        assert!(a.has_unsaved(), "leaving must still warn");
        a.typed();
        assert_eq!(a.quiet(a.edits()), Command::Nothing, "waits for the retry");
        assert_eq!(a.retry(), send(0));
        assert_eq!(
            a.saved(1),
            Command::Nothing,
            "the failed leave is not resumed later"
        );
        assert_eq!(a.status(), SaveStatus::Saved);
    }

    #[test]
    fn a_conflict_is_never_overwritten_automatically() {
        let mut a = Autosave::new(2);
        a.typed();
        assert_eq!(a.quiet(a.edits()), send(2));
        a.conflict();
        assert_eq!(a.status(), SaveStatus::Conflict);
        a.typed();
        assert_eq!(a.quiet(a.edits()), Command::Nothing);
        assert_eq!(a.retry(), Command::Nothing);
        assert_eq!(a.save_now(), Command::Nothing);
        assert_eq!(a.status(), SaveStatus::Conflict);
        assert!(a.has_unsaved());
    }

    #[test]
    fn discarding_after_a_conflict_lets_the_person_leave_without_a_warning() {
        let mut a = Autosave::new(2);
        a.typed();
        a.quiet(a.edits());
        a.conflict();
        a.discard();
        assert!(!a.has_unsaved());
        assert_eq!(a.leave("/same".into()), Command::Leave("/same".into()));
    }

    #[test]
    fn an_invalid_field_is_shown_until_the_next_change_which_is_sent_again() {
        let mut a = Autosave::new(0);
        a.typed();
        assert_eq!(a.quiet(a.edits()), send(0));
        a.invalid();
        assert_eq!(a.status(), SaveStatus::Invalid);
        a.typed();
        assert_eq!(a.status(), SaveStatus::Unsaved);
        assert_eq!(a.quiet(a.edits()), send(0));
        assert_eq!(a.saved(1), Command::Nothing);
        assert_eq!(a.status(), SaveStatus::Saved);
    }

    #[test]
    fn the_save_button_confirms_even_without_changes() {
        let mut a = Autosave::new(4);
        assert_eq!(a.save_now(), send(4));
        assert_eq!(a.saved(5), Command::Nothing);
        assert_eq!(a.status(), SaveStatus::Saved);
    }

    #[test]
    fn an_answer_without_a_save_in_flight_changes_nothing() {
        let mut a = Autosave::new(1);
        assert_eq!(a.saved(9), Command::Nothing);
        assert_eq!(a.version(), 1);
        assert_eq!(a.status(), SaveStatus::Idle);
    }

    #[test]
    fn every_status_but_idle_has_a_message() {
        assert_eq!(SaveStatus::Idle.message_key(), None);
        for s in SaveStatus::SHOWN {
            assert!(s.message_key().is_some());
        }
    }
}
