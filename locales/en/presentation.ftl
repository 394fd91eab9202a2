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

# Present mode
present-slide-label = Slide { $number } of { $total }
present-walked-on = Journey walked on { $date }
present-step-phase = Step { $number }: { $step } · { $phase }
present-principles = Principles of a good customer experience
present-suggestions-none = There are no suggestions on the findings shown.
present-finding-missing = This finding can no longer be found.
present-notes = Speaker notes
present-previous = Previous slide
present-next = Next slide
present-slide-nav = To the previous or next slide (slide { $number })
present-fullscreen = Full screen
present-notes-toggle = Notes
present-notes-window = Speaker notes in a separate window
present-notes-window-title = Speaker notes: { $title }
present-back = Back to the presentation
present-controls = Presentation controls
present-hint = Use the arrow keys or swipe across the slide. Esc closes the presentation.
