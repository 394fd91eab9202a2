//! The main navigation: which links each person gets, grouped per hat they wear (my licence, my
//! team, HR, administration), and the server-rendered markup. A group of two or more links is a
//! `<details>` disclosure menu (works without JavaScript, a native button for keyboards and screen
//! readers); a group with one link, and an employee's own links, are plain links, so the header
//! stays one row on a desktop whatever roles someone has.

use crate::domain::{Role, RoleSet};
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::components::A;

/// One link: address, label key, whether only the exact address makes it current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub exact: bool,
}

const fn link(href: &'static str, label: &'static str) -> NavLink {
    NavLink {
        href,
        label,
        exact: false,
    }
}

/// A menu of links under one heading (`label` is a translation key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavGroup {
    pub label: &'static str,
    pub links: Vec<NavLink>,
}

/// Everything the header shows for these roles: the groups in reading order, empty ones left out.
/// The account (under the person's name) is the last link.
pub fn nav_groups(roles: &RoleSet) -> Vec<NavGroup> {
    let hr = roles.can_view_people_overview();
    let admin = roles.can_admin_people();
    let mut mine = Vec::new();
    if roles.can_walk() {
        mine.push(link(routes::WALK, "nav-walk"));
        mine.push(NavLink {
            exact: true,
            ..link(routes::MY_LICENCE, "nav-licence")
        });
    }
    mine.push(link(routes::LIBRARY, "nav-library"));

    let mut team = Vec::new();
    if roles.can_review() {
        team.push(link(routes::TEAM_LICENCES, "nav-team-licences"));
        if !hr {
            team.push(NavLink {
                exact: true,
                ..link(routes::HR_DASHBOARD, "nav-team-dashboard")
            });
        }
        team.push(link(routes::WALKTHROUGHS, "nav-walkthroughs"));
    }

    let mut people = Vec::new();
    if hr {
        people.push(NavLink {
            exact: true,
            ..link(routes::HR_DASHBOARD, "nav-dashboard")
        });
        people.push(link(routes::PEOPLE_OVERVIEW, "nav-people-overview"));
        people.push(link(routes::HR_IMPORT, "nav-import"));
        people.push(link(routes::HR_INVITATIONS, "nav-invitations"));
        people.push(link(routes::HR_AUDIT, "nav-audit"));
        if roles.has(Role::Hr) && !roles.can_review() {
            people.push(link(routes::WALKTHROUGHS, "nav-walkthroughs"));
        }
        if !admin {
            people.push(link(routes::LICENCE_SETTINGS, "nav-licence-settings"));
        }
    }

    // Improvements: a lead finds them with their team's pages, HR with the HR pages; only CX
    // without a team of their own gets a group for them (a fifth group would not fit one row).
    let inbox = link(routes::IMPROVEMENT_INBOX, "nav-improvement-inbox");
    let overview = NavLink {
        exact: true,
        ..link(routes::IMPROVEMENTS, "nav-improvements")
    };
    let mut improve = Vec::new();
    if roles.can_review() {
        team.push(inbox);
        team.push(overview);
    } else if roles.has(Role::Cx) {
        improve.push(inbox);
        improve.push(overview);
    } else if roles.has(Role::Hr) {
        people.push(overview);
    }

    let mut administration = Vec::new();
    if admin {
        administration.push(link(routes::ADMIN_PEOPLE, "nav-admin-people"));
        administration.push(link(routes::ORGANISATION, "nav-organisation"));
    }
    if roles.can_curate_journeys() {
        administration.push(link(routes::JOURNEYS, "nav-journeys"));
    }
    if admin {
        administration.push(link(routes::LICENCE_SETTINGS, "nav-licence-settings"));
    }

    [
        ("nav-group-mine", mine),
        ("nav-group-team", team),
        ("nav-group-hr", people),
        ("nav-group-improve", improve),
        ("nav-group-admin", administration),
    ]
    .into_iter()
    .filter(|(_, links)| !links.is_empty())
    .map(|(label, links)| NavGroup { label, links })
    .collect()
}

