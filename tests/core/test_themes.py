"""The codebook tree: order, paths, validation, moves, delete/restore and merge/unmerge."""

from __future__ import annotations

import unicodedata

import pytest

from vnreader.core.annotations import add_annotation, get_annotation, list_annotations
from vnreader.core.palette import THEME_PALETTE
from vnreader.core.themes import (
    ThemeError,
    annotation_counts,
    children_of,
    create_theme,
    delete_theme,
    find_theme,
    get_theme,
    list_themes,
    merge_themes,
    move_theme,
    restore_theme,
    theme_paths,
    unmerge_themes,
    update_theme,
)

TEXT = "Việt Nam và Hoa Kỳ thúc đẩy hợp tác kinh tế, thương mại và an ninh trên Biển Đông."


@pytest.fixture
def tree(store):
    """Kinh tế (Thương mại, Đầu tư), An ninh (Biển Đông), Văn hóa."""
    economy = create_theme(store, "Kinh tế")
    trade = create_theme(store, "Thương mại", parent_id=economy.id)
    invest = create_theme(store, "Đầu tư", parent_id=economy.id)
    security = create_theme(store, "An ninh")
    sea = create_theme(store, "Biển Đông", parent_id=security.id)
    culture = create_theme(store, "Văn hóa")
    return {t.name: t.id for t in (economy, trade, invest, security, sea, culture)}


@pytest.fixture
def doc(store):
    return store.add_document("Tin", TEXT).document_id


def names(store):
    return [t.name for t in list_themes(store)]


def snapshot(store):
    return list_themes(store), list_annotations(store)


def tag(store, doc, theme_id, part, note=""):
    start = TEXT.index(part)
    return add_annotation(store, doc, theme_id, start, start + len(part), note=note)


def test_tree_order_and_paths(store, tree):
    assert names(store) == ["Kinh tế", "Thương mại", "Đầu tư", "An ninh", "Biển Đông", "Văn hóa"]
    assert theme_paths(store)[tree["Thương mại"]] == "Kinh tế > Thương mại"
    assert [t.name for t in children_of(store, None)] == ["Kinh tế", "An ninh", "Văn hóa"]
    assert [t.position for t in children_of(store, tree["Kinh tế"])] == [0, 1]


def test_create_defaults(store):
    theme = create_theme(store, "  Ngoại giao  ", description="quan hệ")
    assert theme.name == "Ngoại giao"
    assert theme.color == THEME_PALETTE[0]
    assert theme.parent_id is None and theme.position == 0 and theme.shortcut is None
    assert create_theme(store, "Khác").color == THEME_PALETTE[1]
    assert create_theme(store, "Xanh", color="#ABCDEF").color == "#abcdef"
    first = create_theme(store, "Đầu tiên", position=0)
    assert names(store) == ["Đầu tiên", "Ngoại giao", "Khác", "Xanh"]
    assert get_theme(store, first.id).position == 0
    assert [t.position for t in list_themes(store)] == [0, 1, 2, 3]


def test_find_by_path_or_name_ignoring_case_and_normalisation(store, tree):
    assert find_theme(store, "kinh tế > thương mại").id == tree["Thương mại"]
    assert find_theme(store, "Kinh tế>Thương mại").id == tree["Thương mại"]
    assert find_theme(store, unicodedata.normalize("NFD", "BIỂN ĐÔNG")).id == tree["Biển Đông"]
    assert find_theme(store, "An ninh").id == tree["An ninh"]
    assert find_theme(store, "An ninh > Thương mại") is None
    assert find_theme(store, "không có") is None


def test_ambiguous_bare_name_asks_for_a_path(store, tree):
    create_theme(store, "Hợp tác", parent_id=tree["Kinh tế"])
    create_theme(store, "Hợp tác", parent_id=tree["An ninh"])
    with pytest.raises(ThemeError, match="ambiguous theme name.*use the full path, e.g. 'Kinh tế"):
        find_theme(store, "hợp tác")
    assert find_theme(store, "An ninh > Hợp tác").parent_id == tree["An ninh"]


def test_names_are_unique_among_siblings_only(store, tree):
    with pytest.raises(ThemeError, match="already exists under 'Kinh tế'"):
        create_theme(store, "THƯƠNG MẠI", parent_id=tree["Kinh tế"])
    with pytest.raises(ThemeError, match="already exists at the top level"):
        create_theme(store, "an ninh")
    create_theme(store, "Thương mại", parent_id=tree["An ninh"])  # another parent: fine
    with pytest.raises(ThemeError, match="already exists"):
        update_theme(store, tree["Đầu tư"], name="thương mại")
    update_theme(store, tree["Đầu tư"], name="ĐẦU TƯ")  # renaming itself: fine


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "cannot be empty"),
        ("A > B", "cannot contain '>'"),
        ("x" * 201, "at most 200"),
        ("\x00", "control characters"),
        ("Kinh\x00tế", "control characters"),
    ],
)
def test_bad_names(store, name, message):
    with pytest.raises(ThemeError, match=message):
        create_theme(store, name)


