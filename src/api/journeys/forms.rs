//! What the journey screens send and receive: the journey and step forms as typed, the page data,
//! and the catalogue rules that need no database (grouping versions, when a new draft may be made).

use crate::domain::journey::{JourneyDetail, JourneyStatus, JourneyStep, JourneySummary};
use crate::domain::org::Team;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One journey in the catalogue with all its versions, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyFamily {
    pub family_id: i64,
    pub versions: Vec<JourneySummary>,
}

impl JourneyFamily {
    /// The version that names the family in the catalogue: the newest one.
    pub fn newest(&self) -> Option<&JourneySummary> {
        self.versions.first()
    }
}

/// Groups catalogue rows by family, versions newest first, families by the newest version's title.
pub fn group_families(rows: Vec<JourneySummary>) -> Vec<JourneyFamily> {
    let mut families: Vec<JourneyFamily> = Vec::new();
    for row in rows {
        match families.iter_mut().find(|f| f.family_id == row.family_id) {
            Some(family) => family.versions.push(row),
            None => families.push(JourneyFamily {
                family_id: row.family_id,
                versions: vec![row],
            }),
        }
    }
    for family in &mut families {
        family
            .versions
            .sort_by_key(|v| std::cmp::Reverse(v.version));
    }
    families.sort_by(|a, b| {
        let title = |f: &JourneyFamily| f.newest().map(|v| v.title.to_lowercase());
        title(a).cmp(&title(b)).then(a.family_id.cmp(&b.family_id))
    });
    families
}

/// Whether a new draft may be made from a version: from the live one, or, when a journey was
/// withdrawn altogether, from its latest retired version. Never next to an open draft.
pub fn can_fork(status: JourneyStatus, is_latest: bool, family_has_live: bool) -> bool {
    match status {
        JourneyStatus::Live => true,
        JourneyStatus::Retired => is_latest && !family_has_live,
        JourneyStatus::Draft => false,
    }
}

/// The journey fields as submitted (all text, validated by `JourneyInput::parse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct JourneyForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub product_line: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub persona: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub scenario: String,
    #[serde(default)]
    pub rules: String,
}

impl JourneyForm {
    pub fn from_detail(j: &JourneyDetail) -> JourneyForm {
        JourneyForm {
            title: j.title.clone(),
            product_line: j.product_line.clone(),
            year: j.year.to_string(),
            persona: j.persona.clone(),
            goal: j.goal.clone(),
            scenario: j.scenario.clone(),
            rules: j.rules.clone(),
        }
    }

    /// What to keep after a rejected plain (no-JavaScript) post.
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("product_line", self.product_line.clone()),
            ("year", self.year.clone()),
            ("persona", self.persona.clone()),
            ("goal", self.goal.clone()),
            ("scenario", self.scenario.clone()),
            ("rules", self.rules.clone()),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> JourneyForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        JourneyForm {
            title: text("title"),
            product_line: text("product_line"),
            year: text("year"),
            persona: text("persona"),
            goal: text("goal"),
            scenario: text("scenario"),
            rules: text("rules"),
        }
    }
}

/// The step fields as submitted (validated by `StepInput::parse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    pub phase: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub instructions: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub service_promise: String,
    #[serde(default)]
    pub team_id: String,
}

impl StepForm {
    pub fn from_step(s: &JourneyStep) -> StepForm {
        StepForm {
            phase: s.phase.code().to_owned(),
            title: s.title.clone(),
            instructions: s.instructions.clone(),
            channel: s.channel.code().to_owned(),
            service_promise: s.service_promise.clone(),
            team_id: s.team_id.map(|t| t.to_string()).unwrap_or_default(),
        }
    }

    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("phase", self.phase.clone()),
            ("title", self.title.clone()),
            ("instructions", self.instructions.clone()),
            ("channel", self.channel.clone()),
            ("service_promise", self.service_promise.clone()),
            ("team_id", self.team_id.clone()),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> StepForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        StepForm {
            phase: text("phase"),
            title: text("title"),
            instructions: text("instructions"),
            channel: text("channel"),
            service_promise: text("service_promise"),
            team_id: text("team_id"),
        }
    }
}

/// Everything the detail page of one version needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyPage {
    pub journey: JourneyDetail,
    pub updated_at: DateTime<Utc>,
    /// Every version of the same journey, newest first (this one included).
    pub versions: Vec<JourneySummary>,
    /// Whether "Nieuwe versie maken" is possible from this version.
    pub can_fork: bool,
    /// The family's open draft, when this version is not it (a second draft is refused).
    pub open_draft: Option<i64>,
    /// Owning team choices for the add-step form (drafts only).
    pub teams: Vec<Team>,
    /// What was typed into the add-step form before a rejected plain post.
    pub step_draft: Option<StepForm>,
}

/// The journey fields form: the journey when editing, a kept draft, and the default year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyFormData {
    pub journey: Option<JourneyDetail>,
    pub draft: Option<JourneyForm>,
    pub current_year: i64,
}

/// The step edit and remove pages: the draft journey and the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepFormData {
    pub journey_id: i64,
    pub journey_title: String,
    pub journey_version: i64,
    pub step: JourneyStep,
    pub draft: Option<StepForm>,
    pub teams: Vec<Team>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, family_id: i64, version: i64, title: &str) -> JourneySummary {
        JourneySummary {
            id,
            family_id,
            version,
            year: 2026,
            title: title.into(),
            product_line: "Auto".into(),
            status: JourneyStatus::Live,
            step_count: 1,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn families_group_versions_newest_first_and_sort_by_newest_title() {
        let families = group_families(vec![
            summary(1, 10, 1, "Ik wil schade melden"),
            summary(2, 20, 1, "Oude titel"),
            summary(3, 20, 2, "Ik wil mijn auto verzekeren"),
        ]);
        assert_eq!(families.len(), 2);
        assert_eq!(families[0].family_id, 20);
        assert_eq!(
            families[0]
                .versions
                .iter()
                .map(|v| v.id)
                .collect::<Vec<_>>(),
            [3, 2]
        );
        assert_eq!(families[1].family_id, 10);
    }

    #[test]
    fn only_live_or_a_withdrawn_latest_version_forks() {
        assert!(can_fork(JourneyStatus::Live, false, true));
        assert!(can_fork(JourneyStatus::Retired, true, false));
        assert!(!can_fork(JourneyStatus::Retired, false, false));
        assert!(!can_fork(JourneyStatus::Retired, true, true));
        assert!(!can_fork(JourneyStatus::Draft, true, false));
    }
}
