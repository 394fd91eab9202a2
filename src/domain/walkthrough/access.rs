//! Who may see or change a walkthrough: the owner, their reviewer, HR; and the one edit rule.

use super::super::{Role, RoleSet};
use super::status::WalkthroughStatus;
use serde::{Deserialize, Serialize};

/// What the employee may do with a walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Edit,
    Read,
    None,
}

/// The facts about a walkthrough that decide access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    pub owner_id: i64,
    pub owner_manager_id: Option<i64>,
    pub status: WalkthroughStatus,
}

/// The owner edits until it is finished and reads it after; the owner's manager (when a reviewer) and HR
/// read it. Everyone else sees nothing until it is shared in a presentation.
pub fn access(viewer_id: i64, viewer_roles: &RoleSet, walk: Ownership) -> Access {
    if viewer_id == walk.owner_id {
        return if walk.status == WalkthroughStatus::InProgress {
            Access::Edit
        } else {
            Access::Read
        };
    }
    let is_their_reviewer =
        viewer_roles.has(Role::Reviewer) && walk.owner_manager_id == Some(viewer_id);
    if is_their_reviewer || viewer_roles.has(Role::Hr) {
        Access::Read
    } else {
        Access::None
    }
}

/// Why a change to a walkthrough is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRefusal {
    /// The owner's walkthrough is finished (completed or abandoned): they read it, they are told why
    /// they can no longer change it (409 `walk-error-not-editable`).
    NotEditable,
    /// Not the owner, or not an employee at all (403).
    Forbidden,
}

/// The one rule for changing a walkthrough — answers, frictions, evidence, finishing: only its
/// owner, as an employee, while it is in progress. Server functions and the evidence routes both
/// ask this, so they answer the same status.
pub fn may_edit(user_id: i64, user_roles: &RoleSet, walk: Ownership) -> Result<(), EditRefusal> {
    if !user_roles.can_walk() || user_id != walk.owner_id {
        return Err(EditRefusal::Forbidden);
    }
    match access(user_id, user_roles, walk) {
        Access::Edit => Ok(()),
        Access::Read | Access::None => Err(EditRefusal::NotEditable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> RoleSet {
        RoleSet::new(r.iter().copied())
    }

    fn walk(status: WalkthroughStatus) -> Ownership {
        Ownership {
            owner_id: 10,
            owner_manager_id: Some(20),
            status,
        }
    }

    #[test]
    fn owner_edits_until_finished_then_reads() {
        let me = roles(&[Role::Employee]);
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::InProgress)),
            Access::Edit
        );
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::Completed)),
            Access::Read
        );
        assert_eq!(
            access(10, &me, walk(WalkthroughStatus::Abandoned)),
            Access::Read
        );
    }

    #[test]
    fn reviewer_of_the_owner_and_hr_read_others_do_not() {
        let reviewer = roles(&[Role::Employee, Role::Reviewer]);
        let hr = roles(&[Role::Employee, Role::Hr]);
        let colleague = roles(&[Role::Employee]);
        let admin = roles(&[Role::Admin]);
        let w = walk(WalkthroughStatus::InProgress);
        assert_eq!(access(20, &reviewer, w), Access::Read);
        // A reviewer who is not this person's manager sees nothing.
        assert_eq!(access(21, &reviewer, w), Access::None);
        // A manager without the reviewer role neither.
        assert_eq!(access(20, &colleague, w), Access::None);
        assert_eq!(access(30, &hr, w), Access::Read);
        assert_eq!(access(31, &colleague, w), Access::None);
        assert_eq!(access(32, &admin, w), Access::None);
    }

    #[test]
    fn only_the_owning_employee_edits_and_only_while_in_progress() {
        let me = roles(&[Role::Employee]);
        assert_eq!(
            may_edit(10, &me, walk(WalkthroughStatus::InProgress)),
            Ok(())
        );
        for finished in [WalkthroughStatus::Completed, WalkthroughStatus::Abandoned] {
            assert_eq!(
                may_edit(10, &me, walk(finished)),
                Err(EditRefusal::NotEditable)
            );
        }
        // Readers (their reviewer, HR) and strangers never edit, whatever the status.
        let reviewer = roles(&[Role::Employee, Role::Reviewer]);
        let hr = roles(&[Role::Employee, Role::Hr]);
        for status in [WalkthroughStatus::InProgress, WalkthroughStatus::Completed] {
            assert_eq!(
                may_edit(20, &reviewer, walk(status)),
                Err(EditRefusal::Forbidden)
            );
            assert_eq!(may_edit(30, &hr, walk(status)), Err(EditRefusal::Forbidden));
            assert_eq!(may_edit(31, &me, walk(status)), Err(EditRefusal::Forbidden));
        }
        // The owner without the employee role may not walk at all.
        let admin_only = roles(&[Role::Admin]);
        assert_eq!(
            may_edit(10, &admin_only, walk(WalkthroughStatus::InProgress)),
            Err(EditRefusal::Forbidden)
        );
    }
}
