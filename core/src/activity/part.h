// The activity table read into per-person state, in one pass, without keeping
// rows: per person the exact sums of all / AI-assisted / manual rows; per
// person x task type what role guidance and the playbook need; per person x
// period what trends need. Memory grows with people x periods x task types,
// never with rows. A Part is what one reader (a thread, a Web Worker, a file)
// builds from its share of the input; parts merge into one (merge.h), and the
// merged part is finished into ActivityData (data.h).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "activity/exact_sums.h"
#include "activity/period_cell_index.h"
#include "activity/period_cells.h"
#include "base/block_vector.h"
#include "base/flat_map.h"

namespace gapscore::activity {

// Whether a (role, task type) is AI-recommended by the playbook.
enum class PlaybookStatus : std::int8_t {
  unknown = -2,            // the person's role is not known yet (inline role, or no people table)
  role_not_covered = -1,
  not_recommended = 0,
  recommended = 1,
};

// Sums role guidance needs per person x task type, for one class of rows.
struct ClassCounts {
  std::int64_t rows = 0, tasks = 0, ai_tasks = 0, r_hours = 0, rework = 0, e_tasks = 0, errors = 0;
  // A row's sums, or another cell's counts (both have these fields).
  template <class Sums>
  void add(const Sums& o) {
    rows += o.rows;
    tasks += o.tasks;
    ai_tasks += o.ai_tasks;
    r_hours += o.r_hours;
    rework += o.rework;
    e_tasks += o.e_tasks;
    errors += o.errors;
  }
};

// Days with a row, for one person and task type: the key of a row is
// (person, date, task type), so a set bit is a key already seen. The words
// cover exactly the 64-day spans from the first to the last day set. Up to
// four words (256 days) live inside the object: rows come in any order, and a
// heap block per cell would be one more cache miss per row.
class DayBits {
 public:
  DayBits() = default;
  DayBits(const DayBits& o) { *this = o; }
  DayBits& operator=(const DayBits& o);
  // A moved-from bitmap is empty (its words may have gone with the heap block).
  DayBits(DayBits&& o) noexcept { *this = std::move(o); }
  DayBits& operator=(DayBits&& o) noexcept {
    if (this == &o) return *this;
    first_ = o.first_;
    size_ = std::exchange(o.size_, 0);
    inline_ = o.inline_;
    heap_ = std::move(o.heap_);
    return *this;
  }

  bool test(std::int32_t day) const;
  bool test_and_set(std::int32_t day);  // true when it was set already
  void reset(std::int32_t day);
  void set_all(const DayBits& o);
  // Days set in both (for keys repeated across parts).
  std::vector<std::int32_t> common(const DayBits& o) const;
  std::span<const std::uint64_t> words() const { return {data(), size_}; }
  std::int32_t first_day() const { return first_; }
  std::size_t heap_bytes() const { return size_ > kInlineWords ? size_ * sizeof(std::uint64_t) : 0; }
  void assign(std::int32_t first, const std::vector<std::uint64_t>& words);

 private:
  static constexpr std::uint32_t kInlineWords = 4;
  const std::uint64_t* data() const { return size_ <= kInlineWords ? inline_.data() : heap_.get(); }
  std::uint64_t* data() { return size_ <= kInlineWords ? inline_.data() : heap_.get(); }
  // Widens the words to [first, first + 64 * size) days, which covers the present span.
  void widen(std::int32_t first, std::uint32_t size);

