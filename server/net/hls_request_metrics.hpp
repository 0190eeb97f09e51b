#pragma once
// HLS requests the origin answers, per hall: behind nginx's cache they show
// how much of the audience still reaches the process (about one request per
// segment however many viewers, when the cache works).

#include "common/counter.hpp"
#include "common/metrics_registry.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace veche::net {

class hls_request_metrics {
public:
    // Series for the configured halls only, created up front: a request for
    // any other name adds nothing (no series per made-up hall).
    hls_request_metrics(metrics_registry& registry, const std::vector<std::string>& halls);

    void count(std::string_view hall, bool playlist, std::size_t bytes) const;

private:
    struct hall_counters {
        counter* playlists;
        counter* segments;
        counter* bytes;
    };
    std::map<std::string, hall_counters, std::less<>> halls_;  // read-only after construction
};

}  // namespace veche::net
