//! The demo organisation: Dijkhuis Verzekeringen's departments, teams and 34 people, one for every
//! role (see the README's demo accounts).

use crate::domain::{Locale, Role};

/// (department, teams)
pub(super) const ORGANISATION: &[(&str, &[&str])] = &[
    (
        "Schade & Inkomen",
        &[
            "Autoschade",
            "Schadebehandeling Particulier",
            "Inkomensverzekeringen",
        ],
    ),
    (
        "Klantenservice",
        &["Klantcontactcentrum", "Klachten & Bezwaar"],
    ),
    ("Digitale Kanalen", &["Website & App", "Klantcommunicatie"]),
    (
        "Bedrijfsvoering",
        &["HR & Ontwikkeling", "Customer Experience"],
    ),
];

pub(super) struct DemoPerson {
    pub(super) name: &'static str,
    pub(super) email: &'static str,
    pub(super) number: &'static str,
    pub(super) team: &'static str,
    /// e-mail of the manager, who must appear earlier in the list
    pub(super) manager: Option<&'static str>,
    pub(super) roles: &'static [Role],
    pub(super) language: Locale,
    pub(super) active: bool,
}

pub(super) const fn p(
    name: &'static str,
    email: &'static str,
    number: &'static str,
    team: &'static str,
    manager: Option<&'static str>,
    roles: &'static [Role],
) -> DemoPerson {
    DemoPerson {
        name,
        email,
        number,
        team,
        manager,
        roles,
        language: Locale::Nl,
        active: true,
    }
}

use Role::{Admin, Cx, Employee, Hr, Reviewer};

