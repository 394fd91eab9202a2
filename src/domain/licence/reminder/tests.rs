//! Unit tests of the reminder rules: every offset day and its neighbours, collisions, the weekly
//! reminders after expiry, the manager's copy, catch-up after downtime and the settings field.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn add(date: NaiveDate, days: i64) -> NaiveDate {
    date + chrono::Duration::days(days)
}

const VT: (i32, u32, u32) = (2027, 3, 31);

fn vt() -> NaiveDate {
    d(VT.0, VT.1, VT.2)
}

#[test]
fn codes_round_trip_and_unknown_codes_are_refused() {
    for kind in [
        ReminderKind::WindowOpen,
        ReminderKind::Before(30),
        ReminderKind::Before(7),
        ReminderKind::Expiry,
        ReminderKind::Expired(1),
        ReminderKind::Expired(26),
    ] {
        assert_eq!(ReminderKind::parse(&kind.code()), Some(kind), "{kind:?}");
    }
    assert_eq!(ReminderKind::Before(30).code(), "before-30");
    assert_eq!(ReminderKind::Expired(2).code(), "expired-2");
    for bad in [
        "",
        "before-",
        "before-0",
        "before--1",
        "expired-x",
        "before-+3",
        "later",
    ] {
        assert_eq!(ReminderKind::parse(bad), None, "{bad}");
    }
}

/// With the defaults each reminder falls on exactly its own day, and the days around it have
/// nothing (or their own reminder).
#[test]
fn every_default_offset_is_due_on_its_day_only() {
    let rules = ReminderRules::default();
    let cases = [
        (60, ReminderKind::WindowOpen),
        (30, ReminderKind::Before(30)),
        (7, ReminderKind::Before(7)),
        (0, ReminderKind::Expiry),
    ];
    for (days_before, kind) in cases {
        let day = add(vt(), -days_before);
        let due = rules.due_on(vt(), day).expect("due on its day");
        assert_eq!(due.kind, kind, "{days_before} days before");
        assert_eq!(due.on, day);
        assert_eq!(
            rules.due_on(vt(), add(day, -1)),
            None,
            "day before {kind:?}"
        );
        assert_eq!(rules.due_on(vt(), add(day, 1)), None, "day after {kind:?}");
    }
    // Nothing on ordinary days, before the window or right after expiry.
    for days_before in [61, 59, 45, 31, 29, 8, 6, 1, -1, -6] {
        assert_eq!(
            rules.due_on(vt(), add(vt(), -days_before)),
            None,
            "{days_before}"
        );
    }
}

#[test]
fn the_last_valid_day_is_the_expiry_reminder() {
    let rules = ReminderRules::default();
    let due = rules.due_on(vt(), vt()).expect("due");
    assert_eq!(due.kind, ReminderKind::Expiry);
    assert!(due.copy_manager);
}

/// The default window (60) and the 60-day offset share a day: one message, `window-open`.
#[test]
fn window_opening_and_a_reminder_on_one_day_make_one_message() {
    let schedule = ReminderRules::default().schedule(vt());
    let on_day: Vec<_> = schedule.iter().filter(|s| s.on == add(vt(), -60)).collect();
    assert_eq!(on_day.len(), 1);
    assert_eq!(on_day[0].kind, ReminderKind::WindowOpen);
    assert!(schedule.iter().all(|s| s.kind != ReminderKind::Before(60)));
    // Dates are strictly increasing: never two on one day.
    assert!(schedule.windows(2).all(|w| w[0].on < w[1].on));
}

#[test]
fn a_window_apart_from_the_offsets_is_its_own_reminder() {
    let rules = ReminderRules::new(&[90, 30, 0], 7, 45, 7);
    let kinds: Vec<_> = rules
        .schedule(vt())
        .into_iter()
        .take(4)
        .map(|s| (s.kind, (vt() - s.on).num_days()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ReminderKind::Before(90), 90),
            (ReminderKind::WindowOpen, 45),
            (ReminderKind::Before(30), 30),
            (ReminderKind::Expiry, 0),
        ]
    );
    // A window of 0 days opens on the last day: the expiry reminder wins that day.
    let rules = ReminderRules::new(&[30, 0], 7, 0, 7);
    assert_eq!(
        rules.due_on(vt(), vt()).map(|s| s.kind),
        Some(ReminderKind::Expiry)
    );
    // Without 0 in the offsets there is no reminder on the day (the window may still open).
    let rules = ReminderRules::new(&[30], 7, 60, 7);
    assert_eq!(rules.due_on(vt(), vt()), None);
}

