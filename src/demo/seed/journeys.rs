//! The demo journeys: three live journeys of Dijkhuis Verzekeringen and one draft, so the
//! catalogue and the walkthrough screens have something real to show on first start.

use crate::domain::journey::{Channel, JourneyStatus, Phase};

/// The year the demo journeys are written for.
pub(super) const DEMO_JOURNEY_YEAR: i64 = 2026;

/// Who curates the demo journeys (the cx account).
pub(super) const DEMO_CURATOR: &str = "wouter.brouwer@dijkhuis.example";

pub(super) struct DemoJourney {
    pub(super) title: &'static str,
    pub(super) product_line: &'static str,
    pub(super) persona: &'static str,
    pub(super) goal: &'static str,
    pub(super) scenario: &'static str,
    pub(super) rules: &'static str,
    pub(super) status: JourneyStatus,
    pub(super) steps: &'static [DemoStep],
}

pub(super) struct DemoStep {
    pub(super) phase: Phase,
    pub(super) title: &'static str,
    pub(super) instructions: &'static str,
    pub(super) channel: Channel,
    pub(super) promise: &'static str,
    /// name of a team in `ORGANISATION`
    pub(super) team: &'static str,
}

pub(super) const fn s(
    phase: Phase,
    channel: Channel,
    team: &'static str,
    title: &'static str,
    instructions: &'static str,
    promise: &'static str,
) -> DemoStep {
    DemoStep {
        phase,
        title,
        instructions,
        channel,
        promise,
        team,
    }
}

use Channel::{App, Chat, Email as Mail, Letter, Phone, Website};
use Phase::{Afname, Loyaliteit, Orientatie, Service, Transactie};

/// House rules for a demo journey that needs no special test account or undo step.
pub(super) const COMMON_RULES: &str = "Gebruik alleen de testgegevens uit dit scenario en nooit echte klantgegevens, ook niet die van jezelf of familie.\n\
Upload geen echte documenten, foto's van echte schade of kentekens van echte auto's van anderen.\n\
Zeg niet dat je bij Dijkhuis werkt. Loop je echt vast, zeg het dan pas en noteer dat als wrijving.\n\
Wat je meemaakt schrijf je meteen op, ook als het klein lijkt.";

