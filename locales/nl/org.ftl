# Organisation upkeep: rename, merge and remove departments and teams.
error-last-admin = Dit is de laatste actieve beheerder: maak eerst iemand anders beheerder.
audit-action-admin_restored = Beheerder aangemaakt of hersteld (create-admin)
audit-action-org_changed = Organisatie gewijzigd
audit-key-managers_review = Leidinggevenden worden beoordelaar
audit-key-roles_changed = Rollen gewijzigd
audit-key-kept = Actief gebleven
audit-key-kind = Wijziging
audit-key-name = Naam
audit-key-into = Samengevoegd met
audit-key-moved = Verplaatst

# create-admin on the command line
cli-admin-created = Beheerder { $email } aangemaakt (id { $id }).
cli-admin-restored = Beheerder { $email } hersteld (id { $id }): actief, rol beheerder, nieuw wachtwoord. Eerdere sessies zijn beëindigd.
cli-admin-conflict = Het e-mailadres hoort bij persoon { $email_id } en het personeelsnummer bij persoon { $number_id }. Gebruik de gegevens van één persoon.
cli-admin-password-prompt = Wachtwoord voor de beheerder: 
cli-admin-invalid = { $field }: { $message }
cli-admin-failed = Beheerder aanmaken mislukt: { $reason }

# The organisation page's upkeep forms
org-saved = Opgeslagen.
org-whole-department = { $name } (hele afdeling)
org-upkeep-title = Afdelingen en teams onderhouden
org-rename = Naam wijzigen
org-rename-target = Afdeling of team
org-rename-name = Nieuwe naam
org-rename-submit = Naam wijzigen
org-merge = Samenvoegen
org-merge-hint = De mensen, klantreisstappen en bevindingen van het eerste team gaan naar het tweede; het eerste team verdwijnt. Bij afdelingen gaan de teams mee (een team met dezelfde naam wordt samengevoegd).
org-merge-source = Samenvoegen
org-merge-into = met
org-merge-submit = Samenvoegen
org-remove = Verwijderen
org-remove-hint = Alleen een leeg team (niemand erin, ook geen inactieve mensen, en geen stappen) of een afdeling zonder teams.
org-remove-target = Afdeling of team
org-remove-submit = Verwijderen
org-error-merge-self = Kies twee verschillende teams of afdelingen.
org-error-merge-kind = Voeg een team samen met een team, of een afdeling met een afdeling.
org-error-team-not-empty = In dit team zitten nog mensen (ook inactieve tellen mee). Verplaats ze of voeg het team samen met een ander.
org-error-team-in-use = Dit team is eigenaar van klantreisstappen, bevindingen of presentaties. Voeg het samen met een ander team.
org-error-department-not-empty = Deze afdeling heeft nog teams. Verwijder of verplaats die eerst, of voeg de afdeling samen met een andere.
