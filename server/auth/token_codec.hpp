#pragma once
// Issues and verifies the JWTs of docs/protocol.md ("Identity"): HS256 only, with the
// claims sub, role, name, exp and sessions.

#include "core/identity.hpp"

#include <string>
#include <string_view>
#include <variant>

namespace veche::auth {

class token_codec {
public:
    explicit token_codec(std::string secret);

    std::string issue(const core::identity& who) const;

    // The identity, or why the token is refused (for logs and tests; never
    // shown with the token itself).
    std::variant<core::identity, std::string> verify(std::string_view token, core::epoch_ms now) const;

private:
    std::string sign(std::string_view signing_input) const;

    std::string secret_;
};

}  // namespace veche::auth
