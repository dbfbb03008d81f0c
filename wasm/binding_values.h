// What both Embind modules (bindings.cpp, workbook_bindings.cpp) hand to JS:
// {ok: true, ...} or {ok: false, error: "<JSON>"}, and bytes copied in and out
// of wasm memory with one TypedArray.set each.
#pragma once

#include <emscripten/val.h>

#include <string>

#include "gapscore/status.h"

namespace gapscore_wasm {

using emscripten::val;

// {ok: false, error: "<JSON>"}: core writes the error's JSON (gapscore::error_json),
// the wrapper parses it; the binding never re-serialises diagnostics.
inline val error_to_js(const gapscore::Error& e, const gapscore::DiagnosticLog* context = nullptr) {
  val r = val::object();
  r.set("ok", false);
  r.set("error", gapscore::error_json(e, context));
  return r;
}

inline val ok() {
  val r = val::object();
  r.set("ok", true);
  return r;
}

// Copies a JS Uint8Array into wasm memory (no per-byte conversion).
inline void copy_bytes(const val& bytes, std::string& out) {
  const auto n = bytes["length"].as<std::size_t>();
  out.resize(n);
  if (n == 0) return;
  val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(out.data()))).call<void>("set", bytes);
}

// A new Uint8Array holding a copy of `bytes` (it survives wasm memory growth).
inline val bytes_to_js(const std::string& bytes) {
  return val::global("Uint8Array").new_(val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data()))));
}

}  // namespace gapscore_wasm
