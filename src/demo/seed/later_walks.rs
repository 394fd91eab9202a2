//! Five more demo walkthroughs, walked before and after the teams fixed things, so the
//! improvements (`improvements.rs`) have frictions to merge, later walkers to confirm a fix or
//! report it again, and team leads have fresh frictions waiting in their inbox. Same line format
//! as `walks.rs`; the cycle year follows the day each walk finished.

use super::walks::{AUTO, AUTO_ANSWERS, SCHADE, SCHADE_ANSWERS_CALM};

/// One later demo walkthrough (see `walks::DemoWalk` for the line formats).
pub(super) struct LaterWalk {
    pub(super) email: &'static str,
    pub(super) journey: &'static str,
    pub(super) days_ago: i64,
    pub(super) recommend: i64,
    pub(super) summary: &'static str,
    pub(super) pros: &'static str,
    pub(super) cons: &'static str,
    pub(super) answers: &'static str,
    pub(super) findings: &'static str,
}

/// Grace writes in English, as she does at work.
const GRACE_ANSWERS: &str = "\
done|3|0|3|The claims page was easy to find from the home page.
partly|9|-1|5|The phone menu of the claims line was in Dutch only; I pressed buttons until someone answered.
failed|18|-2|7|The app closed while I added photos; my report was gone when I opened it again.
done|8|-1|5|I had to type the claim form over even though I had uploaded a photo of it.
done|1|1|2|A confirmation with a file number within a minute.
done|5|2|2|A repair shop ten minutes from home, with a courtesy car the next morning.
done|2|0|3|The status said 'received' for a day, then 'in review'.
done|4|0|3|An automatic reply, then a real answer after four working days.
done|3|0|3|The settlement was correct.
done|1|1|1|A short survey with three questions.";

const PIETER_ANSWERS: &str = "\
done|3|1|2|Premie binnen twee minuten, zonder inloggen.
done|6|0|4|De dekkingen stonden in een tabel met voorbeelden.
done|5|0|3|Na vier minuten een antwoord in de chat over mijn schadevrije jaren.
done|6|1|2|Wat ik bij de berekening had ingevuld stond al klaar in de aanvraag.
done|1|1|1|Meteen een bevestiging met de ingangsdatum.
done|3|0|3|De polis als pdf, eigen risico op de eerste pagina.
done|2|2|1|De auto en de groene kaart meteen in de app.
failed|12|-2|6|De nieuwe knop voor kilometers gaf 'probeer het later opnieuw', ook de volgende dag.
done|5|1|2|Aan de telefoon kilometers in één keer aangepast.
done|1|-1|3|De tevredenheidsmail kwam in mijn spammap.";

const KEVIN_ANSWERS: &str = "\
done|3|0|3|De schadepagina stond bovenaan in de zoekresultaten.
done|4|1|2|Binnen een minuut iemand aan de lijn.
done|9|1|3|Halverwege viel mijn verbinding weg; de app had alles bewaard en ging verder waar ik was.
done|8|-1|5|Het formulier moest ik nog deels overtypen.
partly|1|-1|4|Een dossiernummer, maar geen naam en geen termijn.
partly|12|-2|6|Een erkende hersteller vond ik pas na bellen met de schadelijn.
done|2|0|3|Status 'in beoordeling', zonder uitleg.
done|4|0|4|Na vijf werkdagen een inhoudelijk antwoord.
done|3|0|3|De afrekening klopte.
done|1|1|1|Korte tevredenheidsvraag.";

