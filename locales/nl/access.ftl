# Getting in: invitations, "wachtwoord vergeten", choosing a password, the temporary password,
# HR's invitation list (src/pages/password.rs, src/pages/hr_invitations.rs, src/mail/access.rs).

login-forgot = Wachtwoord vergeten?

forgot-title = Wachtwoord vergeten
forgot-lead = Vul je e-mailadres in. Hoort het bij een account, dan sturen we een link waarmee je een nieuw wachtwoord kiest. De link werkt één uur.
forgot-submit = Stuur de link
forgot-back = Terug naar aanmelden
forgot-sent = Als dit adres bij een account hoort, is er nu een e-mail onderweg met een link om een nieuw wachtwoord te kiezen. De link werkt één uur. Niets ontvangen? Kijk ook in je map met ongewenste e-mail.

set-password-title = Kies een nieuw wachtwoord
set-password-lead = Kies een wachtwoord van minstens 10 tekens. Daarna ben je aangemeld; op andere apparaten word je afgemeld.
set-password-welcome = Welkom, { $name }
set-password-welcome-lead = Kies een wachtwoord van minstens 10 tekens om Klantenrijbewijs te gebruiken. Daarna ben je meteen aangemeld.
set-password-submit = Wachtwoord opslaan en aanmelden
set-password-dead-title = Deze link werkt niet meer
set-password-new-link = Vraag een nieuwe link aan

access-error-link-invalid = Deze link is al gebruikt of verlopen. Vraag een nieuwe link aan, of vraag HR om een nieuwe uitnodiging.
access-error-change-password = Je wachtwoord is tijdelijk: kies eerst een eigen wachtwoord op de pagina Account.
access-error-invited-today = Deze persoon heeft de afgelopen 24 uur al een uitnodiging gekregen. Probeer het morgen opnieuw.
access-error-has-password = Deze persoon heeft al een wachtwoord en hoeft niet uitgenodigd te worden.
access-error-mail-off = Er is geen mailserver ingesteld (SMTP_URL), dus er kan geen uitnodiging verstuurd worden.
access-error-same-password = Kies een ander wachtwoord dan het tijdelijke.

account-password-temporary = Je wachtwoord is door een beheerder ingesteld en tijdelijk. Kies nu een eigen wachtwoord; daarna werkt de rest van de app weer.

person-invite = Uitnodiging sturen
person-invite-hint = De persoon krijgt een e-mail in de gekozen taal met een link om zelf een wachtwoord te kiezen. Vul je hieronder een wachtwoord in, dan wordt er geen uitnodiging gestuurd.
person-password-initial-temporary-hint = Liever een uitnodiging. Minstens 10 tekens; dit wachtwoord is tijdelijk: de persoon moet het bij de eerste aanmelding vervangen.
person-password-temporary-hint = Laat leeg om het huidige wachtwoord te houden. Een wachtwoord dat je voor iemand anders invult is tijdelijk: de persoon moet het bij de volgende aanmelding vervangen.

invitations-link = Uitnodigingen
invitations-title = Uitnodigingen
invitations-lead = Actieve medewerkers die nog geen eigen wachtwoord hebben gekozen. Een uitnodiging kan één keer per dag opnieuw gestuurd worden.
invitations-col-status = Uitnodiging
invitations-col-action = Actie
invitations-status-all = Alle
invitations-status-pending = Verstuurd, nog niet geaccepteerd
invitations-status-expired = Verlopen
invitations-status-never = Nooit uitgenodigd
invitations-sent-until = verstuurd { $sent }, link geldig tot { $until }
invitations-resend = Opnieuw sturen
invitations-resend-label = Uitnodiging opnieuw sturen aan { $name }
invitations-resent = De uitnodiging is opnieuw verstuurd.
invitations-empty = Iedereen heeft een eigen wachtwoord gekozen.

mail-invite-subject = Welkom bij Klantenrijbewijs: kies je wachtwoord
mail-invite-lead = Je hebt een account bij Klantenrijbewijs, waarmee je je klantenrijbewijs haalt en verlengt.
mail-invite-steps = Kies via de link hieronder je eigen wachtwoord; daarna ben je meteen aangemeld. De link werkt één keer en tot { $date }.
mail-invite-later = Daarna meld je je aan op { $link } met je e-mailadres en dat wachtwoord.
mail-invite-button = Kies je wachtwoord
mail-reset-subject = Nieuw wachtwoord voor Klantenrijbewijs
mail-reset-lead = Iemand (hopelijk jij) vroeg een nieuw wachtwoord aan voor je account. Via de link hieronder kies je een nieuw wachtwoord; de link werkt één keer en één uur lang.
mail-reset-ignore = Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft hetzelfde.
mail-reset-button = Kies een nieuw wachtwoord

audit-action-invitation_sent = Uitnodiging verstuurd
audit-action-invitation_accepted = Uitnodiging geaccepteerd
audit-action-password_reset_requested = Nieuw wachtwoord aangevraagd
audit-action-password_reset_completed = Nieuw wachtwoord gekozen
audit-action-password_set_by_admin = Wachtwoord ingesteld door beheerder
audit-key-valid_until = Link geldig tot
audit-key-resent = Opnieuw verstuurd
audit-key-with_reminder = Met een herinnering
audit-key-temporary = Tijdelijk
