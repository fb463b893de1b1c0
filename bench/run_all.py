"""`make bench`: every benchmark in turn, with its figures and targets."""
from bench import event_latency, gateway_throughput, outbox_relay

if __name__ == "__main__":
    for benchmark in (outbox_relay, event_latency, gateway_throughput):
        print(f"--- {benchmark.__name__}")
        benchmark.main()
