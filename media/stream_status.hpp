#pragma once

#include "core/enum_text.hpp"

namespace veche::media {

// A hall's `stream.status` (docs/protocol.md, "Video").
enum class stream_status { offline, slate, live };

using core::to_string;

}  // namespace veche::media

template <>
inline constexpr std::string_view veche::core::enum_names<veche::media::stream_status> = "offline slate live";
