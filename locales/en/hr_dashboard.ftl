# HR dashboard (issue 12): coverage, the people behind a count, reminders.
nav-dashboard = Dashboard
dash-title = Customer licence coverage
dash-lead = Who holds a valid customer licence, per department and team, and how that develops.
dash-scope-team = You see your own team only (your direct reports).
dash-link-import = Import employees
dash-link-audit = Audit log
dash-manager = Manager
dash-manager-all = All managers
dash-summary = Summary
dash-covered-of = covered: { $covered } of { $total } active employees
dash-grace-counts = People in their grace period count as covered.
dash-grace-not = People in their grace period do not count as covered.
dash-all-people = See all { $total } employees
dash-teams = Per department and team
dash-no-team = No team
dash-col-team = Department / team
dash-col-people = Employees
dash-col-percent = Covered %
dash-col-covered = Covered
dash-col-month = Month
dash-col-action = Action
dash-trend-title = Coverage over the last 12 months
dash-trend-table = Coverage per month as a table
dash-trend-summary = { $change ->
    [up] Coverage rose from { $from_pct }% at the end of { $from } to { $to_pct }% at the end of { $to }.
    [down] Coverage fell from { $from_pct }% at the end of { $from } to { $to_pct }% at the end of { $to }.
   *[same] Coverage stayed at { $to_pct }% from the end of { $from } to the end of { $to }.
}
dash-trend-one = Coverage at the end of { $to }: { $to_pct }%. Earlier months had no employees yet.
dash-trend-empty = No data about the last months yet.
dash-people-title = Employees and their licence
dash-people-lead = Search, sort and export; send a reminder.
dash-back = Back to the dashboard
dash-status-all = All statuses
dash-sort = Sort
dash-sort-name = Name (A–Z)
dash-sort-name-desc = Name (Z–A)
dash-sort-through = Valid through (earliest)
dash-sort-through-desc = Valid through (latest)
dash-nudge = Send reminder
dash-nudge-one = Send a reminder to { $name }
dash-nudge-all = Send everyone in this list a reminder
dash-nudge-title = Send a reminder
dash-nudge-confirm = { $count } people will get a reminder.
dash-nudge-send = Send reminder
dash-cancel = Cancel
dash-teams-table = Table of coverage per team
