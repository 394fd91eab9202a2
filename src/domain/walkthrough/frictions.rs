//! Frictions, delights and questions logged on a step: kind, severity, Watkinson's principles.

use super::super::FieldErrors;
use super::super::text;
use serde::{Deserialize, Serialize};

/// Kind of a logged observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrictionKind {
    Friction,
    Delight,
    Question,
}

impl FrictionKind {
    pub const ALL: [FrictionKind; 3] = [
        FrictionKind::Friction,
        FrictionKind::Delight,
        FrictionKind::Question,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FrictionKind::Friction => "friction",
            FrictionKind::Delight => "delight",
            FrictionKind::Question => "question",
        }
    }

    pub fn parse(code: &str) -> Result<FrictionKind, &'static str> {
        FrictionKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            FrictionKind::Friction => "kind-friction",
            FrictionKind::Delight => "kind-delight",
            FrictionKind::Question => "kind-question",
        }
    }
}

/// How bad a friction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// "I would have given up if I did not work here."
    Blocker,
    Major,
    Papercut,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Blocker, Severity::Major, Severity::Papercut];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Major => "major",
            Severity::Papercut => "papercut",
        }
    }

    pub fn parse(code: &str) -> Result<Severity, &'static str> {
        Severity::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Severity::Blocker => "severity-blocker",
            Severity::Major => "severity-major",
            Severity::Papercut => "severity-papercut",
        }
    }
}

/// Watkinson's ten principles of a great customer experience; a friction is tagged with the ones it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Principle {
    /// Reflects the customer's identity.
    Identity,
    /// Satisfies higher (underlying) needs.
    Needs,
    /// Leaves nothing to chance.
    Chance,
    /// Sets clear expectations and meets them.
    Expectations,
    /// Is effortless.
    Effortless,
    /// Is stress-free.
    Stress,
    /// Appeals to the senses.
    Senses,
    /// Builds a relationship.
    Relationship,
    /// Puts the customer in control.
    Control,
    /// Takes emotion into account.
    Emotion,
}

impl Principle {
    pub const ALL: [Principle; 10] = [
        Principle::Identity,
        Principle::Needs,
        Principle::Chance,
        Principle::Expectations,
        Principle::Effortless,
        Principle::Stress,
        Principle::Senses,
        Principle::Relationship,
        Principle::Control,
        Principle::Emotion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Principle::Identity => "identity",
            Principle::Needs => "needs",
            Principle::Chance => "chance",
            Principle::Expectations => "expectations",
            Principle::Effortless => "effortless",
            Principle::Stress => "stress",
            Principle::Senses => "senses",
            Principle::Relationship => "relationship",
            Principle::Control => "control",
            Principle::Emotion => "emotion",
        }
    }

    pub fn parse(code: &str) -> Result<Principle, &'static str> {
        Principle::ALL
            .into_iter()
            .find(|p| p.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    /// The tag as it reads on a friction, e.g. "not effortless".
    pub fn tag_key(self) -> &'static str {
        match self {
            Principle::Identity => "principle-identity",
            Principle::Needs => "principle-needs",
            Principle::Chance => "principle-chance",
            Principle::Expectations => "principle-expectations",
            Principle::Effortless => "principle-effortless",
            Principle::Stress => "principle-stress",
            Principle::Senses => "principle-senses",
            Principle::Relationship => "principle-relationship",
            Principle::Control => "principle-control",
            Principle::Emotion => "principle-emotion",
        }
    }
}

/// Validated friction, delight or question.
#[derive(Debug, Clone, PartialEq)]
pub struct FrictionInput {
    pub kind: FrictionKind,
    pub severity: Option<Severity>,
    pub title: String,
    pub what_happened: String,
    pub suggestion: String,
    pub principles: Vec<Principle>,
    pub team_id: Option<i64>,
}

impl FrictionInput {
    /// Field names match the form: kind, severity, title, what_happened, suggestion, principles, team_id.
    /// A friction needs a severity and a description of what happened; a delight or question only a title.
    pub fn parse(
        kind: &str,
        severity: &str,
        title: &str,
        what_happened: &str,
        suggestion: &str,
        principles: &[String],
        team_id: &str,
    ) -> Result<FrictionInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", FrictionKind::parse(kind));
        let severity = errors.check(
            "severity",
            match (kind, severity.trim()) {
                (Some(FrictionKind::Friction), "") => Err("walk-error-severity-required"),
                (Some(FrictionKind::Friction), code) => Severity::parse(code).map(Some),
                _ => Ok(None),
            },
        );
        let title = errors.check("title", text::required(title, 120));
        let what_happened = errors.check(
            "what_happened",
            match kind {
                Some(FrictionKind::Friction) => text::required(what_happened, text::LONG),
                _ => text::optional(what_happened, text::LONG).map(Option::unwrap_or_default),
            },
        );
        let suggestion = errors.check(
            "suggestion",
            text::optional(suggestion, text::LONG).map(Option::unwrap_or_default),
        );
        let mut tags = Vec::new();
        for code in principles.iter().filter(|c| !c.trim().is_empty()) {
            match Principle::parse(code) {
                Ok(p) => tags.push(p),
                Err(key) => {
                    errors.add("principles", key);
                    break;
                }
            }
        }
        tags.sort();
        tags.dedup();
        let team_id = errors.check("team_id", super::super::person::parse_optional_id(team_id));
        match (kind, severity, title, what_happened, suggestion, team_id) {
            (
                Some(kind),
                Some(severity),
                Some(title),
                Some(what_happened),
                Some(suggestion),
                Some(team_id),
            ) if errors.is_empty() => Ok(FrictionInput {
                kind,
                severity,
                title,
                what_happened,
                suggestion,
                principles: tags,
                team_id,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friction_needs_severity_and_description_delight_does_not() {
        let err =
            FrictionInput::parse("friction", "", "Titel", "", "", &[], "").expect_err("invalid");
        assert_eq!(
            err.for_field("severity"),
            Some("walk-error-severity-required")
        );
        assert_eq!(err.for_field("what_happened"), Some("error-required"));
        let delight =
            FrictionInput::parse("delight", "blocker", "Vriendelijk", "", "", &[], "").expect("ok");
        assert_eq!(delight.severity, None);
        let tags = vec![
            "stress".to_owned(),
            "effortless".to_owned(),
            "stress".to_owned(),
        ];
        let f = FrictionInput::parse("friction", "major", "Wachtrij", "20 min", "", &tags, "3")
            .expect("ok");
        assert_eq!(f.principles, vec![Principle::Effortless, Principle::Stress]);
        assert_eq!(f.team_id, Some(3));
        let bad = FrictionInput::parse("friction", "major", "T", "w", "", &["nonsense".into()], "")
            .expect_err("bad tag");
        assert_eq!(bad.for_field("principles"), Some("error-invalid-choice"));
    }
}
