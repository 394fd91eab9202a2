# Licences moved over from an old register, in bulk.
licence-import-title = Rijbewijzen uit een oud register
licence-import-lead = Een CSV met per rij de houder (personeelsnummer of e-mail), geldig vanaf, geldig tot en met en een reden. Elke rij wordt een handmatige certificering met die data, ook als die al verlopen is. Eerst een controle, daarna pas doorvoeren.
licence-import-file = Registerbestand (CSV)
licence-import-file-hint = Datums als 2025-03-01 of 1-3-2025. Eén rij per periode.
licence-import-col-holder = Houder
licence-import-col-from = Geldig vanaf
licence-import-col-through = Geldig tot en met
licence-import-col-reason = Reden
licence-import-preview-title = Controle van het rijbewijsregister
licence-import-periods = Periodes die worden vastgelegd
licence-import-expired = (verlopen)
licence-import-apply-explain = Alle periodes worden in één keer vastgelegd als handmatige certificering, met een regel in het auditlog per periode. Lukt één periode niet, dan wordt niets vastgelegd.
licence-import-count = { $count ->
    [one] 1 periode
   *[other] { $count } periodes
}
licence-import-applied = { $count ->
    [one] 1 rijbewijsperiode overgenomen.
   *[other] { $count } rijbewijsperiodes overgenomen.
}
licence-import-error-holder-missing = Houder ontbreekt
licence-import-error-holder-unknown = Onbekende houder (geen personeelsnummer of e-mailadres van iemand hier)
licence-import-error-holder-inactive = Deze houder is niet meer actief
licence-import-error-date = Ongeldige datum (gebruik 2025-03-01 of 1-3-2025)
licence-import-error-order = Geldig tot en met ligt vóór geldig vanaf
licence-import-error-overlap = Overlapt een periode die deze persoon al heeft
licence-import-error-overlap-file = Overlapt een periode eerder in het bestand (regel)
licence-import-check = Register controleren
