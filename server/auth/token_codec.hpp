#pragma once
// Issues and verifies the JWTs of docs/protocol.md ("Identity"): HS256 only, with the
// claims sub, role, name, exp, sessions, and a delegate's org, region and verified.

#include "core/identity.hpp"
#include "core/region_list.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace veche::auth {

class token_codec {
public:
    // A region a token names is given the list's spelling when the list has it;
    // one it lacks is kept as the signer wrote it (the portal vouches for it).
    explicit token_codec(std::string secret, core::region_list regions = {});

    std::string issue(const core::identity& who) const;

    // The identity, or why the token is refused (for logs and tests; never
    // shown with the token itself).
    std::variant<core::identity, std::string> verify(std::string_view token, core::epoch_ms now) const;

private:
    std::string sign(std::string_view signing_input) const;
    // Why the delegate claims are refused, or nothing (they are in `out` then).
    std::optional<std::string> read_affiliation(const nlohmann::json& claims, core::affiliation& out) const;

    std::string secret_;
    core::region_list regions_;
};

}  // namespace veche::auth
