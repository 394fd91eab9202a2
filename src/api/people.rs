//! People administration (admin) and the people overview (HR and admin).

use crate::domain::org::{PersonDetail, PersonOption, PersonSummary, Team};
use crate::domain::paging::Paged;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

// Session keys under which a rejected plain (no-JavaScript) post keeps what was typed.
#[cfg(feature = "ssr")]
const CREATE_FORM: &str = "person-create";
#[cfg(feature = "ssr")]
const UPDATE_FORM: &str = "person-update";

/// Everything the person form needs: the person (when editing) and the choices for its selects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFormData {
    pub person: Option<PersonDetail>,
    /// What was typed before a rejected plain (no-JavaScript) post; shown instead of the stored values.
    pub draft: Option<PersonForm>,
    pub teams: Vec<Team>,
    pub managers: Vec<PersonOption>,
}

/// One page of the people list, with search text, team id, department id, status (`active`,
/// `inactive` or empty for all) and page number (1-based). What is not understood is ignored, so
/// a bookmarked list keeps working.
#[server(endpoint = "people/list")]
pub async fn list_people(
    #[server(default)] query: String,
    #[server(default)] team: String,
    #[server(default)] status: String,
    #[server(default)] department: String,
    #[server(default)] page: String,
) -> Result<Paged<PersonSummary>, AppError> {
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_view_people_overview()).await?;
        let filter =
            crate::domain::org::PeopleFilter::from_form(&query, &team, &department, &status);
        let page = crate::domain::paging::parse_page(&page);
        Ok(crate::db::person::list(
            &ctx.state.pool,
            &filter,
            page,
            crate::domain::paging::PAGE_SIZE,
        )
        .await?)
    })
    .await
}

/// The signed-in person's own profile line (team, manager, roles).
#[server(endpoint = "people/me")]
pub async fn my_profile() -> Result<PersonSummary, AppError> {
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        let user = ctx.require_user().await?;
        crate::db::person::own_summary(&state.pool, user.id, &user.roles)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server(endpoint = "people/form")]
