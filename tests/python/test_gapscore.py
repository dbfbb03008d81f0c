"""The Python module (tools/python) and the Dask runner (tools/dask/run.py),
against the native CLI: round trips, byte-identical reports, clear errors.
Run by ctest (tools/python/CMakeLists.txt) with GAPSCORE_CLI and
GAPSCORE_PYTHON_EXT set; `python3 -m unittest discover -s tests/python`."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "python"))
import gapscore  # noqa: E402

CLI = os.environ.get("GAPSCORE_CLI", os.path.join(ROOT, "build", "native", "tools", "gapscore"))
SAMPLE = os.path.join(ROOT, "web-demo", "sample")


def split_activity(folder, n):
    """The sample's activity cut into n files of consecutive rows."""
    with open(os.path.join(SAMPLE, "activity.csv"), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    paths = []
    for i in range(n):
        path = os.path.join(folder, f"activity-{i}.csv")
        with open(path, "wb") as f:
            f.write(header + b"".join(rows[len(rows) * i // n:len(rows) * (i + 1) // n]))
        paths.append(path)
    return paths


def cli(*args, cwd=None):
    r = subprocess.run([os.path.abspath(CLI), *args], capture_output=True, text=True, timeout=120, cwd=cwd)
    if r.returncode != 0:
        raise AssertionError(f"gapscore {' '.join(args)}: exit {r.returncode}\n{r.stderr}")
    return r


class PythonModule(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.files = split_activity(cls.tmp.name, 3)
        cls.people = os.path.join(SAMPLE, "people.csv")
        cls.config = {"group_by": ["team"]}
        with open(os.path.join(cls.tmp.name, "config.json"), "w") as f:
            json.dump(cls.config, f)
        out = os.path.join(cls.tmp.name, "cli.json")
        args = ["analyze", "--people", cls.people, "--config", os.path.join(cls.tmp.name, "config.json"), "--out", out]
        for p in cls.files:
            args += ["--activity", p]
        cli(*args)
        with open(out, encoding="utf-8") as f:
            cls.cli_report = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_round_trip_matches_the_cli(self):
        states = [gapscore.partial(p, self.config, people=self.people) for p in self.files]
        self.assertTrue(all(isinstance(s, bytes) and s.startswith(b"GSPSTATE") for s in states))
        merged = gapscore.merge([states[2], gapscore.merge([states[0], states[1]])])
        self.assertEqual(gapscore.report(merged, self.config), self.cli_report)
        # Config as a JSON string, files as (name, bytes) pairs, all in one partial.
        pairs = []
        for p in self.files:
            with open(p, "rb") as f:
                pairs.append((p, f.read()))
        one = gapscore.partial(pairs, json.dumps(self.config), people=self.people)
        self.assertEqual(gapscore.report(one, json.dumps(self.config)), self.cli_report)
        # A state written by the CLI (read with two threads) merges with the module's.
        gsp = os.path.join(self.tmp.name, "0.gsp")
        cli("partial", "--activity", self.files[0], "--people", self.people, "--threads", "2", "--out", gsp)
        with open(gsp, "rb") as f:
            from_cli = f.read()
        self.assertEqual(gapscore.report(gapscore.merge([states[1], from_cli, states[2]]), self.config), self.cli_report)

    def test_a_windows_1252_people_table_reads_as_the_cli_reads_it(self):
        # Excel's "CSV" on Windows: team names with accents and a dash, one byte each.
        with open(self.people, encoding="ascii") as f:
            text = f.read().replace(",Engineering,", ",Ing\u00e9nierie \u2013 Z\u00fcrich,")
        people = os.path.join(self.tmp.name, "people-1252.csv")
        with open(people, "wb") as f:
            f.write(text.encode("cp1252"))
        config = os.path.join(self.tmp.name, "config.json")
        out = os.path.join(self.tmp.name, "cli-1252.json")
        args = ["analyze", "--people", people, "--config", config, "--out", out]
        for p in self.files:
            args += ["--activity", p]
        cli(*args)
        with open(out, encoding="utf-8") as f:
            want = f.read()
        self.assertIn("Ing\u00e9nierie \u2013 Z\u00fcrich", want)
        states = [gapscore.partial(p, self.config, people=people) for p in self.files]
        self.assertEqual(gapscore.report(gapscore.merge(states), self.config), want)

    def test_corrupt_truncated_foreign_and_mismatched_states_raise(self):
        state = gapscore.partial(self.files[0], self.config, people=self.people)
        cases = {
            "truncated": (state[: len(state) // 2], "invalid_json", "corrupt or truncated"),
            "not a state": (b"hello", "unknown_format", "not a gapscore state"),
            "flipped": (state[:100] + bytes([state[100] ^ 1]) + state[101:], "invalid_json", "checksum"),
        }
        body = bytearray(state[:-32])
        body[8] = 1  # format version 1, with a valid checksum
        cases["foreign version"] = (bytes(body) + hashlib.sha256(bytes(body)).digest(), "unknown_format", "format version 1")
        for name, (data, code, words) in cases.items():
            with self.subTest(name):
                with self.assertRaises(gapscore.GapScoreError) as caught:
                    gapscore.report(data, self.config)
                self.assertEqual(caught.exception.code, code)
                self.assertIn(words, caught.exception.message)
                self.assertIsInstance(caught.exception.diagnostics, list)
        with self.assertRaises(gapscore.GapScoreError) as caught:
            gapscore.merge([state], {"period": "month"})
        self.assertEqual(caught.exception.code, "config_needs_reread")
        with self.assertRaises(gapscore.GapScoreError) as caught:
            gapscore.partial(os.path.join(self.tmp.name, "missing.csv"), {})
        self.assertEqual(caught.exception.code, "io_error")


class DaskRunner(unittest.TestCase):
    def test_local_cluster_of_two_workers_over_eight_shards_gives_the_cli_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            # Relative names: the report names inputs as given, on every worker too.
            files = [os.path.basename(p) for p in split_activity(tmp, 8)]
            people = os.path.join(SAMPLE, "people.csv")
            playbook = os.path.join(SAMPLE, "playbook.csv")
            single = os.path.join(tmp, "single.json")
            args = ["analyze", "--people", people, "--playbook", playbook, "--threads", "1", "--out", single]
            for p in files:
                args += ["--activity", p]
            cli(*args, cwd=tmp)
            out = os.path.join(tmp, "dask.json")
            cmd = [sys.executable, os.path.join(ROOT, "tools", "dask", "run.py"), "--workers", "2",
                   "--people", people, "--playbook", playbook, "--out", out]
            for p in files:
                cmd += ["--activity", p]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(single, "rb") as a, open(out, "rb") as b:
                self.assertEqual(b.read(), a.read())


if __name__ == "__main__":
    unittest.main()
