#include "net/http_reply_link.hpp"

#include "net/http_responses.hpp"

#include <nlohmann/json.hpp>

namespace veche::net {

void http_reply_link::send(hub::frame f) {
    if (answered_.exchange(true)) return;
    auto message = nlohmann::json::parse(*f);
    const std::string type = message.value("type", "");
    message.erase("type");
    message.erase("rid");
    if (type == "error") {
        const auto code = core::parse_enum<core::error_code>(message.value("code", "")).value_or(core::error_code::internal);
        return respond_(error_response(*req_, code, message.value("message", "")));
    }
    respond_(json_response(*req_, http::status::ok, message));
}

}  // namespace veche::net
