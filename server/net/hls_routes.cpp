#include "net/hls_routes.hpp"

#include "net/http_responses.hpp"
#include "net/shared_slice_body.hpp"

#include <algorithm>

namespace veche::net {
namespace {

// A playlist changes with every segment (a second or two): caches may hold it only briefly.
constexpr std::string_view playlist_cache = "public, max-age=1";
constexpr std::string_view playlist_type = "application/vnd.apple.mpegurl";
constexpr std::string_view segment_type = "video/mp2t";

bool is_digits(std::string_view s) {
    return !s.empty() && s.size() <= 20 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

http::message_generator not_found(const http_request& req) {
    return error_response(req, core::error_code::not_found, "No such stream or segment");
}

}  // namespace

bool hls_routes::is_segment_name(std::string_view name) {
    if (!name.ends_with(".ts")) return false;
    name.remove_suffix(3);
    const auto dash = name.find('-');
    return dash != std::string_view::npos && is_digits(name.substr(0, dash)) && is_digits(name.substr(dash + 1));
}

void hls_routes::install(router& r) const {
    r.add(http::verb::get, "/hls/{hall}/{file}",
          [this](request_context& ctx, responder respond) { serve(ctx, respond, {}); });
    r.add(http::verb::get, "/hls/{hall}/{rung}/{file}", [this](request_context& ctx, responder respond) {
        const auto rung = ctx.params.at("rung");
        serve(ctx, respond, rung);
    });
    for (const auto* pattern : {"/hls/{hall}/{file}", "/hls/{hall}/{rung}/{file}"})
        r.add(http::verb::options, pattern, [this](request_context& ctx, responder respond) { preflight(ctx, respond); });
}

std::string hls_routes::allowed_origin(const http_request& req) const {
    const auto origin = req[http::field::origin];
    return !origin.empty() && origins_.lists(origin) ? std::string(origin) : std::string{};
}

void hls_routes::serve(request_context& ctx, const responder& respond, std::string_view rung) const {
    const auto& req = ctx.req;
    const auto& hall = ctx.params.at("hall");
    const auto& file = ctx.params.at("file");
    // The multivariant playlist is the hall's, not a rung's.
    const bool is_master = rung.empty() && file == "master.m3u8";
    const bool is_playlist = is_master || file == "index.m3u8";
    if (!is_playlist && !is_segment_name(file)) return respond(not_found(req));
    auto bytes = is_master ? source_.master(hall)
                 : is_playlist ? source_.playlist(hall, rung)
                               : source_.segment(hall, rung, file);
    if (!bytes) return respond(not_found(req));

    http::response<shared_slice_body> res{http::status::ok, req.version()};
    res.set(http::field::content_type, is_playlist ? playlist_type : segment_type);
    res.set(http::field::cache_control, is_playlist ? playlist_cache : cache::immutable);
    if (const auto origin = allowed_origin(req); !origin.empty()) res.set(http::field::access_control_allow_origin, origin);
    res.set(http::field::vary, "Origin");
    res.keep_alive(req.keep_alive());
    apply_security_headers(res.base());
    res.content_length(bytes->size());
    const bool with_body = req.method() != http::verb::head;
    metrics_.count(hall, is_playlist, with_body ? bytes->size() : 0);
    if (with_body) res.body() = {bytes, 0, bytes->size()};
    respond(http::message_generator(std::move(res)));
}

void hls_routes::preflight(request_context& ctx, const responder& respond) const {
    http::response<http::empty_body> res{http::status::no_content, ctx.req.version()};
    if (const auto origin = allowed_origin(ctx.req); !origin.empty()) {
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::access_control_allow_methods, "GET, HEAD");
        res.set(http::field::access_control_max_age, "600");
    }
    res.set(http::field::vary, "Origin");
    respond(finish_response(ctx.req, std::move(res)));
}

}  // namespace veche::net
