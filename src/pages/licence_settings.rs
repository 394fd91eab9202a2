//! `/admin/licence-settings` (HR and admins): the organisation's licence rules — validity,
//! expiry anchor, renewal window, grace, reminders. Changes apply to decisions made afterwards;
//! periods already issued keep their dates, and the page says so.

use crate::api::licence::reminders::{RunOutcome, RunRemindersNow};
use crate::api::licence::settings::{
    SaveLicenceSettings, SettingsPage as Data, load_licence_settings,
};
use crate::components::form::{
    ErrorSummary, SelectField, SuccessNotice, TextField, action_error, field_message,
};
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::domain::RoleSet;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn manages(roles: &RoleSet) -> bool {
    roles.can_manage_licences()
}

/// `/admin/licence-settings`
#[component]
pub fn LicenceSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_licence_settings());
    let i18n = use_i18n();
    view! {
        <RequireRole allowed=manages children=move |_| view! {
            <PageHeader title=i18n.t("licence-settings-title") lead=i18n.t("licence-settings-lead") />
            <Loaded resource=data children=move |page| view! { <SettingsForm page /> } />
        } />
    }
}

#[component]
fn SettingsForm(page: Data) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveLicenceSettings>::new();
    let error = action_error(action);
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let f = page.input;
    let anchors = ["previous_expiry", "sign_off", "fixed_date"]
        .map(|a| {
            (
                a.to_owned(),
                i18n.t(&format!("licence-anchor-{}", a.replace('_', "-"))),
            )
        })
        .to_vec();
    let changed = page.updated_at.map(|at| {
        i18n.t_with(
            "licence-settings-changed",
            &[
                ("at", i18n.datetime(at)),
                ("name", page.updated_by.clone().unwrap_or_default()),
            ],
        )
    });
    view! {
        <SuccessNotice show=saved message=i18n.t("licence-settings-saved") />
        <div class="alert alert--info" role="note">{i18n.t("licence-settings-existing")}</div>
        {changed.map(|c| view! { <p class="licence-settings__changed">{c}</p> })}
        <ActionForm action attr:class="form card licence-settings">
            <ErrorSummary error />
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{i18n.t("licence-settings-validity")}</legend>
                <TextField name="form[validity_months]" field="validity_months" kind="number"
                    label=i18n.t("licence-settings-months") value=f.validity_months required=true
                    error=field_message(error, "validity_months") />
                <SelectField name="form[anchor]" field="anchor" label=i18n.t("licence-settings-anchor")
                    options=anchors selected=f.anchor error=field_message(error, "anchor") />
                <p class="field__hint">{i18n.t("licence-settings-anchor-hint")}</p>
                <TextField name="form[fixed_date]" field="fixed_date" label=i18n.t("licence-settings-fixed-date")
                    hint=i18n.t("licence-settings-fixed-date-hint") value=f.fixed_date
                    error=field_message(error, "fixed_date") />
                <TextField name="form[min_validity_days]" field="min_validity_days" kind="number"
                    label=i18n.t("licence-settings-min-validity") hint=i18n.t("licence-settings-min-validity-hint")
                    value=f.min_validity_days required=true error=field_message(error, "min_validity_days") />
            </fieldset>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{i18n.t("licence-settings-renewal")}</legend>
                <TextField name="form[window_days]" field="window_days" kind="number"
                    label=i18n.t("licence-settings-window") hint=i18n.t("licence-settings-window-hint")
                    value=f.window_days required=true error=field_message(error, "window_days") />
                <TextField name="form[grace_days]" field="grace_days" kind="number"
                    label=i18n.t("licence-settings-grace") hint=i18n.t("licence-settings-grace-hint")
                    value=f.grace_days required=true error=field_message(error, "grace_days") />
                <div class="field">
                    <label class="checkbox" for="field-grace-counts">
                        <input type="checkbox" id="field-grace-counts" name="form[grace_counts_as_covered]"
                            checked=f.grace_counts_as_covered.is_some() />
                        {i18n.t("licence-settings-grace-covered")}
                    </label>
                </div>
            </fieldset>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{i18n.t("licence-settings-reminders")}</legend>
                <TextField name="form[reminder_days]" field="reminder_days"
                    label=i18n.t("licence-settings-reminder-days") hint=i18n.t("licence-settings-reminder-days-hint")
                    value=f.reminder_days error=field_message(error, "reminder_days") />
                <TextField name="form[expired_every_days]" field="expired_every_days" kind="number"
                    label=i18n.t("licence-settings-every") hint=i18n.t("licence-settings-every-hint")
                    value=f.expired_every_days required=true error=field_message(error, "expired_every_days") />
                <TextField name="form[manager_cc_days]" field="manager_cc_days" kind="number"
                    label=i18n.t("licence-settings-cc") hint=i18n.t("licence-settings-cc-hint")
                    value=f.manager_cc_days required=true error=field_message(error, "manager_cc_days") />
            </fieldset>
            <div class="form__actions">
                <button class="btn btn--primary" type="submit">{i18n.t("licence-settings-save")}</button>
            </div>
        </ActionForm>
        {page.can_run_reminders.then(|| view! { <RunReminders every=page.reminder_interval_secs /> })}
    }
}

/// The reminders now (administrators): a plain form post; the page comes back saying what the
/// run did.
#[component]
fn RunReminders(every: u64) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RunRemindersNow>::new();
    let error = action_error(action);
    let ran = use_query_map().with_untracked(|q| RunOutcome::from_query(|k| q.get(k)));
    let schedule = match every {
        0 => None,
        3600 => Some(i18n.t("reminders-run-every")),
        n => Some(i18n.t_with_count("reminders-run-every-secs", n as i64, &[])),
    };
    let lead = match schedule {
        Some(every) => i18n.t_with("reminders-run-lead", &[("every", every)]),
        None => i18n.t("reminders-run-off"),
    };
    let done = ran.map(|r| {
        let count = |key: &str, n: usize| i18n.t_with_count(key, n as i64, &[]);
        let mut parts = vec![
            i18n.t("reminders-run-done"),
            i18n.t_with_count(
                "reminders-run-claimed",
                r.claimed as i64,
                &[("first", r.first_licence.to_string())],
            ),
            count("nudge-done-mailed", r.sent),
        ];
        if r.failed > 0 {
            parts.push(count("reminders-run-failed", r.failed));
        }
        if r.superseded > 0 {
            parts.push(count("reminders-run-superseded", r.superseded));
        }
        parts.join(" ")
    });
    view! {
        <section class="card stack" aria-labelledby="reminders-run">
            <h2 id="reminders-run">{i18n.t("reminders-run-title")}</h2>
            {done.map(|d| view! { <SuccessNotice show=true message=d /> })}
            <p>{lead}</p>
            <ActionForm action>
                <ErrorSummary error />
                <button class="btn btn--secondary" type="submit">{i18n.t("reminders-run-now")}</button>
            </ActionForm>
        </section>
    }
}
