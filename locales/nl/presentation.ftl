# Presentaties: maken uit een klantreis, bewerken en presenteren.
presentation-status-draft = Concept
presentation-status-presented = Gepresenteerd
presentation-status-confirmed = Bevestigd
presentation-status-sent-back = Teruggestuurd
presentation-visibility-team = Mijn team
presentation-visibility-organisation = De hele organisatie
slide-title = Titel
slide-introduction = Inleiding
slide-scenario = Scenario
slide-curve = Emotiecurve
slide-finding = Bevinding
slide-suggestions = Suggesties
slide-key-message = Kernboodschap
slide-recommendations = Aanbevelingen
presentation-error-walk-not-completed = Een presentatie maak je van een afgeronde klantreis.
presentation-error-confirmed = Je reviewer heeft deze presentatie bevestigd; je kunt hem niet meer wijzigen.
error-invalid-date = Vul een datum in als jjjj-mm-dd.

# Present mode
present-slide-label = Dia { $number } van { $total }
present-walked-on = Klantreis gelopen op { $date }
present-step-phase = Stap { $number }: { $step } · { $phase }
present-principles = Principes van een goede klantervaring
present-suggestions-none = Er zijn geen suggesties bij de getoonde bevindingen.
present-finding-missing = Deze bevinding is niet meer te vinden.
present-notes = Sprekersnotities
present-previous = Vorige dia
present-next = Volgende dia
present-slide-nav = Naar de vorige of volgende dia (dia { $number })
present-fullscreen = Volledig scherm
present-notes-toggle = Notities
present-notes-window = Sprekersnotities in apart venster
present-notes-window-title = Sprekersnotities: { $title }
present-back = Terug naar de presentatie
present-controls = Bediening van de presentatie
present-hint = Blader met de pijltjestoetsen of veeg over de dia. Esc sluit de presentatie.
