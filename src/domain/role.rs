//! Roles and the rules about who may do what. Every server function asks these rules, never the UI.

use serde::{Deserialize, Serialize};

/// Every role may pass; only signing in is required (for pages and server functions open to all).
pub fn any_role(_: &RoleSet) -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Walks the customer journey once a year and renews their licence.
    Employee,
    /// Team lead who hears the presentation and signs the licence off.
    Reviewer,
    /// Tracks who is valid, expiring, expired or never certified.
    Hr,
    /// Manages people, roles and the organisation.
    Admin,
    /// Customer-experience staff who curate the journey catalogue.
    Cx,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Employee,
        Role::Reviewer,
        Role::Hr,
        Role::Admin,
        Role::Cx,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Reviewer => "reviewer",
            Role::Hr => "hr",
            Role::Admin => "admin",
            Role::Cx => "cx",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// Translation key of the role's display name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Employee => "role-employee",
            Role::Reviewer => "role-reviewer",
            Role::Hr => "role-hr",
            Role::Admin => "role-admin",
            Role::Cx => "role-cx",
        }
    }
}

/// The roles one person holds. Kept sorted and free of duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSet(Vec<Role>);

impl RoleSet {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Self {
        let mut v: Vec<Role> = roles.into_iter().collect();
        v.sort();
        v.dedup();
        RoleSet(v)
    }

    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// May manage people and roles.
    pub fn can_admin_people(&self) -> bool {
        self.has(Role::Admin)
    }

    /// May see the organisation-wide people overview (and later licence status).
    pub fn can_view_people_overview(&self) -> bool {
        self.has_any(&[Role::Hr, Role::Admin])
    }

    /// May curate the journey catalogue (drafts, versions, publishing).
    pub fn can_curate_journeys(&self) -> bool {
        self.has_any(&[Role::Cx, Role::Admin])
    }

    /// May open the team licence page (signs off their direct reports' licences).
    pub fn can_review(&self) -> bool {
        self.has(Role::Reviewer)
    }

    /// May certify licences by hand, revoke them and change the licence settings.
    pub fn can_manage_licences(&self) -> bool {
        self.has_any(&[Role::Hr, Role::Admin])
    }

    /// May walk a journey for their own licence.
    pub fn can_walk(&self) -> bool {
        self.has(Role::Employee)
    }
}

/// Why an admin's change to a person is refused even though every field is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfEditViolation {
    /// An admin may not deactivate their own account: nobody would be left to undo it.
    DeactivateSelf,
    /// An admin may not take away their own admin role, for the same reason.
    DropOwnAdmin,
}

/// Guards against an admin locking themselves out while editing their own record.
pub fn check_self_edit(
    editor_id: i64,
    target_id: i64,
    new_active: bool,
    new_roles: &RoleSet,
) -> Result<(), SelfEditViolation> {
    if editor_id != target_id {
        return Ok(());
    }
    if !new_active {
        return Err(SelfEditViolation::DeactivateSelf);
    }
    if !new_roles.has(Role::Admin) {
        return Err(SelfEditViolation::DropOwnAdmin);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roleset_sorts_and_dedups() {
        let set = RoleSet::new([Role::Admin, Role::Employee, Role::Admin]);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![Role::Employee, Role::Admin]
        );
    }

    #[test]
    fn permissions_follow_roles() {
        let employee = RoleSet::new([Role::Employee]);
        let hr = RoleSet::new([Role::Employee, Role::Hr]);
        let admin = RoleSet::new([Role::Admin]);
        assert!(!employee.can_view_people_overview());
        assert!(!employee.can_admin_people());
        assert!(hr.can_view_people_overview());
        assert!(!hr.can_admin_people());
        assert!(admin.can_view_people_overview());
        assert!(admin.can_admin_people());
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn admin_cannot_lock_themselves_out() {
        let admin = RoleSet::new([Role::Employee, Role::Admin]);
        let no_admin = RoleSet::new([Role::Employee]);
        assert_eq!(check_self_edit(1, 1, true, &admin), Ok(()));
        assert_eq!(
            check_self_edit(1, 1, false, &admin),
            Err(SelfEditViolation::DeactivateSelf)
        );
        assert_eq!(
            check_self_edit(1, 1, true, &no_admin),
            Err(SelfEditViolation::DropOwnAdmin)
        );
        // Another admin may do both.
        assert_eq!(check_self_edit(1, 2, false, &no_admin), Ok(()));
    }
}
