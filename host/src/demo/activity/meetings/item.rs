//! Agenda items as planned, and how votes go.

/// An agenda item as planned.
#[derive(Debug, Clone)]
pub struct Item {
    pub title: String,
    pub public: bool,
    pub result: Option<String>,
    pub resolution: Option<String>,
    pub votes: Option<[i64; 3]>,
}

impl Item {
    /// An item without a result (a meeting not held).
    pub fn topic(title: impl Into<String>) -> Item {
        Item {
            title: title.into(),
            public: true,
            result: None,
            resolution: None,
            votes: None,
        }
    }

    /// A discussed item.
    pub fn noted(title: impl Into<String>, result: impl Into<String>) -> Item {
        Item {
            result: Some(result.into()),
            ..Item::topic(title)
        }
    }

    /// A resolution with its vote.
    pub fn voted(
        title: impl Into<String>,
        result: impl Into<String>,
        resolution: impl Into<String>,
        votes: [i64; 3],
    ) -> Item {
        Item {
            resolution: Some(resolution.into()),
            votes: Some(votes),
            ..Item::noted(title, result)
        }
    }
}

/// How a vote goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    /// Carried, mostly unanimously.
    For,
    /// Lost.
    Against,
}
