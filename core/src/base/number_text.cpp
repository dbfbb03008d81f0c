#include "base/number_text.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace gapscore {

namespace {

void append_uint(std::string& out, std::uint64_t u, std::uint32_t min_width) {
  char buf[24];
  std::uint32_t n = 0;
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  for (std::uint32_t i = n; i < min_width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

}  // namespace

void append_int(std::string& out, std::int64_t v) {
  if (v < 0) out.push_back('-');
  append_uint(out, v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v), 1);
}

void append_fixed(std::string& out, double v, int decimals) {
  static constexpr std::uint64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  if (!(v == v)) v = 0.0;  // NaN never reaches here by design; keep the output a number anyway
  // One rounding in the multiplication (IEEE, identical everywhere); below
  // 2^52 floor() and the subtraction are exact, so the half-way test sees the
  // scaled value's true fraction (no double rounding from "+ 0.5").
  const double scaled = std::fabs(v) * static_cast<double>(kScale[decimals]);
  const double whole = std::floor(scaled);
  auto units = static_cast<std::uint64_t>(whole);
  if (scaled - whole >= 0.5) ++units;
  if (v < 0 && units != 0) out.push_back('-');
  const std::uint64_t den = kScale[decimals];
  append_uint(out, units / den, 1);
  std::uint64_t frac = units % den;
  if (frac == 0) return;
  auto width = static_cast<std::uint32_t>(decimals);
  while (frac % 10 == 0) {
    frac /= 10;
    --width;
  }
  out.push_back('.');
  append_uint(out, frac, width);
}

void append_padded_id(std::string& out, char prefix, std::uint64_t number, std::uint32_t width) {
  out.push_back(prefix);
  append_uint(out, number, width);
}

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string number_as_typed(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {  // 2^53: exact integers
    std::string out;
    append_int(out, static_cast<std::int64_t>(v));
    return out;
  }
  return nlohmann::ordered_json(v).dump();
}

std::string fixed_text(double v, int decimals) {
  std::string out;
  double scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (std::fabs(v) * scale < 4503599627370496.0) {  // 2^52: exact steps
    append_fixed(out, v, decimals);
  } else if (std::fabs(v) < 9.2e18) {  // a whole number already at this size
    append_int(out, static_cast<std::int64_t>(v));
  } else {
    out = v < 0 ? "-9.2e18" : "9.2e18";  // beyond any figure gapscore reports
  }
  return out;
}

std::string fixed_text_padded(double v, int decimals) {
  std::string out = fixed_text(v, decimals);
  if (decimals <= 0 || out.find('e') != std::string::npos) return out;
  const std::size_t point = out.find('.');
  const std::size_t have = point == std::string::npos ? 0 : out.size() - point - 1;
  if (point == std::string::npos) out.push_back('.');
  out.append(static_cast<std::size_t>(decimals) - have, '0');
  return out;
}

std::string percent_text(double share) { return fixed_text(share * 100.0, 0) + "%"; }

}  // namespace gapscore
