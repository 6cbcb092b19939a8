//! A search of the centre's catalogue, as a site's staff ask it and as the centre answers:
//! the same types on both sides of the signed request.

use serde::{Deserialize, Serialize};

use super::item::{Item, ItemKind};
use crate::db::{Date, Id};
use crate::federation::bundle::SiteId;

/// Items per page of the catalogue.
pub const PER_PAGE: u32 = 20;

/// The deepest page: 50 pages of 20 are more than any person reads.
pub const MAX_PAGE: u32 = 50;

/// Words of a search at most; each must occur in the title or summary.
pub const MAX_WORDS: usize = 8;

/// Characters of a search at most.
pub const MAX_QUERY: usize = 200;

/// What a site's staff search for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Words that must all occur in the title or summary (case does not matter).
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub kind: Option<ItemKind>,
    /// From 1.
    #[serde(default = "first_page")]
    pub page: u32,
}

fn first_page() -> u32 {
    1
}

/// Why a search is refused, in German for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("Die Suche ist zu lang (höchstens {} Zeichen).", MAX_QUERY)]
    TooLong,
    #[error("Die Suche hat zu viele Wörter (höchstens {}).", MAX_WORDS)]
    TooManyWords,
    #[error("Seiten gibt es von 1 bis {}.", MAX_PAGE)]
    Page,
}

impl Search {
    /// The search's words in lower case, checked against the limits.
    pub fn words(&self) -> Result<Vec<String>, SearchError> {
        let q = self.q.as_deref().unwrap_or_default();
        if q.chars().count() > MAX_QUERY {
            return Err(SearchError::TooLong);
        }
        if !(1..=MAX_PAGE).contains(&self.page) {
            return Err(SearchError::Page);
        }
        let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
        if words.len() > MAX_WORDS {
            return Err(SearchError::TooManyWords);
        }
        Ok(words)
    }
}

/// One item of the catalogue as the sites' staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Listed {
    /// The site that released it.
    #[schema(value_type = String)]
    pub site: SiteId,
    /// The municipality's slug at that site.
    pub municipality: String,
    /// The item's id at that site.
    pub id: Id,
    pub released_on: Date,
    pub item: Item,
    /// The PDF that goes with it, fetched on its own ([`AttachmentWanted`]).
    pub attachment: Option<AttachmentInfo>,
}

/// The name and size of an item's attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AttachmentInfo {
    pub name: String,
    pub bytes: u64,
}

/// Which item's attachment a site fetches from the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentWanted {
    pub site: SiteId,
    pub id: Id,
}

/// One page of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Found {
    pub items: Vec<Listed>,
    /// Every match, over all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(q: &str, page: u32) -> Search {
        Search {
            q: Some(q.to_owned()),
            kind: None,
            page,
        }
    }

    #[test]
    fn a_search_is_words_in_lower_case_within_limits() {
        assert_eq!(
            search("  Nachbarschaft  GÄRTEN ", 1).words().unwrap(),
            ["nachbarschaft", "gärten"]
        );
        assert!(search("", 1).words().unwrap().is_empty());
        assert_eq!(
            search(&"a ".repeat(9), 1).words(),
            Err(SearchError::TooManyWords)
        );
        assert_eq!(
            search(&"a".repeat(201), 1).words(),
            Err(SearchError::TooLong)
        );
        assert_eq!(search("a", 0).words(), Err(SearchError::Page));
        assert_eq!(search("a", MAX_PAGE + 1).words(), Err(SearchError::Page));
    }
}
