//! The table: for every endpoint, how to call it with the owner's objects and who may. What it
//! states is what the product should do (a person never reads or changes another's walkthrough,
//! presentation draft, evidence or licence; a lead only their own team's people; HR the
//! organisation's licence data; CX journeys and improvements; an admin people and the
//! organisation), learnt from the handlers and the README.
//!
//! Writes are called with harmless arguments where they can be (an empty required field, a
//! journey in the wrong state), so an allowed call answers 409/422 after passing the check and
//! the fixture stays as it is. The few that must really succeed run after everyone refused
//! (see `Entry::unchanged`) and late in the table, after what reads their object; order matters
//! only for them, and sign-out comes last of all.

use super::actors::Actor::*;
use super::fixture::{
    COMMENT_MARKER, DONE_MARKER, DRAFT_TITLE, Fixture, IMPROVEMENT_TITLE, LIVE_TITLE, OPEN_MARKER,
    OWNER_NAME, UNTRIAGED_MARKER,
};
use super::{Entry, Outcome, Who, get, multipart, page, post, server_fn};
use klantenrijbewijs::domain::Role;

/// The owner's walkthroughs: the owner, his manager as reviewer, and HR read them.
const WALK_READERS: Who = Who::Only(&[Owner, OwnReviewer, Hr]);
/// A draft presentation: the same people (its author edits it).
const PRESENTATION_READERS: Who = WALK_READERS;
/// Evidence of a friction of a completed walkthrough also reaches the inbox of the team that
/// owns its step and CX (the README's inbox); the step is neither lead's team.
const EVIDENCE_READERS: Who = Who::Only(&[Owner, OwnReviewer, Hr, Cx]);
/// A licence: the holder, their manager, HR and admins.
const LICENCE_READERS: Who = Who::Only(&[Owner, OwnReviewer, Hr, Admin]);
const OWNER: Who = Who::Only(&[Owner]);
const HR_ADMIN: Who = Who::Roles(&[Role::Hr, Role::Admin]);
const ADMIN: Who = Who::Roles(&[Role::Admin]);
const CURATORS: Who = Who::Roles(&[Role::Cx, Role::Admin]);
const REVIEWERS: Who = Who::Roles(&[Role::Reviewer]);
/// The coverage dashboard: HR and admins the organisation, a lead their direct reports.
const DASHBOARD: Who = Who::Roles(&[Role::Hr, Role::Admin, Role::Reviewer]);
/// The owning team's inbox: team leads and CX.
const INBOX: Who = Who::Only(&[OtherReviewer, OwnReviewer, Cx]);
/// The improvements overview: team leads (their team's), HR and CX.
const OVERVIEW: Who = Who::Only(&[OtherReviewer, OwnReviewer, Hr, Cx]);
/// Who changes the improvement: CX and a lead of its team (Daan's).
const IMPROVEMENT_MANAGERS: Who = Who::Only(&[OwnReviewer, Cx]);

fn s(v: impl ToString) -> String {
    v.to_string()
}

/// An empty value: a required field left empty, so an allowed write is refused with 422.
fn e() -> String {
    String::new()
}

pub fn entries(f: &Fixture) -> Vec<Entry> {
    let mut all = Vec::new();
    all.extend(session(f));
    all.extend(walkthroughs(f));
    all.extend(presentations(f));
    all.extend(improvements(f));
    all.extend(licences(f));
    all.extend(hr_and_admin(f));
    all.extend(journeys(f));
    all.extend(routes(f));
    all.extend(pages(f));
    // Last of all: it signs everyone out.
    all.push(server_fn("/api/logout", &[]).who(Who::Open));
    all
}

