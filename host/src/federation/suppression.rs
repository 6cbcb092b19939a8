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
mod tests {
    use super::*;

    /// Suppresses `parts` with their total at the default threshold: (parts, total) shown.
    fn one_group(parts: &[u64]) -> (Vec<Option<u64>>, Option<u64>) {
        let mut tally = Tally::default();
        let cells: Vec<Cell> = parts.iter().map(|n| tally.count(*n)).collect();
        let total = tally.total(cells.clone());
        let shown = tally.suppress(Threshold::default());
        (
            cells.iter().map(|c| shown.count(*c)).collect(),
            shown.count(total),
        )
    }

    #[test]
    fn the_threshold_is_never_below_five() {
        assert_eq!(Threshold::default().get(), 5);
        assert_eq!(Threshold::new(4), Err(ThresholdTooLow(4)));
        assert_eq!(Threshold::new(7).map(Threshold::get), Ok(7));
        assert!(serde_json::from_str::<Threshold>("3").is_err());
        assert_eq!(
            serde_json::from_str::<Threshold>("10").ok(),
            Threshold::new(10).ok()
        );
    }

    #[test]
    fn counts_from_one_to_four_are_hidden_and_zero_and_five_shown() {
        let mut tally = Tally::default();
        let cells: Vec<Cell> = [0, 1, 4, 5, 6].map(|n| tally.count(n)).to_vec();
        let shown = tally.suppress(Threshold::default());
        let counts: Vec<Option<u64>> = cells.iter().map(|c| shown.count(*c)).collect();
        assert_eq!(counts, [Some(0), None, None, Some(5), Some(6)]);
    }

    #[test]
    fn a_higher_threshold_hides_more() {
        let mut tally = Tally::default();
        let six = tally.count(6);
        let shown = tally.suppress(Threshold::new(7).unwrap());
        assert_eq!(shown.count(six), None);
    }

    #[test]
    fn a_lone_small_part_takes_the_smallest_other_part_with_it() {
        assert_eq!(
            one_group(&[3, 12, 7, 0]),
            (vec![None, Some(12), None, Some(0)], Some(22))
        );
    }

    #[test]
    fn small_parts_that_add_up_to_less_than_the_threshold_take_another_with_them() {
        assert_eq!(
            one_group(&[1, 2, 30, 40]),
            (vec![None, None, None, Some(40)], Some(73))
        );
    }

    #[test]
    fn five_hidden_ones_are_not_left_to_be_counted_out() {
        // Five hidden parts summing to 5 would each be 1.
        let (parts, total) = one_group(&[1, 1, 1, 1, 1, 20, 30]);
        assert_eq!(parts, [None, None, None, None, None, None, Some(30)]);
        assert_eq!(total, Some(55));
    }

    #[test]
    fn two_small_parts_that_reach_the_threshold_protect_each_other() {
        // 2 + 4 = 6 could be 2 + 4, 3 + 3 or 4 + 2.
        assert_eq!(
            one_group(&[2, 4, 30]),
            (vec![None, None, Some(30)], Some(36))
        );
    }

    #[test]
    fn a_small_total_is_hidden_with_its_parts() {
        assert_eq!(one_group(&[3, 0, 1]), (vec![None, Some(0), None], None));
        assert_eq!(one_group(&[0, 0]), (vec![Some(0), Some(0)], Some(0)));
    }

    #[test]
    fn a_total_shared_by_two_breakdowns_protects_both() {
        // Projects by field of action (3, 8) and by state (5, 6), 11 in all.
        let mut tally = Tally::default();
        let fields = vec![tally.count(3), tally.count(8)];
        let states = vec![tally.count(5), tally.count(6)];
        let total = tally.total(fields.clone());
        tally.group(total, states.clone());
        let shown = tally.suppress(Threshold::default());
        let of = |cells: &[Cell]| cells.iter().map(|c| shown.count(*c)).collect::<Vec<_>>();
        assert_eq!(of(&fields), [None, None]);
        assert_eq!(of(&states), [Some(5), Some(6)]);
        assert_eq!(shown.count(total), Some(11));
    }

    #[test]
    fn a_withheld_total_is_not_told_by_its_parts() {
        // all = a + b with a = a1 + a2: b (2) is small, so a (12) goes as well; then a1 and
        // a2 (6 each) would tell a, so a1 goes too.
        let mut tally = Tally::default();
        let a_parts = vec![tally.count(6), tally.count(6)];
        let a = tally.total(a_parts.clone());
        let b = tally.count(2);
        let all = tally.total(vec![a, b]);
        let shown = tally.suppress(Threshold::default());
        assert_eq!(shown.count(b), None);
        assert_eq!(shown.count(a), None);
        assert_eq!(shown.count(all), Some(14));
        assert_eq!(shown.count(a_parts[0]), None);
        assert_eq!(shown.count(a_parts[1]), Some(6));
    }

    #[test]
    fn a_lone_hidden_part_without_a_partner_withholds_the_total() {
        // a (9) is a part of two sums: beside the 2 it is hidden as its partner; beside a 0
        // the total would then tell it, and there is no other part to hide.
        let mut tally = Tally::default();
        let a = tally.count(9);
        let zero = tally.count(0);
        let with_zero = tally.total(vec![a, zero]);
        let two = tally.count(2);
        let with_two = tally.total(vec![a, two]);
        let shown = tally.suppress(Threshold::default());
        assert_eq!(shown.count(a), None);
        assert_eq!(shown.count(two), None);
        assert_eq!(shown.count(with_two), Some(11));
        assert_eq!(shown.count(zero), Some(0));
        assert_eq!(shown.count(with_zero), None, "else a = total − 0");
    }

    #[test]
    fn sums_and_medians_go_with_their_count() {
        let mut tally = Tally::default();
        let few = tally.count(3);
        let many = tally.count(12);
        let none = tally.count(0);
        let shown = tally.suppress(Threshold::default());
        assert_eq!(shown.attached(few, 150_000), None);
        assert_eq!(shown.attached(many, 900_000), Some(900_000));
        assert_eq!(shown.attached(none, 0), None);
    }
}
