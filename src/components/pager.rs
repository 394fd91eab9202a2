//! Previous/next links under a paged list: plain links carrying the list's filter, so paging
//! works without JavaScript and every page can be bookmarked.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Kept here too for the pages that build their pager links.
pub use crate::routes::page_href;

/// "1–50 of 10,000" and the previous/next links for page `page` of `pages`.
#[component]
pub fn Pager(
    /// Link of the previous page, if there is one.
    previous: Option<String>,
    /// Link of the next page, if there is one.
    next: Option<String>,
    page: i64,
    pages: i64,
    first: i64,
    last: i64,
    total: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let range = i18n.t_with(
        "paging-range",
        &[
            ("first", first.to_string()),
            ("last", last.to_string()),
            ("total", total.to_string()),
        ],
    );
    let where_ = i18n.t_with(
        "paging-page",
        &[("page", page.to_string()), ("pages", pages.to_string())],
    );
    view! {
        <nav class="pager" aria-label=i18n.t("paging-label")>
            <p class="pager__range">{range}" · "{where_}</p>
            <div class="pager__links">
                {previous.map(|href| view! { <a class="btn btn--secondary" rel="prev" href=href>{i18n.t("paging-previous")}</a> })}
                {next.map(|href| view! { <a class="btn btn--secondary" rel="next" href=href>{i18n.t("paging-next")}</a> })}
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::page_href;

    #[test]
    fn links_keep_the_filter_and_drop_empty_fields() {
        let pairs = [("q", "de boer".to_owned()), ("team", String::new())];
        assert_eq!(page_href("/hr/people", &pairs, 1), "/hr/people?q=de%20boer");
        assert_eq!(
            page_href("/hr/people", &pairs, 3),
            "/hr/people?q=de%20boer&page=3"
        );
        assert_eq!(page_href("/hr/people", &[], 2), "/hr/people?page=2");
        assert_eq!(page_href("/hr/people", &[], 1), "/hr/people");
    }
}
