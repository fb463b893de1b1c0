"""Storefront search: keywords in Korean and English whatever their spacing and endings, price ranges, and every
sort, in pages."""
import uuid

from servicekit.testing.identities import as_seller

from .shop import approve_seller, cancel, list_product, place


def search(client, sign_identity, seller_id, **params):
    response = client.get("/api/products", query_string={"seller_id": seller_id, **params}, headers=sign_identity())
    assert response.status_code == 200, response.json
    return response


def names(response):
    return [product["name"] for product in response.json]


def test_a_korean_keyword_is_found_inside_a_compound_word(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="제주녹차 100g")
    list_product(catalog_client, sign_identity, seller_id, name="보성 홍차", description="진한 맛")

    assert names(search(catalog_client, sign_identity, seller_id, q="녹차")) == ["제주녹차 100g"]


def test_an_english_keyword_matches_name_or_description_in_any_case(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="Jeju green tea")
    list_product(catalog_client, sign_identity, seller_id, name="Mug", description="For your TEA time")
    list_product(catalog_client, sign_identity, seller_id, name="Coffee beans")

    assert sorted(names(search(catalog_client, sign_identity, seller_id, q="tea"))) == ["Jeju green tea", "Mug"]


def test_relevance_puts_the_closest_name_first_when_a_keyword_is_given(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="Green tea")
    list_product(catalog_client, sign_identity, seller_id, name="Teapot", description="Cast iron for green tea")

    assert names(search(catalog_client, sign_identity, seller_id, q="green tea")) == ["Green tea", "Teapot"]
    newest = search(catalog_client, sign_identity, seller_id, q="green tea", sort="newest")
    assert names(newest) == ["Teapot", "Green tea"]


def test_percent_and_underscore_in_a_keyword_are_no_wildcards(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="Matcha 100% pure")
    list_product(catalog_client, sign_identity, seller_id, name="Matcha 1000 grams")
    list_product(catalog_client, sign_identity, seller_id, name="Green tea")

    assert names(search(catalog_client, sign_identity, seller_id, q="100%")) == ["Matcha 100% pure"]
    assert names(search(catalog_client, sign_identity, seller_id, q="t_a")) == []


def test_spacing_does_not_decide_what_is_found(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="무선이어폰 노이즈캔슬링")
    list_product(catalog_client, sign_identity, seller_id, name="스테인리스 텀블러 500ml")
    list_product(catalog_client, sign_identity, seller_id, name="보성 홍차")

    assert names(search(catalog_client, sign_identity, seller_id, q="무선 이어폰")) == ["무선이어폰 노이즈캔슬링"]
    assert names(search(catalog_client, sign_identity, seller_id, q="스테인리스텀블러")) == ["스테인리스 텀블러 500ml"]


def test_words_are_found_by_their_stems_with_particles_endings_and_plurals(catalog_client, catalog_consumer,
                                                                          sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="겨울 양말", description="따뜻하다고 소문난 보온 양말")
    list_product(catalog_client, sign_identity, seller_id, name="Insulated Tumbler 500ml")
    list_product(catalog_client, sign_identity, seller_id, name="보성 홍차")

    assert names(search(catalog_client, sign_identity, seller_id, q="따뜻한 양말을")) == ["겨울 양말"]
    assert names(search(catalog_client, sign_identity, seller_id, q="insulated tumblers")) == ["Insulated Tumbler 500ml"]


