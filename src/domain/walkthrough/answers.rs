//! One step's answer as typed: outcome, minutes, emotion, effort, expected against what happened.

use super::super::FieldErrors;
use super::super::text;
use serde::{Deserialize, Serialize};

/// How a step went for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Done,
    Partly,
    Failed,
    Skipped,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Done,
        Outcome::Partly,
        Outcome::Failed,
        Outcome::Skipped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Partly => "partly",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }

    pub fn parse(code: &str) -> Result<Outcome, &'static str> {
        Outcome::ALL
            .into_iter()
            .find(|o| o.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::Done => "outcome-done",
            Outcome::Partly => "outcome-partly",
            Outcome::Failed => "outcome-failed",
            Outcome::Skipped => "outcome-skipped",
        }
    }
}

/// The emotion scale, −2 (very negative) to +2 (very positive), with a word for each point.
pub const EMOTIONS: [(i64, &str); 5] = [
    (-2, "emotion-very-negative"),
    (-1, "emotion-negative"),
    (0, "emotion-neutral"),
    (1, "emotion-positive"),
    (2, "emotion-very-positive"),
];

/// The translation key of the word for an emotion value.
pub fn emotion_label_key(value: i64) -> &'static str {
    EMOTIONS
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, key)| *key)
        .unwrap_or("emotion-neutral")
}

/// Validated answer for one step. Everything is optional while walking; an outcome of "skipped" needs a reason.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepAnswerInput {
    pub outcome: Option<Outcome>,
    pub skip_reason: Option<String>,
    pub minutes: Option<i64>,
    pub emotion: Option<i64>,
    pub effort: Option<i64>,
    pub expected: Option<String>,
    pub happened: Option<String>,
    pub notes: Option<String>,
}

impl StepAnswerInput {
    /// Field names match the form: outcome, skip_reason, minutes, emotion, effort, expected, happened, notes.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        outcome: &str,
        skip_reason: &str,
        minutes: &str,
        emotion: &str,
        effort: &str,
        expected: &str,
        happened: &str,
        notes: &str,
    ) -> Result<StepAnswerInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let outcome = errors.check(
            "outcome",
            if outcome.trim().is_empty() {
                Ok(None)
            } else {
                Outcome::parse(outcome).map(Some)
            },
        );
        let skip_reason = errors.check("skip_reason", text::optional(skip_reason, text::SHORT));
        if outcome == Some(Some(Outcome::Skipped)) && matches!(skip_reason, Some(None)) {
            errors.add("skip_reason", "walk-error-skip-reason");
        }
        let minutes = errors.check("minutes", text::optional_number(minutes, 0, 1440));
        let emotion = errors.check("emotion", text::optional_number(emotion, -2, 2));
        let effort = errors.check("effort", text::optional_number(effort, 1, 7));
        let expected = errors.check("expected", text::optional(expected, text::LONG));
        let happened = errors.check("happened", text::optional(happened, text::LONG));
        let notes = errors.check("notes", text::optional(notes, text::LONG));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StepAnswerInput {
            outcome: outcome.flatten(),
            skip_reason: skip_reason.flatten(),
            minutes: minutes.flatten(),
            emotion: emotion.flatten(),
            effort: effort.flatten(),
            expected: expected.flatten(),
            happened: happened.flatten(),
            notes: notes.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_answer_validates_each_field() {
        let err = StepAnswerInput::parse("skipped", " ", "-5", "3", "0", "", "", "")
            .expect_err("invalid");
        assert_eq!(err.for_field("skip_reason"), Some("walk-error-skip-reason"));
        assert_eq!(err.for_field("minutes"), Some("error-out-of-range"));
        assert_eq!(err.for_field("emotion"), Some("error-out-of-range"));
        assert_eq!(err.for_field("effort"), Some("error-out-of-range"));
        let err = StepAnswerInput::parse("maybe", "", "", "", "", "", "", "").expect_err("bad");
        assert_eq!(err.for_field("outcome"), Some("error-invalid-choice"));
        let empty = StepAnswerInput::parse("", "", "", "", "", "", "", "").expect("empty ok");
        assert_eq!(empty, StepAnswerInput::default());
        let ok = StepAnswerInput::parse("partly", "", "12", "-2", "6", "Snel", "Traag", "")
            .expect("valid");
        assert_eq!(ok.outcome, Some(Outcome::Partly));
        assert_eq!(
            (ok.minutes, ok.emotion, ok.effort),
            (Some(12), Some(-2), Some(6))
        );
        assert_eq!(ok.notes, None);
    }
}
