# Notifications about improvements and frictions closed without action (the bell).
notification-improvement-created = { $name } took your friction into the improvement ‘{ $title }’
notification-improvement-fixed = { $name } fixed ‘{ $title }’
notification-improvement-wont-fix = { $name } decided not to fix ‘{ $title }’; read why
notification-improvement-reopened = ‘{ $title }’ is in progress again: later walkers say it is still a problem
notification-improvement-overdue = ‘{ $title }’ is past its due date
notification-improvement-stale = ‘{ $title }’ has not been updated for a long time
notification-friction-no-action = { $name } closed your friction ‘{ $title }’ without action; the reason is in your log
