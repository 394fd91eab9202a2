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
