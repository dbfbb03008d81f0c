// base/latin_nfc.h: a Latin letter written as a base letter and a combining
// accent (NFD) becomes the precomposed letter (NFC); nothing else changes.
// The reference is Python's unicodedata (tests/data/latin_nfc_pairs.txt,
// written by tools/latin_nfc_table.py).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "base/latin_nfc.h"
#include "test_util.h"

namespace gapscore {
namespace {

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::string composed(const std::string& s) {
  std::string scratch;
  return std::string(compose_latin(s, scratch));
}

TEST(LatinNfc, EveryPairComposesAsUnicodeData) {
  std::ifstream in(testing_util::data_path("latin_nfc_pairs.txt"));
  ASSERT_TRUE(in) << "tests/data/latin_nfc_pairs.txt";
  std::string line;
  int pairs = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string nfd = from_hex(line.substr(0, space)), nfc = from_hex(line.substr(space + 1));
    EXPECT_EQ(composed(nfd), nfc) << line;
    EXPECT_EQ(composed("x" + nfd + "y" + nfd), "x" + nfc + "y" + nfc) << line;  // inside a name, twice
    EXPECT_EQ(composed(nfc), nfc) << line;                                       // NFC stays
    ++pairs;
  }
  EXPECT_EQ(pairs, 161);
}

TEST(LatinNfc, EverythingElseStaysAsWritten) {
  std::string scratch;
  const std::string plain = "Engineering 7";
  EXPECT_EQ(compose_latin(plain, scratch).data(), plain.data());  // no copy for the common name
  EXPECT_EQ(composed("Cafe\xCC\x81 Ne\xCC\x81ron"), "Caf\xC3\xA9 N\xC3\xA9ron");
  EXPECT_EQ(composed("\xCC\x81" "abc"), "\xCC\x81" "abc");                        // an accent with nothing before it
  EXPECT_EQ(composed("1\xCC\x81"), "1\xCC\x81");                                  // after a digit: no such letter
  EXPECT_EQ(composed("q\xCC\x81"), "q\xCC\x81");                                  // no precomposed q-acute
  EXPECT_EQ(composed("e\xCC\x81\xCC\x81"), "\xC3\xA9\xCC\x81");                  // a second accent stays
  EXPECT_EQ(composed("\xCE\xB1\xCC\x81"), "\xCE\xB1\xCC\x81");                    // Greek alpha: outside Latin
  EXPECT_EQ(composed("e\xCD\xB0"), "e\xCD\xB0");                                  // U+0370 is no combining accent
  EXPECT_EQ(composed("e\xCC"), "e\xCC");                                          // cut short
  EXPECT_FALSE(may_hold_combining_mark("Caf\xC3\xA9"));
  EXPECT_TRUE(may_hold_combining_mark("Cafe\xCC\x81"));
}

// The check reads a word at a time with overlapping loads: an accent at any
// place of a name of any length is seen, and an ASCII name never asks further.
TEST(LatinNfc, TheMarkCheckSeesEveryPlaceOfEveryLength) {
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string ascii(length, 'a');
    EXPECT_FALSE(may_hold_combining_mark(ascii)) << length;
    for (std::size_t at = 0; at + 1 < length; ++at) {
      std::string marked = ascii, other = ascii;
      marked[at] = '\xCC';
      marked[at + 1] = '\x81';
      other[at] = '\xC3';  // a precomposed letter: high bits, no combining accent
      other[at + 1] = '\xA9';
      EXPECT_TRUE(may_hold_combining_mark(marked)) << length << " at " << at;
      EXPECT_FALSE(may_hold_combining_mark(other)) << length << " at " << at;
      marked[at] = '\xCD';
      marked[at + 1] = '\x80';
      EXPECT_TRUE(may_hold_combining_mark(marked)) << length << " at " << at;
    }
    if (length > 0) {
      std::string last = ascii;
      last.back() = '\xCC';  // cut short, still a lead byte: the general path decides
      EXPECT_TRUE(may_hold_combining_mark(last)) << length;
    }
  }
}

}  // namespace
}  // namespace gapscore
