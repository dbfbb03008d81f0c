"""gapscore from Python: partial states, merges and reports (docs/partial-state.md).

    import gapscore
    state = gapscore.partial(["jan.csv", "feb.csv"], {"group_by": ["team"]}, people="people.csv")
    merged = gapscore.merge([state, other_state])
    text = gapscore.report(merged, {"group_by": ["team"]})

A partial state holds per-person figures: it is as sensitive as the raw data.
Errors raise gapscore.GapScoreError with .code, .message and .diagnostics.

The extension (_gapscore) is built by CMake (GAPSCORE_PYTHON=ON, on in
tools/build.sh native) into build/native/tools/python/; set GAPSCORE_PYTHON_EXT
to the folder holding it to use another build.
"""
import glob
import importlib.util
import os
import sys


def _load():
    here = os.path.dirname(os.path.abspath(__file__))
    folders = [os.environ.get("GAPSCORE_PYTHON_EXT"), here,
               os.path.join(here, "..", "..", "..", "build", "native", "tools", "python")]
    for folder in folders:
        if not folder:
            continue
        for path in sorted(glob.glob(os.path.join(folder, "_gapscore*.so"))):
            spec = importlib.util.spec_from_file_location("gapscore._gapscore", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules["gapscore._gapscore"] = module
            return module
    raise ImportError("gapscore: the _gapscore extension is not built; run `bash tools/build.sh native` "
                      "(needs Debian's pybind11-dev) or set GAPSCORE_PYTHON_EXT")


_ext = _load()
partial = _ext.partial
merge = _ext.merge
report = _ext.report
GapScoreError = _ext.GapScoreError
engine_version = _ext.engine_version

__all__ = ["partial", "merge", "report", "GapScoreError", "engine_version"]
