//! The choices of the inbox's filter and triage forms: teams, journeys, the scope's steps, who may
//! own a new improvement, and the open improvements frictions may join, read in one statement.

use super::inbox::Scope;
use crate::db::Source;
use crate::db::backend::on;
use crate::domain::improvement::inbox::InboxOption;
use sqlx::QueryBuilder;

/// The choices of the filter and triage forms, read in one statement (each is small, and every
/// statement is a round trip to the connection's thread).
#[derive(Debug, Default)]
pub struct Choices {
    /// Every team, by name.
    pub teams: Vec<InboxOption>,
    /// Every journey family, by the title of its newest version.
    pub journeys: Vec<InboxOption>,
    /// Steps of journeys that were walked (not drafts): the scope's team's own, of the chosen
    /// journey; labelled with their number, grouped by journey and version.
    pub steps: Vec<InboxOption>,
    /// Who may own a new improvement, as offered: the viewer, and the leads and CX members of the
    /// scope's team (CX without a team: the CX members; "the owning team's lead" is the default
    /// choice). A short list at any company size; the improvement's page can hand it to anyone.
    pub owners: Vec<InboxOption>,
    /// Open improvements frictions may join: the scope's team's (CX without a team: all), newest
    /// first, labelled with their journey.
    pub improvements: Vec<InboxOption>,
}

/// At most this many steps, owners and open improvements are offered.
const STEP_CHOICES: i64 = 500;
const OWNER_CHOICES: i64 = 300;
const IMPROVEMENT_CHOICES: i64 = 200;

/// The form choices for `scope` (steps of `journey` when chosen), with `viewer_id` among the owners.
pub async fn choices(
    src: impl Source<'_>,
    scope: Scope,
    journey: Option<i64>,
    viewer_id: i64,
) -> Result<Choices, sqlx::Error> {
    let team = match scope {
        Scope::Team(team) => Some(team),
        Scope::All => None,
    };
    let rows: Vec<(String, i64, String, String)> = on!(src, |c| {
        let mut q = QueryBuilder::new(
            "select list, id, label, grp from (
               select 'team' as list, t.id, t.name as label, '' as grp,
                      row_number() over (order by t.name, t.id) as n
               from team t
               union all
               select 'journey', j.family_id, j.title, '',
                      row_number() over (order by j.title, j.family_id)
               from journey j
               where j.version = (select max(j2.version) from journey j2 where j2.family_id = j.family_id)
               union all
               select 'step', s.id, cast(s.position + 1 as text) || '. ' || s.title,
                      j.title || ' (v' || cast(j.version as text) || ')',
                      row_number() over (order by j.title, j.version desc, s.position)
               from journey_step s join journey j on j.id = s.journey_id
               where j.status <> 'draft'",
        );
        if let Some(team) = team {
            q.push(" and s.team_id = ").push_bind(team);
        }
        if let Some(journey) = journey {
            q.push(" and j.family_id = ").push_bind(journey);
        }
        q.push(
            "
               union all
               select 'owner', p.id, p.name, coalesce(t.name, ''), row_number() over (order by p.name, p.id)
               from person p left join team t on t.id = p.team_id
               where p.active and (p.id = ",
            )
            .push_bind(viewer_id);
        match team {
            Some(team) => {
                q.push(" or p.team_id = ").push_bind(team).push(
                    " and p.id in (select r.person_id from person_role r
                                   where r.role in ('reviewer', 'cx'))",
                );
            }
            None => {
                q.push(" or p.id in (select r.person_id from person_role r where r.role = 'cx')");
            }
        }
        q.push(
            ")
               union all
               select 'improvement', i.id, i.title,
                      coalesce((select j.title from journey j where j.family_id = i.journey_family_id
                                order by j.version desc limit 1), ''),
                      row_number() over (order by i.id desc)
               from improvement i where i.status not in ('fixed', 'wont_fix')",
        );
        // Only when there is a team, so the team's index is used (`? is null or …` reads them all).
        if let Some(team) = team {
            q.push(" and i.team_id = ").push_bind(team);
        }
        q.push(
            "
             ) c
             where (list <> 'step' or n <= ",
        )
        .push_bind(STEP_CHOICES)
        .push(") and (list <> 'owner' or n <= ")
        .push_bind(OWNER_CHOICES)
        .push(") and (list <> 'improvement' or n <= ")
        .push_bind(IMPROVEMENT_CHOICES)
        .push(") order by list, n");
        q.build_query_as().fetch_all(&mut *c).await?
    });
    let mut choices = Choices::default();
    for (list, id, label, group) in rows {
        let option = InboxOption { id, label, group };
        match list.as_str() {
            "team" => choices.teams.push(option),
            "journey" => choices.journeys.push(option),
            "step" => choices.steps.push(option),
            "owner" => choices.owners.push(option),
            _ => choices.improvements.push(option),
        }
    }
    Ok(choices)
}
