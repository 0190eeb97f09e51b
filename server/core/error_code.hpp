#pragma once

#include "core/enum_text.hpp"

#include <string>

namespace veche::core {

// The error codes of every refusal (docs/protocol.md, "Requests").
enum class error_code { bad_request, unauthorized, forbidden, not_found, closed, too_long, rate_limited, conflict, internal };

template <>
inline constexpr std::string_view enum_names<error_code> = "bad_request unauthorized forbidden not_found closed too_long rate_limited conflict internal";

// A refusal: the code and a message for humans (never echoing user text).
struct refusal {
    error_code code;
    std::string message;
};

}  // namespace veche::core
