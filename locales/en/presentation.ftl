# Presentations: made from a walkthrough, edited and presented.
presentation-status-draft = Draft
presentation-status-presented = Presented
presentation-status-confirmed = Confirmed
presentation-status-sent-back = Sent back
presentation-visibility-team = My team
presentation-visibility-organisation = The whole organisation
slide-title = Title
slide-introduction = Introduction
slide-scenario = Scenario
slide-curve = Emotion curve
slide-finding = Finding
slide-suggestions = Suggestions
slide-key-message = Key message
slide-recommendations = Recommendations
presentation-error-walk-not-completed = A presentation is made from a completed walkthrough.
presentation-error-confirmed = Your reviewer confirmed this presentation; it can no longer be changed.
error-invalid-date = Enter a date as yyyy-mm-dd.
