// The Excel workbook reader as a module of its own, loaded by the npm package
// only when a workbook is given (wasm/js/workbook.js): the main module stays
// within its download budget, and nobody who reads CSV pays for .xlsx. A thin
// Embind layer over gapscore::workbook_step; no logic lives here.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "binding_values.h"
#include "gapscore/inputs.h"

using emscripten::val;
using gapscore_wasm::copy_bytes;

namespace {

// One step of reading a workbook's sheet: `parts` is {entry name: inflated Uint8Array}.
// {ok, sheet, sheets, need: [{name, offset, compressed, expanded}]} while deflated
// parts are needed, then {ok, sheet, sheets, csv: Uint8Array}.
val workbookStep(const val& file, const std::string& sheet, const val& parts, const std::string& source) {
  std::string bytes;
  copy_bytes(file, bytes);
  gapscore::WorkbookParts given;
  const val names = val::global("Object").call<val>("keys", parts);
  const auto n = names["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    const auto name = names[i].as<std::string>();
    given.emplace_back(name, std::string());
    copy_bytes(parts[name], given.back().second);
  }
  auto step = gapscore::workbook_step(bytes, sheet, given, source);
  if (!step) return gapscore_wasm::error_to_js(step.error());
  val out = gapscore_wasm::ok();
  out.set("sheet", step->sheet);
  val sheets = val::array();
  for (const std::string& name : step->sheets) sheets.call<void>("push", name);
  out.set("sheets", sheets);
  if (step->need.empty()) {
    out.set("csv", gapscore_wasm::bytes_to_js(step->csv));
    return out;
  }
  val need = val::array();
  for (const gapscore::ZipEntry& e : step->need) {
    val entry = val::object();
    entry.set("name", e.name);
    entry.set("offset", static_cast<double>(e.data_offset));
    entry.set("compressed", static_cast<double>(e.compressed_size));
    entry.set("expanded", static_cast<double>(e.expanded_size));
    need.call<void>("push", entry);
  }
  out.set("need", need);
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(gapscore_workbook) { emscripten::function("workbookStep", &workbookStep); }
