#include "net/bearer_auth.hpp"

#include "common/wall_clock.hpp"

namespace veche::net {

std::optional<core::identity> bearer_identity(const http_request& req, const auth::token_codec& tokens) {
    const std::string_view header = req[http::field::authorization];
    constexpr std::string_view scheme = "Bearer ";
    if (header.size() <= scheme.size() || !beast::iequals(header.substr(0, scheme.size()), scheme)) return std::nullopt;
    auto verified = tokens.verify(header.substr(scheme.size()), now_ms());
    if (auto* who = std::get_if<core::identity>(&verified)) return std::move(*who);
    return std::nullopt;
}

}  // namespace veche::net
