//! Departments and teams: admins add, rename, merge and remove them; HR and admins read them.

use crate::domain::org::Department;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "org/overview")]
pub async fn org_overview() -> Result<Vec<Department>, AppError> {
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_view_people_overview()).await?;
        Ok(crate::db::org::departments(&state.pool).await?)
    })
    .await
}

/// A clash with another department's or team's name (whatever its case) as an error on `field`.
#[cfg(feature = "ssr")]
fn name_taken(e: sqlx::Error, field: &str) -> AppError {
    if crate::db::org_upkeep::is_name_clash(&e) {
        AppError::field(field, "error-name-taken")
    } else {
        e.into()
    }
}

#[server(endpoint = "org/department")]
pub async fn create_department(name: String) -> Result<i64, AppError> {
    use crate::domain::TeamName;
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_admin_people()).await?;
        let name = TeamName::parse(&name).map_err(|key| AppError::field("department_name", key))?;
        let mut tx = crate::db::begin(&state.pool).await?;
        let id = crate::db::org::insert_department(&mut tx, &name)
            .await
            .map_err(|e| name_taken(e, "department_name"))?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}

#[server(endpoint = "org/team")]
pub async fn create_team(department_id: String, name: String) -> Result<i64, AppError> {
    use crate::domain::{FieldErrors, TeamName};
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_admin_people()).await?;
        let mut errors = FieldErrors::new();
        let department = errors
            .check(
                "department_id",
                crate::domain::person::parse_optional_id(&department_id),
            )
            .flatten();
        if department.is_none() && errors.is_empty() {
            errors.add("department_id", "error-required");
        }
        let name = errors.check("team_name", TeamName::parse(&name));
        if let Some(d) = department
            && !crate::db::org::department_exists(&state.pool, d).await?
        {
            errors.add("department_id", "error-invalid-choice");
        }
        let (Some(department), Some(name), true) = (department, name, errors.is_empty()) else {
            return Err(AppError::Validation(errors));
        };
        let mut tx = crate::db::begin(&state.pool).await?;
        let id = crate::db::org::insert_team(&mut tx, department, &name)
            .await
            .map_err(|e| name_taken(e, "team_name"))?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}

/// What an upkeep action's refusal or failure means for the form (`field` is the form's field).
#[cfg(feature = "ssr")]
fn upkeep_error(e: crate::db::org_upkeep::UpkeepError, field: &str) -> AppError {
    use crate::db::org_upkeep::UpkeepError;
    match e {
        UpkeepError::NotFound => AppError::field(field, "error-invalid-choice"),
        UpkeepError::NameTaken => AppError::field("rename_name", "error-name-taken"),
        UpkeepError::Refused(key) => AppError::field(field, key),
        UpkeepError::Db(e) => e.into(),
    }
}

/// Where a plain form post goes after an upkeep action: back to the page, with a notice.
#[cfg(feature = "ssr")]
fn back() -> String {
    crate::routes::with_notice(crate::routes::ORGANISATION, "saved")
}

/// Gives a department or team (`department:3`, `team:7`) a new name.
#[server(endpoint = "org/rename")]
pub async fn rename_org_unit(rename_target: String, rename_name: String) -> Result<(), AppError> {
    use crate::domain::{FieldErrors, TeamName, org::OrgUnit};
    super::ssr::Serve::new()
        .keep_draft(
            "org_rename",
            vec![
                ("rename_target", rename_target.clone()),
                ("rename_name", rename_name.clone()),
            ],
        )
        .redirect(|_| back())
        .run(async |ctx| {
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            let mut errors = FieldErrors::new();
            let unit = errors.check("rename_target", OrgUnit::parse(&rename_target));
            let name = errors.check("rename_name", TeamName::parse(&rename_name));
            let (Some(unit), Some(name)) = (unit, name) else {
                return Err(AppError::Validation(errors));
            };
            crate::db::org_upkeep::rename(&ctx.state.pool, admin.id, unit, &name)
                .await
                .map_err(|e| upkeep_error(e, "rename_target"))?;
            tracing::info!(person_id = admin.id, ?unit, "organisation unit renamed");
            Ok(())
        })
        .await
}

/// Merges a team into a team or a department into a department; returns the people moved.
#[server(endpoint = "org/merge")]
pub async fn merge_org_unit(merge_source: String, merge_into: String) -> Result<i64, AppError> {
    use crate::domain::{FieldErrors, org::OrgUnit};
    super::ssr::Serve::new()
        .keep_draft(
            "org_merge",
            vec![
                ("merge_source", merge_source.clone()),
                ("merge_into", merge_into.clone()),
            ],
        )
        .redirect(|_| back())
        .run(async |ctx| {
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            let mut errors = FieldErrors::new();
            let source = errors.check("merge_source", OrgUnit::parse(&merge_source));
            let into = errors.check("merge_into", OrgUnit::parse(&merge_into));
            let (Some(source), Some(into)) = (source, into) else {
                return Err(AppError::Validation(errors));
            };
            let moved = crate::db::org_upkeep::merge(&ctx.state.pool, admin.id, source, into)
                .await
                .map_err(|e| upkeep_error(e, "merge_into"))?;
            tracing::info!(
                person_id = admin.id,
                ?source,
                ?into,
                moved,
                "organisation units merged"
            );
            Ok(moved)
        })
        .await
}

/// Removes an empty department or an unused team.
#[server(endpoint = "org/remove")]
pub async fn remove_org_unit(remove_target: String) -> Result<(), AppError> {
    use crate::domain::org::OrgUnit;
    super::ssr::Serve::new()
        .keep_draft("org_remove", vec![("remove_target", remove_target.clone())])
        .redirect(|_| back())
        .run(async |ctx| {
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            let unit = OrgUnit::parse(&remove_target)
                .map_err(|key| AppError::field("remove_target", key))?;
            crate::db::org_upkeep::remove(&ctx.state.pool, admin.id, unit)
                .await
                .map_err(|e| upkeep_error(e, "remove_target"))?;
            tracing::info!(person_id = admin.id, ?unit, "organisation unit removed");
            Ok(())
        })
        .await
}

/// What a refused plain form post of the upkeep forms typed (empty otherwise).
#[server(endpoint = "org/drafts")]
pub async fn org_drafts() -> Result<std::collections::BTreeMap<String, String>, AppError> {
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_admin_people()).await?;
        let mut all = std::collections::BTreeMap::new();
        for form in ["org_rename", "org_merge", "org_remove"] {
            all.extend(ctx.draft(form).await?);
        }
        Ok(all)
    })
    .await
}
