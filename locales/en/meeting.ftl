# Presentations: the meeting, the reviewer's decision and notifications.
presentation-error-meeting-in-future = That date is in the future.
presentation-error-meeting-too-old = That date is more than a year ago.
presentation-error-no-attendees = Choose who attended.
presentation-error-awaiting-review = Your meeting is waiting for your reviewer. You record a new meeting if they send the presentation back.
presentation-error-nothing-to-review = No meeting is waiting for your decision.
presentation-error-already-reviewed = This meeting has already been decided on (perhaps in another tab).

meeting-title = Meeting and confirmation
meeting-lead = ‘{ $title }’ by { $author }
meeting-status = Status: { $status }
meeting-recorded = The meeting is recorded. Your reviewer has been asked to confirm it.
meeting-decided = Your decision is saved and { $author } has been notified.
meeting-record-heading = Record a meeting
meeting-record-lead = When and to whom did you present? Your reviewer confirms it afterwards.
meeting-held-on = Date
meeting-audience = Audience
meeting-audience-hint = For example: Claims team North, Monday meeting.
meeting-team = Team
meeting-team-none = No team
meeting-optional = (optional)
meeting-attendees = Who attended?
meeting-attendees-none = No colleagues are listed yet. Search for them below.
meeting-search = Find more colleagues
meeting-search-hint = By name or e-mail address. Everyone you ticked stays ticked.
meeting-search-submit = Search
meeting-search-found = { $count ->
    [0] Nobody found.
    [one] 1 colleague found; tick them if they attended.
   *[other] { $count } colleagues found; tick who attended.
}
meeting-record-submit = Record the meeting
meeting-waiting = Your meeting is waiting for your reviewer's confirmation. If they send the presentation back, you record a new meeting here.
meeting-confirmed-note = Confirmed: this presentation counts towards your customer licence.
meeting-review-heading = Review
meeting-review-lead = Read the latest meeting below. Confirm it was presented, or send the presentation back saying what is missing.
meeting-review-comment = Comment
meeting-review-comment-hint = Required when you send it back.
meeting-review-confirm = Confirm this was presented
meeting-review-send-back = Send back
meeting-history = History
meeting-history-empty = No meeting has been recorded yet.
meeting-held = Presented on { $date }
meeting-team-label = Team
meeting-attendees-label = Attended
meeting-recorded-by = Recorded by { $name } on { $at }
meeting-review-confirmed = Confirmed by { $name } on { $at }
meeting-review-sent-back = Sent back by { $name } on { $at }
meeting-open-presentation = To the presentation

notifications-title = Notifications
notifications-empty = You have no notifications.
notifications-unread = Unread:
notifications-mark-read = Mark read
notifications-mark-all = Mark all read
notifications-older = Older notifications
notifications-newest = To the newest notifications
notification-comment = { $name } commented on your presentation ‘{ $title }’
notification-recognition = { $name } recognises a friction in ‘{ $title }’
notification-confirmed = { $name } confirmed your presentation ‘{ $title }’
notification-sent-back = { $name } sent ‘{ $title }’ back: { $comment }
notification-meeting = { $name } presented ‘{ $title }’ and asks you to confirm it
to-review-heading = To confirm
to-review-lead = Presentations by your team members waiting for your confirmation.
to-review-item = { $name }: ‘{ $title }’
bell-label = { $count ->
    [0] No unread notifications
    [one] 1 unread notification
   *[other] { $count } unread notifications
}
