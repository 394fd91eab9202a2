# HR (issue 12): paged lists, export, employee import, audit log. Server-rendered pages only:
# this file is left out of the browser bundle (see src/i18n.rs).

paging-label = Pagina's
paging-range = { $first }–{ $last } van { $total }
paging-page = pagina { $page } van { $pages }
paging-previous = ← Vorige
paging-next = Volgende →

filter-department-all = Alle afdelingen
people-export-csv = Exporteer als CSV (Excel)
people-export-csv-comma = CSV met komma's
walk-readable-search = Zoek op persoon of klantreis
walk-readable-year = Jaar
export-col-roles = Rollen
export-col-last-login = Laatst aangemeld

# Employee import
import-title = Medewerkers importeren
import-lead = Lees een CSV-export van het HR-systeem in. Je ziet eerst precies wat er verandert; pas als je op Doorvoeren klikt wordt er iets opgeslagen.
import-file = CSV-bestand
import-file-hint = UTF-8 (met of zonder BOM), gescheiden door puntkomma's of komma's, met een kopregel. Maximaal 20 MB.
import-full-export = Dit is een volledige export (iedereen die in dienst is)
import-full-export-hint = Alleen dan worden mensen die wel in de app staan maar niet in het bestand op inactief gezet. Niemand wordt verwijderd: hun doorlopen klantreizen en licenties blijven bewaard. Laat dit uit voor een bestand met alleen nieuwe of gewijzigde mensen.
import-check = Controleren (proefdraaien)
import-busy-reading = Bestand wordt gelezen en gecontroleerd…
import-busy-applying = Wijzigingen worden doorgevoerd…
import-columns-title = Welke kolommen?
import-columns-text = Personeelsnummer, naam (of voornaam, tussenvoegsel en achternaam) en e-mail zijn verplicht; de andere kolommen mogen ontbreken. Ontbrekende afdelingen en teams worden aangemaakt. Nieuwe mensen krijgen de rollen uit de kolom Rollen, anders de rol medewerker.
import-col-number = Personeelsnummer
import-col-name = Naam
import-col-email = E-mail
import-col-department = Afdeling
import-col-team = Team
import-col-manager = E-mail leidinggevende
import-col-active = Actief
import-col-line = Regel
import-col-problem = Probleem
import-col-value = Waarde
import-yes = ja
import-no = nee
import-preview-title = Proefdraaien: wat deze import doet
import-preview-lead = Bestand: { $file }
import-nothing-written = Er is nog niets opgeslagen.
import-count-rows = { $count ->
    [one] 1 regel gelezen
   *[other] { $count } regels gelezen
}
import-count-created = { $count ->
    [one] 1 persoon wordt toegevoegd
   *[other] { $count } mensen worden toegevoegd
}
import-count-updated = { $count ->
    [one] 1 persoon wordt bijgewerkt
   *[other] { $count } mensen worden bijgewerkt
}
import-count-unchanged = { $count ->
    [one] 1 persoon blijft ongewijzigd
   *[other] { $count } mensen blijven ongewijzigd
}
import-count-deactivated = { $count ->
    [one] 1 persoon wordt op inactief gezet
   *[other] { $count } mensen worden op inactief gezet
}
import-count-errors = { $count ->
    [one] 1 fout
   *[other] { $count } fouten
}
import-not-full = Geen volledige export: niemand wordt op inactief gezet omdat hij in het bestand ontbreekt.
import-new-teams = Nieuwe afdelingen en teams (worden aangemaakt)
import-new-department = Afdeling { $name }
import-created-title = Wordt toegevoegd
import-updated-title = Wordt bijgewerkt
import-deactivated-title = Wordt op inactief gezet (blijft bewaard)
import-errors-title = Fouten per regel
import-line = regel { $line }
import-more = { $count ->
    [one] en nog 1
   *[other] en nog { $count }
}
import-apply-explain = Doorvoeren schrijft alles in één keer, of niets als er intussen iets niet meer klopt. De import komt in het auditlog.
import-apply = Doorvoeren
import-again = Ander bestand kiezen
import-fix-first = Verbeter eerst de fouten in het bestand en lees het opnieuw in. Zolang er fouten zijn wordt er niets opgeslagen.
import-applied = Import doorgevoerd: { $created } toegevoegd, { $updated } bijgewerkt, { $deactivated } op inactief gezet.
import-error-no-file = Kies een CSV-bestand.
import-error-too-large = Het bestand is te groot of kwam niet volledig aan (maximaal 20 MB).
import-error-encoding = Het bestand is geen UTF-8. Sla het in Excel op als "CSV UTF-8 (door komma's gescheiden)".
import-error-empty = Het bestand is leeg.
import-error-columns = Deze verplichte kolommen ontbreken in de kopregel: { $detail }.
import-error-malformed = Het bestand is geen geldige CSV (bijvoorbeeld een aanhalingsteken dat niet gesloten wordt) vanaf regel { $detail }.
import-error-not-clean = Het bestand bevat (nu) fouten; er is niets opgeslagen. Bekijk de proefdraai opnieuw.
import-error-number-missing = Personeelsnummer ontbreekt.
import-error-name-missing = Naam ontbreekt.
import-error-email-missing = E-mailadres ontbreekt.
import-error-number = Ongeldig personeelsnummer (letters, cijfers en streepjes, maximaal 20 tekens).
import-error-name = Ongeldige naam.
import-error-email = Ongeldig e-mailadres.
import-error-team-missing = Afdeling zonder team.
import-error-department-missing = Team zonder afdeling.
import-error-team-name = Ongeldige naam van afdeling of team.
import-error-manager-email = Ongeldig e-mailadres van de leidinggevende.
import-error-active = Onbekende waarde voor actief (gebruik ja of nee).
import-error-duplicate-email = Dit e-mailadres staat al eerder in het bestand (regel tussen haakjes).
import-error-duplicate-number = Dit personeelsnummer staat al eerder in het bestand (regel tussen haakjes).
import-error-email-taken = Dit e-mailadres hoort bij iemand anders in de app.
import-error-same-person = Deze regel en een eerdere regel zijn dezelfde persoon (regel tussen haakjes).
import-error-unknown-manager = Leidinggevende onbekend: niet in het bestand en niet in de app.
import-error-manager-loop = Leidinggevenden vormen een kring.
import-error-deactivate-self = Je staat zelf niet in deze volledige export; je zou jezelf op inactief zetten.

