#include "net/vod_routes.hpp"

#include "common/wall_clock.hpp"
#include "net/file_index.hpp"
#include "net/file_response.hpp"
#include "net/hls_routes.hpp"
#include "net/http_responses.hpp"

namespace veche::net {
namespace {

constexpr std::string_view playlist_type = "application/vnd.apple.mpegurl";
// While the session is live its playlist grows with every segment (once it has ended: cache::ended_replay).
constexpr std::string_view live_playlist_cache = "public, max-age=1";
// An ended session's playlist stays EVENT until the recording has written past its end (the segment running at
// the end is still being cut), or, when the source never sends that segment, until a longest segment later.
constexpr std::int64_t final_at_latest_ms = 60'000;

http::message_generator not_found(const http_request& req) {
    return error_response(req, core::error_code::not_found, "No such replay or segment");
}

}  // namespace

void vod_routes::install(router& r) const {
    r.add(http::verb::get, "/vod/{session}/{file}",
          [this](request_context& ctx, responder respond) { serve(ctx, respond, {}); });
    r.add(http::verb::get, "/vod/{session}/{rung}/{file}", [this](request_context& ctx, responder respond) {
        const auto rung = ctx.params.at("rung");
        serve(ctx, respond, rung);
    });
}

std::string vod_routes::allowed_origin(const http_request& req) const {
    const auto origin = req[http::field::origin];
    return !origin.empty() && origins_.lists(origin) ? std::string(origin) : std::string{};
}

void vod_routes::serve(request_context& ctx, const responder& respond, std::string_view rung) const {
    const auto& req = ctx.req;
    const auto& file = ctx.params.at("file");
    const bool is_master = rung.empty() && file == "master.m3u8";
    const bool is_playlist = is_master || file == "index.m3u8";
    if (!is_playlist && !hls_routes::is_segment_name(file)) return respond(not_found(req));
    const auto window = source_.window(ctx.params.at("session"));
    if (!window) return respond(not_found(req));
    const auto now = now_ms();
    const auto to = window->to_ms.value_or(now);
    const auto recorded = source_.recorded_until(window->hall);
    const bool ended = window->to_ms && ((recorded && *recorded >= to) || now >= to + final_at_latest_ms);
    const auto origin = allowed_origin(req);

    if (!is_playlist) {
        const auto path = source_.segment(window->hall, rung, file, window->from_ms, to);
        if (!path) return respond(not_found(req));
        file_headers headers;
        headers.cache_control = cache::immutable;
        headers.mime_type = "video/mp2t";
        headers.vary_origin = true;
        headers.allow_origin = origin;
        if (const auto kept = cache_.find(path->string())) return respond(file_response(req, *kept, headers));
        const auto indexed = file_index::entry(source_.recordings_root(), *path);
        if (!indexed) return respond(not_found(req));
        if (const auto read = cache_.load(path->string(), *indexed))
            return respond(file_response(req, *read, headers));
        return respond(file_response(req, *indexed, headers));
    }
    auto text = is_master ? source_.master(window->hall, window->from_ms, to)
                          : source_.playlist(window->hall, rung, window->from_ms, to, ended);
    if (!text) return respond(not_found(req));
    http::response<http::string_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, playlist_type);
    res.set(http::field::cache_control, ended ? cache::ended_replay : live_playlist_cache);
    if (!origin.empty()) res.set(http::field::access_control_allow_origin, origin);
    res.set(http::field::vary, "Origin");
    res.body() = std::move(*text);
    respond(finish_response(req, std::move(res)));
}

}  // namespace veche::net
