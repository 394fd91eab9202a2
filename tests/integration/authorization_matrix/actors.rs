//! The eight people the matrix calls every endpoint as, from the demo organisation
//! (`src/demo/seed/people.rs`), and one signed-in browser each (sign-in is throttled per address,
//! so each signs in once).

use crate::common::{ADMIN, EMPLOYEE, HR, REVIEWER, TestApp};
use klantenrijbewijs::domain::Role;

/// Daan's teammate in Autoschade, with the same lead and no other role.
pub const COLLEAGUE: &str = "lotte.smit@dijkhuis.example";
/// The lead of Schadebehandeling Particulier: a reviewer, but not Daan's.
pub const OTHER_REVIEWER: &str = "ahmed.bouzid@dijkhuis.example";
/// The Customer Experience member (the Cx role).
pub const CX: &str = "wouter.brouwer@dijkhuis.example";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Actor {
    Anonymous,
    /// Daan Bakker (`EMPLOYEE`): the walkthroughs, presentation, evidence and licence are his.
    Owner,
    /// Lotte Smit: same team, same lead.
    Colleague,
    /// Ahmed Bouzid: leads another team.
    OtherReviewer,
    /// Marieke Jansen (`REVIEWER`): Daan's manager and the lead of his team.
    OwnReviewer,
    /// Fatima El Amrani (`HR`).
    Hr,
    /// Wouter Brouwer.
    Cx,
    /// Sanne Visser (`ADMIN`).
    Admin,
}

impl Actor {
    pub const ALL: [Actor; 8] = [
        Actor::Anonymous,
        Actor::Owner,
        Actor::Colleague,
        Actor::OtherReviewer,
        Actor::OwnReviewer,
        Actor::Hr,
        Actor::Cx,
        Actor::Admin,
    ];

    pub fn email(self) -> Option<&'static str> {
        match self {
            Actor::Anonymous => None,
            Actor::Owner => Some(EMPLOYEE),
            Actor::Colleague => Some(COLLEAGUE),
            Actor::OtherReviewer => Some(OTHER_REVIEWER),
            Actor::OwnReviewer => Some(REVIEWER),
            Actor::Hr => Some(HR),
            Actor::Cx => Some(CX),
            Actor::Admin => Some(ADMIN),
        }
    }

    /// The roles the table reasons with; `sign_in` checks them against what the app says.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Actor::Anonymous => &[],
            Actor::Owner | Actor::Colleague => &[Employee],
            Actor::OtherReviewer | Actor::OwnReviewer => &[Employee, Reviewer],
            Actor::Hr => &[Employee, Hr],
            Actor::Cx => &[Employee, Cx],
            Actor::Admin => &[Employee, Admin],
        }
    }
}

/// A browser per person (the anonymous one never signs in).
pub struct People {
    clients: Vec<(Actor, reqwest::Client)>,
}

impl People {
    pub fn client(&self, actor: Actor) -> &reqwest::Client {
        &self
            .clients
            .iter()
            .find(|(a, _)| *a == actor)
            .expect("every actor has a client")
            .1
    }
}

/// Signs everyone in and checks each holds exactly the roles the table assumes.
pub async fn sign_in(app: &TestApp) -> People {
    let mut clients = Vec::new();
    for actor in Actor::ALL {
        let client = match actor.email() {
            None => TestApp::new_client(),
            Some(email) => app.client_for(email).await,
        };
        let info = app.call_as(&client, "session_info", &[]).await;
        let info: klantenrijbewijs::auth::SessionInfo =
            serde_json::from_str(&info.body).expect("session info");
        let mut roles: Vec<Role> = info
            .user
            .map(|u| u.roles.iter().collect())
            .unwrap_or_default();
        roles.sort();
        let mut assumed = actor.roles().to_vec();
        assumed.sort();
        assert_eq!(roles, assumed, "{actor:?}: the demo roles changed");
        clients.push((actor, client));
    }
    People { clients }
}
