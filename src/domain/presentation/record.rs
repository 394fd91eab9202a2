//! A presentation as read back: its texts, its slides in order, and the walkthrough it tells.

use super::super::walkthrough::{Friction, WalkthroughDetail};
use super::access::PresentationAccess;
use super::status::{PresentationStatus, SlideKind, Visibility};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One slide as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slide {
    pub id: i64,
    pub position: i64,
    pub kind: SlideKind,
    pub friction_id: Option<i64>,
    pub included: bool,
    pub notes: String,
}

/// Everything about one presentation. `walk` is the completed walkthrough it was made from (frozen,
/// so the slides read its frictions and evidence directly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresentationDetail {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub title: String,
    pub introduction: String,
    pub key_message: String,
    pub recommendations: String,
    pub visibility: Visibility,
    pub status: PresentationStatus,
    pub presented_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub access: PresentationAccess,
    pub slides: Vec<Slide>,
    /// Evidence ids the author marked sensitive.
    pub sensitive_evidence: Vec<i64>,
    pub walk: WalkthroughDetail,
}

impl PresentationDetail {
    /// The friction a finding slide shows.
    pub fn friction(&self, id: i64) -> Option<&Friction> {
        self.walk
            .steps
            .iter()
            .flat_map(|s| &s.frictions)
            .find(|f| f.id == id)
    }

    /// The slides shown when presenting, in order.
    pub fn included_slides(&self) -> impl Iterator<Item = &Slide> {
        self.slides.iter().filter(|s| s.included)
    }

    /// The frictions of the included finding slides, in slide order.
    pub fn included_findings(&self) -> Vec<&Friction> {
        self.included_slides()
            .filter_map(|s| s.friction_id)
            .filter_map(|id| self.friction(id))
            .collect()
    }

    /// Drops what this viewer may not see: evidence marked sensitive for colleagues, speaker
    /// notes for anyone but the author. Called on the server before the detail leaves it.
    pub fn redact_for(mut self, access: PresentationAccess) -> Self {
        if !access.sees_sensitive() {
            let hidden = std::mem::take(&mut self.sensitive_evidence);
            for step in &mut self.walk.steps {
                step.evidence.retain(|e| !hidden.contains(&e.id));
            }
        }
        if !access.can_edit() && access != PresentationAccess::ReadAll {
            for slide in &mut self.slides {
                slide.notes.clear();
            }
        }
        self
    }
}
