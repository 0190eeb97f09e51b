#include "net/audit_routes.hpp"

#include "net/bearer_auth.hpp"
#include "net/http_responses.hpp"

namespace veche::net {

void audit_routes::install(router& r) {
    r.add(http::verb::get, "/api/v1/sessions/{id}/audit.csv",
          [this](request_context& ctx, responder respond) { audit_csv(ctx, respond); });
}

void audit_routes::audit_csv(request_context& ctx, const responder& respond) const {
    const auto& req = ctx.req;
    const auto who = bearer_identity(req, tokens_);
    if (!who) return respond(error_response(req, core::error_code::unauthorized, "A valid bearer token is required"));
    // Only a session of the event: its id, checked against the config, names the file below.
    const auto room = rooms_.find(ctx.params.at("id"));
    if (!room) return respond(error_response(req, core::error_code::not_found, "No such session"));
    if (!who->may_access(room->id()) || !who->is_moderator())
        return respond(error_response(req, core::error_code::forbidden, "Only moderators and admins read the audit"));
    auto shared_req = std::make_shared<const http_request>(req);
    const auto filename = "audit-" + room->id() + ".csv";
    // Read and compressed on the reader's thread: a long trail costs a network thread nothing.
    audits_.csv(room->id(), who->role == core::role::admin,
                [shared_req, respond, filename](std::optional<std::string> csv) {
                    if (!csv)
                        return respond(
                            error_response(*shared_req, core::error_code::internal, "The audit could not be read"));
                    respond(csv_response(*shared_req, filename, std::move(*csv)));
                });
}

}  // namespace veche::net
