//! Who may read a friction outside its walkthrough, triage it, and read or change an improvement.
//!
//! A walkthrough stays private to its walker, their reviewer and HR. One part of it travels
//! further: a friction, once the walkthrough is completed, reaches the team that owns its step and
//! the team it is tagged with. A team lead is a person with the reviewer role in that team. CX sees
//! every team's frictions. The friction's evidence goes along unless its walker marked it
//! sensitive; nothing else of the walkthrough does.

use super::super::{Role, RoleSet};

/// The person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer<'a> {
    pub id: i64,
    pub roles: &'a RoleSet,
    pub team_id: Option<i64>,
}

impl Viewer<'_> {
    /// A team lead of `team_id`: a reviewer who belongs to that team.
    pub fn leads(&self, team_id: i64) -> bool {
        self.roles.has(Role::Reviewer) && self.team_id == Some(team_id)
    }

    pub fn is_cx(&self) -> bool {
        self.roles.has(Role::Cx)
    }

    /// May open the inbox at all: CX, or a lead of some team.
    pub fn has_inbox(&self) -> bool {
        self.is_cx() || (self.roles.has(Role::Reviewer) && self.team_id.is_some())
    }
}

/// The facts about a friction that decide who reads it outside its walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrictionFacts {
    /// The team that owns the friction's step.
    pub step_team_id: Option<i64>,
    /// The team the walker tagged it with.
    pub tagged_team_id: Option<i64>,
    /// Only frictions of completed walkthroughs leave them.
    pub walkthrough_completed: bool,
}

/// Reads (and triages) a friction outside its walkthrough: CX, or a lead of the team that owns
/// its step or that it is tagged with — once its walkthrough is completed.
pub fn may_read_friction(viewer: Viewer<'_>, friction: FrictionFacts) -> bool {
    if !friction.walkthrough_completed {
        return false;
    }
    viewer.is_cx()
        || [friction.step_team_id, friction.tagged_team_id]
            .into_iter()
            .flatten()
            .any(|team| viewer.leads(team))
}

/// Evidence of a friction read this way is shown unless its walker marked it sensitive.
pub fn shows_evidence(marked_sensitive: bool) -> bool {
    !marked_sensitive
}

/// What the viewer may do with one improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImprovementAccess {
    /// CX, a lead of the owning team, or its owner: change it, and read everything (linked
    /// frictions, their reporters and evidence).
    Manage,
    /// HR: reads everything, changes nothing.
    ReadAll,
    /// Every other signed-in colleague (a reporter told it was fixed, say): title, problem, status,
    /// history and confirmations; never the linked frictions, their reporters or evidence.
    Summary,
}

impl ImprovementAccess {
    pub fn can_manage(self) -> bool {
        self == ImprovementAccess::Manage
    }

    /// Sees the linked frictions, who reported and recognised them, and their evidence.
    pub fn sees_frictions(self) -> bool {
        matches!(self, ImprovementAccess::Manage | ImprovementAccess::ReadAll)
    }
}

/// The facts about an improvement that decide access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImprovementFacts {
    pub team_id: i64,
    pub owner_id: Option<i64>,
}

