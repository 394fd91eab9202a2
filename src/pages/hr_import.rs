//! `/hr/import` (HR and admins): upload a CSV from the HR system, see the dry run
//! (`/hr/import/<token>`: counts, who is created, updated and deactivated, every row error with
//! its line, who stays active although the file would deactivate them), then apply it. The
//! accepted column names are listed from the parser's own table. Plain forms: the upload is a multipart post, "Apply" a server
//! function posted as a form. A small inline script (with the page's CSP nonce) shows a progress
//! bar while a form is being sent; without JavaScript the browser's own indicator does.

use crate::api::import::{ApplyImport, ImportDryRun, ListedPerson, import_preview};
use crate::components::form::ErrorSummary;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Shows the form's progress bar and marks its button busy when the form is sent.
const BUSY_SCRIPT: &str = "document.querySelectorAll('form[data-busy]').forEach(function(f){f.addEventListener('submit',function(){var p=f.querySelector('.busy');if(p){p.hidden=false;}var b=f.querySelector('button[type=submit]');if(b){b.setAttribute('aria-disabled','true');}});});";

/// The progress bar of a form (hidden until it is sent) and the script that shows it.
#[component]
fn Busy(label: String) -> impl IntoView {
    view! {
        <div class="busy" hidden=true role="status">
            <progress class="busy__bar" aria-label=label.clone()></progress>
            <span>{label}</span>
        </div>
    }
}

#[component]
fn BusyScript() -> impl IntoView {
    view! { <script nonce=leptos::nonce::use_nonce() inner_html=BUSY_SCRIPT></script> }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (error, applied) = query.with_untracked(|q| {
        let error = q.get("error").map(|k| i18n.message(&k));
        if let Some(n) = q.get("licences") {
            let n = n.parse::<i64>().unwrap_or_default();
            return (error, Some(i18n.t_count("licence-import-applied", n)));
        }
        let applied = q.get("applied").map(|_| {
            let n = |k: &str| q.get(k).unwrap_or_default();
            i18n.t_with(
                "import-applied",
                &[
                    ("created", n("created")),
                    ("updated", n("updated")),
                    ("deactivated", n("deactivated")),
                ],
            )
        });
        (error, applied)
    });
    view! {
        <RequireRole allowed=RoleSet::can_view_people_overview children=move |_| {
            let (error, applied) = (error.clone(), applied.clone());
            view! {
                <PageHeader title=i18n.t("import-title") lead=i18n.t("import-lead") />
                {applied.map(|text| view! { <div class="alert alert--success" role="status">{text}</div> })}
                {error.map(|text| view! { <div class="alert alert--error" role="alert">{text}</div> })}
                <form class="card stack" method="post" enctype="multipart/form-data" action=routes::HR_IMPORT_UPLOAD data-busy="">
                    <div class="field">
                        <label class="field__label" for="import-file">{i18n.t("import-file")}</label>
                        <p class="field__hint" id="import-file-hint">{i18n.t("import-file-hint")}</p>
                        <input class="field__input" id="import-file" type="file" name="file" accept=".csv,text/csv" required=true aria-describedby="import-file-hint" />
                    </div>
                    <div class="field">
                        <label class="checkbox" for="import-full">
                            <input id="import-full" type="checkbox" name="full_export" aria-describedby="import-full-hint" />
                            {i18n.t("import-full-export")}
                        </label>
                        <p class="field__hint" id="import-full-hint">{i18n.t("import-full-export-hint")}</p>
                    </div>
                    <div class="field">
                        <input type="hidden" name="managers_review_sent" value="1" />
                        <label class="checkbox" for="import-managers">
                            <input id="import-managers" type="checkbox" name="managers_review" checked=true aria-describedby="import-managers-hint" />
                            {i18n.t("import-managers-review")}
                        </label>
                        <p class="field__hint" id="import-managers-hint">{i18n.t("import-managers-review-hint")}</p>
                    </div>
                    <Busy label=i18n.t("import-busy-reading") />
                    <div class="form__actions">
                        <button class="btn btn--primary" type="submit">{i18n.t("import-check")}</button>
                    </div>
                </form>
                <ColumnList />
                <crate::pages::hr_licence_import::LicenceUploadForm />
                <BusyScript />
            }
        } />
    }
}

