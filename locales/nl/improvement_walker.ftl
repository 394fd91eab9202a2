# Verbeteringen vanuit de loper: de vraag "klopt dat?" op een stap, vergelijkbare meldingen bij
# het vastleggen, en de e-mail over verbeteringen (src/mail/improvement.rs).

walker-fixed-question = Hier is iets verbeterd: { $title }. Klopt dat?
walker-fixed-lead = Het team heeft dit opgelost na meldingen van eerdere lopers. Jouw antwoord laat zien of het werkt.
walker-answer-fixed = Ja, dat klopt
walker-answer-still_problem = Nee, nog steeds een probleem
walker-answer-not_seen = Niet tegengekomen
walker-answer-send = Antwoord geven
walker-answer-change = Antwoord wijzigen
walker-answer-current = Je antwoord: { $answer }. Zolang je loopt kun je het nog wijzigen.
walker-answer-saved = Dank je, je antwoord is bewaard.

walker-similar-search = Zoek vergelijkbare
walker-similar-hint = Al eerder gemeld? Zoek op wat je hierboven typte en koppel je melding eraan; je eigen woorden blijven staan.
walker-similar-title = Vergelijkbaar op deze reis
walker-similar-none = Niets vergelijkbaars gevonden op deze stap of reis.
walker-similar-empty = Typ eerst een titel of wat er gebeurde, en zoek dan.
walker-similar-improvement = Verbetering
walker-similar-friction = Eerder gemeld
walker-similar-this-step = deze stap
walker-similar-elsewhere = elders in deze reis
walker-similar-legend = Koppel je melding aan
walker-similar-choose-none = Geen van deze
walker-similar-linked = Gekoppeld aan: { $title }
walker-similar-linked-improvement = Gekoppeld aan verbetering: { $title }

# Op de pagina van een verbetering (de tekst bij improvement::confirm::tally).
improvement-confirmed-by = bevestigd door { $confirmed } van { $count } { $count ->
        [one] loper
       *[other] lopers
    }
# De opmerking in de geschiedenis als de app een verbetering heropent.
improvement-reopen-comment = Heropend: { $count } latere lopers zeggen dat het nog steeds een probleem is.
audit-action-improvement_reopened = Verbetering heropend door latere lopers

mail-improvement-link = Bekijk de verbetering: { $link }
mail-improvement-link-label = Naar de verbetering
mail-improvement-fixed-subject = Opgelost: { $title }
mail-improvement-fixed-lead = Je meldde of herkende een wrijving die nu is opgelost: "{ $title }".
mail-improvement-fixed-next = Kom je deze stap later weer tegen, laat dan weten of het klopt. Zo weet het team of de oplossing werkt.
mail-improvement-wont-fix-subject = Besloten: "{ $title }" wordt niet opgelost
mail-improvement-wont-fix-lead = Je meldde of herkende een wrijving waarover het team heeft besloten: "{ $title }" wordt niet opgelost. De reden: { $reason }
mail-improvement-wont-fix-next = Op de pagina van de verbetering lees je de hele afweging.
mail-improvement-reopened-subject = Heropend: { $title }
mail-improvement-reopened-lead = Latere lopers zeggen dat "{ $title }" nog steeds een probleem is. De verbetering staat daarom weer op "In uitvoering".
mail-improvement-reopened-next = Jij bent de eigenaar: kijk wat er nog misgaat en pas de status aan.
mail-improvement-overdue-subject = Over de streefdatum: { $title }
mail-improvement-overdue-lead = De verbetering "{ $title }" had op { $date } af moeten zijn en staat nog open.
mail-improvement-overdue-next = Zet een nieuwe streefdatum, of werk de status bij als er iets veranderd is.
mail-improvement-stale-subject = Al een tijd stil: { $title }
mail-improvement-stale-lead = Aan de verbetering "{ $title }" is sinds { $since } niets veranderd.
mail-improvement-stale-next = Werk de status bij, of leg uit waarom het wacht, zodat de melders weten waar ze staan.
