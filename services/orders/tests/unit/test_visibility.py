"""Who is shown which lines of an order, and who sees and acts on which shipments, coupons and sales."""
import pytest

from orders.domain.visibility import NotVisible, Viewer

CUSTOMER, SELLER, OTHER_SELLER = "customer", "seller-a", "seller-b"


class Line:
    def __init__(self, seller_id):
        self.seller_id = seller_id


def test_a_seller_is_shown_only_their_own_lines_and_the_customer_and_admin_all():
    mine, theirs, unconfirmed = Line("seller-a"), Line("seller-b"), Line(None)
    lines = [mine, theirs, unconfirmed]

    assert Viewer("someone", seller_id="seller-a").shown_lines("customer", lines) == [mine]
    assert Viewer("customer").shown_lines("customer", lines) == lines
    assert Viewer("admin", is_admin=True).shown_lines("customer", lines) == lines
    assert Viewer("stranger").shown_lines("customer", lines) == []


def test_a_shipment_is_seen_by_its_customer_its_seller_and_admins_and_acted_on_for_the_seller_by_them_only():
    seller, admin, customer = Viewer("s", seller_id=SELLER), Viewer("a", is_admin=True), Viewer(CUSTOMER)

    assert [v.sees_part_of(SELLER, CUSTOMER) for v in (seller, admin, customer)] == [True, True, True]
    assert Viewer("s2", seller_id=OTHER_SELLER).sees_part_of(SELLER, CUSTOMER) is False
    assert Viewer("stranger").sees_part_of(SELLER, CUSTOMER) is False
    assert [v.acts_for(SELLER) for v in (seller, admin, customer)] == [True, True, False]
    assert Viewer("nobody's shop").acts_for(None) is False


def test_a_seller_owns_their_coupons_and_an_admin_the_platforms():
    assert Viewer("s", seller_id=SELLER).owns_coupon(SELLER) is True
    assert Viewer("s", seller_id=SELLER).owns_coupon(None) is False
    assert Viewer("a", is_admin=True).owns_coupon(None) is True
    assert Viewer("a", is_admin=True).owns_coupon(SELLER) is False


def test_a_seller_reads_their_own_sales_and_an_admin_anyones():
    assert Viewer("s", seller_id=SELLER).sales_seen(None) == SELLER
    assert Viewer("s", seller_id=SELLER).sales_seen(SELLER) == SELLER
    assert Viewer("a", is_admin=True).sales_seen(None) is None
    assert Viewer("a", is_admin=True).sales_seen(OTHER_SELLER) == OTHER_SELLER
    with pytest.raises(NotVisible):
        Viewer("s", seller_id=SELLER).sales_seen(OTHER_SELLER)
    with pytest.raises(NotVisible):
        Viewer("no shop").sales_seen(None)
