# English. Journey vocabulary keeps its Dutch names in the Dutch locale only.
app-name = Klantenrijbewijs
skip-to-content = Skip to content
footer-text = Klantenrijbewijs — walk the customer journey yourself every year, so we see what our customers see.

## Navigation
nav-label = Main menu
nav-menu = Menu
nav-people-overview = Employees
nav-admin-people = Manage people
nav-organisation = Organisation
nav-account = My account
nav-sign-out = Sign out
language-nl = Nederlands
language-en = English

## Roles
role-employee = Employee
role-reviewer = Reviewer (team lead)
role-hr = HR
role-admin = Administrator
role-cx = Customer experience (CX)

## Sign in
login-title = Sign in
login-lead = Sign in with your work e-mail address.
login-submit = Sign in
demo-accounts-title = Demo accounts
demo-accounts-password = All demo accounts use the password { $password }.

## Home
home-welcome = Welcome, { $name }
home-lead = Once a year you walk the customer journey yourself, just like a customer. That keeps your customer licence valid.
home-steps-title = How the customer licence works
home-step-walk = Pick a customer journey and walk it step by step, as a customer: ask for a quote, report a claim, call the service desk.
home-step-record = Record for every step how it felt, how much effort it took and where it hurt — and what went well.
home-step-present = Present your findings to your team so everyone learns from them.
home-step-renew = Your team lead signs off and your licence is valid for another year.
home-profile-title = Your details
home-shortcuts = Go to
home-card-people-overview = See all employees by team and department.
home-card-admin-people = Add people, change details and roles, or deactivate accounts.
home-card-organisation = Manage departments and teams.
home-card-account = See your details and change your password.

## Account
account-title = My account
account-lead = You are signed in as { $email }.
account-password-title = Change password
account-password-submit = Change password
account-password-saved = Your password has been changed.
password-hint = At least 10 characters. A sentence of a few words is strong and easy to remember.

## People
people-overview-title = Employees
people-overview-lead = All employees by team, with their role and status.
admin-people-title = Manage people
admin-people-lead = Add employees, assign roles and deactivate colleagues who have left.
admin-people-new = Add person
people-empty = No people match your search.
people-table-caption = People
people-count =
    { $count ->
        [one] 1 person
       *[other] { $count } people
    }
filter-label = Search people
filter-search = Search by name, e-mail or employee number
filter-team-all = All teams
filter-status = Status
filter-status-all = Everyone
filter-status-active = Active
filter-status-inactive = Inactive
filter-apply = Show
status-active = Active
status-inactive = Inactive
never = Never

## Person form
person-new-title = Add person
person-edit-title = Edit { $name }
person-create = Add person
person-saved = The details have been saved.
person-timestamps = Created { $created } · last changed { $updated }
field-name = Name
field-email = E-mail address
field-password = Password
field-employee-number = Employee number
employee-number-hint = Letters, digits and dashes, for example DV-1042.
field-team = Team
field-department = Department
field-manager = Manager
field-language = Preferred language
field-roles = Roles
field-status = Status
field-last-login = Last signed in
field-active = Account active
active-hint = An inactive person cannot sign in. Their details and earlier journeys are kept.
field-initial-password = Initial password
field-new-password = New password
field-current-password = Current password
field-confirm-password = Repeat new password
password-initial-hint = At least 10 characters. Without a password this person cannot sign in yet.
password-keep-hint = Leave empty to keep the current password.
optional = (optional)
choice-none = — None —
choice-select = — Choose —
save = Save
cancel = Cancel

## Organisation
org-title = Organisation
org-lead = Departments and their teams. Teams own steps in the customer journey.
org-add-team = Add team
org-add-team-submit = Add team
org-add-department = Add department
org-add-department-submit = Add department
field-team-name = Team name
field-department-name = Department name

## Error pages
not-found-title = Page not found
not-found-text = This page does not exist (any more). Check the address or go back to the overview.
forbidden-title = No access
forbidden-text = You do not have permission to see this page. If you think this is wrong, ask your administrator.
back-home = Back to the overview

## Error messages
error-required = This field is required.
error-too-long = This is too long.
error-name-too-short = Enter a full name.
error-email-invalid = Enter a valid e-mail address, for example name@company.com.
error-email-taken = Someone with this e-mail address already exists.
error-employee-number-invalid = Use only letters, digits and dashes (at most 20 characters).
error-employee-number-taken = This employee number is already in use.
error-invalid-choice = Choose one of the options.
error-roles-required = Choose at least one role.
error-manager-cycle = This choice creates a loop: someone would become their own manager.
error-cannot-deactivate-self = You cannot deactivate your own account.
error-cannot-drop-own-admin = You cannot remove your own administrator role.
error-name-taken = This name already exists.
error-password-too-short = Choose a password of at least 10 characters.
error-password-mismatch = The two passwords do not match.
error-password-wrong = This is not your current password.
error-validation = Not everything is filled in correctly. Check the highlighted fields.
error-invalid-credentials = The e-mail address or password is incorrect.
error-too-many-attempts = Too many failed sign-in attempts. Wait a few minutes, then try again.
error-unauthenticated = You are not signed in (any more). Please sign in again.
error-forbidden = You do not have permission for this action.
error-not-found = This does not exist (any more).
error-bad-request = The request was incomplete. Please try again.
error-internal = Something went wrong on our side. Please try again later; your input was not saved.
error-network = No connection to the server. Check your connection and try again.
error-out-of-range = This number is outside the allowed range.
error-not-a-number = Enter a whole number.
error-version-conflict = This was changed elsewhere in the meantime (for example in another tab). Your input is still here; load the latest version and add it again.
error-refused = This is not possible right now.

# Character counter under a text area with a limit; # stands for the number.
char-count-left-one = 1 character left
char-count-left = { $n } characters left
char-count-over-one = 1 character too many
char-count-over = { $n } characters too many
number-group-separator = ,
