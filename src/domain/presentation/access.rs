//! Who may read, change or review a presentation, and who sees the evidence marked sensitive.

use super::super::{Role, RoleSet};
use super::status::{PresentationStatus, Visibility};
use serde::{Deserialize, Serialize};

/// The facts about a presentation that decide access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresentationFacts {
    pub author_id: i64,
    pub author_manager_id: Option<i64>,
    pub author_team_id: Option<i64>,
    pub status: PresentationStatus,
    pub visibility: Visibility,
}

/// The person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub id: i64,
    pub roles: &'a RoleSet,
    pub team_id: Option<i64>,
}

/// What the viewer may do with one presentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PresentationAccess {
    /// The author, before the reviewer confirmed it: changes slides and texts, records meetings.
    Edit,
    /// The author's manager as reviewer: reads everything and confirms or sends back.
    Review,
    /// HR, or the author after confirmation: reads everything, sensitive evidence included.
    ReadAll,
    /// A colleague the author shares it with, once presented: reads it without sensitive evidence.
    Read,
    /// Nothing at all: 403.
    None,
}

impl PresentationAccess {
    pub fn can_read(self) -> bool {
        self != PresentationAccess::None
    }

    pub fn can_edit(self) -> bool {
        self == PresentationAccess::Edit
    }

    pub fn can_review(self) -> bool {
        self == PresentationAccess::Review
    }

    /// Evidence marked sensitive is shown to the author, their reviewer and HR only.
    pub fn sees_sensitive(self) -> bool {
        matches!(
            self,
            PresentationAccess::Edit | PresentationAccess::Review | PresentationAccess::ReadAll
        )
    }
}

/// The one access rule for presentations; pages, server functions and the evidence route ask it.
pub fn presentation_access(viewer: Viewer<'_>, p: PresentationFacts) -> PresentationAccess {
    if viewer.id == p.author_id {
        return if p.status.editable() && viewer.roles.can_walk() {
            PresentationAccess::Edit
        } else {
            PresentationAccess::ReadAll
        };
    }
    if viewer.roles.has(Role::Reviewer) && p.author_manager_id == Some(viewer.id) {
        return PresentationAccess::Review;
    }
    if viewer.roles.has(Role::Hr) {
        return PresentationAccess::ReadAll;
    }
    let shared = match p.visibility {
        Visibility::Organisation => true,
        Visibility::Team => p.author_team_id.is_some() && viewer.team_id == p.author_team_id,
    };
    if p.status.in_library() && shared {
        PresentationAccess::Read
    } else {
        PresentationAccess::None
    }
}

/// Colleagues who can read a presentation may recognise its frictions; the author does not
/// recognise their own.
pub fn may_recognise(viewer_id: i64, access: PresentationAccess, author_id: i64) -> bool {
    access.can_read() && viewer_id != author_id
}

