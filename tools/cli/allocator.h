#pragma once

namespace gapscore::cli {

// glibc's allocator, tuned for gapscore's two phases: reading grows the state
// in large blocks that must go back to the system when freed (peak memory),
// the report then makes and drops many mid-sized arrays (page faults).
// No-ops where the allocator is not glibc's.
void allocator_for_reading();
void allocator_for_report();

}  // namespace gapscore::cli
