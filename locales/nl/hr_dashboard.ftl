# HR dashboard (issue 12): dekking, de mensen achter een getal, herinneringen.
nav-dashboard = Dashboard
dash-title = Dekking klantenrijbewijs
dash-lead = Wie heeft een geldig klantenrijbewijs, per afdeling en team, en hoe dat zich ontwikkelt.
dash-scope-team = Je ziet alleen je eigen team (je directe medewerkers).
dash-link-import = Medewerkers importeren
dash-link-audit = Auditlog
dash-manager = Leidinggevende
dash-manager-all = Alle leidinggevenden
dash-summary = Samenvatting
dash-covered-of = gedekt: { $covered } van { $total } actieve medewerkers
dash-grace-counts = Mensen in de respijtperiode tellen mee als gedekt.
dash-grace-not = Mensen in de respijtperiode tellen niet mee als gedekt.
dash-all-people = Alle { $total } medewerkers bekijken
dash-teams = Per afdeling en team
dash-no-team = Zonder team
dash-col-team = Afdeling / team
dash-col-people = Medewerkers
dash-col-percent = Gedekt %
dash-col-covered = Gedekt
dash-col-month = Maand
dash-col-action = Actie
dash-trend-title = Dekking de afgelopen 12 maanden
dash-trend-table = Dekking per maand als tabel
dash-trend-summary = { $change ->
    [up] Dekking gestegen van { $from_pct }% eind { $from } naar { $to_pct }% eind { $to }.
    [down] Dekking gedaald van { $from_pct }% eind { $from } naar { $to_pct }% eind { $to }.
   *[same] Dekking gelijk gebleven: { $to_pct }% eind { $from } en eind { $to }.
}
dash-trend-one = Dekking eind { $to }: { $to_pct }%. Eerdere maanden hebben nog geen medewerkers.
dash-trend-empty = Nog geen gegevens over de afgelopen maanden.
dash-people-title = Medewerkers en hun rijbewijs
dash-people-lead = Zoek, sorteer en exporteer; stuur een herinnering.
dash-back = Terug naar het dashboard
dash-status-all = Alle statussen
dash-sort = Sorteren
dash-sort-name = Naam (A–Z)
dash-sort-name-desc = Naam (Z–A)
dash-sort-through = Geldig tot (eerst)
dash-sort-through-desc = Geldig tot (laatst)
dash-nudge = Herinnering sturen
dash-nudge-one = Herinnering sturen aan { $name }
dash-nudge-all = Iedereen in deze lijst een herinnering sturen
dash-nudge-title = Herinnering sturen
dash-nudge-confirm = { $count } mensen krijgen een herinnering.
dash-nudge-send = Herinnering sturen
dash-cancel = Annuleren
dash-teams-table = Tabel met de dekking per team
