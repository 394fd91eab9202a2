//! The built browser assets (wasm, JS, CSS) as the pages link them: content-hashed names from
//! the `hash.txt` of a release build, plain names otherwise. Read once at start-up by the server;
//! the page shell asks for the stylesheet's address while rendering.

use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// Where Leptos looks for the hash file: beside the running binary (`target/release/hash.txt`
/// after `scripts/build-site.sh release`). Leptos' `HydrationScripts` reads the same file.
pub fn hash_file_path(options: &LeptosOptions) -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(options.hash_file.as_ref()))
}

/// The names of the built browser assets, read once at start-up.
///
/// A release site (`scripts/build-site.sh release`) has content-hashed names
/// (`/pkg/klantenrijbewijs.<hash>.css|js|wasm`) listed in `hash.txt` (lines `css: <hash>`,
/// `js: <hash>`, `wasm: <hash>`); those never change, so browsers keep them for a year. A debug
/// site (`scripts/build-site.sh debug`, `cargo leptos watch`) has plain names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    /// URL of the stylesheet the pages link.
    pub stylesheet: String,
}

impl SiteAssets {
    /// Plain names (no hash file).
    pub fn unhashed(output_name: &str) -> SiteAssets {
        SiteAssets {
            stylesheet: format!("/pkg/{output_name}.css"),
        }
    }

    /// Names from the text of a hash file; `None` when it lacks a `css:` line.
    pub fn from_hash_file(output_name: &str, text: &str) -> Option<SiteAssets> {
        let css = text.lines().find_map(|line| {
            let (file, hash) = line.trim().split_once(':')?;
            let hash = hash.trim();
            (file.trim() == "css" && !hash.is_empty()).then_some(hash)
        })?;
        Some(SiteAssets {
            stylesheet: format!("/pkg/{output_name}.{css}.css"),
        })
    }

    /// Reads the hash file when `options.hash_files` is on (see [`leptos_options`]).
    pub fn load(options: &LeptosOptions) -> SiteAssets {
        let name = options.output_name.as_ref();
        let Some(path) = hash_file_path(options).filter(|_| options.hash_files) else {
            return SiteAssets::unhashed(name);
        };
        let assets = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| SiteAssets::from_hash_file(name, &text));
        match assets {
            Some(assets) => {
                let css = std::path::Path::new(options.site_root.as_ref())
                    .join(assets.stylesheet.trim_start_matches('/'));
                if css.is_file() {
                    tracing::info!(hash_file = %path.display(), stylesheet = %assets.stylesheet, "serving content-hashed assets");
                } else {
                    tracing::warn!(hash_file = %path.display(), missing = %css.display(), "hash file names assets the site root does not have; build the site with scripts/build-site.sh release");
                }
                assets
            }
            None => {
                tracing::warn!(hash_file = %path.display(), "hash file has no css line; linking the plain stylesheet name");
                SiteAssets::unhashed(name)
            }
        }
    }
}

/// The stylesheet URL for the page being rendered (the shell's `<Stylesheet>`).
pub fn stylesheet_href() -> String {
    use_context::<SiteAssets>()
        .map(|assets| assets.stylesheet)
        .unwrap_or_else(|| SiteAssets::unhashed("klantenrijbewijs").stylesheet)
}

/// Whether a file name carries a content hash (`name.<8-64 hex digits>.ext`); such a file never
/// changes under its name.
pub fn is_content_hashed(file_name: &str) -> bool {
    let parts: Vec<&str> = file_name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| (8..=64).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_hexdigit()))
}
