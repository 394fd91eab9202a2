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
