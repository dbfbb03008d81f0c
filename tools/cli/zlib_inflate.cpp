#include "zlib_inflate.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

namespace gapscore::cli {

namespace {
Error damaged(const std::string& why) {
  return Error(make_diagnostic(DiagCode::workbook_invalid,
                               "the workbook is damaged (" + why + "); open it in Excel and save it again, or save the sheet as CSV UTF-8"));
}
}  // namespace

Result<std::string> zlib_inflate(std::string_view deflated, std::uint64_t expanded_size) {
  if (expanded_size > std::numeric_limits<std::size_t>::max() - 1) return damaged("a part is too large");
  // One byte more than declared: a stream that fills it expands past its size.
  std::string out(static_cast<std::size_t>(expanded_size) + 1, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return damaged("zlib could not start");
  std::size_t in_done = 0, out_done = 0;
  int rc = Z_OK;
  // zlib counts in uInt: feed and drain in pieces of at most 1 GiB.
  constexpr std::size_t kStep = std::size_t{1} << 30;
  while (rc == Z_OK) {
    const std::size_t in_left = deflated.size() - in_done, out_left = out.size() - out_done;
    if (out_left == 0) break;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data() + in_done));
    z.avail_in = static_cast<uInt>(std::min(in_left, kStep));
    z.next_out = reinterpret_cast<Bytef*>(out.data() + out_done);
    z.avail_out = static_cast<uInt>(std::min(out_left, kStep));
    const uInt in_before = z.avail_in, out_before = z.avail_out;
    rc = inflate(&z, Z_NO_FLUSH);
    in_done += in_before - z.avail_in;
    out_done += out_before - z.avail_out;
    if (rc == Z_BUF_ERROR && in_done < deflated.size()) rc = Z_OK;  // more room or input next round
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    if (out_done > expanded_size) return damaged("a part expands to more than its declared size");
    return damaged(rc == Z_DATA_ERROR ? "a part's compressed data is corrupt" : "a part is cut short");
  }
  if (out_done != expanded_size) return damaged("a part's size differs from the size the zip declares");
  out.resize(out_done);
  return out;
}

}  // namespace gapscore::cli
