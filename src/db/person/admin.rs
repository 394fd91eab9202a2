//! The break-glass administrator (`create-admin` on the command line): makes a new administrator,
//! or — when someone with that e-mail address or employee number exists — reactivates them,
//! gives them the admin role and a new password (ending their sessions). Audited either way,
//! in the transaction of the change.

use super::{PersonFields, PersonWriteError, insert, roles_of, set_roles};
use crate::db::audit::{AuditAction, record};
use crate::db::backend::on;
use crate::db::{Db, begin, now};
use crate::domain::{Role, RoleSet};

/// What `restore_admin` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminOutcome {
    Created {
        id: i64,
    },
    /// An existing person, now active, an administrator, with the new password.
    Restored {
        id: i64,
        was_active: bool,
    },
    /// The e-mail address belongs to one person and the employee number to another.
    Conflict {
        email_id: i64,
        number_id: i64,
    },
}

/// Creates or restores the administrator `fields` with the argon2 `hash`. Someone new gets the
/// admin role and, with `employee`, the employee role; someone existing keeps their other roles.
pub async fn restore_admin(
    db: &Db,
    fields: &PersonFields,
    hash: &str,
    employee: bool,
) -> Result<AdminOutcome, PersonWriteError> {
    let mut tx = begin(db).await?;
    let (email_id, number_id) = on!(&mut tx, |c| {
        let email_id = sqlx::query_scalar::<_, i64>("select id from person where email = $1")
            .bind(fields.email.as_str())
            .fetch_optional(&mut *c)
            .await?;
        let number_id =
            sqlx::query_scalar::<_, i64>("select id from person where employee_number = $1")
                .bind(fields.employee_number.as_str())
                .fetch_optional(&mut *c)
                .await?;
        (email_id, number_id)
    });
    let existing = match (email_id, number_id) {
        (Some(e), Some(n)) if e != n => {
            return Ok(AdminOutcome::Conflict {
                email_id: e,
                number_id: n,
            });
        }
        (e, n) => e.or(n),
    };
    let extra = employee.then_some(Role::Employee);
    let outcome = match existing {
        None => {
            let id = insert(&mut tx, fields, Some(hash)).await?;
            set_roles(
                &mut tx,
                id,
                &RoleSet::new([Role::Admin].into_iter().chain(extra)),
            )
            .await?;
            record(
                &mut tx,
                None,
                AuditAction::AdminRestored,
                Some(id),
                &serde_json::json!({ "created": 1 }),
            )
            .await?;
            AdminOutcome::Created { id }
        }
        Some(id) => {
            let was_active = on!(&mut tx, |c| {
                let was_active =
                    sqlx::query_scalar::<_, bool>("select active from person where id = $1")
                        .bind(id)
                        .fetch_one(&mut *c)
                        .await?;
                sqlx::query(
                    "update person set active = true, password_hash = $1,
                            session_epoch = session_epoch + 1, updated_at = $2
                     where id = $3",
                )
                .bind(hash)
                .bind(now())
                .bind(id)
                .execute(&mut *c)
                .await?;
                was_active
            });
            let before = roles_of(&mut tx, id).await?;
            let after = RoleSet::new(before.iter().chain([Role::Admin]).chain(extra));
            set_roles(&mut tx, id, &after).await?;
            let codes = |r: &RoleSet| r.iter().map(Role::code).collect::<Vec<_>>();
            record(
                &mut tx,
                None,
                AuditAction::AdminRestored,
                Some(id),
                &serde_json::json!({ "before": codes(&before), "after": codes(&after) }),
            )
            .await?;
            AdminOutcome::Restored { id, was_active }
        }
    };
    tx.commit().await?;
    Ok(outcome)
}
