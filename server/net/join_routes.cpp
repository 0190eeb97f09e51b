#include "net/join_routes.hpp"

#include "auth/constant_time.hpp"
#include "auth/random_id.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/affiliation_text.hpp"
#include "core/text_hygiene.hpp"
#include "net/http_responses.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

namespace veche::net {
namespace {

constexpr const char* refused_help = "Joins refused, by reason";

}  // namespace

join_routes::join_routes(const auth::token_codec& tokens, const config::settings& settings, metrics_registry& metrics)
    : tokens_(tokens),
      auth_(settings.auth),
      limits_(settings.limits),
      regions_(settings.regions),
      regions_json_(nlohmann::json{{"regions", settings.regions.names()}}.dump()),
      per_ip_(settings.limits.joins_per_minute_per_ip),
      joined_(metrics.make_counter("veche_joins_total", "Participant tokens minted by POST /api/v1/join")),
      refused_{&metrics.make_counter("veche_joins_refused_total", refused_help, {{"reason", "bad_request"}}),
               &metrics.make_counter("veche_joins_refused_total", refused_help, {{"reason", "too_long"}}),
               &metrics.make_counter("veche_joins_refused_total", refused_help, {{"reason", "unknown_region"}}),
               &metrics.make_counter("veche_joins_refused_total", refused_help, {{"reason", "join_code"}}),
               &metrics.make_counter("veche_joins_refused_total", refused_help, {{"reason", "rate_limited"}})} {}

void join_routes::install(router& r) {
    r.add(http::verb::post, "/api/v1/join", [this](request_context& ctx, responder respond) { join(ctx, respond); });
    r.add(http::verb::get, "/api/v1/regions", [this](request_context& ctx, responder respond) {
        respond(text_response(ctx.req, http::status::ok, "application/json", regions_json_, cache::revalidate));
    });
}

void join_routes::refuse(const request_context& ctx, const responder& respond, refusal_reason reason,
                         core::error_code code, std::string_view message) {
    refused_[static_cast<std::size_t>(reason)]->inc();
    respond(error_response(ctx.req, code, message));
}

void join_routes::join(request_context& ctx, const responder& respond) {
    const auto& req = ctx.req;
    const auto bad = [&](std::string_view message) {
        refuse(ctx, respond, refusal_reason::bad_request, core::error_code::bad_request, message);
    };
    nlohmann::json body = nlohmann::json::object();
    if (!req.body().empty()) {
        body = nlohmann::json::parse(req.body(), nullptr, false);
        if (body.is_discarded() || !body.is_object()) return bad("The body must be a JSON object");
    }
    // A string field, "" when absent or null; nothing when it is of another type.
    const auto text_field = [&](const char* key) -> std::optional<std::string> {
        const auto it = body.find(key);
        if (it == body.end() || it->is_null()) return std::string();
        if (!it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    const auto raw_name = text_field("name"), code = text_field("code"), raw_org = text_field("org"),
               raw_region = text_field("region");
    if (!raw_name) return bad("\"name\" must be a string");
    if (!code) return bad("\"code\" must be a string");
    if (!raw_org) return bad("\"org\" must be a string");
    if (!raw_region) return bad("\"region\" must be a string");
    const auto name = core::clean_user_text(*raw_name, false);
    if (!name) return bad("\"name\" is not valid UTF-8");
    if (name->code_points > limits_.name_chars)
        return refuse(ctx, respond, refusal_reason::too_long, core::error_code::too_long,
                      "The name is longer than " + std::to_string(limits_.name_chars) + " characters");
    auto org = core::checked_org(*raw_org);
    if (const auto* refused = std::get_if<core::refusal>(&org))
        return refuse(ctx, respond,
                      refused->code == core::error_code::too_long ? refusal_reason::too_long : refusal_reason::bad_request,
                      refused->code, refused->message);
    if (!core::is_valid_utf8(*raw_region)) return bad("\"region\" is not valid UTF-8");
    auto region = core::checked_region(*raw_region, regions_);
    if (const auto* refused = std::get_if<core::refusal>(&region)) {
        if (refused->code == core::error_code::too_long)
            return refuse(ctx, respond, refusal_reason::too_long, refused->code, refused->message);
        return refuse(ctx, respond, refusal_reason::unknown_region, refused->code,
                      refused->message + " (GET /api/v1/regions lists them)");
    }

    const auto now = now_ms();
    if (!per_ip_.try_take(ctx.remote.address().to_string(), now))
        return refuse(ctx, respond, refusal_reason::rate_limited, core::error_code::rate_limited,
                      "Too many joins from this address, try again in a minute");
    if (auth_.join_code && !auth::constant_time_equal(*code, *auth_.join_code))
        return refuse(ctx, respond, refusal_reason::join_code, core::error_code::forbidden, "Wrong join code");

    core::identity who;
    who.id = auth::random_id("p-");
    who.name = name->text;
    who.role = core::role::participant;
    who.expires_at = now + std::chrono::duration_cast<std::chrono::milliseconds>(auth_.join_token_ttl).count();
    // Self-declared: the token says so, and moderators see it.
    who.affiliation = {std::get<std::string>(std::move(org)), std::get<std::string>(std::move(region)), false};
    joined_.inc();
    log::info("joined participant=", who.id);
    const auto or_null = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    respond(json_response(req, http::status::ok,
                          {{"token", tokens_.issue(who)},
                           {"participant",
                            {{"id", who.id},
                             {"name", or_null(who.name)},
                             {"org", or_null(who.affiliation.org)},
                             {"region", or_null(who.affiliation.region)},
                             {"verified", false}}}}));
}

}  // namespace veche::net
