//! Demo walkthroughs: what eight colleagues met when they walked the demo journeys, in their own
//! words, so the library, the editor and the reports have something true-sounding to show.
//!
//! Answers and findings are written as one line each (`|`-separated) to keep the data readable;
//! `presentations.rs` parses them and a unit test below proves every line parses.

/// One completed walkthrough of a live demo journey.
pub(super) struct DemoWalk {
    pub(super) email: &'static str,
    pub(super) journey: &'static str,
    pub(super) cycle_year: i64,
    /// finished this many days before the demo data is loaded
    pub(super) days_ago: i64,
    pub(super) recommend: i64,
    pub(super) summary: &'static str,
    pub(super) pros: &'static str,
    pub(super) cons: &'static str,
    /// One line per journey step, in order: `outcome|minutes|emotion|effort|what happened`.
    pub(super) answers: &'static str,
    /// One line per finding: `step index|kind|severity or -|title|what happened|suggestion|principles`.
    pub(super) findings: &'static str,
}

pub(super) const AUTO: &str = "Ik wil mijn auto verzekeren";
pub(super) const SCHADE: &str = "Ik wil schade melden";
pub(super) const OPZEGGEN: &str = "Ik wil mijn verzekering opzeggen";

pub(super) const AUTO_ANSWERS: &str = "\
done|4|1|2|De premie stond na vier vragen in beeld, helder en zonder inloggen.
partly|9|-1|5|Drie dekkingen naast elkaar, maar het verschil tussen beperkt casco en allrisk werd me niet duidelijk.
done|14|-2|6|Twaalf minuten in de wacht voor een vraag over mijn schadevrije jaren; de medewerker was wel aardig.
done|8|0|4|Afsluiten ging, al moest ik mijn kenteken twee keer invullen.
done|2|1|2|Binnen een minuut een mail met een samenvatting, alleen zonder polisnummer.
done|3|0|3|De polis kwam als pdf van elf pagina's; de dekking stond pas op pagina zes.
done|2|2|1|Na inloggen stond de auto er meteen in, met de groene kaart om te downloaden.
failed|10|-2|6|Kilometers aanpassen kon niet in de app; het formulier op de site gaf een foutmelding.
done|6|1|3|Binnen drie minuten iemand aan de lijn die precies wist wat een groene kaart is.
done|1|0|2|Na een maand een nette mail met een tip over pechhulp, geen reclame.";

const AUTO_ANSWERS_CALM: &str = "\
done|5|1|2|Snel een premie, wel even zoeken naar het eigen risico.
done|7|0|4|De dekkingen stonden in een tabel; de uitleg bij allrisk was lang.
done|6|-1|4|Vijf minuten wachten, daarna een duidelijk antwoord over mijn schadevrije jaren.
done|9|-1|5|Het formulier vroeg drie keer naar mijn adres.
done|1|1|1|Meteen een bevestiging met polisnummer.
done|3|0|3|Polis per post en per mail, allebei met dezelfde tekst.
done|2|2|1|De app liet de polis en de groene kaart zien.
partly|8|-2|6|De kilometerstand aanpassen kon alleen door te bellen.
done|4|1|2|Vriendelijke medewerker, vraag in één keer beantwoord.
done|1|1|2|Een korte tevredenheidsvraag, drie vragen.";

const SCHADE_ANSWERS: &str = "\
done|3|-1|4|De schadepagina was te vinden, maar begon met een lap tekst over voorwaarden.
done|6|1|3|Binnen twee minuten een mens, die eerst vroeg of ik niet gewond was.
partly|16|-2|6|De app liep vast bij de derde foto; na opnieuw starten was alles weg.
done|7|-1|5|Het schadeformulier moest ik toch overtypen: de foto werd niet gelezen.
done|1|0|3|Een bevestiging met dossiernummer, maar zonder naam van een behandelaar.
done|9|1|3|Een erkende hersteller in Zwolle gevonden, vervangend vervoer geregeld.
partly|3|-1|4|De status in de app bleef twee dagen op 'ontvangen' staan.
done|5|-2|5|Automatisch antwoord dat ik binnen tien werkdagen iets hoor.
done|4|0|4|De afrekening was correct, maar de brief stond vol vakjargon.
done|2|1|2|Een korte vraag met drie vragen, en een bedankje.";

