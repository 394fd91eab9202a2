//! What people type about presentations, validated: the texts, speaker notes, a meeting, a
//! review, a comment and a recognition. Every bad field is reported at once as a translation key.

use super::super::FieldErrors;
use super::super::text;
use super::status::Visibility;
use chrono::NaiveDate;

/// The longest presentation title, as for a journey title.
pub const TITLE_MAX: usize = 120;
/// The longest audience description ("Team Schade Noord, weekstart").
pub const AUDIENCE_MAX: usize = 120;
/// A recognition is one line of the colleague's own experience.
pub const RECOGNITION_MAX: usize = 200;
/// How long ago a meeting may have been when it is recorded.
pub const MEETING_MAX_AGE_DAYS: i64 = 366;

/// The author's texts. Markdown fields are kept as typed; they are rendered and sanitised on the
/// server when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PresentationTexts {
    pub title: String,
    pub introduction: String,
    pub key_message: String,
    pub recommendations: String,
    pub visibility: Visibility,
}

impl PresentationTexts {
    pub fn parse(
        title: &str,
        introduction: &str,
        key_message: &str,
        recommendations: &str,
        visibility: &str,
    ) -> Result<PresentationTexts, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", text::required(title, TITLE_MAX));
        let mut markdown = |field: &str, raw: &str| {
            errors.check(
                field,
                text::optional(raw, text::LONG).map(Option::unwrap_or_default),
            )
        };
        let introduction = markdown("introduction", introduction);
        let key_message = markdown("key_message", key_message);
        let recommendations = markdown("recommendations", recommendations);
        let visibility = errors.check("visibility", Visibility::parse(visibility));
        match (
            title,
            introduction,
            key_message,
            recommendations,
            visibility,
        ) {
            (
                Some(title),
                Some(introduction),
                Some(key_message),
                Some(recommendations),
                Some(visibility),
            ) if errors.is_empty() => Ok(PresentationTexts {
                title,
                introduction,
                key_message,
                recommendations,
                visibility,
            }),
            _ => Err(errors),
        }
    }
}

/// Speaker notes of one slide: plain text, may be empty.
pub fn parse_notes(raw: &str) -> Result<String, FieldErrors> {
    text::optional(raw, text::MEDIUM)
        .map(Option::unwrap_or_default)
        .map_err(|key| FieldErrors::single("notes", key))
}

/// A recorded meeting: when (a date in Amsterdam, not in the future, not over a year ago), the
/// audience in words, optionally the team, and who attended.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingInput {
    pub held_on: NaiveDate,
    pub audience: String,
    pub team_id: Option<i64>,
    pub attendees: Vec<i64>,
}

