#include "net/join_routes.hpp"

#include "auth/constant_time.hpp"
#include "auth/random_id.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/text_hygiene.hpp"
#include "net/http_responses.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

namespace veche::net {

join_routes::join_routes(const auth::token_codec& tokens, const config::auth_settings& auth,
                         const config::limit_settings& limits)
    : tokens_(tokens), auth_(auth), limits_(limits), per_ip_(limits.joins_per_minute_per_ip) {}

void join_routes::install(router& r) {
    r.add(http::verb::post, "/api/v1/join", [this](request_context& ctx, responder respond) { join(ctx, respond); });
}

void join_routes::join(request_context& ctx, const responder& respond) {
    const auto& req = ctx.req;
    const auto bad = [&](std::string_view message) {
        respond(error_response(req, core::error_code::bad_request, message));
    };
    nlohmann::json body = nlohmann::json::object();
    if (!req.body().empty()) {
        body = nlohmann::json::parse(req.body(), nullptr, false);
        if (body.is_discarded() || !body.is_object()) return bad("The body must be a JSON object");
    }
    std::string name;
    if (const auto it = body.find("name"); it != body.end() && !it->is_null()) {
        if (!it->is_string()) return bad("\"name\" must be a string");
        const auto clean = core::clean_user_text(it->get<std::string>(), false);
        if (!clean) return bad("\"name\" is not valid UTF-8");
        if (clean->code_points > limits_.name_chars)
            return respond(error_response(req, core::error_code::too_long,
                                          "The name is longer than " + std::to_string(limits_.name_chars) +
                                              " characters"));
        name = clean->text;
    }
    std::string code;
    if (const auto it = body.find("code"); it != body.end() && !it->is_null()) {
        if (!it->is_string()) return bad("\"code\" must be a string");
        code = it->get<std::string>();
    }
    const auto now = now_ms();
    if (!per_ip_.try_take(ctx.remote.address().to_string(), now))
        return respond(error_response(req, core::error_code::rate_limited,
                                      "Too many joins from this address, try again in a minute"));
    if (auth_.join_code && !auth::constant_time_equal(code, *auth_.join_code))
        return respond(error_response(req, core::error_code::forbidden, "Wrong join code"));

    core::identity who;
    who.id = auth::random_id("p-");
    who.name = name;
    who.role = core::role::participant;
    who.expires_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(auth_.join_token_ttl).count();
    log::info("joined participant=", who.id);
    respond(json_response(req, http::status::ok,
                          {{"token", tokens_.issue(who)},
                           {"participant", {{"id", who.id}, {"name", name.empty() ? nlohmann::json(nullptr)
                                                                                   : nlohmann::json(name)}}}}));
}

}  // namespace veche::net
