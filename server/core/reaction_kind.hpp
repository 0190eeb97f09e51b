#pragma once

#include "core/enum_text.hpp"

#include <cstddef>
#include <iterator>

namespace veche::core {

// The reactions a client may send (docs/protocol.md, `react`).
enum class reaction_kind { applause, heart, like, laugh, wow };

template <>
struct enum_text<reaction_kind> {
    static constexpr enum_name<reaction_kind> names[] = {{reaction_kind::applause, "applause"},
                                                         {reaction_kind::heart, "heart"},
                                                         {reaction_kind::like, "like"},
                                                         {reaction_kind::laugh, "laugh"},
                                                         {reaction_kind::wow, "wow"}};
};

inline constexpr std::size_t reaction_kind_count = std::size(enum_text<reaction_kind>::names);

}  // namespace veche::core