fn session(f: &Fixture) -> Vec<Entry> {
    vec![
        server_fn("/api/session_info", &[]).who(Who::Open),
        server_fn("/api/login", &[("email", e()), ("password", e())])
            .who(Who::Open)
            .answers(422),
        server_fn("/api/login_draft", &[]).who(Who::Open),
        server_fn(
            "/api/change_password",
            &[
                ("current_password", e()),
                ("new_password", e()),
                ("confirm_password", e()),
            ],
        )
        .answers(422),
        server_fn("/api/set_locale", &[("locale", s("xx"))])
            .who(Who::Open)
            .answers(422),
        server_fn("/api/access/forgot", &[("email", e())])
            .who(Who::Open)
            .answers(422),
        server_fn("/api/access/forgot_draft", &[]).who(Who::Open),
        server_fn("/api/access/link", &[("token", s("ongeldig"))]).who(Who::Open),
        server_fn(
            "/api/access/set_password",
            &[
                ("token", s("ongeldig")),
                ("new_password", e()),
                ("confirm_password", e()),
            ],
        )
        .who(Who::Open)
        .answers(409),
        server_fn("/api/evidence/limits", &[]).who(Who::Open),
        server_fn("/api/notifications/unread", &[]),
        server_fn("/api/notifications/list", &[]),
        // Someone else's notification is as if there were none.
        server_fn("/api/notifications/read", &[("id", s(f.notification))])
            .who(OWNER)
            .answers(200)
            .refused(404)
            .unchanged("select count(*) from notification where read_at is not null"),
        server_fn("/api/notifications/read-all", &[]),
        server_fn("/api/people/me", &[]),
    ]
}

fn walkthroughs(f: &Fixture) -> Vec<Entry> {
    let open = s(f.open);
    let step = s(f.open_step);
    let friction_form = |kind: &str| {
        vec![
            ("form[walkthrough_id]", open.clone()),
            ("form[step_id]", step.clone()),
            ("form[number]", s(1)),
            ("form[friction_id]", e()),
            ("form[kind]", s(kind)),
        ]
    };
    vec![
        server_fn("/api/walk/overview", &[]),
        server_fn("/api/walk/brief", &[("journey_id", s(f.live_journey))]).reads(LIVE_TITLE),
        // A draft journey cannot be walked: refused after the role check, nothing started.
        server_fn("/api/walk/start", &[("journey_id", s(f.draft_journey))])
            .answers(409)
            .unchanged("select count(*) from walkthrough"),
        server_fn("/api/walk/load", &[("id", open.clone())])
            .who(WALK_READERS)
            .reads(OPEN_MARKER),
        server_fn(
            "/api/walk/step",
            &[
                ("form[walkthrough_id]", open.clone()),
                ("form[step_id]", step.clone()),
                ("form[version]", s(0)),
                ("form[number]", s(1)),
                ("form[emotion]", s(9)),
            ],
        )
        .who(OWNER)
        .answers(422),
        server_fn("/api/walk/friction", &friction_form(""))
            .who(OWNER)
            .answers(422),
        server_fn(
            "/api/walk/finish",
            &[
                ("form[walkthrough_id]", open.clone()),
                ("form[result]", e()),
            ],
        )
        .who(OWNER)
        .answers(422),
        server_fn("/api/walk/readable", &[("q", s("Daan"))])
            .who(Who::Roles(&[Role::Reviewer, Role::Hr]))
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        server_fn(
            "/api/improvements/friction-outcomes",
            &[("walkthrough_id", s(f.done.id))],
        )
        .who(WALK_READERS)
        .reads(IMPROVEMENT_TITLE),
        server_fn(
            "/api/improvement/fixed-here",
            &[("walkthrough_id", open.clone()), ("step_id", step.clone())],
        )
        .who(OWNER),
        server_fn(
            "/api/improvement/confirm",
            &[
                ("walkthrough_id", open.clone()),
                ("step_id", step.clone()),
                ("number", s(1)),
                ("improvement_id", s(f.improvement)),
                ("answer", e()),
            ],
        )
        .who(OWNER)
        .answers(422),
        // Keeps what was typed in the searcher's session, nothing else.
        server_fn(
            "/api/improvement/similar-search",
            &friction_form("friction"),
        )
        .who(OWNER)
        .answers(200),
        // Probed with a colleague's friction: what it is linked to is hers, not the owner's.
        server_fn(
            "/api/improvement/similar",
            &[
                ("walkthrough_id", open.clone()),
                ("step_id", step.clone()),
                ("friction_id", s(f.foreign_friction)),
            ],
        )
        .who(OWNER)
        .hidden_from(Owner, IMPROVEMENT_TITLE),
        // Really deletes, for the owner only (after everyone else was refused).
        server_fn(
            "/api/walk/friction-delete",
            &[
                ("walkthrough_id", open.clone()),
                ("friction_id", s(f.doomed)),
                ("number", s(1)),
            ],
        )
        .who(OWNER)
        .answers(200)
        .unchanged(format!(
            "select count(*) from friction where walkthrough_id = {}",
            f.open
        )),
    ]
}

