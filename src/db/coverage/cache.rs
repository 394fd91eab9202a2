//! The HR dashboard's figures kept in memory until the data or the day changes.
//!
//! Counting every person's status and the 12-month trend takes ~90 ms at 10,000 employees; the
//! figures only change when a person, team, department, licence period, decision or the
//! licence settings change (database triggers then move `coverage_version`, see the migration
//! `coverage_version`) or when the calendar day in Amsterdam turns. Invariants:
//! - an entry is only served for the version and day it was computed under; the version is read
//!   *before* computing, so a write during the computation makes the entry stale at once, never
//!   hides the write;
//! - one computation at a time: a burst of requests after a change waits for the first one
//!   instead of all counting the same 10,000 people;
//! - at most [`CAPACITY`] filters are kept; the cache is emptied when full.

use super::Scope;
use crate::db::Db;
use crate::domain::coverage::{CoverageFilter, Dashboard};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many filters are kept at once (each entry is a few kilobytes).
pub const CAPACITY: usize = 256;

/// What an entry is computed for: the scope and the filter's department, team and manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    scope: Scope,
    department_id: Option<i64>,
    team_id: Option<i64>,
    manager_id: Option<i64>,
}

impl Key {
    pub fn new(scope: Scope, filter: &CoverageFilter) -> Key {
        Key {
            scope,
            department_id: filter.department_id,
            team_id: filter.team_id,
            manager_id: filter.manager_id,
        }
    }

    /// The filter the figures are computed with: only what the key holds.
    fn filter(&self) -> CoverageFilter {
        CoverageFilter {
            department_id: self.department_id,
            team_id: self.team_id,
            manager_id: self.manager_id,
            ..CoverageFilter::default()
        }
    }
}

/// The entries of one data version on one day.
#[derive(Debug, Default)]
struct Entries {
    version: i64,
    day: Option<NaiveDate>,
    map: HashMap<Key, Arc<Dashboard>>,
}

impl Entries {
    fn get(&self, version: i64, day: NaiveDate, key: &Key) -> Option<Arc<Dashboard>> {
        if self.version == version && self.day == Some(day) {
            self.map.get(key).cloned()
        } else {
            None
        }
    }

    fn put(&mut self, version: i64, day: NaiveDate, key: Key, value: Arc<Dashboard>) {
        if self.version != version || self.day != Some(day) {
            // A newer version replaces the entries; an older one (computed before a write that
            // another request has seen already) is not kept at all.
            if version < self.version && self.day == Some(day) {
                return;
            }
            self.map.clear();
            self.version = version;
            self.day = Some(day);
        }
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(key, value);
    }
}

/// Shared by every request (in `AppState`).
#[derive(Debug, Default)]
pub struct CoverageCache {
    entries: Mutex<Entries>,
    computing: tokio::sync::Mutex<()>,
}

impl CoverageCache {
    /// The dashboard for `scope` and the filter's department, team and manager on `today`,
    /// computed at most once per data version and day.
    pub async fn dashboard(
        &self,
        db: &Db,
        scope: Scope,
        filter: &CoverageFilter,
        today: NaiveDate,
    ) -> Result<Arc<Dashboard>, sqlx::Error> {
        let key = Key::new(scope, filter);
        let version = version(db).await?;
        if let Some(hit) = self.lock().get(version, today, &key) {
            return Ok(hit);
        }
        let _one_at_a_time = self.computing.lock().await;
        // Read again: whoever held the lock may have computed it, or the data moved on.
        let version = self::version(db).await?;
        if let Some(hit) = self.lock().get(version, today, &key) {
            return Ok(hit);
        }
        let value = Arc::new(super::dashboard(db, scope, &key.filter(), today).await?);
        self.lock().put(version, today, key, value.clone());
        Ok(value)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // The entries are consistent after every statement; a panic elsewhere cannot break them.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The current data version (moved by triggers on every change the dashboard counts).
pub async fn version(src: impl crate::db::Source<'_>) -> Result<i64, sqlx::Error> {
    Ok(crate::db::backend::on!(src, |c| {
        sqlx::query_scalar("select version from coverage_version where id = 1")
            .fetch_one(&mut *c)
            .await?
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::{Counts, FilterChoices};

    fn board(people: i64) -> Arc<Dashboard> {
        let mut total = Counts::default();
        total.add(crate::domain::licence::LicenceStatus::Valid, people);
        Arc::new(Dashboard {
            organisation: true,
            grace_counts_as_covered: false,
            teams: Vec::new(),
            total,
            trend: Vec::new(),
            choices: FilterChoices::default(),
        })
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("date")
    }

    fn key(department: Option<i64>) -> Key {
        Key::new(
            Scope::All,
            &CoverageFilter {
                department_id: department,
                ..CoverageFilter::default()
            },
        )
    }

    #[test]
    fn an_entry_serves_only_its_version_day_and_filter() {
        let mut e = Entries::default();
        e.put(4, day(2), key(None), board(10));
        assert_eq!(
            e.get(4, day(2), &key(None)).map(|b| b.total.total()),
            Some(10)
        );
        assert!(e.get(5, day(2), &key(None)).is_none(), "data changed");
        assert!(e.get(4, day(3), &key(None)).is_none(), "the day turned");
        assert!(
            e.get(4, day(2), &key(Some(1))).is_none(),
            "another department"
        );
        let reviewer = Key::new(Scope::ReportsOf(7), &CoverageFilter::default());
        assert!(e.get(4, day(2), &reviewer).is_none(), "another scope");
    }

    #[test]
    fn a_newer_version_replaces_everything_and_an_older_one_is_dropped() {
        let mut e = Entries::default();
        e.put(4, day(2), key(None), board(10));
        e.put(4, day(2), key(Some(1)), board(3));
        e.put(5, day(2), key(None), board(11));
        assert!(e.get(5, day(2), &key(Some(1))).is_none());
        assert_eq!(e.map.len(), 1);
        // Computed before version 5's write but stored after: not kept.
        e.put(4, day(2), key(Some(1)), board(3));
        assert!(e.get(4, day(2), &key(Some(1))).is_none());
        assert_eq!(
            e.get(5, day(2), &key(None)).map(|b| b.total.total()),
            Some(11)
        );
    }

    #[test]
    fn a_full_cache_starts_again() {
        let mut e = Entries::default();
        for d in 0..CAPACITY as i64 {
            e.put(1, day(2), key(Some(d)), board(d));
        }
        assert_eq!(e.map.len(), CAPACITY);
        e.put(1, day(2), key(Some(-1)), board(0));
        assert_eq!(e.map.len(), 1);
        assert!(e.get(1, day(2), &key(Some(-1))).is_some());
    }
}
