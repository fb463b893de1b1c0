"""The seller-days report that orders and settlements each answer, and that the reconciliation compares
(`python -m deploy.reconciliation`): for each seller and Korean calendar day, the won of products sold that day
(quantity x unit price of the lines of shipments paid that day; no shipping, no discounts) and refunded that day
(the same, of the units refunded). Orders reads them from its sales statistics, settlements from its ledger; any
difference is a sale or refund one of them missed or counted twice."""
from marshmallow import Schema, fields

from contracts.fields import Id

# A report covers at most a month of days (servicekit.period_reports.SellerDaysQuerySchema checks the query).
MAX_DAYS = 31


class SellerDaySchema(Schema):
    day = fields.Date(required=True)
    seller_id = Id()
    sales = fields.Integer(required=True, strict=True, metadata={"description": "Won of products sold that day."})
    refunds = fields.Integer(required=True, strict=True, metadata={"description": "Won of products refunded that day."})