pub(super) const LATER_WALKS: &[LaterWalk] = &[
    LaterWalk {
        email: "els.vandijk@dijkhuis.example",
        journey: AUTO,
        days_ago: 150,
        recommend: 6,
        summary: "Afsluiten lukt, maar wie iets wil vragen of wijzigen, wacht of belt.",
        pros: "Snelle premie en alles in de app.",
        cons: "Lang wachten in de chat, kilometers niet zelf te wijzigen.",
        answers: AUTO_ANSWERS,
        findings: "\
2|friction|major|Twaalf minuten in de wachtrij van de chat|De chat zei dat ik nummer 14 was. Na twaalf minuten was ik aan de beurt, voor een vraag van één minuut.|Bij een lange wachtrij een terugbelverzoek aanbieden en de verwachte wachttijd noemen.|effortless,expectations
7|friction|blocker|Kilometers alleen telefonisch te wijzigen|Kilometers aanpassen kon niet in de app, en het formulier op de site gaf een foutmelding. Ik moest bellen.|Kilometers zelf laten aanpassen in de app, met de nieuwe premie vooraf.|control,effortless
5|friction|papercut|Eigen risico pas op pagina zes|De polis telde elf pagina's; het eigen risico stond pas op pagina zes.|Dekking, premie en eigen risico samen op de eerste pagina.|senses,expectations
6|delight|-|Groene kaart direct in de app|Na het afsluiten stond de groene kaart meteen klaar.||needs",
    },
    LaterWalk {
        email: "grace.okafor@dijkhuis.example",
        journey: SCHADE,
        days_ago: 55,
        recommend: 5,
        summary: "The people were kind, the app lost my work at the worst moment.",
        pros: "A repair shop close to home and a courtesy car.",
        cons: "The app closed while uploading photos; the claims line is Dutch only.",
        answers: GRACE_ANSWERS,
        findings: "\
2|friction|blocker|The app closed while I added photos|After the second photo the app closed itself. When I opened it again my report was gone and I had to start over.|Save the report after every photo and let me continue where I was.|stress,control
1|friction|major|The claims line only speaks Dutch|The phone menu of the claims line was in Dutch only. I could not find an option for English and pressed buttons at random.|Offer English in the phone menu, or say at the start that colleagues speak English.|needs,identity
5|delight|-|Repair shop close to home|The repair shop was ten minutes from home and had a courtesy car ready the next morning.||needs,effortless",
    },
    LaterWalk {
        email: "pieter.degroot@dijkhuis.example",
        journey: AUTO,
        days_ago: 20,
        recommend: 7,
        summary: "Aanvragen gaat nu soepel; kilometers wijzigen nog steeds niet.",
        pros: "Gegevens gaan mee van de berekening naar de aanvraag.",
        cons: "De knop voor kilometers werkt niet, de tevredenheidsmail belandt in de spam.",
        answers: PIETER_ANSWERS,
        findings: "\
7|friction|blocker|Kilometers wijzigen: 'probeer het later opnieuw'|In de app staat nu een knop om de kilometers te wijzigen, maar na het invullen kreeg ik 'probeer het later opnieuw'. De volgende dag weer.|De fout oplossen en bij een fout meteen een terugbelverzoek aanbieden.|control,stress
9|friction|papercut|Tevredenheidsmail in de spam|De mail met de tevredenheidsvraag kwam in mijn spammap terecht.|Afzender en opmaak van de mail laten nakijken.|expectations
3|delight|-|Gegevens gingen mee naar de aanvraag|Wat ik bij de berekening had ingevuld, stond al klaar in de aanvraag.||effortless",
    },
    LaterWalk {
        email: "lotte.smit@dijkhuis.example",
        journey: SCHADE,
        days_ago: 12,
        recommend: 7,
        summary: "Melden ging goed en de app bewaarde alles; de afrekening was lastig te lezen.",
        pros: "De app bewaart de melding, snelle bevestiging.",
        cons: "Een afrekening vol vakjargon.",
        answers: SCHADE_ANSWERS_CALM,
        findings: "\
8|friction|papercut|Afrekening vol vakjargon|'Eigen risico verrekend conform artikel 7.2' zei me niets.|De afrekening in gewone taal, met het bedrag bovenaan.|senses
2|delight|-|De app bewaart de melding na elke foto|Na elke foto liet de app zien dat alles bewaard was en hoeveel er nog moest.||control,effortless",
    },
    LaterWalk {
        email: "kevin.lin@dijkhuis.example",
        journey: SCHADE,
        days_ago: 6,
        recommend: 6,
        summary: "Melden is beter geworden, maar daarna moet je zelf achter alles aan.",
        pros: "De app bewaarde mijn melding toen de verbinding wegviel.",
        cons: "Geen naam van een behandelaar en een hersteller alleen via de telefoon.",
        answers: KEVIN_ANSWERS,
        findings: "\
4|friction|major|Geen idee wie mijn schade behandelt|De bevestiging noemde een dossiernummer, maar geen naam en geen termijn.|Naam van de behandelaar en de volgende stap met datum in de bevestiging.|relationship,expectations
5|friction|major|Hersteller alleen via de telefoon te vinden|Op de site stond geen lijst met erkende herstellers. Ik moest de schadelijn bellen om er een te vinden.|Een kaart met erkende herstellers op de schadepagina en in de app.|needs,effortless
3|friction|papercut|Formulier toch deels overtypen|De foto van het schadeformulier werd opgeslagen, maar naam en kenteken van de tegenpartij moest ik zelf typen.|Ook de tegenpartij uit de foto van het formulier overnemen.|effortless
2|delight|-|Melding bleef bewaard|Halverwege viel mijn verbinding weg; de app ging verder waar ik was.||control",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_later_walk_line_has_its_fields() {
        for walk in LATER_WALKS {
            for line in walk.answers.lines() {
                assert_eq!(line.split('|').count(), 5, "{}: {line}", walk.email);
            }
            for line in walk.findings.lines() {
                assert_eq!(line.split('|').count(), 7, "{}: {line}", walk.email);
            }
            assert!(
                super::super::walks::WALKS
                    .iter()
                    .any(|w| w.journey == walk.journey)
            );
        }
    }
}
