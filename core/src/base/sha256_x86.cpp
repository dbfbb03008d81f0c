// SHA-256 with the x86 SHA extensions (SHA-NI), following Intel's published
// instruction sequence: two rounds per sha256rnds2, the message schedule with
// sha256msg1/msg2. Compiled for that target only in this file; used only when
// CPUID says the CPU has it. Other targets (wasm, ARM) get nullptr.
#include "base/sha256_blocks.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

namespace gapscore {
namespace {

__attribute__((target("sha,sse4.1,ssse3"))) void blocks_shani(std::uint32_t state[8], const std::uint8_t* data,
                                                               std::size_t blocks) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);  // big-endian words
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[0]));
  __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&state[4]));
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);          // EFGH
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef = state0, cdgh = state1;
    __m128i x[4];  // the message schedule, four words each, X[j] in x[j % 4]
    for (int j = 0; j < 4; ++j)
      x[j] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * j)), mask);
    for (int j = 0; j < 16; ++j) {
      __m128i msg = _mm_add_epi32(x[j % 4], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&kSha256K[4 * j])));
      state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
      if (j >= 3 && j <= 14) {  // X[j+1] = msg2(msg1(X[j-3], X[j-2]) + (X[j], X[j-1]) >> 4 bytes, X[j])
        __m128i& next = x[(j + 1) % 4];
        next = _mm_add_epi32(next, _mm_alignr_epi8(x[j % 4], x[(j + 3) % 4], 4));
        next = _mm_sha256msg2_epu32(next, x[j % 4]);
      }
      msg = _mm_shuffle_epi32(msg, 0x0E);
      state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
      if (j >= 1 && j <= 12) x[(j + 3) % 4] = _mm_sha256msg1_epu32(x[(j + 3) % 4], x[j % 4]);  // for X[j+3]
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }
  tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);     // ABEF
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[0]), state0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&state[4]), state1);
}

bool cpu_has_sha() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  const bool sha = (b >> 29) & 1U;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  const bool sse41 = (c >> 19) & 1U, ssse3 = (c >> 9) & 1U;
  return sha && sse41 && ssse3;
}

}  // namespace

Sha256BlocksFn sha256_blocks_accelerated() {
  static const Sha256BlocksFn fn = cpu_has_sha() ? &blocks_shani : nullptr;
  return fn;
}

}  // namespace gapscore

#else

namespace gapscore {
Sha256BlocksFn sha256_blocks_accelerated() { return nullptr; }
}  // namespace gapscore

#endif
