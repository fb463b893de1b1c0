"""Which categories lie under a category, and which moves keep the categories a tree."""
from catalog.domain.categories import move_keeps_a_tree, subtree

# food > (tea > green, snacks); toys
PARENT_OF = {"food": None, "tea": "food", "green": "tea", "snacks": "food", "toys": None}


def test_a_subtree_holds_the_category_and_every_descendant():
    assert subtree("food", PARENT_OF) == {"food", "tea", "green", "snacks"}
    assert subtree("green", PARENT_OF) == {"green"}


def test_a_category_moves_under_another_branch_or_to_the_top():
    assert move_keeps_a_tree("tea", "toys", PARENT_OF)
    assert move_keeps_a_tree("tea", None, PARENT_OF)


def test_a_category_cannot_move_under_itself_or_a_descendant():
    assert not move_keeps_a_tree("food", "food", PARENT_OF)
    assert not move_keeps_a_tree("food", "green", PARENT_OF)