pub fn improvement_access(viewer: Viewer<'_>, improvement: ImprovementFacts) -> ImprovementAccess {
    if viewer.is_cx()
        || viewer.leads(improvement.team_id)
        || improvement.owner_id == Some(viewer.id)
    {
        ImprovementAccess::Manage
    } else if viewer.roles.has(Role::Hr) {
        ImprovementAccess::ReadAll
    } else {
        ImprovementAccess::Summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> RoleSet {
        RoleSet::new(r.iter().copied())
    }

    const COMPLETED: FrictionFacts = FrictionFacts {
        step_team_id: Some(1),
        tagged_team_id: Some(2),
        walkthrough_completed: true,
    };

    #[test]
    fn leads_of_the_owning_and_the_tagged_team_and_cx_read_a_completed_friction() {
        let lead = roles(&[Role::Employee, Role::Reviewer]);
        for team in [1, 2] {
            let viewer = Viewer {
                id: 9,
                roles: &lead,
                team_id: Some(team),
            };
            assert!(may_read_friction(viewer, COMPLETED), "lead of team {team}");
        }
        let cx = roles(&[Role::Cx]);
        assert!(may_read_friction(
            Viewer {
                id: 9,
                roles: &cx,
                team_id: None
            },
            COMPLETED
        ));
    }

    #[test]
    fn strangers_members_hr_and_other_leads_do_not() {
        let lead = roles(&[Role::Reviewer]);
        let member = roles(&[Role::Employee]);
        let hr = roles(&[Role::Hr, Role::Admin]);
        let cases = [
            Viewer {
                id: 9,
                roles: &lead,
                team_id: Some(3),
            },
            Viewer {
                id: 9,
                roles: &lead,
                team_id: None,
            },
            Viewer {
                id: 9,
                roles: &member,
                team_id: Some(1),
            },
            Viewer {
                id: 9,
                roles: &hr,
                team_id: Some(1),
            },
        ];
        for viewer in cases {
            assert!(!may_read_friction(viewer, COMPLETED), "{viewer:?}");
        }
    }

    #[test]
    fn a_friction_of_an_unfinished_walkthrough_stays_in_it() {
        let cx = roles(&[Role::Cx]);
        let open = FrictionFacts {
            walkthrough_completed: false,
            ..COMPLETED
        };
        assert!(!may_read_friction(
            Viewer {
                id: 9,
                roles: &cx,
                team_id: None
            },
            open
        ));
    }

    #[test]
    fn an_untagged_friction_on_an_unowned_step_reaches_only_cx() {
        let lead = roles(&[Role::Reviewer]);
        let orphan = FrictionFacts {
            step_team_id: None,
            tagged_team_id: None,
            ..COMPLETED
        };
        assert!(!may_read_friction(
            Viewer {
                id: 9,
                roles: &lead,
                team_id: Some(1)
            },
            orphan
        ));
        let cx = roles(&[Role::Cx]);
        assert!(may_read_friction(
            Viewer {
                id: 9,
                roles: &cx,
                team_id: None
            },
            orphan
        ));
    }

    #[test]
    fn sensitive_evidence_never_travels() {
        assert!(!shows_evidence(true));
        assert!(shows_evidence(false));
    }

    #[test]
    fn the_inbox_is_for_cx_and_leads_with_a_team() {
        let lead = roles(&[Role::Reviewer]);
        assert!(
            Viewer {
                id: 1,
                roles: &lead,
                team_id: Some(4)
            }
            .has_inbox()
        );
        assert!(
            !Viewer {
                id: 1,
                roles: &lead,
                team_id: None
            }
            .has_inbox()
        );
        let member = roles(&[Role::Employee, Role::Hr]);
        assert!(
            !Viewer {
                id: 1,
                roles: &member,
                team_id: Some(4)
            }
            .has_inbox()
        );
        let cx = roles(&[Role::Cx]);
        assert!(
            Viewer {
                id: 1,
                roles: &cx,
                team_id: None
            }
            .has_inbox()
        );
    }

    #[test]
    fn cx_the_owning_lead_and_the_owner_manage_hr_reads_everyone_else_sees_a_summary() {
        let facts = ImprovementFacts {
            team_id: 1,
            owner_id: Some(50),
        };
        let lead = roles(&[Role::Reviewer]);
        let cx = roles(&[Role::Cx]);
        let hr = roles(&[Role::Hr]);
        let member = roles(&[Role::Employee]);
        let at = |id, roles, team_id| improvement_access(Viewer { id, roles, team_id }, facts);
        assert_eq!(at(9, &cx, None), ImprovementAccess::Manage);
        assert_eq!(at(9, &lead, Some(1)), ImprovementAccess::Manage);
        assert_eq!(at(50, &member, Some(7)), ImprovementAccess::Manage);
        assert_eq!(at(9, &hr, Some(1)), ImprovementAccess::ReadAll);
        assert_eq!(at(9, &lead, Some(2)), ImprovementAccess::Summary);
        assert_eq!(at(9, &member, Some(1)), ImprovementAccess::Summary);
        assert!(!ImprovementAccess::Summary.sees_frictions());
        assert!(ImprovementAccess::ReadAll.sees_frictions());
        assert!(!ImprovementAccess::ReadAll.can_manage());
    }
}
