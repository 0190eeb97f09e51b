#include "net/hls_request_metrics.hpp"

namespace veche::net {

hls_request_metrics::hls_request_metrics(metrics_registry& registry, const std::vector<std::string>& halls) {
    const std::string requests_help = "HLS playlists and segments the origin served (behind a cache: its misses)";
    for (const auto& hall : halls) {
        halls_.emplace(hall, hall_counters{
                                 &registry.make_counter("veche_hls_requests_total", requests_help,
                                                        {{"hall", hall}, {"kind", "playlist"}}),
                                 &registry.make_counter("veche_hls_requests_total", requests_help,
                                                        {{"hall", hall}, {"kind", "segment"}}),
                                 &registry.make_counter("veche_hls_bytes_out_total",
                                                        "HLS bytes the origin served (playlists and segments)",
                                                        {{"hall", hall}}),
                             });
    }
}

void hls_request_metrics::count(std::string_view hall, bool playlist, std::size_t bytes) const {
    const auto it = halls_.find(hall);
    if (it == halls_.end()) return;
    (playlist ? it->second.playlists : it->second.segments)->inc();
    it->second.bytes->inc(bytes);
}

}  // namespace veche::net
