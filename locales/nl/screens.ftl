# De hoofdnavigatie (groepen per rol) en teksten die een pagina voor de lezer schrijft.
nav-group-mine = Mijn rijbewijs
nav-group-team = Mijn team
nav-group-hr = HR
nav-group-admin = Beheer
nav-licence-status = Status en voortgang
nav-team-dashboard = Dekking van mijn team
nav-import = Medewerkers importeren
nav-invitations = Uitnodigingen
nav-audit = Auditlog

audit-filter-department = Afdeling (nr.)
audit-filter-team = Team (nr.)
audit-filter-manager = Leidinggevende (nr.)
audit-filter-status = Status
audit-filter-q = Zoekterm

# Een rijbewijspagina gelezen door de leidinggevende (-manager) of HR (-hr), of door allebei (-other).
licence-text-never-manager = { $name } heeft nog geen klantenrijbewijs. Het eerste verdient { $name } met een klantreis, een presentatie en jouw aftekening.
licence-text-never-hr = { $name } heeft nog geen klantenrijbewijs en moet het eerste nog halen: een klantreis, een presentatie en de aftekening door de leidinggevende.
licence-text-days-left-other = Nog { $days } dagen. Het verlengvenster gaat open op { $opens }.
licence-text-renewal-due-manager = Nog { $days } dagen. { $name } kan nu verlengen; jij tekent af als de stappen hieronder klaar zijn.
licence-text-renewal-due-hr = Nog { $days } dagen. Het verlengvenster is open; de leidinggevende tekent af als de stappen klaar zijn.
licence-text-in-grace-other = Verlopen na { $date }. In de respijtperiode t/m { $until } kan { $name } nog verlengen voordat het rijbewijs als verlopen telt.
licence-text-expired-other = Verlopen na { $date }. Een nieuw rijbewijs verdient { $name } met een nieuwe klantreis, presentatie en aftekening.
licence-text-revoked-other = Het rijbewijs van { $name } is ingetrokken. Een nieuw rijbewijs verdient { $name } met een nieuwe klantreis en presentatie.
licence-checklist-first = Zo verdien je je eerste klantenrijbewijs.
licence-checklist-first-other = Zo verdient { $name } het eerste klantenrijbewijs.
licence-checklist-window-other = Het rijbewijs is geldig. De stappen voor verlenging tellen vanaf { $opens }.
licence-reviewer-unknown-other = de leidinggevende
licence-step-walkthrough-continue-other = Bezig met een klantreis
licence-step-walkthrough-start-other = Nog geen klantreis begonnen
licence-step-presentation-draft-other = Presentatie in voorbereiding
licence-step-presentation-make-other = Nog geen presentatie gemaakt
licence-step-confirmation-other = Bevestigd door de leidinggevende
licence-step-confirmation-record-other = Nog niet vastgelegd wanneer en aan wie is gepresenteerd
licence-step-sign-off-later-manager = Jij tekent af als de stappen hierboven klaar zijn
licence-step-sign-off-ready-manager = Klaar: jij kunt aftekenen
licence-decide-not-ready-first = Aftekenen kan als er een afgeronde klantreis is met een bevestigde presentatie.
