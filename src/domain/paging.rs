//! Offset paging for the long lists (people, readable walkthroughs, audit log): a page number
//! from the URL, at most [`PAGE_SIZE`] rows a page, and what the page links need to know.

use serde::{Deserialize, Serialize};

/// Rows on one page of a list. No list page renders more.
pub const PAGE_SIZE: i64 = 50;

/// The highest page number accepted from a URL (beyond it the page is simply empty).
const MAX_PAGE: i64 = 1_000_000;

/// A 1-based page number from a query string; anything unreadable is the first page.
pub fn parse_page(raw: &str) -> i64 {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .map_or(1, |n| n.min(MAX_PAGE))
}

/// One page of a list, with the total number of matching rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
    /// Rows matching the filter on all pages together.
    pub total: i64,
}

impl<T> Paged<T> {
    /// The SQL `offset` of `page`.
    pub fn offset(page: i64, page_size: i64) -> i64 {
        (page.max(1) - 1).saturating_mul(page_size)
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        Self::offset(self.page, self.page_size) + (self.items.len() as i64) < self.total
    }

    /// Number of pages (at least 1, an empty list has one empty page).
    pub fn pages(&self) -> i64 {
        if self.page_size <= 0 {
            return 1;
        }
        ((self.total + self.page_size - 1) / self.page_size).max(1)
    }

    /// The 1-based positions of the first and last row shown (0, 0 when empty).
    pub fn shown(&self) -> (i64, i64) {
        if self.items.is_empty() {
            return (0, 0);
        }
        let first = Self::offset(self.page, self.page_size) + 1;
        (first, first + self.items.len() as i64 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: usize, page: i64, total: i64) -> Paged<usize> {
        Paged {
            items: (0..items).collect(),
            page,
            page_size: 50,
            total,
        }
    }

    #[test]
    fn page_numbers_from_urls() {
        assert_eq!(parse_page(""), 1);
        assert_eq!(parse_page("0"), 1);
        assert_eq!(parse_page("-3"), 1);
        assert_eq!(parse_page("abc"), 1);
        assert_eq!(parse_page(" 7 "), 7);
        assert_eq!(parse_page("99999999999"), MAX_PAGE);
    }

    #[test]
    fn links_and_positions() {
        let first = page(50, 1, 120);
        assert!(!first.has_previous());
        assert!(first.has_next());
        assert_eq!(first.shown(), (1, 50));
        assert_eq!(first.pages(), 3);
        let last = page(20, 3, 120);
        assert!(last.has_previous());
        assert!(!last.has_next());
        assert_eq!(last.shown(), (101, 120));
        let empty = page(0, 1, 0);
        assert!(!empty.has_next());
        assert_eq!(empty.shown(), (0, 0));
        assert_eq!(empty.pages(), 1);
        assert_eq!(Paged::<usize>::offset(3, 50), 100);
    }
}
