# E-mail and in-app reminders about the licence (src/mail/reminder.rs, pages/notifications.rs).

mail-reminder-greeting = Beste { $name },
mail-reminder-window-subject = Je klantenrijbewijs: het vernieuwingsvenster is open
mail-reminder-window-lead = Je klantenrijbewijs is geldig t/m { $date } ({ $count ->
        [one] nog 1 dag
       *[other] nog { $count } dagen
    }). Vanaf vandaag kun je het vernieuwen: een nieuwe cyclus begint.
mail-reminder-window-next = Loop opnieuw een klantreis, presenteer wat je hebt geleerd en laat je leidinggevende je rijbewijs aftekenen. Wie binnen het venster vernieuwt, verliest geen dagen: de nieuwe periode sluit aan op de oude.
mail-reminder-before-subject = { $count ->
        [one] Je klantenrijbewijs verloopt morgen
       *[other] Je klantenrijbewijs verloopt over { $count } dagen
    }
mail-reminder-before-lead = Je klantenrijbewijs is geldig t/m { $date }: { $count ->
        [one] nog 1 dag
       *[other] nog { $count } dagen
    }.
mail-reminder-expiry-subject = Vandaag is de laatste dag van je klantenrijbewijs
mail-reminder-expiry-lead = Je klantenrijbewijs is geldig t/m vandaag, { $date }: vandaag is de laatste dag dat het telt. Vanaf morgen is het verlopen.
mail-reminder-expired-subject = Je klantenrijbewijs is verlopen
mail-reminder-expired-lead = Je klantenrijbewijs was geldig t/m { $date } en is { $count ->
        [one] sinds 1 dag
       *[other] sinds { $count } dagen
    } verlopen.
mail-reminder-renew = Vernieuwen doe je met een klantreis, een presentatie van wat je leerde en de aftekening door je leidinggevende.
mail-reminder-link = Bekijk je rijbewijs en wat er nog nodig is: { $link }
mail-reminder-link-label = Naar mijn rijbewijs
mail-reminder-cc = Je leidinggevende, { $manager }, krijgt een kopie van dit bericht.
mail-reminder-footer = Dit bericht is automatisch verstuurd door Klantenrijbewijs.

# Notifications (/notifications) for licence reminders.
notification-licence-window = Het vernieuwingsvenster is open: je klantenrijbewijs is geldig t/m { $date }. Loop opnieuw een klantreis.
notification-licence-before = Je klantenrijbewijs verloopt binnenkort: geldig t/m { $date }.
notification-licence-expiry = Vandaag ({ $date }) is de laatste dag van je klantenrijbewijs.
notification-licence-expired = Je klantenrijbewijs is verlopen: het was geldig t/m { $date }.
notification-licence-signed = { $name } heeft je klantenrijbewijs afgetekend: geldig t/m { $date }.
notification-licence-sent-back = { $name } heeft je aanvraag voor aftekening teruggestuurd. Lees de opmerkingen bij je rijbewijs.
notification-licence-certified = { $name } heeft je klantenrijbewijs geregistreerd: geldig t/m { $date }.
notification-licence-revoked = { $name } heeft je klantenrijbewijs ingetrokken.
notification-licence-team-before = Het klantenrijbewijs van { $name } verloopt binnenkort: geldig t/m { $date }.
notification-licence-team-expiry = Vandaag ({ $date }) is de laatste dag van het klantenrijbewijs van { $name }.
notification-licence-team-expired = Het klantenrijbewijs van { $name } is verlopen: het was geldig t/m { $date }.
notification-licence-other = Er is nieuws over je klantenrijbewijs.

# The reminder days on the licence settings form (domain::licence::reminder::parse_offsets).
licence-error-offsets-number = Vul hele aantallen dagen in, gescheiden door komma's, bijvoorbeeld 60,30,7,0.
licence-error-offsets-negative = Een herinnering komt vóór of op de laatste geldige dag: gebruik geen negatieve getallen.
licence-error-offsets-duplicate = Elk aantal dagen mag maar één keer voorkomen.
licence-error-offsets-range = Een herinnering kan hoogstens 365 dagen van tevoren.

notification-licence-nudge = { $name } vraagt je om je klantenrijbewijs te verlengen.