/// Whether `path` is the link's page or a page below it (the dashboard's drill-down is HR's).
/// Below the home page and one's own licence are other people's pages (`/licence/team`).
fn leads_to(l: &NavLink, path: &str) -> bool {
    path == l.href
        || (![routes::HOME, routes::MY_LICENCE].contains(&l.href)
            && path
                .strip_prefix(l.href)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// The index of the group holding the current page: the link with the longest matching address
/// wins (`/licence/team` is the team's page, not "my licence").
pub fn current_group(groups: &[NavGroup], path: &str) -> Option<usize> {
    groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.links.iter().map(move |l| (i, l)))
        .filter(|(_, l)| leads_to(l, path))
        .max_by_key(|(_, l)| l.href.len())
        .map(|(i, _)| i)
}

/// The list of links and menus inside the site navigation.
#[component]
pub fn NavLinks(roles: RoleSet, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let groups = nav_groups(&roles);
    let current = current_group(&groups, &path);
    // Someone who only has their own licence to look after gets plain links: one menu would
    // hide four links behind a click for nothing.
    let flat = groups.len() == 1;
    let plain = move |l: NavLink| {
        view! { <li><A href=l.href exact=l.exact attr:class="site-nav__link">{i18n.t(l.label)}</A></li> }
    };
    // Under "My licence" the licence link says what it shows instead of repeating the heading.
    let in_menu = move |l: NavLink| {
        let label = if l.label == "nav-licence" {
            "nav-licence-status"
        } else {
            l.label
        };
        plain(NavLink { label, ..l })
    };
    let items = groups.into_iter().enumerate().map(move |(i, g)| {
        if flat || g.links.len() == 1 {
            g.links.into_iter().map(plain).collect_view().into_any()
        } else {
            let is_current = current == Some(i);
            view! {
                <li class="site-nav__group">
                    <details name="site-nav">
                        <summary class="site-nav__link" aria-current=is_current.then_some("true")>{i18n.t(g.label)}</summary>
                        <ul>{g.links.into_iter().map(in_menu).collect_view()}</ul>
                    </details>
                </li>
            }
            .into_any()
        }
    });
    // The person's name is the link to their account ("My account: Sanne Visser" for screen
    // readers; a long name is cut short on screen); the brand is the link home. Both save the
    // header a link's width.
    let title = name.clone();
    view! {
        <ul class="site-nav__list">
            {items.collect_view()}
            <li>
                <A href=routes::ACCOUNT attr:class="site-nav__link" attr:title=title>
                    <span class="visually-hidden">{i18n.t("nav-account")} ": "</span>
                    <span class="site-nav__name">{name}</span>
                </A>
            </li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hrefs(roles: &[Role]) -> Vec<(&'static str, Vec<&'static str>)> {
        nav_groups(&RoleSet::new(roles.iter().copied()))
            .into_iter()
            .map(|g| (g.label, g.links.iter().map(|l| l.href).collect()))
            .collect()
    }

    #[test]
    fn an_employee_gets_one_group_of_their_own_links() {
        assert_eq!(
            hrefs(&[Role::Employee]),
            [(
                "nav-group-mine",
                vec![routes::WALK, routes::MY_LICENCE, routes::LIBRARY]
            )]
        );
    }

    #[test]
    fn every_role_gets_its_group_and_each_page_is_linked_once() {
        let all = hrefs(&[
            Role::Employee,
            Role::Reviewer,
            Role::Hr,
            Role::Cx,
            Role::Admin,
        ]);
        let labels: Vec<_> = all.iter().map(|(l, _)| *l).collect();
        assert_eq!(
            labels,
            [
                "nav-group-mine",
                "nav-group-team",
                "nav-group-hr",
                "nav-group-admin"
            ]
        );
        let mut pages: Vec<_> = all.iter().flat_map(|(_, h)| h.clone()).collect();
        let count = pages.len();
        pages.sort();
        pages.dedup();
        assert_eq!(pages.len(), count, "a page linked twice: {all:?}");
        for page in [
            routes::HR_IMPORT,
            routes::HR_INVITATIONS,
            routes::HR_AUDIT,
            routes::ORGANISATION,
            routes::JOURNEYS,
            routes::LICENCE_SETTINGS,
            routes::IMPROVEMENT_INBOX,
            routes::IMPROVEMENTS,
        ] {
            assert!(pages.contains(&page), "{page} missing");
        }
    }

    #[test]
    fn hr_finds_import_invitations_audit_walkthroughs_and_the_rules_in_the_hr_group() {
        let hr = hrefs(&[Role::Employee, Role::Hr]);
        assert_eq!(
            hr[1],
            (
                "nav-group-hr",
                vec![
                    routes::HR_DASHBOARD,
                    routes::PEOPLE_OVERVIEW,
                    routes::HR_IMPORT,
                    routes::HR_INVITATIONS,
                    routes::HR_AUDIT,
                    routes::WALKTHROUGHS,
                    routes::LICENCE_SETTINGS,
                    routes::IMPROVEMENTS,
                ]
            )
        );
    }

    #[test]
    fn leads_find_improvements_with_their_team_cx_in_its_own_group_hr_with_hr() {
        let group = |roles: &[Role], label: &str| {
            hrefs(roles)
                .into_iter()
                .find(|(l, _)| *l == label)
                .map(|(_, links)| links)
                .unwrap_or_default()
        };
        let both = [routes::IMPROVEMENT_INBOX, routes::IMPROVEMENTS];
        assert!(group(&[Role::Employee, Role::Reviewer], "nav-group-team").ends_with(&both));
        assert_eq!(group(&[Role::Cx], "nav-group-improve"), both);
        assert_eq!(group(&[Role::Cx, Role::Hr], "nav-group-improve"), both);
        assert!(!group(&[Role::Cx, Role::Hr], "nav-group-hr").contains(&routes::IMPROVEMENTS));
        assert!(group(&[Role::Hr], "nav-group-hr").ends_with(&[routes::IMPROVEMENTS]));
        for roles in [&[Role::Employee][..], &[Role::Reviewer, Role::Cx]] {
            assert!(group(roles, "nav-group-improve").is_empty(), "{roles:?}");
        }
        // An administrator manages people, not improvements: no link to a page that refuses them.
        assert!(!group(&[Role::Admin], "nav-group-hr").contains(&routes::IMPROVEMENTS));
    }

    #[test]
    fn a_reviewer_sees_the_team_dashboard_in_the_team_group() {
        let reviewer = hrefs(&[Role::Employee, Role::Reviewer]);
        assert_eq!(
            reviewer[1].1,
            [
                routes::TEAM_LICENCES,
                routes::HR_DASHBOARD,
                routes::WALKTHROUGHS,
                routes::IMPROVEMENT_INBOX,
                routes::IMPROVEMENTS
            ]
        );
    }

    #[test]
    fn the_current_group_is_the_longest_matching_link() {
        let groups = nav_groups(&RoleSet::new([Role::Employee, Role::Reviewer, Role::Hr]));
        assert_eq!(current_group(&groups, "/licence"), Some(0));
        assert_eq!(current_group(&groups, "/licence/team"), Some(1));
        assert_eq!(current_group(&groups, "/hr/import/abc"), Some(2));
        assert_eq!(current_group(&groups, "/hr"), Some(2));
        assert_eq!(current_group(&groups, "/hr/coverage"), Some(2));
        assert_eq!(current_group(&groups, "/licence/people/7"), None);
        assert_eq!(current_group(&groups, "/"), None);
        assert_eq!(current_group(&groups, "/licenceX"), None);
    }
}
