// The Python module over core (pybind11): partial states, merges and reports,
// for running gapscore on a cluster (tools/dask/run.py). Imported as
// `gapscore` from tools/python/ (gapscore/__init__.py loads this extension).
// Errors become gapscore.GapScoreError with the core's code, message and
// diagnostics; nothing else crosses.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "gapscore/inputs.h"
#include "gapscore/session.h"

namespace py = pybind11;

namespace {

// A core error on its way to Python (translated in the module's init).
struct CoreError {
  gapscore::Error error;
};

void check(const gapscore::Status& s) {
  if (!s) throw CoreError{s.error()};
}

template <typename T>
T take(gapscore::Result<T> r) {
  if (!r) throw CoreError{r.error()};
  return std::move(r).value();
}

gapscore::Error usage_error(std::string message) {
  return gapscore::Error(gapscore::make_diagnostic(gapscore::DiagCode::invalid_argument, std::move(message)));
}

// A config as a dict (dumped with json.dumps), a JSON string, or None ("{}").
std::string config_text(const py::object& config) {
  if (config.is_none()) return "{}";
  if (py::isinstance<py::str>(config)) return config.cast<std::string>();
  if (py::isinstance<py::dict>(config)) return py::module_::import("json").attr("dumps")(config).cast<std::string>();
  throw CoreError{usage_error("config must be a dict, a JSON string or None")};
}

struct Input {
  std::string name, bytes, sha256;
};

std::string read_path(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CoreError{gapscore::Error(gapscore::make_diagnostic(gapscore::DiagCode::io_error, "cannot open " + path))};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A path (str or os.PathLike), bytes, or a (name, bytes) pair.
Input input_of(const py::handle& item) {
  if (py::isinstance<py::bytes>(item) || py::isinstance<py::bytearray>(item) || py::isinstance<py::memoryview>(item))
    return {"", py::bytes(py::reinterpret_borrow<py::object>(item)).cast<std::string>(), ""};
  if (py::isinstance<py::tuple>(item) && py::len(item) == 2) {
    auto t = py::reinterpret_borrow<py::tuple>(item);
    return {py::str(t[0]).cast<std::string>(), py::bytes(t[1]).cast<std::string>(), ""};
  }
  const std::string path = py::str(py::module_::import("os").attr("fspath")(item)).cast<std::string>();
  return {path, read_path(path), ""};
}

std::vector<Input> inputs_of(const py::object& items) {
  std::vector<Input> out;
  if (py::isinstance<py::str>(items) || py::isinstance<py::bytes>(items) || py::hasattr(items, "__fspath__"))
    out.push_back(input_of(items));
  else
    for (const py::handle& item : items) out.push_back(input_of(item));
  return out;
}

// As `gapscore partial` reads them: the other tables, then the activity files
// in SHA-256 order, each distinct file once (the others noted).
std::string partial_state(std::vector<Input> activity, const std::vector<std::pair<gapscore::TableKind, Input>>& others,
                          const gapscore::Config& config) {
  auto session = take(gapscore::Session::create(config));
  for (const auto& [kind, in] : others) {
    check(session.begin_table(kind, in.name));
    check(session.push(in.bytes));
    check(session.end_table());
  }
  for (Input& in : activity) in.sha256 = gapscore::sha256_hex(in.bytes);
  std::sort(activity.begin(), activity.end(), [](const Input& a, const Input& b) {
    return a.sha256 != b.sha256 ? a.sha256 < b.sha256 : a.name < b.name;
  });
  for (std::size_t i = 0; i < activity.size(); ++i) {
    const Input& in = activity[i];
    if (i > 0 && in.sha256 == activity[i - 1].sha256) {
      check(session.note_repeated_input(gapscore::TableKind::activity, in.name, in.sha256));
      continue;
    }
    check(session.begin_table(gapscore::TableKind::activity, in.name, gapscore::InputFormat::detect, in.bytes.size(),
                              gapscore::Shard{}, true));
    check(session.push(in.bytes));
    check(session.end_table(in.sha256));
  }
  return take(session.save_state());
}

// As the CLI and the npm package do: a table that turns out to be Windows-1252
// (looks_windows_1252) is read again, with config.encodings naming it.
std::string partial_state_any_encoding(const std::vector<Input>& activity,
                                       const std::vector<std::pair<gapscore::TableKind, Input>>& others,
                                       const std::string& config_json) {
  gapscore::Config config = take(gapscore::parse_config(config_json));
  for (;;) {
    try {
      return partial_state(activity, others, config);
    } catch (const CoreError& e) {
      const gapscore::Diagnostic& d = e.error.first();
      if (d.code != gapscore::DiagCode::looks_windows_1252 || !config.encodings.emplace(d.table, "windows-1252").second) throw;
    }
  }
}

py::bytes partial(const py::object& paths_or_bytes, const py::object& config, const py::object& people,
                  const py::object& playbook, const py::object& surveys, const py::object& identities) {
  const std::string config_json = config_text(config);
  std::vector<Input> activity = inputs_of(paths_or_bytes);
  if (activity.empty()) throw CoreError{usage_error("partial: give at least one activity file")};
  std::vector<std::pair<gapscore::TableKind, Input>> others;
  // In the order a session reads them (kReadOrder: the activity last).
  for (gapscore::TableKind kind : gapscore::kReadOrder) {
    const py::object* given = kind == gapscore::TableKind::people       ? &people
                              : kind == gapscore::TableKind::playbook   ? &playbook
                              : kind == gapscore::TableKind::surveys    ? &surveys
                              : kind == gapscore::TableKind::identities ? &identities
                                                                         : nullptr;
    if (given && !given->is_none()) others.emplace_back(kind, input_of(*given));
  }
  std::string state;
  {
    py::gil_scoped_release free;
    state = partial_state_any_encoding(activity, others, config_json);
  }
  return py::bytes(state);
}

py::bytes merge(const std::vector<std::string>& states, const py::object& config) {
  const std::string config_json = config_text(config);
  if (states.empty()) throw CoreError{usage_error("merge: give at least one state")};
  std::string out;
  {
    py::gil_scoped_release free;
    std::optional<gapscore::Session> merged;
    for (const std::string& s : states) {
      auto loaded = take(gapscore::Session::load_state(s, config_json));
      if (!merged) merged = std::move(loaded);
      else check(merged->merge(std::move(loaded)));
    }
    out = take(merged->save_state());
  }
  return py::bytes(out);
}

std::string report(const std::string& state, const py::object& config) {
  const std::string config_json = config_text(config);
  py::gil_scoped_release free;
  auto session = take(gapscore::Session::load_state(state, config_json));
  return take(session.report());
}

}  // namespace

PYBIND11_MODULE(_gapscore, m) {
  m.doc() = "gapscore core: partial states, merges and reports (docs/partial-state.md)";
  static py::exception<CoreError> error(m, "GapScoreError");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const CoreError& e) {
      const std::string code(gapscore::diag_code_name(e.error.code()));
      py::object exc = py::reinterpret_borrow<py::object>(error.ptr())(code + ": " + e.error.message());
      exc.attr("code") = code;
      exc.attr("message") = e.error.message();
      exc.attr("diagnostics") = py::module_::import("json").attr("loads")(gapscore::error_json(e.error)).attr("get")("diagnostics");
      PyErr_SetObject(error.ptr(), exc.ptr());
    }
  });
  m.def("partial", &partial, py::arg("paths_or_bytes"), py::arg("config") = py::none(), py::kw_only(),
        py::arg("people") = py::none(), py::arg("playbook") = py::none(), py::arg("surveys") = py::none(),
        py::arg("identities") = py::none(),
        "Reads activity files (paths, bytes or (name, bytes) pairs; one table, in SHA-256 order) and the other "
        "tables given, and returns the partial state (bytes). As sensitive as the raw data.");
  m.def("merge", &merge, py::arg("states"), py::arg("config") = py::none(),
        "Merges partial states (a list of bytes) into one state (bytes); order and grouping do not matter.");
  m.def("report", &report, py::arg("state"), py::arg("config") = py::none(),
        "The canonical report (JSON text) of a state under `config` (a dict, a JSON string or None).");
  m.attr("engine_version") = std::string(gapscore::engine_version());
}