/// The accepted header names per column, from the table the parser reads.
#[component]
fn ColumnList() -> impl IntoView {
    use crate::domain::import::{Column, HEADERS};
    let i18n = use_i18n();
    let required = move |c: Column| match c {
        Column::Number | Column::Email => i18n.t("import-columns-required"),
        Column::Name => i18n.t("import-columns-name-or-parts"),
        Column::FirstName | Column::Infix | Column::LastName => i18n.t("import-columns-name-part"),
        _ => i18n.t("import-columns-optional"),
    };
    view! {
        <section class="card" aria-labelledby="import-columns">
            <h2 class="card__title" id="import-columns">{i18n.t("import-columns-title")}</h2>
            <p class="prose">{i18n.t("import-columns-text")}</p>
            <ScrollTable label=i18n.t("import-columns-names")>
                <thead><tr>
                    <th scope="col">{i18n.t("import-columns-column")}</th>
                    <th scope="col">{i18n.t("import-columns-names")}</th>
                </tr></thead>
                <tbody>
                    {HEADERS.iter().map(|(column, names)| view! {
                        <tr>
                            <th scope="row">{i18n.t(column.label_key())}<br /><span class="table__muted">{required(*column)}</span></th>
                            <td class="import-headers">{names.join(", ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
            <p class="prose">{i18n.t("import-columns-more")}</p>
        </section>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(move || token.clone(), import_preview);
    view! {
        <RequireRole allowed=RoleSet::can_view_people_overview children=move |_| view! {
            <Loaded resource=data children=move |preview| view! { <Preview preview /> } />
        } />
    }
}

#[component]
fn Preview(preview: ImportDryRun) -> impl IntoView {
    let i18n = use_i18n();
    let apply = ServerAction::<ApplyImport>::new();
    let error = Signal::derive(move || apply.value().get().and_then(|r| r.err()));
    let lead = i18n.t_with(
        "import-preview-lead",
        &[("file", preview.file_name.clone())],
    );
    let can_apply = preview.can_apply();
    if let Some(key) = &preview.file_error {
        let message = i18n.t_with(key, &[("detail", preview.file_error_detail.clone())]);
        return view! {
            <PageHeader title=i18n.t("import-preview-title") lead />
            <div class="alert alert--error" role="alert">{message}</div>
            <p><a class="btn btn--secondary" href=routes::HR_IMPORT>{i18n.t("import-again")}</a></p>
        }
        .into_any();
    }
    let count = |key: &str, n: usize| i18n.t_count(key, n as i64);
    view! {
        <PageHeader title=i18n.t("import-preview-title") lead />
        <p class="alert alert--info" role="status">{i18n.t("import-nothing-written")}</p>
        <ul class="import-counts">
            <li>{count("import-count-rows", preview.rows)}</li>
            <li>{count("import-count-created", preview.created)}</li>
            <li>{count("import-count-updated", preview.updated)}</li>
            <li>{count("import-count-unchanged", preview.unchanged)}</li>
            <li>{count("import-count-deactivated", preview.deactivated)}</li>
            <li>{count("import-count-errors", preview.error_count)}</li>
        </ul>
        {(!preview.full_export).then(|| view! { <p class="field__hint">{i18n.t("import-not-full")}</p> })}
        {(!preview.errors.is_empty()).then(|| view! { <Errors errors=preview.errors.clone() total=preview.error_count /> })}
        {(!preview.new_departments.is_empty() || !preview.new_teams.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="import-new-teams">
                <h2 class="card__title" id="import-new-teams">{i18n.t("import-new-teams")}</h2>
                <ul>
                    {preview.new_departments.iter().map(|d| view! { <li>{i18n.t_with("import-new-department", &[("name", d.clone())])}</li> }).collect_view()}
                    {preview.new_teams.iter().map(|(d, t)| view! { <li>{format!("{d} / {t}")}</li> }).collect_view()}
                </ul>
            </section>
        })}
        <People title=i18n.t("import-created-title") id="import-created" people=preview.creates.clone() total=preview.created />
        {(!preview.updates.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="import-updated">
                <h2 class="card__title" id="import-updated">{i18n.t("import-updated-title")}</h2>
                <ul class="import-list" tabindex="0">
                    {preview.updates.iter().map(|u| view! {
                        <li>
                            <strong>{u.name.clone()}</strong>" "<span class="table__muted">{if u.line == 0 { i18n.t("import-not-in-file") } else { i18n.t_with("import-line", &[("line", u.line.to_string())]) }}</span>
                            <ul>
                                {u.changes.iter().map(|c| {
                                    let show = |v: &str| if v.starts_with("import-") { i18n.t(v) } else if v.is_empty() { "—".to_owned() } else if c.field == "field-roles" { v.split(", ").map(|k| i18n.t(k)).collect::<Vec<_>>().join(", ") } else { v.to_owned() };
                                    view! { <li>{format!("{}: {} → {}", i18n.t(&c.field), show(&c.before), show(&c.after))}</li> }
                                }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
                <More shown=preview.updates.len() total=preview.updated />
            </section>
        })}
        <People title=i18n.t("import-deactivated-title") id="import-deactivated" people=preview.deactivations.clone() total=preview.deactivated />
        <People title=i18n.t("import-kept-title") id="import-kept" people=preview.kept.clone() total=preview.kept.len() />
        {preview.managers_review.then(|| view! { <p class="field__hint">{i18n.t("import-managers-review-on")}</p> })}
        <ErrorSummary error=error />
        {if can_apply {
            view! {
                <ActionForm action=apply attr:class="card stack" attr:data-busy="">
                    <input type="hidden" name="token" value=preview.token.clone() />
                    <p>{i18n.t("import-apply-explain")}</p>
                    <div class="field">
                        <label class="checkbox" for="import-invite">
                            <input id="import-invite" type="checkbox" name="invite" value="true" checked=true aria-describedby="import-invite-hint" />
                            {i18n.t("import-invite")}
                        </label>
                        <p class="field__hint" id="import-invite-hint">{i18n.t("import-invite-hint")}</p>
                    </div>
                    <Busy label=i18n.t("import-busy-applying") />
                    <div class="form__actions">
                        <button class="btn btn--primary" type="submit">{i18n.t("import-apply")}</button>
                        <a class="btn btn--ghost" href=routes::HR_IMPORT>{i18n.t("import-again")}</a>
                    </div>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <div class="card stack">
                    <p>{i18n.t("import-fix-first")}</p>
                    <p><a class="btn btn--primary" href=routes::HR_IMPORT>{i18n.t("import-again")}</a></p>
                </div>
            }.into_any()
        }}
        <BusyScript />
    }
    .into_any()
}

#[component]
fn Errors(errors: Vec<crate::domain::import::RowError>, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let shown = errors.len();
    view! {
        // Not a named region itself: the scrollable table inside is the region with this name.
        <section class="card card--warning">
            <h2 class="card__title" id="import-errors">{i18n.t("import-errors-title")}</h2>
            <ScrollTable label=i18n.t("import-errors-title")>
                <thead><tr>
                    <th scope="col">{i18n.t("import-col-line")}</th>
                    <th scope="col">{i18n.t("import-col-problem")}</th>
                    <th scope="col">{i18n.t("import-col-value")}</th>
                </tr></thead>
                <tbody>
                    {errors.into_iter().map(|e| view! {
                        <tr class="import-error">
                            <th scope="row">{if e.line == 0 { "—".to_owned() } else { e.line.to_string() }}</th>
                            <td>{i18n.t(&e.key)}</td>
                            <td>{e.value}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </ScrollTable>
            <More shown total />
        </section>
    }
}

#[component]
fn People(
    title: String,
    id: &'static str,
    people: Vec<ListedPerson>,
    total: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    (!people.is_empty())
        .then(|| {
            let shown = people.len();
            view! {
                <section class="card" aria-labelledby=id>
                    <h2 class="card__title" id=id>{title}</h2>
                    <ul class="import-list" tabindex="0">
                        {people.into_iter().map(|p| {
                            let mut details = Vec::new();
                            if let Some(team) = &p.team {
                                details.push(i18n.t_with("import-detail-team", &[("team", team.clone())]));
                            }
                            if let Some(manager) = &p.manager {
                                details.push(i18n.t_with("import-detail-manager", &[("manager", manager.clone())]));
                            }
                            if !p.roles.is_empty() {
                                let roles = p.roles.iter().map(|k| i18n.t(k)).collect::<Vec<_>>().join(", ");
                                details.push(i18n.t_with("import-detail-roles", &[("roles", roles)]));
                            }
                            if let Some(note) = &p.note {
                                details.push(i18n.t(note));
                            }
                            view! {
                                <li>
                                    {format!("{} ({}, {})", p.name, p.number, p.email)}
                                    {(!details.is_empty()).then(|| view! { <br /><span class="table__muted">{details.join(" · ")}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <More shown total />
                </section>
            }
        })
        .map(|v| v.into_any())
        .unwrap_or_else(|| {
            let _ = &i18n;
            ().into_any()
        })
}

#[component]
fn More(shown: usize, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    (total > shown).then(|| view! { <p class="table__muted">{i18n.t_count("import-more", (total - shown) as i64)}</p> })
}
