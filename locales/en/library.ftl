# Library: search, reading, comments and recognitions.
nav-library = Library
library-title = Library
library-lead = What colleagues learned walking a customer journey. Search by topic or filter by journey, phase or department.
library-search-label = Search presentations
library-search = Search
library-search-placeholder = For example: photo upload
library-journey = Customer journey
library-all-journeys = All journeys
library-phase = Phase
library-all-phases = All phases
library-department = Department
library-all-departments = All departments
library-year = Year
library-all-years = All years
library-severity = Friction severity
library-all-severities = Any severity
library-severity-blocker = Blocker
library-severity-major = Major
library-severity-papercut = Papercut
library-apply = Search
library-reset = Show all
library-empty = No presentations found. Try another word or fewer filters.
library-paging = More results
library-older = Older presentations
library-presented-on = Presented on { $date }
library-top-friction = Biggest friction:
library-comments = { $count ->
    [one] 1 comment
   *[other] { $count } comments
}
library-recognitions = { $count ->
    [one] recognised once
   *[other] recognised { $count } times
}
library-reading-lead = { $author } on "{ $journey }"
library-edit = Edit
library-back = Back to the library
library-journey-title = Presentations about this journey
library-journey-link = Presentations about this journey
library-journey-top = Most recognised frictions
library-journey-top-empty = No friction of this journey has been recognised yet.
library-journey-list = Presentations, newest first
library-journey-from = from
comment-empty = No comments yet. What did you learn from this?
comment-new = Your comment
comment-submit = Comment
comment-edited = (edited)
comment-edit = Edit
comment-edit-label = Change your comment
comment-save = Save
comment-delete = Delete
recognition-title = Recognisable?
recognition-lead = Did you see this too, as a customer or at work? Say so; it shows teams which frictions happen often.
recognition-note = What did you see? (optional, one line)
recognition-submit = I saw this too
recognition-update = Update my line
recognition-undo = Not recognisable after all
library-journey-link-aria = Presentations about "{ $title }"
