#pragma once
// The one way an enum of the wire or the database becomes text and back:
// each enum lists its names once, in a specialisation of enum_text next to
// its declaration, and to_string / parse_enum read that table.
//
//   template <> struct enum_text<poll_state> {
//       static constexpr enum_name<poll_state> names[] = {{poll_state::draft, "draft"}, …};
//   };

#include <optional>
#include <string_view>
#include <utility>

namespace veche::core {

template <typename E>
using enum_name = std::pair<E, std::string_view>;

template <typename E>
struct enum_text;

template <typename E>
concept named_enum = requires { enum_text<E>::names; };

template <named_enum E>
constexpr std::string_view to_string(E value) {
    for (const auto& [v, name] : enum_text<E>::names)
        if (v == value) return name;
    return {};
}

template <named_enum E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    for (const auto& [v, name] : enum_text<E>::names)
        if (name == text) return v;
    return std::nullopt;
}

}  // namespace veche::core
