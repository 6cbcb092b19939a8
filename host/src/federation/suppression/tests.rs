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
