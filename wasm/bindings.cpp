// The Embind layer over core's public API (the Excel workbook reader is a
// second module, loaded only when a workbook is read: workbook_bindings.cpp).
// No logic lives here. Every call returns a plain object {ok: true, ...} or
// {ok: false, error: "<JSON of {code, message, diagnostics}>"}: no C++
// exception ever crosses into JS (it would arrive as a bare number).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdlib>
#include <new>
#include <optional>
#include <string>

#include "gapscore/catalog.h"
#include "gapscore/inputs.h"
#include "gapscore/session.h"
#include "binding_values.h"
// The one private header the binding uses: core's incremental SHA-256 (the
// same code that digests inputs in Session), for hashing a Blob slice by slice
// in a worker of its own. Core's public API has only the one-shot sha256_hex.
#include "base/sha256.h"

using emscripten::val;

namespace {

using gapscore_wasm::copy_bytes;
using gapscore_wasm::error_to_js;
using gapscore_wasm::ok;

val status_to_js(const gapscore::Status& s) { return s.ok() ? ok() : error_to_js(s.error()); }

std::optional<gapscore::TableKind> kind_of(const std::string& table) { return gapscore::table_kind_from_name(table); }

gapscore::InputFormat format_of(const std::string& f) {
  if (f == "csv") return gapscore::InputFormat::csv;
  if (f == "json") return gapscore::InputFormat::json;
  return gapscore::InputFormat::detect;
}

gapscore::Error invalid_argument(const std::string& message) {
  return gapscore::Error(gapscore::make_diagnostic(gapscore::DiagCode::invalid_argument, message));
}

// One analysis run, driven from JS: init → (beginTable, push*, endTable)* → report.
class JsSession {
 public:
  val init(const std::string& config_json) {
    auto a = gapscore::Session::create(config_json);
    if (!a) return error_to_js(a.error());
    analysis_.emplace(std::move(a).value());
    adding_.reset();
    config_json_ = config_json;
    return ok();
  }

