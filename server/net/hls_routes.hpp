#pragma once

#include "net/hls_request_metrics.hpp"
#include "net/hls_source.hpp"
#include "net/origin_policy.hpp"
#include "net/router.hpp"

namespace veche::net {

// GET /hls/{hall}/index.m3u8 and GET /hls/{hall}/{segment}.ts from memory, with CORS for the configured
// origins (a player on another site of the forum may embed the stream).
class hls_routes {
public:
    hls_routes(const hls_source& source, const origin_policy& origins, const hls_request_metrics& metrics)
        : source_(source), origins_(origins), metrics_(metrics) {}

    void install(router& r) const;

    // Segment names are "{digits}-{digits}.ts"; anything else is never looked up.
    static bool is_segment_name(std::string_view name);

private:
    void serve(request_context& ctx, const responder& respond) const;
    void preflight(request_context& ctx, const responder& respond) const;
    std::string allowed_origin(const http_request& req) const;

    const hls_source& source_;
    const origin_policy& origins_;
    const hls_request_metrics& metrics_;
};

}  // namespace veche::net