fn presentations(f: &Fixture) -> Vec<Entry> {
    let p = s(f.presentation);
    let long = "x".repeat(20_000);
    vec![
        // A second call opens the presentation that exists.
        server_fn(
            "/api/presentations/create",
            &[("walkthrough_id", s(f.done.id))],
        )
        .who(OWNER)
        .answers(200)
        .unchanged("select count(*) from presentation"),
        server_fn("/api/presentations/get", &[("id", p.clone())])
            .who(PRESENTATION_READERS)
            .reads(DONE_MARKER),
        server_fn("/api/presentations/editor", &[("id", p.clone())])
            .who(OWNER)
            .reads(DONE_MARKER),
        server_fn(
            "/api/presentations/save_texts",
            &[
                ("form[id]", p.clone()),
                ("form[version]", s(1)),
                ("form[title]", e()),
            ],
        )
        .who(OWNER)
        .answers(422),
        // Shown already: showing it again changes nothing.
        server_fn(
            "/api/presentations/slide_included",
            &[
                ("id", p.clone()),
                ("slide_id", s(f.slide)),
                ("included", s(true)),
            ],
        )
        .who(OWNER)
        .answers(200),
        server_fn(
            "/api/presentations/move_slide",
            &[
                ("id", p.clone()),
                ("slide_id", s(f.slide)),
                ("direction", s("opzij")),
            ],
        )
        .who(OWNER)
        .answers(422),
        server_fn(
            "/api/presentations/slide_notes",
            &[
                ("id", p.clone()),
                ("slide_id", s(f.slide)),
                ("notes", long.clone()),
            ],
        )
        .who(OWNER)
        .answers(422),
        // Not sensitive already: saying so again changes nothing.
        server_fn(
            "/api/presentations/evidence_sensitive",
            &[("id", p.clone()), ("evidence_id", s(f.evidence))],
        )
        .who(OWNER)
        .answers(200),
        server_fn("/api/presentations/social", &[("id", p.clone())])
            .who(PRESENTATION_READERS)
            .reads(COMMENT_MARKER),
        server_fn(
            "/api/presentations/comments/add",
            &[("presentation_id", p.clone()), ("body", e())],
        )
        .who(PRESENTATION_READERS)
        .answers(422),
        server_fn(
            "/api/presentations/comments/edit",
            &[("comment_id", s(f.comment)), ("body", e())],
        )
        .who(OWNER)
        .answers(422),
        // The author does not recognise his own frictions; his reviewer and HR read the draft.
        server_fn(
            "/api/presentations/recognise",
            &[
                ("presentation_id", p.clone()),
                ("friction_id", s(f.slide_friction)),
                ("note", long.clone()),
            ],
        )
        .who(Who::Only(&[OwnReviewer, Hr]))
        .answers(422),
        // Taking back a recognition one never gave changes nothing.
        server_fn(
            "/api/presentations/unrecognise",
            &[
                ("presentation_id", p.clone()),
                ("friction_id", s(f.slide_friction)),
            ],
        )
        .who(PRESENTATION_READERS)
        .answers(200),
        server_fn("/api/presentations/library", &[]),
        server_fn("/api/presentations/journey", &[("family", s(f.family))]),
        server_fn(
            "/api/presentations/meeting",
            &[("id", p.clone()), ("search", e())],
        )
        .who(PRESENTATION_READERS)
        .reads(OWNER_NAME),
        server_fn(
            "/api/presentations/meeting/record",
            &[("form[presentation_id]", p.clone()), ("form[held_on]", e())],
        )
        .who(OWNER)
        .answers(422),
        server_fn(
            "/api/presentations/meeting/review",
            &[
                ("form[presentation_id]", p.clone()),
                ("form[decision]", e()),
            ],
        )
        .who(Who::Only(&[OwnReviewer]))
        .answers(422),
        // Really deletes the author's comment (after the edit above).
        server_fn(
            "/api/presentations/comments/delete",
            &[("comment_id", s(f.comment))],
        )
        .who(OWNER)
        .answers(200)
        .unchanged("select count(*) from presentation_comment"),
    ]
}

