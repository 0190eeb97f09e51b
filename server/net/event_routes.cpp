#include "net/event_routes.hpp"

#include "net/http_responses.hpp"

namespace veche::net {

void event_routes::install(router& r) const {
    r.add(http::verb::get, "/api/v1/event", [this](request_context& ctx, responder respond) {
        respond(json_response(ctx.req, http::status::ok, catalog_.event_json(), cache::revalidate));
    });
    r.add(http::verb::get, "/api/v1/sessions/{id}", [this](request_context& ctx, responder respond) {
        auto session = catalog_.session_json(ctx.params.at("id"));
        if (!session) return respond(error_response(ctx.req, core::error_code::not_found, "No such session"));
        respond(json_response(ctx.req, http::status::ok, *session, cache::revalidate));
    });
}

}  // namespace veche::net
