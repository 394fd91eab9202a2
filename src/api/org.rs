//! Departments and teams: admins maintain them, HR and admins read them.

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

#[server(endpoint = "org/department")]
pub async fn create_department(name: String) -> Result<i64, AppError> {
    use crate::domain::TeamName;
    use crate::error::unique_to_field;
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_admin_people()).await?;
        let name = TeamName::parse(&name).map_err(|key| AppError::field("department_name", key))?;
        let mut tx = crate::db::begin_write(&state.pool).await?;
        let id = crate::db::org::insert_department(&mut tx, &name)
            .await
            .map_err(|e| unique_to_field(e, &[("name", "department_name", "error-name-taken")]))?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}

#[server(endpoint = "org/team")]
pub async fn create_team(department_id: String, name: String) -> Result<i64, AppError> {
    use crate::domain::{FieldErrors, TeamName};
    use crate::error::unique_to_field;
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
        let mut tx = crate::db::begin_write(&state.pool).await?;
        let id = crate::db::org::insert_team(&mut tx, department, &name)
            .await
            .map_err(|e| unique_to_field(e, &[("name", "team_name", "error-name-taken")]))?;
        tx.commit().await?;
        Ok(id)
    })
    .await
}
