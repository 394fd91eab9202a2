//! Licences moved over from an old register (HR and admins): the upload form on the import page,
//! and the dry run (`/hr/import/licences/<token>`: every period with its dates, expired ones
//! marked, every row error with its line) with "Apply". Plain forms, no JavaScript needed.

use crate::api::licence_import::{ApplyLicenceImport, LicenceDryRun, licence_import_preview};
use crate::components::form::ErrorSummary;
use crate::components::guard::RequireRole;
use crate::components::layout::PageHeader;
use crate::components::load::Loaded;
use crate::components::table::ScrollTable;
use crate::domain::RoleSet;
use crate::domain::licence_import::LICENCE_HEADERS;
use crate::i18n::use_i18n;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The upload form for a licence register, with the accepted column names.
#[component]
pub fn LicenceUploadForm() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card stack" aria-labelledby="licence-import-title">
            <h2 class="card__title" id="licence-import-title">{i18n.t("licence-import-title")}</h2>
            <p class="prose">{i18n.t("licence-import-lead")}</p>
            <form class="stack" method="post" enctype="multipart/form-data" action=routes::HR_LICENCE_IMPORT_UPLOAD>
                <div class="field">
                    <label class="field__label" for="licence-import-file">{i18n.t("licence-import-file")}</label>
                    <p class="field__hint" id="licence-import-file-hint">{i18n.t("licence-import-file-hint")}</p>
                    <input class="field__input" id="licence-import-file" type="file" name="file" accept=".csv,text/csv" required=true aria-describedby="licence-import-file-hint" />
                </div>
                <div class="form__actions">
                    <button class="btn btn--secondary" type="submit">{i18n.t("licence-import-check")}</button>
                </div>
            </form>
            <ul class="import-list" tabindex="0">
                {LICENCE_HEADERS.iter().map(|(column, names)| view! {
                    <li><strong>{i18n.t(column.label_key())}</strong>": "{names.join(", ")}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn LicenceImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(move || token.clone(), licence_import_preview);
    view! {
        <RequireRole allowed=RoleSet::can_manage_licences children=move |_| view! {
            <Loaded resource=data children=move |preview| view! { <Preview preview /> } />
        } />
    }
}

#[component]
fn Preview(preview: LicenceDryRun) -> impl IntoView {
    let i18n = use_i18n();
    let apply = ServerAction::<ApplyLicenceImport>::new();
    let error = Signal::derive(move || apply.value().get().and_then(|r| r.err()));
    let lead = i18n.t_with(
        "import-preview-lead",
        &[("file", preview.file_name.clone())],
    );
    if let Some(key) = &preview.file_error {
        let message = i18n.t_with(key, &[("detail", preview.file_error_detail.clone())]);
        return view! {
            <PageHeader title=i18n.t("licence-import-preview-title") lead />
            <div class="alert alert--error" role="alert">{message}</div>
            <p><a class="btn btn--secondary" href=routes::HR_IMPORT>{i18n.t("import-again")}</a></p>
        }
        .into_any();
    }
    let can_apply = preview.error_count == 0 && preview.period_count > 0;
    view! {
        <PageHeader title=i18n.t("licence-import-preview-title") lead />
        <p class="alert alert--info" role="status">{i18n.t("import-nothing-written")}</p>
        <ul class="import-counts">
            <li>{i18n.t_count("import-count-rows", preview.rows as i64)}</li>
            <li>{i18n.t_count("licence-import-count", preview.period_count as i64)}</li>
            <li>{i18n.t_count("import-count-errors", preview.error_count as i64)}</li>
        </ul>
        {(!preview.errors.is_empty()).then(|| view! {
            <section class="card card--warning">
                <h2 class="card__title">{i18n.t("import-errors-title")}</h2>
                <ScrollTable label=i18n.t("import-errors-title")>
                    <thead><tr>
                        <th scope="col">{i18n.t("import-col-line")}</th>
                        <th scope="col">{i18n.t("import-col-problem")}</th>
                        <th scope="col">{i18n.t("import-col-value")}</th>
                    </tr></thead>
                    <tbody>
                        {preview.errors.iter().map(|e| view! {
                            <tr class="import-error">
                                <th scope="row">{e.line.to_string()}</th>
                                <td>{i18n.t(&e.key)}</td>
                                <td>{e.value.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            </section>
        })}
        {(!preview.periods.is_empty()).then(|| view! {
            <section class="card">
                <h2 class="card__title">{i18n.t("licence-import-periods")}</h2>
                <ScrollTable label=i18n.t("licence-import-periods")>
                    <thead><tr>
                        <th scope="col">{i18n.t("import-col-line")}</th>
                        <th scope="col">{i18n.t("licence-import-col-holder")}</th>
                        <th scope="col">{i18n.t("licence-import-col-from")}</th>
                        <th scope="col">{i18n.t("licence-import-col-through")}</th>
                    </tr></thead>
                    <tbody>
                        {preview.periods.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{p.line.to_string()}</th>
                                <td>{format!("{} ({})", p.name, p.holder)}</td>
                                <td>{i18n.day(p.valid_from)}</td>
                                <td>
                                    {i18n.day(p.valid_through)}
                                    {p.expired.then(|| view! { " " <span class="table__muted">{i18n.t("licence-import-expired")}</span> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </ScrollTable>
            </section>
        })}
        <ErrorSummary error=error />
        {if can_apply {
            view! {
                <ActionForm action=apply attr:class="card stack">
                    <input type="hidden" name="token" value=preview.token.clone() />
                    <p>{i18n.t("licence-import-apply-explain")}</p>
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
    }
    .into_any()
}
