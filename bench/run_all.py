"""`make bench`: every benchmark in turn, with its figures and targets."""
from bench import (
    catalog_reads, dashboard, event_latency, faq_matching, gateway_throughput, load_run, memory, notification_streams,
    order_placement, outbox_relay, sales_statistics, settlement_statements, support_workers, worker_scaling,
)

if __name__ == "__main__":
    for benchmark in (outbox_relay, event_latency, gateway_throughput, order_placement, catalog_reads, worker_scaling,
                      sales_statistics, settlement_statements, faq_matching, support_workers, dashboard, notification_streams, load_run,
                      memory):
        print(f"--- {benchmark.__name__}")
        benchmark.main()
