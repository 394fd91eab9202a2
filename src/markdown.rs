//! Markdown the author typed (a presentation's introduction, key message, recommendations) as
//! HTML that is safe to put in a page. Server only: neither parser nor sanitiser goes into the
//! browser bundle.
//!
//! Two walls: raw HTML in the Markdown is turned into visible text before rendering, and the
//! rendered HTML then passes `ammonia`'s allow-list (no `script`/`style`/`iframe`, no event-handler
//! attributes, links only to absolute `http`, `https` and `mailto` addresses, all with `rel="noopener noreferrer"`).
//! Images are dropped: the page's Content-Security-Policy allows only the app's own images, and a
//! presentation shows photos through its evidence.

use pulldown_cmark::{Event, Options, Parser, html};

/// Sanitised HTML for `markdown`.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events);
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto"].into())
        // A relative link would resolve inside the app; "java%09script:" also parses as one.
        .url_relative(ammonia::UrlRelative::Deny)
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn formats_emphasis_lists_and_links() {
        let html = render("**Vet** en *schuin*\n\n- een\n- twee\n\n[site](https://example.org)");
        assert!(html.contains("<strong>Vet</strong>"), "{html}");
        assert!(html.contains("<em>schuin</em>"), "{html}");
        assert!(html.contains("<li>een</li>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org" rel="noopener noreferrer">site</a>"#),
            "{html}"
        );
    }

    /// The real tags in `html` (escaped text such as `&lt;img&gt;` is not a tag), lower-cased.
    fn tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
            .collect()
    }

    #[test]
    fn raw_html_scripts_and_handlers_do_not_survive() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[klik](javascript:alert(1))",
            "[klik](JaVaScRiPt:alert(1))",
            "[klik](java&#09;script:alert(1))",
            "[klik](&#106;avascript:alert(1))",
            "<scr<script>ipt>alert(1)</script>",
            "<svg><g onload=alert(1)></svg>",
            "<iframe src=https://evil.example></iframe>",
            "![x](https://evil.example/p.png)",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](<javascript:alert(1)>)",
            "[ref]\n\n[ref]: javascript:alert(1)",
        ] {
            let html = render(evil);
            for tag in tags(&html) {
                let name = tag
                    .trim_start_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                assert!(
                    [
                        "p", "a", "em", "strong", "ul", "ol", "li", "code", "pre", "br"
                    ]
                    .contains(&name),
                    "{evil} -> {html}"
                );
                assert!(!tag.contains(" on"), "{evil} -> {html}");
                assert!(!tag.contains("style="), "{evil} -> {html}");
                assert!(!tag.contains("script:"), "{evil} -> {html}");
                assert!(!tag.contains("data:"), "{evil} -> {html}");
                assert!(!tag.contains("&#"), "{evil} -> {html}");
            }
        }
    }

    #[test]
    fn typed_html_is_shown_as_text() {
        assert_eq!(render("a <b>c</b>"), "<p>a &lt;b&gt;c&lt;/b&gt;</p>\n");
    }
}
