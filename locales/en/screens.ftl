# The main navigation (a group per role) and texts a page words for its reader.
nav-group-mine = My licence
nav-group-team = My team
nav-group-hr = HR
nav-group-admin = Admin
nav-licence-status = Status and progress
nav-team-dashboard = My team's coverage
nav-import = Import employees
nav-invitations = Invitations
nav-audit = Audit log

audit-filter-department = Department (no.)
audit-filter-team = Team (no.)
audit-filter-manager = Manager (no.)
audit-filter-status = Status
audit-filter-q = Search term

# A licence page read by the manager (-manager) or HR (-hr), or by both (-other).
licence-text-never-manager = { $name } has no customer licence yet. { $name } earns the first one with a walkthrough, a presentation and your sign-off.
licence-text-never-hr = { $name } has no customer licence yet and still has to earn the first one: a walkthrough, a presentation and the manager's sign-off.
licence-text-days-left-other = { $days } days left. The renewal window opens on { $opens }.
licence-text-renewal-due-manager = { $days } days left. The renewal window is open for { $name }; you sign off once the steps below are done.
licence-text-renewal-due-hr = { $days } days left. The renewal window is open; the manager signs off once the steps are done.
licence-text-in-grace-other = Expired after { $date }. During the grace period until { $until } { $name } can still renew before the licence counts as expired.
licence-text-expired-other = Expired after { $date }. { $name } earns a new licence with a new walkthrough, presentation and sign-off.
licence-text-revoked-other = The licence of { $name } was revoked. { $name } earns a new one with a new walkthrough and presentation.
licence-checklist-first = How you earn your first customer licence.
licence-checklist-first-other = How { $name } earns the first customer licence.
licence-checklist-window-other = The licence is valid. The steps towards renewal count from { $opens }.
licence-reviewer-unknown-other = the manager
licence-step-walkthrough-continue-other = Walking a customer journey
licence-step-walkthrough-start-other = No walkthrough started yet
licence-step-presentation-draft-other = Presentation being prepared
licence-step-presentation-make-other = No presentation made yet
licence-step-confirmation-other = Confirmed by the manager
licence-step-confirmation-record-other = Not yet recorded when and to whom it was presented
licence-step-sign-off-later-manager = You sign off once the steps above are done
licence-step-sign-off-ready-manager = Ready: you can sign off
licence-decide-not-ready-first = Sign-off is possible once there is a completed walkthrough with a confirmed presentation.