fn improvements(f: &Fixture) -> Vec<Entry> {
    let id = s(f.improvement);
    let version = s(f.improvement_version);
    // An untriaged friction of Daan's on a step of a team neither lead leads: only CX may.
    let untriaged = f.done.findings[2];
    let ticked = format!("form[frictions][f{untriaged}]");
    vec![
        // CX sees Daan's untriaged frictions; the leads do not, their teams own none of the steps.
        server_fn("/api/improvements/inbox", &[])
            .who(INBOX)
            .reads(UNTRIAGED_MARKER)
            .hidden_from(OwnReviewer, UNTRIAGED_MARKER)
            .hidden_from(OtherReviewer, UNTRIAGED_MARKER),
        server_fn(
            "/api/improvements/triage",
            &[("form[action]", e()), (ticked.as_str(), s(untriaged))],
        )
        .who(Who::Only(&[Cx]))
        .answers(422)
        .unchanged("select count(*) from friction_triage"),
        server_fn("/api/improvements/page", &[("id", id.clone())]).reads(IMPROVEMENT_TITLE),
        server_fn(
            "/api/improvements/status",
            &[
                ("form[id]", id.clone()),
                ("form[version]", version.clone()),
                ("form[status]", e()),
            ],
        )
        .who(IMPROVEMENT_MANAGERS)
        .answers(422),
        server_fn(
            "/api/improvements/edit",
            &[
                ("form[id]", id.clone()),
                ("form[version]", version.clone()),
                ("form[title]", e()),
            ],
        )
        .who(IMPROVEMENT_MANAGERS)
        .answers(422),
        server_fn("/api/improvements/overview", &[("team", s(f.team_id))])
            .who(OVERVIEW)
            .reads(IMPROVEMENT_TITLE)
            .hidden_from(OtherReviewer, IMPROVEMENT_TITLE),
    ]
}

fn licences(f: &Fixture) -> Vec<Entry> {
    let owner = s(f.owner_id);
    vec![
        server_fn("/api/licence/mine", &[]),
        server_fn("/api/licence/person", &[("person_id", owner.clone())])
            .who(LICENCE_READERS)
            .reads(OWNER_NAME),
        server_fn("/api/licence/team", &[])
            .who(REVIEWERS)
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        server_fn("/api/licence/card", &[("person", owner.clone())])
            .who(LICENCE_READERS)
            .reads(OWNER_NAME),
        server_fn("/api/verify", &[("code", f.verification_code.clone())])
            .who(Who::Open)
            .reads(OWNER_NAME),
        // Really signs the waiting renewal off, as his manager; another lead finds no report of
        // that name.
        server_fn(
            "/api/licence/sign-off",
            &[("form[person_id]", owner.clone())],
        )
        .who(Who::Only(&[OwnReviewer]))
        .answers(200)
        .except(OtherReviewer, Outcome::Refused(404))
        .unchanged("select count(*) from licence_period"),
        server_fn(
            "/api/licence/certify",
            &[("form[person_id]", owner.clone()), ("form[comment]", e())],
        )
        .who(HR_ADMIN)
        .answers(422),
        server_fn(
            "/api/licence/revoke",
            &[("form[person_id]", owner.clone()), ("form[comment]", e())],
        )
        .who(HR_ADMIN)
        .answers(422),
        server_fn("/api/licence/settings", &[]).who(HR_ADMIN),
        server_fn(
            "/api/licence/settings/save",
            &[
                ("form[validity_months]", s("x")),
                ("form[anchor]", s("x")),
                ("form[fixed_date]", s("x")),
                ("form[min_validity_days]", s("x")),
                ("form[window_days]", s("x")),
                ("form[grace_days]", s("x")),
                ("form[reminder_days]", s("x")),
                ("form[expired_every_days]", s("x")),
                ("form[manager_cc_days]", s("x")),
            ],
        )
        .who(HR_ADMIN)
        .answers(422),
        // Really sends the renewal back: the comment is valid, so the relation decides.
        server_fn(
            "/api/licence/send-back",
            &[
                ("form[person_id]", owner.clone()),
                ("form[comment]", s("Eerst je presentatie laten bevestigen.")),
            ],
        )
        .who(Who::Only(&[OwnReviewer]))
        .answers(200)
        .except(OtherReviewer, Outcome::Refused(404))
        .unchanged("select count(*) from licence_decision"),
        // Really runs the reminders (an administrator's button).
        server_fn("/api/licence/reminders/run", &[])
            .who(ADMIN)
            .unchanged("select count(*) from notification"),
    ]
}