  // expectedBytes: the input's total size (0 = unknown), a hint for sizing columns.
  // shardIndex/shardCount: one of several readers of the activity (see merge).
  // digestGiven: the caller hashes the bytes and passes the digest to endTable.
  val beginTable(const std::string& table, const std::string& format, const std::string& source, double expectedBytes,
                 int shardIndex, int shardCount, bool digestGiven) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const auto kind = kind_of(table);
    if (!kind) return error_to_js(invalid_argument("unknown table \"" + table + "\" (activity, people, surveys, playbook)"));
    // wasm memory ends at 2 GiB: a larger hint is wrong, so it is ignored (core also never
    // trusts a hint beyond what the bytes read so far justify).
    const auto expected = expectedBytes > 0 && expectedBytes < 4294967296.0 ? static_cast<std::uint64_t>(expectedBytes) : 0;
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount)
      return error_to_js(invalid_argument("beginTable: the shard index must be below the shard count"));
    const gapscore::Shard shard{static_cast<std::uint32_t>(shardIndex), static_cast<std::uint32_t>(shardCount)};
    return status_to_js(target().begin_table(*kind, source, format_of(format), expected, shard, digestGiven));
  }

  val push(const val& bytes) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    copy_bytes(bytes, buffer_);
    const gapscore::Status s = target().push(buffer_);
    return s.ok() ? ok() : error_with_log(s.error());
  }

  // A table as typed columns: names[i] with values[i], a Float64Array
  // (numbers, NaN = missing) or an array of strings ("" = missing).
  val addColumns(const std::string& table, const val& names, const val& values) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const auto kind = kind_of(table);
    if (!kind) return error_to_js(invalid_argument("unknown table \"" + table + "\""));
    const auto n = names["length"].as<std::size_t>();
    std::vector<std::vector<double>> numbers;
    numbers.reserve(n);  // spans below point into these vectors: no reallocation
    std::vector<gapscore::ColumnInput> columns;
    const val float64_array = val::global("Float64Array");
    for (std::size_t i = 0; i < n; ++i) {
      const val v = values[i];
      std::string name = names[i].as<std::string>();
      if (v.instanceof(float64_array)) {
        const auto len = v["length"].as<std::size_t>();
        numbers.emplace_back(len);
        if (len > 0) val(emscripten::typed_memory_view(len, numbers.back().data())).call<void>("set", v);
        columns.push_back({std::move(name), std::span<const double>(numbers.back())});
      } else {
        columns.push_back({std::move(name), emscripten::vecFromJSArray<std::string>(v)});
      }
    }
    return status_to_js(analysis_->add_columns(*kind, columns, "columns"));
  }

  // One AI-usage export (bytes); format "" detects it from the content.
  val addUsage(const val& bytes, const std::string& source, const std::string& format) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const auto f = gapscore::usage_format_from_name(format);
    if (!f) return error_to_js(invalid_argument("unknown usage format \"" + format + "\""));
    copy_bytes(bytes, buffer_);
    return status_to_js(analysis_->add_usage(buffer_, source, *f));
  }

  // digest: the table's SHA-256 (hex) when beginTable said digestGiven, else "".
  val endTable(const std::string& digest) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const gapscore::Status s = target().end_table(digest);
    return s.ok() ? ok() : error_with_log(s.error());
  }

  // An activity file whose bytes were read already (same SHA-256): noted, not read.
  val noteRepeatedInput(const std::string& source, const std::string& digest) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    return status_to_js(target().note_repeated_input(gapscore::TableKind::activity, source, digest));
  }

  // session.add(tables): more activity files into a session that has read (or
  // loaded) some. beginAdd opens a session with the same config and other tables;
  // beginTable/push/endTable/noteRepeatedInput then read into it (several files
  // in SHA-256 order, digestGiven); endAdd merges it in (any order of months).
  // files: the distinct files the add reads (Session::expect_activity_files).
  val beginAdd(unsigned files) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    if (adding_) return error_to_js(invalid_argument("beginAdd: an add is already open"));
    auto copy = analysis_->empty_copy();
    if (!copy) return error_to_js(copy.error());
    if (files > 1)
      if (const gapscore::Status s = copy->expect_activity_files(files); !s) return error_to_js(s.error());
    adding_.emplace(std::move(copy).value());
    return ok();
  }

  val endAdd() {
    if (!analysis_ || !adding_) return error_to_js(invalid_argument("endAdd: no add is open"));
    gapscore::Session more = std::move(*adding_);
    adding_.reset();
    const gapscore::Status s = analysis_->merge(std::move(more));
    return s.ok() ? ok() : error_with_log(s.error());
  }

  // {ok, report: string, diagnostics: [...]} — the canonical JSON text, parsed by the wrapper.
  val report() {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    auto r = analysis_->report();
    if (!r) return error_with_log(r.error());
    val out = ok();
    out.set("report", r.value());
    return out;
  }

  // Protection dp: the privacy-budget ledger a previous run's ledger() returned ("" = a new one).
  val setLedger(const std::string& text) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    return status_to_js(analysis_->set_ledger(text));
  }
  // The ledger to store after a release ("" when nothing was released or given).
  std::string ledger() const { return analysis_ ? analysis_->ledger() : std::string(); }
  // The salt made for "salt": "generate" ("" otherwise).
  std::string generatedSalt() const { return analysis_ ? analysis_->generated_salt() : std::string(); }

  // New settings for the next report(), keeping everything read.
  val configure(const std::string& config_json) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const gapscore::Status s = analysis_->configure(config_json);
    if (s.ok()) config_json_ = config_json;
    return status_to_js(s);
  }

  // {ok, state: Uint8Array}: what was read, as bytes (a copy out of wasm memory).
  // handoff: a helper's shard for mergeState, without the checksum (Session::StateUse).
  val saveState(bool handoff) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    auto state = analysis_->save_state(handoff ? gapscore::Session::StateUse::handoff : gapscore::Session::StateUse::file);
    if (!state) return error_to_js(state.error());
    val out = ok();
    out.set("state", val::global("Uint8Array").new_(val(emscripten::typed_memory_view(state->size(),
        reinterpret_cast<const unsigned char*>(state->data())))));
    return out;
  }

  // Replaces this session by a saved state read with `config_json`.
  val loadState(const val& bytes, const std::string& config_json) {
    auto a = load_state(bytes, config_json, gapscore::Session::StateUse::file);
    if (!a) return error_to_js(a.error());
    analysis_.emplace(std::move(a).value());
    adding_.reset();
    config_json_ = config_json;
    return ok();
  }

  // Merges another shard of the same inputs (saveState(true) of a helper) into this session.
  val mergeState(const val& bytes) {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    auto other = load_state(bytes, config_json_, gapscore::Session::StateUse::handoff);
    if (!other) return error_to_js(other.error());
    const gapscore::Status s = analysis_->merge(std::move(other).value());
    return s.ok() ? ok() : error_with_log(s.error());
  }

  // Ingest and join only: {ok, validation: string (canonical JSON)}.
  val validate() {
    if (!analysis_) return error_to_js(invalid_argument("init() was not called"));
    const gapscore::Status s = analysis_->join();
    val out = s.ok() ? ok() : error_with_log(s.error());
    out.set("validation", analysis_->validation_report());
    return out;
  }

 private:
  // The state's bytes live in wasm memory only while they are decoded, so
  // that a merge can reuse that memory.
  static gapscore::Result<gapscore::Session> load_state(const val& bytes, const std::string& config_json,
                                                        gapscore::Session::StateUse use) {
    std::string in;
    copy_bytes(bytes, in);
    return gapscore::Session::load_state(in, config_json, use);
  }

  // The error's own diagnostics first (the headline), then the row-level ones
  // logged so far: "all rows were skipped" is useless without the why.
  val error_with_log(const gapscore::Error& e) { return error_to_js(e, &analysis_->log()); }

  gapscore::Session& target() { return adding_ ? *adding_ : *analysis_; }

  std::optional<gapscore::Session> analysis_;
  std::optional<gapscore::Session> adding_;  // beginAdd .. endAdd
  std::string config_json_;
  std::string buffer_;
};