pub(super) const SCHADE_ANSWERS_CALM: &str = "\
done|4|0|3|Via de zoekfunctie meteen op de goede pagina.
done|4|1|2|Korte wachttijd, rustige medewerker.
done|11|-1|5|Melden lukte, maar de foto's uploaden duurde lang op 4G.
done|5|-2|6|Het formulier moest helemaal worden overgetypt.
done|1|1|2|Bevestiging met dossiernummer binnen een minuut.
done|6|1|3|Hersteller gekozen uit een kaartje in de app.
done|2|0|3|Status zichtbaar, maar zonder uitleg wat 'in beoordeling' betekent.
done|5|-1|4|Na zes werkdagen een reactie, wel inhoudelijk.
done|3|0|3|Bedrag klopte, de brief was lang.
done|1|1|1|Tevredenheidsvraag in één minuut ingevuld.";

const OPZEGGEN_ANSWERS: &str = "\
partly|7|-1|5|Opzeggen stond niet in het menu; via de zoekfunctie na drie pogingen gevonden.
done|8|-2|5|In de chat kreeg ik eerst een aanbieding voordat mijn vraag werd beantwoord.
done|4|1|2|Online opzeggen ging in drie stappen, met de verhuisdatum als keuze.
done|1|2|1|Direct een bevestiging met einddatum en wat er met mijn premie gebeurt.
done|3|0|4|De eindafrekening klopte, maar de berekening stond er niet bij.
done|5|2|2|De medewerker draaide het zonder discussie terug en legde uit hoe het werkt.
done|2|0|3|Binnen een dag een persoonlijke mail met de berekening.
done|1|1|2|Een vriendelijk afscheid met één vraag waarom ik vertrek.";

const OPZEGGEN_ANSWERS_CALM: &str = "\
done|3|0|3|Opzeggen gevonden onder 'Mijn polissen'.
done|5|-1|4|De chat vroeg twee keer naar mijn polisnummer.
done|5|1|2|Opzeggen online in een paar minuten.
done|1|1|1|Bevestiging met einddatum.
done|4|-1|5|Het teruggavebedrag was niet uit te rekenen met de brief.
done|6|1|3|Terugdraaien kon, na één keer doorverbinden.
done|3|0|3|Antwoord na twee werkdagen.
done|1|0|2|Een afscheidsmail, daarna nog twee aanbiedingen.";

