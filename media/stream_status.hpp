#pragma once

#include <string_view>

namespace veche::media {

// Contract section 2, hall.stream.status.
enum class stream_status { offline, slate, live };

constexpr std::string_view to_string(stream_status s) {
    switch (s) {
    case stream_status::live: return "live";
    case stream_status::slate: return "slate";
    case stream_status::offline: break;
    }
    return "offline";
}

}  // namespace veche::media