def test_shortcuts_are_unique(store, tree):
    create_theme(store, "Ngoại giao", shortcut=1)
    with pytest.raises(ThemeError, match="shortcut 1 is already used by 'Ngoại giao'"):
        update_theme(store, tree["Đầu tư"], shortcut=1)
    with pytest.raises(ThemeError, match="digit from 1 to 9"):
        create_theme(store, "Khác", shortcut=10)
    before, after = update_theme(store, tree["Đầu tư"], shortcut=2)
    assert (before.shortcut, after.shortcut) == (None, 2)
    _, after = update_theme(store, tree["Đầu tư"], shortcut=None)
    assert after.shortcut is None
    create_theme(store, "Khác", shortcut=2)


@pytest.mark.parametrize("color", ["red", "#fff", "#12345g", "123456", ""])
def test_invalid_colour(store, tree, color):
    with pytest.raises(ThemeError, match="invalid colour"):
        create_theme(store, "Mới", color=color)
    with pytest.raises(ThemeError, match="invalid colour"):
        update_theme(store, tree["Kinh tế"], color=color)


def test_unknown_parent_and_theme(store):
    with pytest.raises(ThemeError, match="parent theme 9 does not exist"):
        create_theme(store, "Mồ côi", parent_id=9)
    with pytest.raises(ThemeError, match="unknown theme 9"):
        update_theme(store, 9, name="x")


def test_update_returns_before_and_after(store, tree):
    before, after = update_theme(
        store, tree["Văn hóa"], name="Văn hoá xã hội", color="#FFC078", description="mô tả"
    )
    assert before.name == "Văn hóa"
    assert (after.name, after.color, after.description) == ("Văn hoá xã hội", "#ffc078", "mô tả")
    assert get_theme(store, tree["Văn hóa"]) == after


def test_move_with_a_cycle_is_refused(store, tree):
    with pytest.raises(ThemeError, match="cannot move a theme inside itself"):
        move_theme(store, tree["Kinh tế"], tree["Thương mại"], 0)
    with pytest.raises(ThemeError, match="cannot move a theme inside itself"):
        move_theme(store, tree["Kinh tế"], tree["Kinh tế"], 0)


def test_move_nests_unnests_and_renumbers(store, tree):
    before, after = move_theme(store, tree["Văn hóa"], tree["Kinh tế"], 1)
    assert (before.parent_id, after.parent_id, after.position) == (None, tree["Kinh tế"], 1)
    assert [(t.name, t.position) for t in children_of(store, tree["Kinh tế"])] == [
        ("Thương mại", 0),
        ("Văn hóa", 1),
        ("Đầu tư", 2),
    ]
    move_theme(store, tree["Thương mại"], None, 0)
    assert [(t.name, t.position) for t in children_of(store, None)] == [
        ("Thương mại", 0),
        ("Kinh tế", 1),
        ("An ninh", 2),
    ]
    assert [(t.name, t.position) for t in children_of(store, tree["Kinh tế"])] == [
        ("Văn hóa", 0),
        ("Đầu tư", 1),
    ]
    move_theme(store, tree["Thương mại"], None, 99)  # reorder to the end
    assert names(store)[-1] == "Thương mại"
    assert [t.position for t in children_of(store, None)] == [0, 1, 2]


def test_move_keeps_names_unique(store, tree):
    create_theme(store, "Thương mại")
    with pytest.raises(ThemeError, match="already exists at the top level"):
        move_theme(store, tree["Thương mại"], None, 0)


def test_delete_removes_passages_and_reparents_children(store, tree, doc):
    tag(store, doc, tree["Kinh tế"], "kinh tế")
    kept = tag(store, doc, tree["Thương mại"], "thương mại")
    deleted = delete_theme(store, tree["Kinh tế"])
    assert get_theme(store, tree["Kinh tế"]) is None
    assert list_annotations(store) == [kept]
    assert [(t.name, t.position) for t in children_of(store, None)] == [
        ("Thương mại", 0),
        ("Đầu tư", 1),
        ("An ninh", 2),
        ("Văn hóa", 3),
    ]
    assert len(deleted.annotations) == 1 and deleted.theme.name == "Kinh tế"


def test_restore_brings_back_ids_passages_and_positions_exactly(store, tree, doc):
    update_theme(store, tree["An ninh"], shortcut=3)
    tag(store, doc, tree["An ninh"], "an ninh", note="ghi chú")
    tag(store, doc, tree["An ninh"], "Biển Đông")
    tag(store, doc, tree["Biển Đông"], "Biển Đông")
    tag(store, doc, tree["Kinh tế"], "kinh tế")
    before = snapshot(store)
    deleted = delete_theme(store, tree["An ninh"])
    assert names(store) == ["Kinh tế", "Thương mại", "Đầu tư", "Biển Đông", "Văn hóa"]
    restored = restore_theme(store, deleted)
    assert restored.id == tree["An ninh"] and restored.shortcut == 3
    assert snapshot(store) == before
    # ids still work for later steps: delete again and restore again
    restore_theme(store, delete_theme(store, tree["An ninh"]))
    assert snapshot(store) == before


