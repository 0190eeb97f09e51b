#pragma once

#include "core/enum_text.hpp"

#include <string>

namespace veche::core {

// The error codes of every refusal (docs/protocol.md, "Requests").
enum class error_code { bad_request, unauthorized, forbidden, not_found, closed, too_long, rate_limited, conflict, internal };

template <>
struct enum_text<error_code> {
    static constexpr enum_name<error_code> names[] = {
        {error_code::bad_request, "bad_request"}, {error_code::unauthorized, "unauthorized"},
        {error_code::forbidden, "forbidden"},     {error_code::not_found, "not_found"},
        {error_code::closed, "closed"},           {error_code::too_long, "too_long"},
        {error_code::rate_limited, "rate_limited"}, {error_code::conflict, "conflict"},
        {error_code::internal, "internal"}};
};

// A refusal: the code and a message for humans (never echoing user text).
struct refusal {
    error_code code;
    std::string message;
};

}  // namespace veche::core
