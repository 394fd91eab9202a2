//! Improvements in the database: triage, an improvement's life, the overview, confirmations,
//! escalations, the mail outbox and the priority counts kept where they change.

pub mod confirm;
pub mod escalation;
pub mod inbox;
pub mod inbox_choices;
pub mod life;
pub mod mail;
pub mod overview;
pub mod similar;
pub mod tally;
pub mod triage;

/// `($from, $from+1, …)`: a list of `n` numbered placeholders, the values bound in order after
/// `from - 1` others (both backends read numbered placeholders; one list may be used twice).
pub(super) fn numbered_list(from: usize, n: usize) -> String {
    let list: Vec<String> = (from..from + n).map(|i| format!("${i}")).collect();
    format!("({})", list.join(", "))
}
