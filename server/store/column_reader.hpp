#pragma once
// The columns of the current row, read left to right, so a row becomes a
// value in one expression: core::poll{.id = row.text(), .session = row.text(), …}
// (a braced initializer reads its members in order).

#include "core/enum_text.hpp"
#include "store/sqlite_connection.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace veche::store {

class column_reader {
public:
    explicit column_reader(const sqlite_statement& row) : row_(row) {}

    std::string text() { return row_.text(next_++); }
    std::int64_t integer() { return row_.integer(next_++); }
    bool flag() { return integer() != 0; }
    std::optional<std::string> optional_text() {
        if (row_.is_null(next_)) return ++next_, std::nullopt;
        return text();
    }
    // A value stored as JSON text (a list of options, a ballot's choices).
    template <typename T>
    T json() {
        return nlohmann::json::parse(text()).get<T>();
    }
    // An enum stored by name; `fallback` for a name this version does not know.
    template <core::named_enum E>
    E name(E fallback) {
        return core::parse_enum<E>(text()).value_or(fallback);
    }

private:
    const sqlite_statement& row_;
    int next_ = 0;
};

}  // namespace veche::store
