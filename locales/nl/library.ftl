# Bibliotheek: zoeken, lezen, reacties en herkenbaar.
nav-library = Bibliotheek
library-title = Bibliotheek
library-lead = Wat collega's leerden toen ze een klantreis liepen. Zoek op onderwerp of filter op klantreis, fase of afdeling.
library-search-label = Presentaties zoeken
library-search = Zoeken
library-search-placeholder = Bijvoorbeeld: foto uploaden
library-journey = Klantreis
library-all-journeys = Alle klantreizen
library-phase = Fase
library-all-phases = Alle fasen
library-department = Afdeling
library-all-departments = Alle afdelingen
library-year = Jaar
library-all-years = Alle jaren
library-severity = Ernst van een wrijving
library-all-severities = Elke ernst
library-severity-blocker = Blokkade
library-severity-major = Groot
library-severity-papercut = Klein ongemak
library-apply = Zoeken
library-reset = Alles tonen
library-empty = Geen presentaties gevonden. Probeer een ander woord of minder filters.
library-paging = Meer resultaten
library-older = Oudere presentaties
library-presented-on = Gepresenteerd op { $date }
library-top-friction = Grootste wrijving:
library-comments = { $count ->
    [one] 1 reactie
   *[other] { $count } reacties
}
library-recognitions = { $count ->
    [one] 1 keer herkend
   *[other] { $count } keer herkend
}
library-reading-lead = { $author } over "{ $journey }"
library-edit = Bewerken
library-back = Terug naar de bibliotheek
library-journey-title = Presentaties over deze klantreis
library-journey-link = Presentaties over deze klantreis
library-journey-top = Meest herkende wrijvingen
library-journey-top-empty = Nog geen wrijving herkend in deze klantreis.
library-journey-list = Presentaties, nieuwste eerst
library-journey-from = uit
comment-empty = Nog geen reacties. Wat heb jij hiervan geleerd?
comment-new = Jouw reactie
comment-submit = Reageren
comment-edited = (bewerkt)
comment-edit = Bewerken
comment-edit-label = Reactie aanpassen
comment-save = Opslaan
comment-delete = Verwijderen
recognition-title = Herkenbaar?
recognition-lead = Zag jij dit ook, als klant of in je werk? Laat het weten; zo zien teams welke wrijvingen vaak voorkomen.
recognition-note = Wat zag jij? (optioneel, één regel)
recognition-submit = Herkenbaar, dit zag ik ook
recognition-update = Mijn regel bijwerken
recognition-undo = Toch niet herkenbaar
library-journey-link-aria = Presentaties over "{ $title }"
