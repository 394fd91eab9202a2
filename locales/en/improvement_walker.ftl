# Improvements from the walker's side: the "is that right?" question on a step, similar findings
# while logging, and the e-mail about improvements (src/mail/improvement.rs).

walker-fixed-question = Something was improved here: { $title }. Is that right?
walker-fixed-lead = The team fixed this after earlier walkers reported it. Your answer shows whether it works.
walker-answer-fixed = Yes, that's right
walker-answer-still_problem = No, still a problem
walker-answer-not_seen = Did not come across it
walker-answer-send = Answer
walker-answer-change = Change answer
walker-answer-current = Your answer: { $answer }. You can change it while you are walking.
walker-answer-saved = Thank you, your answer is saved.

walker-similar-search = Find similar
walker-similar-hint = Reported before? Search for what you typed above and link your finding to it; your own words stay.
walker-similar-title = Similar on this journey
walker-similar-none = Nothing similar found on this step or journey.
walker-similar-empty = Type a title or what happened first, then search.
walker-similar-improvement = Improvement
walker-similar-friction = Reported before
walker-similar-this-step = this step
walker-similar-elsewhere = elsewhere in this journey
walker-similar-legend = Link your finding to
walker-similar-choose-none = None of these
walker-similar-linked = Linked to: { $title }
walker-similar-linked-improvement = Linked to improvement: { $title }

# On an improvement's page (the sentence for improvement::confirm::tally).
improvement-confirmed-by = confirmed by { $confirmed } of { $count } { $count ->
        [one] walker
       *[other] walkers
    }
# The history comment when the app reopens an improvement.
improvement-reopen-comment = Reopened: { $count } later walkers say it is still a problem.
audit-action-improvement_reopened = Improvement reopened by later walkers

mail-improvement-link = See the improvement: { $link }
mail-improvement-link-label = Go to the improvement
mail-improvement-fixed-subject = Fixed: { $title }
mail-improvement-fixed-lead = You reported or recognised a friction that is now fixed: "{ $title }".
mail-improvement-fixed-next = If you meet this step again, tell us whether it is right. That way the team knows the fix works.
mail-improvement-wont-fix-subject = Decided: "{ $title }" will not be fixed
mail-improvement-wont-fix-lead = You reported or recognised a friction the team has decided on: "{ $title }" will not be fixed. The reason: { $reason }
mail-improvement-wont-fix-next = The improvement's page has the whole consideration.
mail-improvement-reopened-subject = Reopened: { $title }
mail-improvement-reopened-lead = Later walkers say "{ $title }" is still a problem. The improvement is therefore back to "In progress".
mail-improvement-reopened-next = You are its owner: look at what still goes wrong and update the status.
mail-improvement-overdue-subject = Past its due date: { $title }
mail-improvement-overdue-lead = The improvement "{ $title }" was due on { $date } and is still open.
mail-improvement-overdue-next = Set a new due date, or update the status if something changed.
mail-improvement-stale-subject = Quiet for a while: { $title }
mail-improvement-stale-lead = Nothing has changed on the improvement "{ $title }" since { $since }.
mail-improvement-stale-next = Update the status, or say why it waits, so those who reported it know where they stand.
