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
