# Journey screens.
phase-orientatie = Oriëntatie
phase-transactie = Transactie
phase-afname = Afname
phase-service = Service
phase-loyaliteit = Loyaliteit
channel-website = Website
channel-app = App
channel-phone = Telefoon
channel-email = E-mail
channel-letter = Brief
channel-chat = Chat
channel-branch = Kantoor of winkel
channel-social = Social media
channel-other = Anders
journey-status-draft = Concept
journey-status-live = Live
journey-status-retired = Vervallen
journey-error-no-steps = Voeg eerst minstens één stap toe.
journey-error-not-draft = Deze versie is gepubliceerd of vervallen en staat vast, omdat klantreizen van medewerkers ernaar verwijzen. Maak een nieuwe versie om iets te wijzigen.
journey-error-not-live = Alleen een live versie kun je intrekken of als basis voor een nieuwe versie gebruiken.
journey-error-draft-exists = Er is al een concept van deze klantreis. Werk dat concept verder uit.

## Navigatie en catalogus
nav-journeys = Klantreizen
journeys-title = Klantreizen
journeys-lead = De klantreizen die medewerkers lopen, met al hun versies. Alleen een concept kun je wijzigen; een live versie staat vast zodat eerdere klantreizen blijven kloppen.
journeys-new = Nieuwe klantreis
journeys-empty = Er zijn nog geen klantreizen. Maak de eerste aan met "Nieuwe klantreis".
journey-versions-of = Versies van { $title }
journey-version = Versie { $version }
journey-title-version = { $title } (versie { $version })
journey-step-count =
    { $count ->
        [one] 1 stap
       *[other] { $count } stappen
    }
journey-last-change = gewijzigd { $at }
journey-crumbs-label = Kruimelpad
journey-back-to-journey = Terug naar de klantreis

## Detail
journey-brief = Briefing voor de medewerker
journey-versions = Versies
journey-edit-fields = Gegevens bewerken
journey-publish = Publiceren
journey-new-version = Nieuwe versie maken
journey-open-draft = Naar het concept
journey-retire = Intrekken
journey-draft-explained = Dit is een concept. Medewerkers zien het pas na publiceren. Voeg stappen toe, zet ze in de goede volgorde en publiceer.
journey-draft-replaces = Dit is een concept. Publiceren vervangt live versie { $version }; klantreizen die medewerkers al op versie { $version } liepen, blijven ongewijzigd.
journey-live-explained = Deze versie is live: medewerkers kunnen hem lopen. Hij staat vast. Wil je iets wijzigen, maak dan een nieuwe versie; die kun je bewerken en daarna publiceren.
journey-retired-explained = Deze versie is vervallen en alleen nog te lezen, omdat eerdere klantreizen van medewerkers ernaar verwijzen.
journey-phase-empty = Nog geen stappen in deze fase.
journey-step-number = Stap { $number }
journey-step-up = Omhoog
journey-step-down = Omlaag
journey-step-edit = Bewerken
journey-step-remove = Verwijderen
journey-no-team-set = Nog geen team
journey-add-step = Stap toevoegen
journey-add-step-lead = Een nieuwe stap komt achteraan in de gekozen fase. Daarna kun je hem verplaatsen.
journey-add-step-submit = Stap toevoegen
journey-created = De klantreis is aangemaakt als concept. Voeg nu de stappen toe.
journey-saved = De wijzigingen zijn opgeslagen.
journey-published = De klantreis is gepubliceerd. Medewerkers kunnen hem nu lopen.
journey-drafted = Er is een nieuwe conceptversie gemaakt met alle stappen. De live versie blijft ongewijzigd tot je dit concept publiceert.
journey-retired = De klantreis is ingetrokken. Er kunnen geen nieuwe klantreizen meer op deze versie starten.
journey-step-added = De stap is toegevoegd.
journey-step-removed = De stap is verwijderd.

## Formulieren
journey-new-title = Nieuwe klantreis
journey-edit-title = { $title } bewerken (versie { $version })
journey-form-lead = Beschrijf de klantreis zoals de klant hem beleeft, en geef de medewerker alles wat nodig is om hem als klant te lopen.
journey-create = Klantreis aanmaken
journey-field-title = Titel in de woorden van de klant
journey-field-title-hint = Bijvoorbeeld: Ik wil schade melden.
journey-field-product-line = Product
journey-field-product-line-hint = Bijvoorbeeld: Autoverzekering.
journey-field-year = Jaar
journey-field-year-hint = Het jaar waarin medewerkers deze versie lopen.
journey-field-persona = Persona
journey-field-persona-hint = Wie is de klant? Leeftijd, situatie, wat voor iemand.
journey-field-goal = Doel van de klant
journey-field-goal-hint = Wat wil de klant aan het eind bereikt hebben?
journey-field-scenario = Scenario
journey-field-scenario-hint = Wat doet de medewerker alsof? Welke testgegevens (polisnummer, kenteken, account) gebruikt hij of zij?
journey-field-rules = Spelregels
journey-field-rules-hint = Bijvoorbeeld: gebruik het testpolisnummer, maak een afsluiting daarna ongedaan, upload nooit echte klantgegevens, zeg niet dat je hier werkt tenzij je vastloopt.
journey-step-edit-title = Stap bewerken
journey-step-phase = Fase
journey-step-channel = Kanaal
journey-step-title = Stap in de woorden van de klant
journey-step-title-hint = Bijvoorbeeld: Ik wil weten wat het kost.
journey-step-instructions = Wat doe je als klant?
journey-step-instructions-hint = Wat de medewerker in deze stap doet, concreet genoeg om zonder hulp te beginnen.
journey-step-promise = Belofte aan de klant
journey-step-promise-hint = Wat mag de klant hier verwachten? Maak het toetsbaar, bijvoorbeeld: Binnen 2 minuten een premie zien zonder persoonsgegevens.
journey-step-team = Eigenaar (team)
journey-choose-phase = — Kies een fase —
journey-choose-channel = — Kies een kanaal —
journey-no-team = — Nog geen team —
journey-step-remove-title = Stap verwijderen?
journey-step-remove-text = De stap verdwijnt uit dit concept. Dat kan niet ongedaan worden gemaakt; eerdere versies houden hun stappen.
journey-step-remove-confirm = Ja, verwijder deze stap
journey-retire-title = Klantreis intrekken?
journey-retire-text = Medewerkers kunnen deze versie dan niet meer kiezen voor een nieuwe klantreis. Klantreizen die al lopen of klaar zijn, blijven bewaard en zichtbaar. Je kunt later een nieuwe versie maken en die publiceren.
journey-retire-confirm = Ja, trek deze versie in
home-card-journeys = Schrijf en onderhoud de klantreizen die medewerkers lopen: stappen, beloftes en spelregels.
