#pragma once
// The one way an enum of the wire or the database becomes text and back:
// each enum lists its names once, right after it, in the order of its values
// (0, 1, 2, …), and to_string / parse_enum read that list.
//
//   enum class poll_state { draft, open, closed };
//   template <> inline constexpr std::string_view enum_names<poll_state> = "draft open closed";

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace veche::core {

template <typename E>
inline constexpr std::string_view enum_names{};

template <typename E>
concept named_enum = std::is_enum_v<E> && !enum_names<E>.empty();

namespace detail {

// The n-th name of a list, or nothing past its end.
constexpr std::string_view nth_name(std::string_view names, std::size_t n) {
    for (; n > 0; --n) {
        const auto space = names.find(' ');
        if (space == std::string_view::npos) return {};
        names.remove_prefix(space + 1);
    }
    return names.substr(0, names.find(' '));
}

}  // namespace detail

template <named_enum E>
constexpr std::string_view to_string(E value) {
    return detail::nth_name(enum_names<E>, static_cast<std::size_t>(value));
}

template <named_enum E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    for (std::size_t i = 0;; ++i) {
        const auto name = detail::nth_name(enum_names<E>, i);
        if (name.empty()) return std::nullopt;
        if (name == text) return static_cast<E>(i);
    }
}

// How many values the enum names.
template <named_enum E>
constexpr std::size_t enum_count() {
    std::size_t n = 0;
    while (!detail::nth_name(enum_names<E>, n).empty()) ++n;
    return n;
}

}  // namespace veche::core
