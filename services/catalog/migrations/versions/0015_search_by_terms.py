"""Storefront search by terms: each product's terms (the stems of its name's and description's words, wordkit)
and its name with no spaces, filled in for the products already listed, with the indexes that serve them on
PostgreSQL: the terms' full-text vector, stored (a generated column the model does not map) and indexed, and a
trigram index over the spaceless name.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

from wordkit import compact, terms, terms_however_spaced

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

BATCH = 1000


def _on_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table("products") as products:
        products.add_column(sa.Column("search_terms", sa.Text, nullable=False, server_default=""))
        products.add_column(sa.Column("search_name", sa.String(200), nullable=False, server_default=""))
    _fill_in()
    if _on_postgres():
        # Stored, so a search rechecking the rows its indexes found reads the vector rather than making it again.
        op.execute("ALTER TABLE products ADD COLUMN search_vector tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_terms)) STORED")
        op.create_index("ix_products_search_vector", "products", ["search_vector"], postgresql_using="gin")
        op.create_index("ix_products_search_name_trgm", "products", ["search_name"], postgresql_using="gin",
                        postgresql_ops={"search_name": "gin_trgm_ops"})


def _fill_in() -> None:
    """Every product's terms, a batch of rows at a time, by id."""
    connection = op.get_bind()
    products = sa.table("products", sa.column("id"), sa.column("name"), sa.column("description"),
                        sa.column("search_terms"), sa.column("search_name"))
    last = ""
    while True:
        rows = connection.execute(
            sa.select(products.c.id, products.c.name, products.c.description)
            .where(products.c.id > last).order_by(products.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        connection.execute(
            products.update().where(products.c.id == sa.bindparam("product_id")),
            [{"product_id": row.id, "search_terms": _terms(row.name, row.description),
              "search_name": compact(row.name)[:200]} for row in rows],
        )
        last = rows[-1].id


def _terms(name: str, description: str | None) -> str:
    """As catalog.search.index_for_search keeps them: the name's however spaced, then the description's."""
    return " ".join(dict.fromkeys([*terms_however_spaced(name), *terms(description or "")]))


def downgrade() -> None:
    if _on_postgres():
        op.drop_index("ix_products_search_name_trgm", table_name="products")
        op.drop_index("ix_products_search_vector", table_name="products")
        op.drop_column("products", "search_vector")
    with op.batch_alter_table("products") as products:
        products.drop_column("search_name")
        products.drop_column("search_terms")
