#include "net/session_routes.hpp"

#include "common/wall_clock.hpp"
#include "core/client_message.hpp"
#include "core/questions_csv.hpp"
#include "core/webvtt.hpp"
#include "net/bearer_auth.hpp"
#include "net/http_reply_link.hpp"
#include "net/http_responses.hpp"

namespace veche::net {

void session_routes::install(router& r) {
    r.add(http::verb::get, "/api/v1/sessions/{id}/questions",
          [this](request_context& ctx, responder respond) { questions(ctx, respond); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/questions.csv",
          [this](request_context& ctx, responder respond) { questions_csv(ctx, respond); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/stats",
          [this](request_context& ctx, responder respond) { stats(ctx, respond); });
    r.add(http::verb::post, "/api/v1/sessions/{id}/transcript",
          [this](request_context& ctx, responder respond) { post_transcript(ctx, respond); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/transcript.vtt",
          [this](request_context& ctx, responder respond) { transcript(ctx, respond, true); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/transcript.json",
          [this](request_context& ctx, responder respond) { transcript(ctx, respond, false); });
    r.add(http::verb::get, "/api/v1/sessions/{id}/timeline.json",
          [this](request_context& ctx, responder respond) { timeline(ctx, respond); });
}

session_routes::caller session_routes::check(const request_context& ctx, const responder& respond,
                                             access needed) const {
    const auto& req = ctx.req;
    caller out;
    if (needed != access::anyone) {
        out.who = bearer_identity(req, tokens_);
        if (!out.who) {
            respond(error_response(req, core::error_code::unauthorized, "A valid bearer token is required"));
            return {};
        }
    }
    const auto& session = ctx.params.at("id");
    out.room = rooms_.find(session);
    if (!out.room) {
        respond(error_response(req, core::error_code::not_found, "No such session"));
        return {};
    }
    const bool scoped = needed == access::session_token || needed == access::staff || needed == access::moderator;
    if ((scoped && !out.who->may_access(session)) || (needed == access::moderator && !out.who->is_moderator()) ||
        (needed == access::staff && !out.who->sees_affiliations())) {
        respond(error_response(req, core::error_code::forbidden, "This token may not read this"));
        return {};
    }
    return out;
}

void session_routes::questions(request_context& ctx, const responder& respond) const {
    auto c = check(ctx, respond, access::session_token);
    if (!c.room) return;
    // Answered from the room's strand; the request is kept alive for it.
    auto req = std::make_shared<const http_request>(ctx.req);
    c.room->visible_questions(*c.who, [req, respond](nlohmann::json list) {
        respond(json_response(*req, http::status::ok, list));
    });
}

void session_routes::questions_csv(request_context& ctx, const responder& respond) const {
    auto c = check(ctx, respond, access::moderator);
    if (!c.room) return;
    auto req = std::make_shared<const http_request>(ctx.req);
    const auto filename = "questions-" + ctx.params.at("id") + ".csv";
    c.room->all_questions([req, respond, filename](std::vector<core::question> questions) {
        respond(csv_response(*req, filename, core::questions_csv(questions)));
    });
}

void session_routes::stats(request_context& ctx, const responder& respond) const {
    auto c = check(ctx, respond, access::staff);
    if (!c.room) return;
    auto req = std::make_shared<const http_request>(ctx.req);
    c.room->stats([req, respond](nlohmann::json stats) { respond(json_response(*req, http::status::ok, stats)); });
}

void session_routes::post_transcript(request_context& ctx, const responder& respond) const {
    auto c = check(ctx, respond, access::any_token);
    if (!c.room) return;
    // The body is a segment without "session": decode it as the WebSocket message it stands for.
    auto body = nlohmann::json::parse(ctx.req.body(), nullptr, false);
    if (!body.is_object())
        return respond(error_response(ctx.req, core::error_code::bad_request, "The body must be a segment"));
    body["type"] = "transcript";
    body["session"] = ctx.params.at("id");
    auto decoded = core::decode_client_message(body.dump());
    if (const auto* failure = std::get_if<core::decode_failure>(&decoded))
        return respond(error_response(ctx.req, core::error_code::bad_request, failure->message));
    auto link = std::make_shared<http_reply_link>(std::move(*c.who), std::make_shared<const http_request>(ctx.req),
                                                  respond);
    c.room->execute(std::move(link), std::move(std::get<core::client_message>(decoded)));
}

void session_routes::transcript(request_context& ctx, const responder& respond, bool webvtt) const {
    auto c = check(ctx, respond, access::anyone);
    if (!c.room) return;
    auto req = std::make_shared<const http_request>(ctx.req);
    std::optional<core::replay_clock> clock;
    if (const auto asked = ctx.target.query_param("clock"); asked && webvtt) {
        if (*asked != "program" || ctx.target.query_count("clock") > 1)
            return respond(error_response(*req, core::error_code::bad_request, R"(The clock may only be "program")"));
        const auto window = replays_.window(ctx.params.at("id"));
        if (window) clock = replays_.clock(window->hall, window->from_ms, window->to_ms.value_or(now_ms()));
        if (!clock || clock->empty())
            return respond(error_response(*req, core::error_code::not_found, "This session has no replay yet"));
    }
    c.room->transcript([req, respond, webvtt, clock = std::move(clock)](std::vector<core::transcript_segment> lines) {
        if (webvtt)
            return respond(text_response(*req, http::status::ok, "text/vtt; charset=utf-8",
                                         clock ? core::transcript_webvtt(lines, *clock) : core::transcript_webvtt(lines),
                                         cache::revalidate));
        auto segments = nlohmann::json::array();
        for (const auto& line : lines) segments.push_back(core::segment_json(line));
        respond(json_response(*req, http::status::ok, {{"segments", std::move(segments)}}, cache::revalidate));
    });
}

namespace {

std::string ms_or_null(std::optional<std::int64_t> ms) { return ms ? std::to_string(*ms) : "null"; }

}  // namespace

void session_routes::timeline(request_context& ctx, const responder& respond) const {
    auto c = check(ctx, respond, access::anyone);
    if (!c.room) return;
    const auto& session = ctx.params.at("id");
    auto req = std::make_shared<const http_request>(ctx.req);
    const auto window = replays_.window(session);
    // {"session","from_ms","to_ms","items"}, in the order docs/protocol.md lists them.
    auto head = R"({"session":)" + nlohmann::json(session).dump() + R"(,"from_ms":)" +
                ms_or_null(window ? std::optional(window->from_ms) : std::nullopt) + R"(,"to_ms":)" +
                ms_or_null(window ? window->to_ms : std::nullopt) + R"(,"items":)";
    // Once the session has ended its timeline is as lasting as the replay's playlist.
    const auto cache_control = window && window->to_ms ? cache::ended_replay : cache::revalidate;
    // Built and compressed on the reader's thread: a long timeline costs a network thread nothing.
    timelines_.items(session, [req, respond, head = std::move(head), cache_control](std::shared_ptr<const std::string> items) {
        if (!items) return respond(error_response(*req, core::error_code::internal, "The timeline could not be read"));
        auto body = head;
        body += *items;
        body += '}';
        respond(text_response(*req, http::status::ok, "application/json; charset=utf-8", std::move(body), cache_control));
    });
}

}  // namespace veche::net
