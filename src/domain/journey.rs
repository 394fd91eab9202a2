//! Customer journeys: phases, channels, statuses, validated journey and step input, and the versioning rules.

use super::FieldErrors;
use super::Refusal;
use super::text;
use serde::{Deserialize, Serialize};

/// The five phases of a customer journey, in the order a customer lives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Orientatie,
    Transactie,
    Afname,
    Service,
    Loyaliteit,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Orientatie,
        Phase::Transactie,
        Phase::Afname,
        Phase::Service,
        Phase::Loyaliteit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::Orientatie => "orientatie",
            Phase::Transactie => "transactie",
            Phase::Afname => "afname",
            Phase::Service => "service",
            Phase::Loyaliteit => "loyaliteit",
        }
    }

    pub fn parse(code: &str) -> Result<Phase, &'static str> {
        Phase::ALL
            .into_iter()
            .find(|p| p.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Phase::Orientatie => "phase-orientatie",
            Phase::Transactie => "phase-transactie",
            Phase::Afname => "phase-afname",
            Phase::Service => "phase-service",
            Phase::Loyaliteit => "phase-loyaliteit",
        }
    }

    /// 0-based place in the journey, used for ordering and progress.
    pub fn rank(self) -> usize {
        self as usize
    }
}

/// The touchpoint's channel: how the customer meets the company in this step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Website,
    App,
    Phone,
    Email,
    Letter,
    Chat,
    Branch,
    Social,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 9] = [
        Channel::Website,
        Channel::App,
        Channel::Phone,
        Channel::Email,
        Channel::Letter,
        Channel::Chat,
        Channel::Branch,
        Channel::Social,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Website => "website",
            Channel::App => "app",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Letter => "letter",
            Channel::Chat => "chat",
            Channel::Branch => "branch",
            Channel::Social => "social",
            Channel::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<Channel, &'static str> {
        Channel::ALL
            .into_iter()
            .find(|c| c.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Channel::Website => "channel-website",
            Channel::App => "channel-app",
            Channel::Phone => "channel-phone",
            Channel::Email => "channel-email",
            Channel::Letter => "channel-letter",
            Channel::Chat => "channel-chat",
            Channel::Branch => "channel-branch",
            Channel::Social => "channel-social",
            Channel::Other => "channel-other",
        }
    }
}

/// Where a journey version is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JourneyStatus {
    /// Being written by CX; only drafts change.
    Draft,
    /// Open for walkthroughs; frozen.
    Live,
    /// Replaced or withdrawn; kept because walkthroughs point at it.
    Retired,
}

impl JourneyStatus {
    pub fn code(self) -> &'static str {
        match self {
            JourneyStatus::Draft => "draft",
            JourneyStatus::Live => "live",
            JourneyStatus::Retired => "retired",
        }
    }

    pub fn parse(code: &str) -> Option<JourneyStatus> {
        [
            JourneyStatus::Draft,
            JourneyStatus::Live,
            JourneyStatus::Retired,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            JourneyStatus::Draft => "journey-status-draft",
            JourneyStatus::Live => "journey-status-live",
            JourneyStatus::Retired => "journey-status-retired",
        }
    }
}

/// What happens when a curator wants to change a journey version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditPlan {
    /// A draft is changed in place.
    InPlace,
    /// A live version stays frozen; its content is copied into a new draft version to edit.
    NewVersion,
    /// Retired versions are history; a new version starts from the live (or latest) one.
    Refuse,
}

pub fn edit_plan(status: JourneyStatus) -> EditPlan {
    match status {
        JourneyStatus::Draft => EditPlan::InPlace,
        JourneyStatus::Live => EditPlan::NewVersion,
        JourneyStatus::Retired => EditPlan::Refuse,
    }
}

