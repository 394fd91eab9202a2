# Presentations: the meeting, the reviewer's decision and notifications.
presentation-error-meeting-in-future = That date is in the future.
presentation-error-meeting-too-old = That date is more than a year ago.
presentation-error-no-attendees = Choose who attended.
