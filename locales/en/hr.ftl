# HR (issue 12): paged lists, export, employee import, audit log. Server-rendered pages only:
# this file is left out of the browser bundle (see src/i18n.rs).

paging-label = Pages
paging-range = { $first }–{ $last } of { $total }
paging-page = page { $page } of { $pages }
paging-previous = ← Previous
paging-next = Next →

filter-department-all = All departments
people-export-csv = Export as CSV (Excel)
people-export-csv-comma = CSV with commas
walk-readable-search = Search person or journey
walk-readable-year = Year
export-col-roles = Roles
export-col-last-login = Last signed in

# Employee import
import-title = Import employees
import-lead = Read a CSV export from the HR system. You first see exactly what will change; nothing is saved until you click Apply.
import-file = CSV file
import-file-hint = UTF-8 (with or without BOM), separated by semicolons or commas, with a header row. At most 20 MB.
import-full-export = This is a full export (everyone currently employed)
import-full-export-hint = Only then are people who are in the app but not in the file deactivated. Nobody is deleted: their walkthroughs and licences are kept. Leave this off for a file with only new or changed people.
import-check = Check (dry run)
import-busy-reading = Reading and checking the file…
import-busy-applying = Applying the changes…
import-columns-title = Which columns?
import-columns-text = Employee number, name (or first name, infix and last name) and e-mail are required; the other columns may be left out. Missing departments and teams are created. New people get the roles in the Roles column, otherwise the employee role.
import-col-number = Employee number
import-col-name = Name
import-col-email = E-mail
import-col-department = Department
import-col-team = Team
import-col-manager = Manager e-mail
import-col-active = Active
import-col-line = Line
import-col-problem = Problem
import-col-value = Value
import-yes = yes
import-no = no
import-preview-title = Dry run: what this import does
import-preview-lead = File: { $file }
import-nothing-written = Nothing has been saved yet.
import-count-rows = { $count ->
    [one] 1 row read
   *[other] { $count } rows read
}
import-count-created = { $count ->
    [one] 1 person will be added
   *[other] { $count } people will be added
}
import-count-updated = { $count ->
    [one] 1 person will be updated
   *[other] { $count } people will be updated
}
import-count-unchanged = { $count ->
    [one] 1 person stays unchanged
   *[other] { $count } people stay unchanged
}
import-count-deactivated = { $count ->
    [one] 1 person will be deactivated
   *[other] { $count } people will be deactivated
}
import-count-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
import-not-full = Not a full export: nobody is deactivated for missing from the file.
import-new-teams = New departments and teams (will be created)
import-new-department = Department { $name }
import-created-title = Will be added
import-updated-title = Will be updated
import-deactivated-title = Will be deactivated (kept on record)
import-errors-title = Errors per line
import-line = line { $line }
import-more = { $count ->
    [one] and 1 more
   *[other] and { $count } more
}
import-apply-explain = Apply writes everything at once, or nothing if something no longer fits. The import is recorded in the audit log.
import-apply = Apply
import-again = Choose another file
import-fix-first = Fix the errors in the file first and read it again. Nothing is saved while there are errors.
import-applied = Import applied: { $created } added, { $updated } updated, { $deactivated } deactivated.
import-error-no-file = Choose a CSV file.
import-error-too-large = The file is too large or did not arrive completely (at most 20 MB).
import-error-encoding = The file is not UTF-8. In Excel, save it as "CSV UTF-8 (comma delimited)".
import-error-empty = The file is empty.
import-error-columns = These required columns are missing from the header row: { $detail }.
import-error-malformed = The file is not valid CSV (for example a quote that is never closed) from line { $detail }.
import-error-not-clean = The file has errors (now); nothing was saved. Look at the dry run again.
import-error-number-missing = Employee number missing.
import-error-name-missing = Name missing.
import-error-email-missing = E-mail address missing.
import-error-number = Invalid employee number (letters, digits and dashes, at most 20 characters).
import-error-name = Invalid name.
import-error-email = Invalid e-mail address.
import-error-team-missing = Department without a team.
import-error-department-missing = Team without a department.
import-error-team-name = Invalid department or team name.
import-error-manager-email = Invalid manager e-mail address.
import-error-active = Unknown value for active (use yes or no).
import-error-duplicate-email = This e-mail address appears earlier in the file (line in brackets).
import-error-duplicate-number = This employee number appears earlier in the file (line in brackets).
import-error-email-taken = This e-mail address belongs to someone else in the app.
import-error-same-person = This row and an earlier row are the same person (line in brackets).
import-error-unknown-manager = Unknown manager: not in the file and not in the app.
import-error-manager-loop = Managers form a loop.
import-error-deactivate-self = You are not in this full export; you would deactivate yourself.

# Audit log
audit-title = Audit log
audit-lead = Every licence decision, revocation, settings change, import, role change and reminder: who, when and what. Nobody can change or delete it.
audit-caption = Events, newest first
audit-empty = No events for this filter.
audit-col-when = When
audit-col-action = What
audit-col-actor = By
audit-col-subject = About
audit-col-detail = Details
audit-from = From
audit-to = Up to and including
audit-system = System
audit-action-all = All actions
audit-newest = ← Newest
audit-older = Older →
audit-action-licence_signed_off = Licence signed off
audit-action-licence_sent_back = Licence sent back
audit-action-licence_certified = Licence certified manually
audit-action-licence_revoked = Licence revoked
audit-action-settings_changed = Settings changed
audit-action-import_applied = Import applied
audit-action-role_changed = Roles changed
audit-action-nudge = Reminder sent
# The detail fields of an audit event (domain::audit::DETAIL_FIELDS).
audit-key-period_id = Licence period (no.)
audit-key-valid_from = Valid from
audit-key-valid_through = Valid through
audit-key-walkthrough_id = Walkthrough (no.)
audit-key-reason = Reason
audit-key-comment = Comment
audit-key-before = Before
audit-key-after = After
audit-key-file = File
audit-key-full_export = Full export
audit-key-rows = Rows
audit-key-created = Created
audit-key-updated = Updated
audit-key-deactivated = Deactivated
audit-key-departments_created = New departments
audit-key-teams_created = New teams
audit-key-count = Count
audit-key-filter = Filter
