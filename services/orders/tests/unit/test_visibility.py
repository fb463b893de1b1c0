"""Who is shown which lines of an order."""
from orders.domain.visibility import Viewer


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
