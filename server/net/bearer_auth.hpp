#pragma once

#include "auth/token_codec.hpp"
#include "net/http_types.hpp"

#include <optional>

namespace veche::net {

// The identity of "Authorization: Bearer TOKEN", or nothing when the header
// is missing or the token does not verify.
std::optional<core::identity> bearer_identity(const http_request& req, const auth::token_codec& tokens);

}  // namespace veche::net
