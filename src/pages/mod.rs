//! One module per screen; each composes components and calls server functions from `api`.

pub mod account;
pub mod errors;
pub mod home;
pub mod journey_edit;
pub mod journeys;
pub mod login;
pub mod organisation;
pub mod people;
pub mod person_form;
pub mod walk;
pub mod walk_log;
pub mod walk_step;