#[test]
fn weekly_after_expiry_for_half_a_year() {
    let rules = ReminderRules::default();
    let expired: Vec<_> = rules
        .schedule(vt())
        .into_iter()
        .filter(|s| matches!(s.kind, ReminderKind::Expired(_)))
        .collect();
    assert_eq!(expired.len(), 26);
    for (i, s) in expired.iter().enumerate() {
        let k = u32::try_from(i + 1).expect("small");
        assert_eq!(s.kind, ReminderKind::Expired(k));
        assert_eq!(s.on, add(vt(), 7 * i64::from(k)));
        assert!(s.copy_manager, "the manager is copied while expired");
    }
    assert_eq!(
        rules.due_on(vt(), add(vt(), 7)).map(|s| s.kind),
        Some(ReminderKind::Expired(1))
    );
    assert_eq!(rules.due_on(vt(), add(vt(), 8)), None);
    assert_eq!(rules.due_on(vt(), add(vt(), 13)), None);
    assert_eq!(
        rules.due_on(vt(), add(vt(), 14)).map(|s| s.kind),
        Some(ReminderKind::Expired(2))
    );
    assert_eq!(
        rules.due_on(vt(), add(vt(), 182)).map(|s| s.kind),
        Some(ReminderKind::Expired(26))
    );
    assert_eq!(
        rules.due_on(vt(), add(vt(), 189)),
        None,
        "stops after 26 weeks"
    );
    // Another rhythm, and none at all.
    let every_10 = ReminderRules::new(&[0], 10, 60, 7);
    assert_eq!(
        every_10.due_on(vt(), add(vt(), 30)).map(|s| s.kind),
        Some(ReminderKind::Expired(3))
    );
    let never = ReminderRules::new(&[0], 0, 60, 7);
    assert!(
        never
            .schedule(vt())
            .iter()
            .all(|s| !matches!(s.kind, ReminderKind::Expired(_)))
    );
}

#[test]
fn the_manager_is_copied_from_seven_days_before() {
    let rules = ReminderRules::default();
    let copied: Vec<_> = rules
        .schedule(vt())
        .into_iter()
        .take(4)
        .map(|s| (s.kind, s.copy_manager))
        .collect();
    assert_eq!(
        copied,
        vec![
            (ReminderKind::WindowOpen, false),
            (ReminderKind::Before(30), false),
            (ReminderKind::Before(7), true),
            (ReminderKind::Expiry, true),
        ]
    );
    // From 30 days when the organisation says so; 0: only from the last day.
    let early = ReminderRules::new(&[60, 30, 7, 0], 7, 60, 30);
    assert!(
        early
            .due_on(vt(), add(vt(), -30))
            .expect("due")
            .copy_manager
    );
    assert!(
        !early
            .due_on(vt(), add(vt(), -60))
            .expect("due")
            .copy_manager
    );
    let late = ReminderRules::new(&[60, 30, 7, 0], 7, 60, 0);
    assert!(!late.due_on(vt(), add(vt(), -7)).expect("due").copy_manager);
    assert!(late.due_on(vt(), vt()).expect("due").copy_manager);
}

#[test]
fn month_ends_and_leap_days_count_calendar_days() {
    let rules = ReminderRules::default();
    // 29 February 2028: 30 days before is 30 January, 7 days before 22 February.
    let leap = d(2028, 2, 29);
    assert_eq!(
        rules.due_on(leap, d(2028, 1, 30)).map(|s| s.kind),
        Some(ReminderKind::Before(30))
    );
    assert_eq!(
        rules.due_on(leap, d(2028, 2, 22)).map(|s| s.kind),
        Some(ReminderKind::Before(7))
    );
    assert_eq!(
        rules.due_on(leap, d(2028, 3, 7)).map(|s| s.kind),
        Some(ReminderKind::Expired(1))
    );
}

/// A run every day with nothing missed: each reminder once, on its day, none superseded.
#[test]
fn daily_runs_send_each_reminder_once() {
    let rules = ReminderRules::default();
    let issued = add(vt(), -365);
    let mut recorded = Vec::new();
    let mut sent = Vec::new();
    for offset in -70..200 {
        let today = add(vt(), offset);
        let plan = rules.plan(vt(), today, issued, &recorded);
        assert!(plan.supersede.is_empty(), "nothing missed on {today}");
        if let Some(s) = plan.send {
            assert_eq!(s.on, today);
            recorded.push(s.kind);
            sent.push(s.kind);
        }
    }
    assert_eq!(sent.len(), 3 + 1 + 26);
    assert_eq!(
        &sent[..4],
        &[
            ReminderKind::WindowOpen,
            ReminderKind::Before(30),
            ReminderKind::Before(7),
            ReminderKind::Expiry,
        ]
    );
}

