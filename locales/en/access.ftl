# Getting in: invitations, "forgot password", choosing a password, the temporary password,
# HR's invitation list (src/pages/password.rs, src/pages/hr_invitations.rs, src/mail/access.rs).

login-forgot = Forgot your password?

forgot-title = Forgot your password
forgot-lead = Enter your e-mail address. If it belongs to an account, we send a link to choose a new password. The link works for one hour.
forgot-submit = Send the link
forgot-back = Back to sign in
forgot-sent = If this address belongs to an account, an e-mail with a link to choose a new password is on its way. The link works for one hour. Nothing arrived? Also look in your junk mail folder.

set-password-title = Choose a new password
set-password-lead = Choose a password of at least 10 characters. You are then signed in here and signed out on other devices.
set-password-welcome = Welcome, { $name }
set-password-welcome-lead = Choose a password of at least 10 characters to use Klantenrijbewijs. You are then signed in straight away.
set-password-submit = Save password and sign in
set-password-dead-title = This link no longer works
set-password-new-link = Ask for a new link

access-error-link-invalid = This link was already used or has expired. Ask for a new link, or ask HR for a new invitation.
access-error-change-password = Your password is temporary: first choose your own password on the Account page.
access-error-invited-today = This person already received an invitation in the last 24 hours. Try again tomorrow.
access-error-has-password = This person already has a password and needs no invitation.
access-error-mail-off = No mail server is configured (SMTP_URL), so no invitation can be sent.
access-error-same-password = Choose a password other than the temporary one.

account-password-temporary = Your password was set by an administrator and is temporary. Choose your own password now; after that the rest of the app works again.

person-invite = Send invitation
person-invite-hint = The person receives an e-mail in the chosen language with a link to choose their own password. If you enter a password below, no invitation is sent.
person-password-initial-temporary-hint = An invitation is better. At least 10 characters; this password is temporary: the person must replace it when they first sign in.
person-password-temporary-hint = Leave empty to keep the current password. A password you enter for someone else is temporary: they must replace it when they next sign in.

invitations-link = Invitations
invitations-title = Invitations
invitations-lead = Active employees who have not chosen a password of their own yet. An invitation can be resent once a day.
invitations-col-status = Invitation
invitations-col-action = Action
invitations-status-all = All
invitations-status-pending = Sent, not accepted yet
invitations-status-expired = Expired
invitations-status-never = Never invited
invitations-sent-until = sent { $sent }, link valid until { $until }
invitations-resend = Resend
invitations-resend-label = Resend the invitation to { $name }
invitations-resent = The invitation was sent again.
invitations-empty = Everyone has chosen a password of their own.

mail-invite-subject = Welcome to Klantenrijbewijs: choose your password
mail-invite-lead = You have an account with Klantenrijbewijs, where you earn and renew your customer licence.
mail-invite-steps = Choose your own password with the link below; you are then signed in straight away. The link works once and until { $date }.
mail-invite-later = After that you sign in at { $link } with your e-mail address and that password.
mail-invite-button = Choose your password
mail-reset-subject = Reset your Klantenrijbewijs password
mail-reset-lead = Someone (hopefully you) asked for a new password for your account. Choose a new password with the link below; the link works once and for one hour.
mail-reset-ignore = Did you not ask for this? Then you can ignore this e-mail: your password stays the same.
mail-reset-button = Choose a new password

audit-action-invitation_sent = Invitation sent
audit-action-invitation_accepted = Invitation accepted
audit-action-password_reset_requested = New password requested
audit-action-password_reset_completed = New password chosen
audit-action-password_set_by_admin = Password set by an administrator
audit-key-valid_until = Link valid until
audit-key-resent = Resent
audit-key-with_reminder = With a reminder
audit-key-temporary = Temporary
