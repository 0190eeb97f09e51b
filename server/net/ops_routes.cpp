#include "net/ops_routes.hpp"

#include "net/http_responses.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {

ops_routes::ops_routes(const metrics_registry& metrics, const config::metrics_settings& settings,
                       const std::atomic<bool>& draining, std::function<void(nlohmann::json&)> health)
    : metrics_(metrics), settings_(settings), draining_(draining), health_(std::move(health)) {}

bool ops_routes::may_scrape(const asio::ip::address& remote) const {
    return settings_.allow_from.empty() || config::any_contains(settings_.allow_from, remote);
}

void ops_routes::install(router& r) const {
    r.add(http::verb::get, "/healthz", [this](request_context& ctx, responder respond) {
        nlohmann::json body{{"status", draining_ ? "draining" : "ok"}};
        if (health_) health_(body);
        respond(json_response(ctx.req, draining_ ? http::status::service_unavailable : http::status::ok, body));
    });
    r.add(http::verb::get, "/metrics", [this](request_context& ctx, responder respond) {
        if (!may_scrape(ctx.remote.address()))
            return respond(error_response(ctx.req, core::error_code::forbidden, "Metrics are not public"));
        respond(text_response(ctx.req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8", metrics_.render()));
    });
}

}  // namespace veche::net
