//! Small-count suppression at the source: which counts of a bundle may leave the site.
//!
//! A [`Tally`] holds the bundle's counts and the sums that hold between them (*groups*: a
//! total and its parts, e.g. the bodies of each kind and all bodies). [`Tally::suppress`]
//! hides:
//!
//! 1. **primary**: every count from 1 to `threshold − 1` (0 stays: it says nothing about a
//!    person);
//! 2. **secondary**, until nothing changes, in every group:
//!    - with its total published: the hidden parts must be none, or at least two that
//!      together reach the threshold and are more than one each on average — else one hidden
//!      part equals the total minus the shown parts, or several small ones are pinned down
//!      (five hidden parts summing to 5 are five ones). Then the smallest shown non-zero
//!      part goes too; when there is none, the total is withheld;
//!    - with its total hidden: if every part is shown, their sum tells the total, so the
//!      smallest non-zero part goes.
//!
//! Every hidden count is at least 1 (a 0 is never hidden), which is what the rules above
//! assume an outsider knows. A total may be a part of another group or shared by two
//! groups (projects by field of action and by state): hiding a cell in one group re-checks
//! every group, which is how chains of totals stay protected.

use serde::{Deserialize, Serialize};

use crate::reports::publish;

/// The smallest count that leaves the site; a count from 1 to one less is suppressed.
/// Never below [`Threshold::MIN`], the published reports' threshold: no configuration can
/// make the exchange show what a public report hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Threshold(u64);

/// A threshold below [`Threshold::MIN`] was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Die Mindestfallzahl muss mindestens {min} sein, nicht {0}.", min = Threshold::MIN.0)]
pub struct ThresholdTooLow(pub u64);

impl Threshold {
    /// The lowest threshold there is (5, as for published reports).
    pub const MIN: Threshold = Threshold(publish::THRESHOLD);

    /// `n`, if it is at least [`Threshold::MIN`].
    pub fn new(n: u64) -> Result<Threshold, ThresholdTooLow> {
        if n < Threshold::MIN.0 {
            return Err(ThresholdTooLow(n));
        }
        Ok(Threshold(n))
    }

    /// The smallest count shown.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Whether `n` is a small count that must not leave the site.
    pub fn hides(self, n: u64) -> bool {
        n > 0 && n < self.0
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold::MIN
    }
}

impl TryFrom<u64> for Threshold {
    type Error = ThresholdTooLow;
    fn try_from(n: u64) -> Result<Self, Self::Error> {
        Threshold::new(n)
    }
}

impl From<Threshold> for u64 {
    fn from(t: Threshold) -> u64 {
        t.0
    }
}

/// A count in a [`Tally`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell(usize);

/// A total and the parts that add up to it.
#[derive(Debug, Clone)]
struct Group {
    total: Cell,
    parts: Vec<Cell>,
}

/// The counts of a bundle and the sums between them, before suppression.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    counts: Vec<u64>,
    groups: Vec<Group>,
}

impl Tally {
    /// A new count.
    pub fn count(&mut self, n: u64) -> Cell {
        self.counts.push(n);
        Cell(self.counts.len() - 1)
    }

    /// A new count that is the sum of `parts`, published beside them.
    pub fn total(&mut self, parts: Vec<Cell>) -> Cell {
        let sum = parts.iter().map(|p| self.counts[p.0]).sum();
        let total = self.count(sum);
        self.group(total, parts);
        total
    }

    /// Declares that `total` is the sum of `parts` (a second breakdown of a total).
    pub fn group(&mut self, total: Cell, parts: Vec<Cell>) {
        debug_assert_eq!(
            self.counts[total.0],
            parts.iter().map(|p| self.counts[p.0]).sum::<u64>(),
            "a group's parts add up to its total"
        );
        self.groups.push(Group { total, parts });
    }

    /// What may be published at `threshold`.
    pub fn suppress(self, threshold: Threshold) -> Suppressed {
        let mut hidden: Vec<bool> = self.counts.iter().map(|n| threshold.hides(*n)).collect();
        // Each round hides one more cell or ends, so this ends after at most one round per cell.
        while let Some(cell) = self
            .groups
            .iter()
            .find_map(|g| self.exposed(g, &hidden, threshold))
        {
            hidden[cell.0] = true;
        }
        Suppressed {
            counts: self.counts,
            hidden,
            threshold,
        }
    }

    /// The cell `group` must hide next so that no hidden count can be told from it.
    fn exposed(&self, group: &Group, hidden: &[bool], threshold: Threshold) -> Option<Cell> {
        let n = |c: &Cell| self.counts[c.0];
        let hidden_parts: Vec<&Cell> = group.parts.iter().filter(|c| hidden[c.0]).collect();
        let hidden_sum: u64 = hidden_parts.iter().map(|c| n(c)).sum();
        let smallest_shown = group
            .parts
            .iter()
            .filter(|c| !hidden[c.0] && n(c) > 0)
            .min_by_key(|c| (n(c), c.0))
            .copied();
        if hidden[group.total.0] {
            // Shown parts only: their sum is the total.
            return (hidden_parts.is_empty() && n(&group.total) > 0)
                .then_some(smallest_shown)
                .flatten();
        }
        let k = hidden_parts.len() as u64;
        let protected = k == 0 || (k >= 2 && hidden_sum >= threshold.get() && hidden_sum > k);
        if protected {
            return None;
        }
        Some(smallest_shown.unwrap_or(group.total))
    }
}

/// The counts of a [`Tally`] as they may be published.
#[derive(Debug, Clone)]
pub struct Suppressed {
    counts: Vec<u64>,
    hidden: Vec<bool>,
    threshold: Threshold,
}

impl Suppressed {
    /// The count of `cell`, or `None` when it must not be published.
    pub fn count(&self, cell: Cell) -> Option<u64> {
        (!self.hidden[cell.0]).then_some(self.counts[cell.0])
    }

    /// `value` (a sum of money or a median over the things `cell` counts) if it may be
    /// published: only when the count is shown and at least the threshold — a sum over one
    /// to four fund applications tells what they got, a median over them what one took —
    /// and so not over none either (a sum over nothing is no figure; the count says 0).
    pub fn attached<T>(&self, cell: Cell, value: T) -> Option<T> {
        self.count(cell)
            .filter(|n| *n >= self.threshold.get())
            .map(|_| value)
    }

    /// The threshold it was suppressed at.
    pub fn threshold(&self) -> Threshold {
        self.threshold
    }
}

#[cfg(test)]
mod tests;
