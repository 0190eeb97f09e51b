#pragma once

#include "core/enum_text.hpp"

namespace veche::media {

// Contract section 2, hall.stream.status.
enum class stream_status { offline, slate, live };

using core::to_string;

}  // namespace veche::media

template <>
struct veche::core::enum_text<veche::media::stream_status> {
    static constexpr enum_name<media::stream_status> names[] = {{media::stream_status::offline, "offline"},
                                                               {media::stream_status::slate, "slate"},
                                                               {media::stream_status::live, "live"}};
};
