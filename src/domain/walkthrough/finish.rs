//! Ending a walkthrough: completed or abandoned, the closing questions, and what blocks completing.

use super::super::FieldErrors;
use super::super::text;
use super::status::WalkthroughStatus;

/// Validated end of a walkthrough.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishInput {
    pub status: WalkthroughStatus,
    pub abandon_reason: Option<String>,
    pub recommend_score: Option<i64>,
    pub summary: String,
    pub pros: String,
    pub cons: String,
}

impl FinishInput {
    /// Field names match the form: result (completed/abandoned), abandon_reason, recommend_score, summary, pros, cons.
    pub fn parse(
        result: &str,
        abandon_reason: &str,
        recommend_score: &str,
        summary: &str,
        pros: &str,
        cons: &str,
    ) -> Result<FinishInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status = errors.check(
            "result",
            match result.trim() {
                "completed" => Ok(WalkthroughStatus::Completed),
                "abandoned" => Ok(WalkthroughStatus::Abandoned),
                "" => Err("error-required"),
                _ => Err("error-invalid-choice"),
            },
        );
        let abandon_reason = errors.check(
            "abandon_reason",
            match status {
                Some(WalkthroughStatus::Abandoned) => {
                    text::required(abandon_reason, text::MEDIUM).map(Some)
                }
                _ => Ok(None),
            },
        );
        let recommend_score = errors.check(
            "recommend_score",
            match status {
                Some(WalkthroughStatus::Completed) => text::optional_number(recommend_score, 0, 10)
                    .and_then(|n| n.ok_or("error-required"))
                    .map(Some),
                _ => text::optional_number(recommend_score, 0, 10),
            },
        );
        let summary = errors.check("summary", text::required(summary, text::LONG));
        let pros = errors.check(
            "pros",
            text::optional(pros, text::LONG).map(Option::unwrap_or_default),
        );
        let cons = errors.check(
            "cons",
            text::optional(cons, text::LONG).map(Option::unwrap_or_default),
        );
        match (status, abandon_reason, recommend_score, summary, pros, cons) {
            (
                Some(status),
                Some(abandon_reason),
                Some(recommend_score),
                Some(summary),
                Some(pros),
                Some(cons),
            ) if errors.is_empty() => Ok(FinishInput {
                status,
                abandon_reason,
                recommend_score,
                summary,
                pros,
                cons,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a completed walkthrough cannot be submitted yet (translation keys), empty when it can.
/// Every step needs an outcome, every walkthrough asks for at least one delight, and quick captures
/// must have been completed (a one-line note is not yet something colleagues can act on).
pub fn completion_problems(
    unanswered_steps: usize,
    delights: usize,
    incomplete_frictions: usize,
) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if unanswered_steps > 0 {
        problems.push("walk-error-steps-open");
    }
    if delights == 0 {
        problems.push("walk-error-no-delight");
    }
    if incomplete_frictions > 0 {
        problems.push("walk-error-incomplete-frictions");
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finishing_rules() {
        let err = FinishInput::parse("completed", "", "", "", "", "").expect_err("invalid");
        assert_eq!(err.for_field("recommend_score"), Some("error-required"));
        assert_eq!(err.for_field("summary"), Some("error-required"));
        let err = FinishInput::parse("abandoned", "", "11", "s", "", "").expect_err("invalid");
        assert_eq!(err.for_field("abandon_reason"), Some("error-required"));
        assert_eq!(err.for_field("recommend_score"), Some("error-out-of-range"));
        let ok =
            FinishInput::parse("completed", "ignored", "8", "Goed", "Snel", "Duur").expect("ok");
        assert_eq!(ok.status, WalkthroughStatus::Completed);
        assert_eq!(ok.abandon_reason, None);
        assert_eq!(ok.recommend_score, Some(8));
        assert_eq!(
            completion_problems(2, 0, 0),
            vec!["walk-error-steps-open", "walk-error-no-delight"]
        );
        assert_eq!(
            completion_problems(0, 1, 1),
            vec!["walk-error-incomplete-frictions"]
        );
        assert!(completion_problems(0, 1, 0).is_empty());
    }
}
