# Nederlands (standaardtaal). Houd de termen uit de klantreis in het Nederlands.
app-name = Klantenrijbewijs
skip-to-content = Naar de inhoud
footer-text = Klantenrijbewijs — elk jaar zelf de klantreis lopen, zodat we zien wat onze klanten zien.

## Navigatie
nav-label = Hoofdmenu
nav-menu = Menu
nav-people-overview = Medewerkers
nav-admin-people = Mensen beheren
nav-organisation = Organisatie
nav-account = Mijn account
nav-sign-out = Afmelden
language-nl = Nederlands
language-en = English

## Rollen
role-employee = Medewerker
role-reviewer = Beoordelaar (teamleider)
role-hr = HR
role-admin = Beheerder
role-cx = Klantbeleving (CX)

## Aanmelden
login-title = Aanmelden
login-lead = Meld je aan met je zakelijke e-mailadres.
login-submit = Aanmelden
demo-accounts-title = Demo-accounts
demo-accounts-password = Alle demo-accounts gebruiken het wachtwoord { $password }.

## Start
home-welcome = Welkom, { $name }
home-lead = Eén keer per jaar loop je zelf de klantreis, net als een klant. Zo houd je je klantenrijbewijs geldig.
home-steps-title = Zo werkt het klantenrijbewijs
home-step-walk = Kies een klantreis en loop die stap voor stap, als klant: offerte aanvragen, schade melden, bellen met de klantenservice.
home-step-record = Leg per stap vast hoe het voelde, hoeveel moeite het kostte en waar het wrong — en wat juist goed ging.
home-step-present = Presenteer je bevindingen aan je team, zodat iedereen ervan leert.
home-step-renew = Je teamleider tekent af en je rijbewijs is weer een jaar geldig.
home-profile-title = Jouw gegevens
home-shortcuts = Snel naar
home-card-people-overview = Bekijk alle medewerkers per team en afdeling.
home-card-admin-people = Voeg mensen toe, wijzig gegevens en rollen, of zet accounts op inactief.
home-card-organisation = Beheer afdelingen en teams.
home-card-account = Bekijk je gegevens en wijzig je wachtwoord.

## Account
account-title = Mijn account
account-lead = Je bent aangemeld als { $email }.
account-password-title = Wachtwoord wijzigen
account-password-submit = Wachtwoord wijzigen
account-password-saved = Je wachtwoord is gewijzigd.
password-hint = Minstens 10 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.

## Mensen
people-overview-title = Medewerkers
people-overview-lead = Alle medewerkers per team, met hun rol en status.
admin-people-title = Mensen beheren
admin-people-lead = Voeg medewerkers toe, wijs rollen toe en zet vertrokken collega's op inactief.
admin-people-new = Persoon toevoegen
people-empty = Geen mensen gevonden die aan je zoekopdracht voldoen.
people-table-caption = Mensen
people-count =
    { $count ->
        [one] 1 persoon
       *[other] { $count } personen
    }
filter-label = Mensen zoeken
filter-search = Zoeken op naam, e-mail of personeelsnummer
filter-team-all = Alle teams
filter-status = Status
filter-status-all = Iedereen
filter-status-active = Actief
filter-status-inactive = Inactief
filter-apply = Toon
status-active = Actief
status-inactive = Inactief
never = Nooit

