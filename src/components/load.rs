//! One way to show data a page loads: nothing while it loads (pages render on the server, which
//! waits for it), the content once it is there, and the translated load error (404 and 403 as
//! their pages) when it failed.

use crate::components::errors::LoadError;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

/// Shows `children(value)` once `resource` has loaded, or its error (a refusal links `back`).
#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    children: F,
    #[prop(optional)] back: Option<String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                let back = back.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => children(value).into_any(),
                        Err(error) => view! { <LoadError error back /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
