#include "base/work_counter.h"

#include <atomic>

namespace gapscore {
namespace {
std::atomic<std::uint64_t> counters[static_cast<int>(Work::count_)];
}

void count_work(Work what, std::uint64_t n) { counters[static_cast<int>(what)].fetch_add(n, std::memory_order_relaxed); }
std::uint64_t work_done(Work what) { return counters[static_cast<int>(what)].load(std::memory_order_relaxed); }
void reset_work_counters() {
  for (auto& c : counters) c.store(0, std::memory_order_relaxed);
}

}  // namespace gapscore
