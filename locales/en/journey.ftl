# Journey screens.
phase-orientatie = Orientation
phase-transactie = Transaction
phase-afname = Purchase
phase-service = Service
phase-loyaliteit = Loyalty
channel-website = Website
channel-app = App
channel-phone = Phone
channel-email = E-mail
channel-letter = Letter
channel-chat = Chat
channel-branch = Branch or shop
channel-social = Social media
channel-other = Other
journey-status-draft = Draft
journey-status-live = Live
journey-status-retired = Retired
journey-error-no-steps = Add at least one step first.
journey-error-not-draft = This version is published or retired and is frozen, because employees' walkthroughs refer to it. Make a new version to change something.
journey-error-not-live = Only a live version can be retired or used as the basis for a new version.
journey-error-draft-exists = This journey already has a draft. Continue working on that draft.

## Navigation and catalogue
nav-journeys = Journeys
journeys-title = Journeys
journeys-lead = The customer journeys employees walk, with all their versions. Only a draft can be changed; a live version is frozen so earlier walkthroughs stay accurate.
journeys-new = New journey
journeys-empty = There are no journeys yet. Create the first one with "New journey".
journey-versions-of = Versions of { $title }
journey-version = Version { $version }
journey-title-version = { $title } (version { $version })
journey-step-count =
    { $count ->
        [one] 1 step
       *[other] { $count } steps
    }
journey-last-change = changed { $at }
journey-crumbs-label = Breadcrumb
journey-back-to-journey = Back to the journey

## Detail
journey-brief = Briefing for the employee
journey-versions = Versions
journey-edit-fields = Edit details
journey-publish = Publish
journey-new-version = Make a new version
journey-open-draft = Go to the draft
journey-retire = Retire
journey-draft-explained = This is a draft. Employees only see it once it is published. Add steps, put them in the right order and publish.
journey-draft-replaces = This is a draft. Publishing replaces live version { $version }; walkthroughs employees already did on version { $version } stay unchanged.
journey-live-explained = This version is live: employees can walk it. It is frozen. To change something, make a new version; you can edit that and publish it.
journey-retired-explained = This version is retired and read-only, because earlier walkthroughs by employees refer to it.
journey-phase-empty = No steps in this phase yet.
journey-step-number = Step { $number }
journey-step-up = Up
journey-step-down = Down
journey-step-edit = Edit
journey-step-remove = Remove
journey-no-team-set = No team yet
journey-add-step = Add a step
journey-add-step-lead = A new step goes to the end of the chosen phase. You can move it afterwards.
journey-add-step-submit = Add step
journey-created = The journey was created as a draft. Now add its steps.
journey-saved = Your changes were saved.
journey-published = The journey is published. Employees can walk it now.
journey-drafted = A new draft version with all steps was made. The live version stays as it is until you publish this draft.
journey-retired = The journey was retired. No new walkthroughs can start on this version.
journey-step-added = The step was added.
journey-step-removed = The step was removed.

## Forms
journey-new-title = New journey
journey-edit-title = Edit { $title } (version { $version })
journey-form-lead = Describe the journey the way the customer lives it, and give the employee everything needed to walk it as a customer.
journey-create = Create journey
journey-field-title = Title in the customer's words
journey-field-title-hint = For example: I want to report damage.
journey-field-product-line = Product
journey-field-product-line-hint = For example: Car insurance.
journey-field-year = Year
journey-field-year-hint = The year in which employees walk this version.
journey-field-persona = Persona
journey-field-persona-hint = Who is the customer? Age, situation, what kind of person.
journey-field-goal = Customer's goal
journey-field-goal-hint = What does the customer want to have achieved at the end?
journey-field-scenario = Scenario
journey-field-scenario-hint = What does the employee pretend? Which test data (policy number, licence plate, account) do they use?
journey-field-rules = House rules
journey-field-rules-hint = For example: use the test policy number, undo a purchase afterwards, never upload real customer data, don't say you work here unless you get stuck.
journey-step-edit-title = Edit step
journey-step-phase = Phase
journey-step-channel = Channel
journey-step-title = Step in the customer's words
journey-step-title-hint = For example: I want to know what it costs.
journey-step-instructions = What do you do as the customer?
journey-step-instructions-hint = What the employee does in this step, concrete enough to start without help.
journey-step-promise = Promise to the customer
journey-step-promise-hint = What may the customer expect here? Make it testable, for example: See a premium within 2 minutes without personal details.
journey-step-team = Owner (team)
journey-choose-phase = — Choose a phase —
journey-choose-channel = — Choose a channel —
journey-no-team = — No team yet —
journey-step-remove-title = Remove step?
journey-step-remove-text = The step disappears from this draft. This cannot be undone; earlier versions keep their steps.
journey-step-remove-confirm = Yes, remove this step
journey-retire-title = Retire journey?
journey-retire-text = Employees can then no longer choose this version for a new walkthrough. Walkthroughs in progress or finished are kept and stay visible. You can make and publish a new version later.
journey-retire-confirm = Yes, retire this version
home-card-journeys = Write and maintain the journeys employees walk: steps, promises and rules of play.
