//! The HR dashboard's server functions: coverage counts and the 12-month trend, the people
//! behind a count (paged), and the nudge (the reminder now, in the app and by e-mail) for one person or a whole
//! filtered list. HR and admins see the organisation; reviewers see their direct reports only
//! (the scope goes into the SQL); everyone else gets 403. Only HR and admins nudge.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
// The types live in the domain (the db layer fills them); re-exported for the pages.
pub use crate::domain::coverage::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::CoverageFilter;
    use crate::api::ssr::Ctx;
    use crate::auth::CurrentUser;
    use crate::db::coverage::Scope;
    use crate::error::AppError;

    /// HR and admins: everything; reviewers: their direct reports; anyone else: refused.
    pub fn scope_of(user: &CurrentUser) -> Option<Scope> {
        if user.roles.can_view_people_overview() {
            Some(Scope::All)
        } else if user.roles.can_review() {
            Some(Scope::ReportsOf(user.id))
        } else {
            None
        }
    }

    pub async fn require_scope(ctx: &Ctx) -> Result<(CurrentUser, Scope), AppError> {
        let user = ctx
            .require(|r| r.can_view_people_overview() || r.can_review())
            .await?;
        let scope = scope_of(&user).ok_or(AppError::Forbidden)?;
        Ok((user, scope))
    }

    /// What a nudge's audit event says about the list it was sent to.
    pub fn detail(count: usize, filter: &CoverageFilter) -> serde_json::Value {
        let filter: serde_json::Map<String, serde_json::Value> = filter
            .pairs()
            .into_iter()
            .filter(|(k, v)| !v.is_empty() && *k != "sort")
            .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
            .collect();
        serde_json::json!({ "count": count, "filter": filter })
    }
}

/// The dashboard for the filter (department, team, manager ids as typed).
#[server(endpoint = "dashboard/coverage")]
pub async fn load_dashboard(
    #[server(default)] department: String,
    #[server(default)] team: String,
    #[server(default)] manager: String,
) -> Result<Dashboard, AppError> {
    super::ssr::serve(async |ctx| {
        let (_, scope) = ssr::require_scope(ctx).await?;
        let filter = CoverageFilter::parse(&department, &team, &manager, "", "", "");
        let today = crate::db::licence::today();
        let cache = &ctx.state.coverage_cache;
        let dashboard = cache
            .dashboard(&ctx.state.pool, scope, &filter, today)
            .await?;
        Ok(Dashboard::clone(&dashboard))
    })
    .await
}

/// One page of the people behind a count.
#[server(endpoint = "dashboard/people")]
pub async fn load_coverage_people(
    #[server(default)] department: String,
    #[server(default)] team: String,
    #[server(default)] manager: String,
    #[server(default)] status: String,
    #[server(default)] q: String,
    #[server(default)] sort: String,
    #[server(default)] page: String,
) -> Result<PeoplePage, AppError> {
    super::ssr::serve(async |ctx| {
        let (user, scope) = ssr::require_scope(ctx).await?;
        let db = &ctx.state.pool;
        let filter = CoverageFilter::parse(&department, &team, &manager, &status, &q, &sort);
        let settings = crate::db::licence::settings(db).await?;
        let people = crate::db::coverage::people(
            db,
            scope,
            &filter,
            crate::db::licence::today(),
            &settings,
            crate::domain::paging::parse_page(&page),
            crate::domain::paging::PAGE_SIZE,
        )
        .await?;
        Ok(PeoplePage {
            people,
            can_nudge: user.roles.can_view_people_overview(),
            choices: crate::db::coverage::choices(db, scope).await?,
        })
    })
    .await
}

/// The nudge form: one person (`person_id`) or the whole filtered list (the filter fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NudgeForm {
    #[serde(default)]
    pub person_id: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub manager: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
}

impl NudgeForm {
    pub fn filter(&self) -> CoverageFilter {
        CoverageFilter::parse(
            &self.department,
            &self.team,
            &self.manager,
            &self.status,
            &self.q,
            "",
        )
    }
}

/// How many people a nudge of the filtered list would reach (the confirmation page).
#[server(endpoint = "dashboard/nudge-count")]
pub async fn nudge_count(#[server(default)] form: NudgeForm) -> Result<i64, AppError> {
    super::ssr::serve(async |ctx| {
        ctx.require(|r| r.can_view_people_overview()).await?;
        let db = &ctx.state.pool;
        let settings = crate::db::licence::settings(db).await?;
        let people = crate::db::coverage::people(
            db,
            crate::db::coverage::Scope::All,
            &form.filter(),
            crate::db::licence::today(),
            &settings,
            1,
            1,
        )
        .await?;
        Ok(people.total)
    })
    .await
}