pub(super) const PEOPLE: &[DemoPerson] = &[
    // Heads and administrators first, so managers exist before their reports.
    p(
        "Sanne Visser",
        "sanne.visser@dijkhuis.example",
        "DV-1001",
        "Customer Experience",
        None,
        &[Employee, Admin],
    ),
    p(
        "Fatima El Amrani",
        "fatima.elamrani@dijkhuis.example",
        "DV-1002",
        "HR & Ontwikkeling",
        None,
        &[Employee, Hr],
    ),
    p(
        "Pieter de Groot",
        "pieter.degroot@dijkhuis.example",
        "DV-1003",
        "HR & Ontwikkeling",
        Some("fatima.elamrani@dijkhuis.example"),
        &[Employee, Hr],
    ),
    // Team leads (reviewers)
    p(
        "Marieke Jansen",
        "marieke.jansen@dijkhuis.example",
        "DV-1010",
        "Autoschade",
        None,
        &[Employee, Reviewer],
    ),
    p(
        "Ahmed Bouzid",
        "ahmed.bouzid@dijkhuis.example",
        "DV-1011",
        "Schadebehandeling Particulier",
        None,
        &[Employee, Reviewer],
    ),
    p(
        "Els van Dijk",
        "els.vandijk@dijkhuis.example",
        "DV-1012",
        "Inkomensverzekeringen",
        None,
        &[Employee, Reviewer],
    ),
    p(
        "Ruud Hendriks",
        "ruud.hendriks@dijkhuis.example",
        "DV-1013",
        "Klantcontactcentrum",
        None,
        &[Employee, Reviewer],
    ),
    p(
        "Naomi Tjin",
        "naomi.tjin@dijkhuis.example",
        "DV-1014",
        "Website & App",
        None,
        &[Employee, Reviewer],
    ),
    p(
        "Joost Mulder",
        "joost.mulder@dijkhuis.example",
        "DV-1015",
        "Klachten & Bezwaar",
        None,
        &[Employee, Reviewer],
    ),
    // Employees
    p(
        "Daan Bakker",
        "daan.bakker@dijkhuis.example",
        "DV-1020",
        "Autoschade",
        Some("marieke.jansen@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Lotte Smit",
        "lotte.smit@dijkhuis.example",
        "DV-1021",
        "Autoschade",
        Some("marieke.jansen@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Yusuf Kaya",
        "yusuf.kaya@dijkhuis.example",
        "DV-1022",
        "Autoschade",
        Some("marieke.jansen@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Emma de Vries",
        "emma.devries@dijkhuis.example",
        "DV-1023",
        "Schadebehandeling Particulier",
        Some("ahmed.bouzid@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Bram Willems",
        "bram.willems@dijkhuis.example",
        "DV-1024",
        "Schadebehandeling Particulier",
        Some("ahmed.bouzid@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Priya Ramdin",
        "priya.ramdin@dijkhuis.example",
        "DV-1025",
        "Inkomensverzekeringen",
        Some("els.vandijk@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Thomas Vermeulen",
        "thomas.vermeulen@dijkhuis.example",
        "DV-1026",
        "Inkomensverzekeringen",
        Some("els.vandijk@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Sophie Peters",
        "sophie.peters@dijkhuis.example",
        "DV-1027",
        "Klantcontactcentrum",
        Some("ruud.hendriks@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Kevin Lin",
        "kevin.lin@dijkhuis.example",
        "DV-1028",
        "Klantcontactcentrum",
        Some("ruud.hendriks@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Iris Koster",
        "iris.koster@dijkhuis.example",
        "DV-1029",
        "Klantcontactcentrum",
        Some("ruud.hendriks@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Mohamed Amrani",
        "mohamed.amrani@dijkhuis.example",
        "DV-1030",
        "Klachten & Bezwaar",
        Some("joost.mulder@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Julia Meijer",
        "julia.meijer@dijkhuis.example",
        "DV-1031",
        "Website & App",
        Some("naomi.tjin@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Lars Bos",
        "lars.bos@dijkhuis.example",
        "DV-1032",
        "Website & App",
        Some("naomi.tjin@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Anouk Dekker",
        "anouk.dekker@dijkhuis.example",
        "DV-1033",
        "Klantcommunicatie",
        Some("naomi.tjin@dijkhuis.example"),
        &[Employee],
    ),
    // Colleagues whose walkthroughs and presentations fill the library on first run
    // (`seed/walks.rs`); three of them have a completed walkthrough and no presentation yet, kept
    // for the browser tests of the editor, present mode and the meeting.
    p(
        "Floor Janssen",
        "floor.janssen@dijkhuis.example",
        "DV-1040",
        "Schadebehandeling Particulier",
        Some("ahmed.bouzid@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Rick van Leeuwen",
        "rick.vanleeuwen@dijkhuis.example",
        "DV-1041",
        "Klantcontactcentrum",
        Some("ruud.hendriks@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Mila Hoekstra",
        "mila.hoekstra@dijkhuis.example",
        "DV-1042",
        "Website & App",
        Some("naomi.tjin@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Sem de Boer",
        "sem.deboer@dijkhuis.example",
        "DV-1043",
        "Klachten & Bezwaar",
        Some("joost.mulder@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Tim Verbeek",
        "tim.verbeek@dijkhuis.example",
        "DV-1044",
        "Inkomensverzekeringen",
        Some("els.vandijk@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Noa Claassen",
        "noa.claassen@dijkhuis.example",
        "DV-1045",
        "Inkomensverzekeringen",
        Some("els.vandijk@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Jesse Kok",
        "jesse.kok@dijkhuis.example",
        "DV-1046",
        "Klantcommunicatie",
        Some("naomi.tjin@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Zoë Vos",
        "zoe.vos@dijkhuis.example",
        "DV-1047",
        "Schadebehandeling Particulier",
        Some("ahmed.bouzid@dijkhuis.example"),
        &[Employee],
    ),
    p(
        "Wouter Brouwer",
        "wouter.brouwer@dijkhuis.example",
        "DV-1034",
        "Customer Experience",
        Some("sanne.visser@dijkhuis.example"),
        &[Employee, Cx],
    ),
    DemoPerson {
        language: Locale::En,
        ..p(
            "Grace Okafor",
            "grace.okafor@dijkhuis.example",
            "DV-1035",
            "Customer Experience",
            Some("sanne.visser@dijkhuis.example"),
            &[Employee],
        )
    },
    DemoPerson {
        active: false,
        ..p(
            "Henk Postma",
            "henk.postma@dijkhuis.example",
            "DV-0950",
            "Klantcontactcentrum",
            Some("ruud.hendriks@dijkhuis.example"),
            &[Employee],
        )
    },
];

#[cfg(test)]
mod tests {
    use super::super::DEMO_PASSWORD;
    use super::*;
    use crate::domain::{Email, Password};

    #[test]
    fn demo_people_are_valid_and_cover_every_role() {
        for role in Role::ALL {
            assert!(
                PEOPLE.iter().any(|d| d.roles.contains(&role)),
                "no demo {role:?}"
            );
        }
        assert!(PEOPLE.len() >= 25);
        for (i, demo) in PEOPLE.iter().enumerate() {
            assert!(Email::parse(demo.email).is_ok());
            assert!(
                ORGANISATION
                    .iter()
                    .any(|(_, teams)| teams.contains(&demo.team)),
                "{}",
                demo.team
            );
            if let Some(m) = demo.manager {
                assert!(
                    PEOPLE[..i].iter().any(|e| e.email == m),
                    "manager {m} must come first"
                );
            }
        }
        assert!(Password::parse(DEMO_PASSWORD).is_ok());
    }
}
