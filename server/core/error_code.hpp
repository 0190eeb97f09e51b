#pragma once

#include <string>
#include <string_view>

namespace veche::core {

// The contract's error codes (section 3).
enum class error_code { bad_request, unauthorized, forbidden, not_found, closed, too_long, rate_limited, conflict, internal };

std::string_view to_string(error_code e);

// A refusal: the code and a message for humans (never echoing user text).
struct refusal {
    error_code code;
    std::string message;
};

}  // namespace veche::core
