#include "model/table.h"

#include <cstdlib>

namespace gapscore {

const char* column_type_name(ColumnType t) {
  switch (t) {
    case ColumnType::integer: return "integer";
    case ColumnType::number: return "number";
    case ColumnType::date: return "date";
    case ColumnType::text: return "text";
    case ColumnType::boolean: return "boolean";
    case ColumnType::work_mode: return "work_mode";
  }
  return "number";
}

WorkMode work_mode_from_name(std::string_view name) {
  for (WorkMode m : {WorkMode::onsite, WorkMode::hybrid, WorkMode::remote})
    if (name == work_mode_text(m)) return m;
  return WorkMode::missing;
}

std::uint32_t TextColumn::intern(std::string_view text) {
  if (index_.empty())
    for (std::size_t i = 0; i < dictionary.size(); ++i) {
      const auto code = static_cast<std::uint32_t>(i);
      index_.emplace(dictionary[i], code);
    }
  auto it = index_.find(std::string(text));
  if (it != index_.end()) return it->second;
  const auto code = static_cast<std::uint32_t>(dictionary.size());
  dictionary.emplace_back(text);
  index_.emplace(dictionary.back(), code);
  return code;
}

void TextColumn::settle() { index_ = {}; }

int Table::find(std::string_view canonical_name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == canonical_name) return static_cast<int>(i);
  return -1;
}

const Column& Table::column(std::string_view canonical_name) const {
  const int i = find(canonical_name);
  if (i < 0) std::abort();  // programming error: the schema defines every name used in core
  return columns[static_cast<std::size_t>(i)];
}

Column& Table::column(std::string_view canonical_name) {
  const int i = find(canonical_name);
  if (i < 0) std::abort();
  return columns[static_cast<std::size_t>(i)];
}

bool Table::has(std::string_view canonical_name) const {
  const int i = find(canonical_name);
  return i >= 0 && columns[static_cast<std::size_t>(i)].present;
}

namespace {
template <typename T>
void compact(std::vector<T>& v, const std::vector<bool>& keep) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (keep[i]) v[out++] = v[i];
  v.resize(out);
}
}  // namespace

void Table::keep_rows(const std::vector<bool>& keep) {
  for (Column& c : columns) {
    std::visit(
        [&](auto& d) {
          if constexpr (std::is_same_v<std::decay_t<decltype(d)>, TextColumn>) {
            compact(d.codes, keep);
          } else {
            compact(d, keep);
          }
        },
        c.data);
  }
  compact(source_rows, keep);
}

void Table::settle() {
  for (Column& c : columns)
    if (auto* text = std::get_if<TextColumn>(&c.data)) text->settle();
}

}  // namespace gapscore
