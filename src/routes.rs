//! Every address of the app in one place: pages, components and server-function redirects build
//! links with these functions instead of formatting paths themselves. The route table in
//! `app.rs` is the other half; a test below keeps the two in step.

use std::fmt::Display;

// Pages without parameters.
pub const HOME: &str = "/";
pub const ACCOUNT: &str = "/account";
pub const WALKTHROUGHS: &str = "/walkthroughs";
pub const PEOPLE_OVERVIEW: &str = "/hr/people";
pub const ADMIN_PEOPLE: &str = "/admin/people";
pub const ORGANISATION: &str = "/admin/organisation";
pub const JOURNEYS: &str = "/journeys";
pub const WALK: &str = "/walk";
/// The library of presented presentations: browse and search.
pub const LIBRARY: &str = "/presentations";
/// The in-app notifications.
pub const NOTIFICATIONS: &str = "/notifications";
/// The signed-in person's own licence: status, what is still needed, history.
pub const MY_LICENCE: &str = "/licence";
/// A reviewer's team: who is waiting for sign-off, everyone's status.
pub const TEAM_LICENCES: &str = "/licence/team";
/// The organisation's licence rules (HR and admins).
pub const LICENCE_SETTINGS: &str = "/admin/licence-settings";

// Getting in: a forgotten password, the link of an invitation or reset mail, HR's list of who
// has not set a password yet.
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const HR_INVITATIONS: &str = "/hr/invitations";