# Audit log
audit-title = Auditlog
audit-lead = Elke licentiebeslissing, intrekking, wijziging van instellingen, import, rolwijziging en herinnering: wie, wanneer en wat. Niemand kan dit aanpassen of verwijderen.
audit-caption = Gebeurtenissen, nieuwste eerst
audit-empty = Geen gebeurtenissen bij dit filter.
audit-col-when = Wanneer
audit-col-action = Wat
audit-col-actor = Door
audit-col-subject = Over
audit-col-detail = Details
audit-from = Vanaf
audit-to = Tot en met
audit-system = Systeem
audit-action-all = Alle acties
audit-newest = ← Nieuwste
audit-older = Ouder →
audit-action-licence_signed_off = Licentie afgetekend
audit-action-licence_sent_back = Licentie teruggestuurd
audit-action-licence_certified = Licentie handmatig toegekend
audit-action-licence_revoked = Licentie ingetrokken
audit-action-settings_changed = Instellingen gewijzigd
audit-action-import_applied = Import doorgevoerd
audit-action-role_changed = Rollen gewijzigd
audit-action-nudge = Herinnering verstuurd
# The detail fields of an audit event (domain::audit::DETAIL_FIELDS).
audit-key-period_id = Licentieperiode (nr.)
audit-key-valid_from = Geldig vanaf
audit-key-valid_through = Geldig t/m
audit-key-walkthrough_id = Gelopen klantreis (nr.)
audit-key-reason = Reden
audit-key-comment = Toelichting
audit-key-before = Voor
audit-key-after = Na
audit-key-file = Bestand
audit-key-full_export = Volledige export
audit-key-rows = Regels
audit-key-created = Toegevoegd
audit-key-updated = Bijgewerkt
audit-key-deactivated = Gedeactiveerd
audit-key-departments_created = Nieuwe afdelingen
audit-key-teams_created = Nieuwe teams
audit-key-count = Aantal
audit-key-filter = Filter
