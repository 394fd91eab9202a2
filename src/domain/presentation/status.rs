//! The states of a presentation and of its slides, and the library's visibility choice.

use serde::{Deserialize, Serialize};

/// Where a presentation is on its way to the licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PresentationStatus {
    /// Being prepared; only the author (and their reviewer and HR) can see it.
    Draft,
    /// A meeting is recorded; waits for the reviewer. Colleagues can read it.
    Presented,
    /// The reviewer confirmed it was presented: the licence condition.
    Confirmed,
    /// The reviewer asked for more; the author records a new meeting.
    SentBack,
}

impl PresentationStatus {
    pub const ALL: [PresentationStatus; 4] = [
        PresentationStatus::Draft,
        PresentationStatus::Presented,
        PresentationStatus::Confirmed,
        PresentationStatus::SentBack,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PresentationStatus::Draft => "draft",
            PresentationStatus::Presented => "presented",
            PresentationStatus::Confirmed => "confirmed",
            PresentationStatus::SentBack => "sent_back",
        }
    }

    pub fn parse(code: &str) -> Option<PresentationStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            PresentationStatus::Draft => "presentation-status-draft",
            PresentationStatus::Presented => "presentation-status-presented",
            PresentationStatus::Confirmed => "presentation-status-confirmed",
            PresentationStatus::SentBack => "presentation-status-sent-back",
        }
    }

    /// Colleagues read it in the library once it has been presented (and not sent back).
    pub fn in_library(self) -> bool {
        matches!(
            self,
            PresentationStatus::Presented | PresentationStatus::Confirmed
        )
    }

    /// The author can still change slides and texts until the reviewer confirmed it.
    pub fn editable(self) -> bool {
        self != PresentationStatus::Confirmed
    }
}

/// Who reads a presented presentation besides the author, their reviewer and HR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Colleagues in the author's team.
    #[default]
    Team,
    /// Everyone in the organisation.
    Organisation,
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Visibility::Team, Visibility::Organisation];

    pub fn code(self) -> &'static str {
        match self {
            Visibility::Team => "team",
            Visibility::Organisation => "organisation",
        }
    }

    pub fn parse(code: &str) -> Result<Visibility, &'static str> {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == code.trim())
            .ok_or("error-invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Visibility::Team => "presentation-visibility-team",
            Visibility::Organisation => "presentation-visibility-organisation",
        }
    }
}

/// What a slide shows. Stored as `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlideKind {
    /// Title, author, journey and date.
    Title,
    /// The author's Markdown introduction.
    Introduction,
    /// The journey's scenario: persona, goal, what to pretend.
    Scenario,
    /// The emotion curve over the steps.
    Curve,
    /// One friction, delight or question with its photos.
    Finding,
    /// Every suggestion made on the findings.
    Suggestions,
    /// The author's Markdown key message.
    KeyMessage,
    /// The author's Markdown recommendations.
    Recommendations,
}

impl SlideKind {
    pub const ALL: [SlideKind; 8] = [
        SlideKind::Title,
        SlideKind::Introduction,
        SlideKind::Scenario,
        SlideKind::Curve,
        SlideKind::Finding,
        SlideKind::Suggestions,
        SlideKind::KeyMessage,
        SlideKind::Recommendations,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SlideKind::Title => "title",
            SlideKind::Introduction => "introduction",
            SlideKind::Scenario => "scenario",
            SlideKind::Curve => "curve",
            SlideKind::Finding => "finding",
            SlideKind::Suggestions => "suggestions",
            SlideKind::KeyMessage => "key_message",
            SlideKind::Recommendations => "recommendations",
        }
    }

    pub fn parse(code: &str) -> Option<SlideKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The heading of the slide in the editor and, for the fixed kinds, on the slide itself.
    pub fn label_key(self) -> &'static str {
        match self {
            SlideKind::Title => "slide-title",
            SlideKind::Introduction => "slide-introduction",
            SlideKind::Scenario => "slide-scenario",
            SlideKind::Curve => "slide-curve",
            SlideKind::Finding => "slide-finding",
            SlideKind::Suggestions => "slide-suggestions",
            SlideKind::KeyMessage => "slide-key-message",
            SlideKind::Recommendations => "slide-recommendations",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in PresentationStatus::ALL {
            assert_eq!(PresentationStatus::parse(s.code()), Some(s));
        }
        for k in SlideKind::ALL {
            assert_eq!(SlideKind::parse(k.code()), Some(k));
        }
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.code()), Ok(v));
        }
        assert_eq!(Visibility::parse("world"), Err("error-invalid-choice"));
    }

    #[test]
    fn only_presented_and_confirmed_are_in_the_library() {
        let in_library: Vec<_> = PresentationStatus::ALL
            .into_iter()
            .filter(|s| s.in_library())
            .collect();
        assert_eq!(
            in_library,
            vec![PresentationStatus::Presented, PresentationStatus::Confirmed]
        );
        assert!(!PresentationStatus::Confirmed.editable());
        assert!(PresentationStatus::SentBack.editable());
    }
}