def test_the_keyword_as_typed_in_a_name_comes_before_a_match_by_terms(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    list_product(catalog_client, sign_identity, seller_id, name="Tea for green lovers", description="A black tea")
    list_product(catalog_client, sign_identity, seller_id, name="Jeju green tea 100g")

    assert names(search(catalog_client, sign_identity, seller_id, q="green tea")) == [
        "Jeju green tea 100g", "Tea for green lovers"]


def test_an_edited_name_is_found_by_its_new_words_only(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id, name="보성 홍차")

    edited = catalog_client.patch(f"/api/products/{product['id']}", json={"name": "제주 녹차티백"},
                                  headers=as_seller(sign_identity, seller_id))
    assert edited.status_code == 200, edited.json

    assert names(search(catalog_client, sign_identity, seller_id, q="녹차 티백")) == ["제주 녹차티백"]
    assert names(search(catalog_client, sign_identity, seller_id, q="홍차")) == []


def test_a_price_range_keeps_products_within_it_inclusive(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    for price in (1000, 2000, 3000, 4000):
        list_product(catalog_client, sign_identity, seller_id, price=price)

    found = search(catalog_client, sign_identity, seller_id, min_price=2000, max_price=3000, sort="price_asc")
    assert [p["price"] for p in found.json] == [2000, 3000]


def test_a_price_range_that_runs_downwards_is_refused(catalog_client, sign_identity):
    response = catalog_client.get("/api/products?min_price=3000&max_price=1000", headers=sign_identity())
    assert response.status_code == 422
    assert "min_price" in response.json["errors"]


def test_sorts_by_newest_and_by_price(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    for name, price in (("first", 2000), ("second", 1000), ("third", 3000)):
        list_product(catalog_client, sign_identity, seller_id, name=name, price=price)

    assert names(search(catalog_client, sign_identity, seller_id)) == ["third", "second", "first"]
    assert names(search(catalog_client, sign_identity, seller_id, sort="newest")) == ["third", "second", "first"]
    assert names(search(catalog_client, sign_identity, seller_id, sort="price_asc")) == ["second", "first", "third"]
    assert names(search(catalog_client, sign_identity, seller_id, sort="price_desc")) == ["third", "first", "second"]


def test_popularity_follows_units_reserved_and_gives_back_cancelled_ones(catalog_client, catalog_consumer,
                                                                         sign_identity):
    seller_id = approve_seller(catalog_consumer)
    steady = list_product(catalog_client, sign_identity, seller_id, name="steady", stock=10)
    hit = list_product(catalog_client, sign_identity, seller_id, name="hit", stock=10)
    place(catalog_consumer, steady, 2)
    cancelled_order, _ = place(catalog_consumer, hit, 3)

    assert names(search(catalog_client, sign_identity, seller_id, sort="popularity")) == ["hit", "steady"]

    cancel(catalog_consumer, cancelled_order)
    assert names(search(catalog_client, sign_identity, seller_id, sort="popularity")) == ["steady", "hit"]


def test_search_results_come_in_pages_with_the_total(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    for number in range(5):
        list_product(catalog_client, sign_identity, seller_id, name=f"녹차 세트 {number}", price=1000 + number)
    list_product(catalog_client, sign_identity, seller_id, name="커피")

    first = search(catalog_client, sign_identity, seller_id, q="녹차", sort="price_asc", page=1, page_size=2)
    last = search(catalog_client, sign_identity, seller_id, q="녹차", sort="price_asc", page=3, page_size=2)

    assert names(first) == ["녹차 세트 0", "녹차 세트 1"]
    assert names(last) == ["녹차 세트 4"]
    assert '"total": 5' in first.headers["X-Pagination"]


def test_a_keyword_search_keeps_drafts_of_other_sellers_hidden(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    token = uuid.uuid4().hex
    list_product(catalog_client, sign_identity, seller_id, name=f"draft {token}", status="draft")
    list_product(catalog_client, sign_identity, seller_id, name=f"on sale {token}")

    assert names(search(catalog_client, sign_identity, seller_id, q=token)) == [f"on sale {token}"]


def test_the_unfiltered_storefront_pages_newest_first_each_to_whom_it_shows(
    catalog_client, catalog_consumer, sign_identity
):
    import json

    from servicekit.testing.identities import as_admin

    seller_id = approve_seller(catalog_consumer)
    token = uuid.uuid4().hex
    ours = [f"older {token}", f"on sale {token}", f"draft {token}"]
    list_product(catalog_client, sign_identity, seller_id, name=ours[0])
    list_product(catalog_client, sign_identity, seller_id, name=ours[1])
    list_product(catalog_client, sign_identity, seller_id, name=ours[2], status="draft")

    def every_page(headers):
        """The names on every page of 7 of the storefront no filter narrows, and the total it tells."""
        shown, number, pages = [], 1, 1
        while number <= pages:
            response = catalog_client.get(f"/api/products?page_size=7&page={number}", headers=headers)
            assert response.status_code == 200, response.json
            paging = json.loads(response.headers["X-Pagination"])
            shown += [(product["name"], product["id"]) for product in response.json]
            number, pages = number + 1, paging["total_pages"]
        assert len(set(shown)) == len(shown) == paging["total"]
        return [name for name, _ in shown if token in name]

    # Asked twice: the second time runs the statements the first built.
    for _ in range(2):
        assert every_page(sign_identity()) == [ours[1], ours[0]]
        assert every_page(as_admin(sign_identity)) == [ours[2], ours[1], ours[0]]


def test_products_an_older_catalog_wrote_without_terms_are_indexed_by_the_worker_once(
        catalog_runtime, catalog_client, catalog_consumer, sign_identity):
    from sqlalchemy import update

    from catalog.models import Product
    from catalog.search import index_products_not_indexed

    seller_id = approve_seller(catalog_consumer)
    tea = list_product(catalog_client, sign_identity, seller_id, name="따뜻한 보온텀블러", description="녹차를 담아요")
    signs = list_product(catalog_client, sign_identity, seller_id, name="!!!")
    index_products_not_indexed(catalog_runtime)  # whatever earlier tests left
    # As a process from before search by terms writes a product during a rolling deploy: no terms, no spaceless name.
    with catalog_runtime.unit_of_work() as uow:
        uow.session.execute(update(Product).where(Product.id.in_([tea["id"], signs["id"]]))
                            .values(search_terms="", search_name=""))
        uow.commit()
    assert names(search(catalog_client, sign_identity, seller_id, q="텀블러로")) == []

    indexed = index_products_not_indexed(catalog_runtime)

    assert indexed == 2
    assert names(search(catalog_client, sign_identity, seller_id, q="텀블러로")) == ["따뜻한 보온텀블러"]
    assert names(search(catalog_client, sign_identity, seller_id, q="녹차")) == ["따뜻한 보온텀블러"]
    assert index_products_not_indexed(catalog_runtime) == 0  # the product of signs alone too is not taken again
