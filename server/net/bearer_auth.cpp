#include "net/bearer_auth.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace veche::net {

std::optional<core::identity> bearer_identity(const http_request& req, const auth::token_codec& tokens) {
    const std::string_view header = req[http::field::authorization];
    constexpr std::string_view scheme = "Bearer ";
    if (header.size() <= scheme.size() || !std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        }))
        return std::nullopt;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto verified = tokens.verify(header.substr(scheme.size()), now);
    if (auto* who = std::get_if<core::identity>(&verified)) return std::move(*who);
    return std::nullopt;
}

}  // namespace veche::net