  std::int32_t first_ = 0;  // day of bit 0 (a multiple of 64)
  std::uint32_t size_ = 0;  // words in use
  std::array<std::uint64_t, kInlineWords> inline_{};
  std::unique_ptr<std::uint64_t[]> heap_;  // when size_ > kInlineWords
};

struct TaskCell {
  std::uint32_t person = 0, task = 0;
  ClassCounts ai, manual;
  DayBits days;
  PlaybookStatus status = PlaybookStatus::unknown;  // decided when the cell is made
};

// Tasks and AI tasks of one person, period and task type, kept only for
// people whose role is not known while reading (resolved at the end).
struct PendingPlaybookCell {
  std::uint32_t person = 0, period = 0, task = 0;
  std::int64_t tasks = 0, ai_tasks = 0;
};

// An inline attribute (team, role, work_mode) as the rows give it: the first
// value in input order wins; the first later row with another value is a
// conflict. Input order is (file, row): `file` is the input's place among the
// activity files in SHA-256 order (0 when there is one), so parts of different
// files merge in any order and grouping to the same result.
struct InlineAttribute {
  std::uint64_t row = 0;  // 0 = no row gave a value
  std::string value;
  std::uint64_t conflict_row = 0;
  std::string conflict_value;
  std::uint32_t file = 0, conflict_file = 0;
  // The key (task type code, day) of `row` and `conflict_row` while rows are
  // read (byte ranges need them); not saved, not merged meaningfully.
  std::uint32_t task = 0, conflict_task = 0;
  std::int32_t day = 0, conflict_day = 0;
  void see(std::string_view v, std::uint32_t in_file, std::uint64_t at, std::uint32_t key_task = 0, std::int32_t key_day = 0);
  void merge(const InlineAttribute& other);  // both in the same file numbering
  bool empty() const {
    return row == 0 && conflict_row == 0 && file == 0 && conflict_file == 0 && value.empty() && conflict_value.empty();
  }
};

struct InlineAttributes {
  InlineAttribute team, role, work_mode;
  bool empty() const { return team.empty() && role.empty() && work_mode.empty(); }
};

// A person's inline attributes, allocated only once a row gives one: most
// activity files have no team/role/work_mode columns (the people table gives
// them), and three empty attributes took 264 bytes a person.
class PersonAttributes {
 public:
  PersonAttributes() = default;
  PersonAttributes(const PersonAttributes& o) { *this = o; }
  PersonAttributes& operator=(const PersonAttributes& o) {
    if (this != &o) values_ = o.values_ ? std::make_unique<InlineAttributes>(*o.values_) : nullptr;
    return *this;
  }
  PersonAttributes(PersonAttributes&&) noexcept = default;
  PersonAttributes& operator=(PersonAttributes&&) noexcept = default;

  bool empty() const { return !values_; }
  const InlineAttributes& get() const { return values_ ? *values_ : kNone; }
  InlineAttributes& values() {
    if (!values_) values_ = std::make_unique<InlineAttributes>();
    return *values_;
  }

 private:
  static inline const InlineAttributes kNone{};
  std::unique_ptr<InlineAttributes> values_;
};

// The first few task cells of a person, found from the person's own state
// while reading, whatever the row order: rows in date order reach a person
// once a day per task type, and the part's hash of (person, task type) would
// cost a cache miss a row. A cache of that hash (which stays whole): empty
// slots hold kNone.
struct TaskSlots {
  static constexpr std::size_t kSlots = 6;
  static constexpr std::uint32_t kNone = 0xffffffffu;
  std::array<std::uint32_t, kSlots> task{kNone, kNone, kNone, kNone, kNone, kNone}, cell{};
};

struct PersonPart {
  // Every sum of this person's (its own, its task and period cells') is a sum of
  // fields of its rows, so none is larger in magnitude than the sum of each row's
  // largest |field|: a row that keeps this below 2^63 cannot overflow any of
  // them, and skips the per-field checks. kUnbounded: not known (a loaded state).
  static constexpr std::uint64_t kUnbounded = ~std::uint64_t{0};
  std::uint64_t magnitude = 0;
  // `all` is kept row by row for this person: set once its bound no longer
  // holds (a loaded state, a merge, huge values), so that each later row
  // checks its sums without adding up the person's cells again.
  bool all_kept = false;
  // The first team, role and work mode the rows gave (`attributes`), as codes
  // of the part's attribute texts: a row that gives the same value again,
  // nearly every row, changes nothing and is known to without reading
  // `attributes` (a heap block and its strings: cache misses in rows of random
  // people). kNoText: no value yet, or not known (after a merge or a load).
  static constexpr std::uint32_t kNoText = 0xffffffffu;
  std::array<std::uint32_t, 3> first_text{kNoText, kNoText, kNoText};
  TaskSlots task_slots;
  // The sums of all rows are the sums of the person's period cells, which
  // every row adds to anyway: settled from them once rows stop coming
  // (Part::settle_totals), not added to row by row (184 bytes a row that
  // are not written, often three cache misses in rows of random people),
  // unless all_kept.
  ExactRowSums all, ai;  // manual rows: manual_sums(all, ai)
  PersonAttributes attributes;
  ExactRowSums manual() const { return manual_sums(all, ai); }
};

// The inputs a Part needs before the first row.
struct PartOptions {
  bool weekly = true;                     // period: ISO week, else calendar month
  std::optional<std::int32_t> window_start, window_end;
  // Status of (person id, task type), or unknown when the role is not known yet.
  // Null: no playbook (every cell is role_not_covered).
  const class PlaybookResolver* playbook = nullptr;
};

// A part asks once per person for the role, and once per (role, task type)
// for the status, through codes: not once per cell through texts.
class PlaybookResolver {
 public:
  static constexpr std::uint32_t kNoRole = 0xffffffffu;
  virtual ~PlaybookResolver() = default;
  // The person's role as a code of this resolver; kNoRole when no role is known yet.
  virtual std::uint32_t role_of(std::string_view person_id) const = 0;
  virtual PlaybookStatus status_of(std::uint32_t role, std::string_view task_type) const = 0;
};

enum class RowOutcome : std::uint8_t { kept, duplicate, outside_window, overflow };

// What a row adds to its period cell's sums (part.cpp), for adding and taking back.
PeriodCells::Sums period_delta(const ExactRowSums& s, bool ai_baseline, bool ai, PlaybookStatus status);

// Keys (person, date, task type) two parts both hold, in the codes of the
// later range's part: its rows of them repeat an earlier range's and are
// taken back (part_ranges.cpp). Lookups by text allocate nothing: the later
// part's own codes find them.
struct SharedKeys {
  const class Part* later = nullptr;
  FlatU64Map cells;                             // (person << 32 | task type) -> index in `days`
  std::vector<std::vector<std::int32_t>> days;  // ascending
  std::uint64_t count = 0;
  // By the later part's person code: a first or conflicting inline attribute
  // came from a row of a shared key, so it is worked out again.
  std::vector<std::uint8_t> dirty;
  std::uint64_t dirty_people = 0;
  // A first look for a reader scanning every row: one probe of a hash of the
  // key's text (or the person's), no lookup of codes; true may be a
  // collision (has() then says), false is certain.
  std::vector<std::uint64_t> maybe_keys;  // a bit per fingerprint modulo its size (16+ bits a key: few false hits)
  FlatU64Map maybe_people;
  static std::uint64_t fingerprint(std::string_view person, std::string_view task, std::int32_t day);
  bool maybe(std::string_view person, std::optional<std::int32_t> day, std::string_view task) const;
  bool has(std::string_view person, std::int32_t day, std::string_view task) const;
  // The index of a shared key (for marking it once), or nullopt.
  std::optional<std::uint64_t> index_of(std::string_view person, std::int32_t day, std::string_view task) const;
  bool person_dirty(std::string_view person) const;
};

class Part {
 public:
  explicit Part(PartOptions options);

