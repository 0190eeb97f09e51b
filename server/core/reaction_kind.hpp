#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace veche::core {

// The reactions of contract section 3.
inline constexpr std::array<std::string_view, 5> reaction_kinds{"applause", "heart", "like", "laugh", "wow"};

inline std::optional<std::size_t> parse_reaction_kind(std::string_view s) {
    for (std::size_t i = 0; i < reaction_kinds.size(); ++i)
        if (reaction_kinds[i] == s) return i;
    return std::nullopt;
}

}  // namespace veche::core
