#include "net/transcript_routes.hpp"

#include "core/client_message.hpp"
#include "core/webvtt.hpp"
#include "net/bearer_auth.hpp"
#include "net/http_reply_link.hpp"
#include "net/http_responses.hpp"

namespace veche::net {

void transcript_routes::install(router& r) {
    r.add(http::verb::post, "/api/v1/sessions/{id}/transcript",
          [this](request_context& ctx, responder respond) { post(ctx, respond); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/transcript.vtt", [this](request_context& ctx, responder respond) {
        auto room = rooms_.find(ctx.params.at("id"));
        if (!room) return respond(error_response(ctx.req, core::error_code::not_found, "No such session"));
        auto req = std::make_shared<const http_request>(ctx.req);
        room->transcript([req, respond](std::vector<core::transcript_segment> lines) {
            respond(text_response(*req, http::status::ok, "text/vtt; charset=utf-8", core::transcript_webvtt(lines),
                                  cache::revalidate));
        });
    });
    r.add(http::verb::get, "/api/v1/sessions/{id}/transcript.json", [this](request_context& ctx, responder respond) {
        auto room = rooms_.find(ctx.params.at("id"));
        if (!room) return respond(error_response(ctx.req, core::error_code::not_found, "No such session"));
        auto req = std::make_shared<const http_request>(ctx.req);
        room->transcript([req, respond](std::vector<core::transcript_segment> lines) {
            auto segments = nlohmann::json::array();
            for (const auto& line : lines) segments.push_back(core::segment_json(line));
            respond(json_response(*req, http::status::ok, {{"segments", std::move(segments)}}, cache::revalidate));
        });
    });
}

void transcript_routes::post(request_context& ctx, const responder& respond) {
    auto who = bearer_identity(ctx.req, tokens_);
    if (!who)
        return respond(
            error_response(ctx.req, core::error_code::unauthorized, "A valid bearer token is required"));
    const auto& session = ctx.params.at("id");
    auto room = rooms_.find(session);
    if (!room) return respond(error_response(ctx.req, core::error_code::not_found, "No such session"));
    // The body is a segment without "session": decode it as the WebSocket message it stands for.
    auto body = nlohmann::json::parse(ctx.req.body(), nullptr, false);
    if (!body.is_object())
        return respond(error_response(ctx.req, core::error_code::bad_request, "The body must be a segment"));
    body["type"] = "transcript";
    body["session"] = session;
    auto decoded = core::decode_client_message(body.dump());
    if (const auto* failure = std::get_if<core::decode_failure>(&decoded))
        return respond(error_response(ctx.req, core::error_code::bad_request, failure->message));
    auto link = std::make_shared<http_reply_link>(std::move(*who), std::make_shared<const http_request>(ctx.req), respond);
    room->execute(std::move(link), std::move(std::get<core::client_message>(decoded)));
}

}  // namespace veche::net