fn hr_and_admin(f: &Fixture) -> Vec<Entry> {
    let owner = s(f.owner_id);
    let person_form = |mut extra: Vec<(&'static str, String)>| {
        extra.extend([
            ("form[name]", e()),
            ("form[email]", e()),
            ("form[employee_number]", e()),
        ]);
        extra
    };
    vec![
        server_fn("/api/access/invitations", &[]).who(HR_ADMIN),
        // Mail is off in the tests: refused after the role check, nothing sent.
        server_fn("/api/access/resend", &[("person_id", owner.clone())])
            .who(HR_ADMIN)
            .answers(409),
        server_fn("/api/audit/list", &[]).who(HR_ADMIN),
        server_fn("/api/dashboard/coverage", &[]).who(DASHBOARD),
        server_fn("/api/dashboard/people", &[("q", s("Daan"))])
            .who(DASHBOARD)
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        server_fn("/api/dashboard/nudge-count", &[]).who(HR_ADMIN),
        // A filter nobody matches: nobody is nudged.
        server_fn("/api/dashboard/nudge", &[("form[q]", s("niemand-heet-zo"))])
            .who(HR_ADMIN)
            .unchanged("select count(*) from notification"),
        // An upload is its uploader's (HR's): another administrator finds none by that token.
        server_fn("/api/import/preview", &[("token", f.people_upload.clone())])
            .who(HR_ADMIN)
            .reads("fout.csv")
            .except(Admin, Outcome::Refused(404)),
        server_fn("/api/import/apply", &[("token", f.people_upload.clone())])
            .who(HR_ADMIN)
            .answers(422)
            .except(Admin, Outcome::Refused(404)),
        server_fn(
            "/api/import/licences/preview",
            &[("token", f.licence_upload.clone())],
        )
        .who(HR_ADMIN)
        .reads("fout.csv")
        .except(Admin, Outcome::Refused(404)),
        server_fn(
            "/api/import/licences/apply",
            &[("token", f.licence_upload.clone())],
        )
        .who(HR_ADMIN)
        .answers(422)
        .except(Admin, Outcome::Refused(404)),
        server_fn("/api/org/overview", &[]).who(HR_ADMIN),
        server_fn("/api/org/department", &[("name", e())])
            .who(ADMIN)
            .answers(422),
        server_fn("/api/org/team", &[("department_id", e()), ("name", e())])
            .who(ADMIN)
            .answers(422),
        server_fn(
            "/api/org/rename",
            &[("rename_target", e()), ("rename_name", e())],
        )
        .who(ADMIN)
        .answers(422),
        server_fn(
            "/api/org/merge",
            &[("merge_source", e()), ("merge_into", e())],
        )
        .who(ADMIN)
        .answers(422),
        server_fn("/api/org/remove", &[("remove_target", e())])
            .who(ADMIN)
            .answers(422),
        server_fn("/api/org/drafts", &[]).who(ADMIN),
        server_fn("/api/people/list", &[("query", s("Daan"))])
            .who(HR_ADMIN)
            .reads(OWNER_NAME),
        server_fn("/api/people/form", &[("id", owner.clone())])
            .who(ADMIN)
            .reads(OWNER_NAME),
        server_fn("/api/people/create", &person_form(vec![]))
            .who(ADMIN)
            .answers(422)
            .unchanged("select count(*) from person"),
        server_fn(
            "/api/people/update",
            &person_form(vec![("id", owner.clone())]),
        )
        .who(ADMIN)
        .answers(422),
    ]
}

