#pragma once

#include "net/origin_policy.hpp"
#include "net/replay_source.hpp"
#include "net/router.hpp"
#include "net/segment_cache.hpp"

namespace veche::net {

// A session's replay (contract 7.5) from the recordings on disk: GET /vod/{session}/index.m3u8 (the top rung),
// /vod/{session}/master.m3u8 (every rung that recorded it), /vod/{session}/{rung}/index.m3u8, and their
// segments /vod/{session}[/{rung}]/{digits}-{digits}.ts, with Range. A segment name is only a key into the
// recording's index; the file is the one the index names, opened through net/file_response.hpp, and kept in
// memory (segment_cache) for the next viewer.
class vod_routes {
public:
    vod_routes(const replay_source& source, const origin_policy& origins, std::uint64_t cache_bytes,
               metrics_registry& metrics)
        : source_(source), origins_(origins), cache_(cache_bytes, metrics) {}

    void install(router& r) const;

private:
    void serve(request_context& ctx, const responder& respond, std::string_view rung) const;
    std::string allowed_origin(const http_request& req) const;

    const replay_source& source_;
    const origin_policy& origins_;
    mutable segment_cache cache_;  // locks itself
};

}  // namespace veche::net
