#include "privacy/cell_key.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/prng.h"
#include "privacy/pseudonym.h"

namespace gapscore::privacy {
namespace {

std::uint64_t mix(std::uint64_t cell, std::uint64_t stream) {
  std::uint64_t state = cell ^ (stream * 0xd1b54a32d192ed03ULL);
  splitmix64(state);
  return splitmix64(state);
}

}  // namespace

std::uint64_t record_key(std::string_view salt, std::string_view person_id) {
  std::string message = "cell key";
  message.push_back('\0');
  message.append(person_id);
  const std::string mac = hmac_sha256_hex(salt, message);
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = mac[i];
    k = (k << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return k;
}

std::uint64_t noise_stream(std::string_view name, std::int32_t first_day, std::int32_t last_day) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
  h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(first_day)) * 0x9e3779b97f4a7c15ULL;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(last_day)) * 0x9e3779b97f4a7c15ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

CellKeys::CellKeys(std::span<const PersonInfo> persons, std::string_view salt, const CellKeyConfig& config)
    : config_(config) {
  keys_.reserve(persons.size());
  for (const PersonInfo& p : persons) keys_.push_back(record_key(salt, p.id));
}

double CellKeys::count(double n, std::uint64_t cell, std::uint64_t stream) const {
  if (!(n > 0) || !std::isfinite(n)) return n;
  const auto span = static_cast<std::uint64_t>(2 * config_.max_count_noise + 1);
  const double noise = static_cast<double>(mix(cell, stream) % span) - config_.max_count_noise;
  return std::max(0.0, n + noise);
}

double CellKeys::sum(double s, double largest, std::uint64_t cell, std::uint64_t stream, bool non_negative) const {
  if (s == 0 || !std::isfinite(s) || !std::isfinite(largest)) return s;
  const double u = static_cast<double>(mix(cell, stream) >> 11) * 0x1.0p-52 - 1.0;  // [-1, 1)
  // Rounded to 0.01: digits finer than the noise would carry the exact sum's.
  const double out = std::round((s + u * config_.sum_noise_share * std::fabs(largest)) * 100.0) / 100.0;
  return non_negative ? std::max(0.0, out) : out;
}

DpFigures cell_key_release(std::span<const std::uint32_t> members, std::span<const analysis::PersonFigures> figures,
                           const CellKeys& keys, std::int32_t first_day, std::int32_t last_day) {
  double count = 0, users = 0, tasks = 0, ai_tasks = 0, saved = 0, rework = 0;
  double top_tasks = 0, top_ai_tasks = 0, top_saved = 0, top_rework = 0;
  std::uint64_t everyone = 0, ai_users = 0;  // cell keys: sums of record keys, mod 2^64
  for (std::uint32_t p : members) {
    const analysis::PersonFigures& f = figures[p];
    if (!f.active) continue;
    everyone += keys.record(p);
    count += 1;
    if (f.ai_user) {
      ai_users += keys.record(p);
      users += 1;
    }
    tasks += f.tasks;
    ai_tasks += f.ai_tasks;
    saved += f.hours_saved;
    rework += f.rework_hours;
    top_tasks = std::max(top_tasks, std::fabs(f.tasks));
    top_ai_tasks = std::max(top_ai_tasks, std::fabs(f.ai_tasks));
    top_saved = std::max(top_saved, std::fabs(f.hours_saved));
    top_rework = std::max(top_rework, std::fabs(f.rework_hours));
  }
  auto stream = [&](std::string_view name) { return noise_stream(name, first_day, last_day); };
  DpFigures out;
  out.headcount = keys.count(count, everyone, stream("headcount"));
  out.ai_users = std::min(keys.count(users, ai_users, stream("ai_users")), out.headcount);
  out.tasks = keys.sum(tasks, top_tasks, everyone, stream("tasks"), true);
  out.ai_tasks = std::min(keys.sum(ai_tasks, top_ai_tasks, everyone, stream("ai_tasks"), true), out.tasks);
  out.hours_saved = keys.sum(saved, top_saved, everyone, stream("hours_saved"), false);
  out.rework_hours = keys.sum(rework, top_rework, everyone, stream("rework_hours"), true);
  if (out.headcount > 0) out.adoption_rate = out.ai_users / out.headcount;
  if (out.tasks > 0) out.ai_task_share = out.ai_tasks / out.tasks;
  return out;
}

}  // namespace gapscore::privacy