/// A library reader may fetch the evidence file of a walkthrough they cannot read themselves when
/// it belongs to a presentation they can read, unless the author marked it sensitive (then only
/// the author, their reviewer and HR). `access` is the viewer's access to that presentation.
pub fn reader_may_fetch_evidence(access: PresentationAccess, sensitive: bool) -> bool {
    access.can_read() && (!sensitive || access.sees_sensitive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_readers_fetch_evidence_unless_it_is_sensitive() {
        use PresentationAccess as A;
        for access in [A::Edit, A::Review, A::ReadAll] {
            assert!(reader_may_fetch_evidence(access, true), "{access:?}");
            assert!(reader_may_fetch_evidence(access, false), "{access:?}");
        }
        assert!(reader_may_fetch_evidence(A::Read, false));
        assert!(!reader_may_fetch_evidence(A::Read, true));
        assert!(!reader_may_fetch_evidence(A::None, false));
        assert!(!reader_may_fetch_evidence(A::None, true));
    }

    const AUTHOR: i64 = 1;
    const MANAGER: i64 = 2;
    const TEAMMATE: i64 = 3;
    const OTHER: i64 = 4;

    fn facts(status: PresentationStatus, visibility: Visibility) -> PresentationFacts {
        PresentationFacts {
            author_id: AUTHOR,
            author_manager_id: Some(MANAGER),
            author_team_id: Some(10),
            status,
            visibility,
        }
    }

    fn access(
        id: i64,
        roles: &[Role],
        team: Option<i64>,
        p: PresentationFacts,
    ) -> PresentationAccess {
        let roles = RoleSet::new(roles.iter().copied());
        presentation_access(
            Viewer {
                id,
                roles: &roles,
                team_id: team,
            },
            p,
        )
    }

    #[test]
    fn author_edits_until_confirmed_then_reads() {
        use PresentationStatus::*;
        for status in [Draft, Presented, SentBack] {
            let p = facts(status, Visibility::Team);
            assert_eq!(
                access(AUTHOR, &[Role::Employee], Some(10), p),
                PresentationAccess::Edit
            );
        }
        let p = facts(Confirmed, Visibility::Team);
        assert_eq!(
            access(AUTHOR, &[Role::Employee], Some(10), p),
            PresentationAccess::ReadAll
        );
    }

    #[test]
    fn reviewer_and_hr_read_drafts_colleagues_do_not() {
        let p = facts(PresentationStatus::Draft, Visibility::Organisation);
        assert_eq!(
            access(MANAGER, &[Role::Reviewer], None, p),
            PresentationAccess::Review
        );
        assert_eq!(
            access(OTHER, &[Role::Hr], None, p),
            PresentationAccess::ReadAll
        );
        assert_eq!(
            access(TEAMMATE, &[Role::Employee], Some(10), p),
            PresentationAccess::None
        );
        // A reviewer who is not the author's manager is a colleague like any other.
        assert_eq!(
            access(OTHER, &[Role::Reviewer], Some(10), p),
            PresentationAccess::None
        );
    }

    #[test]
    fn presented_team_presentation_is_read_by_the_team_only() {
        let p = facts(PresentationStatus::Presented, Visibility::Team);
        assert_eq!(
            access(TEAMMATE, &[Role::Employee], Some(10), p),
            PresentationAccess::Read
        );
        assert_eq!(
            access(OTHER, &[Role::Employee], Some(11), p),
            PresentationAccess::None
        );
        assert_eq!(
            access(OTHER, &[Role::Employee], None, p),
            PresentationAccess::None
        );
        let teamless = PresentationFacts {
            author_team_id: None,
            ..p
        };
        // Without a team "team" means nobody else: no None == None match.
        assert_eq!(
            access(OTHER, &[Role::Employee], None, teamless),
            PresentationAccess::None
        );
    }

    #[test]
    fn organisation_wide_once_presented_but_not_when_sent_back() {
        let p = facts(PresentationStatus::Confirmed, Visibility::Organisation);
        assert_eq!(
            access(OTHER, &[Role::Employee], Some(11), p),
            PresentationAccess::Read
        );
        let back = facts(PresentationStatus::SentBack, Visibility::Organisation);
        assert_eq!(
            access(OTHER, &[Role::Employee], Some(11), back),
            PresentationAccess::None
        );
    }

    #[test]
    fn sensitive_evidence_only_for_author_reviewer_and_hr() {
        assert!(PresentationAccess::Edit.sees_sensitive());
        assert!(PresentationAccess::Review.sees_sensitive());
        assert!(PresentationAccess::ReadAll.sees_sensitive());
        assert!(!PresentationAccess::Read.sees_sensitive());
        assert!(!PresentationAccess::None.sees_sensitive());
        assert!(!may_recognise(AUTHOR, PresentationAccess::Edit, AUTHOR));
        assert!(may_recognise(TEAMMATE, PresentationAccess::Read, AUTHOR));
        assert!(!may_recognise(OTHER, PresentationAccess::None, AUTHOR));
    }
}