pub(super) const WALKS: &[DemoWalk] = &[
    DemoWalk {
        email: "floor.janssen@dijkhuis.example",
        journey: SCHADE,
        cycle_year: 2026,
        days_ago: 41,
        recommend: 6,
        summary: "Melden ging uiteindelijk, maar de app liet me in de steek op het moment dat ik het meest gestrest was.",
        pros: "Meteen een mens aan de telefoon, en de hersteller was snel geregeld.",
        cons: "Foto's uploaden en het schadeformulier overtypen kostten me bijna een half uur.",
        answers: SCHADE_ANSWERS,
        findings: "\
2|friction|blocker|App verliest de melding bij de derde foto|Bij het toevoegen van de derde foto liep de app vast. Na opnieuw starten was de hele melding weg, inclusief de omschrijving.|Melding tussentijds bewaren en foto's één voor één uploaden, met voortgang.|stress,control
3|friction|major|Schadeformulier moet worden overgetypt|De foto van het Europees schadeformulier werd opgeslagen, maar alle velden moest ik daarna toch zelf invullen.|Gegevens van het formulier voorlezen uit de foto, of het formulier als foto laten volstaan.|effortless,expectations
4|friction|papercut|Geen naam van de behandelaar in de bevestiging|De bevestiging had een dossiernummer, maar niet wie mijn melding behandelt of wanneer ik iets hoor.|Naam van de behandelaar en de volgende stap met datum in de bevestiging zetten.|relationship,expectations
7|friction|major|Bezwaar krijgt een automatisch antwoord van tien werkdagen|Op mijn mail dat ik het niet eens was kwam alleen een automatisch antwoord. Tien werkdagen wachten voelt als niet gehoord worden.|Binnen twee werkdagen persoonlijk contact bij bezwaar, met de naam van wie het oppakt.|emotion,relationship
1|delight|-|Eerst de vraag of iedereen in orde is|De medewerker van de schadelijn vroeg eerst of ik niet gewond was, pas daarna naar de polis. Dat gaf rust.||emotion,relationship
5|delight|-|Vervangend vervoer in één keer geregeld|Bij de hersteller in Zwolle stond de vervangende auto de volgende ochtend klaar.||needs,effortless",
    },
    DemoWalk {
        email: "rick.vanleeuwen@dijkhuis.example",
        journey: OPZEGGEN,
        cycle_year: 2026,
        days_ago: 23,
        recommend: 7,
        summary: "Opzeggen zelf was netjes geregeld, maar de weg ernaartoe voelde als een doolhof met een verkooppraatje.",
        pros: "Heldere bevestiging en een medewerker die mijn keuze respecteerde.",
        cons: "Opzeggen is slecht te vinden en de chat probeert je eerst te behouden.",
        answers: OPZEGGEN_ANSWERS,
        findings: "\
0|friction|major|Opzeggen is niet te vinden in het menu|Onder 'Mijn polissen' staat wijzigen en uitbreiden, maar opzeggen niet. Pas de zoekfunctie met 'stoppen' gaf een resultaat.|Opzeggen net zo zichtbaar maken als afsluiten, in het menu van de polis.|control,expectations
1|friction|major|Chat begint met een aanbieding|Mijn vraag over de opzegdatum werd pas beantwoord nadat ik een korting had afgeslagen.|Eerst de vraag beantwoorden; een aanbod alleen als de klant erom vraagt.|relationship,emotion
4|friction|papercut|Teruggave zonder berekening|De brief noemde het bedrag dat ik terugkrijg, maar niet hoe dat is berekend.|Een korte rekensom in de brief: betaald, dagen verzekerd, terug.|senses,expectations
5|delight|-|Terugdraaien zonder discussie|De medewerker legde rustig uit dat ik tot de einddatum kan terugdraaien en deed het meteen.||control,relationship
3|delight|-|Bevestiging met einddatum en premie|Binnen een minuut een mail met precies de datum en wat er met mijn premie gebeurt.||expectations",
    },
    DemoWalk {
        email: "mila.hoekstra@dijkhuis.example",
        journey: AUTO,
        cycle_year: 2026,
        days_ago: 9,
        recommend: 7,
        summary: "Afsluiten gaat vlot en de app is fijn, maar zodra je iets wilt wijzigen loop je vast.",
        pros: "Snelle premie, de app toont alles direct.",
        cons: "Dekkingen zijn lastig te vergelijken en kilometers aanpassen kan online niet.",
        answers: AUTO_ANSWERS,
        findings: "\
7|friction|blocker|Kilometers aanpassen geeft een foutmelding|Het formulier om de jaarkilometers aan te passen gaf 'Er ging iets mis' en er was geen andere manier dan bellen.|Kilometers aanpassen in de app mogelijk maken, en bij een fout een terugbelverzoek aanbieden.|control,stress
1|friction|major|Verschil tussen dekkingen niet te snappen|Drie dekkingen naast elkaar met vinkjes, maar zonder voorbeeld wat wel en niet vergoed wordt.|Per dekking twee herkenbare voorbeelden: een ruit, een aanrijding.|needs,senses
3|friction|papercut|Kenteken twee keer invullen|Het kenteken uit de premieberekening kwam niet mee naar het aanvraagformulier.|Gegevens uit de berekening overnemen in de aanvraag.|effortless
2|friction|major|Twaalf minuten in de wacht voor een korte vraag|Voor een vraag over mijn schadevrije jaren hing ik twaalf minuten in de wacht.|Terugbelverzoek aanbieden na twee minuten wachten.|effortless,stress
6|delight|-|Groene kaart meteen in de app|Direct na afsluiten stond de auto in de app, met de groene kaart om te downloaden.||needs,effortless",
    },
    DemoWalk {
        email: "sem.deboer@dijkhuis.example",
        journey: SCHADE,
        cycle_year: 2026,
        days_ago: 17,
        recommend: 5,
        summary: "Schade melden is te doen, maar als je het oneens bent met het besluit voel je je een nummer.",
        pros: "Goed bereikbaar en een snelle bevestiging.",
        cons: "Bezwaar maken gaat traag en onpersoonlijk.",
        answers: SCHADE_ANSWERS_CALM,
        findings: "\
7|friction|major|Geen uitleg hoe ik bezwaar maak|In de reactie op mijn mail stond niet hoe ik bezwaar kan maken of bij wie.|Standaard in elke afwijzing: hoe maak ik bezwaar, binnen welke termijn, bij wie.|control,relationship
3|friction|major|Schadeformulier overtypen op de telefoon|Het hele formulier overtypen op een klein scherm kostte tien minuten.|De foto van het formulier als melding laten volstaan.|effortless
6|friction|papercut|'In beoordeling' zonder uitleg|De status zei 'in beoordeling' zonder te zeggen wat er gebeurt of hoe lang het duurt.|Bij elke status één zin: wat gebeurt er nu en wanneer hoor ik meer.|expectations
5|delight|-|Hersteller kiezen op een kaart|In de app zag ik herstellers bij mij in de buurt op een kaart, met beoordelingen.||needs",
    },
    DemoWalk {
        email: "tim.verbeek@dijkhuis.example",
        journey: AUTO,
        cycle_year: 2025,
        days_ago: 380,
        recommend: 8,
        summary: "Een prettige reis met één hardnekkig punt: wijzigen kan alleen via de telefoon.",
        pros: "Vriendelijke medewerkers, snelle bevestiging.",
        cons: "Het adres drie keer invullen en kilometers alleen telefonisch aanpassen.",
        answers: AUTO_ANSWERS_CALM,
        findings: "\
3|friction|major|Adres drie keer invullen|Het aanvraagformulier vroeg drie keer naar mijn adres: woonadres, correspondentie en stalling.|Eén adres vragen en de andere standaard gelijk zetten.|effortless
7|friction|blocker|Kilometerstand alleen telefonisch aan te passen|Online was er geen plek om de jaarkilometers te wijzigen; bellen was de enige weg.|Wijzigen van kilometers online en in de app aanbieden.|control,effortless
1|friction|papercut|Lange uitleg bij allrisk|De uitleg bij allrisk was een halve pagina tekst, op de telefoon eindeloos scrollen.|Kort beginnen, details uitklapbaar.|senses
8|delight|-|Vraag in één keer beantwoord|De medewerker wist meteen wat een groene kaart is en mailde hem tijdens het gesprek.||relationship,effortless",
    },
    // Reserved for end2end/presentation-edit.spec.ts: a completed walkthrough, no presentation.
    DemoWalk {
        email: "noa.claassen@dijkhuis.example",
        journey: AUTO,
        cycle_year: 2026,
        days_ago: 5,
        recommend: 7,
        summary: "Afsluiten ging vlot, wijzigen niet.",
        pros: "De app en de snelle bevestiging.",
        cons: "Kilometers aanpassen en de wachttijd aan de telefoon.",
        answers: AUTO_ANSWERS,
        findings: "\
7|friction|blocker|Kilometers wijzigen lukt niet online|Het formulier gaf een foutmelding en de app had de optie niet.|Kilometers aanpassen in de app.|control
2|friction|major|Lang in de wacht bij de klantenservice|Twaalf minuten wachten voor een vraag van één minuut.|Terugbelverzoek aanbieden.|effortless
3|friction|papercut|Kenteken opnieuw invullen|Het kenteken uit de berekening kwam niet mee.|Gegevens overnemen.|effortless
6|delight|-|Alles direct in de app|Polis en groene kaart stonden meteen klaar.||needs
8|question|-|Waarom vraagt de site mijn geboortedatum twee keer?|Bij de berekening en bij de aanvraag opnieuw.||expectations",
    },
    // Reserved for end2end/presentation-present.spec.ts: a completed walkthrough, no presentation.
    DemoWalk {
        email: "jesse.kok@dijkhuis.example",
        journey: OPZEGGEN,
        cycle_year: 2026,
        days_ago: 4,
        recommend: 6,
        summary: "Opzeggen kan online, maar de brieven erna maken het onduidelijk.",
        pros: "Snelle online opzegging.",
        cons: "Onbegrijpelijke eindafrekening en terugwin-mails.",
        answers: OPZEGGEN_ANSWERS_CALM,
        findings: "\
4|friction|major|Eindafrekening niet na te rekenen|Het bedrag stond erin, de berekening niet.|Rekensom toevoegen aan de brief.|senses
7|friction|papercut|Nog twee aanbiedingen na het afscheid|Na de afscheidsmail kwamen nog twee mails met een aanbod.|Na het afscheid geen terugwin-mails meer.|relationship
1|friction|blocker|Chat vraagt steeds opnieuw mijn polisnummer|Na elke doorverbinding moest ik mijn polisnummer opnieuw geven, tot ik het opgaf.|Polisnummer één keer vragen en meegeven bij doorverbinden.|effortless,stress
2|delight|-|Opzeggen in een paar minuten|Online opzeggen ging in drie stappen.||effortless",
    },
    // Reserved for end2end/presentation-meeting.spec.ts: a completed walkthrough, no presentation.
    DemoWalk {
        email: "zoe.vos@dijkhuis.example",
        journey: SCHADE,
        cycle_year: 2026,
        days_ago: 3,
        recommend: 6,
        summary: "Goed geholpen aan de telefoon, de app kan beter.",
        pros: "Snel een mens aan de lijn, snelle bevestiging.",
        cons: "Foto's uploaden duurt lang en het formulier moet worden overgetypt.",
        answers: SCHADE_ANSWERS_CALM,
        findings: "\
2|friction|major|Foto's uploaden duurt minuten op 4G|Elke foto deed er bijna een minuut over, zonder voortgang te tonen.|Foto's verkleinen voor het versturen en voortgang tonen.|stress
3|friction|blocker|Formulier helemaal overtypen|De foto van het schadeformulier werd niet gebruikt.|Foto van het formulier laten volstaan.|effortless
6|friction|papercut|Status zonder uitleg|'In beoordeling' zei me niets.|Eén zin uitleg per status.|expectations
1|delight|-|Rustige medewerker aan de schadelijn|Ze vroeg eerst hoe het met me ging.||emotion",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_walk_line_has_its_fields() {
        for walk in WALKS {
            for line in walk.answers.lines() {
                assert_eq!(line.split('|').count(), 5, "{}: {line}", walk.email);
            }
            for line in walk.findings.lines() {
                assert_eq!(line.split('|').count(), 7, "{}: {line}", walk.email);
            }
            assert!(walk.findings.lines().any(|l| l.contains("|delight|")));
        }
    }
}
