// A forward-only scanner over the XML parts of a workbook: start and end tags
// with their attributes, and text. Enough for SpreadsheetML as Excel,
// LibreOffice and export libraries write it. Names are compared without their
// namespace prefix (some writers use <x:row>). No DTD is read and no entity is
// defined, so nothing expands: a DOCTYPE is an error (workbook parts never
// have one).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gapscore::xlsx {

class XmlScanner {
 public:
  enum class Event { start, end, text, done, error };

  explicit XmlScanner(std::string_view xml) : xml_(xml) {}

  // A self-closing <a/> gives start, then end.
  Event next();

  std::string_view name() const { return name_; }  // local name of the tag
  // An attribute of the current start tag by local name, raw (entities not decoded).
  std::optional<std::string_view> attribute(std::string_view local_name) const;
  // The current text, entities decoded (CDATA as is), appended to `out`.
  void append_text(std::string& out) const;
  const std::string& error() const { return error_; }
  std::size_t offset() const { return pos_; }

 private:
  Event fail(std::string why);

  std::string_view xml_;
  std::size_t pos_ = 0;
  std::string_view name_, attributes_, text_;
  bool text_is_cdata_ = false;
  bool pending_end_ = false;
  std::string error_;
};

// XML character and entity references decoded (&amp; &lt; &gt; &quot; &apos; &#N; &#xH;), appended.
void append_decoded(std::string_view raw, std::string& out);
// SpreadsheetML's own escape in strings: _xHHHH_ is the character U+HHHH (Excel
// writes a carriage return as _x000D_); applied to a decoded string in place.
void decode_ooxml_escapes(std::string& text);

}  // namespace gapscore::xlsx
