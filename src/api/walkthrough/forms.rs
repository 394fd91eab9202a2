//! The forms a walkthrough is filled in with (step answers, frictions, finishing): every field
//! arrives as typed, so a half-filled or rejected form is never lost, and each form can list its
//! fields for the draft a no-JavaScript post leaves behind.

use serde::{Deserialize, Serialize};

/// One step's answer as typed; every field is text so a half-filled form always arrives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepForm {
    pub walkthrough_id: i64,
    pub step_id: i64,
    /// The answer version the form was loaded with (optimistic check).
    pub version: i64,
    /// 1-based step number, for the redirect after a plain form post.
    pub number: usize,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub skip_reason: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub emotion: String,
    #[serde(default)]
    pub effort: String,
    #[serde(default)]
    pub expected: String,
    #[serde(default)]
    pub happened: String,
    #[serde(default)]
    pub notes: String,
    /// Where to go after saving: `stay`, `next`, `prev` or `finish`.
    #[serde(default)]
    pub go: String,
}

impl StepForm {
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("outcome", self.outcome.clone()),
            ("skip_reason", self.skip_reason.clone()),
            ("minutes", self.minutes.clone()),
            ("emotion", self.emotion.clone()),
            ("effort", self.effort.clone()),
            ("expected", self.expected.clone()),
            ("happened", self.happened.clone()),
            ("notes", self.notes.clone()),
            ("step_id", self.step_id.to_string()),
        ]
    }
}

/// Ticked principle boxes: `form[tags][effortless]=on`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrincipleTicks {
    pub identity: Option<String>,
    pub needs: Option<String>,
    pub chance: Option<String>,
    pub expectations: Option<String>,
    pub effortless: Option<String>,
    pub stress: Option<String>,
    pub senses: Option<String>,
    pub relationship: Option<String>,
    pub control: Option<String>,
    pub emotion: Option<String>,
}

impl PrincipleTicks {
    pub fn codes(&self) -> Vec<String> {
        [
            ("identity", &self.identity),
            ("needs", &self.needs),
            ("chance", &self.chance),
            ("expectations", &self.expectations),
            ("effortless", &self.effortless),
            ("stress", &self.stress),
            ("senses", &self.senses),
            ("relationship", &self.relationship),
            ("control", &self.control),
            ("emotion", &self.emotion),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.to_owned())
        .collect()
    }

    pub fn from_codes(codes: &[String]) -> PrincipleTicks {
        let on = |k: &str| codes.iter().any(|c| c == k).then(|| "on".to_owned());
        PrincipleTicks {
            identity: on("identity"),
            needs: on("needs"),
            chance: on("chance"),
            expectations: on("expectations"),
            effortless: on("effortless"),
            stress: on("stress"),
            senses: on("senses"),
            relationship: on("relationship"),
            control: on("control"),
            emotion: on("emotion"),
        }
    }
}

/// A friction, delight or question as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrictionForm {
    pub walkthrough_id: i64,
    pub step_id: i64,
    pub number: usize,
    /// Empty for a new entry.
    #[serde(default)]
    pub friction_id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub what_happened: String,
    #[serde(default)]
    pub suggestion: String,
    #[serde(default)]
    pub tags: PrincipleTicks,
    #[serde(default)]
    pub team_id: String,
    /// A similar friction or open improvement chosen among the suggestions
    /// (`domain::improvement::similar::SimilarChoice`); empty leaves the link as it is.
    #[serde(default)]
    pub similar: String,
}

impl FrictionForm {
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("friction_id", self.friction_id.clone()),
            ("kind", self.kind.clone()),
            ("severity", self.severity.clone()),
            ("title", self.title.clone()),
            ("what_happened", self.what_happened.clone()),
            ("suggestion", self.suggestion.clone()),
            ("tags", self.tags.codes().join(",")),
            ("team_id", self.team_id.clone()),
            ("similar", self.similar.clone()),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> FrictionForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        let tags: Vec<String> = text("tags")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        FrictionForm {
            friction_id: text("friction_id"),
            kind: text("kind"),
            severity: text("severity"),
            title: text("title"),
            what_happened: text("what_happened"),
            suggestion: text("suggestion"),
            tags: PrincipleTicks::from_codes(&tags),
            team_id: text("team_id"),
            similar: text("similar"),
            ..FrictionForm::default()
        }
    }
}

/// The end of a walkthrough as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FinishForm {
    pub walkthrough_id: i64,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub abandon_reason: String,
    #[serde(default)]
    pub recommend_score: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub pros: String,
    #[serde(default)]
    pub cons: String,
}

impl FinishForm {
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("result", self.result.clone()),
            ("abandon_reason", self.abandon_reason.clone()),
            ("recommend_score", self.recommend_score.clone()),
            ("summary", self.summary.clone()),
            ("pros", self.pros.clone()),
            ("cons", self.cons.clone()),
        ]
    }
}
