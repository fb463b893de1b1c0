"""Admins shape the category tree; everyone reads it nested and ordered, and it stays a tree."""
import uuid

from servicekit.testing.identities import as_admin, as_seller

from .shop import add_category


def node_of(tree, category_id):
    for node in tree:
        if node["id"] == category_id:
            return node
        found = node_of(node["children"], category_id)
        if found is not None:
            return found
    return None


def tree(client, sign_identity):
    response = client.get("/api/categories", headers=sign_identity())
    assert response.status_code == 200
    return response.json


def names_under(client, sign_identity, category):
    return [child["name"] for child in node_of(tree(client, sign_identity), category["id"])["children"]]


def test_the_tree_nests_children_ordered_by_position_then_name(catalog_client, sign_identity):
    food = add_category(catalog_client, sign_identity, "Food")
    add_category(catalog_client, sign_identity, "Tea", parent=food, position=2)
    add_category(catalog_client, sign_identity, "Coffee", parent=food, position=2)
    snacks = add_category(catalog_client, sign_identity, "Snacks", parent=food, position=1)
    add_category(catalog_client, sign_identity, "Chips", parent=snacks)

    shown = node_of(tree(catalog_client, sign_identity), food["id"])
    assert [child["name"] for child in shown["children"]] == ["Snacks", "Coffee", "Tea"]
    assert [grandchild["name"] for grandchild in shown["children"][0]["children"]] == ["Chips"]
    assert shown["parent_id"] is None


def test_a_duplicate_slug_is_refused_with_a_conflict(catalog_client, sign_identity):
    first = add_category(catalog_client, sign_identity, "Books")
    response = catalog_client.post(
        "/api/categories", json={"name": "Other books", "slug": first["slug"]}, headers=as_admin(sign_identity)
    )
    assert response.status_code == 409
    assert response.json["type"].endswith("category-slug-taken")


def test_an_unknown_parent_is_refused_and_nothing_is_added(catalog_client, sign_identity):
    slug = f"orphan-{uuid.uuid4().hex[:8]}"
    response = catalog_client.post(
        "/api/categories",
        json={"name": "Orphan", "slug": slug, "parent_id": str(uuid.uuid4())},
        headers=as_admin(sign_identity),
    )
    assert response.status_code == 422
    assert "parent_id" in response.json["errors"]
    assert slug not in str(tree(catalog_client, sign_identity))


def test_a_malformed_slug_is_refused(catalog_client, sign_identity):
    response = catalog_client.post(
        "/api/categories", json={"name": "Bad", "slug": "Not A Slug"}, headers=as_admin(sign_identity)
    )
    assert response.status_code == 422
    assert "slug" in response.json["errors"]


def test_only_admins_add_or_change_categories(catalog_client, sign_identity):
    seller = as_seller(sign_identity, str(uuid.uuid4()))
    category = add_category(catalog_client, sign_identity, "Garden")

    assert catalog_client.post("/api/categories", json={"name": "X", "slug": "x"}, headers=seller).status_code == 403
    refused = catalog_client.patch(f"/api/categories/{category['id']}", json={"name": "Mine"}, headers=seller)
    assert refused.status_code == 403


def test_a_category_is_renamed_and_moved_with_its_subtree(catalog_client, sign_identity):
    home = add_category(catalog_client, sign_identity, "Home")
    kitchen = add_category(catalog_client, sign_identity, "Kitchen")
    knives = add_category(catalog_client, sign_identity, "Knives", parent=kitchen)

    response = catalog_client.patch(
        f"/api/categories/{kitchen['id']}",
        json={"name": "Cooking", "parent_id": home["id"]},
        headers=as_admin(sign_identity),
    )
    assert response.status_code == 200, response.json
    assert (response.json["name"], response.json["parent_id"]) == ("Cooking", home["id"])
    assert names_under(catalog_client, sign_identity, home) == ["Cooking"]
    assert node_of(tree(catalog_client, sign_identity), knives["id"])["parent_id"] == kitchen["id"]

    to_top = catalog_client.patch(
        f"/api/categories/{kitchen['id']}", json={"parent_id": None}, headers=as_admin(sign_identity)
    )
    assert to_top.json["parent_id"] is None
    assert names_under(catalog_client, sign_identity, home) == []


def test_a_category_cannot_move_under_itself_or_its_descendant(catalog_client, sign_identity):
    clothes = add_category(catalog_client, sign_identity, "Clothes")
    shirts = add_category(catalog_client, sign_identity, "Shirts", parent=clothes)
    polos = add_category(catalog_client, sign_identity, "Polos", parent=shirts)

    for new_parent in (polos, clothes):
        response = catalog_client.patch(
            f"/api/categories/{clothes['id']}",
            json={"parent_id": new_parent["id"]},
            headers=as_admin(sign_identity),
        )
        assert response.status_code == 409
        assert response.json["type"].endswith("category-move-into-own-subtree")
    assert node_of(tree(catalog_client, sign_identity), clothes["id"])["parent_id"] is None


def test_an_unknown_category_is_a_404_to_change(catalog_client, sign_identity):
    response = catalog_client.patch(
        f"/api/categories/{uuid.uuid4()}", json={"name": "Ghost"}, headers=as_admin(sign_identity)
    )
    assert response.status_code == 404