// SHA-256 of bytes given in pieces (a Blob read slice by slice): update(Uint8Array)*, then hex().
class JsSha256 {
 public:
  void update(const val& bytes) {
    copy_bytes(bytes, buffer_);
    sha_.update(buffer_);
  }
  // The digest as 64 lowercase hex digits; the hasher starts again afterwards.
  std::string hex() { return gapscore::to_hex(sha_.finish()); }

 private:
  gapscore::Sha256 sha_;
  std::string buffer_;
};

std::string version() { return std::string(gapscore::engine_version()); }
std::string catalog() { return gapscore::catalog_json(); }

std::string sha256_of(const val& bytes) {
  std::string buf;
  copy_bytes(bytes, buf);
  return gapscore::sha256_hex(buf);
}

// What the start of a file is (JSON text; see gapscore::sniff_json).
std::string sniff(const val& head) {
  std::string buf;
  copy_bytes(head, buf);
  return gapscore::sniff_json(buf);
}

std::string schema() { return gapscore::input_schema_json(); }

// A failed allocation (the 2 GiB of wasm memory are used up) stops the engine
// with a trap, as any abort does; this flag lets the package tell the two apart.
bool g_out_of_memory = false;
bool out_of_memory() { return g_out_of_memory; }
[[noreturn]] void on_failed_allocation() {
  g_out_of_memory = true;
  std::abort();
}
const bool g_new_handler_set = (std::set_new_handler(on_failed_allocation), true);

}  // namespace

EMSCRIPTEN_BINDINGS(gapscore) {
  emscripten::class_<JsSession>("Session")
      .constructor<>()
      .function("init", &JsSession::init)
      .function("beginTable", &JsSession::beginTable)
      .function("push", &JsSession::push)
      .function("addColumns", &JsSession::addColumns)
      .function("addUsage", &JsSession::addUsage)
      .function("endTable", &JsSession::endTable)
      .function("report", &JsSession::report)
      .function("configure", &JsSession::configure)
      .function("setLedger", &JsSession::setLedger)
      .function("ledger", &JsSession::ledger)
      .function("generatedSalt", &JsSession::generatedSalt)
      .function("saveState", &JsSession::saveState)
      .function("loadState", &JsSession::loadState)
      .function("mergeState", &JsSession::mergeState)
      .function("noteRepeatedInput", &JsSession::noteRepeatedInput)
      .function("beginAdd", &JsSession::beginAdd)
      .function("endAdd", &JsSession::endAdd)
      .function("validate", &JsSession::validate);
  emscripten::class_<JsSha256>("Sha256")
      .constructor<>()
      .function("update", &JsSha256::update)
      .function("hex", &JsSha256::hex);
  emscripten::function("version", &version);
  emscripten::function("outOfMemory", &out_of_memory);
  emscripten::function("catalog", &catalog);
  emscripten::function("sha256", &sha256_of);
  emscripten::function("sniff", &sniff);
  emscripten::function("schema", &schema);
}