# The e-mail an HR nudge sends (src/mail/nudge.rs).
mail-nudge-asked = { $name } (HR) vraagt je aandacht voor je klantenrijbewijs.
mail-nudge-none-subject = Haal je klantenrijbewijs
mail-nudge-none-lead = Je hebt op dit moment geen geldig klantenrijbewijs.

# Day-one reminders: the invitation to earn a first licence (src/mail/first_licence.rs).
mail-first-invite-subject = Welkom: haal je eerste klantenrijbewijs
mail-first-before-subject = { $count ->
        [one] Nog 1 dag voor je eerste klantenrijbewijs
       *[other] Nog { $count } dagen voor je eerste klantenrijbewijs
    }
mail-first-due-subject = Vandaag: je eerste klantenrijbewijs
mail-first-overdue-subject = Je eerste klantenrijbewijs staat nog open
mail-first-welcome = Iedereen bij ons haalt een klantenrijbewijs: je loopt zelf een echte klantreis, vertelt je collega's wat je opviel, en je leidinggevende tekent af.
mail-first-lead = Haal je eerste klantenrijbewijs uiterlijk { $date }: { $count ->
        [one] nog 1 dag
       *[other] nog { $count } dagen
    }.
mail-first-today = Vandaag ({ $date }) is de dag waarop je je eerste klantenrijbewijs zou halen.
mail-first-overdue = Je eerste klantenrijbewijs stond gepland voor { $date }, { $count ->
        [one] 1 dag geleden
       *[other] { $count } dagen geleden
    }.
mail-first-start = Begin met een klantreis; de pagina hieronder laat zien wat je nog moet doen.
notification-licence-first = Haal je eerste klantenrijbewijs: loop een klantreis en laat je leidinggevende aftekenen.
notification-licence-team-first = { $name } heeft nog geen klantenrijbewijs: help bij de eerste klantreis.

# What an HR nudge did, once the SMTP server answered (src/pages/hr_dashboard_people.rs).
nudge-done-reminded = { $count ->
        [one] 1 herinnering in de app gezet.
       *[other] { $count } herinneringen in de app gezet.
    }
nudge-done-mailed = { $count ->
        [one] 1 e-mail verstuurd.
       *[other] { $count } e-mails verstuurd.
    }
nudge-done-failed = { $count ->
        [one] 1 alleen in de app: e-mail mislukt.
       *[other] { $count } alleen in de app: e-mail mislukt.
    }
nudge-done-pending = { $count ->
        [one] 1 e-mail wordt nog verstuurd.
       *[other] { $count } e-mails worden nog verstuurd.
    }
nudge-done-mail-off = E-mail staat uit: de herinneringen staan alleen in de app.

# Running the reminders now (the licence settings page).
reminders-run-title = Herinneringen
reminders-run-lead = De herinneringen gaan vanzelf { $every }. Nieuwe medewerkers krijgen op hun eerste dag een uitnodiging voor hun eerste klantenrijbewijs. Net mensen geïmporteerd? Verstuur wat nu klaarstaat.
reminders-run-every = elk uur
reminders-run-every-secs = elke { $count } seconden
reminders-run-off = De automatische herinneringen staan uit (REMINDER_INTERVAL_SECS=0); met deze knop gaan ze toch.
reminders-run-now = Herinneringen nu versturen
reminders-run-done = Klaar.
reminders-run-claimed = { $count ->
        [one] 1 herinnering klaargezet
       *[other] { $count } herinneringen klaargezet
    }, waarvan { $first } voor een eerste klantenrijbewijs.
reminders-run-failed = { $count ->
        [one] 1 e-mail mislukt; de volgende ronde probeert het opnieuw.
       *[other] { $count } e-mails mislukt; de volgende ronde probeert het opnieuw.
    }
reminders-run-superseded = { $count ->
        [one] 1 gemiste herinnering vervangen door een nieuwere.
       *[other] { $count } gemiste herinneringen vervangen door een nieuwere.
    }
audit-action-reminders_run = Herinneringen handmatig verstuurd
audit-key-claimed = Herinneringen klaargezet
audit-key-sent = E-mails verstuurd
audit-key-failed = E-mails mislukt
audit-key-superseded = Vervangen door een nieuwere
audit-key-first_licence = Voor een eerste klantenrijbewijs