fn journeys(f: &Fixture) -> Vec<Entry> {
    let (live, draft) = (s(f.live_journey), s(f.draft_journey));
    let (live_step, draft_step) = (s(f.live_step), s(f.draft_step));
    // Curating journeys is CX's and the administrators'; writes to a live journey are refused
    // (409) once the role check passed, so the catalogue stays as it is.
    vec![
        server_fn("/api/journeys/list", &[]).who(CURATORS),
        server_fn("/api/journeys/detail", &[("id", live.clone())])
            .who(CURATORS)
            .reads(LIVE_TITLE),
        server_fn("/api/journeys/form", &[("id", draft.clone())])
            .who(CURATORS)
            .reads(DRAFT_TITLE),
        server_fn("/api/journeys/create", &[("form[title]", e())])
            .who(CURATORS)
            .answers(422),
        server_fn(
            "/api/journeys/update",
            &[("id", draft.clone()), ("form[title]", e())],
        )
        .who(CURATORS)
        .answers(422),
        server_fn("/api/journeys/publish", &[("id", live.clone())])
            .who(CURATORS)
            .answers(409),
        server_fn("/api/journeys/new-version", &[("id", draft.clone())])
            .who(CURATORS)
            .answers(409),
        server_fn("/api/journeys/retire", &[("id", draft.clone())])
            .who(CURATORS)
            .answers(409),
        server_fn(
            "/api/journeys/step/add",
            &[("journey_id", live.clone()), ("step[title]", e())],
        )
        .who(CURATORS)
        .answers(409),
        server_fn(
            "/api/journeys/step/form",
            &[
                ("journey_id", draft.clone()),
                ("step_id", draft_step.clone()),
            ],
        )
        .who(CURATORS),
        server_fn(
            "/api/journeys/step/update",
            &[
                ("journey_id", live.clone()),
                ("step_id", live_step.clone()),
                ("step[title]", e()),
            ],
        )
        .who(CURATORS)
        .answers(409),
        server_fn(
            "/api/journeys/step/remove",
            &[("journey_id", live.clone()), ("step_id", live_step.clone())],
        )
        .who(CURATORS)
        .answers(409),
        server_fn(
            "/api/journeys/step/move",
            &[
                ("journey_id", live.clone()),
                ("step_id", live_step.clone()),
                ("direction", s("up")),
            ],
        )
        .who(CURATORS)
        .answers(409),
    ]
}

fn routes(f: &Fixture) -> Vec<Entry> {
    let evidence = f.evidence;
    let unauthenticated = Outcome::Refused(401);
    let walk_ids = || vec![("walkthrough_id", s(f.open)), ("step_id", s(f.open_step))];
    let mut quick = walk_ids();
    quick.push(("title", e()));
    vec![
        get("/healthz", "/healthz").who(Who::Open),
        get("/readyz", "/readyz").who(Who::Open),
        // Only a scraper with METRICS_TOKEN or from METRICS_ALLOW reads it, none of these people;
        // with neither set (as here) it does not exist.
        get("/metrics", "/metrics")
            .who(Who::Only(&[]))
            .refused(404)
            .anonymous(Outcome::Refused(404)),
        // The owner's upload without a file: refused for the missing file, after the check.
        multipart("/evidence", "/evidence", &walk_ids())
            .who(OWNER)
            .answers(422)
            .anonymous(unauthenticated.clone())
            .unchanged("select count(*) from evidence"),
        multipart("/quick-capture", "/quick-capture", &quick)
            .who(OWNER)
            .answers(422)
            .anonymous(unauthenticated.clone())
            .unchanged("select count(*) from friction"),
        get("/evidence/{id}", format!("/evidence/{evidence}"))
            .who(EVIDENCE_READERS)
            .reads("PNG")
            .anonymous(unauthenticated.clone()),
        get(
            "/evidence/{id}/thumb",
            format!("/evidence/{evidence}/thumb"),
        )
        .who(EVIDENCE_READERS)
        .anonymous(unauthenticated.clone()),
        // Its walkthrough is completed: the owner is told it can no longer change (409).
        post(
            "/evidence/{id}/delete",
            format!("/evidence/{evidence}/delete"),
            &[],
        )
        .who(OWNER)
        .answers(409)
        .anonymous(unauthenticated)
        .unchanged("select count(*) from evidence"),
        get("/hr/people/export.csv", "/hr/people/export.csv?q=Daan")
            .who(HR_ADMIN)
            .reads(OWNER_NAME),
        get("/hr/audit/export.csv", "/hr/audit/export.csv").who(HR_ADMIN),
        get("/hr/coverage/export.csv", "/hr/coverage/export.csv?q=Daan")
            .who(DASHBOARD)
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        get(
            "/improvements/export.csv",
            format!("/improvements/export.csv?team={}", f.team_id),
        )
        .who(OVERVIEW)
        .reads(IMPROVEMENT_TITLE)
        .hidden_from(OtherReviewer, IMPROVEMENT_TITLE),
        // Without a file: sent back to the import page with the error, nothing kept.
        multipart("/hr/import/upload", "/hr/import/upload", &[])
            .who(HR_ADMIN)
            .redirects("/hr/import?error=")
            .unchanged("select count(*) from import_upload"),
        multipart(
            "/hr/import/licences/upload",
            "/hr/import/licences/upload",
            &[],
        )
        .who(HR_ADMIN)
        .redirects("/hr/import?error=")
        .unchanged("select count(*) from import_upload"),
    ]
}