/// `path?k=v&…&page=n` from the non-empty filter `pairs` (page 1 is left out): the address of one
/// page of a filtered list, for the pager and for server functions that redirect back to a list.
pub fn page_href(path: &str, pairs: &[(&str, String)], page: i64) -> String {
    let mut parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// Minimal percent-encoding for a path in a query string.
pub fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where an invitation or reset link leads: choose a password.
pub fn set_password(token: impl Display) -> String {
    format!("/password/{token}")
}

/// One person's licence as their manager, HR or an admin sees it (decisions are made here).
pub fn person_licence(person_id: impl Display) -> String {
    format!("/licence/people/{person_id}")
}

// HR (issue 12): export, import, audit log.
/// The people list's current filter as CSV (`?sep=comma` for commas).
pub const PEOPLE_EXPORT: &str = "/hr/people/export.csv";
/// The employee import: upload a CSV from the HR system.
pub const HR_IMPORT: &str = "/hr/import";
/// Where the import form posts its file (multipart).
pub const HR_IMPORT_UPLOAD: &str = "/hr/import/upload";
/// Where the licence register form posts its file (multipart).
pub const HR_LICENCE_IMPORT_UPLOAD: &str = "/hr/import/licences/upload";
/// The audit log.
pub const HR_AUDIT: &str = "/hr/audit";
/// The audit log's current filter as CSV.
pub const AUDIT_EXPORT: &str = "/hr/audit/export.csv";

// HR dashboard (issue 12): coverage, the people behind a count, nudges.
/// Coverage per department and team, the trend; reviewers see their own team.
pub const HR_DASHBOARD: &str = "/hr";
/// The people behind a count: filtered, sorted, paged.
pub const HR_COVERAGE: &str = "/hr/coverage";
/// "Send a reminder to everyone in this list?": the confirmation page.
pub const HR_COVERAGE_NUDGE: &str = "/hr/coverage/nudge";
/// The drill-down list's current filter as CSV.
pub const HR_COVERAGE_EXPORT: &str = "/hr/coverage/export.csv";

/// The dry run of an uploaded import file.
pub fn hr_import_preview(token: impl Display) -> String {
    format!("/hr/import/{token}")
}

/// The dry run of an uploaded licence register.
pub fn hr_licence_import_preview(token: impl Display) -> String {
    format!("/hr/import/licences/{token}")
}

pub fn walk_home() -> String {
    WALK.to_owned()
}

/// The brief of a journey, before starting it.
pub fn walk_start(journey_id: impl Display) -> String {
    format!("/walk/start/{journey_id}")
}

/// The read-only log of a walkthrough.
pub fn walkthrough(id: impl Display) -> String {
    format!("/walkthroughs/{id}")
}

/// Step `number` (1-based) of a walkthrough.
pub fn walk_step(id: impl Display, number: impl Display) -> String {
    format!("/walkthroughs/{id}/steps/{number}")
}

pub fn walk_finish(id: impl Display) -> String {
    format!("/walkthroughs/{id}/finish")
}

/// A new friction, delight or question (`kind`) on a step.
pub fn friction_new(id: impl Display, number: impl Display, kind: &str) -> String {
    format!("/walkthroughs/{id}/steps/{number}/frictions/new?kind={kind}")
}

pub fn friction(id: impl Display, number: impl Display, friction_id: impl Display) -> String {
    format!("/walkthroughs/{id}/steps/{number}/frictions/{friction_id}")
}

/// A presentation as colleagues read it (and the author, reviewer and HR).
pub fn presentation(id: impl Display) -> String {
    format!("/presentations/{id}")
}

/// One journey's presentations with its most recognised frictions (by journey family).
pub fn journey_presentations(family: impl Display) -> String {
    format!("/presentations/journey/{family}")
}

/// The author's editor: texts, slides in order, speaker notes, sensitive evidence.
pub fn presentation_edit(id: impl Display) -> String {
    format!("/presentations/{id}/edit")
}

/// Present mode: full-screen slides.
pub fn presentation_present(id: impl Display) -> String {
    format!("/presentations/{id}/present")
}

/// Recording when and to whom it was presented, and the reviewer's decision.
pub fn presentation_meeting(id: impl Display) -> String {
    format!("/presentations/{id}/meeting")
}

pub fn journey(id: impl Display) -> String {
    format!("/journeys/{id}")
}

pub fn journey_edit(id: impl Display) -> String {
    format!("/journeys/{id}/edit")
}

pub fn journey_retire(id: impl Display) -> String {
    format!("/journeys/{id}/retire")
}

pub fn journey_step(id: impl Display, step_id: impl Display) -> String {
    format!("/journeys/{id}/steps/{step_id}")
}

pub fn journey_step_remove(id: impl Display, step_id: impl Display) -> String {
    format!("/journeys/{id}/steps/{step_id}/remove")
}

pub fn person_new() -> String {
    format!("{ADMIN_PEOPLE}/new")
}

pub fn person(id: impl Display) -> String {
    format!("/admin/people/{id}")
}

/// The people list filtered to one team.
pub fn people_in_team(team_id: impl Display) -> String {
    format!("/admin/people?team={team_id}")
}

pub fn evidence(id: impl Display) -> String {
    format!("/evidence/{id}")
}

pub fn evidence_thumbnail(id: impl Display) -> String {
    format!("/evidence/{id}/thumb")
}

pub fn evidence_delete(id: impl Display) -> String {
    format!("/evidence/{id}/delete")
}

// --- Improvements: from friction to fix ---

/// Every improvement (CX; a team lead sees their team's part).
pub const IMPROVEMENTS: &str = "/improvements";
/// The owning team's inbox of frictions to triage.
pub const IMPROVEMENT_INBOX: &str = "/improvements/inbox";
/// The overview as CSV, with the overview's filters.
pub const IMPROVEMENTS_EXPORT: &str = "/improvements/export.csv";

/// One improvement's page.
pub fn improvement(id: impl Display) -> String {
    format!("{IMPROVEMENTS}/{id}")
}

// --- end improvements ---

// --- Licence card and public verification ---

/// The signed-in person's licence card (printable).
pub const LICENCE_CARD: &str = "/licence/card";
/// The public verification form (no sign-in).
pub const VERIFY: &str = "/verify";

/// One period's card: `person` None for one's own.
pub fn licence_card(person: Option<i64>, period: Option<i64>) -> String {
    match (person, period) {
        (None, None) => LICENCE_CARD.to_owned(),
        (Some(person), None) => format!("{LICENCE_CARD}?person={person}"),
        (None, Some(period)) => format!("{LICENCE_CARD}?period={period}"),
        (Some(person), Some(period)) => format!("{LICENCE_CARD}?person={person}&period={period}"),
    }
}

/// The public verification page of a code (as stored: 16 characters, no dashes).
pub fn verify(code: impl Display) -> String {
    format!("{VERIFY}/{code}")
}

// --- end licence card ---

/// The sign-in page; `next` (already URL-encoded) is where to go afterwards.
pub fn login(next: Option<&str>) -> String {
    match next {
        Some(next) => format!("/login?next={next}"),
        None => "/login".to_owned(),
    }
}

/// A place on a page: `path#part`.
pub fn at(path: &str, part: impl Display) -> String {
    format!("{path}#{part}")
}

/// `path` with `key=value` added to its query (`value` must be URL-safe); a `#part` stays last.
pub fn with_query(path: &str, key: &str, value: impl Display) -> String {
    match path.split_once('#') {
        Some((base, part)) => format!("{}#{part}", with_query(base, key, value)),
        None if path.contains('?') => format!("{path}&{key}={value}"),
        None => format!("{path}?{key}={value}"),
    }
}

/// `path` with a one-word notice for the page it leads to (`?saved=1`); a `#part` stays last.
pub fn with_notice(path: &str, notice: &str) -> String {
    with_query(path, notice, 1)
}

/// `raw` if it is a path on this site that is safe to send a browser to (after sign-in, back
/// after a form post): it starts with one `/`, has no `\\` (browsers read it as `/`), no
/// control or whitespace characters (browsers drop tabs and line breaks, so `/\t/evil.example`
/// would become `//evil.example`; in a header they would split it) and at most 2000 bytes.
/// One rule for every redirect target taken from a request.
pub fn safe_local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && raw.len() <= 2000
        && !raw.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random strings built from the characters open redirects are made of: whatever
    /// `safe_local_path` lets through, the browsers' URL parser keeps on this site.
    #[test]
    fn no_accepted_path_leaves_the_site_fuzzed() {
        let base = url::Url::parse("https://krb.example.nl/login").expect("base");
        let alphabet: Vec<char> =
            "/\\\t\n\r \u{0}\u{1f}\u{7f}\u{a0}\u{2028}\u{3000}\u{ff0f}.:@%?#=&evilxamp2F5C09"
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut accepted = 0;
        for _ in 0..200_000 {
            let len = (next() % 12) as usize + 1;
            let raw: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            if let Some(path) = safe_local_path(&raw) {
                accepted += 1;
                let target = base.join(path).expect("a safe path parses");
                assert_eq!(target.origin(), base.origin(), "{raw:?} leaves the site");
            }
        }
        assert!(
            accepted > 1000,
            "the fuzzer tried too few safe paths: {accepted}"
        );
        for known in [
            "/\\evil.example",
            "/\t/evil.example",
            "//evil.example",
            "/\n/evil",
            "https://evil.example",
        ] {
            assert_eq!(safe_local_path(known), None, "{known:?}");
        }
        assert_eq!(
            safe_local_path("/walkthroughs/3?step=2#s2"),
            Some("/walkthroughs/3?step=2#s2")
        );
    }

    #[test]
    fn addresses_match_the_route_table() {
        assert_eq!(walk_step(7, 3), "/walkthroughs/7/steps/3");
        assert_eq!(
            friction_new(7, 3, "delight"),
            "/walkthroughs/7/steps/3/frictions/new?kind=delight"
        );
        assert_eq!(friction(7, 3, 9), "/walkthroughs/7/steps/3/frictions/9");
        assert_eq!(journey_step_remove(2, 5), "/journeys/2/steps/5/remove");
        assert_eq!(evidence_thumbnail(4), "/evidence/4/thumb");
        assert_eq!(licence_card(None, None), "/licence/card");
        assert_eq!(
            licence_card(Some(4), Some(9)),
            "/licence/card?person=4&period=9"
        );
        assert_eq!(licence_card(None, Some(9)), "/licence/card?period=9");
        assert_eq!(verify("ABCD"), "/verify/ABCD");
    }

    #[test]
    fn every_route_pattern_here_is_in_the_route_table() {
        let table = include_str!("app.rs");
        for pattern in [
            "/walk\"",
            "/walk/start/:journey_id",
            "/walkthroughs/:id\"",
            "/walkthroughs/:id/steps/:n\"",
            "/walkthroughs/:id/finish",
            "/walkthroughs/:id/steps/:n/frictions/new",
            "/walkthroughs/:id/steps/:n/frictions/:fid",
            "/journeys/:id\"",
            "/journeys/:id/edit",
            "/journeys/:id/retire",
            "/journeys/:id/steps/:step\"",
            "/journeys/:id/steps/:step/remove",
            "/admin/people/:id",
            "/presentations/:id/meeting",
            "/notifications\"",
            "/presentations/:id/present",
            "/presentations/:id/edit",
            "/presentations\"",
            "/presentations/:id\"",
            "/presentations/journey/:family",
            "/licence\"",
            "/licence/team\"",
            "/licence/people/:id\"",
            "/admin/licence-settings\"",
            "/licence/card\"",
            "/verify\"",
            "/verify/:code\"",
            "/hr\"",
            "/hr/coverage\"",
            "/hr/coverage/nudge\"",
            "/forgot-password\"",
            "/password/:token\"",
            "/hr/invitations\"",
        ] {
            assert!(table.contains(pattern), "{pattern} is not in app.rs");
        }
    }

    #[test]
    fn notices_go_before_the_fragment() {
        assert_eq!(with_notice("/journeys/2", "saved"), "/journeys/2?saved=1");
        assert_eq!(
            with_query(&at(&journey(2), "step-5"), "moved", "5-up"),
            "/journeys/2?moved=5-up#step-5"
        );
        assert_eq!(login(None), "/login");
        assert_eq!(login(Some("%2Fwalk")), "/login?next=%2Fwalk");
        assert_eq!(
            with_notice("/journeys/2#step-5", "saved"),
            "/journeys/2?saved=1#step-5"
        );
        assert_eq!(
            with_notice("/admin/people?team=3", "saved"),
            "/admin/people?team=3&saved=1"
        );
    }
}
