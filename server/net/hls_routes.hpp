#pragma once

#include "net/hls_request_metrics.hpp"
#include "net/hls_source.hpp"
#include "net/origin_policy.hpp"
#include "net/router.hpp"

namespace veche::net {

// A hall's HLS from memory (contract 7.4), with CORS for the configured origins (a player on another site of
// the forum may embed the stream): GET /hls/{hall}/master.m3u8 (its rungs), /hls/{hall}/index.m3u8 and
// /hls/{hall}/{segment}.ts (the top rung, the source as it comes), /hls/{hall}/{rung}/index.m3u8 and
// /hls/{hall}/{rung}/{segment}.ts (each rung of its ladder, and "audio").
class hls_routes {
public:
    hls_routes(const hls_source& source, const origin_policy& origins, const hls_request_metrics& metrics)
        : source_(source), origins_(origins), metrics_(metrics) {}

    void install(router& r) const;

    // Segment names are "{digits}-{digits}.ts"; anything else is never looked up.
    static bool is_segment_name(std::string_view name);

private:
    void serve(request_context& ctx, const responder& respond, std::string_view rung) const;
    void preflight(request_context& ctx, const responder& respond) const;
    std::string allowed_origin(const http_request& req) const;

    const hls_source& source_;
    const origin_policy& origins_;
    const hls_request_metrics& metrics_;
};

}  // namespace veche::net
