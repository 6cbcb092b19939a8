//! The sums over the sites of a comparison. The centre never had a count a site suppressed,
//! so a sum cannot include it; and a sum of the shown cells alone, labelled as the total,
//! would be wrong and — beside the sites' own totals — invite working out the hidden cells
//! as differences. So a sum over the sites is shown only when every site's cell of it is
//! shown; one suppressed cell suppresses the sum. A catalogue key a site does not list is 0
//! there (its bundle counts nothing under it). Medians have no sum and are always `null`.

use std::collections::BTreeSet;

use quartier_documents::exchange::{
    Attendance, ByKind, Concerns, Count, Entry, Figures, Funds, Network, Projects, Published,
    count_of,
};

/// `$kind { $field: the sum over $sites of $part.$field, … }`.
macro_rules! summed {
    ($sites:expr, $kind:ident, |$f:ident| $part:expr, [$($field:ident),+ $(,)?]) => {
        $kind { $($field: sum($sites.iter().map(|$f| $part.$field)),)+ }
    };
}

/// The sums of `sites`' figures (all shown zeros for no site).
pub fn totals(sites: &[&Figures]) -> Figures {
    let count = |cell: fn(&Figures) -> Count| sum(sites.iter().map(|f| cell(f)));
    Figures {
        bodies: by_kind(sites, |f| &f.bodies),
        meetings_held: count(|f| f.meetings_held),
        attendance: summed!(
            sites,
            Attendance,
            |f| f.attendance,
            [present, excused, absent, total]
        ),
        funds: summed!(
            sites,
            Funds,
            |f| f.funds,
            [
                applications_received,
                applications_approved,
                decided_cents,
                payouts,
                paid_cents,
            ]
        ),
        concerns: Concerns {
            received: count(|f| f.concerns.received),
            answered: count(|f| f.concerns.answered),
            median_days_to_feedback: Published::Suppressed,
        },
        projects: Projects {
            by_field_of_action: entries(sites, |f| &f.projects.by_field_of_action[..]),
            by_state: entries(sites, |f| &f.projects.by_state[..]),
            total: count(|f| f.projects.total),
        },
        network: Network {
            organisations: by_kind(sites, |f| &f.network.organisations),
            memberships: count(|f| f.network.memberships),
            persons: count(|f| f.network.persons),
        },
    }
}

/// The sum when every cell is shown, else suppressed.
fn sum<T: Copy + std::iter::Sum<T>>(cells: impl Iterator<Item = Published<T>>) -> Published<T> {
    cells
        .map(Published::shown)
        .collect::<Option<Vec<T>>>()
        .map_or(Published::Suppressed, |shown| {
            Published::Shown(shown.into_iter().sum())
        })
}

fn by_kind(sites: &[&Figures], group: impl Fn(&Figures) -> &ByKind) -> ByKind {
    ByKind {
        by_kind: entries(sites, |f| &group(f).by_kind[..]),
        total: sum(sites.iter().map(|f| group(f).total)),
    }
}

/// Per key of any site, the sum over the sites (a key a site lacks is 0 there).
fn entries(sites: &[&Figures], list: impl Fn(&Figures) -> &[Entry]) -> Vec<Entry> {
    let keys: BTreeSet<&str> = sites
        .iter()
        .flat_map(|f| list(f).iter().map(|e| e.key.as_str()))
        .collect();
    keys.into_iter()
        .map(|key| Entry {
            key: key.to_owned(),
            count: sum(sites.iter().map(|f| count_of(list(f), key))),
        })
        .collect()
}

#[cfg(test)]
mod tests;