pub(super) const JOURNEYS: &[DemoJourney] = &[
    DemoJourney {
        title: "Ik wil mijn auto verzekeren",
        product_line: "Autoverzekering",
        persona: "Sarah (34) woont in Amersfoort, werkt drie dagen per week en heeft net een tweedehands Volkswagen Polo uit 2019 gekocht. Ze had haar vorige auto bij een andere verzekeraar en heeft 6 schadevrije jaren. Ze regelt alles het liefst op haar telefoon, 's avonds op de bank.",
        goal: "Binnen een avond een passende autoverzekering afsluiten, snappen wat ze betaalt en vanaf de ophaaldag verzekerd zijn.",
        scenario: "Je bent Sarah. Je haalt de Polo zaterdag op en wilt vóór die tijd verzekerd zijn. Je twijfelt tussen WA + beperkt casco en allrisk. Gebruik testkenteken XX-123-T en testpolisnummer AU-TEST-0001 als je om een bestaande polis wordt gevraagd. Vergelijk gerust met wat je online ziet, maar sluit af bij Dijkhuis.",
        rules: "Sluit af met het testaccount sarah.test@dijkhuis.example en betaal met de testbetaling (iDEAL testbank).\n\
Maak de afsluiting dezelfde dag ongedaan via Mijn Dijkhuis, of vraag het team Website & App om de testpolis te verwijderen.\n\
Gebruik alleen de testgegevens uit dit scenario en nooit echte klantgegevens, ook niet die van jezelf of familie.\n\
Zeg niet dat je bij Dijkhuis werkt. Loop je echt vast, zeg het dan pas en noteer dat als wrijving.",
        status: JourneyStatus::Live,
        steps: &[
            s(
                Orientatie,
                Website,
                "Website & App",
                "Ik wil weten wat het kost",
                "Ga naar dijkhuis.example/auto en bereken de premie voor testkenteken XX-123-T. Let op welke gegevens je moet invullen voordat je een prijs ziet.",
                "Binnen 2 minuten een premie zien zonder persoonsgegevens in te vullen.",
            ),
            s(
                Orientatie,
                Website,
                "Klantcommunicatie",
                "Ik wil snappen welke dekking bij mijn auto past",
                "Zoek uit wat het verschil is tussen WA, WA + beperkt casco en allrisk, en welke de site aanraadt voor een auto van vijf jaar oud.",
                "In gewone taal uitgelegd, met per dekking een voorbeeld van wat wel en niet vergoed wordt.",
            ),
            s(
                Orientatie,
                Chat,
                "Klantcontactcentrum",
                "Ik heb een vraag over mijn schadevrije jaren",
                "Vraag in de chat of je 6 schadevrije jaren van je vorige verzekeraar meeneemt en hoe Dijkhuis dat controleert.",
                "Binnen 1 minuut een reactie in de chat en een antwoord dat mijn vraag echt beantwoordt, zonder doorverwijzing.",
            ),
            s(
                Transactie,
                Website,
                "Website & App",
                "Ik sluit de verzekering online af",
                "Sluit de gekozen dekking af met het testaccount. Kijk of je gegevens die je al gaf opnieuw moet typen.",
                "Afsluiten in maximaal 10 minuten, zonder papieren formulier en zonder iets twee keer in te vullen.",
            ),
            s(
                Transactie,
                Mail,
                "Klantcommunicatie",
                "Ik wil zeker weten dat het gelukt is",
                "Kijk in de mailbox van het testaccount wat je na het afsluiten ontvangt en of daarin staat vanaf wanneer je verzekerd bent.",
                "Direct een bevestiging met de ingangsdatum en wat er nu gaat gebeuren.",
            ),
            s(
                Afname,
                Mail,
                "Klantcommunicatie",
                "Ik ontvang mijn polis",
                "Open de polis en de voorwaarden. Zoek je eigen risico en wat je moet doen bij schade.",
                "Binnen 1 werkdag de polis als pdf, met dekking, premie en eigen risico bovenaan op de eerste pagina.",
            ),
            s(
                Afname,
                App,
                "Website & App",
                "Ik wil mijn verzekering in de app zien",
                "Installeer de Dijkhuis-app, log in met het testaccount en zoek de nieuwe autoverzekering en de groene kaart.",
                "Binnen 5 minuten ingelogd, met de verzekering en de groene kaart direct zichtbaar.",
            ),
            s(
                Service,
                App,
                "Website & App",
                "Ik rij toch meer kilometers dan gedacht",
                "Verhoog het aantal kilometers per jaar van 10.000 naar 15.000 en kijk wat er met je premie gebeurt.",
                "Zelf te regelen in de app, met de nieuwe premie vooraf zichtbaar en direct een bevestiging.",
            ),
            s(
                Service,
                Phone,
                "Klantcontactcentrum",
                "Ik bel met een vraag over de groene kaart",
                "Bel de klantenservice en vraag of je de groene kaart op je telefoon mag laten zien in het buitenland.",
                "Binnen 3 minuten iemand aan de lijn die de vraag in één gesprek beantwoordt.",
            ),
            s(
                Loyaliteit,
                Mail,
                "Customer Experience",
                "Ik hoor na een maand weer iets van Dijkhuis",
                "Kijk welke berichten het testaccount in de eerste weken krijgt. Zijn ze nuttig of voelen ze als reclame?",
                "Hooguit één persoonlijk bericht met een bruikbare tip, en afmelden met één klik.",
            ),
        ],
    },
    DemoJourney {
        title: "Ik wil schade melden",
        product_line: "Autoverzekering",
        persona: "Mark (52) uit Zwolle, vertegenwoordiger, rijdt veel. Hij is al twaalf jaar klant met een allrisk autoverzekering. Iemand is op de parkeerplaats van de supermarkt tegen zijn geparkeerde auto gereden; de achterbumper is ingedeukt. Hij heeft haast en weinig geduld voor formulieren.",
        goal: "De schade snel gemeld hebben, weten wie het betaalt, en zo kort mogelijk zonder auto zitten.",
        scenario: "Je bent Mark. De tegenpartij heeft een ingevuld Europees schadeformulier achtergelaten. Meld de schade op testpolis AU-TEST-0002 (kenteken XX-456-T). Gebruik de voorbeeldfoto's en het voorbeeldformulier uit de map 'Klantenrijbewijs testmateriaal' op intranet. Je hebt de auto morgen weer nodig voor je werk.",
        rules: "Meld alleen op testpolis AU-TEST-0002, nooit op een echte polis.\n\
Upload alleen de voorbeeldfoto's en het voorbeeldformulier uit het testmateriaal, nooit foto's van echte auto's of kentekens.\n\
Vraag na afloop het team Autoschade om de testmelding te sluiten, zodat er geen echte hersteller wordt ingeschakeld.\n\
Zeg niet dat je bij Dijkhuis werkt. Loop je echt vast, zeg het dan pas en noteer dat als wrijving.",
        status: JourneyStatus::Live,
        steps: &[
            s(
                Orientatie,
                Website,
                "Website & App",
                "Wat moet ik doen na een aanrijding?",
                "Zoek op je telefoon op dijkhuis.example wat je moet doen na een aanrijding en hoe je schade meldt.",
                "Binnen 30 seconden op de schadepagina zien wat ik nu moet doen, ook op mijn telefoon.",
            ),
            s(
                Orientatie,
                Phone,
                "Klantcontactcentrum",
                "Ik bel de schadelijn",
                "Bel de schadelijn en vraag of je de schade telefonisch kunt melden of toch online moet.",
                "Dag en nacht bereikbaar, binnen 2 minuten een mens die eerst vraagt of iedereen in orde is.",
            ),
            s(
                Transactie,
                App,
                "Website & App",
                "Ik meld de schade in de app",
                "Meld de schade in de app. Kijk of je polisgegevens al zijn ingevuld en hoe het toevoegen van foto's gaat.",
                "Melden in maximaal 10 minuten vanaf mijn telefoon, met mijn polis en kenteken al ingevuld.",
            ),
            s(
                Transactie,
                App,
                "Autoschade",
                "Ik stuur het schadeformulier mee",
                "Voeg het voorbeeld-schadeformulier toe als foto. Let op of je daarna nog dingen moet overtypen.",
                "Een foto van het formulier is genoeg; ik hoef niets over te typen.",
            ),
            s(
                Afname,
                Mail,
                "Autoschade",
                "Ik wil weten dat mijn melding binnen is",
                "Kijk wat je ontvangt na het melden: staat er een dossiernummer in, wie je behandelaar is en wat de volgende stap is?",
                "Direct een bevestiging met dossiernummer, de naam van mijn behandelaar en de volgende stap met datum.",
            ),
            s(
                Afname,
                Website,
                "Schadebehandeling Particulier",
                "Ik wil mijn auto laten maken",
                "Zoek een erkende hersteller in de buurt van Zwolle en regel vervangend vervoer voor morgen.",
                "Binnen 1 werkdag een afspraak bij een erkende hersteller bij mij in de buurt, met vervangend vervoer.",
            ),
            s(
                Service,
                App,
                "Autoschade",
                "Ik wil weten hoe het ervoor staat",
                "Kijk na een dag in de app wat de status van je melding is, zonder te bellen.",
                "De status is altijd zichtbaar in de app en ik krijg bij elke nieuwe stap vanzelf een bericht.",
            ),
            s(
                Service,
                Mail,
                "Klachten & Bezwaar",
                "Ik ben het niet eens met het besluit",
                "Stel dat een deel van de schade niet wordt vergoed. Stuur een e-mail dat je het daar niet mee eens bent en kijk wat er gebeurt.",
                "Binnen 5 werkdagen een inhoudelijke reactie van een mens, met uitleg hoe ik bezwaar maak.",
            ),
            s(
                Service,
                Letter,
                "Autoschade",
                "Ik ontvang de afrekening",
                "Lees de afrekeningsbrief van de testmelding. Snap je wat er vergoed is, wat niet en waarom?",
                "Een brief in begrijpelijke taal, en het bedrag binnen 3 werkdagen na akkoord op mijn rekening.",
            ),
            s(
                Loyaliteit,
                Mail,
                "Customer Experience",
                "Ik krijg de vraag hoe het ging",
                "Beantwoord de tevredenheidsvraag die je na afronding krijgt. Hoe lang duurt het, en hoor je wat ermee gebeurt?",
                "Een korte vraag van hooguit drie vragen, en te zien wat Dijkhuis met mijn antwoord doet.",
            ),
        ],
    },
    DemoJourney {
        title: "Ik wil mijn verzekering opzeggen",
        product_line: "Woonverzekering",
        persona: "Noor (27) uit Utrecht gaat samenwonen met haar vriend, die zijn inboedel- en aansprakelijkheidsverzekering al elders heeft. Ze is drie jaar klant, nooit schade gehad, en wil netjes en zonder gedoe stoppen.",
        goal: "De inboedelverzekering opzeggen per de verhuisdatum, zeker weten dat het geregeld is en geen premie te veel betalen.",
        scenario: "Je bent Noor. Je verhuist over vier weken en wilt je inboedelverzekering (testpolis WO-TEST-0003) per die datum opzeggen. Je hebt geen zin in een verkooppraatje, maar staat open voor een eerlijk advies. Gebruik het testaccount noor.test@dijkhuis.example.",
        rules: "Zeg alleen testpolis WO-TEST-0003 op, met het testaccount noor.test@dijkhuis.example.\n\
Maak de opzegging na afloop ongedaan: bel de klantenservice en vraag de testopzegging terug te draaien, of vraag het team Klantcontactcentrum erom.\n\
Gebruik alleen de testgegevens uit dit scenario en nooit echte klantgegevens, ook niet die van jezelf of familie.\n\
Zeg niet dat je bij Dijkhuis werkt. Loop je echt vast, zeg het dan pas en noteer dat als wrijving.",
        status: JourneyStatus::Live,
        steps: &[
            s(
                Orientatie,
                Website,
                "Website & App",
                "Hoe zeg ik mijn verzekering op?",
                "Zoek op dijkhuis.example hoe je een verzekering opzegt. Tel hoe vaak je moet klikken of zoeken.",
                "Binnen 1 minuut gevonden hoe ik opzeg, zonder te zoeken in de kleine lettertjes.",
            ),
            s(
                Orientatie,
                Chat,
                "Klantcontactcentrum",
                "Mag ik per mijn verhuisdatum stoppen?",
                "Vraag in de chat of je per een datum over vier weken kunt opzeggen en wat er met de al betaalde premie gebeurt.",
                "Een eerlijk antwoord over de opzegtermijn, zonder dat ik eerst een aanbieding moet aanhoren.",
            ),
            s(
                Transactie,
                Website,
                "Website & App",
                "Ik zeg online op",
                "Log in op Mijn Dijkhuis met het testaccount en zeg de testpolis op per de verhuisdatum.",
                "Opzeggen gaat net zo makkelijk als afsluiten: online, in 3 minuten, zonder te hoeven bellen.",
            ),
            s(
                Afname,
                Mail,
                "Klantcommunicatie",
                "Ik wil zeker weten dat het geregeld is",
                "Kijk wat je ontvangt na het opzeggen. Staan de einddatum en de terugbetaling erin?",
                "Direct een bevestiging met de einddatum en wat er met mijn premie gebeurt.",
            ),
            s(
                Afname,
                Letter,
                "Klantcommunicatie",
                "Ik krijg premie terug",
                "Lees de brief over de eindafrekening. Snap je hoe het bedrag is berekend?",
                "Te veel betaalde premie binnen 10 werkdagen terug, met een overzicht dat ik zonder uitleg begrijp.",
            ),
            s(
                Service,
                Phone,
                "Klantcontactcentrum",
                "Ik twijfel en bel toch even",
                "Bel de klantenservice, vertel dat je hebt opgezegd en vraag of dat terug te draaien is als de verhuizing niet doorgaat.",
                "Binnen 3 minuten iemand aan de lijn die mijn keuze respecteert en de opzegging meteen kan terugdraaien.",
            ),
            s(
                Service,
                Mail,
                "Klachten & Bezwaar",
                "Er klopt iets niet in mijn eindafrekening",
                "Stuur een e-mail dat je de berekening van de teruggave niet begrijpt en kijk hoe en wanneer je antwoord krijgt.",
                "Binnen 2 werkdagen een persoonlijk antwoord met de berekening uitgelegd.",
            ),
            s(
                Loyaliteit,
                Mail,
                "Customer Experience",
                "Ik krijg een afscheidsbericht",
                "Kijk welk bericht je na de einddatum krijgt. Voelt het als een nette afsluiting?",
                "Een vriendelijk afscheid met één vraag waarom ik vertrek, en geen reeks terugwin-mails.",
            ),
        ],
    },
    DemoJourney {
        title: "Ik verhuis en wil mijn inboedel meenemen",
        product_line: "Woonverzekering",
        persona: "Jeroen (41) en zijn gezin verhuizen van een rijtjeshuis in Deventer naar een vrijstaand huis in Apeldoorn.",
        goal: "De inboedelverzekering meeverhuizen zonder dat er een dag niets verzekerd is.",
        scenario: "Je bent Jeroen. Je krijgt over zes weken de sleutel. Geef het nieuwe adres door op testpolis WO-TEST-0004.",
        rules: COMMON_RULES,
        status: JourneyStatus::Draft,
        steps: &[
            s(
                Orientatie,
                Website,
                "Website & App",
                "Wat moet ik regelen als ik verhuis?",
                "Zoek op dijkhuis.example wat je moet doen met je inboedelverzekering als je verhuist.",
                "Op één pagina zien wat ik moet regelen en vanaf wanneer mijn nieuwe huis verzekerd is.",
            ),
            s(
                Transactie,
                App,
                "Website & App",
                "Ik geef mijn nieuwe adres door",
                "Geef in de app het nieuwe adres en de verhuisdatum door voor de testpolis.",
                "Adres doorgeven in 2 minuten, met de nieuwe premie vooraf zichtbaar.",
            ),
            s(
                Afname,
                Mail,
                "Klantcommunicatie",
                "Ik krijg mijn aangepaste polis",
                "Controleer of de aangepaste polis het nieuwe adres en de juiste ingangsdatum heeft.",
                "Binnen 1 werkdag een aangepaste polis met het nieuwe adres en de ingangsdatum.",
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::super::people::{ORGANISATION, PEOPLE};
    use super::*;
    use crate::domain::Role::Cx;
    use crate::domain::journey::{JourneyInput, StepInput};

    #[test]
    fn demo_journeys_are_valid_and_cover_every_phase() {
        let live: Vec<&DemoJourney> = JOURNEYS
            .iter()
            .filter(|j| j.status == JourneyStatus::Live)
            .collect();
        assert_eq!(live.len(), 3);
        assert!(JOURNEYS.iter().any(|j| j.status == JourneyStatus::Draft));
        for journey in live {
            assert!((6..=12).contains(&journey.steps.len()), "{}", journey.title);
            for phase in Phase::ALL {
                assert!(
                    journey.steps.iter().any(|s| s.phase == phase),
                    "{} has no {phase:?} step",
                    journey.title
                );
            }
            // Steps are listed in walking order, so insertion order is the position order.
            assert!(journey.steps.windows(2).all(|w| w[0].phase <= w[1].phase));
        }
        for journey in JOURNEYS {
            assert!(
                JourneyInput::parse(
                    journey.title,
                    journey.product_line,
                    &DEMO_JOURNEY_YEAR.to_string(),
                    journey.persona,
                    journey.goal,
                    journey.scenario,
                    journey.rules,
                )
                .is_ok()
            );
            for step in journey.steps {
                assert!(
                    ORGANISATION.iter().any(|(_, t)| t.contains(&step.team)),
                    "{}",
                    step.team
                );
                assert!(
                    StepInput::parse(
                        step.phase.code(),
                        step.title,
                        step.instructions,
                        step.channel.code(),
                        step.promise,
                        "1"
                    )
                    .is_ok(),
                    "{}",
                    step.title
                );
            }
        }
        assert!(
            PEOPLE
                .iter()
                .any(|p| p.email == DEMO_CURATOR && p.roles.contains(&Cx))
        );
    }
}