def test_restore_a_nested_theme(store, tree, doc):
    tag(store, doc, tree["Thương mại"], "thương mại")
    before = snapshot(store)
    restore_theme(store, delete_theme(store, tree["Thương mại"]))
    assert snapshot(store) == before


def test_merge_moves_passages_and_drops_duplicates(store, tree, doc):
    shared = tag(store, doc, tree["Thương mại"], "hợp tác kinh tế")
    only_source = tag(store, doc, tree["Đầu tư"], "Hoa Kỳ", note="nguồn")
    tag(store, doc, tree["Đầu tư"], "hợp tác kinh tế", note="ghi chú nguồn")
    child = create_theme(store, "FDI", parent_id=tree["Đầu tư"])
    merged = merge_themes(store, tree["Đầu tư"], tree["Thương mại"])
    assert get_theme(store, tree["Đầu tư"]) is None
    passages = list_annotations(store)
    assert {a.theme_id for a in passages} == {tree["Thương mại"]}
    assert sorted(a.id for a in passages) == sorted([shared.id, only_source.id])
    assert get_annotation(store, shared.id).note == "ghi chú nguồn"  # target's note was empty
    assert get_theme(store, child.id).parent_id == tree["Thương mại"]
    assert [t.position for t in children_of(store, tree["Kinh tế"])] == [0]
    assert len(merged.dropped) == 1


def test_merge_keeps_the_targets_note(store, tree, doc):
    shared = tag(store, doc, tree["Thương mại"], "hợp tác", note="đích")
    tag(store, doc, tree["Đầu tư"], "hợp tác", note="nguồn")
    merge_themes(store, tree["Đầu tư"], tree["Thương mại"])
    assert list_annotations(store) == [shared]


def test_merge_into_itself_or_a_descendant_is_refused(store, tree):
    with pytest.raises(ThemeError, match="into itself"):
        merge_themes(store, tree["Kinh tế"], tree["Kinh tế"])
    with pytest.raises(ThemeError, match="one of its own sub-themes"):
        merge_themes(store, tree["Kinh tế"], tree["Thương mại"])
    assert len(list_themes(store)) == 6


def test_merge_refuses_clashing_sub_theme_names(store, tree):
    create_theme(store, "Biển Đông", parent_id=tree["Kinh tế"])
    with pytest.raises(ThemeError, match="both themes have a sub-theme named 'Biển Đông'"):
        merge_themes(store, tree["An ninh"], tree["Kinh tế"])


def test_unmerge_restores_exactly(store, tree, doc):
    tag(store, doc, tree["Thương mại"], "hợp tác kinh tế")
    tag(store, doc, tree["Thương mại"], "Việt Nam", note="đích")
    tag(store, doc, tree["Đầu tư"], "Hoa Kỳ", note="nguồn")
    tag(store, doc, tree["Đầu tư"], "hợp tác kinh tế", note="ghi chú nguồn")
    tag(store, doc, tree["Đầu tư"], "Việt Nam", note="khác")
    create_theme(store, "FDI", parent_id=tree["Đầu tư"])
    create_theme(store, "ODA", parent_id=tree["Đầu tư"])
    create_theme(store, "Xuất khẩu", parent_id=tree["Thương mại"])
    update_theme(store, tree["Đầu tư"], shortcut=5)
    before = snapshot(store)
    merged = merge_themes(store, tree["Đầu tư"], tree["Thương mại"])
    assert snapshot(store) != before
    unmerge_themes(store, merged)
    assert snapshot(store) == before


def test_merge_a_child_into_its_parent_and_back(store, tree, doc):
    tag(store, doc, tree["Biển Đông"], "Biển Đông")
    before = snapshot(store)
    merged = merge_themes(store, tree["Biển Đông"], tree["An ninh"])
    assert children_of(store, tree["An ninh"]) == []
    unmerge_themes(store, merged)
    assert snapshot(store) == before


def test_annotation_counts(store, tree, doc):
    assert annotation_counts(store) == {}
    tag(store, doc, tree["Kinh tế"], "kinh tế")
    tag(store, doc, tree["Kinh tế"], "thương mại")
    tag(store, doc, tree["Biển Đông"], "Biển Đông")
    assert annotation_counts(store) == {tree["Kinh tế"]: 2, tree["Biển Đông"]: 1}


def test_delete_refuses_when_a_child_would_clash_with_a_sibling_name(store):
    parent = create_theme(store, "A")
    create_theme(store, "X")
    create_theme(store, "X", parent_id=parent.id)
    with pytest.raises(ThemeError, match="same name"):
        delete_theme(store, parent.id)
    assert sorted(p.name for p in list_themes(store)) == ["A", "X", "X"]
    assert len(list_themes(store)) == 3