pub async fn load_person_form(id: Option<i64>) -> Result<PersonFormData, AppError> {
    super::ssr::serve(async |ctx| {
        let state = &ctx.state;
        ctx.require(|r| r.can_admin_people()).await?;
        let person = match id {
            Some(id) => Some(
                crate::db::person::detail(&state.pool, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let form = if id.is_some() {
            UPDATE_FORM
        } else {
            CREATE_FORM
        };
        let draft = ctx.draft(form).await?;
        Ok(PersonFormData {
            person,
            draft: (!draft.is_empty()).then(|| PersonForm::from_draft(&draft)),
            teams: crate::db::org::teams(&state.pool).await?,
            managers: crate::db::person::options(&state.pool).await?,
        })
    })
    .await
}

/// The person form as submitted. Checkboxes arrive as `Some("on")` when ticked and are absent otherwise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub employee_number: String,
    #[serde(default)]
    pub team_id: String,
    #[serde(default)]
    pub manager_id: String,
    #[serde(default)]
    pub preferred_language: String,
    pub role_employee: Option<String>,
    pub role_reviewer: Option<String>,
    pub role_hr: Option<String>,
    pub role_admin: Option<String>,
    pub role_cx: Option<String>,
    pub active: Option<String>,
    /// Initial password when creating; a new password when editing. Empty leaves it unchanged.
    /// Typed for someone else, it is temporary: they must replace it at their next sign-in.
    #[serde(default)]
    pub password: String,
    /// Creating: mail the person an invitation to choose their own password (ticked by default).
    #[serde(default)]
    pub invite: Option<String>,
}

impl PersonForm {
    /// The fields worth keeping after a rejected post. The password is deliberately left out.
    pub fn draft_fields(&self) -> Vec<(&'static str, String)> {
        let tick = |v: &Option<String>| {
            if v.is_some() {
                "on".to_owned()
            } else {
                String::new()
            }
        };
        vec![
            ("name", self.name.clone()),
            ("email", self.email.clone()),
            ("employee_number", self.employee_number.clone()),
            ("team_id", self.team_id.clone()),
            ("manager_id", self.manager_id.clone()),
            ("preferred_language", self.preferred_language.clone()),
            ("role_employee", tick(&self.role_employee)),
            ("role_reviewer", tick(&self.role_reviewer)),
            ("role_hr", tick(&self.role_hr)),
            ("role_admin", tick(&self.role_admin)),
            ("role_cx", tick(&self.role_cx)),
            ("active", tick(&self.active)),
            ("invite", tick(&self.invite)),
        ]
    }

    pub fn from_draft(draft: &std::collections::BTreeMap<String, String>) -> PersonForm {
        let text = |k: &str| draft.get(k).cloned().unwrap_or_default();
        let tick = |k: &str| draft.get(k).filter(|v| !v.is_empty()).cloned();
        PersonForm {
            name: text("name"),
            email: text("email"),
            employee_number: text("employee_number"),
            team_id: text("team_id"),
            manager_id: text("manager_id"),
            preferred_language: text("preferred_language"),
            role_employee: tick("role_employee"),
            role_reviewer: tick("role_reviewer"),
            role_hr: tick("role_hr"),
            role_admin: tick("role_admin"),
            role_cx: tick("role_cx"),
            active: tick("active"),
            password: String::new(),
            invite: tick("invite"),
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::PersonForm;
    use crate::db::person::PersonFields;
    use crate::domain::person::parse_optional_id;
    use crate::domain::{
        Email, EmployeeNumber, FieldErrors, Locale, Password, PersonName, Role, RoleSet,
    };
    use crate::error::AppError;
    use crate::state::AppState;

    pub struct Validated {
        pub fields: PersonFields,
        pub roles: RoleSet,
        pub password: Option<Password>,
    }

    /// Field-by-field validation, including the checks that need the database (team and manager exist).
    pub async fn validate(
        state: &AppState,
        form: &PersonForm,
        person_id: Option<i64>,
        creating: bool,
    ) -> Result<Validated, AppError> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", PersonName::parse(&form.name));
        let email = errors.check("email", Email::parse(&form.email));
        let number = errors.check(
            "employee_number",
            EmployeeNumber::parse(&form.employee_number),
        );
        let team_id = errors
            .check("team_id", parse_optional_id(&form.team_id))
            .flatten();
        let manager_id = errors
            .check("manager_id", parse_optional_id(&form.manager_id))
            .flatten();
        let language = Locale::parse(&form.preferred_language).unwrap_or_default();
        let ticked = [
            (Role::Employee, &form.role_employee),
            (Role::Reviewer, &form.role_reviewer),
            (Role::Hr, &form.role_hr),
            (Role::Admin, &form.role_admin),
            (Role::Cx, &form.role_cx),
        ];
        let roles = RoleSet::new(ticked.iter().filter(|(_, v)| v.is_some()).map(|(r, _)| *r));
        if roles.is_empty() {
            errors.add("roles", "error-roles-required");
        }
        let password = if form.password.is_empty() {
            None
        } else {
            errors.check("password", Password::parse(&form.password))
        };
        if let Some(team) = team_id
            && !crate::db::org::team_exists(&state.pool, team).await?
        {
            errors.add("team_id", "error-invalid-choice");
        }
        if let Some(manager) = manager_id {
            if !crate::db::person::exists(&state.pool, manager).await? {
                errors.add("manager_id", "error-invalid-choice");
            } else if let Some(id) = person_id {
                let chain = crate::db::person::manager_chain(&state.pool, manager).await?;
                if crate::domain::org::creates_management_cycle(id, manager, &chain) {
                    errors.add("manager_id", "error-manager-cycle");
                }
            }
        }
        let active = creating || form.active.is_some();
        match (name, email, number, errors.is_empty()) {
            (Some(name), Some(email), Some(employee_number), true) => Ok(Validated {
                fields: PersonFields {
                    name,
                    email,
                    employee_number,
                    team_id,
                    manager_id,
                    active,
                    preferred_language: language,
                },
                roles,
                password,
            }),
            _ => Err(AppError::Validation(errors)),
        }
    }

    /// Turns a unique violation into an error on the field that caused it.
    pub fn map_unique(err: sqlx::Error) -> AppError {
        crate::db::unique::to_field_error(
            err,
            &[
                ("person_email_key", "email", "error-email-taken"),
                (
                    "person_employee_number_key",
                    "employee_number",
                    "error-employee-number-taken",
                ),
            ],
        )
    }

    /// After an admin typed a password for `person_id`: temporary unless it is their own (the
    /// person must replace it before anything else works), and audited either way.
    pub async fn password_set_by_admin(
        tx: &mut crate::db::Tx,
        admin_id: i64,
        person_id: i64,
    ) -> Result<(), AppError> {
        let temporary = crate::domain::access::password_is_temporary(admin_id, person_id);
        crate::db::access::set_temporary(&mut *tx, person_id, temporary).await?;
        crate::db::audit::record(
            tx,
            Some(admin_id),
            crate::db::audit::AuditAction::PasswordSetByAdmin,
            Some(person_id),
            &serde_json::json!({ "temporary": temporary }),
        )
        .await?;
        Ok(())
    }

    /// Hashes the password from the form, if one was given.
    pub async fn hash_if_given(password: &Option<Password>) -> Result<Option<String>, AppError> {
        match password {
            Some(p) => Ok(Some(crate::auth::password::hash(p).await?)),
            None => Ok(None),
        }
    }
}

#[server(endpoint = "people/create")]
pub async fn create_person(form: PersonForm) -> Result<i64, AppError> {
    super::ssr::Serve::new()
        .keep_draft(CREATE_FORM, form.draft_fields())
        .redirect(|id| crate::routes::with_notice(&crate::routes::person(id), "saved"))
        .run(async |ctx| {
            let state = &ctx.state;
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            let valid = ssr::validate(state, &form, None, true).await?;
            let hash = ssr::hash_if_given(&valid.password).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            let id = crate::db::person::insert(&mut tx, &valid.fields, hash.as_deref())
                .await
                .map_err(ssr::map_unique)?;
            crate::db::person::set_roles(&mut tx, id, &valid.roles).await?;
            if hash.is_some() {
                ssr::password_set_by_admin(&mut tx, admin.id, id).await?;
            }
            tx.commit().await?;
            tracing::info!(person_id = id, by = admin.id, "person created");
            // Only someone without a password is invited. A failed invitation leaves the person
            // created; HR's invitation list shows them as not invited, with a button to resend.
            if form.invite.is_some()
                && hash.is_none()
                && let Err(e) = crate::access::invite(state, Some(admin.id), &[id]).await
            {
                tracing::error!(person_id = id, error = %e, "invitation after creating a person failed");
            }
            Ok(id)
        })
        .await
}

#[server(endpoint = "people/update")]
pub async fn update_person(id: i64, form: PersonForm) -> Result<(), AppError> {
    use crate::domain::role::{SelfEditViolation, check_self_edit};
    super::ssr::Serve::new()
        .keep_draft(UPDATE_FORM, form.draft_fields())
        .redirect(|_| crate::routes::with_notice(&crate::routes::person(id), "saved"))
        .run(async |ctx| {
            let state = &ctx.state;
            let admin = ctx.require(|r| r.can_admin_people()).await?;
            if !crate::db::person::exists(&state.pool, id).await? {
                return Err(AppError::NotFound);
            }
            let valid = ssr::validate(state, &form, Some(id), false).await?;
            match check_self_edit(admin.id, id, valid.fields.active, &valid.roles) {
                Err(SelfEditViolation::DeactivateSelf) => {
                    return Err(AppError::field("active", "error-cannot-deactivate-self"));
                }
                Err(SelfEditViolation::DropOwnAdmin) => {
                    return Err(AppError::field("roles", "error-cannot-drop-own-admin"));
                }
                Ok(()) => {}
            }
            let hash = ssr::hash_if_given(&valid.password).await?;
            let mut tx = crate::db::begin(&state.pool).await?;
            // Read inside the write transaction, so the audit row names what really changed.
            let before = crate::db::person::roles_of(&mut tx, id).await?;
            crate::db::person::update(&mut tx, id, &valid.fields)
                .await
                .map_err(|e| match e {
                    crate::db::person::PersonWriteError::Db(e) => ssr::map_unique(e),
                    last_admin => last_admin.into(),
                })?;
            crate::db::person::set_roles(&mut tx, id, &valid.roles)
                .await
                .map_err(|e| match e {
                    crate::db::person::PersonWriteError::LastAdmin => {
                        AppError::field("roles", "error-last-admin")
                    }
                    other => other.into(),
                })?;
            if before != valid.roles {
                let codes = |roles: &crate::domain::RoleSet| {
                    roles.iter().map(|r| r.code()).collect::<Vec<_>>()
                };
                crate::db::audit::record(
                    &mut tx,
                    Some(admin.id),
                    crate::db::audit::AuditAction::RoleChanged,
                    Some(id),
                    &serde_json::json!({ "before": codes(&before), "after": codes(&valid.roles) }),
                )
                .await?;
            }
            // A new password or a deactivation ends the person's sessions (see db::person).
            let epoch = match &hash {
                Some(hash) => {
                    let epoch = crate::db::person::set_password_hash(&mut tx, id, hash).await?;
                    ssr::password_set_by_admin(&mut tx, admin.id, id).await?;
                    Some(epoch)
                }
                None => None,
            };
            tx.commit().await?;
            // An admin who set their own password stays signed in here.
            if let Some(epoch) = epoch.filter(|_| id == admin.id) {
                crate::auth::session::keep_after_password_change(&ctx.session, epoch).await?;
            }
            tracing::info!(person_id = id, by = admin.id, "person updated");
            Ok(())
        })
        .await
}
