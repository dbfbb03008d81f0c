// The zip container of an .xlsx: its central directory (PKWARE APPNOTE 6.3,
// sections 4.3.12-4.3.16, with the Zip64 records), read without trusting any
// offset or size until it is checked against the file.
#include <algorithm>
#include <cstdint>

#include "gapscore/inputs.h"

namespace gapscore {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kZip32Max = 0xFFFFFFFF;

// Little-endian integers at offsets checked to lie inside the file (64-bit
// arithmetic throughout: offsets come from the file and wasm's size_t is 32 bits).
std::uint64_t le(std::string_view s, std::uint64_t at, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes; ++i)
    v |= std::uint64_t{static_cast<unsigned char>(s[static_cast<std::size_t>(at + i)])} << (8 * i);
  return v;
}

std::string_view slice(std::string_view s, std::uint64_t at, std::uint64_t size) {
  return s.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(size));
}

Error invalid(std::string message) { return Error(make_diagnostic(DiagCode::workbook_invalid, std::move(message))); }

Error damaged(const std::string& what) {
  return invalid("the workbook is damaged or not a complete .xlsx file (" + what +
                 "); open it in Excel and save it again, or save the sheet as CSV UTF-8");
}

struct Directory {
  std::uint64_t entries = 0, size = 0, offset = 0;
};

Result<Directory> find_directory(std::string_view file) {
  constexpr std::size_t kEndSize = 22;
  if (file.size() < kEndSize) return damaged("too short to be a zip");
  const std::size_t lowest = file.size() - kEndSize > 0xFFFF ? file.size() - kEndSize - 0xFFFF : 0;
  for (std::uint64_t at = file.size() - kEndSize + 1; at-- > lowest;) {
    if (le(file, at, 4) != kEndOfDirectory) continue;
    Directory d{le(file, at + 10, 2), le(file, at + 12, 4), le(file, at + 16, 4)};
    const bool zip64 = d.entries == 0xFFFF || d.size == kZip32Max || d.offset == kZip32Max;
    if (zip64) {
      if (at < 20 || le(file, at - 20, 4) != kZip64EndLocator) return damaged("a Zip64 directory without its locator");
      const std::uint64_t end64 = le(file, at - 20 + 8, 8);  // checked below before it is read
      if (file.size() < 56 || end64 > file.size() - 56 || le(file, end64, 4) != kZip64End) return damaged("the Zip64 directory record is missing");
      d = Directory{le(file, end64 + 32, 8), le(file, end64 + 40, 8), le(file, end64 + 48, 8)};
    }
    if (d.offset > file.size() || d.size > file.size() - d.offset) return damaged("the directory lies outside the file");
    return d;
  }
  return damaged("no zip directory at the end: the file is cut short");
}

// The Zip64 extra field (id 1) holds the 8-byte values whose 4-byte fields are 0xFFFFFFFF, in this order.
bool read_zip64_extra(std::string_view extra, std::uint64_t& expanded, std::uint64_t& compressed, std::uint64_t& local) {
  for (std::size_t i = 0; i + 4 <= extra.size();) {
    const std::uint64_t id = le(extra, i, 2), size = le(extra, i + 2, 2);
    if (i + 4 + size > extra.size()) return false;
    if (id == 1) {
      std::size_t at = i + 4;
      for (std::uint64_t* field : {&expanded, &compressed, &local}) {
        if (*field != kZip32Max) continue;
        if (at + 8 > i + 4 + size) return false;
        *field = le(extra, at, 8);
        at += 8;
      }
      return true;
    }
    i += 4 + size;
  }
  return expanded != kZip32Max && compressed != kZip32Max && local != kZip32Max;
}

}  // namespace

bool looks_like_workbook(std::string_view head) {
  return head.starts_with(std::string_view("PK\x03\x04", 4)) ||
         head.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}

Result<std::vector<ZipEntry>> zip_entries(std::string_view file) {
  if (file.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)))
    return invalid("this is a legacy Excel .xls workbook or a password-protected one; save it as .xlsx (without a "
                   "password) or as CSV UTF-8");
  if (!file.starts_with(std::string_view("PK\x03\x04", 4))) return damaged("it does not start like a zip");
  auto dir = find_directory(file);
  if (!dir) return std::move(dir).error();
  std::vector<ZipEntry> entries;
  std::uint64_t at = dir->offset;
  const std::uint64_t end = dir->offset + dir->size;
  for (std::uint64_t n = 0; n < dir->entries; ++n) {
    if (at + 46 > end || le(file, at, 4) != kDirectoryEntry) return damaged("a directory entry is cut short");
    const std::uint64_t flags = le(file, at + 8, 2), method = le(file, at + 10, 2);
    std::uint64_t compressed = le(file, at + 20, 4), expanded = le(file, at + 24, 4), local = le(file, at + 42, 4);
    const std::uint64_t name_len = le(file, at + 28, 2), extra_len = le(file, at + 30, 2), comment_len = le(file, at + 32, 2);
    if (at + 46 + name_len + extra_len + comment_len > end) return damaged("a directory entry is cut short");
    ZipEntry e;
    e.name = std::string(slice(file, at + 46, name_len));
    if (!read_zip64_extra(slice(file, at + 46 + name_len, extra_len), expanded, compressed, local))
      return damaged("a Zip64 entry without its sizes");
    at += 46 + name_len + extra_len + comment_len;
    if (flags & 1)
      return invalid("the workbook is encrypted (password-protected); remove the password in Excel and save it again, "
                     "or save the sheet as CSV UTF-8");
    if (method != 0 && method != 8)
      return invalid("part " + e.name + " is compressed with method " + std::to_string(method) +
                     ", which gapscore does not read; save the workbook again from Excel");
    if (file.size() < 30 || local > file.size() - 30 || le(file, local, 4) != kLocalHeader) return damaged("part " + e.name + " is missing");
    const std::uint64_t data = local + 30 + le(file, local + 26, 2) + le(file, local + 28, 2);
    if (data > file.size() || compressed > file.size() - data) return damaged("part " + e.name + " is cut short");
    if (method == 0 && compressed != expanded) return damaged("part " + e.name + " has two sizes");
    e.method = static_cast<std::uint16_t>(method);
    e.data_offset = data;
    e.compressed_size = compressed;
    e.expanded_size = expanded;
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace gapscore
