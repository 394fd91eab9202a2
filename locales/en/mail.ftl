# E-mail and in-app reminders about the licence (src/mail/reminder.rs, pages/notifications.rs).

mail-reminder-greeting = Dear { $name },
mail-reminder-window-subject = Your customer licence: the renewal window is open
mail-reminder-window-lead = Your customer licence is valid through { $date } ({ $count ->
        [one] 1 day left
       *[other] { $count } days left
    }). From today you can renew it: a new cycle starts.
mail-reminder-window-next = Walk a customer journey again, present what you learned and have your manager sign your licence off. Renewing inside the window costs no days: the new period continues from the old one.
mail-reminder-before-subject = { $count ->
        [one] Your customer licence expires tomorrow
       *[other] Your customer licence expires in { $count } days
    }
mail-reminder-before-lead = Your customer licence is valid through { $date }: { $count ->
        [one] 1 day left
       *[other] { $count } days left
    }.
mail-reminder-expiry-subject = Today is the last day of your customer licence
mail-reminder-expiry-lead = Your customer licence is valid through today, { $date }: today is the last day it counts. From tomorrow it has expired.
mail-reminder-expired-subject = Your customer licence has expired
mail-reminder-expired-lead = Your customer licence was valid through { $date } and expired { $count ->
        [one] 1 day ago
       *[other] { $count } days ago
    }.
mail-reminder-renew = You renew it by walking a customer journey, presenting what you learned and having your manager sign it off.
mail-reminder-link = See your licence and what is still needed: { $link }
mail-reminder-link-label = Go to my licence
mail-reminder-cc = Your manager, { $manager }, receives a copy of this message.
mail-reminder-footer = This message was sent automatically by Klantenrijbewijs.

# Notifications (/notifications) for licence reminders.
notification-licence-window = The renewal window is open: your customer licence is valid through { $date }. Walk a customer journey again.
notification-licence-before = Your customer licence expires soon: valid through { $date }.
notification-licence-expiry = Today ({ $date }) is the last day of your customer licence.
notification-licence-expired = Your customer licence has expired: it was valid through { $date }.
notification-licence-signed = { $name } signed your customer licence off: valid through { $date }.
notification-licence-sent-back = { $name } sent your sign-off request back. Read the comments on your licence page.
notification-licence-certified = { $name } certified your customer licence: valid through { $date }.
notification-licence-revoked = { $name } revoked your customer licence.
notification-licence-team-before = The customer licence of { $name } expires soon: valid through { $date }.
notification-licence-team-expiry = Today ({ $date }) is the last day of the customer licence of { $name }.
notification-licence-team-expired = The customer licence of { $name } has expired: it was valid through { $date }.
notification-licence-other = There is news about your customer licence.

# The reminder days on the licence settings form (domain::licence::reminder::parse_offsets).
licence-error-offsets-number = Enter whole numbers of days separated by commas, for example 60,30,7,0.
licence-error-offsets-negative = A reminder comes before or on the last valid day: do not use negative numbers.
licence-error-offsets-duplicate = Each number of days may appear only once.
licence-error-offsets-range = A reminder can come at most 365 days ahead.

notification-licence-nudge = { $name } asks you to renew your customer licence.

# The e-mail an HR nudge sends (src/mail/nudge.rs).
mail-nudge-asked = { $name } (HR) asks you to look at your customer licence.
mail-nudge-none-subject = Get your customer licence
mail-nudge-none-lead = You do not hold a valid customer licence at the moment.

# Day-one reminders: the invitation to earn a first licence (src/mail/first_licence.rs).
mail-first-invite-subject = Welcome: earn your first customer licence
mail-first-before-subject = { $count ->
        [one] 1 day left for your first customer licence
       *[other] { $count } days left for your first customer licence
    }
mail-first-due-subject = Today: your first customer licence
mail-first-overdue-subject = Your first customer licence is still open
mail-first-welcome = Everyone here earns a customer licence: you walk a real customer journey yourself, tell your colleagues what you noticed, and your manager signs it off.
mail-first-lead = Earn your first customer licence by { $date }: { $count ->
        [one] 1 day left
       *[other] { $count } days left
    }.
mail-first-today = Today ({ $date }) is the day to have your first customer licence.
mail-first-overdue = Your first customer licence was planned for { $date }, { $count ->
        [one] 1 day ago
       *[other] { $count } days ago
    }.
mail-first-start = Start with a customer journey; the page below shows what is left to do.
notification-licence-first = Earn your first customer licence: walk a customer journey and have your manager sign it off.
notification-licence-team-first = { $name } has no customer licence yet: help with their first customer journey.

# What an HR nudge did, once the SMTP server answered (src/pages/hr_dashboard_people.rs).
nudge-done-reminded = { $count ->
        [one] 1 reminder shown in the app.
       *[other] { $count } reminders shown in the app.
    }
nudge-done-mailed = { $count ->
        [one] 1 e-mail sent.
       *[other] { $count } e-mails sent.
    }
nudge-done-failed = { $count ->
        [one] 1 in the app only: the e-mail failed.
       *[other] { $count } in the app only: the e-mail failed.
    }
nudge-done-pending = { $count ->
        [one] 1 e-mail is still being sent.
       *[other] { $count } e-mails are still being sent.
    }
nudge-done-mail-off = E-mail is off: the reminders are in the app only.

# Running the reminders now (the licence settings page).
reminders-run-title = Reminders
reminders-run-lead = Reminders go out by themselves { $every }. New employees get an invitation to their first customer licence on their first day. Just imported people? Send what is due now.
reminders-run-every = every hour
reminders-run-every-secs = every { $count } seconds
reminders-run-off = Automatic reminders are off (REMINDER_INTERVAL_SECS=0); this button sends them anyway.
reminders-run-now = Send reminders now
reminders-run-done = Done.
reminders-run-claimed = { $count ->
        [one] 1 reminder due
       *[other] { $count } reminders due
    }, of which { $first } for a first customer licence.
reminders-run-failed = { $count ->
        [one] 1 e-mail failed; the next round tries again.
       *[other] { $count } e-mails failed; the next round tries again.
    }
reminders-run-superseded = { $count ->
        [one] 1 missed reminder replaced by a newer one.
       *[other] { $count } missed reminders replaced by a newer one.
    }
audit-action-reminders_run = Reminders sent by hand
audit-key-claimed = Reminders due
audit-key-sent = E-mails sent
audit-key-failed = E-mails failed
audit-key-superseded = Replaced by a newer one
audit-key-first_licence = For a first customer licence
