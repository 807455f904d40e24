// json/value.cpp — the read-only document's storage: building values, freeing them, looking
// members up (see json/value.hpp).
//
// Depends on: json/value.hpp, the standard library.
#include "core/json/value.hpp"

#include <algorithm>
#include <numeric>

namespace passerelle::json {

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::boolean;
  v.u_.boolean = b;
  return v;
}

Value Value::integer(std::int64_t i) {
  Value v;
  v.type_ = Type::number_integer;
  v.u_.integer = i;
  return v;
}

Value Value::unsigned_integer(std::uint64_t u) {
  Value v;
  v.type_ = Type::number_unsigned;
  v.u_.unsigned_integer = u;
  return v;
}

Value Value::number(double d) {
  Value v;
  v.type_ = Type::number_float;
  v.u_.floating = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.u_.string = new std::string(std::move(s));
  v.type_ = Type::string;
  return v;
}

Value Value::array(array_t items) {
  Value v;
  v.u_.array = new array_t(std::move(items));
  v.type_ = Type::array;
  return v;
}

namespace {

// Puts members in key order, keeping the last of each repeated key, as nlohmann's std::map
// did (operator[] then assignment).  Sorted through an index so that equal keys stay in
// document order, then permuted in place: a 2 MB object of short keys needs 4 bytes per
// member on top of itself, not a second copy (tests/core/unit-json-memory.cpp).
void sort_members(Value::object_t& m) {
  if (m.size() < 2) return;
  std::vector<std::uint32_t> order(m.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int c = m[a].first.compare(m[b].first);
    return c < 0 || (c == 0 && a < b);
  });
  // order[i] is the member that belongs at i: follow each cycle once.
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    auto held = std::move(m[i]);
    std::uint32_t at = i;
    while (order[at] != i) {
      const std::uint32_t from = order[at];
      m[at] = std::move(m[from]);
      order[at] = at;
      at = from;
    }
    m[at] = std::move(held);
    order[at] = at;
  }
  // Of each run of equal keys, keep the last.
  std::size_t out = 0;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (i + 1 < m.size() && m[i + 1].first == m[i].first) continue;
    if (out != i) m[out] = std::move(m[i]);
    ++out;
  }
  m.erase(m.begin() + static_cast<std::ptrdiff_t>(out), m.end());
}

}  // namespace

Value Value::object(object_t members) {
  sort_members(members);
  Value v;
  v.u_.object = new object_t(std::move(members));
  v.type_ = Type::object;
  return v;
}

const Value* Value::find(std::string_view key) const {
  const object_t* o = if_object();
  if (!o) return nullptr;
  const auto it = std::lower_bound(o->begin(), o->end(), key,
                                   [](const auto& m, std::string_view k) { return m.first < k; });
  return it != o->end() && it->first == key ? &it->second : nullptr;
}

// Recursion bounded by Limits::max_depth, which json::load checks before anything is built.
void Value::clear() noexcept {
  switch (type_) {
    case Type::string: delete u_.string; break;
    case Type::array: delete u_.array; break;
    case Type::object: delete u_.object; break;
    default: break;
  }
  type_ = Type::null;
  u_.integer = 0;
}

}  // namespace passerelle::json
