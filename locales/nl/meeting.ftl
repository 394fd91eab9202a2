# Presentaties: de bijeenkomst, het oordeel van de reviewer en meldingen.
presentation-error-meeting-in-future = Die datum ligt in de toekomst.
presentation-error-meeting-too-old = Die datum is meer dan een jaar geleden.
presentation-error-no-attendees = Kies wie erbij waren.
presentation-error-awaiting-review = Je bijeenkomst wacht op je reviewer. Een nieuwe bijeenkomst leg je vast als die de presentatie terugstuurt.
presentation-error-nothing-to-review = Er wacht geen bijeenkomst op je oordeel.
presentation-error-already-reviewed = Over deze bijeenkomst is al besloten (misschien in een ander tabblad).

meeting-title = Bijeenkomst en bevestiging
meeting-lead = ‘{ $title }’ van { $author }
meeting-status = Status: { $status }
meeting-recorded = De bijeenkomst is vastgelegd. Je reviewer krijgt een melding om te bevestigen.
meeting-decided = Je besluit is opgeslagen en { $author } heeft een melding gekregen.
meeting-record-heading = Bijeenkomst vastleggen
meeting-record-lead = Wanneer en aan wie heb je gepresenteerd? Je reviewer bevestigt het daarna.
meeting-held-on = Datum
meeting-audience = Publiek
meeting-audience-hint = Bijvoorbeeld: Team Schade Noord, weekstart.
meeting-team = Team
meeting-team-none = Geen team
meeting-optional = (optioneel)
meeting-attendees = Wie waren erbij?
meeting-attendees-none = Er staan nog geen collega's in de lijst. Zoek ze hieronder op.
meeting-search = Zoek meer collega's
meeting-search-hint = Op naam of e-mailadres. Wie je al hebt aangevinkt, blijft aangevinkt.
meeting-search-submit = Zoeken
meeting-search-found = { $count ->
    [0] Niemand gevonden.
    [one] 1 collega gevonden; vink aan wie erbij was.
   *[other] { $count } collega's gevonden; vink aan wie erbij waren.
}
meeting-record-submit = Bijeenkomst vastleggen
meeting-waiting = Je bijeenkomst wacht op bevestiging door je reviewer. Stuurt die de presentatie terug, dan leg je hier een nieuwe bijeenkomst vast.
meeting-confirmed-note = Bevestigd: deze presentatie telt mee voor je klantenrijbewijs.
meeting-review-heading = Beoordelen
meeting-review-lead = Lees de laatste bijeenkomst hieronder na. Bevestig dat er is gepresenteerd, of stuur de presentatie terug met wat er nog ontbreekt.
meeting-review-comment = Opmerking
meeting-review-comment-hint = Verplicht als je terugstuurt.
meeting-review-confirm = Bevestigen dat dit is gepresenteerd
meeting-review-send-back = Terugsturen
meeting-history = Geschiedenis
meeting-history-empty = Er is nog geen bijeenkomst vastgelegd.
meeting-held = Gepresenteerd op { $date }
meeting-team-label = Team
meeting-attendees-label = Aanwezig
meeting-recorded-by = Vastgelegd door { $name } op { $at }
meeting-review-confirmed = Bevestigd door { $name } op { $at }
meeting-review-sent-back = Teruggestuurd door { $name } op { $at }
meeting-open-presentation = Naar de presentatie

notifications-title = Meldingen
notifications-empty = Je hebt geen meldingen.
notifications-unread = Ongelezen:
notifications-mark-read = Gelezen
notifications-mark-all = Alles gelezen
notifications-older = Oudere meldingen
notifications-newest = Naar de nieuwste meldingen
notification-comment = { $name } reageerde op je presentatie ‘{ $title }’
notification-recognition = { $name } herkent een wrijving in ‘{ $title }’
notification-confirmed = { $name } heeft je presentatie ‘{ $title }’ bevestigd
notification-sent-back = { $name } stuurde ‘{ $title }’ terug: { $comment }
notification-meeting = { $name } heeft ‘{ $title }’ gepresenteerd en vraagt je dat te bevestigen
to-review-heading = Te bevestigen
to-review-lead = Presentaties van je medewerkers die op je bevestiging wachten.
to-review-item = { $name }: ‘{ $title }’
bell-label = { $count ->
    [0] Geen ongelezen meldingen
    [one] 1 ongelezen melding
   *[other] { $count } ongelezen meldingen
}
