# Organisation upkeep: rename, merge and remove departments and teams.
error-last-admin = This is the last active administrator: make someone else an administrator first.
audit-action-admin_restored = Administrator created or restored (create-admin)
audit-action-org_changed = Organisation changed
audit-key-managers_review = Managers become reviewers
audit-key-roles_changed = Roles changed
audit-key-kept = Kept active
audit-key-kind = Change
audit-key-name = Name
audit-key-into = Merged into
audit-key-moved = Moved

# create-admin on the command line
cli-admin-created = Administrator { $email } created (id { $id }).
cli-admin-restored = Administrator { $email } restored (id { $id }): active, administrator role, new password. Earlier sessions have ended.
cli-admin-conflict = The e-mail address belongs to person { $email_id } and the employee number to person { $number_id }. Use one person's details.
cli-admin-password-prompt = Password for the administrator: 
cli-admin-invalid = { $field }: { $message }
cli-admin-failed = Creating the administrator failed: { $reason }

# The organisation page's upkeep forms
org-saved = Saved.
org-whole-department = { $name } (whole department)
org-upkeep-title = Maintain departments and teams
org-rename = Rename
org-rename-target = Department or team
org-rename-name = New name
org-rename-submit = Rename
org-merge = Merge
org-merge-hint = The people, journey steps and findings of the first team move to the second; the first team goes away. For departments the teams move along (a team with the same name is merged).
org-merge-source = Merge
org-merge-into = into
org-merge-submit = Merge
org-remove = Remove
org-remove-hint = Only an empty team (nobody in it, inactive people included, and no steps) or a department without teams.
org-remove-target = Department or team
org-remove-submit = Remove
org-error-merge-self = Choose two different teams or departments.
org-error-merge-kind = Merge a team with a team, or a department with a department.
org-error-team-not-empty = This team still has people (inactive ones count too). Move them or merge the team into another.
org-error-team-in-use = This team owns journey steps, findings or presentations. Merge it into another team.
org-error-department-not-empty = This department still has teams. Remove or move them first, or merge the department into another.