/// Why a draft cannot be published yet (translation key), or `Ok` if it can.
pub fn check_publishable(status: JourneyStatus, step_count: usize) -> Result<(), Refusal> {
    match status {
        JourneyStatus::Draft if step_count == 0 => Err(Refusal::JourneyNoSteps),
        JourneyStatus::Draft => Ok(()),
        _ => Err(Refusal::JourneyNotDraft),
    }
}

/// The version number the next draft of a family gets.
pub fn next_version(existing: &[i64]) -> i64 {
    existing.iter().copied().max().unwrap_or(0) + 1
}

/// A journey version as listed in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneySummary {
    pub id: i64,
    pub family_id: i64,
    pub version: i64,
    pub year: i64,
    pub title: String,
    pub product_line: String,
    pub status: JourneyStatus,
    pub step_count: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One step of a journey version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyStep {
    pub id: i64,
    pub journey_id: i64,
    pub position: i64,
    pub phase: Phase,
    pub title: String,
    pub instructions: String,
    pub channel: Channel,
    pub service_promise: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
}

/// A journey version with everything an employee needs before and while walking it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyDetail {
    pub id: i64,
    pub family_id: i64,
    pub version: i64,
    pub year: i64,
    pub title: String,
    pub product_line: String,
    pub persona: String,
    pub goal: String,
    pub scenario: String,
    pub rules: String,
    pub status: JourneyStatus,
    pub steps: Vec<JourneyStep>,
}

/// Steps in walking order: by phase, then by position within the journey.
pub fn sort_steps(steps: &mut [JourneyStep]) {
    steps.sort_by_key(|s| (s.phase.rank(), s.position, s.id));
}

/// Validated journey fields (title in customer words, brief, rules).
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyInput {
    pub title: String,
    pub product_line: String,
    pub year: i64,
    pub persona: String,
    pub goal: String,
    pub scenario: String,
    pub rules: String,
}

impl JourneyInput {
    /// Field names match the form: title, product_line, year, persona, goal, scenario, rules.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        title: &str,
        product_line: &str,
        year: &str,
        persona: &str,
        goal: &str,
        scenario: &str,
        rules: &str,
    ) -> Result<JourneyInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", text::required(title, 120));
        let product_line = errors.check("product_line", text::required(product_line, 80));
        let year = errors.check(
            "year",
            text::optional_number(year, 2000, 2100).and_then(|y| y.ok_or("error-required")),
        );
        let persona = errors.check("persona", text::required(persona, text::SHORT));
        let goal = errors.check("goal", text::required(goal, text::SHORT));
        let scenario = errors.check("scenario", text::required(scenario, text::LONG));
        let rules = errors.check("rules", text::required(rules, text::LONG));
        match (title, product_line, year, persona, goal, scenario, rules) {
            (
                Some(title),
                Some(product_line),
                Some(year),
                Some(persona),
                Some(goal),
                Some(scenario),
                Some(rules),
            ) if errors.is_empty() => Ok(JourneyInput {
                title,
                product_line,
                year,
                persona,
                goal,
                scenario,
                rules,
            }),
            _ => Err(errors),
        }
    }
}

/// Validated step fields.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInput {
    pub phase: Phase,
    pub title: String,
    pub instructions: String,
    pub channel: Channel,
    pub service_promise: String,
    pub team_id: Option<i64>,
}