  // One validated row. `row` is its row number within this part's input.
  RowOutcome add(std::string_view person_id, std::int32_t day, std::string_view task_type, const RowValues& v,
                 std::string_view team, std::string_view role, std::string_view work_mode, std::uint64_t row);

  // Adds another part's state. Parts must not share a key (person, date, task
  // type): shards hold disjoint people, and files merged later are checked for
  // it. Returns the number of shared keys (then nothing was changed), or
  // nullopt when a sum would overflow (then the part is unusable). Unless
  // keys were shared, `other` is spent (its cells freed as they are merged).
  std::optional<std::uint64_t> merge(Part&& other);

  // Byte ranges of one file (part_ranges.cpp). Rows this part numbered from
  // its range's start move on by `by`.
  void shift_rows(std::uint64_t by);
  // The keys this part and a later range's part both hold.
  SharedKeys shared_keys(const Part& later) const;
  // The keys `later` holds that any of the earlier ranges' parts holds (the
  // same as shared_keys of their merge). Reads them only: ranges may ask at
  // once, from several threads, as long as no part changes meanwhile.
  static SharedKeys shared_keys(std::span<const Part* const> earlier, const Part& later);
  // Takes back the row add() took for this key (kept, or counted outside
  // the window) and clears the key. False: no such row (nothing changed).
  bool remove(std::string_view person_id, std::int32_t day, std::string_view task_type, const RowValues& v);
  // The SharedKeys friend looks texts up in this part's codes.
  friend struct SharedKeys;
  void replace_attributes(std::string_view person_id, const InlineAttributes& attributes);
  // Rows refused because a sum would pass 64 bits.
  std::uint64_t overflow_rows() const { return overflow_rows_; }

  // The activity file the next rows come from (its place in SHA-256 order).
  void set_file(std::uint32_t file) { file_ = file; }
  // Renumbers the files inline attributes point at (new number of file i =
  // map[i]) before a merge with parts of other files. False when an attribute
  // names a file outside the map (a corrupt state).
  bool renumber_files(const std::vector<std::uint32_t>& map);

  const PartOptions& options() const { return options_; }
  const TextCodes& person_ids() const { return person_ids_; }
  const TextCodes& task_types() const { return task_types_; }
  // Settles every person's `all` first (settle_totals).
  const BlockVector<PersonPart>& persons() {
    settle_totals();
    return persons_;
  }
  // Sets every person's `all` to the sums of its period cells, once rows
  // were added since the last time (merge and finish do it themselves).
  void settle_totals();
  const BlockVector<TaskCell>& task_cells() const { return task_cells_; }
  const PeriodCells& period_cells() const { return period_cells_; }
  const std::vector<std::int32_t>& periods() const { return periods_; }
  const std::vector<PendingPlaybookCell>& pending_playbook() const { return pending_; }
  std::uint64_t rows_in_window() const { return rows_in_window_; }
  std::uint64_t rows_outside_window() const { return rows_outside_window_; }
  std::optional<std::int32_t> first_date() const { return any_date_ ? std::optional(first_date_) : std::nullopt; }
  std::optional<std::int32_t> last_date() const { return any_date_ ? std::optional(last_date_) : std::nullopt; }
  std::size_t memory_bytes() const;

