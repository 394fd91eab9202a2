//! One module per screen; each composes components and calls server functions from `api`.

pub mod account;
pub mod home;
pub mod hr_audit;
pub mod hr_dashboard;
pub mod hr_dashboard_people;
pub mod hr_import;
pub mod hr_invitations;
pub mod hr_licence_import;
pub mod improvement;
pub mod improvement_inbox;
pub mod improvements;
pub mod journey_edit;
pub mod journeys;
pub mod library;
pub mod licence;
pub mod licence_card;
pub mod licence_settings;
pub mod licence_team;
pub mod login;
pub mod notifications;
pub mod organisation;
pub mod password;
pub mod people;
pub mod person_form;
pub mod presentation;
pub mod presentation_edit;
pub mod presentation_meeting;
pub mod presentation_present;
pub mod verify;
pub mod walk;
pub mod walk_log;
pub mod walk_step;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A route parameter as an id, tracked so a navigation to another id re-renders the page.
pub fn id_param(name: &'static str) -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .with(|p| p.get(name))
            .and_then(|s| s.parse::<i64>().ok())
    })
}