impl StepInput {
    /// Field names match the form: phase, title, instructions, channel, service_promise, team_id.
    pub fn parse(
        phase: &str,
        title: &str,
        instructions: &str,
        channel: &str,
        service_promise: &str,
        team_id: &str,
    ) -> Result<StepInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let phase = errors.check("phase", Phase::parse(phase));
        let title = errors.check("title", text::required(title, 120));
        let instructions = errors.check("instructions", text::required(instructions, text::MEDIUM));
        let channel = errors.check("channel", Channel::parse(channel));
        let service_promise = errors.check(
            "service_promise",
            text::required(service_promise, text::SHORT),
        );
        let team_id = errors.check("team_id", super::person::parse_optional_id(team_id));
        match (
            phase,
            title,
            instructions,
            channel,
            service_promise,
            team_id,
        ) {
            (
                Some(phase),
                Some(title),
                Some(instructions),
                Some(channel),
                Some(service_promise),
                Some(team_id),
            ) if errors.is_empty() => Ok(StepInput {
                phase,
                title,
                instructions,
                channel,
                service_promise,
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
    fn codes_round_trip() {
        for p in Phase::ALL {
            assert_eq!(Phase::parse(p.code()), Ok(p));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Ok(c));
        }
        assert_eq!(Phase::parse("nazorg"), Err("error-invalid-choice"));
        assert_eq!(Channel::parse("fax"), Err("error-invalid-choice"));
        assert_eq!(JourneyStatus::parse("live"), Some(JourneyStatus::Live));
        assert_eq!(JourneyStatus::parse("gone"), None);
    }

    #[test]
    fn only_drafts_change_in_place_and_live_versions_fork() {
        assert_eq!(edit_plan(JourneyStatus::Draft), EditPlan::InPlace);
        assert_eq!(edit_plan(JourneyStatus::Live), EditPlan::NewVersion);
        assert_eq!(edit_plan(JourneyStatus::Retired), EditPlan::Refuse);
        assert_eq!(next_version(&[]), 1);
        assert_eq!(next_version(&[1, 3, 2]), 4);
    }

    #[test]
    fn publishing_needs_a_draft_with_steps() {
        assert_eq!(
            check_publishable(JourneyStatus::Draft, 0),
            Err(Refusal::JourneyNoSteps)
        );
        assert_eq!(check_publishable(JourneyStatus::Draft, 3), Ok(()));
        assert_eq!(
            check_publishable(JourneyStatus::Live, 3),
            Err(Refusal::JourneyNotDraft)
        );
    }

    #[test]
    fn steps_sort_by_phase_then_position() {
        let step = |id, phase, position| JourneyStep {
            id,
            journey_id: 1,
            position,
            phase,
            title: String::new(),
            instructions: String::new(),
            channel: Channel::Website,
            service_promise: String::new(),
            team_id: None,
            team_name: None,
        };
        let mut steps = vec![
            step(1, Phase::Service, 1),
            step(2, Phase::Orientatie, 5),
            step(3, Phase::Orientatie, 2),
        ];
        sort_steps(&mut steps);
        assert_eq!(steps.iter().map(|s| s.id).collect::<Vec<_>>(), [3, 2, 1]);
    }

    #[test]
    fn journey_input_reports_every_bad_field() {
        let err = JourneyInput::parse("", "Auto", "1999", "p", "g", "s", "").expect_err("invalid");
        assert_eq!(err.for_field("title"), Some("error-required"));
        assert_eq!(err.for_field("year"), Some("error-out-of-range"));
        assert_eq!(err.for_field("rules"), Some("error-required"));
        assert_eq!(err.for_field("persona"), None);
        let ok = JourneyInput::parse(" Ik wil schade melden ", "Auto", "2026", "p", "g", "s", "r")
            .expect("valid");
        assert_eq!(ok.title, "Ik wil schade melden");
        assert_eq!(ok.year, 2026);
    }

    #[test]
    fn step_input_checks_choices() {
        let err =
            StepInput::parse("x", "Titel", "Doe", "fax", "Belofte", "abc").expect_err("invalid");
        assert_eq!(err.for_field("phase"), Some("error-invalid-choice"));
        assert_eq!(err.for_field("channel"), Some("error-invalid-choice"));
        assert_eq!(err.for_field("team_id"), Some("error-invalid-choice"));
        let ok = StepInput::parse("afname", "Titel", "Doe", "phone", "Belofte", "").expect("valid");
        assert_eq!(ok.phase, Phase::Afname);
        assert_eq!(ok.team_id, None);
    }
}