/// Sends the reminder now: an in-app notification per person and one audit event in one
/// transaction, then an e-mail to each, waiting (bounded) for the SMTP server's answers
/// (`reminders::nudge`). HR and admins only. Answers what happened; a plain form goes back to
/// the list with it in the URL (`?nudged=N&mailed=M&failed=F&pending=P`).
#[server(endpoint = "dashboard/nudge")]
pub async fn nudge(#[server(default)] form: NudgeForm) -> Result<NudgeOutcome, AppError> {
    let filter = form.filter();
    let back_filter = filter.clone();
    super::ssr::Serve::new()
        .redirect(move |outcome: &NudgeOutcome| {
            let mut pairs = back_filter.pairs();
            pairs.extend(outcome.pairs());
            crate::routes::page_href(crate::routes::HR_COVERAGE, &pairs, 1)
        })
        .run(async |ctx| {
            let user = ctx.require(|r| r.can_view_people_overview()).await?;
            let db = &ctx.state.pool;
            let settings = crate::db::licence::settings(db).await?;
            let today = crate::db::licence::today();
            let everyone = crate::db::coverage::all_people(
                db,
                crate::db::coverage::Scope::All,
                &filter,
                today,
                &settings,
            )
            .await?;
            let chosen: Vec<&(CoveredPerson, Option<i64>)> = match form.person_id.trim() {
                "" => everyone.iter().collect(),
                one => {
                    let id: i64 = one.parse().map_err(|_| AppError::NotFound)?;
                    let found = everyone.iter().find(|(p, _)| p.id == id);
                    vec![found.ok_or(AppError::NotFound)?]
                }
            };
            if chosen.is_empty() {
                return Ok(NudgeOutcome {
                    mail_enabled: ctx.state.mailer.is_enabled(),
                    ..NudgeOutcome::default()
                });
            }
            let targets: Vec<(i64, Option<i64>)> =
                chosen.iter().map(|(p, period)| (p.id, *period)).collect();
            let detail = ssr::detail(targets.len(), &filter);
            let n = crate::db::coverage::nudge(db, user.id, &targets, &detail)
                .await
                .map_err(|e| match e {
                    crate::db::WriteError::NotFound => AppError::Forbidden,
                    other => AppError::from(other),
                })?;
            tracing::info!(person_id = user.id, count = n, "licence nudge sent");
            let outcome = crate::reminders::nudge::NudgeMail {
                db: db.clone(),
                mailer: ctx.state.mailer.clone(),
                link_base: ctx.state.config.link_base().to_owned(),
                invite_valid_days: ctx.state.config.invite_valid_days,
                requested_by: user.name.clone(),
                today,
            }
            .deliver(
                chosen
                    .iter()
                    .map(|(p, _)| crate::reminders::nudge::NudgeTarget {
                        person_id: p.id,
                        status: p.status,
                        valid_through: p.valid_through,
                    })
                    .collect(),
                n,
                crate::reminders::nudge::WAIT,
            )
            .await;
            Ok(outcome)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence::LicenceStatus;

    #[test]
    fn filters_from_urls_ignore_what_they_do_not_understand() {
        let f = CoverageFilter::parse("3", "x", "-1", "in_grace", " jan ", "through-desc");
        assert_eq!(f.department_id, Some(3));
        assert_eq!(f.team_id, None);
        assert_eq!(f.manager_id, None);
        assert_eq!(f.status, Some(LicenceStatus::InGrace));
        assert_eq!(f.query, "jan");
        assert_eq!(f.sort, PersonSort::ValidThroughDesc);
        let back = f.pairs();
        assert!(back.contains(&("status", "in_grace".to_owned())));
        assert!(back.contains(&("sort", "through-desc".to_owned())));
        assert_eq!(
            CoverageFilter::parse("", "", "", "bogus", "", "?").status,
            None
        );
    }

    #[test]
    fn covered_counts_grace_only_when_chosen() {
        let mut c = Counts::default();
        c.add(LicenceStatus::Valid, 3);
        c.add(LicenceStatus::RenewalDue, 1);
        c.add(LicenceStatus::InGrace, 2);
        c.add(LicenceStatus::NeverCertified, 4);
        assert_eq!(c.total(), 10);
        assert_eq!(c.covered(false), 4);
        assert_eq!(c.covered(true), 6);
        assert_eq!(percent(4, 10), Some(40));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(0, 0), None);
    }
}
