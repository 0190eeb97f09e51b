#include "net/question_routes.hpp"

#include "core/questions_csv.hpp"
#include "net/bearer_auth.hpp"
#include "net/http_responses.hpp"

#include <memory>

namespace veche::net {
namespace {

// The caller and the room, or the response refusing them.
struct checked_request {
    std::optional<core::identity> who;
    std::shared_ptr<hub::room> room;
};

checked_request check(request_context& ctx, const responder& respond, hub::hub& rooms,
                      const auth::token_codec& tokens, bool moderators_only) {
    const auto& req = ctx.req;
    auto who = bearer_identity(req, tokens);
    if (!who) {
        respond(error_response(req, core::error_code::unauthorized, "A valid bearer token is required"));
        return {};
    }
    const auto& session = ctx.params.at("id");
    auto room = rooms.find(session);
    if (!room) {
        respond(error_response(req, core::error_code::not_found, "No such session"));
        return {};
    }
    if (!who->may_access(session) || (moderators_only && !who->is_moderator())) {
        respond(error_response(req, core::error_code::forbidden, "This token may not read this"));
        return {};
    }
    return {std::move(who), std::move(room)};
}

}  // namespace

void question_routes::install(router& r) {
    r.add(http::verb::get, "/api/v1/sessions/{id}/questions", [this](request_context& ctx, responder respond) {
        auto checked = check(ctx, respond, rooms_, tokens_, false);
        if (!checked.room) return;
        // Answered from the room's strand; the request is kept alive for it.
        auto req = std::make_shared<http_request>(ctx.req);
        checked.room->visible_questions(*checked.who, [req, respond](nlohmann::json list) {
            respond(json_response(*req, http::status::ok, list));
        });
    });
    r.add(http::verb::get, "/api/v1/sessions/{id}/questions.csv", [this](request_context& ctx, responder respond) {
        auto checked = check(ctx, respond, rooms_, tokens_, true);
        if (!checked.room) return;
        auto req = std::make_shared<http_request>(ctx.req);
        const auto filename = "questions-" + ctx.params.at("id") + ".csv";
        checked.room->all_questions([req, respond, filename](std::vector<core::question> questions) {
            http::response<http::string_body> res{http::status::ok, req->version()};
            res.set(http::field::content_type, "text/csv; charset=utf-8");
            res.set(http::field::content_disposition, "attachment; filename=\"" + filename + "\"");
            res.set(http::field::cache_control, cache::none);
            res.body() = core::questions_csv(questions);
            respond(finish_response(*req, std::move(res)));
        });
    });
}

}  // namespace veche::net