  // A row that comes soon (RowSink::upcoming): its state is fetched while the
  // rows before it are added, so that several rows' cache misses overlap.
  // Changes nothing that add() reads.
  void upcoming(std::string_view person_id, std::int32_t day, std::string_view task_type);
  // Whether hints help: the last rows mostly jumped to another person (not
  // the previous row's or the next in code order). Rows grouped by person, or
  // by date in a fixed order of people, find their state in cache anyway.
  // Never in wasm (ingest::kLookAhead).
  bool wants_upcoming() const { return wants_upcoming_; }

  // Reading saved states (state_file.cpp) builds parts field by field.
  friend class PartCodec;
  // finish() (data.h) takes a spent part's cells.
  friend struct ActivityData finish(Part&& part);

 private:
  // The days this part holds of `later`'s task cell `c` (ascending).
  std::vector<std::int32_t> common_days(const TaskCell& c, const Part& later) const;
  // The cell of (person, task); a new cell takes `status`, or asks the playbook.
  std::uint32_t task_cell(std::uint32_t person, std::uint32_t task, std::optional<PlaybookStatus> status = std::nullopt);
  std::uint32_t period_cell(std::uint32_t person, std::int32_t period_start);
  PlaybookStatus playbook_status(std::uint32_t person, std::uint32_t task);
  // A row's team, role and work mode (empty: not given).
  void see_attributes(PersonPart& person, const std::array<std::string_view, 3>& values, std::uint64_t row,
                      std::uint32_t task, std::int32_t day);
  // A loaded part: false when a person's given `all` is not the sum of its
  // period cells (a corrupt state), else true with every `all` settled.
  bool settle_given_totals();
  // The sums of all the person's rows, from its period cells; of every
  // person's, in one pass over the cells.
  ExactRowSums person_total(std::uint32_t person) const;
  std::vector<ExactRowSums> person_totals() const;
  // task_cell(person, task) through the person's TaskSlots first.
  std::uint32_t task_cell_of_person(std::uint32_t person, std::uint32_t task);

  PartOptions options_;
  TextCodes person_ids_, task_types_;
  TextCodes attribute_texts_;  // first values of inline attributes (PersonPart::first_text)
  BlockVector<PersonPart> persons_;
  FlatU64Map task_cell_index_;
  BlockVector<TaskCell> task_cells_;  // grows by blocks: no moment with two copies
  std::vector<std::int32_t> periods_;  // start day per period code (first-seen order)
  FlatU64Map period_index_;            // start day -> period code
  PeriodCellIndex period_cell_index_;
  PeriodCells period_cells_;
  FlatU64Map pending_index_;
  std::vector<PendingPlaybookCell> pending_;
  bool totals_current_ = true;  // every person's `all` is settled
  std::uint64_t rows_in_window_ = 0, rows_outside_window_ = 0, overflow_rows_ = 0;
  std::int32_t first_date_ = 0, last_date_ = 0;
  bool any_date_ = false;
  std::uint32_t file_ = 0;
  // The previous row's person and period cell (rows of one person often come together).
  std::uint32_t last_person_ = TextCodes::kAbsent, last_period_cell_person_ = TextCodes::kAbsent, last_period_cell_ = 0;
  // The playbook's answers so far: role code per person (kRoleNotAsked until
  // asked), status + kStatusBias per (role << 32 | task type).
  static constexpr std::uint32_t kRoleNotAsked = 0xfffffffeu, kStatusBias = 3;
  std::vector<std::uint32_t> person_role_;
  FlatU64Map role_task_status_;
  std::int32_t last_period_start_ = 0;
  // Rows to come, newest at upcoming_at_ - 1: each is looked at three times
  // as it gets nearer (hash, then person, then its cells).
  struct Upcoming {
    std::uint64_t hash = 0;
    std::uint32_t task = TextCodes::kAbsent, period = TextCodes::kAbsent, person = TextCodes::kAbsent;
  };
  std::array<Upcoming, 8> upcoming_{};
  std::uint32_t upcoming_at_ = 0;
  static constexpr std::uint32_t kJumpWindow = 1024;  // rows between two decisions
  std::uint32_t window_rows_ = 0, window_jumps_ = 0;
  bool wants_upcoming_ = false;
};

}  // namespace gapscore::activity
