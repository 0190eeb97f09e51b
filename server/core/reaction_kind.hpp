#pragma once

#include "core/enum_text.hpp"

#include <cstddef>

namespace veche::core {

// The reactions a client may send (docs/protocol.md, `react`).
enum class reaction_kind { applause, heart, like, laugh, wow };

template <>
inline constexpr std::string_view enum_names<reaction_kind> = "applause heart like laugh wow";

inline constexpr std::size_t reaction_kind_count = enum_count<reaction_kind>();

}  // namespace veche::core
