#include "net/http_reply_link.hpp"

#include "net/http_responses.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {
namespace {

http::status status_of(std::string_view code) {
    if (code == "bad_request" || code == "too_long") return http::status::bad_request;
    if (code == "unauthorized") return http::status::unauthorized;
    if (code == "forbidden") return http::status::forbidden;
    if (code == "not_found") return http::status::not_found;
    if (code == "closed" || code == "conflict") return http::status::conflict;
    if (code == "rate_limited") return http::status::too_many_requests;
    return http::status::internal_server_error;
}

}  // namespace

void http_reply_link::send(hub::frame f) {
    if (answered_.exchange(true)) return;
    auto message = nlohmann::json::parse(*f);
    const std::string type = message.value("type", "");
    message.erase("type");
    message.erase("rid");
    if (type == "error") {
        const std::string code = message.value("code", "internal");
        return respond_(error_response(*req_, status_of(code), code, message.value("message", "")));
    }
    respond_(json_response(*req_, http::status::ok, message));
}

}  // namespace veche::net
