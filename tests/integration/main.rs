//! All integration tests in one binary: each module drives the real app over HTTP on port 0 with a
//! fresh SQLite database (see `common`). One binary instead of one per file keeps CI's cold build
//! to a single link and a single copy of the app on disk (28 separate binaries were 1 GB each).

#[allow(dead_code)]
mod common;

mod access;
mod assets;
mod audit;
mod auth;
mod authorization_matrix;
mod backup;
mod concurrency;
mod config_start;
mod crash;
mod dashboard;
mod db_writes;
mod evidence;
mod evidence_abuse;
mod first_licence;
mod hr_lists;
mod import;
mod import_roles;
mod improvement_demo;
mod improvement_inbox;
mod improvement_life;
mod improvement_tally;
mod improvement_walker;
mod improvement_walker_mail;
mod improvement_walker_similar;
mod journeys;
mod library;
mod licence;
mod licence_card;
mod licence_import;
mod many_servers;
mod metrics;
mod notifications;
mod nudge_outcome;
mod operations;
mod org_upkeep;
mod people;
mod presentation_edit;
mod presentation_meeting;
mod presentation_present;
mod presentation_social;
mod presentations_core;
mod reminder_delivery;
mod reminders;
mod scale;
mod schema;
mod security;
mod sessions;
mod walkthrough;
mod who_counts;
