#include "ingest/xlsx/xml_scanner.h"

#include <cstdint>

namespace gapscore::xlsx {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local_part(std::string_view qualified) {
  const std::size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A character reference's code point, or nothing when it is not a valid one
// (surrogates and NUL included: the text stays as written).
std::optional<std::uint32_t> char_reference(std::string_view body) {
  std::uint32_t cp = 0;
  const bool hex = !body.empty() && (body[0] == 'x' || body[0] == 'X');
  const std::string_view digits = hex ? body.substr(1) : body;
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  for (char c : digits) {
    const int v = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
    if (v < 0) return std::nullopt;
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    if (cp > 0x10FFFF) return std::nullopt;
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

}  // namespace

XmlScanner::Event XmlScanner::fail(std::string why) {
  error_ = std::move(why);
  return Event::error;
}

XmlScanner::Event XmlScanner::next() {
  if (!error_.empty()) return Event::error;
  if (pending_end_) {
    pending_end_ = false;
    return Event::end;
  }
  for (;;) {
    if (pos_ >= xml_.size()) return Event::done;
    if (xml_[pos_] != '<') {
      const std::size_t lt = xml_.find('<', pos_);
      const std::size_t end = lt == std::string_view::npos ? xml_.size() : lt;
      text_ = xml_.substr(pos_, end - pos_);
      text_is_cdata_ = false;
      pos_ = end;
      return Event::text;
    }
    const std::string_view rest = xml_.substr(pos_);
    if (rest.starts_with("<?")) {
      const std::size_t end = xml_.find("?>", pos_ + 2);
      if (end == std::string_view::npos) return fail("a processing instruction is not closed");
      pos_ = end + 2;
      continue;
    }
    if (rest.starts_with("<!--")) {
      const std::size_t end = xml_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) return fail("a comment is not closed");
      pos_ = end + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t end = xml_.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) return fail("a CDATA section is not closed");
      text_ = xml_.substr(pos_ + 9, end - pos_ - 9);
      text_is_cdata_ = true;
      pos_ = end + 3;
      return Event::text;
    }
    if (rest.starts_with("<!")) return fail("a DOCTYPE or declaration, which workbook parts never have");
    // A tag: find its '>' outside quoted attribute values.
    std::size_t i = pos_ + 1;
    char quote = 0;
    for (; i < xml_.size(); ++i) {
      const char c = xml_[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (i >= xml_.size()) return fail("a tag is not closed");
    std::string_view inner = xml_.substr(pos_ + 1, i - pos_ - 1);
    pos_ = i + 1;
    const bool closing = !inner.empty() && inner[0] == '/';
    if (closing) inner.remove_prefix(1);
    const bool self_closing = !closing && !inner.empty() && inner.back() == '/';
    if (self_closing) inner.remove_suffix(1);
    std::size_t name_end = 0;
    while (name_end < inner.size() && !is_space(inner[name_end])) ++name_end;
    if (name_end == 0) return fail("a tag without a name");
    name_ = local_part(inner.substr(0, name_end));
    attributes_ = closing ? std::string_view() : inner.substr(name_end);
    if (closing) return Event::end;
    pending_end_ = self_closing;
    return Event::start;
  }
}

std::optional<std::string_view> XmlScanner::attribute(std::string_view local_name) const {
  std::string_view a = attributes_;
  std::size_t i = 0;
  while (i < a.size()) {
    while (i < a.size() && is_space(a[i])) ++i;
    const std::size_t name_start = i;
    while (i < a.size() && a[i] != '=' && !is_space(a[i])) ++i;
    const std::string_view qualified = a.substr(name_start, i - name_start);
    while (i < a.size() && is_space(a[i])) ++i;
    if (i >= a.size() || a[i] != '=') return std::nullopt;  // malformed: no more attributes
    ++i;
    while (i < a.size() && is_space(a[i])) ++i;
    if (i >= a.size() || (a[i] != '"' && a[i] != '\'')) return std::nullopt;
    const char quote = a[i++];
    const std::size_t value_start = i;
    while (i < a.size() && a[i] != quote) ++i;
    const std::string_view value = a.substr(value_start, i - value_start);
    ++i;
    if (!qualified.starts_with("xmlns") && local_part(qualified) == local_name) return value;
  }
  return std::nullopt;
}

void XmlScanner::append_text(std::string& out) const {
  if (text_is_cdata_) out.append(text_);
  else append_decoded(text_, out);
}

void append_decoded(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, amp - i));
    const std::size_t semi = raw.find(';', amp);
    const std::string_view body =
        semi == std::string_view::npos || semi - amp > 12 ? std::string_view() : raw.substr(amp + 1, semi - amp - 1);
    std::optional<std::uint32_t> cp;
    if (body == "amp") cp = '&';
    else if (body == "lt") cp = '<';
    else if (body == "gt") cp = '>';
    else if (body == "quot") cp = '"';
    else if (body == "apos") cp = '\'';
    else if (body.size() > 1 && body[0] == '#') cp = char_reference(body.substr(1));
    if (!cp) {
      out.push_back('&');  // not a reference: kept as written
      i = amp + 1;
      continue;
    }
    append_utf8(*cp, out);
    i = semi + 1;
  }
}

void decode_ooxml_escapes(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      std::uint32_t cp = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6 && ok; ++k) {
        const int v = hex_value(text[i + k]);
        ok = v >= 0;
        cp = cp * 16 + static_cast<std::uint32_t>(v < 0 ? 0 : v);
      }
      if (ok && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(cp, out);
        i += 7;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  text = std::move(out);
}

}  // namespace gapscore::xlsx