## Persoonsformulier
person-new-title = Persoon toevoegen
person-edit-title = { $name } bewerken
person-create = Persoon toevoegen
person-saved = De gegevens zijn opgeslagen.
person-timestamps = Aangemaakt { $created } · laatst gewijzigd { $updated }
field-name = Naam
field-email = E-mailadres
field-password = Wachtwoord
field-employee-number = Personeelsnummer
employee-number-hint = Letters, cijfers en streepjes, bijvoorbeeld DV-1042.
field-team = Team
field-department = Afdeling
field-manager = Leidinggevende
field-language = Voorkeurstaal
field-roles = Rollen
field-status = Status
field-last-login = Laatst aangemeld
field-active = Account actief
active-hint = Een inactieve persoon kan niet aanmelden. Gegevens en eerdere klantreizen blijven bewaard.
field-initial-password = Eerste wachtwoord
field-new-password = Nieuw wachtwoord
field-current-password = Huidig wachtwoord
field-confirm-password = Herhaal nieuw wachtwoord
password-initial-hint = Minstens 10 tekens. Zonder wachtwoord kan deze persoon nog niet aanmelden.
password-keep-hint = Laat leeg om het huidige wachtwoord te houden.
optional = (optioneel)
choice-none = — Geen —
choice-select = — Kies —
save = Opslaan
cancel = Annuleren

## Organisatie
org-title = Organisatie
org-lead = Afdelingen en hun teams. Teams zijn eigenaar van stappen in de klantreis.
org-add-team = Team toevoegen
org-add-team-submit = Team toevoegen
org-add-department = Afdeling toevoegen
org-add-department-submit = Afdeling toevoegen
field-team-name = Naam van het team
field-department-name = Naam van de afdeling

## Foutpagina's
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar het overzicht.
forbidden-title = Geen toegang
forbidden-text = Je hebt geen rechten om deze pagina te bekijken. Denk je dat dit niet klopt? Vraag het je beheerder.
back-home = Naar het overzicht

## Foutmeldingen
error-required = Dit veld is verplicht.
error-too-long = Dit is te lang.
error-name-too-short = Vul een volledige naam in.
error-email-invalid = Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.
error-email-taken = Er is al iemand met dit e-mailadres.
error-employee-number-invalid = Gebruik alleen letters, cijfers en streepjes (maximaal 20 tekens).
error-employee-number-taken = Dit personeelsnummer is al in gebruik.
error-invalid-choice = Kies een van de mogelijkheden.
error-roles-required = Kies minstens één rol.
error-manager-cycle = Deze keuze maakt een kring: iemand zou zijn eigen leidinggevende worden.
error-cannot-deactivate-self = Je kunt je eigen account niet op inactief zetten.
error-cannot-drop-own-admin = Je kunt je eigen beheerdersrol niet intrekken.
error-name-taken = Deze naam bestaat al.
error-password-too-short = Kies een wachtwoord van minstens 10 tekens.
error-password-mismatch = De twee wachtwoorden zijn niet gelijk.
error-password-wrong = Dit is niet je huidige wachtwoord.
error-validation = Niet alles is goed ingevuld. Bekijk de gemarkeerde velden.
error-invalid-credentials = Het e-mailadres of wachtwoord klopt niet.
error-too-many-attempts = Te veel mislukte pogingen om aan te melden. Wacht een paar minuten en probeer het dan opnieuw.
error-unauthenticated = Je bent niet (meer) aangemeld. Meld je opnieuw aan.
error-forbidden = Je hebt geen rechten voor deze actie.
error-not-found = Dit bestaat niet (meer).
error-bad-request = Het verzoek was onvolledig. Probeer het opnieuw.
error-internal = Er ging iets mis aan onze kant. Probeer het later opnieuw; je invoer is niet opgeslagen.
error-network = Geen verbinding met de server. Controleer je verbinding en probeer het opnieuw.
error-out-of-range = Dit getal valt buiten het toegestane bereik.
error-not-a-number = Vul een heel getal in.
error-version-conflict = Dit is intussen ergens anders gewijzigd (bijvoorbeeld in een ander tabblad). Jouw invoer staat er nog; laad de nieuwste versie en voeg hem opnieuw in.
error-refused = Dit kan nu niet.

# Character counter under a text area with a limit; # stands for the number.
char-count-left-one = Nog 1 teken over
char-count-left = Nog { $n } tekens over
char-count-over-one = 1 teken te veel
char-count-over = { $n } tekens te veel
number-group-separator = .
