#!/usr/bin/env python3
"""gapscore on a Dask distributed cluster: one partial state per activity file
(a task each), merged in a tree reduction, then the report.

    python3 tools/dask/run.py --activity jan.csv --activity feb.csv ... \\
        --people people.csv [--playbook ...] [--surveys ...] [--config config.json] \\
        [--scheduler tcp://host:8786] [--workers 2] --out report.json

The report is byte-identical to `gapscore analyze` over the same files.
Without --scheduler it starts LocalCluster(host="127.0.0.1", dashboard_address=None).

What goes where: every worker reads the files it is given by path (so they must
be readable there: a shared file system); partial states (per-person figures,
as sensitive as the raw data) travel between workers for the merges and are
never written out unless --state-out asks; only the report comes back to this
process. Workers import `gapscore` from tools/python (set PYTHONPATH on a real
cluster's workers; here this file adds it).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))


def _named(name_and_path):
    """(name as given on the command line, absolute path) -> (name, bytes): the
    report names inputs as given, like the CLI, wherever the worker runs."""
    name, path = name_and_path
    with open(path, "rb") as f:
        return (name, f.read())


def partial_task(activity, config, tables):
    import gapscore
    return gapscore.partial([_named(activity)], config, **{k: _named(v) for k, v in tables.items()})


def merge_task(config, *states):
    import gapscore
    return gapscore.merge(list(states), config)


def report_task(state, config):
    import gapscore
    return gapscore.report(state, config)


def tree_merge(client, futures, config, fan_in=2):
    """Merges futures of states pairwise (fan_in at a time) until one is left.
    Merging is exact in any order and grouping, so the tree shape is free."""
    level = 0
    while len(futures) > 1:
        level += 1
        futures = [
            client.submit(merge_task, config, *futures[i:i + fan_in], key=f"gapscore-merge-{level}-{i}", pure=False)
            if len(futures[i:i + fan_in]) > 1 else futures[i]
            for i in range(0, len(futures), fan_in)
        ]
    return futures[0]


def run(args, client):
    config = {}
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            config = json.load(f)
    tables = {k: getattr(args, k) for k in ("people", "playbook", "surveys", "identities") if getattr(args, k)}
    partials = [client.submit(partial_task, path, config, tables, key=f"gapscore-partial-{i}", pure=False)
                for i, path in enumerate(args.activity)]
    merged = tree_merge(client, partials, config, args.fan_in)
    if args.state_out:
        with open(args.state_out, "wb") as f:
            f.write(merged.result())
    return client.submit(report_task, merged, config, key="gapscore-report", pure=False).result()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--activity", action="append", required=True, help="activity file (repeat; one task each)")
    for t in ("people", "playbook", "surveys", "identities"):
        p.add_argument(f"--{t}", help=f"{t} table (read by every task)")
    p.add_argument("--config", help="JSON configuration file")
    p.add_argument("--out", default="-", help="report file (default: stdout)")
    p.add_argument("--state-out", help="also write the merged partial state (.gsp; as sensitive as the raw data)")
    p.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://host:8786")
    p.add_argument("--workers", type=int, default=2, help="LocalCluster workers (without --scheduler)")
    p.add_argument("--fan-in", type=int, default=2, help="states per merge task (default 2)")
    args = p.parse_args(argv)
    # Names as given (they go into the report's inputs[]), paths absolute for the workers.
    args.activity = [(a, os.path.abspath(a)) for a in args.activity]
    for t in ("people", "playbook", "surveys", "identities"):
        if getattr(args, t):
            setattr(args, t, (getattr(args, t), os.path.abspath(getattr(args, t))))

    from dask.distributed import Client, LocalCluster
    import gapscore
    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(host="127.0.0.1", dashboard_address=None, n_workers=args.workers,
                               threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        text = run(args, client)
    except gapscore.GapScoreError as e:
        print(f"gapscore dask: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