fn pages(f: &Fixture) -> Vec<Entry> {
    let (done, open) = (f.done.id, f.open);
    let p = f.presentation;
    let to_the_log = Outcome::Redirect(format!("/walkthroughs/{open}"));
    let (live, draft, draft_step) = (f.live_journey, f.draft_journey, f.draft_step);
    vec![
        page("/", "/"),
        // Someone signed in is sent on home.
        page("/login", "/login")
            .who(Who::Open)
            .redirects("/")
            .except(Anonymous, Outcome::Read(None)),
        page("/account", "/account"),
        page("/forgot-password", "/forgot-password").who(Who::Open),
        page("/password/{token}", "/password/ongeldig").who(Who::Open),
        page("/notifications", "/notifications"),
        page("/walk", "/walk"),
        page("/walk/start/{journey_id}", format!("/walk/start/{live}")).reads(LIVE_TITLE),
        page("/walkthroughs", "/walkthroughs?q=Daan")
            .who(Who::Roles(&[Role::Reviewer, Role::Hr]))
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        page("/walkthroughs/{id}", format!("/walkthroughs/{done}"))
            .who(WALK_READERS)
            .reads(DONE_MARKER),
        // The owner's screens while walking; his readers are sent on to the log they may read.
        page(
            "/walkthroughs/{id}/finish",
            format!("/walkthroughs/{open}/finish"),
        )
        .who(OWNER)
        .except(OwnReviewer, to_the_log.clone())
        .except(Hr, to_the_log.clone()),
        page(
            "/walkthroughs/{id}/steps/{n}",
            format!("/walkthroughs/{open}/steps/1"),
        )
        .who(OWNER)
        .reads(OPEN_MARKER)
        .except(OwnReviewer, to_the_log.clone())
        .except(Hr, to_the_log),
        page(
            "/walkthroughs/{id}/steps/{n}/frictions/new",
            format!("/walkthroughs/{open}/steps/1/frictions/new?kind=friction"),
        )
        .who(OWNER),
        page(
            "/walkthroughs/{id}/steps/{n}/frictions/{fid}",
            format!("/walkthroughs/{open}/steps/1/frictions/{}", f.kept),
        )
        .who(OWNER)
        .reads(OPEN_MARKER),
        page("/presentations", "/presentations"),
        page(
            "/presentations/journey/{family}",
            format!("/presentations/journey/{}", f.family),
        ),
        page("/presentations/{id}", format!("/presentations/{p}"))
            .who(PRESENTATION_READERS)
            .reads(DONE_MARKER),
        page(
            "/presentations/{id}/present",
            format!("/presentations/{p}/present"),
        )
        .who(PRESENTATION_READERS)
        .reads(DONE_MARKER),
        page(
            "/presentations/{id}/edit",
            format!("/presentations/{p}/edit"),
        )
        .who(OWNER)
        .reads(DONE_MARKER),
        page(
            "/presentations/{id}/meeting",
            format!("/presentations/{p}/meeting"),
        )
        .who(PRESENTATION_READERS)
        .reads(OWNER_NAME),
        page("/improvements/inbox", "/improvements/inbox")
            .who(INBOX)
            .reads(UNTRIAGED_MARKER)
            .hidden_from(OwnReviewer, UNTRIAGED_MARKER)
            .hidden_from(OtherReviewer, UNTRIAGED_MARKER),
        page("/improvements", format!("/improvements?team={}", f.team_id))
            .who(OVERVIEW)
            .reads(IMPROVEMENT_TITLE)
            .hidden_from(OtherReviewer, IMPROVEMENT_TITLE),
        page(
            "/improvements/{id}",
            format!("/improvements/{}", f.improvement),
        )
        .reads(IMPROVEMENT_TITLE),
        page("/licence", "/licence"),
        page("/licence/team", "/licence/team")
            .who(REVIEWERS)
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        page(
            "/licence/people/{id}",
            format!("/licence/people/{}", f.owner_id),
        )
        .who(LICENCE_READERS)
        .reads(OWNER_NAME),
        page(
            "/licence/card",
            format!("/licence/card?person={}", f.owner_id),
        )
        .who(LICENCE_READERS)
        .reads(OWNER_NAME),
        page("/verify", "/verify").who(Who::Open),
        page("/verify/{code}", format!("/verify/{}", f.verification_code))
            .who(Who::Open)
            .reads(OWNER_NAME),
        page("/admin/licence-settings", "/admin/licence-settings").who(HR_ADMIN),
        page("/hr", "/hr").who(DASHBOARD),
        page("/hr/coverage", "/hr/coverage?q=Daan")
            .who(DASHBOARD)
            .reads(OWNER_NAME)
            .hidden_from(OtherReviewer, OWNER_NAME),
        page("/hr/coverage/nudge", "/hr/coverage/nudge").who(HR_ADMIN),
        page("/hr/people", "/hr/people?q=Daan")
            .who(HR_ADMIN)
            .reads(OWNER_NAME),
        page("/hr/invitations", "/hr/invitations").who(HR_ADMIN),
        page("/hr/audit", "/hr/audit").who(HR_ADMIN),
        page("/hr/import", "/hr/import").who(HR_ADMIN),
        // HR's upload: an administrator finds none by that token.
        page(
            "/hr/import/{token}",
            format!("/hr/import/{}", f.people_upload),
        )
        .who(HR_ADMIN)
        .reads("fout.csv")
        .except(Admin, Outcome::Refused(404)),
        page(
            "/hr/import/licences/{token}",
            format!("/hr/import/licences/{}", f.licence_upload),
        )
        .who(HR_ADMIN)
        .reads("fout.csv")
        .except(Admin, Outcome::Refused(404)),
        page("/admin/people", "/admin/people").who(ADMIN),
        page("/admin/people/new", "/admin/people/new").who(ADMIN),
        page(
            "/admin/people/{id}",
            format!("/admin/people/{}", f.owner_id),
        )
        .who(ADMIN)
        .reads(OWNER_NAME),
        page("/admin/organisation", "/admin/organisation").who(ADMIN),
        page("/journeys", "/journeys").who(CURATORS),
        page("/journeys/new", "/journeys/new").who(CURATORS),
        page("/journeys/{id}", format!("/journeys/{live}"))
            .who(CURATORS)
            .reads(LIVE_TITLE),
        page("/journeys/{id}/edit", format!("/journeys/{draft}/edit"))
            .who(CURATORS)
            .reads(DRAFT_TITLE),
        page("/journeys/{id}/retire", format!("/journeys/{live}/retire"))
            .who(CURATORS)
            .reads(LIVE_TITLE),
        page(
            "/journeys/{id}/steps/{step}",
            format!("/journeys/{draft}/steps/{draft_step}"),
        )
        .who(CURATORS),
        page(
            "/journeys/{id}/steps/{step}/remove",
            format!("/journeys/{draft}/steps/{draft_step}/remove"),
        )
        .who(CURATORS),
    ]
}