impl MeetingInput {
    /// `today` is the current date in Europe/Amsterdam. At least one attendee is needed: the
    /// reviewer confirms against who was there.
    pub fn parse(
        held_on: &str,
        audience: &str,
        team_id: &str,
        attendees: &[String],
        today: NaiveDate,
    ) -> Result<MeetingInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let held_on = errors.check(
            "held_on",
            match NaiveDate::parse_from_str(held_on.trim(), "%Y-%m-%d") {
                Err(_) if held_on.trim().is_empty() => Err("error-required"),
                Err(_) => Err("error-invalid-date"),
                Ok(d) if d > today => Err("presentation-error-meeting-in-future"),
                Ok(d) if (today - d).num_days() > MEETING_MAX_AGE_DAYS => {
                    Err("presentation-error-meeting-too-old")
                }
                Ok(d) => Ok(d),
            },
        );
        let audience = errors.check("audience", text::required(audience, AUDIENCE_MAX));
        let team_id = errors.check("team_id", super::super::person::parse_optional_id(team_id));
        let mut ids = Vec::new();
        for raw in attendees.iter().filter(|a| !a.trim().is_empty()) {
            match super::super::person::parse_optional_id(raw) {
                Ok(Some(id)) => ids.push(id),
                _ => {
                    errors.add("attendees", "error-invalid-choice");
                    break;
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() && errors.for_field("attendees").is_none() {
            errors.add("attendees", "presentation-error-no-attendees");
        }
        match (held_on, audience, team_id) {
            (Some(held_on), Some(audience), Some(team_id)) if errors.is_empty() => {
                Ok(MeetingInput {
                    held_on,
                    audience,
                    team_id,
                    attendees: ids,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The reviewer's decision on the latest meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewDecision {
    Confirmed,
    SentBack,
}

impl ReviewDecision {
    pub fn code(self) -> &'static str {
        match self {
            ReviewDecision::Confirmed => "confirmed",
            ReviewDecision::SentBack => "sent_back",
        }
    }

    pub fn parse(code: &str) -> Result<ReviewDecision, &'static str> {
        match code.trim() {
            "confirmed" => Ok(ReviewDecision::Confirmed),
            "sent_back" => Ok(ReviewDecision::SentBack),
            _ => Err("error-invalid-choice"),
        }
    }
}

/// A review: sending back needs a comment saying what is missing; confirming may have one.
pub fn parse_review(
    decision: &str,
    comment: &str,
) -> Result<(ReviewDecision, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let decision = errors.check("decision", ReviewDecision::parse(decision));
    let comment = errors.check(
        "comment",
        match decision {
            Some(ReviewDecision::SentBack) => text::required(comment, text::MEDIUM),
            _ => text::optional(comment, text::MEDIUM).map(Option::unwrap_or_default),
        },
    );
    match (decision, comment) {
        (Some(d), Some(c)) if errors.is_empty() => Ok((d, c)),
        _ => Err(errors),
    }
}

/// A comment on a presentation: plain text (escaped when shown), required, at most `SHORT`.
pub fn parse_comment(raw: &str) -> Result<String, FieldErrors> {
    text::required(raw, text::SHORT).map_err(|key| FieldErrors::single("body", key))
}

/// The optional line with a recognition: one line, at most `RECOGNITION_MAX` characters.
pub fn parse_recognition_note(raw: &str) -> Result<String, FieldErrors> {
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    text::optional(&one_line, RECOGNITION_MAX)
        .map(Option::unwrap_or_default)
        .map_err(|key| FieldErrors::single("note", key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    #[test]
    fn texts_report_every_bad_field() {
        let long = "x".repeat(text::LONG + 1);
        let err = PresentationTexts::parse(" ", &long, "", &long, "world").expect_err("bad");
        assert_eq!(err.for_field("title"), Some("error-required"));
        assert_eq!(err.for_field("introduction"), Some("error-too-long"));
        assert_eq!(err.for_field("key_message"), None);
        assert_eq!(err.for_field("recommendations"), Some("error-too-long"));
        assert_eq!(err.for_field("visibility"), Some("error-invalid-choice"));
        let ok = PresentationTexts::parse(" Schade melden ", "*Intro*\r\n", "", "", "organisation")
            .expect("ok");
        assert_eq!(ok.title, "Schade melden");
        assert_eq!(ok.introduction, "*Intro*");
        assert_eq!(ok.visibility, Visibility::Organisation);
    }

    #[test]
    fn meeting_date_is_not_in_the_future_nor_over_a_year_ago() {
        let people = vec!["3".to_owned(), "2".to_owned(), "3".to_owned()];
        let m = MeetingInput::parse("2026-12-01", "Team Schade", "", &people, today()).expect("ok");
        assert_eq!(m.attendees, vec![2, 3]);
        let e = MeetingInput::parse("2026-12-02", "", "x", &[], today()).expect_err("bad");
        assert_eq!(
            e.for_field("held_on"),
            Some("presentation-error-meeting-in-future")
        );
        assert_eq!(e.for_field("audience"), Some("error-required"));
        assert_eq!(e.for_field("team_id"), Some("error-invalid-choice"));
        assert_eq!(
            e.for_field("attendees"),
            Some("presentation-error-no-attendees")
        );
        let old = MeetingInput::parse("2025-11-29", "A", "", &people, today()).expect_err("old");
        assert_eq!(
            old.for_field("held_on"),
            Some("presentation-error-meeting-too-old")
        );
        let junk =
            MeetingInput::parse("1-12-2026", "A", "", &["x".into()], today()).expect_err("bad");
        assert_eq!(junk.for_field("held_on"), Some("error-invalid-date"));
        assert_eq!(junk.for_field("attendees"), Some("error-invalid-choice"));
    }

    #[test]
    fn sending_back_needs_a_comment() {
        assert_eq!(
            parse_review("sent_back", " ")
                .expect_err("bad")
                .for_field("comment"),
            Some("error-required")
        );
        assert_eq!(
            parse_review("confirmed", "").expect("ok"),
            (ReviewDecision::Confirmed, String::new())
        );
        assert!(parse_review("maybe", "").is_err());
    }

    #[test]
    fn comments_and_recognitions_are_limited_plain_text() {
        assert_eq!(
            parse_comment(" ").expect_err("empty").for_field("body"),
            Some("error-required")
        );
        assert_eq!(
            parse_comment("<b>hoi</b>").expect("kept as typed"),
            "<b>hoi</b>"
        );
        assert_eq!(parse_recognition_note("a\r\nb").expect("one line"), "a b");
        assert_eq!(
            parse_recognition_note(&"x".repeat(RECOGNITION_MAX + 1))
                .expect_err("long")
                .for_field("note"),
            Some("error-too-long")
        );
        assert_eq!(parse_notes("").expect("empty ok"), "");
    }
}