/// Running twice on one day (a restart) sends nothing the second time.
#[test]
fn a_second_run_the_same_day_sends_nothing() {
    let rules = ReminderRules::default();
    let today = add(vt(), -7);
    let first = rules.plan(
        vt(),
        today,
        add(vt(), -365),
        &[ReminderKind::WindowOpen, ReminderKind::Before(30)],
    );
    let kind = first.send.expect("the 7-day reminder").kind;
    let second = rules.plan(
        vt(),
        today,
        add(vt(), -365),
        &[ReminderKind::WindowOpen, ReminderKind::Before(30), kind],
    );
    assert_eq!(second, Plan::default());
}

/// Down from before the 30-day reminder until after the 7-day one: one catch-up (the 7-day
/// reminder), the 30-day one recorded as superseded and never sent late.
#[test]
fn catch_up_after_downtime_sends_only_the_latest() {
    let rules = ReminderRules::default();
    let issued = add(vt(), -365);
    let recorded = [ReminderKind::WindowOpen];
    let plan = rules.plan(vt(), add(vt(), -5), issued, &recorded);
    let send = plan.send.expect("a catch up");
    assert_eq!(send.kind, ReminderKind::Before(7));
    assert!(send.copy_manager);
    assert_eq!(plan.supersede, vec![ReminderKind::Before(30)]);
    // Recorded both: the next days owe nothing until the last day.
    let recorded = [
        ReminderKind::WindowOpen,
        ReminderKind::Before(30),
        ReminderKind::Before(7),
    ];
    for days_before in [4, 3, 2, 1] {
        assert_eq!(
            rules.plan(vt(), add(vt(), -days_before), issued, &recorded),
            Plan::default()
        );
    }
    // Down for weeks after expiry: the latest weekly reminder only.
    let plan = rules.plan(vt(), add(vt(), 23), issued, &recorded);
    assert_eq!(plan.send.map(|s| s.kind), Some(ReminderKind::Expired(3)));
    assert_eq!(
        plan.supersede,
        vec![
            ReminderKind::Expiry,
            ReminderKind::Expired(1),
            ReminderKind::Expired(2)
        ]
    );
}

#[test]
fn reminders_from_before_the_period_was_issued_are_not_owed() {
    let rules = ReminderRules::default();
    // Certified 20 days before its end: the window and 30-day dates lie before that.
    let issued = add(vt(), -20);
    assert_eq!(rules.plan(vt(), issued, issued, &[]), Plan::default());
    let plan = rules.plan(vt(), add(vt(), -7), issued, &[]);
    assert_eq!(plan.send.map(|s| s.kind), Some(ReminderKind::Before(7)));
    assert!(plan.supersede.is_empty());
    // Nothing is due before the first reminder of a fresh period.
    assert_eq!(
        rules.plan(vt(), add(vt(), -100), add(vt(), -365), &[]),
        Plan::default()
    );
}

#[test]
fn offsets_are_parsed_for_the_settings_page() {
    assert_eq!(parse_offsets("60,30,7,0"), Ok(vec![60, 30, 7, 0]));
    assert_eq!(parse_offsets(" 7, 60 ,0,30 "), Ok(vec![60, 30, 7, 0]));
    assert_eq!(parse_offsets("365"), Ok(vec![365]));
    assert_eq!(parse_offsets(""), Ok(vec![]));
    assert_eq!(parse_offsets("   "), Ok(vec![]));
    assert_eq!(format_offsets(&[60, 30, 7, 0]), "60,30,7,0");
    for (bad, key) in [
        ("60,x,7", "licence-error-offsets-number"),
        ("sixty", "licence-error-offsets-number"),
        ("60,,7", "licence-error-offsets-number"),
        ("60,30,", "licence-error-offsets-number"),
        ("7.5", "licence-error-offsets-number"),
        ("+7", "licence-error-offsets-number"),
        ("60;30", "licence-error-offsets-number"),
        ("60,-7", "licence-error-offsets-negative"),
        ("-1", "licence-error-offsets-negative"),
        ("60,30,60", "licence-error-offsets-duplicate"),
        ("0,0", "licence-error-offsets-duplicate"),
        ("366", "licence-error-offsets-range"),
        ("99999999999999999999", "licence-error-offsets-range"),
    ] {
        assert_eq!(parse_offsets(bad), Err(key), "{bad:?}");
    }
}

#[test]
fn rules_sort_and_deduplicate_offsets() {
    let rules = ReminderRules::new(&[7, 60, 7, 0, 30], 7, 60, 7);
    assert_eq!(rules.offsets, vec![60, 30, 7, 0]);
    assert_eq!(rules, ReminderRules::default());
}
