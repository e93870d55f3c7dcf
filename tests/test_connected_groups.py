"""connected_groups: the clusters of syndication and quote tracing, from confirmed pairs."""

from presswatch.derive.groups import connected_groups


def test_no_pairs_give_no_groups() -> None:
    assert connected_groups([]) == []


def test_a_chain_is_one_group_though_its_ends_were_never_paired() -> None:
    # d ~ c, c ~ b, b ~ a: written from the far end so the smallest key is joined last.
    assert connected_groups([("c", "d"), ("b", "c"), ("a", "b")]) == [["a", "b", "c", "d"]]


def test_two_chains_joined_by_a_late_pair_become_one_group() -> None:
    pairs = [("a", "b"), ("x", "y"), ("y", "z"), ("b", "z")]
    assert connected_groups(pairs) == [["a", "b", "x", "y", "z"]]


def test_separate_groups_are_sorted_inside_and_ordered_by_their_first_member() -> None:
    pairs = [("q", "p"), ("m", "n"), ("e", "c"), ("p", "r")]
    assert connected_groups(pairs) == [["c", "e"], ["m", "n"], ["p", "q", "r"]]


def test_the_order_and_direction_of_the_pairs_do_not_change_the_groups() -> None:
    pairs = [("a2", "a1"), ("b1", "b3"), ("a3", "a2"), ("b2", "b3"), ("c1", "c2")]
    expected = [["a1", "a2", "a3"], ["b1", "b2", "b3"], ["c1", "c2"]]
    assert connected_groups(pairs) == expected
    assert connected_groups(reversed(pairs)) == expected
    assert connected_groups([(second, first) for first, second in pairs]) == expected


def test_a_repeated_pair_adds_nothing_new() -> None:
    assert connected_groups([("a", "b"), ("b", "a"), ("a", "b")]) == [["a", "b"]]
