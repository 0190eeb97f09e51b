#pragma once
// What the HLS routes need from the video relay, declared here so the net
// layer depends on no implementation (media provides the live one; tests
// fake it).

#include <memory>
#include <string>
#include <string_view>

namespace veche::net {

class hls_source {
public:
    using bytes = std::shared_ptr<const std::string>;
    virtual ~hls_source() = default;

    // All are called from any network thread and must be safe there; they return immutable data.
    // The hall's multivariant playlist (its rungs), or null for an unknown hall or one with nothing to play yet.
    virtual bytes master(std::string_view hall) const = 0;
    // A rung's current playlist (rung: a name of the hall's ladder or "audio"; empty: the top, the source as it
    // comes), or null for an unknown hall or rung, or one with nothing to play yet.
    virtual bytes playlist(std::string_view hall, std::string_view rung) const = 0;
    // A segment that the rung's playlist names (or named a moment ago), or null.
    virtual bytes segment(std::string_view hall, std::string_view rung, std::string_view name) const = 0;
};

}  // namespace veche::net
